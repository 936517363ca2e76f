"""Print PDF pages → a saddle-stitch booklet: two pages a sheet side, in folding order.

For ``n`` pages (a multiple of 4), the sheet sides carry (n, 1), (2, n−1),
(n−2, 3), (4, n−3)…: printed duplex, stacked, folded and stapled, they read
1, 2, 3… Pages are centred on their half of the sheet.

>>> booklet_order(8)
[(8, 1), (2, 7), (6, 3), (4, 5)]
"""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from .errors import RenderError

MM = 72 / 25.4


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Left and right page numbers (1-based) of each sheet side, front then back."""
    if pages <= 0 or pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, got {pages}")
    sides = []
    for index in range(pages // 2):
        low, high = index + 1, pages - index
        sides.append((high, low) if index % 2 == 0 else (low, high))
    return sides


def impose_booklet(pdf: bytes, sheet_width_mm: float, sheet_height_mm: float, display: str) -> bytes:
    """Impose the pages of ``pdf`` two-up on sheets of the given size, in booklet order."""
    reader = PdfReader(io.BytesIO(pdf))
    try:
        sides = booklet_order(len(reader.pages))
    except ValueError as exc:
        raise RenderError(display, None, f"expected pages padded for saddle stitching: {exc}") from None
    width, height = sheet_width_mm * MM, sheet_height_mm * MM
    writer = PdfWriter()
    for left, right in sides:
        sheet = PageObject.create_blank_page(width=width, height=height)
        for slot, number in enumerate((left, right)):
            page = reader.pages[number - 1]
            box = page.trimbox
            x = slot * width / 2 + (width / 2 - float(box.width)) / 2 - float(box.left)
            y = (height - float(box.height)) / 2 - float(box.bottom)
            sheet.merge_transformed_page(page, Transformation().translate(x, y))
        writer.add_page(sheet)
    writer.add_metadata(
        {"/Title": str(reader.metadata.title if reader.metadata else ""), "/Producer": "jumelage"}
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
