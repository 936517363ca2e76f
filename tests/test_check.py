"""pipeline.qa.checks: each QA check passes a good translation and flags a bad one; reports read as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import parse_catalog
from pipeline.drafts.glossary import load_glossary, parse_glossary
from pipeline.project import Project
from pipeline.qa.checks import (
    CHECKS,
    CheckContext,
    Finding,
    Severity,
    check_catalog,
    check_project,
    count_sentences,
    number_values,
    sort_findings,
)

from .conftest import ROOT

QA = Path(__file__).resolve().parent / "data" / "qa"

GLOSSARY = parse_glossary(
    "fr,keep,en,de,pl,cs,note\n"
    "Simon Letonturier,yes,,,,,\n"
    "Rennes Métropole,yes,,,,,\n"
    "Comité européen des Régions,,European Committee of the Regions,"
    "Europäischer Ausschuss der Regionen,Europejski Komitet Regionów,Evropský výbor regionů,\n",
    "glossary.csv",
)


def run(
    source: str,
    target: str,
    lang: str = "de",
    domain: str = "article",
    fuzzy: bool = False,
    flags: tuple[str, ...] = (),
    comments: tuple[str, ...] = (),
) -> list[Finding]:
    catalog = Catalog(locale=lang)
    catalog.add(
        source,
        target,
        lineno=7,
        flags=(*flags, "fuzzy") if fuzzy else flags,
        auto_comments=comments,
    )
    return check_catalog(catalog, "x.po", CheckContext(lang, GLOSSARY, domain))


LONG = "Une phrase assez longue pour compter."
# (check, language, domain, French or English source, translation, whether the check must flag it)
CASES = [
    ("untranslated", "de", "article", "Bonjour le monde.", "Hallo Welt.", False),
    ("untranslated", "de", "article", "Bonjour le monde.", "", True),
    ("unchanged", "de", "article", "Entretien avec la maire.", "Gespräch mit der Bürgermeisterin.", False),
    ("unchanged", "de", "article", "Entretien avec la maire.", "Entretien avec la maire.", True),
    ("unchanged", "de", "article", "Rennes Métropole", "Rennes Métropole", False),
    ("unchanged", "de", "ui", "PDF", "PDF", False),
    ("unchanged", "en", "ui", "Interview", "Interview", False),
    ("unchanged", "fr", "ui", "Page {number}", "Page {number}", True),
    ("numbers", "en", "article", "plus de 47 000 projets", "more than 47,000 projects", False),
    ("numbers", "de", "article", "plus de 47\u202f000 projets", "mehr als 47.000 Projekte", False),
    ("numbers", "pl", "article", "plus de 47\u00a0000 projets", "ponad 47\u00a0000 projektów", False),
    ("numbers", "cs", "article", "plus de 47 000 projets", "více než 47\u00a0000 projektů", False),
    ("numbers", "en", "article", "plus de 47 000 projets", "more than 47 000 projects", True),
    ("numbers", "de", "article", "plus de 47 000 projets", "mehr als 47,000 Projekte", True),
    ("numbers", "en", "article", "plus de 47 000 projets", "more than 47 projects", True),
    ("numbers", "en", "article", "en 2009, à Rennes 1", "in 2009, at Rennes 1", False),
    ("numbers", "en", "article", "en 2009, à Rennes 1", "in 2008, at Rennes 1", True),
    ("numbers", "en", "article", "pendant 8 mois", "for eight months", False),
    ("numbers", "cs", "article", "pendant huit mois", "na 8 měsíců", False),
    ("numbers", "pl", "article", "pendant 8 mois", "przez ośmiu miesięcy", False),
    ("numbers", "en", "article", "pendant 8 mois", "for nine months", True),
    ("numbers", "en", "article", "un milliard d’euros", "€1 billion", False),
    ("numbers", "de", "article", "1,5 million d’euros", "1,5 Millionen Euro", False),
    ("numbers", "en", "article", "1,5 million d’euros", "1,5 million euros", True),
    ("markup", "de", "article", "**Question :** Pourquoi ?", "**Frage:** Warum?", False),
    ("markup", "de", "article", "**Question :** Pourquoi ?", "Frage: Warum?", True),
    ("markup", "de", "article", "un *mot* et `make`", "ein *Wort* und `make`", False),
    ("markup", "de", "article", "un *mot* et `make`", "ein Wort und `make`", True),
    ("markup", "de", "article", "un *mot* et `make`", "ein *Wort* und `mache`", True),
    ("markup", "de", "article", "![Rennes](rennes.jpg) vue", "![Rennes](rennes.jpg) Ansicht", False),
    ("markup", "de", "article", "![Rennes](rennes.jpg) vue", "Ansicht", True),
    (
        "markup",
        "de",
        "article",
        "[le site](https://a.fr) et [ici](https://b.fr)",
        "[hier](https://a.fr)",
        True,
    ),
    ("urls", "de", "article", "[le site](https://a.fr/x)", "[die Seite](https://a.fr/x)", False),
    ("urls", "de", "article", "[le site](https://a.fr/x)", "[die Seite](https://a.de/x)", True),
    ("urls", "de", "article", "voir https://a.fr/x.", "siehe https://a.fr/x.", False),
    ("urls", "de", "article", "voir https://a.fr/x.", "siehe https://a.de/x.", True),
    ("urls", "de", "article", "voir <https://a.fr/x>", "siehe <https://a.fr/x>", False),
    ("placeholders", "de", "ui", "Page {number}", "Seite {number}", False),
    ("placeholders", "de", "ui", "Page {number}", "Seite {nummer}", True),
    ("placeholders", "de", "ui", "Page {number}", "Seite {number", True),
    ("placeholders", "de", "ui", "Page {number}", "Seite", True),
    ("kept-names", "pl", "article", "avec Simon Letonturier", "z Simonem Letonturierem", False),
    ("kept-names", "pl", "article", "avec Simon Letonturier", "z panem Simonem", True),
    ("kept-names", "de", "article", "à Rennes Métropole", "bei Rennes Métropole", False),
    ("kept-names", "de", "article", "à Rennes Métropole", "bei der Metropole Rennes", True),
    (
        "glossary",
        "de",
        "article",
        "au Comité européen des Régions",
        "im Europäischen Ausschuss der Regionen",
        False,
    ),
    ("glossary", "de", "article", "au Comité européen des Régions", "im Ausschuss", True),
    ("quotes", "de", "article", "« Bonjour »", "„Hallo“", False),
    ("quotes", "de", "article", "« Bonjour »", '"Hallo"', True),
    ("quotes", "de", "article", "« Bonjour »", "“Hallo”", True),
    ("quotes", "de", "article", "« Bonjour » et ‹ salut ›", "„Hallo“ und ‚hi‘, wie geht’s", False),
    ("quotes", "en", "article", "« Bonjour »", "“Hello”, Simon’s ‘hi’", False),
    ("quotes", "en", "article", "« Bonjour »", "„Hello“", True),
    ("quotes", "pl", "article", "« Bonjour »", "„Dzień dobry” i «cześć»", False),
    ("quotes", "pl", "article", "« Bonjour »", "„Dzień dobry“", True),
    ("quotes", "cs", "article", "« Bonjour »", "„Dobrý den“ a ‚ahoj‘", False),
    ("quotes", "cs", "article", "« Bonjour »", "„Dobrý den”", True),
    ("quotes", "fr", "ui", "“Hello”", "« Bonjour » et “salut”", False),
    ("quotes", "fr", "ui", "“Hello”", '"Bonjour"', True),
    ("quotes", "de", "article", 'le code `a "b"`', 'der Code `a "b"`', False),
    ("french-spacing", "de", "article", "Pourquoi ?", "Warum?", False),
    ("french-spacing", "de", "article", "Pourquoi ?", "Warum ?", True),
    ("french-spacing", "en", "article", "Réponse :", "Answer\u00a0:", True),
    ("french-spacing", "fr", "ui", "Reading time: {minutes} min", "Temps de lecture : {minutes} min", False),
    ("double-space", "de", "article", "Bonjour le monde.", "Hallo Welt.", False),
    ("double-space", "de", "article", "Bonjour le monde.", "Hallo  Welt.", True),
    ("sentences", "de", "article", "Un. Deux. Trois.", "Eins. Zwei und drei.", False),
    ("sentences", "de", "article", "M. Letonturier arrive.", "Herr Letonturier kommt an.", False),
    ("sentences", "de", "article", "Un. Deux. Trois. Quatre.", "Eins, zwei, drei und vier.", True),
    ("length", "de", "article", LONG, "Ein ziemlich langer Satz zum Zählen.", False),
    ("length", "de", "article", LONG, "Kurz.", True),
    ("length", "de", "article", LONG, "Ein sehr, sehr langer Satz " * 4, True),
    ("length", "de", "article", "Oui.", "Ja, das ist vollkommen richtig.", False),
]


@pytest.mark.parametrize(
    ("name", "lang", "domain", "source", "target", "flagged"),
    CASES,
    ids=[
        f"{case[0]}-{case[1]}-{'fails' if case[5] else 'passes'}-{index}" for index, case in enumerate(CASES)
    ],
)
def test_each_check_passes_good_translations_and_flags_bad_ones(
    name: str, lang: str, domain: str, source: str, target: str, flagged: bool
) -> None:
    checks = {finding.check for finding in run(source, target, lang, domain)}
    assert (name in checks) is flagged, run(source, target, lang, domain)


def test_fuzzy_drafts_are_flagged_with_their_engine() -> None:
    assert [str(f) for f in run("Bonjour.", "Hallo.")] == []
    findings = run("Bonjour.", "Hallo.", fuzzy=True, comments=("machine translation: deepl",))
    assert [str(f) for f in findings] == [
        'x.po:7: [error] fuzzy: expected a reviewed translation of "Bonjour.", found a machine draft (deepl)'
    ]


def test_every_registered_check_has_cases_that_pass_and_fail() -> None:
    covered = {(case[0], case[5]) for case in CASES} | {("fuzzy", True), ("fuzzy", False)}
    assert {name for name, _ in covered} == set(CHECKS)
    assert all((name, True) in covered and (name, False) in covered for name in CHECKS)
    assert all(check.title and check.title[0].isupper() for check in CHECKS.values())


def test_untranslated_and_fuzzy_messages_skip_the_other_checks() -> None:
    assert [f.check for f in run("47 000 « projets »", "")] == ["untranslated"]
    assert [f.check for f in run("47 000 « projets »", '12 "Projekte"', fuzzy=True)] == ["fuzzy"]


def test_findings_read_as_path_line_severity_check_message() -> None:
    findings = run("Plus de 47 000 projets ?", "Mehr als 47 Projekte ?")
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
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
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


def test_numbers_are_read_as_each_language_writes_them() -> None:
    assert number_values("47\u202f000 et 1,5", "fr")[0] == number_values("47,000 and 1.5", "en")[0]
    assert number_values("47.000 und 1,5", "de")[0] == number_values("47\u00a0000 a 1,5", "cs")[0]
    assert sorted(number_values("en 2009, à Rennes 1", "fr")[0]) == [1, 2009]


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("M. Letonturier nous confie. Puis il part !", "fr", 2),
        ("Mr Letonturier tells us, e.g. about Peru. Then", "en", 2),
        ("Er kam am 5. mai an, z. B. mit Freunden.", "de", 1),
        ("To jest np. dom. Dobrze?", "pl", 2),
        ("", "cs", 0),
    ],
)
def test_sentences_ignore_abbreviations(text: str, lang: str, count: int) -> None:
    assert count_sentences(text, lang) == count


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
        "locales/de/LC_MESSAGES/ui.po:3: [error] unreadable: "
        'expected each msgid once, found a duplicate of "Contents"',
        "locales/en/LC_MESSAGES/a.po: [error] missing: expected a catalog, found none",
    ]
