"""Translated front matter + interface words → the texts printed around the article.

The byline, the reading time and the colophon are built here once, from the
``ui`` catalog and CLDR, for both the HTML page (and so the PDF) and the EPUB.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from babel.numbers import format_decimal

from pipeline.document import plain_text
from pipeline.render.ui import UI_MESSAGES, Interface


def edition_metadata(meta: Mapping[str, Any], interface: Interface, date: datetime | None) -> dict[str, Any]:
    """The metadata pandoc needs besides the article's own front matter."""
    extra: dict[str, Any] = {
        "ui": {
            message.key: interface.text(message.key) for message in UI_MESSAGES if "{" not in message.text
        },
        "author": str(meta.get("author", "")),
    }
    interviewers = [str(name) for name in meta.get("interviewers", []) or []]
    if interviewers:
        extra["byline"] = interface.text("interview_by", names=interface.format_list(interviewers))
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
    extra["title-plain"] = plain_text(str(meta.get("title", "")))
    return extra


def css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def folio_content(interface: Interface) -> str:
    """The folio ("Seite 3") as a CSS ``content`` value: the words around ``counter(page)``.

    >>> folio_content(Interface("de", {"Page {number}": "Seite {number} von"}))
    '"Seite " counter(page) " von"'
    """
    before, _, after = interface.text("page", number="\0").partition("\0")
    parts = [css_string(before)] if before else []
    parts.append("counter(page)")
    if after:
        parts.append(css_string(after))
    return " ".join(parts)


def folio_css(interface: Interface) -> str:
    """The article PDF's folio as CSS: centred at the foot of every page but the first."""
    return (
        "@page { @bottom-center { content: "
        + folio_content(interface)
        + "; } } @page :first { @bottom-center { content: none; } }"
    )
