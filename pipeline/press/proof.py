"""Edition PDFs → PNG proofs of every page and one contact sheet per edition.

A designer's look at the brochures before they go to the print shop:
``outputs/proof/<edition>/<slug>-NN.png`` and ``outputs/proof/<edition>.png``.
Pages are rendered by PDFium (``pypdfium2``), the sheet put together with
Pillow; both come from PyPI wheels, so nothing is needed on the machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw

from pipeline.fileio import write_bytes

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
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_proofs(pdfs: Sequence[Path], folder: Path, sheet: Path) -> list[Path]:
    """Proof every page of ``pdfs`` into ``folder`` and their contact sheet into ``sheet``."""
    written: list[Path] = []
    pages: list[Image.Image] = []
    for pdf in pdfs:
        rendered = render_pages(pdf.read_bytes())
        for number, page in enumerate(rendered, start=1):
            path = folder / f"{pdf.stem}-{number:02d}.png"
            write_bytes(path, png_bytes(page))
            written.append(path)
        pages.extend(rendered)
    if pages:
        write_bytes(sheet, png_bytes(contact_sheet(pages)))
        written.append(sheet)
    return written
