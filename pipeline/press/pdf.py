"""Brochure page (HTML) → the three PDFs of an edition: screen (PDF/UA-1), print shop and booklet.

The brochure is laid out with every filler page in the house layout, and in
the other candidate layouts only when that one leaves pages badly filled;
:mod:`pipeline.press.plan` chooses the layout and the fillers that make 4n
well-filled pages, and the pages it leaves out are dropped from the layout
(so the fillers cost no second layout). Where hyphenation must be limited
(:mod:`pipeline.render.hyphenation`) the chosen layout is laid out again. The print shop's
variants are assembled from the screen PDF's pages by :mod:`pipeline.press.impose`
and made PDF/X-4, in CMYK, by :mod:`pipeline.press.prepress`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.press.images import SCREEN_WIDTH, screen_images
from pipeline.press.impose import impose_booklet, padded_order, print_variant
from pipeline.press.plan import (
    FILLERS,
    LAYOUTS,
    Layout,
    PageFill,
    Plan,
    choose_layout,
    good_enough,
    measure_pages,
    pages_to_keep,
    plan_brochure,
)
from pipeline.press.prepress import OutputIntent, read_print_info, to_pdfx
from pipeline.render.hyphenation import limit_hyphenation
from pipeline.render.pdf import PDF_VARIANT, finish_tags, local_fetcher, paper_page
from pipeline.render.wide import SourceText, log_wide_content, wide_content_findings


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
    output_intent: OutputIntent
    """The printing condition the print file and the booklet are separated for."""
    date: datetime | None = None
    """The edition's date (``SOURCE_DATE_EPOCH``), which the print files carry; none: 1970."""
    fillers: tuple[str, ...] = FILLERS
    """The filler pages the brochure page holds, in the order a plan may keep them."""
    layouts: tuple[Layout, ...] = LAYOUTS
    """The candidate layouts, the house default first."""
    source: SourceText | None = None
    """The texts the brochure is made from, where a table or word that did not fit is reported."""


@dataclass(frozen=True)
class EditionPdfs:
    """The three PDFs of an edition."""

    screen: bytes
    print: bytes
    booklet: bytes
    pages: int
    print_pages: int
    plan: Plan | None = None
    """The layout and fillers chosen; none when the page was laid out as it comes."""
    fills: tuple[PageFill, ...] = ()
    """Each page of the screen PDF as laid out: its role and fill."""

    def describe(self) -> str:
        """The plan as the build log prints it."""
        if self.plan is None:
            return f"{self.pages} pages"
        return self.plan.describe(self.fills)


def render_edition_pdfs(inputs: PressInputs) -> EditionPdfs:
    """Screen PDF (PDF/UA-1, tagged); from its pages, the print PDF and the booklet.

    Candidate layouts are laid out, every filler page in, until one is good
    enough (or none is left); the best plan's layout has its hyphenation
    limited, is planned again from what was laid out, and loses the pages
    the plan does not print.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetcher = local_fetcher(inputs.allowed)
    css = [CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in inputs.stylesheets]

    def render(source: str, layout: Layout, parts: str = "") -> Any:
        extra = CSS(string=layout.css() + parts, font_config=fonts)
        page = HTML(string=source, base_url=str(inputs.stylesheets[0]), url_fetcher=fetcher)
        return page.render(stylesheets=[*css, extra], font_config=fonts)

    # Long words marked before any layout: hyphenating them is what would cost (pipeline/render/wide.py).
    html = paper_page(inputs.html)
    try:
        laid_out: dict[str, Any] = {}
        plans: list[Plan] = []
        for candidate in inputs.layouts:
            laid_out[candidate.name] = render(html, candidate)
            plans.append(
                plan_brochure(measure_pages(laid_out[candidate.name]), inputs.fillers, candidate.name)
            )
            if good_enough(plans[-1]):
                break
        layout = next(layout for layout in inputs.layouts if layout.name == choose_layout(plans).layout)
        first = laid_out[layout.name]
        fitted, document = limit_hyphenation(
            html, lambda source: first if source == html else render(source, layout)
        )
        pages = measure_pages(document)
        plan = plan_brochure(pages, inputs.fillers, layout.name)
        fitted, document, pages, plan = _fit_short_parts(
            fitted, document, pages, plan, inputs, lambda source, css: render(source, layout, css)
        )
        keep = pages_to_keep(pages, plan)
        screen = document.copy([document.pages[index] for index in keep])
        fills = [pages[index] for index in keep]
    except (OSError, ValueError) as exc:
        raise RenderError(
            inputs.display, None, f"expected WeasyPrint to render the brochure, found: {exc}"
        ) from None
    # Laid out with its figures at print resolution: the print files keep it, the screen PDF halves it.
    laid = _write(screen, PDF_VARIANT)
    log_wide_content(wide_content_findings(fitted, document), inputs.source, inputs.display)
    info = read_print_info(laid, inputs.date, inputs.display)
    printed = print_variant(laid, inputs.cover_rgb, inputs.display)
    booklet = impose_booklet(laid, *inputs.sheet_mm, inputs.display)
    separated: dict[str, bytes] = {}
    return EditionPdfs(
        screen=screen_images(laid, SCREEN_WIDTH, inputs.display),
        print=to_pdfx(printed, info, inputs.output_intent, inputs.display, separated),
        booklet=to_pdfx(booklet, info, inputs.output_intent, inputs.display, separated),
        pages=len(screen.pages),
        print_pages=len(padded_order(len(screen.pages))),
        plan=plan,
        fills=tuple(fills),
    )


def _fit_short_parts(
    html: str, document: Any, pages: list[PageFill], plan: Plan, inputs: PressInputs, render: Any
) -> tuple[str, Any, list[PageFill], Plan]:
    """A collection's article whose last page holds a few lines (under :data:`SHORT_PART_END`) set in
    another of the layouts, that article only, where that plans better: tighter, its last lines come
    back; looser, they fill the page. The rest keeps the layout chosen for the brochure."""
    slugs = part_slugs(html)
    short = [index for index in plan.part_ends if plan.fills[index] < SHORT_PART_END]
    if not short or not slugs:
        return html, document, pages, plan
    # The article ending on text page i is the one opened last on or before it.
    openings = [
        index for index, page in enumerate(page for page in pages if page.role == "text") if page.opens
    ]
    chosen = [slugs[sum(1 for opening in openings if opening <= index) - 1] for index in short]
    best = (plan.score, html, document, pages, plan)
    for layout in inputs.layouts:
        if layout.name == plan.layout:
            continue
        css = "".join(f"#part-{slug} {{ {layout.properties()} }}" for slug in chosen)
        fitted, laid = limit_hyphenation(html, functools.partial(_render_with, render, css))
        measured = measure_pages(laid)
        candidate = plan_brochure(measured, inputs.fillers, plan.layout)
        if candidate.score < best[0]:
            best = (candidate.score, fitted, laid, measured, candidate)
    return best[1], best[2], best[3], best[4]


def _render_with(render: Any, css: str, source: str) -> Any:
    return render(source, css)


#: An article's last page in a collection holding less than this (a few lines) is fitted again.
SHORT_PART_END = 0.2


def part_slugs(html: str) -> list[str]:
    """The slugs of a collection's articles, in the order its page holds them (none for an article).

    >>> part_slugs('<section class="part" id="part-a-b"></section><section class="part" id="part-c">')
    ['a-b', 'c']
    """
    return re.findall(r'<section class="part" id="part-([a-z0-9-]+)"', html)


def _write(document: Any, variant: str | None) -> bytes:
    """A laid-out document → PDF bytes under a variant, its tags finished (:func:`finish_tags`)."""
    try:
        data = document.write_pdf(pdf_variant=variant, finisher=finish_tags)  # untagged: left as it is
    except ValueError as exc:  # finish_tags found content it cannot place
        raise RenderError("<pdf>", None, f"expected WeasyPrint to write the PDF, found: {exc}") from None
    if not isinstance(data, bytes):
        raise RenderError("<pdf>", None, "expected PDF bytes from WeasyPrint, found nothing")
    return data
