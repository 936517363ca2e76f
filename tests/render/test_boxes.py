"""pipeline.render.boxes: small pages WeasyPrint lays out → their lines, tables, spans and ink."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.errors import RenderError
from pipeline.render import boxes


def render(html: str) -> Any:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).render()


PAGE = (
    "<html><head><style>@page { size: 100mm 60mm; margin: 10mm; @top-center { content: 'Tête' } }"
    "body { margin: 0; font-size: 10pt }</style></head>"
    "<body><p>Un <span class='x'>deux</span> trois</p>"
    "<table><tr><td>a</td><td><table><tr><td>b</td></tr></table></td></tr></table></body></html>"
)


def test_an_unknown_major_version_of_weasyprint_is_an_error_that_says_what_to_do() -> None:
    boxes.check_weasyprint_version("70.0")
    boxes.check_weasyprint_version("70.1.post2")
    with pytest.raises(RenderError) as error:
        boxes.check_weasyprint_version("71.0")
    assert str(error.value) == (
        "pipeline/render/boxes.py: expected WeasyPrint 70, found 71.0: "
        "check the boxes read here, then add 71 to WEASYPRINT_MAJORS"
    )


def test_the_installed_weasyprint_is_one_the_boxes_are_read_for() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    boxes.check_weasyprint_version(weasyprint.__version__)


def test_a_page_gives_its_lines_texts_and_spans_without_its_margin_boxes() -> None:
    (page,) = boxes.pages(render(PAGE))
    body = [line.texts() for line in page.body_lines()]
    assert body == [["Un ", "deux", " trois"], ["a"], ["b"]]
    groups = [[line.texts() for line in group] for group in page.line_groups()]
    assert ["Tête"] in [texts for group in groups for texts in group]  # the running head is a group too
    (first, *_) = page.body_lines()
    assert {element.get("class") for element in first.span_elements()} == {"x"}
    assert first.word_spaces() == []  # not justified
    root = page.root_element()
    assert root is not None and root.tag == "html"
    assert [block.element.tag for block in page.line_blocks()] == ["p", "td", "td"]


def test_a_page_gives_its_outermost_tables_and_their_column() -> None:
    (page,) = boxes.pages(render(PAGE))
    (table,) = page.tables()
    assert table.element.tag == "table" and "".join(table.element.itertext()) == "ab"
    assert table.limit is not None and table.left + table.width <= table.limit
    assert len(table.columns) == 2 and table.font_size > 0


def test_a_page_is_inked_down_to_its_last_line() -> None:
    (page,) = boxes.pages(render(PAGE))
    assert page.name == ""
    assert page.holds_ink()
    assert page.content_top < page.ink_bottom() < page.content_top + page.content_height
    (blank,) = boxes.pages(render("<html><body></body></html>"))
    assert not blank.holds_ink() and blank.ink_bottom() == 0.0
    assert [element.tag for element in page.elements()][:2] == ["html", "body"]


def test_the_note_element_is_tagged_a_note_its_call_a_reference_and_again_changes_nothing() -> None:
    from weasyprint.pdf import tags

    boxes.tag_notes("jumelage-note")
    mapping = tags._get_pdf_tag
    boxes.tag_notes("jumelage-note")
    assert tags._get_pdf_tag is mapping
    assert [mapping(name) for name in ("jumelage-note", "jumelage-note::footnote-call", "p", "span")] == [
        "Note",
        "Reference",
        "P",
        "Span",
    ]
