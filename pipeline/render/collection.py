"""A translated collection + its articles' entries → the collection's web page (pandoc, a template).

The page of ``outputs/site/<lang>/<name>.html``: the collection's kicker,
title, subtitle and introduction, then its contents (each article's kind,
title linked to its page, and lead), then its downloads (its e-book and the
partner cities' brochures printed in the page's language), with the
language switcher and ``hreflang`` alternates of an article's page. Titles
and leads come from the catalogs: they are escaped here (the introduction is
read by pandoc as an article's body is, through its filter), and the page
passes the same allow-list as an article's (:mod:`pipeline.render.sanitise`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from pipeline.project import language_tag
from pipeline.render.html import Download, LanguageLink
from pipeline.render.metadata import edition_metadata, markdown_words
from pipeline.render.pandoc import run_pandoc
from pipeline.render.sanitise import sanitise_page
from pipeline.render.site import media_type
from pipeline.render.ui import Interface

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CollectionEntry:
    """One article of the contents: its kind's kicker, title and lead (plain text), its page."""

    kicker: str
    title: str
    lead: str
    href: str


@dataclass(frozen=True)
class CollectionPage:
    """What a collection's web page is made of; addresses relative to the page."""

    meta: Mapping[str, Any]
    """The collection's translated front matter."""
    introduction: str
    """The translated introduction (Markdown)."""
    interface: Interface
    entries: tuple[CollectionEntry, ...]
    downloads: tuple[Download, ...]
    languages: tuple[LanguageLink, ...]
    stylesheets: tuple[str, ...]
    canonical: str
    index_href: str
    index_url: str
    template: Path
    display: str
    """The page's name in error messages."""
    draft: bool = False


def page_variables(page: CollectionPage) -> dict[str, Any]:
    """The template's variables besides the front matter, every text escaped for HTML."""
    lang = language_tag(str(page.meta["lang"]))
    return {
        "entries": [
            {
                "kicker": escape(entry.kicker),
                "title": escape(entry.title),
                "lead": escape(entry.lead),
                "href": escape(entry.href),
            }
            for entry in page.entries
        ],
        "downloads": [
            {
                "label": escape(item.label),
                "href": escape(item.href),
                "type": escape(media_type(item.href)),
                "lang": escape(item.lang) if item.lang and item.lang != lang else "",
            }
            for item in page.downloads
        ],
        "languages": [
            {
                "lang": escape(link.lang),
                "name": escape(link.name),
                "href": escape(link.href),
                "url": escape(link.url),
                "current": link.current,
            }
            for link in page.languages
        ],
        "stylesheets": [escape(href) for href in page.stylesheets],
        "canonical": escape(page.canonical),
        "index-href": escape(page.index_href),
        "index-url": escape(page.index_url),
    }


def render_collection_page(page: CollectionPage) -> str:
    """The collection's web page (UTF-8 text)."""
    meta: dict[str, Any] = {**page.meta, **markdown_words(edition_metadata(page.meta, page.interface, None))}
    meta["lang"] = language_tag(str(page.meta["lang"]))
    if page.draft:
        meta["draft"] = True
    arguments = [
        "-t",
        "html5",
        f"--template={page.template}",
        "--wrap=none",
        *(
            f"--variable-json={name}:{json.dumps(value, ensure_ascii=False, sort_keys=True)}"
            for name, value in sorted(page_variables(page).items())
        ),
    ]
    sanitised = sanitise_page(run_pandoc(meta, page.introduction, arguments, page.display).decode("utf-8"))
    if sanitised.removed:
        log.warning("%s: the HTML allow-list removed %s", page.display, ", ".join(sanitised.removed))
    return sanitised.html
