"""Translated document → EPUB 3 bytes, through pandoc, fonts embedded.

The e-book carries the same words around the article as the web page (lead,
byline, colophon), its language, a stable identifier per article and
language, and, when built as a draft, a banner and a marked title.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .metadata import edition_metadata
from .pandoc import run_pandoc
from .ui import Interface

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^:-])")


def epub_identifier(slug: str, lang: str) -> str:
    """A stable identifier: the same article in the same language keeps it across builds."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'jumelage:{slug}:{lang}')}"


def render_epub(
    meta: Mapping[str, Any],
    body: str,
    interface: Interface,
    slug: str,
    stylesheets: Sequence[Path],
    fonts: Sequence[Path],
    template: Path,
    date: datetime | None,
    display: str,
) -> bytes:
    """Render one translated article as an EPUB 3 file."""
    words = edition_metadata(meta, interface, date)
    title = str(meta["title"])
    if meta.get("draft"):
        title = f"{words['ui']['draft_mark']} · {title}"
    book_meta: dict[str, Any] = {
        "title": title,
        "lang": meta["lang"],
        "identifier": [{"scheme": "UUID", "text": epub_identifier(slug, str(meta["lang"]))}],
        "creator": [{"role": "author", "text": str(meta.get("author", ""))}],
        "contributor": [{"role": "ivr", "text": str(name)} for name in meta.get("interviewers", []) or []],
        "publisher": str(meta.get("publisher", "")),
        "toc-title": words["ui"]["contents"],
        "description": words.get("lead-plain", ""),
    }
    if meta.get("interviewee"):
        book_meta["contributor"].append({"role": "ive", "text": str(meta["interviewee"])})
    head = []
    if meta.get("draft"):
        head.append(f"::: draft-banner\n{_escape(words['ui']['draft_notice'])}\n:::\n")
    head.append(f"::: kicker\n{_escape(words['ui']['interview'])}\n:::\n")
    if meta.get("lead"):
        head.append(f"::: lead\n{meta['lead']}\n:::\n")
    for key in ("byline", "reading-time-text"):
        if key in words:
            head.append(f"::: {key.removesuffix('-text')}\n{_escape(words[key])}\n:::\n")
    tail = [words[key] for key in ("published-by", "translated-from-text", "edition-text") if key in words]
    colophon = "\n\n".join(_escape(text) for text in tail)
    text = "\n".join(head) + "\n" + body + f"\n\n::: colophon\n{colophon}\n:::\n"
    # pandoc's sandbox refuses --css for EPUB, so the stylesheets travel inline
    # in the template; the fonts they name are embedded by --epub-embed-font.
    css = "\n".join(path.read_text(encoding="utf-8") for path in stylesheets)
    arguments = ["-t", "epub3", "--toc", "--toc-depth=2", "--split-level=1", f"--template={template}"]
    arguments.append(f"--variable=epub-css:{css}")
    arguments += [f"--epub-embed-font={path}" for path in fonts]
    environment = (
        {"SOURCE_DATE_EPOCH": str(int(date.timestamp()))} if date is not None else {"SOURCE_DATE_EPOCH": "0"}
    )
    return run_pandoc(book_meta, text, arguments, display, environment)


def _escape(text: str) -> str:
    """Interface text as literal Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
