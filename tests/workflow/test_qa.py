"""pipeline.workflow.qa: the project's catalogs found, read and checked; the review pages written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pipeline.catalogs.po import message_string, read_catalog, write_catalog
from pipeline.drafts.glossary import load_glossary
from pipeline.project import Project
from pipeline.qa.checks import Severity
from pipeline.qa.runner import Finding, sort_findings
from pipeline.qa.spelling import foreign_spellings
from pipeline.workflow.catalogs import update_catalogs
from pipeline.workflow.qa import (
    catalog_domains,
    check_project,
    project_findings,
    read_for_review,
    write_review,
)

from ..project import ROOT, SLUG
from ..qa.one_message import GLOSSARY


def test_the_committed_catalogs_have_no_error() -> None:
    project = Project(ROOT)
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    findings = check_project(project, project.languages(), glossary)
    errors = [str(finding) for finding in findings if finding.severity is Severity.ERROR]
    assert errors == []


def test_a_missing_or_unreadable_catalog_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("---\ntitle: Titre\nlang: fr\n---\n", encoding="utf-8")
    ui = tmp_path / "locales" / "de" / "LC_MESSAGES" / "ui.po"
    ui.parent.mkdir(parents=True)
    ui.write_text('msgid "Contents"\nmsgstr "Inhalt"\nmsgid "Contents"\nmsgstr "Inhalt"\n', encoding="utf-8")
    findings = check_project(Project(tmp_path), ["de", "en"], GLOSSARY)
    assert [str(finding) for finding in sort_findings(findings)] == [
        "locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none",
        # Every problem of the catalog, not the first only.
        "locales/de/LC_MESSAGES/ui.po:1: [error] unreadable: "
        'expected the header entry (msgid "") first, found msgid "Contents"',
        "locales/de/LC_MESSAGES/ui.po:3: [error] unreadable: "
        'expected each msgid once, found a duplicate of "Contents"',
        "locales/en/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none",
    ]


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
    # The warning on "E-book (EPUB)" is accepted in the catalog (#, jumelage-ok:unchanged): shown so.
    assert "unchanged: expected a translation" not in page
    assert "<strong>Accepted warnings:</strong> unchanged" in page


def test_a_missing_catalog_is_shown_from_its_template(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("---\ntitle: Titre\nlang: fr\n---\n", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "a.pot").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Titre"\nmsgstr ""\n', "utf-8"
    )
    (tmp_path / "templates").mkdir()
    shutil.copy(ROOT / "templates" / "review.html", tmp_path / "templates")
    project = Project(tmp_path)
    missing = Finding(
        "locales/de/LC_MESSAGES/a.po", None, Severity.ERROR, "missing", "expected a catalog, found none"
    )
    page = write_review(project, "de", [missing], tmp_path / "review").read_text(encoding="utf-8")
    assert '<td class="text" lang="fr">Titre</td>' in page
    assert '<span class="state">missing</span>' in page
    assert "locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none" in page


def test_a_missing_and_a_broken_catalog_in_a_project_copy_are_findings(project_copy: Path) -> None:
    project = Project(project_copy)
    article = project.catalog_path("de", SLUG)
    article.unlink()
    ui = project.catalog_path("cs", "ui")
    ui.write_text('msgid "Contents"\nmsgstr "Obsah"\nmsgid "Contents"\nmsgstr "Obsah"\n', encoding="utf-8")
    errors = [str(f) for f in project_findings(project, ["de", "cs"]) if f.severity is Severity.ERROR]
    assert errors == [
        "locales/cs/LC_MESSAGES/ui.po:1: [error] unreadable: "
        'expected the header entry (msgid "") first, found msgid "Contents"',
        "locales/cs/LC_MESSAGES/ui.po:3: [error] unreadable: "
        'expected each msgid once, found a duplicate of "Contents"',
        f"locales/de/LC_MESSAGES/{SLUG}.po: [error] missing: expected a catalog, found none",
    ]
    # The review page still shows the missing catalog, from its template, and skips the broken one.
    assert read_for_review(project, "cs", "ui") is None
    template = read_for_review(project, "de", SLUG)
    assert template is not None and all(not message.string for message in template if message.id)


def test_french_has_only_the_interface_catalog_and_english_may_lack_it(project_copy: Path) -> None:
    project = Project(project_copy)
    assert catalog_domains(project, "fr") == ["ui"]
    assert catalog_domains(project, "de") == [SLUG, "rennes-international", "ui"]
    project.catalog_path("en", "ui").unlink()
    project.catalog_path("fr", "ui").unlink()
    assert [str(f) for f in check_project(project, ["en", "fr"], GLOSSARY) if f.check == "missing"] == [
        "locales/fr/LC_MESSAGES/ui.po: [error] missing: expected a catalog, found none"
    ]


def test_findings_come_most_severe_first(project_copy: Path) -> None:
    findings = project_findings(Project(project_copy), ["de", "pl", "fr"])
    assert findings == sort_findings(findings) and findings


def test_the_editions_placeholders_are_warnings_of_the_project(project_copy: Path) -> None:
    project = Project(project_copy)
    placeholders = [
        finding for finding in project_findings(project, ["fr"]) if finding.check == "placeholder"
    ]
    assert [(finding.path, finding.severity) for finding in placeholders] == [
        ("source/editions.yml", Severity.WARNING)
    ] * 4


def test_preflight_on_an_unbuilt_project_names_each_missing_pdf_and_each_placeholder(
    project_copy: Path,
) -> None:
    from pipeline.workflow.qa import preflight_problems, release_pdfs

    project = Project(project_copy)
    problems = [str(problem) for problem in preflight_problems(project)]
    placeholders = [problem for problem in problems if problem.startswith("source/editions.yml:")]
    missing = [problem for problem in problems if "expected a built PDF" in problem]
    assert len(placeholders) == 4
    # The A5 PDF of each language, and each edition's screen, print and booklet PDFs, the article's and
    # the collection's.
    assert len(missing) == len(release_pdfs(project)) == 5 + 6 * 3 * 2
    assert (
        f"outputs/editions/brno/{SLUG}-brno-print.pdf: expected a built PDF, found none (run make first)"
        in (problems)
    )


def test_preflight_of_a_selection_looks_at_its_files_only(project_copy: Path) -> None:
    from pipeline.workflow.qa import preflight_problems, release_pdfs
    from pipeline.workflow.selection import Selection

    project = Project(project_copy)
    erlangen = Selection(editions=("erlangen",))
    assert [
        path.name for path, _ in release_pdfs(project, Selection(languages=("de",), editions=("erlangen",)))
    ] == [
        f"{SLUG}.pdf",
        f"{SLUG}-erlangen.pdf",
        f"{SLUG}-erlangen-print.pdf",
        f"{SLUG}-erlangen-booklet.pdf",
        "rennes-international-erlangen.pdf",
        "rennes-international-erlangen-print.pdf",
        "rennes-international-erlangen-booklet.pdf",
    ]
    missing = [
        str(problem)
        for problem in preflight_problems(project, erlangen)
        if "expected a built PDF" in str(problem)
    ]
    assert len(missing) == 5 + 3 * 2 and not any("brno" in problem for problem in missing)
    # German alone: Erlangen's brochures, none of the English cities'.
    german = [path.parent.name for path, _ in release_pdfs(project, Selection(languages=("de",)))][1:]
    assert german == ["erlangen"] * 6


EN = f"locales/en/LC_MESSAGES/{SLUG}.po"
EN_US = f"locales/en_US/LC_MESSAGES/{SLUG}.po"


def americanize(project: Project) -> int:
    """What the translator does: an en_US override for every en message that spells a word the British way."""
    update_catalogs(project)  # creates the en_US article catalog, every message inheriting
    english = read_catalog(project.catalog_path("en", SLUG), "en")
    path = project.catalog_path("en_US", SLUG)
    american = read_catalog(path, "en_US")
    overridden = 0
    for message in english:
        text = message_string(message)
        found = foreign_spellings(text, "en_US") if message.id else []
        for word, spelling in found:
            text = re.sub(rf"\b{word}\b", spelling, text)
        if found:
            american[message.id].string = text
            overridden += 1
    write_catalog(path, american)
    return overridden


def test_rochesters_english_is_checked_as_printed_and_passes_once_overridden(project_copy: Path) -> None:
    project = Project(project_copy)
    project.catalog_path("en_US", SLUG).unlink()
    # Before the regional catalog exists, Rochester prints the en text as it is: a warning says so.
    (warning,) = [f for f in project_findings(project, ["en"]) if f.path == EN_US]
    assert (warning.severity, warning.check) == (Severity.WARNING, "missing")
    update_catalogs(project)
    errors = [f for f in project_findings(project, ["en"]) if f.severity is Severity.ERROR]
    assert errors and {(f.check, f.path) for f in errors} == {("spelling", EN_US)}
    assert all(f"in the en text it inherits ({EN}:" in f.message for f in errors)
    assert any('found the British "programme"' in f.message for f in errors)
    assert americanize(project) > 0
    assert [str(f) for f in project_findings(project, ["en"]) if f.severity is Severity.ERROR] == []


def test_an_american_spelling_in_the_british_catalog_is_an_error_unless_the_glossary_allows_it(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    path = project.catalog_path("en", SLUG)
    english = read_catalog(path, "en")
    message = next(message for message in english if "paragraph" in message.auto_comments)
    message.string = message_string(message) + " He worked with the World Health Organization."
    write_catalog(path, english)
    line = read_catalog(path, "en")[message.id].lineno
    errors = [str(f) for f in project_findings(project, ["en"]) if f.check == "spelling"]
    assert errors == [
        f'{EN}:{line}: [error] spelling: expected the British spelling "Organisation", '
        'found the American "Organization"'
    ]
    # A name keeps its own spelling: a glossary row giving it as the en translation allows it.
    glossary = project.glossary_path
    row = "Organisation mondiale de la santé,,World Health Organization,,,,A name: its own spelling\n"
    glossary.write_text(glossary.read_text(encoding="utf-8") + row, encoding="utf-8")
    assert [f for f in project_findings(project, ["en"]) if f.check == "spelling"] == []


def test_the_review_page_of_a_region_shows_its_overrides(project_copy: Path, tmp_path: Path) -> None:
    project = Project(project_copy)
    americanize(project)
    findings = project_findings(project, ["en"])
    page = write_review(project, "en_US", findings, tmp_path).read_text(encoding="utf-8")
    assert '<html lang="en-US">' in page and "Article: " + SLUG in page and "Interface words" in page
    assert "Sister city of Rennes since {year}" in page  # the committed en_US interface override
    assert page.count('<span class="state">override</span>') >= 6


# --- the catalogs held against the source as it is now (issue 15, finding 8) -------------------------------

OLD_HEADING = "Le parcours de Simon Letonturier"


def edit_msgid(project: Project, lang: str, old: str, new: str) -> int:
    """Rewrite a msgid of ``lang``'s article catalog as a source edit would leave it; its line."""
    path = project.catalog_path(lang, SLUG)
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines.index(f'msgid "{old}"')
    lines[line] = f'msgid "{new}"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return line + 1


def test_an_entry_the_source_no_longer_has_is_a_warning_and_its_replacement_an_error(
    project_copy: Path,
) -> None:
    from pipeline.errors import ReleaseError
    from pipeline.workflow.sources import translated_article

    project = Project(project_copy)
    line = edit_msgid(project, "de", OLD_HEADING, f"{OLD_HEADING} (ancien titre)")
    catalog = f"locales/de/LC_MESSAGES/{SLUG}.po"
    heading = next(
        number
        for number, text in enumerate((project.source_dir / f"{SLUG}.md").read_text().split("\n"), 1)
        if text == f"## {OLD_HEADING}"
    )
    found = [str(finding) for finding in check_project(project, ["de"], GLOSSARY) if "ancien" in str(finding)]
    assert found == [
        f"{catalog}:{line}: [warning] unused: expected a message of the source, "
        f'found "{OLD_HEADING} (ancien…", which it no longer has: run make catalogs'
    ]
    errors = [str(f) for f in check_project(project, ["de"], GLOSSARY) if f.severity is Severity.ERROR]
    assert errors == [
        f'{catalog}: [error] untranslated: expected an entry for "{OLD_HEADING}" '
        f"(source/{SLUG}.md:{heading}), found none: run make catalogs"
    ]
    # The release build refuses the same message: make check now fails where it does.
    try:
        translated_article(project, project.source_dir / f"{SLUG}.md", "de", draft=False)
    except ReleaseError as error:
        assert str(error) == f'source/{SLUG}.md:{heading}: untranslated: "{OLD_HEADING}" (not in {catalog})'
    else:
        raise AssertionError("the release build accepted a message its catalog lacks")


def test_an_unused_entry_alone_is_a_warning_the_release_ignores(project_copy: Path) -> None:
    from pipeline.workflow.sources import translated_article

    project = Project(project_copy)
    path = project.catalog_path("pl", SLUG)
    path.write_text(
        path.read_text(encoding="utf-8") + '\nmsgid "Un paragraphe supprimé."\nmsgstr "Usunięty akapit."\n',
        encoding="utf-8",
    )
    findings = [finding for finding in check_project(project, ["pl"], GLOSSARY) if finding.check == "unused"]
    assert [(finding.severity, finding.line) for finding in findings] == [
        (Severity.WARNING, len(path.read_text(encoding="utf-8").split("\n")) - 2)
    ]
    assert not [f for f in check_project(project, ["pl"], GLOSSARY) if f.severity is Severity.ERROR]
    translation, _ = translated_article(project, project.source_dir / f"{SLUG}.md", "pl", draft=False)
    assert "Usunięty akapit" not in translation.body


def test_the_committed_catalogs_match_their_sources() -> None:
    project = Project(ROOT)
    findings = check_project(project, [*project.languages(), "en_US"], GLOSSARY)
    assert [
        str(finding) for finding in findings if finding.check in ("unused", "untranslated", "source")
    ] == []


def test_an_obsolete_entry_is_not_unused(project_copy: Path) -> None:
    project = Project(project_copy)
    path = project.catalog_path("cs", SLUG)
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n#~ msgid "Un ancien paragraphe."\n#~ msgstr "Starý odstavec."\n',
        encoding="utf-8",
    )
    assert [
        f for f in check_project(project, ["cs"], GLOSSARY) if f.check in ("unused", "untranslated")
    ] == []


def test_a_source_over_the_size_limit_is_an_error_with_the_build_s_message(project_copy: Path) -> None:
    from pipeline.document import MAX_SOURCE_BYTES, parse_document
    from pipeline.errors import SourceError

    project = Project(project_copy)
    source = project.source_dir / "trop-long.md"
    text = "---\ntitle: Trop long\nlang: fr\n---\n\n" + "Une phrase de plus. " * (MAX_SOURCE_BYTES // 20 + 1)
    source.write_text(text, encoding="utf-8")
    try:
        parse_document(text, "source/trop-long.md")
    except SourceError as error:
        build_message = str(error)
    else:
        raise AssertionError("the build accepted a source over the size limit")
    findings = [finding for finding in project_findings(project, ["de"]) if finding.check == "source"]
    assert [str(finding) for finding in findings] == [
        build_message.replace("source/trop-long.md:1: ", "source/trop-long.md:1: [error] source: ")
    ]
    assert build_message == "source/trop-long.md:1: expected an article under 1 MB, found 1.0 MB"


EXPECTED_GLYPHS = "expected characters the bundled fonts draw"
NO_FONT = "no font of assets/fonts has them"


def test_a_character_no_bundled_font_draws_is_an_error_where_it_was_written(project_copy: Path) -> None:
    project = Project(project_copy)
    path = project.catalog_path("de", SLUG)
    catalog = read_catalog(path, "de")
    catalog["Le parcours de Simon Letonturier"].string = "Der Werdegang von Simon Letonturier in Վան"
    write_catalog(path, catalog)
    source = project.source_dir / f"{SLUG}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "**Conseil aux étudiants !**", "**Conseil aux étudiants 😀**"
        ),
        encoding="utf-8",
    )
    update_catalogs(project, ["de"])
    found = [str(finding) for finding in project_findings(project, ["de"]) if finding.check == "glyphs"]
    line = next(entry for entry in read_catalog(path, "de") if "Վան" in message_string(entry)).lineno
    assert found == [
        f"locales/de/LC_MESSAGES/{SLUG}.po:{line}: [error] glyphs: {EXPECTED_GLYPHS}, "
        f"found Վ (U+054E), ա (U+0561), ն (U+0576): {NO_FONT}",
        f"source/{SLUG}.md:51: [error] glyphs: {EXPECTED_GLYPHS}, found 😀 (U+1F600): {NO_FONT}",
    ]


def test_a_collection_naming_an_unknown_article_is_an_error_at_its_line_that_refuses_it_alone(
    project_copy: Path,
) -> None:
    from pipeline.workflow.build import plan_jobs
    from pipeline.workflow.judgement import judge, release_errors

    project = Project(project_copy)
    path = project.collections_dir / "rennes-international.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"  - {SLUG}\n", f"  - {SLUG}\n  - not-an-article\n"),
        encoding="utf-8",
    )
    errors = [str(f) for f in project_findings(project, ["de"]) if f.path == project.relative(path)]
    assert errors == [
        "source/collections/rennes-international.md:6: [error] source: expected 'articles' to name one of "
        f"{SLUG}, found 'not-an-article'"
    ]
    jobs = plan_jobs(project, ["de"], ["html", "epub", "editions"])
    refused = {refusal.job.describe() for refusal in judge(project, jobs, release_errors(project, ["de"]))}
    assert refused == {"de: rennes-international", "erlangen: rennes-international (brochures)"}
