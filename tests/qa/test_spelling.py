"""pipeline.qa.spelling: breame's word lists, less the words a variety writes too, over a text."""

from __future__ import annotations

import pytest
from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS, BRITISH_ENGLISH_SPELLINGS

from pipeline.qa.spelling import ALSO_WRITTEN, AMERICAN, BRITISH, foreign_spellings, variety_of


def test_british_words_in_us_english_and_american_ones_in_british_english() -> None:
    text = "The organisation's programme, specialising in colour."
    assert foreign_spellings(text, "en_US") == [
        ("organisation", "organization"),
        ("programme", "program"),
        ("specialising", "specializing"),
        ("colour", "color"),
    ]
    assert foreign_spellings(text, "en_GB") == []
    assert foreign_spellings("The organization's color", "en_IE") == [
        ("organization", "organisation"),
        ("color", "colour"),
    ]


def test_the_suggestion_keeps_the_words_case_and_each_word_is_named_once() -> None:
    assert foreign_spellings("Programme, PROGRAMME, programme.", "en_US") == [
        ("Programme", "Program"),
        ("PROGRAMME", "PROGRAM"),
        ("programme", "program"),
    ]


def test_words_spelled_both_ways_in_some_sense_are_not_flagged() -> None:
    # British English writes a computer program, the noun practice, the verb license, a draft.
    assert foreign_spellings("a program; in practice; licensed; the draft", "en_GB") == []
    assert foreign_spellings("practiced and practicing", "en_GB") == [
        ("practiced", "practised"),
        ("practicing", "practising"),
    ]  # the verb's forms are American only
    # US English writes dialogue, gauge and buses too; but never programme.
    assert foreign_spellings("a dialogue on gauges and buses", "en_US") == []


def test_allowed_phrases_keep_their_spelling_there_only() -> None:
    allowed = ["World Health Organization"]
    assert foreign_spellings("the World Health Organization's report", "en_GB", allowed) == []
    assert foreign_spellings("the world health organization and an organization", "en_GB", allowed) == [
        ("organization", "organisation")
    ]


@pytest.mark.parametrize("locale", ["de", "fr", "en_CA", "pl_PL"])
def test_a_locale_without_a_list_is_not_checked(locale: str) -> None:
    assert variety_of(locale) is None
    assert foreign_spellings("the programme and the program", locale) == []


def test_every_exception_is_a_word_breame_lists_for_the_other_variety() -> None:
    # Were breame to drop a word, its exception would hide nothing: say so.
    assert ALSO_WRITTEN["British"] <= set(AMERICAN_ENGLISH_SPELLINGS)
    assert ALSO_WRITTEN["American"] <= set(BRITISH_ENGLISH_SPELLINGS)
    assert variety_of("en-US") is AMERICAN and variety_of("en_GB") is BRITISH
