"""pipeline.placeholders: markup, URLs and kept names out and back in; damaged placeholders refused."""

from __future__ import annotations

import pytest

from pipeline.placeholders import PLACEHOLDER, Protected, protect, restore


def test_protection_round_trips_markup_urls_and_kept_names() -> None:
    text = "**Question :** voir [le site](https://a.fr/x) de `Rennes Métropole` et Eurocities\\!"
    protected = protect(text, ["Eurocities"])
    assert "Eurocities" not in protected.text and "https" not in protected.text and "*" not in protected.text
    assert restore(protected.text, protected) == text


@pytest.mark.parametrize(
    "damage", ["{0}Question{1} {2}site{3} {5} {6}", "Question {1}{2}{3}{4}{5}{6}", "{0}{0}{1}{2}{3}{4}{5}{6}"]
)
def test_a_draft_with_damaged_placeholders_is_refused(damage: str) -> None:
    protected = protect(
        "**Question :** voir [le site](https://a.fr/x) de `code` et Eurocities\\!", ["Eurocities"]
    )
    assert len(protected.originals) == 7
    assert restore(damage, protected) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sans aucun balisage.",
        "Du `code {x}` et une ![image](a.png) puis <https://a.fr/b>.",
        "Un _accent_ et un \\* échappé, {déjà} entre accolades.",
        "",
    ],
)
def test_restoring_an_untouched_text_gives_back_the_source(text: str) -> None:
    protected = protect(text)
    assert restore(protected.text, protected) == text


def test_only_prose_is_left_between_placeholders() -> None:
    protected = protect("Voir `code` et https://a.fr/x et {nom}")
    assert protected.text == "Voir {0} et {1} et {2}"
    assert protected.originals == ("`code`", "https://a.fr/x", "{nom}")


def test_longer_kept_names_win_and_only_whole_words_are_kept() -> None:
    protected = protect("Rennes Métropole et Rennes, pas Rennesois", ["Rennes", "Rennes Métropole"])
    assert protected.text == "{0} et {1}, pas Rennesois"
    assert protected.originals == ("Rennes Métropole", "Rennes")


def test_placeholders_may_move_in_the_translation() -> None:
    protected = Protected("{0}Bonjour{1} {2}", ("**", "**", "Rennes"))
    assert restore("{2}: {0}Hallo{1}", protected) == "Rennes: **Hallo**"


@pytest.mark.parametrize("draft", ["Hallo {0}", "Hallo {0}{1}{1}", "Hallo {0}{1}{2}", "Hallo"])
def test_lost_doubled_or_invented_placeholders_are_detected(draft: str) -> None:
    protected = Protected("Bonjour {0}{1}", ("**", "**"))
    assert restore(draft, protected) is None


def test_placeholder_pattern_finds_the_numbers() -> None:
    assert PLACEHOLDER.findall("{0} a {12} b {x}") == ["0", "12"]
