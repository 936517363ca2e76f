"""pipeline.render.hyphenation: marking words, and the rounds of layout, without WeasyPrint."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.render import hyphenation
from pipeline.render.hyphenation import limit_hyphenation, mark_unhyphenated

PAGE = (
    "<html><head><title>Zusammenarbeit</title></head>"
    "<body><p>Die Zusammenarbeit, die Zusammenarbeitende und "
    '<a title="Zusammenarbeit">Zusammenarbeit</a>.</p></body></html>'
)


def test_only_body_text_words_are_wrapped() -> None:
    marked = mark_unhyphenated(PAGE, ["Zusammenarbeit"])
    span = '<span class="nohyphen">Zusammenarbeit</span>'
    assert marked.count(span) == 2
    assert "<title>Zusammenarbeit</title>" in marked  # the head is left alone
    assert '<a title="Zusammenarbeit">' in marked  # and so are attributes
    assert '<a title="Zusammenarbeit">' + span + "</a>" in marked
    assert "Zusammenarbeitende" in marked and f"{span}nde" not in marked  # whole words only


def test_the_body_tag_s_attributes_are_left_alone() -> None:
    marked = mark_unhyphenated('<body class="brochure"><p>brochure</p></body>', ["brochure"])
    assert marked == '<body class="brochure"><p><span class="nohyphen">brochure</span></p></body>'


def test_no_words_change_nothing() -> None:
    assert mark_unhyphenated(PAGE, []) == PAGE


class Layouts:
    """A fake renderer: each layout still has ``runs`` words to unbreak, until none are left."""

    def __init__(self, runs: list[list[str]]) -> None:
        self.runs = runs
        self.sources: list[str] = []

    def render(self, html: str) -> Any:
        self.sources.append(html)
        return len(self.sources) - 1


@pytest.fixture
def fake_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []

    def hyphenated_runs(document: Any) -> list[str]:
        return runs[document] if document < len(runs) else []

    monkeypatch.setattr(hyphenation, "hyphenated_runs", hyphenated_runs)
    monkeypatch.setattr(hyphenation, "page_final_breaks", lambda document: [])
    return runs


def test_a_layout_without_long_runs_is_rendered_once(fake_runs: list[list[str]]) -> None:
    layouts = Layouts([])
    html, document = limit_hyphenation("<body><p>Wort</p></body>", layouts.render)
    assert (html, document) == ("<body><p>Wort</p></body>", 0)
    assert len(layouts.sources) == 1


def test_each_round_marks_the_broken_words_and_lays_out_again(fake_runs: list[list[str]]) -> None:
    fake_runs.extend([["Wort"], ["Satz"]])
    layouts = Layouts(fake_runs)
    html, document = limit_hyphenation("<body><p>Wort Satz</p></body>", layouts.render)
    assert document == 2 and len(layouts.sources) == 3
    assert html == (
        '<body><p><span class="nohyphen">Wort</span> <span class="nohyphen">Satz</span></p></body>'
    )
    assert layouts.sources[-1] == html


def test_the_rounds_stop_even_if_runs_remain(fake_runs: list[list[str]]) -> None:
    fake_runs.extend([["Wort"]] * 10)
    layouts = Layouts(fake_runs)
    _, document = limit_hyphenation("<body><p>Wort</p></body>", layouts.render)
    assert len(layouts.sources) == 1 + hyphenation._ROUNDS
    assert document == hyphenation._ROUNDS
