"""Brochure page (HTML) → the three PDFs of an edition: screen (PDF/UA-1), print shop and booklet.

The brochure is laid out once by WeasyPrint (again only where hyphenation
must be limited, :mod:`pipeline.render.hyphenation`); the print shop's
variants are assembled from the screen PDF's pages by :mod:`pipeline.press.impose`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.press.impose import impose_booklet, padded_order, print_variant
from pipeline.render.hyphenation import limit_hyphenation
from pipeline.render.pdf import local_fetcher


@dataclass(frozen=True)
class PressInputs:
    """A brochure page and what its three PDFs are printed with."""

    html: str
    stylesheets: tuple[Path, ...]
    """The brochure's stylesheets; the first one's folder resolves the page's links."""
    allowed: tuple[Path, ...]
    """The folders WeasyPrint may read (fonts, images)."""
    sheet_mm: tuple[float, float]
    """The booklet's sheet, width and height in millimetres."""
    cover_rgb: tuple[int, int, int]
    """The cover's background (the palette's accent), carried into the print variant's bleed."""
    display: str
    """The screen PDF's name in error messages."""


@dataclass(frozen=True)
class EditionPdfs:
    """The three PDFs of an edition."""

    screen: bytes
    print: bytes
    booklet: bytes
    pages: int
    print_pages: int


def render_edition_pdfs(inputs: PressInputs) -> EditionPdfs:
    """Screen PDF (PDF/UA-1, tagged); from its pages, the print PDF and the booklet.

    The brochure is laid out once (twice when hyphenation must be limited);
    the print shop's variants are assembled from the screen PDF's pages.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = local_fetcher(inputs.allowed)
    css = [CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in inputs.stylesheets]

    def render(source: str) -> Any:
        page = HTML(string=source, base_url=str(inputs.stylesheets[0]), url_fetcher=fetcher)
        return page.render(stylesheets=css, font_config=fonts)

    try:
        _, screen = limit_hyphenation(inputs.html, render)
    except (OSError, ValueError) as exc:
        raise RenderError(
            inputs.display, None, f"expected WeasyPrint to render the brochure, found: {exc}"
        ) from None
    screen_pdf = _write(screen, "pdf/ua-1")
    return EditionPdfs(
        screen=screen_pdf,
        print=print_variant(screen_pdf, inputs.cover_rgb, inputs.display),
        booklet=impose_booklet(screen_pdf, *inputs.sheet_mm, inputs.display),
        pages=len(screen.pages),
        print_pages=len(padded_order(len(screen.pages))),
    )


def _write(document: Any, variant: str | None) -> bytes:
    data = document.write_pdf(pdf_variant=variant) if variant else document.write_pdf()
    if not isinstance(data, bytes):
        raise RenderError("<pdf>", None, "expected PDF bytes from WeasyPrint, found nothing")
    return data
