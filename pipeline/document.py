"""Markdown text → :class:`Document`: front matter, body and translatable segments.

This is the one parser of the pipeline. Extraction reads the segments to make
messages; apply puts translations back into the same segments with
:meth:`Document.rebuild`, so the two can never disagree about what a block is.

A segment is the inline Markdown of one block (heading, paragraph, list item,
block quote paragraph, table cell, image alt text) or a translatable
front-matter field. Its message id is that inline Markdown on one line.
Replacing a segment splices the translation into the source lines and keeps
the block's own syntax (``## ``, ``- ``, ``> ``, ``| … |``) around it.

>>> doc = parse_document("---\\ntitle: Titre\\nlang: fr\\n---\\n\\n## Un titre\\n", "a.md")
>>> [(s.kind, s.text, s.line) for s in doc.segments]
[('front matter: title', 'Titre', 2), ('heading', 'Un titre', 6)]
>>> doc.rebuild({doc.segments[1].text: "A heading"})
'\\n## A heading\\n'
"""

from __future__ import annotations

import datetime
import functools
import html
import itertools
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from pipeline.errors import SourceError
from pipeline.text import excerpt

#: Front-matter fields whose values are text for readers, hence messages.
TRANSLATABLE_FIELDS = ("title", "subtitle", "lead")

#: What an article can be; the layout prints the kind's kicker and byline.
#: Without ``kind:``, an article with an ``interviewee`` is an interview, any other a report.
KINDS = ("interview", "report", "news")

#: Front-matter fields that name people (or an organisation): one name, or a list of names.
NAME_FIELDS = ("author", "interviewee", "interviewers")

#: A longer article is a mistake (a pasted file, an export gone wrong), not an interview.
MAX_SOURCE_BYTES = 1_000_000
#: Blocks inside blocks (a list in a list…): deeper is a mistake or an attack on the parsers.
MAX_NESTING = 16
#: Where a link may lead; images may only be files of the project.
LINK_SCHEMES = ("http", "https", "mailto")

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
# Line breaks and ASCII spaces fold into one space; no-break spaces are meant.
_WHITESPACE = re.compile(r"[ \t\r\n]+")
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
            text = _one_line(translations[segment.text])
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
    meta, meta_lines = _parse_front_matter("\n".join(lines[1:closing]), path)
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
    return Document(path, meta, body, body_line, tuple(segments))


def article_kind(meta: Mapping[str, Any]) -> str:
    """The article's kind: ``kind:`` if given, else interview when it names an interviewee, else report.

    >>> article_kind({"interviewee": "A. B."}), article_kind({}), article_kind({"kind": "news"})
    ('interview', 'report', 'news')
    """
    if meta.get("kind"):
        return str(meta["kind"])
    return "interview" if meta.get("interviewee") else "report"


def names_of(meta: Mapping[str, Any], name: str) -> list[str]:
    """A name field as a list, whether the front matter gives one name or several.

    >>> names_of({"author": "A"}, "author"), names_of({"interviewers": ["A", "B"]}, "interviewers")
    (['A'], ['A', 'B'])
    """
    value = meta.get(name) or []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _is_names(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, str) and item.strip() for item in value)
    )


LINK_PROBLEM = "expected a link to the web or inside the project"
IMAGE_PROBLEM = "expected an image file inside the project"


def decoded_target(target: str) -> str:
    r"""A link's destination as a browser would follow it, to judge where it leads.

    Markdown's backslash escapes, HTML character references and percent-escapes
    are decoded (until nothing changes, so a double encoding hides nothing), and
    whitespace and control characters are dropped wherever they are: a browser
    skips a tab inside ``java\tscript:``.

    >>> decoded_target(r"&#106;ava%73cript\:alert(1)"), decoded_target("JaVa\tScRiPt:x")
    ('javascript:alert(1)', 'JaVaScRiPt:x')
    """
    text = _MARKDOWN_ESCAPE.sub(r"\1", target)
    for _ in range(8):
        decoded = urllib.parse.unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    return "".join(
        character for character in text if unicodedata.category(character)[0] not in _IGNORED_IN_ADDRESS
    )


def reference_problem(target: str, image: bool = False) -> str | None:
    """What is wrong with a link's (or an image's) destination, if anything.

    A link leads to the web (:data:`LINK_SCHEMES`) or to a path inside the
    project; an image is a file inside the project. The destination is judged
    decoded (:func:`decoded_target`), and shown as written.

    >>> reference_problem("https://www.rennes.fr/"), reference_problem("images/x.png", image=True)
    (None, None)
    >>> reference_problem("&#106;avascript:alert(1)")
    "expected a link to the web or inside the project, found '&#106;avascript:alert(1)' (javascript:alert(1))"
    """
    decoded = decoded_target(target)
    if _safe_reference(decoded, () if image else LINK_SCHEMES):
        return None
    shown = f"{target!r}" if decoded == target else f"{target!r} ({decoded})"
    return f"{IMAGE_PROBLEM if image else LINK_PROBLEM}, found {shown}"


def reference_problems(markdown: str) -> list[tuple[int, str]]:
    r"""Every link and image destination of ``markdown`` that leads where none may:
    ``(0-based line, sentence)``, in order of lines.

    Destinations are read twice, so that neither reading can miss one pandoc
    would follow: by a CommonMark parser that accepts any destination (the
    pipeline's own drops ``javascript:`` links, leaving text pandoc would still
    make a link of), with reference definitions; and as written, on each line
    of text (not in code blocks).

    >>> for line, problem in reference_problems("[a](https://a.fr) [b][r]\n\n[r]: <java\tscript:x()>\n"):
    ...     print(line, problem)
    2 expected a link to the web or inside the project, found 'java\tscript:x()' (javascript:x())
    """
    # A destination is reported once (as the text writes it), on the line it is written on when
    # that is known, else on its paragraph's first line (where the parser found the link).
    exact: dict[tuple[bool, str], tuple[int, str]] = {}
    approximate: dict[tuple[bool, str], tuple[int, str]] = {}

    def add(found: dict[tuple[bool, str], tuple[int, str]], line: int, target: str, image: bool) -> None:
        problem = reference_problem(target, image)
        key = (image, decoded_target(target))
        if problem is not None and (key not in found or line < found[key][0]):
            found[key] = (line, problem)

    env: dict[str, Any] = {}
    for token in _link_parser().parse(markdown, env):
        if token.type != "inline" or token.map is None:
            continue
        for offset, text in enumerate(token.content.split("\n")):
            for match in _IMAGE_DESTINATION.finditer(text):
                add(exact, token.map[0] + offset, _destination(match), image=True)
            for match in _LINK_DESTINATION.finditer(text):
                add(exact, token.map[0] + offset, _destination(match), image=False)
        for child in token.children or []:
            if child.type == "link_open":
                add(approximate, token.map[0], str(child.attrGet("href") or ""), image=False)
            elif child.type == "image":
                add(approximate, token.map[0], str(child.attrGet("src") or ""), image=True)
    for reference in env.get("references", {}).values():
        add(exact, reference.get("map", [0])[0], str(reference.get("href", "")), image=False)
    return sorted({**approximate, **exact}.values())


# A destination as written: in <…> (spaces allowed), or up to a space, parentheses balanced one deep.
_WRITTEN = r"\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\([^\s()]*\))+))"
_IMAGE_DESTINATION = re.compile(r"!\[[^\]]*\]" + _WRITTEN)
_LINK_DESTINATION = re.compile(
    r"(?<!!)\[[^\]]*\]" + _WRITTEN + r"|<(?P<autolink>[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"
)
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Unicode categories a browser ignores in an address, or that only hide a scheme: controls, format
# characters (zero-width joiners…), separators (spaces).
_IGNORED_IN_ADDRESS = ("C", "Z")


def _destination(match: re.Match[str]) -> str:
    return match.group("angled") or match.group("bare") or match.groupdict().get("autolink") or ""


@functools.cache
def _link_parser() -> MarkdownIt:
    """The pipeline's parser, but keeping every destination as written, whatever it is."""
    parser = MarkdownIt("commonmark").enable("table")
    parser.use(container_plugin, name="div", validate=lambda params, *rest: True)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser


def _safe_reference(target: str, schemes: tuple[str, ...]) -> bool:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", target)
    if scheme:
        return scheme.group(1).lower() in schemes
    if target.startswith(("/", "\\")) or target.startswith("//"):
        return False
    depth = 1  # relative to source/, one level below the project's root
    for part in re.split(r"[/\\]", target.split("#")[0].split("?")[0]):
        if part == "..":
            depth -= 1
            if depth < 0:
                return False
        elif part not in ("", "."):
            depth += 1
    return True


def inline_skeleton(text: str) -> Counter[str]:
    """What inline Markdown does besides its words: emphasis, links and their targets, images,
    code, raw HTML. A translation must do the same things (in any order).

    >>> sorted(inline_skeleton("**Question :** voir [ici](https://a.fr) et `x`").elements())
    ['code `x`', 'link https://a.fr', 'strong']
    """
    unwrapped = re.sub(r"\[([^\[\]]*)\]\{[^{}]*\}", r"\1", text)
    skeleton: Counter[str] = Counter()
    for token in markdown_parser().parseInline(unwrapped)[0].children or []:
        if token.type in ("strong_open", "em_open"):
            skeleton[token.type.removesuffix("_open")] += 1
        elif token.type == "link_open":
            skeleton[f"link {token.attrGet('href')}"] += 1
        elif token.type == "image":
            skeleton[f"image {token.attrGet('src')}"] += 1
        elif token.type == "code_inline":
            skeleton[f"code `{token.content}`"] += 1
        elif token.type == "html_inline":
            skeleton[f"raw HTML {token.content}"] += 1
    return skeleton


def plain_text(markdown: str) -> str:
    """The words of inline Markdown, markup gone (for ``<title>`` and metadata).

    >>> plain_text("[Simon Letonturier]{.name} *présente* le [service](https://a.fr)")
    'Simon Letonturier présente le service'
    """
    # pandoc's bracketed spans ("[name]{.name}") are not CommonMark: unwrap them first.
    unwrapped = re.sub(r"\[([^\[\]]*)\]\{[^{}]*\}", r"\1", markdown)
    tokens = markdown_parser().parseInline(unwrapped)[0].children or []
    words = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return _one_line("".join(words))


def join_document(meta: Mapping[str, Any], body: str) -> str:
    """Serialise front matter and body back into one Markdown text."""
    front = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False, width=76)
    return f"---\n{front}---\n{body}"


def _parse_front_matter(text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        raise SourceError(path, line, f"expected valid YAML front matter, found: {exc.problem}") from None
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        found = type(meta).__name__ if meta is not None else "nothing"
        raise SourceError(path, 2, f"expected front matter fields (key: value), found {found}")
    meta_lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value}
    for name in ("title", "lang"):
        if not isinstance(meta.get(name), str) or not meta[name].strip():
            raise SourceError(
                path, meta_lines.get(name, 2), f"expected a text field '{name}', found {meta.get(name)!r}"
            )
    for name in TRANSLATABLE_FIELDS:
        if name in meta and not isinstance(meta[name], str):
            raise SourceError(path, meta_lines[name], f"expected '{name}' to be text, found {meta[name]!r}")
    for name in NAME_FIELDS:
        if name in meta and not _is_names(meta[name]):
            raise SourceError(
                path,
                meta_lines[name],
                f"expected '{name}' to be a name or a list of names, found {meta[name]!r}",
            )
    if "date" in meta and not isinstance(meta["date"], datetime.date):
        expected = "expected 'date' to be a date such as 2026-03-14"
        raise SourceError(path, meta_lines["date"], f"{expected}, found {meta['date']!r}")
    if "kind" in meta and meta["kind"] not in KINDS:
        raise SourceError(
            path,
            meta_lines["kind"],
            f"expected a kind among {', '.join(KINDS)}, found {meta['kind']!r}",
        )
    try:
        Locale.parse(meta["lang"].replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise SourceError(
            path, meta_lines["lang"], f"expected a language code such as 'fr', found {meta['lang']!r}"
        ) from None
    return meta, meta_lines


@functools.cache
def markdown_parser() -> MarkdownIt:
    """The one Markdown parser: extraction, re-insertion and the checks read Markdown through it."""
    parser = MarkdownIt("commonmark").enable("table")
    # pandoc's fenced divs (`::: name`) carry the layout's structure; any name is fine.
    parser.use(container_plugin, name="div", validate=lambda params, *rest: True)
    return parser


def _body_segments(body: str, body_line: int, path: str) -> list[Segment]:
    for offset, problem in reference_problems(body)[:1]:
        raise SourceError(path, body_line + offset, problem)
    lines = body.split("\n")
    segments: list[Segment] = []
    stack: list[Token] = []
    row_cells: list[tuple[int, int]] = []
    row_index = 0
    for token in markdown_parser().parse(body):
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
            if parent in ("th_open", "td_open"):
                if row_cells:
                    start, end = row_cells.pop(0)
                    text = lines[row_index][start:end]
                    if text:
                        segments.append(
                            Segment(text, body_line + row_index, "table cell", Span(row_index, start, end))
                        )
                continue
            segments.extend(_block_segments(token, parent, stack, lines, body_line, path))
    return segments


def _block_segments(
    token: Token, parent: str, stack: list[Token], lines: list[str], body_line: int, path: str
) -> list[Segment]:
    assert token.map is not None
    first = token.map[0]
    content = token.content.split("\n")
    text = _one_line(token.content)
    if not text:
        return []
    kind = _block_kind(parent, stack)
    children = [child for child in token.children or [] if child.type != "softbreak"]
    if kind == "paragraph" and len(children) == 1 and children[0].type == "image":
        return _figure_segments(lines[first], first, body_line)
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


# A figure is an image alone in its paragraph, on one line: ![alt](src "caption").
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


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


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
