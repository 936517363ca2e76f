"""Translated front matter + interface words → the texts printed around the article.

The kicker, the bylines, the reading time and the colophon are built here
once, from the ``ui`` catalog and CLDR, for the HTML page (and so the PDF),
the EPUB and the brochures. A field the article lacks gives no key at all,
so a template's ``$if(…)$`` leaves no empty element behind.

Who wrote it: an interview is written by its ``interviewers`` (or, without
them, its ``author``); a report or a news item by its ``author``. The
interviewee is credited as such ("An interview with …"), never as an author,
and the ``publisher`` only in the colophon.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date as calendar_date
from datetime import datetime
from typing import Any

from babel.numbers import format_decimal

from pipeline.front_matter import article_kind, names_of
from pipeline.inline import plain_text
from pipeline.markdown import literal_markdown
from pipeline.render.ui import UI_MESSAGES, Interface

#: The ``ui`` message printed as the kicker above the title, by kind of article.
KICKER_KEYS = {"interview": "interview", "report": "report", "news": "news"}


def writers_of(meta: Mapping[str, Any]) -> list[str]:
    """Who wrote the article: an interview's interviewers (else its author), any other's author.

    >>> writers_of({"kind": "interview", "author": "Asso", "interviewers": ["A", "B"]})
    ['A', 'B']
    >>> writers_of({"author": ["C"], "interviewers": ["A"]})
    ['C']
    """
    if article_kind(meta) == "interview":
        return names_of(meta, "interviewers") or names_of(meta, "author")
    return names_of(meta, "author")


def credit_lines(meta: Mapping[str, Any], interface: Interface) -> dict[str, str]:
    """The byline's parts that the article has: interviewee, interviewers, author.

    ``interviewee-text`` says who was interviewed; ``byline`` says who wrote
    it ("Interview by …" for interviewers, "By …" for an author).
    """
    lines: dict[str, str] = {}
    interviewees = names_of(meta, "interviewee")
    if interviewees:
        lines["interviewee-text"] = interface.text("interview_with", name=interface.format_list(interviewees))
    interviewers = names_of(meta, "interviewers")
    writers = writers_of(meta)
    if interviewers or (writers and article_kind(meta) == "interview"):
        lines["byline"] = interface.text("interview_by", names=interface.format_list(interviewers or writers))
    elif writers:
        lines["byline"] = interface.text("by_author", names=interface.format_list(writers))
    return lines


def edition_metadata(meta: Mapping[str, Any], interface: Interface, date: datetime | None) -> dict[str, Any]:
    """The metadata pandoc needs besides the article's own front matter."""
    kind = article_kind(meta)
    extra: dict[str, Any] = {
        "ui": {
            message.key: interface.text(message.key) for message in UI_MESSAGES if "{" not in message.text
        },
        "kind": kind,
        "kicker": interface.text(KICKER_KEYS[kind]),
        "author": interface.format_list(writers_of(meta)) if writers_of(meta) else "",
    }
    extra.update(credit_lines(meta, interface))
    written = meta.get("date")
    if isinstance(written, calendar_date):
        extra["date-text"] = interface.format_date(
            written if isinstance(written, datetime) else datetime(written.year, written.month, written.day)
        )
    if meta.get("image-credits"):
        extra["image-credits-text"] = interface.text("image_credits", credits=str(meta["image-credits"]))
    minutes = meta.get("reading-time")
    if isinstance(minutes, int) and minutes > 0:
        extra["reading-time-text"] = interface.text(
            "reading_time", minutes=format_decimal(minutes, locale=interface.locale)
        )
    if meta.get("publisher"):
        extra["published-by"] = interface.text("published_by", publisher=str(meta["publisher"]))
    source_lang = meta.get("translated-from")
    if source_lang:
        extra["translated-from-text"] = interface.text(
            "translated_from", language=interface.language_name(str(source_lang))
        )
    if date is not None:
        extra["edition-text"] = interface.text("edition_of", date=interface.format_date(date))
    if meta.get("lead"):
        extra["lead-plain"] = plain_text(str(meta["lead"]))
    if meta.get("subtitle"):
        extra["subtitle-plain"] = plain_text(str(meta["subtitle"]))
    extra["title-plain"] = plain_text(str(meta.get("title", "")))
    return extra


def markdown_words(words: Mapping[str, Any]) -> dict[str, Any]:
    r""":func:`edition_metadata`'s words as pandoc's metadata reads them, Markdown: each text literal
    (:func:`pipeline.markdown.literal_markdown`), so that a German or Czech date keeps its day
    ("14. Oktober 2026" is no list) and a name its punctuation.

    >>> markdown_words({"date-text": "14. Oktober 2026", "ui": {"page": "Seite"}, "n": 3})
    {'date-text': '14\\. Oktober 2026', 'ui': {'page': 'Seite'}, 'n': 3}
    """
    return {
        key: literal_markdown(value)
        if isinstance(value, str)
        else markdown_words(value)
        if isinstance(value, Mapping)
        else value
        for key, value in words.items()
    }


def css_string(text: str) -> str:
    r"""``text`` as a CSS string literal, safe inside a ``<style>`` element too (``<`` escaped).

    >>> print(css_string('Seite "2" </style><script>'))
    "Seite \"2\" \3C /style>\3C script>"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{escaped}"'


#: Languages whose folio carries the word for page ("Page 3"); a book in the
#: others, and in all five of ours, prints the bare number.
WORDED_FOLIOS: frozenset[str] = frozenset()


def folio_content(interface: Interface) -> str:
    """The folio as a CSS ``content`` value: the bare page number, or the ``page`` message around it.

    >>> folio_content(Interface("de", {"Page {number}": "Seite {number} von"}))
    'counter(page)'
    """
    if interface.locale.language not in WORDED_FOLIOS:
        return "counter(page)"
    before, _, after = interface.text("page", number="\0").partition("\0")
    parts = [css_string(before)] if before else []
    parts.append("counter(page)")
    if after:
        parts.append(css_string(after))
    return " ".join(parts)


def folio_css(interface: Interface) -> str:
    """The article PDF's folio as CSS: at the foot of every page but the first, on its outer edge."""
    folio = folio_content(interface)
    return (
        f"@page :right {{ @bottom-right {{ content: {folio}; }} }}"
        f" @page :left {{ @bottom-left {{ content: {folio}; }} }}"
        " @page :first { @bottom-right { content: none; } }"
    )
