"""pipeline.qa.review: a page a reviewer can trust: escaped, complete, the same bytes every time."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.drafts.glossary import Glossary, load_glossary
from pipeline.project import Project
from pipeline.qa.checks import CheckContext, Finding, Severity, check_catalog, check_project
from pipeline.qa.review import MACHINE_DRAFT, MISSING, REVIEWED, render_review, review_rows, write_review

from .conftest import ROOT

PATH = "locales/de/LC_MESSAGES/a.po"


def three_states() -> Catalog:
    catalog = Catalog(locale="de")
    catalog.add("Bonjour.", "Hallo.", lineno=10, user_comments=["Checked with the author."])
    catalog.add(
        "Au revoir.",
        "Auf Wiedersehen.",
        lineno=14,
        flags=["fuzzy"],
        auto_comments=["machine translation: deepl"],
    )
    catalog.add("Merci « beaucoup ».", "", lineno=18)
    return catalog


def page_of(catalog: Catalog) -> str:
    findings = check_catalog(catalog, PATH, CheckContext("de", Glossary(), "a"))
    return render_review("de", review_rows(catalog, "a", PATH, findings))


def test_every_message_shows_its_state_and_a_machine_draft_its_engine() -> None:
    rows = review_rows(three_states(), "a", PATH, [])
    assert [(row.line, row.state, row.origin) for row in rows] == [
        (10, REVIEWED, None),
        (14, MACHINE_DRAFT, "deepl"),
        (18, MISSING, None),
    ]
    page = page_of(three_states())
    assert '<span class="state">reviewed</span>' in page
    assert '<span class="state">machine draft (deepl)</span>' in page
    assert '<span class="state">missing</span>' in page
    assert "Checked with the author." in page
    counts = re.sub(r"<[^>]+>", "", re.search(r'<ul class="counts">.*?</ul>', page)[0])  # type: ignore[index]
    assert counts == "3 messages1 reviewed1 machine drafts1 missing2 errors0 warnings"


def test_findings_are_shown_beside_their_message() -> None:
    page = page_of(three_states())
    row = next(line for line in page.splitlines() if "Auf Wiedersehen." in line)
    assert "<strong>error</strong> fuzzy: expected a reviewed translation" in row
    assert "untranslated" not in row


def test_translations_are_escaped_never_run() -> None:
    catalog = Catalog(locale="de")
    catalog.add('Un <b>titre</b> & "guillemets"', "<script>alert('x')</script> & Titel", lineno=3)
    page = page_of(catalog)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Titel" in page
    assert "Un &lt;b&gt;titre&lt;/b&gt; &amp; &quot;guillemets&quot;" in page


def test_the_page_is_self_contained_and_in_the_reviewed_language() -> None:
    page = page_of(three_states())
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert '<td class="text" lang="fr">Bonjour.</td>' in page
    assert not re.search(r"<(script|link|img|iframe)\b|\b(src|href)=|url\(|@import", page)


def test_the_same_catalog_gives_the_same_bytes() -> None:
    assert page_of(three_states()) == page_of(three_states())


def test_write_review_writes_one_page_per_language_atomically(tmp_path: Path) -> None:
    project = Project(ROOT)
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    findings = check_project(project, project.languages(), glossary)
    output = write_review(project, "pl", findings, tmp_path / "review")
    assert output == tmp_path / "review" / "pl.html"
    first = output.read_bytes()
    assert write_review(project, "pl", findings, tmp_path / "review") == output
    assert output.read_bytes() == first
    assert sorted(path.name for path in output.parent.iterdir()) == ["pl.html"]  # no temporary file left
    page = first.decode("utf-8")
    assert "Simonem Letonturierem" in page and "Interface words" in page
    assert "unchanged: expected a translation" in page  # the warning on "E-book (EPUB)"


def test_a_missing_catalog_is_shown_from_its_template(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("---\ntitle: Titre\nlang: fr\n---\n", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "a.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "Titre"\nmsgstr ""\n', "utf-8")
    project = Project(tmp_path)
    missing = Finding(
        "locales/de/LC_MESSAGES/a.po", None, Severity.ERROR, "missing", "expected a catalog, found none"
    )
    page = write_review(project, "de", [missing], tmp_path / "review").read_text(encoding="utf-8")
    assert '<td class="text" lang="fr">Titre</td>' in page
    assert '<span class="state">missing</span>' in page
    assert "locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none" in page
