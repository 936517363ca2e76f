"""Translated document → HTML5 page, through pandoc, the project's template and the allow-list.

The page links its stylesheets, its other languages and its downloads with
relative addresses, so the output folder works from ``file://`` as well as
from any web server. The PDF is made from this page (:mod:`pipeline.render.pdf`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.project import cldr_locale, language_tag
from pipeline.render import markup
from pipeline.render.article import ArticleInputs
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, folio_css, markdown_words
from pipeline.render.pandoc import run_pandoc
from pipeline.render.sanitise import sanitise_page
from pipeline.render.wide import wrap_tables

log = logging.getLogger(__name__)

#: The page's stylesheets, in the order it links them, below ``assets/css/``:
#: the article page and the site's index both link these.
STYLESHEETS = ("fonts.css", "jumelage.css")


@dataclass(frozen=True)
class LanguageLink:
    """An entry of the language switcher: relative for readers, absolute for ``hreflang``."""

    lang: str
    name: str
    href: str
    url: str
    current: bool


@dataclass(frozen=True)
class Download:
    """A file offered for download, and its label; ``lang``, when the file's differs from the page's."""

    label: str
    href: str
    lang: str = ""


@dataclass(frozen=True)
class PageLinks:
    """Where a page's stylesheets, sister pages and downloads are, and its public addresses."""

    stylesheets: tuple[str, ...]
    languages: tuple[LanguageLink, ...]
    pdf: str
    epub: str
    brochures: tuple[Download, ...] = ()
    canonical: str = ""
    index_href: str = "../index.html"
    index_url: str = ""
    image_url: str = ""
    feed: str = ""
    """The page's language's feed, relative to the page; empty for none."""
    feed_title: str = ""


def og_locale(lang: str) -> str:
    """Open Graph's locale form: ``en`` → ``en_GB`` (``cldr_locale``), ``de`` → ``de_DE`` (likely subtags)."""
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(cldr_locale(lang))
    territory = (
        locale.territory or str(get_global("likely_subtags").get(locale.language, "")).rpartition("_")[2]
    )
    return f"{locale.language}_{territory}" if territory else locale.language


@dataclass(frozen=True)
class HtmlInputs:
    """What a page is made of: the article, where its neighbours are, and the pandoc template."""

    article: ArticleInputs
    links: PageLinks
    template: Path


def render_html(inputs: HtmlInputs) -> str:
    """A translated article → a standalone HTML page (UTF-8 text)."""
    article, links = inputs.article, inputs.links
    meta, interface = article.meta, article.interface
    page_meta: dict[str, Any] = {**meta, **markdown_words(edition_metadata(meta, interface, article.date))}
    page_meta.update(
        {
            # The catalog language's tag: the ``en`` page is British English, ``en-GB``.
            "lang": language_tag(str(meta["lang"])),
            "stylesheets": list(links.stylesheets),
            "languages": [
                {
                    "lang": link.lang,
                    "name": link.name,
                    "href": link.href,
                    "url": link.url,
                    "current": link.current,
                }
                for link in links.languages
            ],
            "pdf-href": links.pdf,
            "epub-href": links.epub,
            "brochures": [{"label": item.label, "href": item.href} for item in links.brochures],
            "canonical": links.canonical,
            "index-href": links.index_href,
            "index-url": links.index_url,
            "feed-href": links.feed,
            "feed-title": links.feed_title,
            "og-locale": og_locale(str(meta["lang"])),
            "og-alternates": [og_locale(link.lang) for link in links.languages if not link.current],
            "og-image": links.image_url,
            "og-image-alt": interface.text("cover_alt", title=str(page_meta.get("title-plain", ""))),
        }
    )
    arguments: Sequence[str] = (
        "-t",
        "html5",
        f"--template={inputs.template}",
        "--toc",
        "--toc-depth=2",
        "--wrap=none",
        "--section-divs",
        f"--variable=page-css:{folio_css(interface)}",
    )
    body = embed_figures(article.body, article.images, article.display)
    page = sanitise_page(run_pandoc(page_meta, body, arguments, article.display).decode("utf-8"))
    if page.removed:
        log.warning("%s: the HTML allow-list removed %s", article.display, ", ".join(page.removed))
    # A wide table scrolls in its own box, never the page (pipeline/render/wide.py): our own markup,
    # added after the allow-list.
    return wrap_tables(page.html)


def site_page(page: str, absent: Sequence[str], present: Callable[[str], bool]) -> str:
    """A page as its site holds it: without its links to the languages ``absent`` from the site
    (``hreflang`` and Open Graph alternates, language-switcher entries) nor the list entries whose
    link is to a file of the site that ``present`` says is not there (a download not built).

    >>> page = '<link rel="alternate" hreflang="de">\\n<ul>\\n<li><a hreflang="de">D</a></li>\\n</ul>'
    >>> site_page(page, ["de"], lambda href: True)
    '<ul>\\n</ul>'
    >>> site_page('<li><a href="x.pdf">PDF</a></li><li><a href="#top">Top</a></li>', [], lambda href: False)
    '<li><a href="#top">Top</a></li>'
    """
    tags = {language_tag(lang) for lang in absent}
    locales = {og_locale(lang) for lang in absent}
    found = markup.start_tags(page, {"a", "link", "meta"})
    dead = [
        tag.start
        for tag in found
        if tag.name == "a"
        and (
            tag.attributes.get("hreflang") in tags
            or not _reachable(tag.attributes.get("href") or "", present)
        )
    ]
    spans = [
        (tag.start, tag.end)
        for tag in found
        if (
            tag.name == "link"
            and tag.attributes.get("rel") == "alternate"
            and tag.attributes.get("hreflang") in tags
        )
        or (
            tag.name == "meta"
            and tag.attributes.get("property") == "og:locale:alternate"
            and tag.attributes.get("content") in locales
        )
    ]
    spans += [
        (item.start, item.end)
        for item in markup.elements(page, {"li"})
        if any(item.open_end <= anchor < item.close_start for anchor in dead)
    ]
    return markup.splice(
        page, [(start, end + 1 if page.startswith("\n", end) else end, "") for start, end in sorted(spans)]
    )


def _reachable(href: str, present: Callable[[str], bool]) -> bool:
    """Whether a link leads somewhere: an address elsewhere, an anchor, or a file ``present`` has."""
    if not href or href.startswith("#") or urlsplit(href).scheme:
        return True
    return present(urlsplit(href).path)
