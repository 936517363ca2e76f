"""Brochure page (HTML) → the three PDFs of an edition: screen (PDF/UA-1), print shop and booklet.

The brochure is laid out once by WeasyPrint (again only where hyphenation
must be limited, :mod:`pipeline.render.hyphenation`); the print shop's
variants are assembled from the screen PDF's pages by :mod:`pipeline.press.impose`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.press.impose import impose_booklet, padded_order, print_variant
from pipeline.render.hyphenation import limit_hyphenation
from pipeline.render.pdf import local_fetcher


@dataclass(frozen=True)
class EditionPdfs:
    """The three PDFs of an edition."""

    screen: bytes
    print: bytes
    booklet: bytes
    pages: int
    print_pages: int


#: The cover's background (assets/css/brochure.css), carried into the print variant's bleed.
COVER_RGB = (0x9B, 0x1D, 0x20)


def render_edition_pdfs(
    html: str,
    stylesheets: Sequence[Path],
    allowed: Sequence[Path],
    sheet_mm: tuple[float, float],
    display: str,
) -> EditionPdfs:
    """Screen PDF (PDF/UA-1, tagged); from its pages, the print PDF and the booklet.

    The brochure is laid out once (twice when hyphenation must be limited);
    the print shop's variants are assembled from the screen PDF's pages.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = local_fetcher(allowed)
    css = [CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in stylesheets]

    def render(source: str) -> Any:
        page = HTML(string=source, base_url=str(stylesheets[0]), url_fetcher=fetcher)
        return page.render(stylesheets=css, font_config=fonts)

    try:
        _, screen = limit_hyphenation(html, render)
    except (OSError, ValueError) as exc:
        raise RenderError(
            display, None, f"expected WeasyPrint to render the brochure, found: {exc}"
        ) from None
    screen_pdf = _write(screen, "pdf/ua-1")
    return EditionPdfs(
        screen=screen_pdf,
        print=print_variant(screen_pdf, COVER_RGB, display),
        booklet=impose_booklet(screen_pdf, *sheet_mm, display),
        pages=len(screen.pages),
        print_pages=len(padded_order(len(screen.pages))),
    )


def _write(document: Any, variant: str | None) -> bytes:
    data = document.write_pdf(pdf_variant=variant) if variant else document.write_pdf()
    if not isinstance(data, bytes):
        raise RenderError("<pdf>", None, "expected PDF bytes from WeasyPrint, found nothing")
    return data
