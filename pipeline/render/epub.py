"""Translated document → EPUB 3 bytes, through pandoc, fonts embedded.

The e-book carries the same words around the article as the web page (lead,
byline, colophon), its language, a stable identifier per article and
language, and, when built as a draft, a banner and a marked title.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.render.metadata import edition_metadata
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface

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
    date: datetime | None,
    display: str,
    cover: bytes | None = None,
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
        # EPUB Accessibility 1.1 metadata, checked by Ace: a text-only book, navigable by structure.
        "accessModes": ["textual"],
        "accessModeSufficient": ["textual"],
        "accessibilityFeatures": [
            "structuralNavigation",
            "tableOfContents",
            "readingOrder",
            "alternativeText",
        ],
        "accessibilityHazards": ["none"],
        "accessibilitySummary": interface.text("accessibility_summary"),
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
    # pandoc's sandbox reads no stylesheet named on its command line: its own
    # default stylesheet, linked from every page, gets our CSS in finish_package.
    css = "\n".join(path.read_text(encoding="utf-8") for path in stylesheets)
    arguments = ["-t", "epub3", "--toc", "--toc-depth=2", "--split-level=1"]
    arguments += [f"--epub-embed-font={path}" for path in fonts]
    environment = (
        {"SOURCE_DATE_EPOCH": str(int(date.timestamp()))} if date is not None else {"SOURCE_DATE_EPOCH": "0"}
    )
    epub = run_pandoc(book_meta, text, arguments, display, environment)
    return finish_package(epub, css, cover, date)


def _escape(text: str) -> str:
    """Interface text as literal Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def finish_package(epub: bytes, css: str, png: bytes | None, modified: datetime | None) -> bytes:
    """Put our stylesheet, the cover image and the true modification date in pandoc's package.

    pandoc's sandbox reads no stylesheet or image named on its command line
    and stops its clock at 1970, so here the default stylesheet's content
    becomes ours, the cover is added (``properties="cover-image"``),
    ``dcterms:modified`` is set, and pandoc's ``dc:date`` (a publication date
    nobody gave) is dropped. Other entries keep their order, bytes and dates;
    ``mimetype`` stays first and stored, as EPUB requires.
    """
    source = zipfile.ZipFile(io.BytesIO(epub))
    names = source.namelist()
    package = next(name for name in names if name.endswith(".opf"))
    folder = package.rsplit("/", 1)[0] + "/" if "/" in package else ""
    opf = re.sub(r"\s*<dc:date[^>]*>[^<]*</dc:date>", "", source.read(package).decode("utf-8"))
    stamp = (modified or datetime(1970, 1, 1, tzinfo=UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    opf = re.sub(r'(<meta property="dcterms:modified">)[^<]*(</meta>)', rf"\g<1>{stamp}\g<2>", opf)
    replaced = {package: opf.encode("utf-8")}
    replaced.update({name: css.encode("utf-8") for name in names if name.endswith(".css")})
    if png is None:
        return _rezip(source, replaced, [])
    opf = opf.replace(
        "</manifest>",
        '  <item id="cover-image" href="media/cover.png" media-type="image/png" properties="cover-image" />\n'
        "  </manifest>",
        1,
    )
    opf = opf.replace("</metadata>", '  <meta name="cover" content="cover-image" />\n  </metadata>', 1)
    cover = zipfile.ZipInfo(f"{folder}media/cover.png", date_time=source.infolist()[-1].date_time)
    replaced[package] = opf.encode("utf-8")
    return _rezip(source, replaced, [(cover, png)])


def _rezip(
    source: zipfile.ZipFile, replaced: dict[str, bytes], extra: list[tuple[zipfile.ZipInfo, bytes]]
) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            target.writestr(info, replaced.get(info.filename) or source.read(info.filename))
        for info, data in extra:
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, data)
    return output.getvalue()
