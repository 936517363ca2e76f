"""pipeline.catalogs.po: strict reading, deterministic writing, updates that lose nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

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
