"""pipeline.catalogs.po: strict reading, deterministic writing, updates that lose nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from pipeline.catalogs.po import (
    count_catalog,
    new_catalog,
    parse_catalog,
    serialize_catalog,
    update_catalog,
    write_catalog,
)
from pipeline.document import parse_document
from pipeline.errors import CatalogError
from pipeline.extract import extract_template

from ..msgfmt import msgfmt_errors


def template_of(body: str):  # type: ignore[no-untyped-def]
    return extract_template(parse_document(f"---\ntitle: Titre\nlang: fr\n---\n\n{body}", "source/a.md"))


def translated_catalog():  # type: ignore[no-untyped-def]
    catalog = new_catalog(
        template_of(
            "Premier paragraphe inchangé.\n\nUn second paragraphe qui va changer un peu.\n\nÀ supprimer.\n"
        ),
        "de",
    )
    catalog.get("Titre").string = "Titel"
    catalog.get("Premier paragraphe inchangé.").string = "Erster Absatz, unverändert."
    catalog.get("Un second paragraphe qui va changer un peu.").string = "Ein zweiter Absatz, der sich ändert."
    catalog.get("À supprimer.").string = "Zu löschen."
    return catalog


def test_after_a_source_edit_nothing_reviewed_is_lost() -> None:
    catalog = parse_catalog(serialize_catalog(translated_catalog()).decode(), "de.po", "de")
    new = template_of("Premier paragraphe inchangé.\n\nUn second paragraphe qui va changer beaucoup.\n")
    updated = update_catalog(catalog, new)
    kept = updated.get("Premier paragraphe inchangé.")
    assert kept is not None and kept.string == "Erster Absatz, unverändert." and not kept.fuzzy
    changed = updated.get("Un second paragraphe qui va changer beaucoup.")
    assert changed is not None and changed.fuzzy
    assert changed.string == "Ein zweiter Absatz, der sich ändert."
    text = serialize_catalog(updated).decode()
    assert '#| msgid "Un second paragraphe qui va changer un peu."' in text
    assert '#~ msgid "À supprimer."' in text
    assert '#~ msgstr "Zu löschen."' in text


def test_serialising_is_stable_and_wrapped_at_76_columns() -> None:
    catalog = translated_catalog()
    catalog.get("Titre").string = "Ein sehr langer Titel " * 8
    first = serialize_catalog(catalog)
    assert first == serialize_catalog(parse_catalog(first.decode(), "de.po", "de"))
    assert max(len(line) for line in first.decode().splitlines()) <= 76


def test_write_catalog_writes_only_changed_bytes(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    assert write_catalog(path, translated_catalog()) is True
    assert write_catalog(path, translated_catalog()) is False
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_counts() -> None:
    catalog = translated_catalog()
    catalog.get("À supprimer.").string = ""
    catalog.get("Titre").flags.add("fuzzy")
    stats = count_catalog(catalog)
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.total) == (2, 1, 1, 4)


HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + 'msgid "a"\nmsgstr "b"\nnonsense\n', "de.po:6: expected a keyword (msgctxt, msgid, "),
        (
            HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
            'de.po:7: expected each msgid once, found a duplicate of "a"',
        ),
        (HEADER + 'msgid "a"\nmsgstr "b\\q"\n', "de.po:5: expected an escape gettext reads"),
    ],
)
def test_bad_catalogs_are_reported_with_their_line(text: str, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "de.po", "de")
    assert str(caught.value).startswith(message)


def test_a_written_catalog_names_neither_the_clock_nor_the_babel_version() -> None:
    data = serialize_catalog(translated_catalog())
    assert b"POT-Creation-Date" not in data and b"Generated-By" not in data
    assert b'"Content-Type: text/plain; charset=utf-8\\n"' in data


#: A paragraph long enough for its previous msgid to be wrapped over several lines.
LONG = (
    "Les missions du service sont diverses. Auprès d’autres collectivités partenaires, de réseaux, "
    "la ville de Rennes développe une politique d’ouverture, vers l’Europe et l’International, "
    'pour son territoire, et « Rennes » y rime avec \\ et "guillemets".'
)


def long_catalog() -> Catalog:
    catalog = new_catalog(template_of(f"{LONG}\n\nCourt.\n"), "de")
    catalog.get(LONG).string = "Die Aufgaben der Abteilung sind vielfältig."
    catalog.get("Court.").string = "Kurz."
    return catalog


def written(tmp_path: Path, catalog: Catalog, name: str = "de.po") -> Path:
    path = tmp_path / name
    write_catalog(path, catalog)
    return path


def test_a_previous_msgid_is_written_as_msgmerge_writes_it(tmp_path: Path) -> None:
    edited = LONG.replace("diverses", "variées")
    updated = update_catalog(long_catalog(), template_of(f"{edited}\n\nCourt.\n"))
    text = serialize_catalog(updated).decode()
    previous = [line for line in text.splitlines() if line.startswith("#|")]
    assert previous[0] == '#| msgid ""' and len(previous) > 2
    assert all(line.startswith('#| "') and line.endswith('"') and len(line) <= 76 for line in previous[1:])
    assert all(len(line) > 60 for line in previous[1:-1])  # wrapped at the width, not at half of it
    again = parse_catalog(text, "de.po", "de").get(edited)
    assert again is not None and again.fuzzy and again.previous_id == [LONG]
    assert msgfmt_errors(written(tmp_path, updated)) == []


def test_babel_alone_wraps_a_previous_msgid_into_lines_gettext_cannot_read() -> None:
    """Why serialize_catalog writes the previous msgid itself (Babel 2.19: ``#| collectivités " "…``)."""
    updated = update_catalog(long_catalog(), template_of(f"{LONG.replace('diverses', 'variées')}\n"))
    buffer = io.BytesIO()
    write_po(buffer, updated, width=76, include_previous=True)
    babel = [line for line in buffer.getvalue().decode().splitlines() if line.startswith("#|")]
    assert any('" "' in line for line in babel) or babel[0] != '#| msgid ""'


def test_a_second_update_keeps_the_previous_msgid_and_changes_nothing() -> None:
    template = template_of(f"{LONG.replace('diverses', 'variées')}\n\nCourt.\n")
    first = serialize_catalog(update_catalog(long_catalog(), template))
    second = serialize_catalog(update_catalog(parse_catalog(first.decode(), "de.po", "de"), template))
    assert second == first and b"#| msgid" in second


def test_an_obsolete_message_whose_french_comes_back_is_revived(tmp_path: Path) -> None:
    removed = update_catalog(long_catalog(), template_of(f"{LONG}\n"))
    assert '#~ msgid "Court."' in serialize_catalog(removed).decode()
    back = update_catalog(
        parse_catalog(serialize_catalog(removed).decode(), "de.po", "de"), template_of(f"{LONG}\n\nCourt.\n")
    )
    revived = back.get("Court.")
    assert revived is not None and revived.string == "Kurz." and not revived.fuzzy
    assert list(back.obsolete) == []
    assert msgfmt_errors(written(tmp_path, back)) == []


def test_a_percent_sign_in_french_prose_is_no_python_format(tmp_path: Path) -> None:
    catalog = new_catalog(template_of("Le budget : 20 % des dépenses.\n"), "pl")
    catalog.get("Le budget : 20 % des dépenses.").string = "Budżet: 20 % wydatków."
    assert "python-format" in catalog.get("Le budget : 20 % des dépenses.").flags  # Babel's guess
    data = serialize_catalog(catalog)
    assert b"python-format" not in data
    assert msgfmt_errors(written(tmp_path, catalog, "pl.po")) == []


def described(catalog: Catalog) -> list[tuple[object, ...]]:
    """Everything a written catalog holds, message by message (obsolete ones last)."""
    return [
        (
            message.id,
            message.string or "",  # an untranslated message is None in memory, "" on disk
            sorted(message.flags),
            message.locations,
            message.user_comments,
            message.auto_comments,
            message.previous_id,
            message.context,
        )
        for message in [*catalog, *catalog.obsolete.values()]
    ]


def test_what_we_write_we_read_back_identically(tmp_path: Path) -> None:
    catalog = new_catalog(template_of("Titre court.\n"), "pl")
    catalog.header_comment = "# Polish translation.\n# A note of the team.\n#"
    catalog.add(
        "\nLignes\tavec « tabulation »,\nretours à la ligne et \\ barre oblique.\n",
        "\nLinie\tz „tabulatorem”,\nz podziałem wierszy i \\ ukośnikiem.\n",
        locations=[("source/a b.md", 4), ("source/a.md", 9)],
        auto_comments=["paragraph"],
        user_comments=["A translator's note.", "Its second line."],
    )
    catalog.add(
        ("{n} page", "{n} pages"), ("{n} strona", "{n} strony", "{n} stron"), flags=["python-brace-format"]
    )
    catalog.add("Page", "Strona", context="menu")
    catalog.add(LONG, "Zadania są różne.", flags=["fuzzy"], previous_id=[LONG.replace("diverses", "variées")])
    obsolete = catalog.get("Titre court.")
    obsolete.string = "Krótki tytuł."
    catalog.obsolete["Titre court."] = obsolete
    catalog.delete("Titre court.")
    # An obsolete message keeps its translation and translator comments, no references (as Babel writes it).
    obsolete.user_comments, obsolete.auto_comments, obsolete.locations = ["kept for later"], [], []
    data = serialize_catalog(catalog)
    again = parse_catalog(data.decode(), "pl.po", "pl")
    assert described(again) == described(catalog)
    assert again.header_comment == catalog.header_comment
    assert serialize_catalog(again) == data
    assert msgfmt_errors(written(tmp_path, catalog, "pl.po")) == []


def test_a_long_comment_is_wrapped_once_and_then_read_line_by_line() -> None:
    """A comment wider than 76 columns (set by code) is wrapped as xgettext does; read, one per line."""
    catalog = new_catalog(template_of("Titre.\n"), "de")
    catalog.get("Titre.").auto_comments = [
        "translation memory: imported from " + "une-memoire-tres-longue-" * 3
    ]
    data = serialize_catalog(catalog)
    again = parse_catalog(data.decode(), "de.po", "de")
    assert len(again.get("Titre.").auto_comments) == 2
    assert serialize_catalog(again) == data


def test_a_catalog_names_the_language_its_msgids_are_written_in() -> None:
    article = Catalog(locale="de", project="un-article")
    ui = Catalog(locale="de", project="ui")
    assert '"X-Source-Language: fr\\n"' in serialize_catalog(article).decode()
    assert '"X-Source-Language: en\\n"' in serialize_catalog(ui).decode()
    for lang in ("de", "fr"):
        path = Path(__file__).resolve().parents[2] / "locales" / lang / "LC_MESSAGES" / "ui.po"
        assert '"X-Source-Language: en\\n"' in path.read_text("utf-8")


def test_an_update_keeps_the_origin_of_a_draft_still_awaiting_review() -> None:
    template = Catalog(project="un-article")
    template.add("Bonjour", auto_comments=["paragraph"])
    template.add("Il est resté 8 mois.", auto_comments=["paragraph"])
    template.add("Merci", auto_comments=["paragraph"])
    catalog = Catalog(locale="de", project="un-article")
    catalog.add(
        "Bonjour", "Hallo", flags={"fuzzy"}, auto_comments=["paragraph", "machine translation: deepl"]
    )
    catalog.add(
        "Il est resté huit mois.",
        "Er blieb acht Monate.",
        flags={"fuzzy"},
        auto_comments=["paragraph", "machine translation: libretranslate"],
    )
    catalog.add("Merci", "Danke", auto_comments=["paragraph", "translation memory: reviewed in a"])
    update_catalog(catalog, template)
    assert catalog["Bonjour"].auto_comments == ["paragraph", "machine translation: deepl"]
    changed = catalog["Il est resté 8 mois."]
    assert changed.fuzzy and changed.previous_id == ["Il est resté huit mois."]
    assert changed.auto_comments == ["paragraph", "machine translation: libretranslate"]
    assert catalog["Merci"].auto_comments == ["paragraph"], "a reviewed message's origin is history"
