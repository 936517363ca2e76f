"""pipeline.press.prepress: an imposed RGB PDF → PDF/X-4 in CMYK, measured from the PDF it writes.

The measuring functions here (:func:`pdfx_findings`, :func:`crop_marks_in_bleed`)
are shared with the end-to-end checks of every edition in ``test_brochures.py``.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
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

ASSETS = Path(__file__).resolve().parents[2] / "assets"
PROFILE = (ASSETS / PRINT_PROFILE).read_bytes()
INTENT = OutputIntent(profile=PROFILE)
RGB_SPACES = {"/DeviceRGB", "/CalRGB"}


def pdfx_findings(pdf: bytes, profile: bytes) -> list[str]:
    """What keeps ``pdf`` from being the PDF/X-4 print file we promise; empty when nothing does."""
    findings = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        intents = document.Root.get("/OutputIntents", [])
        if len(intents) != 1 or intents[0].get("/S") != "/GTS_PDFX":
            findings.append(f"expected one /GTS_PDFX output intent, found {len(intents)}")
        elif intents[0].DestOutputProfile.read_bytes() != profile or intents[0].DestOutputProfile.N != 4:
            findings.append("expected the vendored CMYK profile as the output intent's profile")
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            if xmp.get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
                findings.append(
                    f"expected pdfxid:GTS_PDFXVersion PDF/X-4, found {xmp.get('pdfxid:GTS_PDFXVersion')!r}"
                )
        info = document.docinfo
        for key in ("/Title", "/Author", "/CreationDate", "/ModDate"):
            if not str(info.get(key, "")):
                findings.append(f"expected {key} in the document information, found none")
        if info.get("/Trapped") != "/False":
            findings.append(f"expected /Trapped /False, found {info.get('/Trapped')}")
        if not str(document.Root.get("/Lang", "")):
            findings.append("expected the document's /Lang, found none")
        for number, page in enumerate(document.pages, 1):
            findings += [f"page {number}: {finding}" for finding in _box_findings(page)]
            findings += [f"page {number}: {finding}" for finding in _group_findings(page)]
            findings += [f"page {number}: {finding}" for finding in _rgb_operators(page.obj, set())]
    return findings


def _group_findings(page: pikepdf.Page) -> list[str]:
    """A page that blends transparency in RGB (or in no stated space) would shift its colours."""
    group = page.obj.get("/Group")
    if group is None or group.get("/CS") != "/DeviceCMYK":
        return [f"expected a transparency group blending in /DeviceCMYK, found {group}"]
    return []


def _box_findings(page: pikepdf.Page) -> list[str]:
    if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
        return ["expected a TrimBox and a BleedBox"]
    media, bleed, trim = (
        [float(value) for value in page.obj[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox")
    )
    inside = all(
        outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]
        for outer, inner in ((media, bleed), (bleed, trim))
    )
    return [] if inside else [f"expected MediaBox {media} ⊇ BleedBox {bleed} ⊇ TrimBox {trim}"]


def _rgb_operators(holder: pikepdf.Object, seen: set[tuple[int, int]]) -> list[str]:
    """Every RGB colour operator of a page or form, and of the forms it draws."""
    if holder.is_indirect and holder.objgen in seen:
        return []
    seen.add(holder.objgen)
    resources = holder.get("/Resources", pikepdf.Dictionary())
    spaces = resources.get("/ColorSpace", pikepdf.Dictionary())
    found, current = [], {"cs": "", "CS": ""}
    for operands, operator in pikepdf.parse_content_stream(holder):
        name = str(operator)
        if name in ("rg", "RG"):
            found.append(f"RGB colour operator {name} {[float(value) for value in operands]}")
        elif name in current:
            space = spaces.get(str(operands[0]), operands[0])
            family = str(space[0]) if isinstance(space, pikepdf.Array) else str(space)
            current[name] = family
            if family in RGB_SPACES or (family == "/ICCBased" and space[1].get("/N") == 3):
                found.append(f"RGB colour space {family} set by {name}")
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if xobject.get("/Subtype") == "/Form":
            found += _rgb_operators(xobject, seen)
        elif xobject.get("/ColorSpace") in ("/DeviceRGB",):
            found.append("an image in DeviceRGB")
    return found


def crop_marks_in_bleed(pdf: bytes) -> list[str]:
    """The crop marks (thin paths on the page itself) that touch the BleedBox; empty when none does."""
    document = pypdfium2.PdfDocument(pdf)
    touching = []
    try:
        for number in range(len(document)):
            page = document[number]
            bleed = page.get_bleedbox()
            bounds = [
                obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1)
            ]
            marks = [box for box in bounds if min(box[2] - box[0], box[3] - box[1]) < 1]
            if not marks:
                touching.append(f"page {number + 1}: no crop mark")
            for left, bottom, right, top in marks:
                apart = right <= bleed[0] or left >= bleed[2] or top <= bleed[1] or bottom >= bleed[3]
                if not apart:
                    touching.append(f"page {number + 1}: mark {(left, bottom, right, top)} in {bleed}")
    finally:
        document.close()
    return touching


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
