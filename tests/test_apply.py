"""pipeline.apply: round trip, release policy, draft fallback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.apply import apply_catalog, require_release
from pipeline.catalogs.po import new_catalog, read_catalog, write_catalog
from pipeline.document import parse_document
from pipeline.errors import ReleaseError
from pipeline.extract import extract_template

from .project import DATA, ROOT, SLUG, run_jumelage

SOURCES = [ROOT / "source" / f"{SLUG}.md", DATA / "rencontre-erlangen.md"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_an_empty_catalog_gives_back_the_french_document_block_for_block(source) -> None:  # type: ignore[no-untyped-def]
    document = parse_document(source.read_text(encoding="utf-8"), "source/a.md")
    empty = new_catalog(extract_template(document), "de")
    translation = apply_catalog(document, empty, "de", "de.po", draft=True)
    assert translation.body == document.body
    again = parse_document(translation.to_markdown(), "source/a.md")
    assert [(s.kind, s.text) for s in again.segments] == [(s.kind, s.text) for s in document.segments]


def document_and_catalog():  # type: ignore[no-untyped-def]
    document = parse_document(
        "---\ntitle: Titre\nlang: fr\n---\n\nPremier paragraphe assez long pour être coupé ici.\n\nSecond.\n",
        "source/a.md",
    )
    catalog = new_catalog(extract_template(document), "de")
    catalog.get("Titre").string = "Titel"
    return document, catalog


def test_release_names_every_untranslated_and_fuzzy_message() -> None:
    document, catalog = document_and_catalog()
    catalog.get("Second.").string = "Zweiter."
    catalog.get("Second.").flags.add("fuzzy")
    catalog.get("Second.").lineno = 30
    catalog.get("Premier paragraphe assez long pour être coupé ici.").lineno = 25
    translation = apply_catalog(document, catalog, "de", "locales/de/a.po")
    with pytest.raises(ReleaseError) as caught:
        require_release(translation.problems)
    assert str(caught.value).splitlines() == [
        'locales/de/a.po:25: untranslated: "Premier paragraphe assez long pour être…"',
        'locales/de/a.po:30: fuzzy: "Second."',
    ]


def test_a_message_missing_from_the_catalog_points_at_the_source() -> None:
    document, catalog = document_and_catalog()
    del catalog["Second."]
    problems = apply_catalog(document, catalog, "de", "de.po").problems
    assert str(problems[-1]) == 'source/a.md:8: untranslated: "Second." (not in de.po)'


def test_draft_uses_fuzzy_drafts_falls_back_to_french_and_says_draft() -> None:
    document, catalog = document_and_catalog()
    catalog.get("Second.").string = "Zweiter (Entwurf)."
    catalog.get("Second.").flags.add("fuzzy")
    translation = apply_catalog(document, catalog, "de", "de.po", draft=True)
    assert translation.meta["draft"] is True
    assert translation.meta["title"] == "Titel"
    assert translation.meta["lang"] == "de" and translation.meta["translated-from"] == "fr"
    assert "Premier paragraphe assez long" in translation.body
    assert "Zweiter (Entwurf)." in translation.body
    assert "Second." not in translation.body
    assert [problem.message for problem in translation.french] == [
        'untranslated: "Premier paragraphe assez long pour être…"'
    ]


def test_a_draft_names_each_message_it_prints_in_french_and_why() -> None:
    document, catalog = document_and_catalog()
    catalog.get("Second.").string = "<b>Zweiter.</b>"
    catalog.get("Second.").lineno = 30
    draft = apply_catalog(document, catalog, "de", "de.po", draft=True)
    assert "Second." in draft.body and "<b>" not in draft.body
    assert [str(problem) for problem in draft.french] == [
        'de.po: untranslated: "Premier paragraphe assez long pour être…"',
        "de.po:30: expected the markup of the French (none), found another (raw HTML </b>, raw HTML <b>)",
    ]
    assert apply_catalog(document, catalog, "de", "de.po").french == ()  # a release prints no French


@pytest.mark.parametrize("draft", [False, True], ids=["release", "draft"])
def test_a_translation_linking_to_javascript_never_reaches_the_document(draft: bool) -> None:
    document, catalog = document_and_catalog()
    catalog.get("Second.").string = "[Zweiter](&#106;avascript:alert(1))."
    translation = apply_catalog(document, catalog, "de", "de.po", draft=draft)
    assert "avascript" not in translation.body and "Second." in translation.body
    assert [str(problem) for problem in translation.problems][-1] == (
        "de.po: expected a link to the web or inside the project, "
        "found '&#106;avascript:alert(1)' (javascript:alert(1))"
    )


@pytest.mark.parametrize(
    ("french", "change"),
    [
        ("Le parcours de Simon Letonturier", lambda german: "Der Werdegang von <b>Simon Letonturier</b>"),
        ("**Conseil aux étudiants !**", lambda german: german.removesuffix("**")),
    ],
    ids=["raw HTML", "a dropped **"],
)
def test_check_release_and_draft_judge_a_translation_alike(
    project_copy: Path, french: str, change: Callable[[str], str]
) -> None:
    """What ``make check`` calls an error is what the release refuses, at the same line and in the
    same words, and what a draft prints in French instead, saying why."""
    path = project_copy / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = read_catalog(path, "de")
    message = catalog[french]
    german = message.string = change(str(message.string))
    write_catalog(path, catalog)
    line = next(entry for entry in read_catalog(path, "de") if entry.string == german).lineno
    shown = f"locales/de/LC_MESSAGES/{SLUG}.po:{line}"
    check = run_jumelage(project_copy, "check", "--lang", "de")
    errors = [line for line in check.stdout.splitlines() if "[error]" in line]
    assert check.returncode != 0 and len(errors) == 1 and errors[0].startswith(f"{shown}: [error] markup: ")
    reason = errors[0].removeprefix(f"{shown}: [error] markup: ")
    release = run_jumelage(project_copy, "build", "--lang", "de", "--format", "html")
    # The release refuses it with make check's own line, and builds nothing of the article.
    assert release.returncode == 1 and errors[0] in release.stderr.splitlines()
    assert f"refused de: {SLUG}: not built" in release.stderr.splitlines()
    draft = run_jumelage(project_copy, "build", "--lang", "de", "--format", "html", "--draft")
    assert draft.returncode == 0, draft.stderr
    assert f"{shown}: warning: printed in French in the de draft: {reason}" in draft.stderr.splitlines()
    page = (project_copy / "outputs" / "draft" / "de" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert german.strip("*<b>")[:14] not in page and french.strip("*")[:14] in page  # a name is marked up
