"""Translated collection + its translated articles + stylesheet text + font bytes → one EPUB 3 book.

A collection's e-book (:mod:`pipeline.collection`) opens on pandoc's title
page (the collection's title and subtitle, every article's writers), then the
collection's own chapter: its kicker ("Collection"), title, subtitle,
translated introduction and the edition's date, then a contents list linking
each article by its kind and title. Each article follows as one chapter, one
XHTML document in the collection's order, opening as its own e-book does
(:mod:`pipeline.render.epub`): its kind, title, subtitle, lead, bylines and
date, then its body and colophon. The navigation document lists every article
and its sections beneath it.

Each part is read by pandoc on its own, into pandoc's JSON form: so two
articles' notes never meet (each chapter numbers its notes from 1, as the
brochure does), and each identifier is prefixed with its part's name (the
article's slug, the collection's name; a chapter's own identifier is that
name), so no two headings share one. The parts are then joined into one document that pandoc
writes as EPUB 3, through the same allow-list and finish as an article's book.

Each chapter's XHTML names its article (``<title>``) and writers (``<meta
name="author">``), and the package refines each chapter's manifest item with
its title, writers and kind (``dcterms:title``, ``dcterms:creator``,
``dcterms:type``), so an article's metadata is kept where the book holds it.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.front_matter import article_kind, names_of
from pipeline.inline import plain_text
from pipeline.markdown import literal_markdown
from pipeline.project import language_tag
from pipeline.render.article import Part
from pipeline.render.epub import (
    COLOPHON_LINES,
    HEAD_LINES,
    FontFile,
    accessibility_metadata,
    creators,
    epub_identifier,
    finish_package,
    rezip,
    sanitise_package,
    write_fonts,
)
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, writers_of
from pipeline.render.pandoc import run_pandoc, run_pandoc_document
from pipeline.render.ui import Interface

log = logging.getLogger(__name__)

#: The colophon lines of an article's chapter: the book's edition line is said once, in the first chapter.
CHAPTER_COLOPHON = tuple(key for key in COLOPHON_LINES if key != "edition-text")

#: The pandoc elements whose attributes (identifier, classes, pairs) come first in their content.
_ATTRIBUTE_FIRST = frozenset({"Div", "Span", "Code", "CodeBlock", "Link", "Image", "Table", "Figure"})
_KICKER_AFTER_TITLE = re.compile(r'(<h1[^>]*>.*?</h1>)\n(<div class="kicker">.*?</div>)', re.DOTALL)
_TITLE = re.compile(r"<title>[^<]*</title>")
_CHAPTER_ID = re.compile(r'<section id="(?P<id>[^"]+)" class="level1')


@dataclass(frozen=True)
class BookInputs:
    """What a collection's e-book is made of.

    ``meta`` and ``introduction`` are the collection's translated front matter
    and body; ``date`` is the edition's (``SOURCE_DATE_EPOCH``), ``display``
    the output's project-relative name; ``stylesheets`` are CSS texts, joined
    in order, ``fonts`` embedded in the order given, ``cover`` a PNG or ``None``.
    """

    name: str
    meta: Mapping[str, Any]
    introduction: str
    chapters: tuple[Part, ...]
    interface: Interface
    date: datetime | None
    display: str
    stylesheets: tuple[str, ...] = ()
    fonts: tuple[FontFile, ...] = ()
    cover: bytes | None = None
    publisher: str = ""


def render_book(inputs: BookInputs) -> bytes:
    """A translated collection and its articles → the bytes of one EPUB 3 file."""
    if not inputs.chapters:
        raise RenderError(inputs.display, None, "expected a collection of at least one article, found none")
    front = _pandoc_json(book_metadata(inputs), front_text(inputs), inputs.display)
    blocks = [_heading(front["meta"]["title"], inputs.name), *own_identifiers(front["blocks"], inputs.name)]
    entries = []
    for chapter in inputs.chapters:
        words = edition_metadata(chapter.meta, inputs.interface, None)
        body = embed_figures(chapter.body, chapter.images, chapter.display)
        part = _pandoc_json(
            {"title": chapter.meta["title"], "kicker": literal_markdown(words["kicker"])},
            chapter_text(chapter.meta, words, body),
            chapter.display,
        )
        blocks.append(_heading(part["meta"]["title"], chapter.slug))
        blocks += own_identifiers(part["blocks"], chapter.slug)
        entries.append(_contents_entry(chapter.slug, part["meta"]["kicker"], part["meta"]["title"]))
    _fill_contents(blocks, entries)
    _refuse_shared_identifiers(blocks, inputs.display)
    date = inputs.date
    environment = {"SOURCE_DATE_EPOCH": str(int(date.timestamp())) if date is not None else "0"}
    arguments = ["-t", "epub3", "--toc", "--toc-depth=2", "--split-level=1"]
    # As for an article's book (pipeline/render/epub.py): pandoc embeds fonts from files only.
    with tempfile.TemporaryDirectory(prefix="jumelage-fonts-") as folder:
        arguments += [
            f"--epub-embed-font={path}" for path in write_fonts(inputs.fonts, Path(folder), inputs.display)
        ]
        epub = run_pandoc_document({**front, "blocks": blocks}, arguments, inputs.display, environment)
    epub, removed = sanitise_package(epub)
    if removed:
        log.warning("%s: the HTML allow-list removed %s", inputs.display, ", ".join(removed))
    epub = label_chapters(epub, inputs)
    return finish_package(epub, "\n".join(inputs.stylesheets), inputs.cover, date)


def book_metadata(inputs: BookInputs) -> dict[str, Any]:
    """The package's metadata: the collection's title and language, its identifier, every article's
    writers (each once, in the book's order) and interviewees, and the accessibility metadata."""
    meta, interface = inputs.meta, inputs.interface
    title = str(meta["title"])
    if meta.get("draft"):
        title = f"{interface.text('draft_mark')} · {title}"
    figured = any(chapter.images for chapter in inputs.chapters)
    book: dict[str, Any] = {
        "title": title,
        "lang": language_tag(str(meta["lang"])),
        "identifier": [{"scheme": "UUID", "text": epub_identifier(inputs.name, str(meta["lang"]))}],
        "creator": _once(creator for chapter in inputs.chapters for creator in creators(chapter.meta)),
        "contributor": _once(
            {"role": "ive", "text": name}
            for chapter in inputs.chapters
            for name in names_of(chapter.meta, "interviewee")
        ),
        "toc-title": interface.text("contents"),
        **accessibility_metadata(interface, figured),
    }
    if meta.get("subtitle"):
        book["subtitle"] = str(meta["subtitle"])
    if inputs.publisher:
        book["publisher"] = inputs.publisher
    return book


def front_text(inputs: BookInputs) -> str:
    """The collection's chapter as Markdown, below its title: kicker, subtitle, introduction, the
    edition's line, then the contents' heading and an empty list (:func:`_fill_contents` fills it)."""
    meta, interface = inputs.meta, inputs.interface
    words = edition_metadata(meta, interface, inputs.date)
    head = [f"::: kicker\n{literal_markdown(interface.text('collection'))}\n:::\n"]
    if meta.get("draft"):
        head.append(f"::: draft-banner\n{literal_markdown(interface.text('draft_notice'))}\n:::\n")
    if meta.get("subtitle"):
        head.append(f"::: subtitle\n{meta['subtitle']}\n:::\n")
    tail = "\n\n".join(
        literal_markdown(words[key]) for key in ("translated-from-text", "edition-text") if key in words
    )
    contents = f"## {literal_markdown(interface.text('contents'))} {{.unlisted}}\n\n::: contents-list\n:::\n"
    colophon = f"\n::: colophon\n{tail}\n:::\n" if tail else ""
    return "\n".join(head) + f"\n{inputs.introduction}\n" + colophon + "\n" + contents


def chapter_text(meta: Mapping[str, Any], words: Mapping[str, str], body: str) -> str:
    """An article's chapter as Markdown, below its title: kicker, subtitle, lead, bylines, date and
    reading time, the body with its figures, the colophon."""
    head = [f"::: kicker\n{literal_markdown(words['kicker'])}\n:::\n"]
    if meta.get("subtitle"):
        head.append(f"::: subtitle\n{meta['subtitle']}\n:::\n")
    if meta.get("lead"):
        head.append(f"::: lead\n{meta['lead']}\n:::\n")
    for key, name in HEAD_LINES:
        if key in words:
            head.append(f"::: {name}\n{literal_markdown(words[key])}\n:::\n")
    tail = "\n\n".join(literal_markdown(words[key]) for key in CHAPTER_COLOPHON if key in words)
    return "\n".join(head) + "\n" + body + (f"\n\n::: colophon\n{tail}\n:::\n" if tail else "")


def own_identifiers(blocks: list[Any], prefix: str) -> list[Any]:
    """pandoc's blocks of one part with each identifier prefixed ``<prefix>-``, and each link to one of
    them too: another part's identical heading, or its notes, never share one.

    >>> own_identifiers([{"t": "Para", "c": [{"t": "Link", "c": [["", [], []], [], ["#a", ""]]},
    ...   {"t": "Span", "c": [["a", [], []], []]}, {"t": "Link", "c": [["", [], []], [], ["#b", ""]]}]}], "p")
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'t': 'Para', 'c': [{'t': 'Link', 'c': [['', [], []], [], ['#p-a', '']]},
      {'t': 'Span', 'c': [['p-a', [], []], []]}, {'t': 'Link', 'c': [['', [], []], [], ['#b', '']]}]}]
    """
    attributes = list(_attributes(blocks))
    own = {attribute[0] for attribute in attributes if attribute[0]}
    for attribute in attributes:
        if attribute[0]:
            attribute[0] = f"{prefix}-{attribute[0]}"
    for node in _nodes(blocks):
        if node.get("t") == "Link":
            target = node["c"][2]
            if target[0].startswith("#") and target[0][1:] in own:
                target[0] = f"#{prefix}-{target[0][1:]}"
    return blocks


def label_chapters(epub: bytes, inputs: BookInputs) -> bytes:
    """The book with every chapter opening on its kicker, then its title (as the brochure's do), its
    XHTML named after its part (``<title>``, and the article's writers), and each article's manifest
    item refined with the article's title, writers and kind."""
    source = zipfile.ZipFile(BytesIO(epub))
    by_slug = {chapter.slug: chapter for chapter in inputs.chapters}
    package = next(name for name in source.namelist() if name.endswith(".opf"))
    folder = package.rpartition("/")[0]
    opf = source.read(package).decode("utf-8")
    replaced: dict[str, bytes] = {}
    refinements: list[str] = []
    for name in source.namelist():
        if not name.endswith(".xhtml"):
            continue
        page = source.read(name).decode("utf-8")
        edited = _KICKER_AFTER_TITLE.sub(r"\2\n\1", page)
        found = _CHAPTER_ID.search(edited)
        part = found.group("id") if found else None
        chapter = by_slug.get(part or "")
        if part == inputs.name or chapter is not None:
            meta = inputs.meta if chapter is None else chapter.meta
            writers = [] if chapter is None else writers_of(chapter.meta)
            head = f"<title>{html.escape(plain_text(str(meta['title'])), quote=False)}</title>"
            if writers:
                head += f'\n  <meta name="author" content="{html.escape(", ".join(writers))}" />'
            edited = _TITLE.sub(functools.partial(_replacement, head), edited, count=1)
        if chapter is not None:
            item = re.search(rf'<item id="([^"]+)" href="{re.escape(name[len(folder) + 1 :])}"', opf)
            if item is not None:
                refinements += _refinements(item.group(1), chapter.meta)
        if edited != page:
            replaced[name] = edited.encode("utf-8")
    if refinements:
        lines = "".join(f"    {line}\n" for line in refinements)
        replaced[package] = opf.replace("  </metadata>", f"{lines}  </metadata>", 1).encode("utf-8")
    return rezip(source, replaced, [])


def _replacement(text: str, _: re.Match[str]) -> str:
    return text


def _refinements(item: str, meta: Mapping[str, Any]) -> list[str]:
    """The package's ``meta`` elements refining one chapter's manifest item: title, writers, kind."""
    values = [("dcterms:title", plain_text(str(meta["title"])))]
    values += [("dcterms:creator", name) for name in writers_of(meta)]
    values.append(("dcterms:type", article_kind(meta)))
    return [
        f'<meta refines="#{item}" property="{prop}">{html.escape(text, quote=False)}</meta>'
        for prop, text in values
    ]


def _pandoc_json(meta: Mapping[str, Any], text: str, display: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run_pandoc(meta, text, ["-t", "json"], display))
    return document


def _heading(title: Mapping[str, Any], identifier: str) -> dict[str, Any]:
    """A part's level-1 heading, from its title as pandoc read it (metadata, so never an attribute)."""
    return {"t": "Header", "c": [1, [identifier, [], []], _inlines(title)]}


def _inlines(value: Mapping[str, Any]) -> list[Any]:
    """A metadata value's inlines (pandoc reads a one-line value as ``MetaInlines``)."""
    content = value["c"]
    if value["t"] == "MetaBlocks":
        return [inline for block in content for inline in block["c"]]
    return list(content)


def _contents_entry(slug: str, kicker: Mapping[str, Any], title: Mapping[str, Any]) -> list[Any]:
    """One item of the contents list: a link to the chapter, its kind above its title."""
    kind = {"t": "Span", "c": [["", ["contents-kind", "kicker"], []], _inlines(kicker)]}
    text = {"t": "Span", "c": [["", ["contents-title"], []], _inlines(title)]}
    link = {"t": "Link", "c": [["", [], []], [kind, {"t": "Space"}, text], [f"#{slug}", ""]]}
    return [{"t": "Plain", "c": [link]}]


def _fill_contents(blocks: list[Any], entries: list[list[Any]]) -> None:
    """Put the contents list in the collection's chapter (the empty ``contents-list`` block)."""
    listing = {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], entries]}
    for node in _nodes(blocks):
        if node.get("t") == "Div" and "contents-list" in node["c"][0][1]:
            node["c"][1] = [listing]
            return


def _refuse_shared_identifiers(blocks: list[Any], display: str) -> None:
    """An identifier two parts would share (a slug that is another's slug and heading) is an error."""
    counts = Counter(attribute[0] for attribute in _attributes(blocks) if attribute[0])
    shared = sorted(identifier for identifier, count in counts.items() if count > 1)
    if shared:
        raise RenderError(
            display, None, f"expected each identifier of the book once, found {', '.join(shared)} twice"
        )


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every element of pandoc's JSON below ``value``, depth first, in document order."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from _nodes(child)


def _attributes(blocks: list[Any]) -> Iterator[list[Any]]:
    """The attributes (``[identifier, classes, pairs]``) of every element that has some."""
    for node in _nodes(blocks):
        kind = node.get("t")
        if kind in _ATTRIBUTE_FIRST:
            yield node["c"][0]
        elif kind == "Header":
            yield node["c"][1]


def _once(items: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Each name once, at its first place (a writer of two articles is one creator of the book)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if item["text"] not in seen:
            seen.add(item["text"])
            kept.append(item)
    return kept
