"""pipeline.qa.inspection: what the checks read in a text, in each language's conventions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.messages.catalog import Message

from pipeline.qa.inspection import (
    count_sentences,
    draft_origin,
    grouped_otherwise,
    inline_parts,
    number_values,
    placeholders,
)


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


@pytest.mark.parametrize(
    ("text", "lang", "digits"),
    [
        ("47\u202f000 habitants et 2,5 km", "fr", [Decimal("2.5"), 47000]),
        ("47,000 people and 2.5 km", "en", [Decimal("2.5"), 47000]),
        ("47.000 Einwohner und 2,5 km", "de", [Decimal("2.5"), 47000]),
        ("47 000 mieszkańców i 2,5 km", "pl", [Decimal("2.5"), 47000]),
        ("47\u00a0000 obyvatel a 2,5 km", "cs", [Decimal("2.5"), 47000]),
        ("1,5 Millionen Euro", "de", [1500000]),
    ],
)
def test_numbers_in_digits_follow_the_languages_separators(
    text: str, lang: str, digits: list[Decimal]
) -> None:
    assert sorted(number_values(text, lang)[0].elements()) == digits


def test_numbers_in_words_count_declined_forms_and_scales() -> None:
    assert sorted(number_values("przez ośmiu miesięcy", "pl")[1]) == [8]
    assert sorted(number_values("dvě města a tři obce", "cs")[1]) == [2, 3]
    assert sorted(number_values("zwei Milliarden", "de")[1]) == [2 * 10**9]
    assert number_values("a house", "en") == (number_values("", "en")[0], number_values("", "en")[1])
    # A language without a table of words still reads its digits.
    assert sorted(number_values("12 tavole", "it")[0]) == [12]
    assert not number_values("dodici tavole", "it")[1]


def test_a_number_grouped_the_wrong_way_is_found_as_written() -> None:
    assert grouped_otherwise("mehr als 47,000 Projekte", Decimal(47000)) == "47,000"
    assert grouped_otherwise("mehr als 47.000 Projekte", Decimal(47)) is None


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Mme Dupont arrive. Elle parle.", "fr", 2),
        ("Mrs Smith, i.e. the mayor, spoke. Dr. Jones left!", "en", 2),
        ("Frau Dr. Weber kam, vgl. den Plan. Dann ging sie.", "de", 2),
        ("Przyszedł prof. Nowak. Tzn. Rano.", "pl", 2),
        ("Přišel dr. Novák, tj. starosta. Pak odešel…", "cs", 2),
        # "tzn." abbreviates in Polish only: read as English, it ends a sentence.
        ("Przyszedł prof. Nowak. Tzn. Rano.", "en", 3),
    ],
)
def test_sentences_end_where_the_language_says(text: str, lang: str, count: int) -> None:
    assert count_sentences(text, lang) == count


def test_placeholders_are_the_format_fields_or_none_when_braces_are_unbalanced() -> None:
    assert placeholders("Page {number} of {total:d}, {name!r}") == frozenset(
        {"{number}", "{total:d}", "{name!r}"}
    )
    assert placeholders("No field here") == frozenset()
    assert placeholders("Czas czytania: {minutes min") is None


def test_inline_markdown_is_split_into_prose_and_urls() -> None:
    parts = inline_parts("*un* **mot**, `code` et ![vue](a.jpg), voir https://a.fr/x. ou [ici](https://b.fr)")
    assert parts.urls == frozenset({"https://a.fr/x", "https://b.fr"})
    assert "code" not in parts.prose and "https" not in parts.prose and "vue" in parts.prose


def test_a_drafts_origin_is_its_engine_or_the_memory() -> None:
    assert draft_origin(Message("a", "b", auto_comments=["machine translation: deepl"])) == "deepl"
    assert draft_origin(Message("a", "b")) is None
