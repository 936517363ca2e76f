"""Articles per language → the web edition's front page, through pandoc and ``templates/index.html``.

The front page is the entry of ``outputs/site/``: one section per language,
named in that language by CLDR ("Deutsch", "Polski", "Čeština") and marked
with its ``lang``, presenting each article with its cover, title, lead and
downloads (e-book, PDF, that language's partner-city brochures); its head
links each language's feed (:mod:`pipeline.render.feed`). The markup is the
template's; this module only turns the inputs into its variables.

Every value is HTML-escaped here, before pandoc sees it: pandoc copies
template variables verbatim, and titles, leads and interface words are
translations, hence text from outside. So no markup from a catalog reaches
the page as markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from pipeline.render.cover import HEIGHT as COVER_HEIGHT
from pipeline.render.cover import WIDTH as COVER_WIDTH
from pipeline.render.html import Download
from pipeline.render.pandoc import run_pandoc

#: The site's name: the front page's title, and its feeds' before their language's.
SITE_TITLE = "Rennes Métropole"

#: The media type announced on a download link (``type``), by file extension.
MEDIA_TYPES = {".epub": "application/epub+zip", ".pdf": "application/pdf"}


@dataclass(frozen=True)
class IndexArticle:
    """One article in one language, as its front-page entry shows it; addresses relative to the index."""

    title: str
    lead: str
    href: str
    cover: str
    """The cover image; empty for an entry without one (a collection)."""
    cover_alt: str
    downloads: tuple[Download, ...]
    kicker: str = ""
    """What the entry is, above its title, when it is not an article (a collection: "Dossier")."""


@dataclass(frozen=True)
class IndexLanguage:
    """A language's section of the front page: its name in itself, its download label, its articles."""

    lang: str
    """The section's BCP 47 tag, as its pages declare it (``en-GB``)."""
    name: str
    downloads_title: str
    articles: tuple[IndexArticle, ...]
    feed: str = ""
    """The language's feed, relative to the index (``de/feed.xml``); empty when it has none."""
    feed_title: str = ""


@dataclass(frozen=True)
class IndexInputs:
    """What the front page is made of; ``draft`` is the draft notice when built as a draft."""

    languages: tuple[IndexLanguage, ...]
    stylesheets: tuple[str, ...]
    canonical: str
    template: Path
    draft: str | None = None
    lang: str = "fr"
    title: str = SITE_TITLE


def media_type(href: str) -> str:
    """``a/b.pdf`` → ``application/pdf``; an unknown extension gets no announced type."""
    return MEDIA_TYPES.get(Path(href).suffix, "")


def _download_variables(download: Download, lang: str) -> dict[str, str]:
    return {
        "href": escape(download.href),
        "label": escape(download.label),
        "type": escape(media_type(download.href)),
        # A brochure says its edition's own language (Rochester's is en-US on the en-GB section).
        "lang": escape(download.lang or lang),
    }


def _article_variables(article: IndexArticle, language: IndexLanguage, number: int) -> dict[str, Any]:
    # Ids are numbered, not derived from titles, so they are valid and unique whatever the language.
    return {
        "id": f"article-{escape(language.lang)}-{number}",
        "lang": escape(language.lang),
        "title": escape(article.title),
        "lead": escape(article.lead),
        "href": escape(article.href),
        "cover": escape(article.cover),
        "kicker": escape(article.kicker),
        "cover-alt": escape(article.cover_alt),
        # The image's own size, so the browser reserves its place before it loads.
        "cover-width": str(COVER_WIDTH),
        "cover-height": str(COVER_HEIGHT),
        "downloads-title": escape(language.downloads_title),
        "downloads": [_download_variables(item, language.lang) for item in article.downloads],
    }


def index_variables(inputs: IndexInputs) -> dict[str, Any]:
    """The inputs → the template's variables, every text escaped for HTML."""
    return {
        "page-lang": escape(inputs.lang),
        "page-title": escape(inputs.title),
        "canonical": escape(inputs.canonical),
        "stylesheets": [escape(href) for href in inputs.stylesheets],
        "draft": escape(inputs.draft) if inputs.draft else None,
        "languages": [
            {
                "lang": escape(language.lang),
                "name": escape(language.name),
                "feed": escape(language.feed),
                "feed-title": escape(language.feed_title),
                # The article's own language leads the page; the stylesheet gives it the full width.
                "original": language.lang == inputs.lang,
                # The language's name links to its first article: readers pick a language first.
                "href": escape(language.articles[0].href),
                "articles": [
                    _article_variables(article, language, number)
                    for number, article in enumerate(language.articles, start=1)
                ],
            }
            for language in inputs.languages
            if language.articles
        ],
    }


def render_index(inputs: IndexInputs) -> str:
    """The front page's inputs → the page (UTF-8 text); a language without articles is left out."""
    arguments = [
        "-t",
        "html5",
        f"--template={inputs.template}",
        *(
            f"--variable-json={name}:{json.dumps(value, ensure_ascii=False, sort_keys=True)}"
            for name, value in sorted(index_variables(inputs).items())
        ),
    ]
    return run_pandoc({}, "", arguments, "index.html").decode("utf-8")
