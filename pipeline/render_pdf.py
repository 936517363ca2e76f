"""HTML page → PDF bytes, through WeasyPrint, with the bundled fonts only.

WeasyPrint reads the page's print stylesheet (A5 pages, folios, hyphenation
by the page's ``lang``). Its ``url_fetcher`` serves only files below the
folders it is given, so a document cannot make the build read elsewhere on
disk or reach the network.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import RenderError

log = logging.getLogger(__name__)


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
        data = document.write_pdf(font_config=fonts, uncompressed_pdf=False)
    except (OSError, ValueError) as exc:
        raise RenderError(display, None, f"expected WeasyPrint to render the page, found: {exc}") from None
    if not isinstance(data, bytes):
        raise RenderError(display, None, "expected PDF bytes from WeasyPrint, found nothing")
    return data


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

    from .impose import impose_booklet, padded_order, print_variant

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


# --- hyphenation: no more than two hyphenated lines in a row -----------------------------------------
#
# CSS has `hyphenate-limit-lines` for this, but WeasyPrint does not implement
# it. So the layout is inspected: where a third line in a row ends with a
# hyphen, the word broken there is marked `nohyphen` and the page laid out
# again, until no run is longer than two (or a few rounds have passed).

HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character
MAX_HYPHENATED_RUN = 2
_ROUNDS = 4
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def hyphenated_runs(document: Any, longest: int = MAX_HYPHENATED_RUN) -> list[str]:
    """The words broken at the third (and later) hyphenated line of a run, page by page."""
    from weasyprint.formatting_structure import boxes

    words: list[str] = []

    def visit(box: Any) -> None:
        children = list(getattr(box, "children", []))
        if any(isinstance(child, boxes.LineBox) for child in children):
            lines = [child for child in children if isinstance(child, boxes.LineBox)]
            run = 0
            for index, line in enumerate(lines):
                texts = [text.text for text in line.descendants() if isinstance(text, boxes.TextBox)]
                if texts and texts[-1].endswith(HYPHEN):
                    run += 1
                    if run > longest:
                        # The word broken here, or, when its end is on the next page, the
                        # word broken on the line before (either way the run is cut).
                        word = (
                            _broken_word(texts[-1], lines[index + 1], boxes)
                            if index + 1 < len(lines)
                            else _broken_word(_last_text(lines[index - 1], boxes), line, boxes)
                        )
                        if word:
                            words.append(word)
                            run = 0
                else:
                    run = 0
        for child in children:
            if not isinstance(child, boxes.LineBox):
                visit(child)

    for page in document.pages:
        visit(page._page_box)
    return words


def _last_text(line: Any, boxes: Any) -> str:
    texts = [text.text for text in line.descendants() if isinstance(text, boxes.TextBox)]
    return str(texts[-1]) if texts else ""


def _broken_word(end: str, next_line: Any, boxes: Any) -> str | None:
    head = _WORD.findall(end.removesuffix(HYPHEN))
    following = [text.text for text in next_line.descendants() if isinstance(text, boxes.TextBox)]
    tail = _WORD.findall(following[0]) if following else []
    if not head or not tail:
        return None
    return str(head[-1]) + str(tail[0])


def mark_unhyphenated(html: str, words: Sequence[str]) -> str:
    """Wrap each of ``words`` in the page's body text in ``<span class="nohyphen">``."""
    head, separator, body = html.partition("<body")
    parts = re.split(r"(<[^>]+>)", body)
    for word in set(words):
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
        parts = [
            part if part.startswith("<") else pattern.sub(f'<span class="nohyphen">{word}</span>', part)
            for part in parts
        ]
    return head + separator + "".join(parts)


def limit_hyphenation(html: str, render: Callable[[str], Any]) -> tuple[str, Any]:
    """Lay out ``html`` until no more than two hyphenated lines follow each other."""
    document = render(html)
    for _ in range(_ROUNDS):
        words = hyphenated_runs(document)
        if not words:
            break
        log.debug("no hyphenation for %s (more than %d hyphenated lines in a row)", words, MAX_HYPHENATED_RUN)
        html = mark_unhyphenated(html, words)
        document = render(html)
    return html, document
