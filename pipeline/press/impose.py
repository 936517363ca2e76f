"""Trim-size brochure PDF → the print shop's PDF (bleed, crop marks, 4n pages) and the booklet.

Both are made from the screen PDF's pages, placed as form XObjects by PDFium
(``pypdfium2``), so the brochure is laid out once: no second WeasyPrint
render. The print variant adds 3 mm of bleed on every side (the cover's
colour runs into it), a slug around the bleed holding crop marks that start
1 mm beyond the bleed (so that no mark is ever printed on what is kept, even
when the sheet is cut off-register), and blank pages before the colophon up
to a multiple of 4. Both files are RGB here; :mod:`pipeline.press.prepress`
makes them PDF/X-4 in CMYK. The booklet puts two pages on each sheet
side in saddle-stitch order: for ``n`` pages, (n, 1), (2, n−1), (n−2, 3)…

>>> booklet_order(8)
[(8, 1), (2, 7), (6, 3), (4, 5)]
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import re
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import RenderError

MM = 72 / 25.4
BLEED_MM = 3  # the print variant's bleed on every side; the booklet has none
BLEED = BLEED_MM * MM
MARK_OFFSET = BLEED + 1 * MM  # from the trim to a crop mark's start: clear of the bleed
MARK_LENGTH = 6 * MM
SLUG = MARK_OFFSET + MARK_LENGTH + 1 * MM  # from the trim to the sheet's edge (the MediaBox)
MARK = 0.25  # crop mark stroke width, in points
BLANK = -1  # a padding page in a page order


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """Left and right page numbers (1-based) of each sheet side, front then back."""
    if pages <= 0 or pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, got {pages}")
    sides = []
    for index in range(pages // 2):
        low, high = index + 1, pages - index
        sides.append((high, low) if index % 2 == 0 else (low, high))
    return sides


def padded_order(pages: int) -> list[int]:
    """0-based page indexes padded with blanks before the last page (the colophon) to 4n."""
    padding = -pages % 4
    return [*range(pages - 1), *[BLANK] * padding, pages - 1]


def print_variant(pdf: bytes, cover_rgb: tuple[int, int, int], display: str) -> bytes:
    """Bleed, slug with crop marks, and padding for the print shop; the first page's colour bleeds."""
    source = _open(pdf, display)
    target = pdfium.PdfDocument.new()
    width, height = source.get_page_size(0)
    for index in padded_order(len(source)):
        page = target.new_page(width + 2 * SLUG, height + 2 * SLUG)
        if index == 0:
            _rectangle(page, SLUG - BLEED, SLUG - BLEED, width + 2 * BLEED, height + 2 * BLEED, cover_rgb)
        if index != BLANK:
            _place(source, index, target, page, SLUG, SLUG)
        _crop_marks(page, width, height)
        page.gen_content()
        page.set_mediabox(0, 0, width + 2 * SLUG, height + 2 * SLUG)
        page.set_bleedbox(SLUG - BLEED, SLUG - BLEED, SLUG + width + BLEED, SLUG + height + BLEED)
        page.set_trimbox(SLUG, SLUG, SLUG + width, SLUG + height)
    return _save(target)


def impose_booklet(pdf: bytes, sheet_width_mm: float, sheet_height_mm: float, display: str) -> bytes:
    """Two trim-size pages a sheet side, in booklet order, padded like the print variant.

    The two pages meet at the fold, centred on the sheet, and the TrimBox (the
    finished size, which PDF/X requires of every page) is those two pages: an
    A4 sheet is 297 mm wide where two A5 pages make 296, and a shop trims to
    the TrimBox. The booklet has no bleed, so its BleedBox is the TrimBox; the
    sheet stays the MediaBox.
    """
    source = _open(pdf, display)
    order = padded_order(len(source))
    sheet_width, sheet_height = sheet_width_mm * MM, sheet_height_mm * MM
    width, height = source.get_page_size(0)
    left_edge, bottom = (sheet_width - 2 * width) / 2, (sheet_height - height) / 2
    target = pdfium.PdfDocument.new()
    for left, right in booklet_order(len(order)):
        page = target.new_page(sheet_width, sheet_height)
        for slot, number in enumerate((left, right)):
            index = order[number - 1]
            if index != BLANK:
                _place(source, index, target, page, left_edge + slot * width, bottom)
        page.gen_content()
        page.set_trimbox(left_edge, bottom, left_edge + 2 * width, bottom + height)
        page.set_bleedbox(left_edge, bottom, left_edge + 2 * width, bottom + height)
    return _save(target)


def _open(pdf: bytes, display: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise RenderError(display, None, f"expected a PDF to impose, found: {exc}") from None


def _place(
    source: pdfium.PdfDocument,
    index: int,
    target: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    x: float,
    y: float,
) -> None:
    xobject = source.page_as_xobject(index, target)
    placed = xobject.as_pageobject()
    placed.transform(pdfium.PdfMatrix().translate(x, y))
    page.insert_obj(placed)


def _rectangle(
    page: pdfium.PdfPage, x: float, y: float, width: float, height: float, rgb: Sequence[int]
) -> None:
    shape = pdfium_c.FPDFPageObj_CreateNewRect(x, y, width, height)
    pdfium_c.FPDFPageObj_SetFillColor(shape, *rgb, 255)
    pdfium_c.FPDFPath_SetDrawMode(shape, pdfium_c.FPDF_FILLMODE_WINDING, False)
    pdfium_c.FPDFPage_InsertObject(page.raw, shape)


def _crop_marks(page: pdfium.PdfPage, width: float, height: float) -> None:
    """Short lines in the slug, on the prolongation of each trim edge, clear of the bleed."""
    left, bottom, right, top = SLUG, SLUG, SLUG + width, SLUG + height
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    lines = []
    for x in (left, right):
        lines += [((x, bottom - far), (x, bottom - near)), ((x, top + near), (x, top + far))]
    for y in (bottom, top):
        lines += [((left - far, y), (left - near, y)), ((right + near, y), (right + far, y))]
    for (x0, y0), (x1, y1) in lines:
        path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y0)
        pdfium_c.FPDFPath_LineTo(path, x1, y1)
        pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
        pdfium_c.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(MARK))
        pdfium_c.FPDFPath_SetDrawMode(path, 0, True)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)


def _save(document: pdfium.PdfDocument) -> bytes:
    """The document's bytes, made reproducible.

    PDFium stamps the wall clock (``/CreationDate``) and a random ``/ID``;
    both are replaced in place, by strings of the same length so that the
    cross-reference offsets stay right: the date by the epoch, the ID by a
    digest of the content.
    """
    buffer = io.BytesIO()
    document.save(buffer)
    data = re.sub(
        rb"/CreationDate\(D:\d{14}[^)]*\)",
        lambda m: _same_length(m.group(0), b"/CreationDate(D:19700101000000+00'00')"),
        buffer.getvalue(),
    )
    digest = (
        hashlib.md5(re.sub(rb"/ID\[<[0-9A-F]*><[0-9A-F]*>\]", b"", data), usedforsecurity=False)
        .hexdigest()
        .upper()
    )
    return re.sub(
        rb"/ID\[<([0-9A-F]*)><([0-9A-F]*)>\]",
        lambda m: (
            b"/ID[<" + digest.encode()[: len(m.group(1))] + b"><" + digest.encode()[: len(m.group(2))] + b">]"
        ),
        data,
    )


def _same_length(original: bytes, replacement: bytes) -> bytes:
    return replacement if len(replacement) == len(original) else original
