"""pipeline.press.prepress: an imposed RGB PDF → PDF/X-4 in CMYK, measured from the PDF it writes.

The measuring functions (:func:`pdfx_findings`, :func:`crop_marks_in_bleed`) are in
tests/press/print_findings.py, shared with the end-to-end checks of every edition in ``test_brochures.py``.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from weasyprint import HTML

from pipeline.errors import RenderError
from pipeline.press.impose import impose_booklet, print_variant
from pipeline.press.prepress import (
    PRINT_COLOURS,
    PRINT_PROFILE,
    OutputIntent,
    PrintInfo,
    print_cmyk,
    read_print_info,
    separate,
    to_pdfx,
)
from pipeline.render.palette import parse_palette

from .print_findings import crop_marks_in_bleed, pdfx_findings

ASSETS = Path(__file__).resolve().parents[2] / "assets"
PROFILE = (ASSETS / PRINT_PROFILE).read_bytes()
INTENT = OutputIntent(profile=PROFILE)


def sample_pdf(pages: int = 3) -> bytes:
    """A tagged A6 document in the house colours, with title, author and language."""
    body = "".join(
        f'<p style="break-after: page; color: #1d1d1b">Page {number} '
        '<span style="color: #9b1d20; border-bottom: 1pt solid #d8d2c6">red</span></p>'
        for number in range(1, pages + 1)
    )
    head = (
        '<title>Essai</title><meta name="author" content="Rennes Métropole">'
        "<style>@page { size: 105mm 148mm; margin: 10mm } body { background: #f4efe6 }</style>"
    )
    data = HTML(string=f'<html lang="fr"><head>{head}</head><body>{body}</body></html>').write_pdf(
        pdf_variant="pdf/ua-1"
    )
    assert isinstance(data, bytes)
    return data


@pytest.fixture(scope="module")
def screen() -> bytes:
    return sample_pdf()


@pytest.fixture(scope="module")
def info(screen: bytes) -> PrintInfo:
    return read_print_info(screen, datetime(2026, 3, 1, 12, tzinfo=UTC), "essai.pdf")


@pytest.fixture(scope="module")
def printed(screen: bytes, info: PrintInfo) -> bytes:
    return to_pdfx(print_variant(screen, (155, 29, 32), "essai.pdf"), info, INTENT, "essai.pdf")


def test_text_prints_in_black_ink_only() -> None:
    assert print_cmyk((0x1D / 255, 0x1D / 255, 0x1B / 255)) == (0, 0, 0, 1)
    assert print_cmyk((0.0, 0.0, 0.0)) == (0, 0, 0, 1)


def test_the_text_greys_print_in_black_ink_only() -> None:
    """Running heads, folios, captions and the colophon: small text, which two plates would fringe."""
    for grey in ("#5b5b57", "#3b3b38"):
        cyan, magenta, yellow, _ = PRINT_COLOURS[grey]
        assert (cyan, magenta, yellow) == (0, 0, 0), grey
    assert PRINT_COLOURS["#5b5b57"][3] == 0.72 and PRINT_COLOURS["#3b3b38"][3] == 0.85


def test_the_brand_red_prints_with_its_stated_cmyk() -> None:
    assert print_cmyk((155 / 255, 29 / 255, 32 / 255)) == (0, 0.93, 0.8, 0.38)


def test_every_house_colour_has_a_stated_cmyk_value() -> None:
    palette = parse_palette((ASSETS / "css" / "jumelage.css").read_text(encoding="utf-8"))
    assert palette.colours() <= PRINT_COLOURS.keys()
    assert all(0 <= channel <= 1 for value in PRINT_COLOURS.values() for channel in value)


def test_an_unlisted_grey_is_separated_to_black_ink_only() -> None:
    assert separate((0.25, 0.25, 0.25)) == (0, 0, 0, 0.75)
    assert separate((1.0, 0.0, 0.0)) == (0, 1, 1, 0)


def test_the_print_info_is_read_from_the_screen_pdf(info: PrintInfo) -> None:
    assert (info.title, info.author, info.lang) == ("Essai", "Rennes Métropole", "fr")


def test_the_print_file_is_pdfx4_with_boxes_cmyk_and_metadata(printed: bytes) -> None:
    assert pdfx_findings(printed, PROFILE) == []


def test_the_booklet_is_pdfx4_too(screen: bytes, info: PrintInfo) -> None:
    booklet = to_pdfx(impose_booklet(screen, 210, 148, "essai.pdf"), info, INTENT, "essai.pdf")
    assert pdfx_findings(booklet, PROFILE) == []


def test_the_screen_pdf_is_what_the_measure_refuses(screen: bytes) -> None:
    findings = pdfx_findings(screen, PROFILE)
    assert any("output intent" in finding for finding in findings)
    assert any("RGB colour operator rg" in finding for finding in findings)


def test_text_is_set_in_k_and_the_red_in_its_cmyk(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        form = next(iter(document.pages[0].Resources.XObject.values()))
        colours = {
            (str(operator), tuple(float(value) for value in operands))
            for operands, operator in pikepdf.parse_content_stream(form)
            if str(operator) in ("k", "K")
        }
    assert ("k", (0, 0, 0, 1)) in colours
    assert ("k", (0, 0.93, 0.8, 0.38)) in colours


def test_crop_marks_lie_outside_the_bleed(printed: bytes) -> None:
    assert crop_marks_in_bleed(printed) == []


def test_crop_marks_print_on_every_plate(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        page = document.pages[0]
        strokes = [
            (str(operator), [str(value) for value in operands])
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) in ("CS", "SCN", "K", "RG")
        ]
        space = page.Resources.ColorSpace.Registration
        assert (str(space[0]), str(space[1])) == ("/Separation", "/All")
    assert {operator for operator, _ in strokes} == {"CS", "SCN"}  # no mark in K or RGB
    assert all(operands == ["/Registration"] for operator, operands in strokes if operator == "CS")


def test_the_old_marks_inside_the_bleed_would_be_caught() -> None:
    page = pikepdf.new()
    page.add_blank_page(page_size=(100, 100))
    page.pages[0].obj.BleedBox = pikepdf.Array([0, 0, 100, 100])
    page.pages[0].obj.Contents = page.make_stream(b"0.25 w 10 0 m 10 5 l S")
    buffer = io.BytesIO()
    page.save(buffer)
    assert crop_marks_in_bleed(buffer.getvalue()) != []


def test_the_dates_are_the_editions_and_the_xmp_says_so(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as document:
        assert str(document.docinfo.CreationDate) == "D:20260301120000Z"
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            assert xmp["xmp:CreateDate"] == "2026-03-01T12:00:00Z"
            assert xmp["dc:title"] == "Essai"


def test_two_builds_give_the_same_bytes(screen: bytes, info: PrintInfo, printed: bytes) -> None:
    again = to_pdfx(print_variant(screen, (155, 29, 32), "essai.pdf"), info, INTENT, "essai.pdf")
    assert again == printed


def test_a_broken_pdf_is_reported_with_its_name(info: PrintInfo) -> None:
    with pytest.raises(RenderError, match=r"essai\.pdf.*expected an imposed PDF"):
        to_pdfx(b"not a pdf", info, INTENT, "essai.pdf")


def count_objects(pdf: bytes) -> dict[str, int]:
    """The fonts and images a PDF holds (every object, reachable or not)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        objects = list(document.objects)
        return {
            "fonts": sum(isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font" for o in objects),
            "images": sum(isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" for o in objects),
        }


def test_the_fonts_and_images_the_imposer_copies_for_each_page_are_kept_once(info: PrintInfo) -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (120, 60), (155, 29, 32)).save(png, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    pages = "".join(f'<p style="break-after: page">Page {n} <img alt="" src="{uri}"></p>' for n in range(4))
    screen = HTML(string=f'<html lang="fr"><title>T</title><body>{pages}</body></html>').write_pdf()
    assert isinstance(screen, bytes)
    imposed = print_variant(screen, (155, 29, 32), "essai.pdf")
    assert count_objects(imposed)["images"] == 4  # PDFium's copies: one per page placed
    printed = to_pdfx(imposed, info, INTENT, "essai.pdf")
    assert count_objects(printed) == count_objects(screen)
    assert count_objects(printed)["images"] == 1
    assert pdfx_findings(printed, PROFILE) == []
