"""pipeline.press.impose: saddle-stitch order, checked on a numbered document."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from pipeline.press.impose import (
    MARK_LENGTH,
    MARK_OFFSET,
    SLUG,
    booklet_order,
    impose_booklet,
    print_variant,
)


def test_booklet_order_for_two_sheets() -> None:
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@pytest.mark.parametrize("pages", [4, 8, 12, 16])
def test_every_page_appears_once_and_facing_pages_add_up(pages: int) -> None:
    sides = booklet_order(pages)
    assert sorted(number for side in sides for number in side) == list(range(1, pages + 1))
    assert all(left + right == pages + 1 for left, right in sides)


def test_a_page_count_not_a_multiple_of_four_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        booklet_order(6)


def numbered_document(pages: int) -> bytes:
    body = "".join(
        f'<p style="break-after: page; font-size: 40pt">P{number}</p>' for number in range(1, pages + 1)
    )
    style = "<style>@page { size: 148mm 210mm; margin: 20mm }</style>"
    data = HTML(string=f"<html><head>{style}</head><body>{body}</body></html>").write_pdf()
    assert isinstance(data, bytes)
    return data


def test_the_imposed_sheets_carry_the_right_pages_left_and_right() -> None:
    booklet = impose_booklet(numbered_document(8), 297, 210, "test.pdf")
    document = pypdfium2.PdfDocument(booklet)
    assert len(document) == 4
    for index, (left, right) in enumerate(booklet_order(8)):
        page = document[index]
        width, height = page.get_size()
        assert abs(width - 297 * 72 / 25.4) < 0.5 and abs(height - 210 * 72 / 25.4) < 0.5  # A4 landscape
        text = page.get_textpage()
        assert text.get_text_bounded(0, 0, width / 2, height).split() == [f"P{left}"]
        assert text.get_text_bounded(width / 2, 0, width, height).split() == [f"P{right}"]


@pytest.mark.parametrize(("sheet", "page"), [((297, 210), (148, 210)), ((279.4, 215.9), (139.7, 215.9))])
def test_the_booklet_is_trimmed_to_two_pages_that_meet_at_the_fold(
    sheet: tuple[float, float], page: tuple[float, float]
) -> None:
    """An A4 sheet is 297 mm wide where two A5 pages make 296: the TrimBox is the two pages, centred."""
    mm = 72 / 25.4
    style = f"<style>@page {{ size: {page[0]}mm {page[1]}mm; margin: 0 }} body, p {{ margin: 0 }}</style>"
    body = "".join(f'<p style="break-after: page">P{number}</p>' for number in range(1, 5))
    source = HTML(string=f"<html><head>{style}</head><body>{body}</body></html>").write_pdf()
    assert isinstance(source, bytes)
    sheets = PdfReader(io.BytesIO(impose_booklet(source, *sheet, "test.pdf"))).pages
    for imposed in sheets:
        media, trim, bleed = imposed.mediabox, imposed.trimbox, imposed.bleedbox
        assert abs(float(media.width) - sheet[0] * mm) < 0.01  # the sheet stays as it is
        assert abs(float(trim.width) - 2 * page[0] * mm) < 0.01
        assert abs(float(trim.height) - page[1] * mm) < 0.01
        assert abs(float(trim.left) - (float(media.right) - float(trim.right))) < 0.01  # centred
        assert [float(value) for value in bleed] == [float(value) for value in trim]  # no bleed
    # the left page's text starts at the trim's left edge, the right page's at the fold
    document = pypdfium2.PdfDocument(impose_booklet(source, *sheet, "test.pdf"))
    text = document[0].get_textpage()
    left = (sheet[0] - 2 * page[0]) / 2 * mm
    content = text.get_text_range()
    starts = sorted(text.get_charbox(index)[0] for index, char in enumerate(content) if char == "P")
    assert len(starts) == 2
    assert abs(starts[0] - left) < 2 and abs(starts[1] - sheet[0] / 2 * mm) < 2


def test_the_print_variant_adds_bleed_marks_and_blank_pages_before_the_colophon() -> None:
    printed = PdfReader(io.BytesIO(print_variant(numbered_document(6), (155, 29, 32), "test.pdf")))
    assert len(printed.pages) == 8
    texts = [page.extract_text().strip() for page in printed.pages]
    assert texts == ["P1", "P2", "P3", "P4", "P5", "", "", "P6"]  # the colophon stays last
    bleed = 3 * 72 / 25.4
    page = printed.pages[0]
    # the sheet holds the bleed and, around it, the slug where the crop marks are
    assert abs(float(page.mediabox.width) - (148 * 72 / 25.4 + 2 * SLUG)) < 0.5
    assert abs(float(page.trimbox.left) - SLUG) < 0.01
    assert abs(float(page.bleedbox.left) - (SLUG - bleed)) < 0.01
    assert abs(float(page.bleedbox.width) - (148 * 72 / 25.4 + 2 * bleed)) < 0.01
    assert SLUG - MARK_OFFSET - MARK_LENGTH > 0  # the marks end inside the sheet
    assert bleed < MARK_OFFSET  # and start beyond the bleed
