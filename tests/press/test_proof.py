"""pipeline.press.proof: PDF bytes in, PNG bytes out, on a two-page document."""

from __future__ import annotations

import io

from PIL import Image
from weasyprint import HTML

from pipeline.press.proof import DPI, GAP, THUMBNAIL_WIDTH, proof_pdfs

# One inch by two: 96 × 192 pixels at the proofs' 96 dpi.
TWO_PAGES = """<style>@page { size: 72pt 144pt; margin: 0 } body { margin: 0 }
div { height: 144pt; break-after: page }</style>
<div style="background: #ff0000"></div><div style="background: #0000ff"></div>"""


def two_page_pdf() -> bytes:
    data = HTML(string=TWO_PAGES).write_pdf()
    assert isinstance(data, bytes)
    return data


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


def test_every_page_becomes_a_png_of_the_page_size_in_order() -> None:
    proofs = proof_pdfs([two_page_pdf()])
    assert len(proofs.pages) == 1 and len(proofs.pages[0]) == 2
    first, second = (png(page) for page in proofs.pages[0])
    assert first.size == second.size == (DPI, 2 * DPI)
    assert first.getpixel((48, 96)) == (255, 0, 0)
    assert second.getpixel((48, 96)) == (0, 0, 255)


def test_the_contact_sheet_holds_every_page_of_every_pdf() -> None:
    proofs = proof_pdfs([two_page_pdf(), two_page_pdf()])
    assert [len(pages) for pages in proofs.pages] == [2, 2]
    assert proofs.sheet is not None
    sheet = png(proofs.sheet)
    thumbnail_height = 2 * THUMBNAIL_WIDTH  # the pages are twice as high as wide
    assert sheet.size == (GAP + 4 * (THUMBNAIL_WIDTH + GAP), GAP + thumbnail_height + 2 * GAP)
    # Four thumbnails in one row: red, blue, red, blue.
    middle = GAP + thumbnail_height // 2
    colours = [sheet.getpixel((GAP + index * (THUMBNAIL_WIDTH + GAP) + 10, middle)) for index in range(4)]
    assert colours == [(255, 0, 0), (0, 0, 255), (255, 0, 0), (0, 0, 255)]


def test_no_pdf_gives_no_page_and_no_sheet() -> None:
    proofs = proof_pdfs([])
    assert proofs.pages == () and proofs.sheet is None


def test_the_same_pdf_gives_the_same_png_bytes() -> None:
    pdf = two_page_pdf()
    assert proof_pdfs([pdf]) == proof_pdfs([pdf])
