"""pipeline.drafts.glossary: the glossary CSV → kept names and set translations; located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.drafts.glossary import (
    Glossary,
    GlossaryError,
    Term,
    contains_term,
    load_glossary,
    parse_glossary,
)

CSV = (
    "fr,keep,de,pl,note\n"
    "Rennes,yes,,,la ville\n"
    "Rennes Métropole,yes,,,\n"
    "Comité européen des régions,,Europäischer Ausschuss der Regionen,Europejski Komitet Regionów,\n"
    "jumelage,no,Städtepartnerschaft,,un mot\n"
)


def test_terms_are_read_longest_first_with_their_line() -> None:
    glossary = parse_glossary(CSV, "glossary.csv")
    assert [term.french for term in glossary.terms] == [
        "Comité européen des régions",
        "Rennes Métropole",
        "jumelage",
        "Rennes",
    ]
    rennes = glossary.terms[-1]
    assert rennes == Term("Rennes", True, {}, "la ville", 2)
    assert glossary.kept == ("Rennes Métropole", "Rennes")


def test_a_term_in_another_language() -> None:
    terms = {term.french: term for term in parse_glossary(CSV, "glossary.csv").terms}
    assert terms["Rennes"].target("de") == "Rennes"  # kept: itself everywhere
    assert terms["jumelage"].target("de") == "Städtepartnerschaft"
    assert terms["jumelage"].target("de-AT") == "Städtepartnerschaft"  # falls back on the base language
    assert terms["jumelage"].target("pl") is None


def test_found_in_matches_whole_words_whatever_the_case() -> None:
    glossary = parse_glossary(CSV, "glossary.csv")
    found = [term.french for term in glossary.found_in("Le JUMELAGE de Rennes Métropole")]
    assert found == ["Rennes Métropole", "jumelage", "Rennes"]
    assert glossary.found_in("Les jumelages rennais") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fr,de\nRennes,Rennes\n", "glossary.csv:1: expected a column 'keep', found columns ['fr', 'de']"),
        (
            "fr,keep\nRennes,yes\n,yes\n",
            "glossary.csv:3: expected a French term in column 'fr', found nothing",
        ),
        ("fr,keep\nRennes,oui\n", "glossary.csv:2: expected 'yes' or nothing in column 'keep', found 'oui'"),
    ],
)
def test_a_malformed_glossary_is_a_located_error(text: str, message: str) -> None:
    with pytest.raises(GlossaryError) as caught:
        parse_glossary(text, "glossary.csv")
    assert str(caught.value) == message


def test_a_missing_glossary_is_an_empty_one(tmp_path: Path) -> None:
    assert load_glossary(tmp_path / "glossary.csv", "glossary.csv") == Glossary()
    (tmp_path / "glossary.csv").write_text(CSV, encoding="utf-8")
    assert len(load_glossary(tmp_path / "glossary.csv", "glossary.csv").terms) == 4


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("rozmowa z Simonem Letonturierem", "Simon Letonturier", True),
        ("sprawy Unii", "Unia", True),
        ("Rennes", "Eurocities", False),
        ("UE i EU", "UE", True),
        ("Komisja", "Komitet", False),
    ],
)
def test_contains_term_allows_inflected_endings(text: str, term: str, expected: bool) -> None:
    assert contains_term(text, term) is expected
