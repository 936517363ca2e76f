"""Edition PDFs → PNG proofs of every page and one contact sheet per edition.

A designer's look at the brochures before they go to the print shop. Bytes in,
bytes out: :mod:`pipeline.workflow.editions` reads the PDFs and writes
``outputs/proof/<edition>/<slug>-NN.png`` and ``outputs/proof/<edition>.png``.
Pages are rendered by PDFium (``pypdfium2``), the sheet put together with
Pillow; both come from PyPI wheels, so nothing is needed on the machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2
from PIL import Image, ImageDraw

DPI = 96
THUMBNAIL_WIDTH = 220
GAP = 16


def render_pages(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    """Every page of ``pdf`` as an RGB image."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def contact_sheet(pages: Sequence[Image.Image], columns: int = 4) -> Image.Image:
    """Pages side by side as spreads would be read: page 1 alone, then pairs."""
    thumbs = [
        page.resize((THUMBNAIL_WIDTH, round(page.height * THUMBNAIL_WIDTH / page.width))) for page in pages
    ]
    height = max(thumb.height for thumb in thumbs)
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new(
        "RGB", (GAP + columns * (THUMBNAIL_WIDTH + GAP), GAP + rows * (height + 2 * GAP)), "#9a9a96"
    )
    draw = ImageDraw.Draw(sheet)
    for index, thumb in enumerate(thumbs):
        x = GAP + (index % columns) * (THUMBNAIL_WIDTH + GAP)
        y = GAP + (index // columns) * (height + 2 * GAP)
        sheet.paste(thumb, (x, y))
        draw.text((x, y + thumb.height + 2), str(index + 1), fill="#ffffff")
    return sheet


def png_bytes(image: Image.Image) -> bytes:
    """``image`` as PNG bytes (optimised, so the same image gives the same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class Proofs:
    """PNG proofs of some PDFs: every page of each PDF, and one contact sheet of them all."""

    pages: tuple[tuple[bytes, ...], ...]
    """Per PDF, in the order given, one PNG per page."""
    sheet: bytes | None
    """The contact sheet, or none when there was no page at all."""


def proof_pdfs(pdfs: Sequence[bytes], dpi: int = DPI) -> Proofs:
    """PDF bytes → each page as PNG bytes, and the contact sheet of every page."""
    rendered = [render_pages(pdf, dpi) for pdf in pdfs]
    every_page = [page for pages in rendered for page in pages]
    return Proofs(
        pages=tuple(tuple(png_bytes(page) for page in pages) for pages in rendered),
        sheet=png_bytes(contact_sheet(every_page)) if every_page else None,
    )
