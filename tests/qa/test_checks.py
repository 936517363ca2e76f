"""pipeline.qa.checks: each QA check passes a good translation and flags a bad one; reports read as text."""

from __future__ import annotations

import pytest

from pipeline.qa.checks import CHECKS

from .one_message import check_message

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
    # A note's reference: moved, kept; lost or renumbered, refused (issue 22).
    ("markup", "de", "article", "Douze agents[^1] et un budget[^2].", "Ein Budget[^2] und zwölf[^1].", False),
    (
        "markup",
        "de",
        "article",
        "Douze agents[^1] et un budget[^2].",
        "Zwölf Personen[^1] und ein Budget.",
        True,
    ),
    ("markup", "de", "article", "Douze agents[^1] et un budget[^2].", "Zwölf[^1] und ein Budget[^3].", True),
    ("numbers", "en", "article", "le 1^er^ janvier[^2]", "on 1 January[^2]", False),
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
    ("link-targets", "de", "article", "[le site](https://a.fr/x)", "[die Seite](https://a.fr/x)", False),
    ("link-targets", "de", "article", "[le guide](guide.md)", "[der Leitfaden](guide.md)", False),
    ("link-targets", "de", "article", "le site", "[die Seite](&#106;avascript:alert())", True),
    ("link-targets", "de", "article", "le site", "[die Seite](JaVaScRiPt:alert())", True),
    ("link-targets", "de", "article", "le site", "[die Seite](java%73cript:alert())", True),
    ("link-targets", "de", "article", "le site", "[die Seite](<java\tscript:alert()>)", True),
    ("link-targets", "de", "article", "le site", "[die Seite](vbscript:x)", True),
    ("link-targets", "de", "article", "le site", "[die Seite](data:text/html,x)", True),
    ("link-targets", "de", "article", "le site", "[die Seite](../../etc/passwd)", True),
    ("link-targets", "de", "ui", "By {names}", "Von [{names}](javascript:x())", True),
    ("link-targets", "de", "article", "[le site](&#x6A;avascript:x())", "[die Seite](https://a.de/)", True),
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
    # en is British English, en_US American; breame's lists, less the words spelled both ways.
    ("spelling", "en", "article", "le programme de l’organisation", "the organisation’s programme", False),
    ("spelling", "en", "article", "l’organisation", "the organization", True),
    ("spelling", "en", "article", "le centre-ville", "the city-center", True),  # a hyphenated word's part
    ("spelling", "en", "article", "un logiciel", "a computer program, in draft", False),  # British too
    ("spelling", "en", "ui", "Draft — not for publication", "DRAFT", False),
    ("spelling", "en", "article", "l’OMS", "the World Health Organization", False),  # the glossary's
    ("spelling", "en", "article", "l’OMS", "the World Health Organization’s organization", True),
    ("spelling", "en_US", "article", "le programme de l’organisation", "the organization’s program", False),
    ("spelling", "en_US", "article", "le programme", "the programme", True),
    ("spelling", "en_US", "article", "Mr Letonturier se spécialise", "Mr. Letonturier is specialising", True),
    ("spelling", "en_US", "article", "un dialogue, des bus", "a dialogue, buses", False),  # US too
    ("spelling", "en_US", "article", "le Parti travailliste", "the Labour Party", False),  # en_US column
    ("spelling", "de", "article", "le programme", "das Programm", False),  # not English
    ("glyphs", "pl", "article", "à Łódź", "w Łodzi, Київ, Θεσσαλονίκη", False),
    ("glyphs", "pl", "article", "à Van", "w Վան", True),
    ("glyphs", "de", "article", "Bravo !", "Bravo 😀", True),
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
    checks = {finding.check for finding in check_message(source, target, lang, domain)}
    assert (name in checks) is flagged, check_message(source, target, lang, domain)


def test_fuzzy_drafts_are_flagged_with_their_engine() -> None:
    assert [str(f) for f in check_message("Bonjour.", "Hallo.")] == []
    findings = check_message("Bonjour.", "Hallo.", fuzzy=True, comments=("machine translation: deepl",))
    assert [str(f) for f in findings] == [
        'x.po:7: [error] fuzzy: expected a reviewed translation of "Bonjour.", found a machine draft (deepl)'
    ]


def test_the_spelling_check_says_which_variety_and_what_to_write() -> None:
    findings = check_message("Le programme de l’organisation", "The Organisation’s programme", lang="en_US")
    assert [str(finding) for finding in findings] == [
        "x.po:7: [error] spelling: "
        'expected the American spelling "Organization", found the British "Organisation"',
        'x.po:7: [error] spelling: expected the American spelling "program", found the British "programme"',
    ]


def test_a_link_to_javascript_is_an_error_naming_the_address_as_written_and_as_read() -> None:
    findings = check_message("le site", "[die Seite](&#106;avascript:alert())")
    assert [str(finding) for finding in findings if finding.check == "link-targets"] == [
        "x.po:7: [error] link-targets: expected a link to the web or inside the project, "
        "found '&#106;avascript:alert()' (javascript:alert())"
    ]


def test_every_registered_check_has_cases_that_pass_and_fail() -> None:
    # fuzzy and fuzzy-override read a message's state: tested above and in test_runner.py.
    states = {("fuzzy", True), ("fuzzy", False), ("fuzzy-override", True), ("fuzzy-override", False)}
    covered = {(case[0], case[5]) for case in CASES} | states
    assert {name for name, _ in covered} == set(CHECKS)
    assert all((name, True) in covered and (name, False) in covered for name in CHECKS)
    assert all(check.title and check.title[0].isupper() for check in CHECKS.values())
