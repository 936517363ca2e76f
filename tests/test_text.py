"""pipeline.text: the one excerpt rule and the one locale → language rule."""

from __future__ import annotations

import pytest

from pipeline.text import EXCERPT_LENGTH, base_language, excerpt


def test_a_short_text_is_quoted_whole_on_one_line() -> None:
    assert excerpt("  Deuxième\n paragraphe. ") == '"Deuxième paragraphe."'


def test_a_long_text_is_cut_at_a_word_boundary_within_the_limit() -> None:
    quoted = excerpt("Le service international de Rennes Métropole accompagne les projets")
    assert quoted == '"Le service international de Rennes…"'
    assert len(quoted) - 3 <= EXCERPT_LENGTH


def test_a_text_without_spaces_is_cut_at_the_limit() -> None:
    assert excerpt("x" * 100, limit=10) == '"xxxxxxxxxx…"'


@pytest.mark.parametrize(
    ("lang", "base"), [("de-DE", "de"), ("en_US", "en"), ("en-GB", "en"), ("CS", "cs"), ("fr", "fr")]
)
def test_a_locale_names_its_language(lang: str, base: str) -> None:
    assert base_language(lang) == base
