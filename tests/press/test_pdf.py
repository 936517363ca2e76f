"""pipeline.press.pdf: a tiny brochure page → screen, print-shop and booklet PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader

from pipeline.press.impose import SLUG
from pipeline.press.pdf import EditionPdfs, PressInputs, render_edition_pdfs
from pipeline.press.prepress import PRINT_PROFILE, OutputIntent, separate

ASSETS = Path(__file__).resolve().parents[2] / "assets"

# Three A6 pages; the print shop wants four (the last page stays last).
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Tiny</title></head><body>
<section class="cover">Cover</section><p>Two</p><p class="last">Three</p></body></html>"""
STYLE = """@page { size: 105mm 148mm; margin: 10mm }
.cover, p { break-after: page }
.last { break-after: auto }"""
COVER = (0x12, 0x34, 0x56)


def inputs(folder: Path, html: str = PAGE) -> PressInputs:
    stylesheet = folder / "tiny.css"
    stylesheet.write_text(STYLE, encoding="utf-8")
    return PressInputs(
        html=html,
        stylesheets=(stylesheet,),
        allowed=(folder,),
        sheet_mm=(210, 148),
        cover_rgb=COVER,
        display="tiny.pdf",
        output_intent=OutputIntent(profile=(ASSETS / PRINT_PROFILE).read_bytes()),
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> EditionPdfs:
    return render_edition_pdfs(inputs(tmp_path_factory.mktemp("press")))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's media box, width and height in points."""
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader(pdf).pages]


def test_the_screen_pdf_has_every_page_at_trim_size(pdfs: EditionPdfs) -> None:
    assert pdfs.pages == 3
    trim = (105 * 72 / 25.4, 148 * 72 / 25.4)
    assert [pytest.approx(size, abs=0.01) for size in pages(pdfs.screen)] == [trim] * 3


def test_the_print_pdf_is_padded_to_four_pages_with_bleed_and_slug(pdfs: EditionPdfs) -> None:
    assert pdfs.print_pages == 4
    sizes = pages(pdfs.print)
    assert len(sizes) == 4
    # the sheet is the trim plus the slug, which holds the bleed and the crop marks
    assert sizes[0] == pytest.approx((105 * 72 / 25.4 + 2 * SLUG, 148 * 72 / 25.4 + 2 * SLUG), abs=0.01)


def test_the_cover_colour_bleeds_on_the_first_print_page_only(pdfs: EditionPdfs) -> None:
    document = pypdfium2.PdfDocument(pdfs.print)
    try:
        first = document[0].render(scale=1).to_pil().convert("RGB")
        second = document[1].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    bleed_x = round(SLUG - 1.5 * 72 / 25.4)  # halfway through the bleed, left of the trim
    # the cover's colour, separated to CMYK for print: PDFium renders it back near, not equal, to RGB
    bled = first.getpixel((bleed_x, first.height // 2))
    assert all(abs(a - b) <= 16 for a, b in zip(bled, COVER, strict=True))
    assert first.getpixel((2, first.height // 2)) == (255, 255, 255)  # the slug stays blank
    assert second.getpixel((bleed_x, second.height // 2)) == (255, 255, 255)


def test_the_booklet_holds_two_pages_a_sheet(pdfs: EditionPdfs) -> None:
    sizes = pages(pdfs.booklet)
    assert len(sizes) == pdfs.print_pages // 2
    assert sizes[0] == pytest.approx((210 * 72 / 25.4, 148 * 72 / 25.4), abs=0.01)


def test_the_screen_pdf_is_tagged_pdf_ua(pdfs: EditionPdfs) -> None:
    assert "/StructTreeRoot" in reader(pdfs.screen).trailer["/Root"]


def test_the_cover_bleeds_in_the_cmyk_of_its_colour(pdfs: EditionPdfs) -> None:
    with pikepdf.open(io.BytesIO(pdfs.print)) as document:
        fills = [
            tuple(float(value) for value in operands)
            for operands, operator in pikepdf.parse_content_stream(document.pages[0])
            if str(operator) == "k"
        ]
    assert separate(tuple(channel / 255 for channel in COVER)) in fills  # type: ignore[arg-type]
