"""pipeline.inline: the words of inline Markdown, and what its markup does."""

from __future__ import annotations

import pytest

from pipeline.inline import inline_skeleton, one_line, plain_text


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("[Simon Letonturier]{.name} *présente*\nle `service`", "Simon Letonturier présente le service"),
        ("Un [lien](https://a.fr) et une ![image](a.png)", "Un lien et une"),
        ("47\u00a0000  projets", "47\u00a0000 projets"),
    ],
)
def test_plain_text_keeps_the_words_only(markdown: str, words: str) -> None:
    assert plain_text(markdown) == words


def test_the_skeleton_ignores_order_and_words_but_not_markup() -> None:
    source = "**Question :** voir [ici](https://a.fr) et <b>x</b>"
    assert inline_skeleton(source) == inline_skeleton("<b>y</b> see [here](https://a.fr) **Question:**")
    assert inline_skeleton(source) != inline_skeleton("Question: see [here](https://a.fr) <b>y</b>")


def test_an_address_percent_encoded_or_not_is_the_same_target() -> None:
    assert inline_skeleton("[a](https://a.fr/é)") == inline_skeleton("[b](https://a.fr/%C3%A9)")
    assert inline_skeleton("![a](<a b.png>)") == inline_skeleton("![b](a%20b.png)")


def test_one_line_folds_ascii_whitespace_only() -> None:
    assert one_line(" a\n\tb  c\u202f! ") == "a b c\u202f!"


def test_a_translation_that_loses_or_renumbers_a_note_reference_is_another_skeleton() -> None:
    french = inline_skeleton("Douze agents[^1] et des programmes[^2].")
    assert inline_skeleton("Programmes[^2] and twelve staff[^1].") == french  # moved: the same notes
    assert inline_skeleton("Twelve staff[^1] and programmes.") != french  # lost
    assert inline_skeleton("Twelve staff[^1] and programmes[^3].") != french  # renumbered
