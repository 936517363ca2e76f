"""Articles per language → the web edition's index page, offering every language in itself.

The index is the entry of ``outputs/site/``: one section per language, named
in that language by CLDR ("Deutsch", "Polski", "Čeština"), each listing the
articles under their translated titles. Everything is escaped: titles are
translations, hence text from outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class IndexEntry:
    """One article in one language."""

    title: str
    href: str


@dataclass(frozen=True)
class IndexLanguage:
    """A language's section of the index."""

    lang: str
    name: str
    entries: tuple[IndexEntry, ...]


def _first_link(language: IndexLanguage) -> str:
    """The language's name, linking to its first article (readers pick a language first)."""
    name = escape(language.name)
    if not language.entries:
        return name
    return f'<a href="{escape(language.entries[0].href)}" hreflang="{escape(language.lang)}">{name}</a>'


def render_index(
    languages: tuple[IndexLanguage, ...], stylesheets: tuple[str, ...], canonical: str, draft: str | None
) -> str:
    """The index page; ``draft`` is the draft notice when built as a draft."""
    links = "\n".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in stylesheets)
    sections = []
    for language in languages:
        code = escape(language.lang)
        items = "\n".join(
            f'<li><a href="{escape(entry.href)}" hreflang="{code}">{escape(entry.title)}</a></li>'
            for entry in language.entries
        )
        sections.append(
            f'<section class="language" lang="{code}" aria-labelledby="lang-{code}">\n'
            f'<h2 id="lang-{code}">{_first_link(language)}</h2>\n<ul>\n{items}\n</ul>\n</section>'
        )
    banner = f'<div class="draft-banner" role="note">{escape(draft)}</div>\n' if draft else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="jumelage">\n'
        "<title>Rennes Métropole</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n{links}\n</head>\n'
        f'<body class="index{" draft" if draft else ""}">\n{banner}'
        '<header class="masthead">\n<h1 class="title">Rennes Métropole</h1>\n</header>\n'
        '<main class="languages-index">\n' + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )
