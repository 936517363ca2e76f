"""Translated document + stylesheet text + font bytes → EPUB 3 bytes, through pandoc and the allow-list.

The e-book carries the same words around the article as the web page (lead,
byline, colophon), its language, a stable identifier per article and
language, and, when built as a draft, a banner and a marked title. It reads
no file of the project: the caller passes the CSS and the fonts' bytes.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.front_matter import article_kind, names_of
from pipeline.markdown import literal_markdown
from pipeline.project import language_tag
from pipeline.render.article import ArticleInputs
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, writers_of
from pipeline.render.notes import epub_notes
from pipeline.render.pandoc import run_pandoc
from pipeline.render.sanitise import sanitise_xhtml
from pipeline.render.ui import Interface
from pipeline.render.wide import wrap_tables

log = logging.getLogger(__name__)

#: The e-book's stylesheets, in the order they are joined, below ``assets/css/``.
STYLESHEETS = ("fonts.css", "epub.css")

#: The lines under the lead (key of :func:`edition_metadata`, class of the block), in order.
HEAD_LINES = (
    ("interviewee-text", "byline"),
    ("byline", "byline"),
    ("date-text", "date"),
    ("reading-time-text", "reading-time"),
)
#: The colophon's lines, in order; a line the article lacks is left out.
COLOPHON_LINES = ("published-by", "image-credits-text", "translated-from-text", "edition-text")

_GLOB = re.compile(r"[*?\[\]]")


def epub_identifier(slug: str, lang: str) -> str:
    """A stable identifier: the same article in the same language keeps it across builds."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'jumelage:{slug}:{lang}')}"


@dataclass(frozen=True)
class FontFile:
    """A font to embed: its file name in the book (``fonts/<name>``) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class EpubInputs:
    """What an e-book is made of.

    ``stylesheets`` are CSS texts, joined in order; ``fonts`` are embedded
    in the order given; ``cover`` is a PNG, or ``None`` for a book without one.
    """

    article: ArticleInputs
    slug: str
    stylesheets: tuple[str, ...]
    fonts: tuple[FontFile, ...]
    cover: bytes | None = None


def render_epub(inputs: EpubInputs) -> bytes:
    """A translated article → the bytes of an EPUB 3 file."""
    article = inputs.article
    meta, interface, date = article.meta, article.interface, article.date
    words = edition_metadata(meta, interface, date)
    title = str(meta["title"])
    if meta.get("draft"):
        title = f"{words['ui']['draft_mark']} · {title}"
    book_meta: dict[str, Any] = {
        "title": title,
        # BCP 47, like the page's: the ``en`` book is ``en-GB``; the identifier keeps the catalog's code.
        "lang": language_tag(str(meta["lang"])),
        "identifier": [{"scheme": "UUID", "text": epub_identifier(inputs.slug, str(meta["lang"]))}],
        "creator": creators(meta),
        "contributor": [{"role": "ive", "text": name} for name in names_of(meta, "interviewee")],
        "publisher": str(meta.get("publisher", "")),
        "toc-title": words["ui"]["contents"],
        "description": words.get("lead-plain", ""),
        **accessibility_metadata(interface, bool(article.images)),
    }
    if meta.get("subtitle"):
        book_meta["subtitle"] = str(meta["subtitle"])
    if meta.get("date"):
        book_meta["date"] = str(meta["date"])
    head = []
    if meta.get("draft"):
        head.append(f"::: draft-banner\n{literal_markdown(words['ui']['draft_notice'])}\n:::\n")
    if meta.get("subtitle"):
        # pandoc's title page shows it too; the text's own opening is what most readers open on.
        head.append(f"::: subtitle\n{meta['subtitle']}\n:::\n")
    head.append(f"::: kicker\n{literal_markdown(words['kicker'])}\n:::\n")
    if meta.get("lead"):
        head.append(f"::: lead\n{meta['lead']}\n:::\n")
    # pandoc's title page already carries the title and the subtitle.
    for key, name in HEAD_LINES:
        if key in words:
            head.append(f"::: {name}\n{literal_markdown(words[key])}\n:::\n")
    tail = [words[key] for key in COLOPHON_LINES if key in words]
    colophon = "\n\n".join(literal_markdown(text) for text in tail)
    body = embed_figures(article.body, article.images, article.display)
    text = "\n".join(head) + "\n" + body + f"\n\n::: colophon\n{colophon}\n:::\n"
    # pandoc's sandbox reads no stylesheet named on its command line: its own
    # default stylesheet, linked from every page, gets our CSS in finish_package.
    css = "\n".join(inputs.stylesheets)
    environment = (
        {"SOURCE_DATE_EPOCH": str(int(date.timestamp()))} if date is not None else {"SOURCE_DATE_EPOCH": "0"}
    )
    arguments = ["-t", "epub3", "--toc", "--toc-depth=2", "--split-level=1"]
    # pandoc embeds fonts only from files named on its command line, so the
    # bytes we were given go to a private folder for the length of the run;
    # the book names each font by its file name alone, never by this folder.
    with tempfile.TemporaryDirectory(prefix="jumelage-fonts-") as folder:
        arguments += [
            f"--epub-embed-font={path}" for path in write_fonts(inputs.fonts, Path(folder), article.display)
        ]
        epub = run_pandoc(book_meta, text, arguments, article.display, environment)
    epub, removed = sanitise_package(epub)
    if removed:
        log.warning("%s: the HTML allow-list removed %s", article.display, ", ".join(removed))
    return finish_package(epub, css, inputs.cover, date, dated="date" in meta)


def accessibility_metadata(interface: Interface, figured: bool) -> dict[str, Any]:
    """EPUB Accessibility 1.1 metadata, checked by Ace: a book of text (and of ``figured`` images, each
    with its alt text), navigable by its structure."""
    return {
        "accessModes": ["textual", "visual"] if figured else ["textual"],
        "accessModeSufficient": ["textual"],
        "accessibilityFeatures": [
            "structuralNavigation",
            "tableOfContents",
            "readingOrder",
            "alternativeText",
        ],
        "accessibilityHazards": ["none"],
        "accessibilitySummary": interface.text(
            "accessibility_summary_figures" if figured else "accessibility_summary"
        ),
    }


def creators(meta: Mapping[str, Any]) -> list[dict[str, str]]:
    """The book's creators: who wrote it, an interview's interviewers as such (MARC ``ivr``)."""
    role = "ivr" if article_kind(meta) == "interview" and names_of(meta, "interviewers") else "author"
    return [{"role": role, "text": name} for name in writers_of(meta)]


def write_fonts(fonts: tuple[FontFile, ...], folder: Path, display: str) -> list[Path]:
    """Write each font under its own name in ``folder``; return the paths, in the order given.

    A name is a bare file name: anything else (a folder, ``..``, a glob
    pattern pandoc would expand) is refused, since it would embed another file.
    """
    paths = []
    for font in fonts:
        if font.name in {"", ".", ".."} or font.name != Path(font.name).name or _GLOB.search(font.name):
            raise RenderError(display, None, f"expected a font file name, found {font.name!r}")
        path = folder / font.name
        path.write_bytes(font.data)
        paths.append(path)
    return paths


def sanitise_package(epub: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The book with each XHTML document's body through the allow-list (:mod:`pipeline.render.sanitise`),
    and what it removed; the very same bytes when it removed nothing."""
    source = zipfile.ZipFile(io.BytesIO(epub))
    replaced: dict[str, bytes] = {}
    removed: list[str] = []
    for name in source.namelist():
        if name.endswith(".xhtml"):
            document = sanitise_xhtml(source.read(name).decode("utf-8"))
            if document.removed:
                replaced[name] = document.html.encode("utf-8")
                removed.extend(part for part in document.removed if part not in removed)
    return (rezip(source, replaced, []) if replaced else epub), tuple(removed)


def finish_package(
    epub: bytes, css: str, png: bytes | None, modified: datetime | None, dated: bool = False
) -> bytes:
    """Put our stylesheet, the cover image and the true modification date in pandoc's package.

    pandoc's sandbox reads no stylesheet or image named on its command line
    and stops its clock at 1970, so here the default stylesheet's content
    becomes ours, the cover is added (``properties="cover-image"``),
    ``dcterms:modified`` is set, and pandoc's ``dc:date`` (a publication date
    nobody gave) is dropped, unless the article is ``dated`` (its own
    ``date:``), tables are wrapped to scroll sideways (:func:`wrap_tables`) and
    notes numbered with a link back (:func:`epub_notes`).
    Other entries keep their order, bytes and dates; ``mimetype`` stays
    first and stored, as EPUB requires.
    """
    source = zipfile.ZipFile(io.BytesIO(epub))
    names = source.namelist()
    package = next(name for name in names if name.endswith(".opf"))
    folder = package.rsplit("/", 1)[0] + "/" if "/" in package else ""
    opf = source.read(package).decode("utf-8")
    if not dated:
        opf = re.sub(r"\s*<dc:date[^>]*>[^<]*</dc:date>", "", opf)
    stamp = (modified or datetime(1970, 1, 1, tzinfo=UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    opf = re.sub(r'(<meta property="dcterms:modified">)[^<]*(</meta>)', rf"\g<1>{stamp}\g<2>", opf)
    replaced = {package: opf.encode("utf-8")}
    replaced.update({name: css.encode("utf-8") for name in names if name.endswith(".css")})
    # A wide table scrolls in its own box, never the page (pipeline/render/wide.py).
    # Each note opens with its number, a link back to its call (pipeline/render/notes.py).
    for name in names:
        if name.endswith(".xhtml"):
            page = source.read(name).decode("utf-8")
            edited = epub_notes(wrap_tables(page) if "<table" in page else page)
            if edited != page:
                replaced[name] = edited.encode("utf-8")
    if png is None:
        return rezip(source, replaced, [])
    opf = opf.replace(
        "</manifest>",
        '  <item id="cover-image" href="media/cover.png" media-type="image/png" properties="cover-image" />\n'
        "  </manifest>",
        1,
    )
    opf = opf.replace("</metadata>", '  <meta name="cover" content="cover-image" />\n  </metadata>', 1)
    cover = zipfile.ZipInfo(f"{folder}media/cover.png", date_time=source.infolist()[-1].date_time)
    replaced[package] = opf.encode("utf-8")
    return rezip(source, replaced, [(cover, png)])


def rezip(
    source: zipfile.ZipFile, replaced: dict[str, bytes], extra: list[tuple[zipfile.ZipInfo, bytes]]
) -> bytes:
    """The package ``source`` again, its entries in order, with the ``replaced`` bytes, then ``extra``."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            target.writestr(info, replaced.get(info.filename) or source.read(info.filename))
        for info, data in extra:
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, data)
    return output.getvalue()
