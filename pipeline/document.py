"""Markdown text → :class:`Document`: front matter, body and translatable segments, and back.

Extraction reads the segments to make messages; apply puts translations back
into the same segments with :meth:`Document.rebuild`, so the two can never
disagree about what a block is: both read the body through the pipeline's one
parser (:mod:`pipeline.markdown`).

A segment is the inline Markdown of one block (heading, paragraph, list item,
block quote paragraph, table cell, table caption, image alt text, footnote)
or a translatable front-matter field. Its message id is that inline Markdown on one line.
Replacing a segment splices the translation into the source lines and keeps
the block's own syntax (``## ``, ``- ``, ``> ``, ``| … |``) around it.

>>> doc = parse_document("---\\ntitle: Titre\\nlang: fr\\n---\\n\\n## Un titre\\n", "a.md")
>>> [(s.kind, s.text, s.line) for s in doc.segments]
[('front matter: title', 'Titre', 2), ('heading', 'Un titre', 6)]
>>> doc.rebuild({doc.segments[1].text: "A heading"})
'\\n## A heading\\n'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from pipeline.errors import SourceError
from pipeline.front_matter import TRANSLATABLE_FIELDS, article_kind, parse_front_matter
from pipeline.inline import one_line
from pipeline.links import reference_problems
from pipeline.markdown import markdown_parser
from pipeline.text import excerpt

#: A longer article is a mistake (a pasted file, an export gone wrong), not an interview.
MAX_SOURCE_BYTES = 1_000_000
#: Blocks inside blocks (a list in a list…): deeper is a mistake or an attack on the parsers.
MAX_NESTING = 16

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")

#: The fenced divs (``::: name``) the layout sets apart; another name is refused.
DIV_KINDS = ("question", "answer", "advice")

#: What an article may be written in, and what each becomes: the constructs the pipeline's
#: parser and pandoc both read, one way. Anything else pandoc would read is refused at its line
#: (:func:`parse_document`); HTML typed in the text is text (:mod:`pipeline.render.pandoc`).
ACCEPTED_CONSTRUCTS = (
    "headings (ATX ``##`` and setext), paragraphs",
    "emphasis and strong emphasis, nested; code spans; superscripts (``1^er^``) and subscripts (``H~2~O``)",
    "links (inline, reference, autolinks) with or without a title; bracketed spans (``[…]{lang=en}``)",
    "images; an image alone in its paragraph is a figure, its title the caption",
    "bullet and ordered lists, nested, an ordered list starting at any number",
    "block quotes (an attribution is their last paragraph, ``> — Name``, set as written)",
    "pipe tables with column alignment, and a caption in the paragraph after them (``: Caption``)",
    f"fenced divs of the layout's kinds ({', '.join(DIV_KINDS)})",
    "footnotes: ``[^label]`` references and ``[^label]: …`` definitions, one reference each",
    "thematic breaks (``---``)",
    "raw HTML, and fenced code blocks (raw blocks ```` ```{=html} ```` among them): shown as typed, "
    "in every language",
)

# Inline syntax pandoc reads that the pipeline does not carry: attributes after a heading,
# a link, an image or a code span ({#id .class key=value}), and a task list's box.
_ATTRIBUTES = re.compile(r"(?<=[)`])\{(?!=)[^{}]*\}")  # a raw attribute ({=html}) is text, as HTML is
_HEADING_ATTRIBUTES = re.compile(r"(?<![\]\s])\s*\{[^{}]*[#.=][^{}]*\}\s*$")
_TASK = re.compile(r"^\[[ xX]\]\s")
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:")
#: Block tokens pandoc would set in a way no message carries, and why an author meets them.
_REFUSED_BLOCKS = {
    "code_block": "a code block (a line indented by four spaces or more) is not supported: "
    "remove the indentation",
    "dl_open": "a definition list (a line opening with ': ' after a term) is not supported",
}
#: Inline tokens likewise.
_REFUSED_INLINES = {"s_open": "a strikeout (~~…~~) is not supported"}
# A translated paragraph must not turn into another kind of block when it
# lands at the start of a line: these openings are escaped.
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s)|:::|\|)|^\d{1,9}(?P<mark>[.)])(?=\s|$)")


@dataclass(frozen=True)
class Span:
    """Where a body segment sits: a 0-based body line, columns, and its other lines."""

    line: int
    start: int
    end: int
    continuation: tuple[int, ...] = ()


@dataclass(frozen=True)
class Segment:
    """One translatable piece of a document, hence one message of its catalog."""

    text: str
    line: int
    kind: str
    span: Span | None = None
    field: str | None = None


@dataclass(frozen=True)
class Document:
    """A parsed Markdown article."""

    path: str
    meta: Mapping[str, Any]
    body: str
    body_line: int
    segments: tuple[Segment, ...] = field(default=())
    meta_lines: Mapping[str, int] = field(default_factory=dict)
    """The 1-based file line of each front-matter field, for errors about its value."""

    @property
    def lang(self) -> str:
        return str(self.meta["lang"])

    @property
    def kind(self) -> str:
        return article_kind(self.meta)

    def rebuild(self, translations: Mapping[str, str]) -> str:
        """Return the body with each segment whose text is a key replaced.

        Segments whose text is not in ``translations`` keep their source lines
        byte for byte, so an empty mapping gives back the body unchanged.
        """
        lines = self.body.split("\n")
        edits: dict[int, list[tuple[int, int, str]]] = {}
        dropped: set[int] = set()
        for segment in self.segments:
            if segment.span is None or segment.text not in translations:
                continue
            text = one_line(translations[segment.text])
            if segment.kind == "table cell":
                text = _escape_pipes(text)
            elif segment.kind == "image caption":
                text = _escape_quotes(text)
            elif segment.span.start == _indent(lines[segment.span.line]):
                text = _protect_block_start(text)
            edits.setdefault(segment.span.line, []).append((segment.span.start, segment.span.end, text))
            dropped.update(segment.span.continuation)
        for index, line_edits in edits.items():
            line = lines[index]
            for start, end, text in sorted(line_edits, reverse=True):
                line = line[:start] + text + line[end:]
            lines[index] = line
        return "\n".join(line for index, line in enumerate(lines) if index not in dropped)


def parse_document(text: str, path: str) -> Document:
    """Parse a Markdown article with YAML front matter into a :class:`Document`."""
    if not text.strip():
        raise SourceError(path, 1, "expected a Markdown article with front matter, found an empty file")
    size = len(text.encode("utf-8"))
    if size > MAX_SOURCE_BYTES:
        raise SourceError(path, 1, f"expected an article under 1 MB, found {size / 1_000_000:.1f} MB")
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        raise SourceError(path, 1, f"expected front matter opening with '---', found {excerpt(lines[0])}")
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        raise SourceError(path, 1, "expected front matter closed by '---', found the end of the file")
    meta, meta_lines = parse_front_matter("\n".join(lines[1:closing]), path)
    for name in TRANSLATABLE_FIELDS:
        # The title, subtitle and lead are Markdown too: pandoc makes links of theirs.
        for _, problem in reference_problems(str(meta.get(name, "")))[:1]:
            raise SourceError(path, meta_lines[name], problem)
    body = "\n".join(lines[closing + 1 :])
    body_line = closing + 2
    segments = [
        Segment(str(meta[name]).strip(), meta_lines[name], f"front matter: {name}", field=name)
        for name in TRANSLATABLE_FIELDS
        if name in meta and str(meta[name]).strip()
    ]
    segments.extend(_body_segments(body, body_line, path))
    return Document(path, meta, body, body_line, tuple(segments), meta_lines)


def _body_segments(body: str, body_line: int, path: str) -> list[Segment]:
    for offset, problem in reference_problems(body)[:1]:
        raise SourceError(path, body_line + offset, problem)
    lines = body.split("\n")
    segments: list[Segment] = []
    stack: list[Token] = []
    row_cells: list[tuple[int, int]] = []
    row_index = 0
    tokens = markdown_parser().parse(body)
    notes = _Notes(lines, body_line, path)
    for index, token in enumerate(tokens):
        _refuse(token, stack, body_line, path)
        if token.nesting == 1:
            stack.append(token)
            if len(stack) > MAX_NESTING:
                line = body_line + (token.map[0] if token.map else 0)
                raise SourceError(
                    path, line, f"expected blocks nested at most {MAX_NESTING} deep, found deeper"
                )
            if token.type == "tr_open" and token.map:
                row_index = token.map[0]
                row_cells = _table_cell_spans(lines[row_index])
        elif token.nesting == -1:
            stack.pop()
        elif token.type == "inline" and stack:
            parent = stack[-1].type
            for child in token.children or []:
                if child.type == "footnote_ref":
                    notes.referenced(child, token)
            if parent in ("th_open", "td_open"):
                if row_cells:
                    start, end = row_cells.pop(0)
                    text = lines[row_index][start:end]
                    if text:
                        segments.append(
                            Segment(text, body_line + row_index, "table cell", Span(row_index, start, end))
                        )
                continue
            after_table = index >= 2 and tokens[index - 2].type == "table_close"
            segments.extend(_block_segments(token, parent, stack, lines, body_line, path, after_table))
    notes.check()
    return segments


def _refuse(token: Token, stack: list[Token], body_line: int, path: str) -> None:
    """Raise :class:`SourceError` at ``token``'s line if it is a construct the pipeline does not carry."""
    line = body_line + (token.map[0] if token.map else _line_of(stack))
    if token.type in _REFUSED_BLOCKS:
        raise SourceError(path, line, _REFUSED_BLOCKS[token.type])
    if token.type == "container_div_open":
        kind = token.info.strip()
        if kind not in DIV_KINDS:
            raise SourceError(
                path,
                line,
                f"a fenced div '::: {kind}' is not supported: expected one of {', '.join(DIV_KINDS)}",
            )
    if token.type != "inline":
        return
    for child in token.children or []:
        if child.type in _REFUSED_INLINES:
            raise SourceError(path, line, _REFUSED_INLINES[child.type])
        if child.type == "footnote_ref" and "label" not in child.meta:
            raise SourceError(
                path,
                line,
                "an inline note (^[…]) is not supported: write a reference [^1] and its definition",
            )
    in_list = any(block.type == "list_item_open" for block in stack)
    if in_list and stack[-1].type == "paragraph_open" and _TASK.match(token.content):
        raise SourceError(path, line, "a task list item ([ ] or [x]) is not supported")
    heading = stack[-1].type == "heading_open"
    found = (_HEADING_ATTRIBUTES if heading else _ATTRIBUTES).search(token.content)
    if found:
        raise SourceError(path, line, f"attributes ({found.group(0).strip()}) are not supported")


def _line_of(stack: list[Token]) -> int:
    """The 0-based body line of the innermost block in ``stack`` that has one."""
    return next((token.map[0] for token in reversed(stack) if token.map), 0)


class _Notes:
    """The footnotes of a body: each defined once and referenced once, or a :class:`SourceError`."""

    def __init__(self, lines: list[str], body_line: int, path: str) -> None:
        self.path = path
        self.body_line = body_line
        self.definitions: dict[str, int] = {}
        self.references: dict[str, int] = {}
        for index, line in enumerate(lines):
            match = _NOTE_DEFINITION.match(line)
            if match is None:
                continue
            label = match.group("label")
            if label in self.definitions:
                first = body_line + self.definitions[label]
                raise SourceError(
                    path,
                    body_line + index,
                    f"expected one definition of note [^{label}], found a second "
                    f"(the first is at line {first})",
                )
            self.definitions[label] = index

    def referenced(self, child: Token, inline: Token) -> None:
        label = str(child.meta["label"])
        assert inline.map is not None
        line = self.body_line + inline.map[0]
        if label in self.references:
            raise SourceError(
                self.path,
                line,
                f"expected one reference to note [^{label}], found a second "
                f"(the first is at line {self.references[label]}): number each note apart",
            )
        self.references[label] = line

    def check(self) -> None:
        for label, line in self.references.items():
            if label not in self.definitions:
                raise SourceError(
                    self.path, line, f"expected a definition '[^{label}]: …' of note [^{label}], found none"
                )
        for label, index in self.definitions.items():
            if label not in self.references:
                raise SourceError(
                    self.path,
                    self.body_line + index,
                    f"expected a reference [^{label}] to this note, found none",
                )


def _block_segments(
    token: Token,
    parent: str,
    stack: list[Token],
    lines: list[str],
    body_line: int,
    path: str,
    after_table: bool,
) -> list[Segment]:
    assert token.map is not None
    first = token.map[0]
    content = token.content.split("\n")
    text = one_line(token.content)
    if not text:
        return []
    kind = _block_kind(parent, stack)
    children = [child for child in token.children or [] if child.type != "softbreak"]
    if kind == "paragraph" and len(children) == 1 and children[0].type == "image":
        return _figure_segments(lines[first], first, body_line)
    if kind == "paragraph" and after_table and token.content.startswith(": "):
        # pandoc's table caption, ": Caption" after the table: the message is the caption.
        kind, content = "table caption", [content[0][2:], *content[1:]]
        text = one_line(token.content[2:])
    start = lines[first].find(content[0].rstrip())
    if start < 0:
        raise SourceError(
            path, body_line + first, "expected the block's text on its first line, found it split"
        )
    end = start + len(content[0].rstrip())
    if len(content) > 1:
        end = len(lines[first].rstrip())
    continuation = tuple(range(first + 1, first + len(content)))
    return [Segment(text, body_line + first, kind, Span(first, start, end, continuation))]


# A figure is an image alone in its paragraph, on one line: ![alt](src "caption"). The parser
# has found it (an image token alone in its paragraph); its alt text and caption are cut from the
# line, because a segment is a column range of its source line and tokens carry lines only.
_FIGURE = re.compile(r'!\[(?P<alt>.*)\]\(\s*<?[^)\s>]+>?(?:\s+"(?P<caption>(?:[^"\\]|\\.)*)")?\s*\)')


def _figure_segments(line: str, first: int, body_line: int) -> list[Segment]:
    """A figure's alt text and caption (its title), each a message of its own."""
    match = _FIGURE.search(line)
    if match is None:
        return []
    segments = []
    for name, kind in (("alt", "image alt"), ("caption", "image caption")):
        text = match.group(name)
        if text and text.strip():
            segments.append(
                Segment(text, body_line + first, kind, Span(first, match.start(name), match.end(name)))
            )
    return segments


def _block_kind(parent: str, stack: list[Token]) -> str:
    if parent == "heading_open":
        return "heading"
    types = {token.type for token in stack}
    if "footnote_open" in types:
        return "footnote"
    if "list_item_open" in types:
        return "list item"
    if "blockquote_open" in types:
        return "block quote"
    return "paragraph"


def _table_cell_spans(line: str) -> list[tuple[int, int]]:
    """Column ranges of a pipe-table row's cells, trimmed, escaped pipes kept."""
    bounds = [i for i, char in enumerate(line) if char == "|" and (i == 0 or line[i - 1] != "\\")]
    stripped = line.strip()
    if not stripped.startswith("|"):
        bounds.insert(0, -1)
    if not stripped.endswith("|") or stripped.endswith("\\|"):
        bounds.append(len(line))
    spans = []
    for left, right in itertools.pairwise(bounds):
        cell = line[left + 1 : right]
        inner = cell.strip()
        start = left + 1 + (len(cell) - len(cell.lstrip()))
        spans.append((start, start + len(inner)))
    return spans


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _escape_quotes(text: str) -> str:
    """A caption is a Markdown link title, between straight double quotes."""
    return re.sub(r'(?<!\\)"', r'\\"', text)


def _escape_pipes(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _protect_block_start(text: str) -> str:
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    # CommonMark escapes punctuation only: "2018." becomes "2018\.", "# x" becomes "\# x".
    at = match.start("mark") if match.group("mark") else 0
    return text[:at] + "\\" + text[at:]
