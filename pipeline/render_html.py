"""Translated document → HTML5 page, through pandoc and the project's template.

The page links its stylesheets, its other languages and its downloads with
relative addresses, so the output folder works from ``file://`` as well as
from any web server. The PDF is made from this page (:mod:`render_pdf`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .metadata import edition_metadata, folio_css
from .pandoc import run_pandoc
from .ui import Interface


@dataclass(frozen=True)
class LanguageLink:
    """An entry of the language switcher."""

    lang: str
    name: str
    href: str
    current: bool


@dataclass(frozen=True)
class PageLinks:
    """Where a page's stylesheets, sister pages and downloads are, relative to it."""

    stylesheets: tuple[str, ...]
    languages: tuple[LanguageLink, ...]
    pdf: str
    epub: str


def render_html(
    meta: Mapping[str, Any],
    body: str,
    interface: Interface,
    links: PageLinks,
    template: Path,
    date: datetime | None,
    display: str,
) -> str:
    """Render one translated article as a standalone HTML page."""
    page_meta: dict[str, Any] = {**meta, **edition_metadata(meta, interface, date)}
    page_meta.update(
        {
            "stylesheets": list(links.stylesheets),
            "languages": [
                {"lang": link.lang, "name": link.name, "href": link.href, "current": link.current}
                for link in links.languages
            ],
            "pdf-href": links.pdf,
            "epub-href": links.epub,
        }
    )
    arguments: Sequence[str] = (
        "-t",
        "html5",
        f"--template={template}",
        "--toc",
        "--toc-depth=2",
        "--wrap=none",
        "--section-divs",
        f"--variable=page-css:{folio_css(interface)}",
    )
    return run_pandoc(page_meta, body, arguments, display).decode("utf-8")
