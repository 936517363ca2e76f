"""pipeline.qa.runner: every check on every message, findings read as text, most severe first."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import parse_catalog
from pipeline.drafts.glossary import load_glossary
from pipeline.errors import Problem
from pipeline.qa.checks import CheckContext, Severity
from pipeline.qa.runner import (
    Finding,
    catalog_required,
    check_catalog,
    check_regional_catalog,
    header_findings,
    missing_catalog,
    sort_findings,
    unreadable_catalog,
)

from ..project import DATA, ROOT
from .one_message import GLOSSARY, check_message

QA = DATA / "qa"


def test_untranslated_and_fuzzy_messages_skip_the_other_checks() -> None:
    assert [f.check for f in check_message("47 000 « projets »", "")] == ["untranslated"]
    assert [f.check for f in check_message("47 000 « projets »", '12 "Projekte"', fuzzy=True)] == ["fuzzy"]


def test_findings_read_as_path_line_severity_check_message() -> None:
    findings = check_message("Plus de 47 000 projets ?", "Mehr als 47 Projekte ?")
    assert [str(finding) for finding in findings] == [
        "x.po:7: [error] numbers: expected 47000 in the translation, found none",
        "x.po:7: [error] numbers: expected no 47 in the translation (the source has none), found 47",
        'x.po:7: [error] french-spacing: expected no space before "?" in de, found one after "Projekte"',
    ]
    missing = Finding(
        "locales/de/LC_MESSAGES/a.po", None, Severity.ERROR, "missing", "expected a catalog, found none"
    )
    assert str(missing) == "locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none"


def test_findings_sort_most_severe_first_then_by_path_and_line() -> None:
    warning = Finding("a.po", 1, Severity.WARNING, "length", "w")
    late_error = Finding("b.po", 30, Severity.ERROR, "numbers", "e")
    early_error = Finding("b.po", 4, Severity.ERROR, "quotes", "e")
    first_file = Finding("a.po", 90, Severity.ERROR, "markup", "e")
    assert sort_findings([warning, late_error, early_error, first_file]) == [
        first_file,
        early_error,
        late_error,
        warning,
    ]


def test_plural_forms_are_each_checked_against_their_source() -> None:
    catalog = parse_catalog(
        'msgid ""\nmsgstr ""\n"Language: de\\nContent-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "{count} page"\nmsgid_plural "{count} pages"\n'
        'msgstr[0] "{count} Seite"\nmsgstr[1] "{n} Seiten"\n',
        "x.po",
        "de",
    )
    findings = check_catalog(catalog, "x.po", CheckContext("de", GLOSSARY, "ui"))
    assert [str(f) for f in findings] == [
        "x.po:6: [error] placeholders: expected {count} in the translation, found none",
        "x.po:6: [error] placeholders: expected only the placeholders {count}, found {n}",
    ]


def qa_cases() -> list[Path]:
    return sorted(QA.glob("*.po"))


@pytest.mark.parametrize("path", qa_cases(), ids=lambda path: path.name)
def test_qa_fixture_reports_exactly_its_expected_findings(path: Path) -> None:
    """``tests/data/qa/<lang>-<domain>-<case>.po`` must give the lines of ``<same name>.txt``."""
    lang, domain, _ = path.stem.split("-", 2)
    glossary = load_glossary(ROOT / "locales" / "glossary.csv", "locales/glossary.csv")
    display = f"tests/data/qa/{path.name}"
    catalog = parse_catalog(path.read_text(encoding="utf-8"), display, lang)
    findings = sort_findings(check_catalog(catalog, display, CheckContext(lang, glossary, domain)))
    expected = path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    assert [str(finding) for finding in findings] == expected


def test_a_missing_or_unreadable_catalog_reads_like_any_finding() -> None:
    assert str(missing_catalog("locales/de/LC_MESSAGES/a.po")) == (
        "locales/de/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none"
    )
    unreadable = unreadable_catalog(Problem("ui.po", 3, "expected each msgid once"))
    assert unreadable == Finding("ui.po", 3, Severity.ERROR, "unreadable", "expected each msgid once")


def test_only_english_may_go_without_the_interface_catalog() -> None:
    assert not catalog_required("en", "ui")
    assert not catalog_required("en_US", "ui")
    assert catalog_required("de", "ui")
    assert catalog_required("en", "some-article")


def test_each_placeholder_is_a_warning_with_its_line() -> None:
    from pipeline.press.editions import Placeholder
    from pipeline.qa.runner import placeholder_findings

    (finding,) = placeholder_findings(
        [Placeholder(16, "site-url", "https://x.example/")], "source/editions.yml"
    )
    assert finding.severity is Severity.WARNING
    assert str(finding) == (
        "source/editions.yml:16: [warning] placeholder: site-url is still to confirm (https://x.example/)"
    )


def english_and_american(*overrides: tuple[str, str, bool]) -> tuple[Catalog, Catalog]:
    """An en catalog (British) and its en_US catalog with ``overrides``: (msgid, msgstr, fuzzy)."""
    english = Catalog(locale="en")
    english.add("Le programme", "The programme", lineno=10)
    english.add("Plus de 47 000 projets", "More than 47,000 projects", lineno=14)
    english.add("Une ville jumelle", "A twin town", lineno=18)
    american = Catalog(locale="en_US")
    for line, message in enumerate(english, start=1):
        if message.id:
            american.add(message.id, "", lineno=100 + line)
    for msgid, msgstr, fuzzy in overrides:
        american[msgid].string = msgstr
        if fuzzy:
            american[msgid].flags.add("fuzzy")
    return english, american


PATHS = ("locales/en_US/LC_MESSAGES/a.po", "locales/en/LC_MESSAGES/a.po")


def regional(english: Catalog, american: Catalog, domain: str = "a") -> list[str]:
    return [
        str(finding)
        for finding in check_regional_catalog(
            american, english, PATHS, CheckContext("en_US", GLOSSARY, domain)
        )
    ]


def test_a_british_word_us_english_inherits_is_an_error_where_its_override_belongs() -> None:
    assert regional(*english_and_american()) == [
        'locales/en_US/LC_MESSAGES/a.po:102: [error] spelling: expected the American spelling "program", '
        'found the British "programme" in the en text it inherits (locales/en/LC_MESSAGES/a.po:10)'
    ]  # and no "untranslated": an empty override inherits


def test_a_reviewed_override_is_checked_like_a_translation() -> None:
    assert regional(*english_and_american(("Le programme", "The program", False))) == []
    found = regional(
        *english_and_american(
            ("Le programme", "The program", False), ("Plus de 47 000 projets", "More than 47 projects", False)
        )
    )
    assert found == [
        "locales/en_US/LC_MESSAGES/a.po:103: [error] numbers: expected 47000 in the translation, found none",
        "locales/en_US/LC_MESSAGES/a.po:103: [error] numbers: "
        "expected no 47 in the translation (the source has none), found 47",
    ]


def test_a_fuzzy_override_is_a_warning_and_the_inherited_text_is_still_checked() -> None:
    found = regional(*english_and_american(("Le programme", "The program", True)))
    assert found == [
        "locales/en_US/LC_MESSAGES/a.po:102: [warning] fuzzy-override: expected a reviewed override of "
        '"Le programme", found a fuzzy one (a release prints the en translation instead)',
        'locales/en_US/LC_MESSAGES/a.po:102: [error] spelling: expected the American spelling "program", '
        'found the British "programme" in the en text it inherits (locales/en/LC_MESSAGES/a.po:10)',
    ]


def test_a_message_the_regional_catalog_lacks_is_reported_at_the_language_entry() -> None:
    english, _ = english_and_american()
    assert regional(english, Catalog(locale="en_US")) == [
        'locales/en/LC_MESSAGES/a.po:10: [error] spelling: expected the American spelling "program", '
        'found the British "programme" in the en text it inherits (locales/en/LC_MESSAGES/a.po:10)'
    ]


def test_an_interface_message_english_leaves_empty_prints_and_is_checked_as_its_id() -> None:
    english = Catalog(locale="en")
    english.add("Colour of the {programme}", "", lineno=5)
    american = Catalog(locale="en_US")
    american.add("Colour of the {programme}", "", lineno=9)
    # The {field} is a name for the program, not a word: only "Colour" is read.
    assert regional(english, american, domain="ui") == [
        'locales/en_US/LC_MESSAGES/a.po:9: [error] spelling: expected the American spelling "Color", '
        'found the British "Colour" in the en text it inherits (locales/en/LC_MESSAGES/a.po:5)'
    ]


def test_a_reviewer_accepts_a_warning_on_one_message_but_not_an_error() -> None:
    context = CheckContext("de", load_glossary(ROOT / "locales" / "glossary.csv", "glossary.csv"), "ui")
    catalog = Catalog(locale="de")
    catalog.add("Interview", "Interview", lineno=3)
    catalog.add("Contents", "Contents", lineno=6, flags={"jumelage-ok:unchanged"})
    catalog.add("Page {number}", "Seite {nummer}", lineno=9, flags={"jumelage-ok:placeholders"})
    catalog.add("Images", "Bilder", lineno=12, flags={"jumelage-ok:unchanged-ish"})
    found = [
        (finding.line, finding.severity, finding.check)
        for finding in check_catalog(catalog, "de.po", context)
    ]
    assert (3, Severity.WARNING, "unchanged") in found
    assert not [f for f in found if f[0] == 6], "the accepted warning is still reported"
    assert (9, Severity.ERROR, "placeholders") in found, "an error was accepted"
    assert (9, Severity.WARNING, "accepted") in found
    assert (12, Severity.WARNING, "accepted") in found


def test_a_header_a_tool_left_fuzzy_is_a_warning_at_its_line() -> None:
    header = 'msgid ""\nmsgstr "Language: de\\nContent-Type: text/plain; charset=UTF-8\\n"\n'
    catalog = parse_catalog("#, fuzzy\n" + header, "de.po", "de")
    assert [str(f) for f in header_findings(catalog, "de.po", 1)] == [
        "de.po:1: [warning] header: expected a header that is not fuzzy, found '#, fuzzy' "
        "(as xliff2po leaves it): make catalogs clears it"
    ]
    assert header_findings(parse_catalog(header, "de.po", "de"), "de.po", 1) == []
