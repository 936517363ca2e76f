"""HTML page → PDF bytes, through WeasyPrint, with the bundled fonts only.

WeasyPrint reads the page's print stylesheet (A5 pages, folios, hyphenation
by the page's ``lang``). Its ``url_fetcher`` serves only files below the
folders it is given, so a document cannot make the build read elsewhere on
disk or reach the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pipeline.errors import RenderError

PDF_VARIANT = "pdf/ua-1"
"""Readers get the PDF they download tagged (structure tree, ``/MarkInfo``, ``/Lang``,
PDF/UA identification in XMP, the title displayed), as the brochures' screen PDFs are."""


def local_fetcher(allowed: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves ``file:`` URLs below ``allowed`` only."""
    from weasyprint.urls import URLFetcher

    roots = [root.resolve() for root in allowed]

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"refused to read {path}: outside the outputs folder")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, timeout=5)


def render_pdf(html_path: Path, allowed: Sequence[Path], display: str) -> bytes:
    """Render the HTML file at ``html_path`` (and its linked assets) as PDF."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    try:
        document = HTML(filename=str(html_path), url_fetcher=local_fetcher(allowed))
        data = document.write_pdf(font_config=fonts, uncompressed_pdf=False, pdf_variant=PDF_VARIANT)
    except (OSError, ValueError) as exc:
        raise RenderError(display, None, f"expected WeasyPrint to render the page, found: {exc}") from None
    if not isinstance(data, bytes):
        raise RenderError(display, None, "expected PDF bytes from WeasyPrint, found nothing")
    return data
