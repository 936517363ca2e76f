"""pipeline.impose: saddle-stitch order, checked on a numbered document."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from pipeline.impose import booklet_order, impose_booklet


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
    booklet = PdfReader(io.BytesIO(impose_booklet(numbered_document(8), 297, 210, "test.pdf")))
    assert len(booklet.pages) == 4
    assert abs(float(booklet.pages[0].mediabox.width) - 297 * 72 / 25.4) < 0.5  # A4 landscape
    for sheet, (left, right) in zip(booklet.pages, booklet_order(8), strict=True):
        positions: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], *rest: object, found=positions) -> None:  # type: ignore[no-untyped-def]
            if text.strip():
                found.append((cm[4] + tm[4] * cm[0], text.strip()))

        sheet.extract_text(visitor_text=visit)
        ordered = [text for _, text in sorted(positions)]
        assert ordered == [f"P{left}", f"P{right}"]
