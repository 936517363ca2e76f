"""HTML as written, edited in place: elements and text found by Python's HTML parser, with their
offsets, and edits spliced into the text, so that every byte not edited stays as pandoc wrote it.

A parser that builds a tree (lxml, html5lib) writes the whole page again in
its own way (attribute order, entities, void elements); the layout stages
change a class here, a span there, and the rest of the page must stay byte
for byte what the other formats were made from.

>>> page = '<p>Un <b>mot</b></p><p class="lead">deux</p>'
>>> [(tag.name, tag.attributes) for tag in start_tags(page, {"p"})]
[('p', {}), ('p', {'class': 'lead'})]
>>> [page[start:end] for start, end in text_runs(page)]
['Un ', 'mot', 'deux']
>>> with_classes(start_tags(page, {"p"})[1], ["lead", "tight"])
'<p class="lead tight">'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class StartTag:
    """A start tag: its name, its attributes (entities decoded) and its offsets in the text."""

    name: str
    attributes: dict[str, str | None]
    start: int
    """The offset of its ``<``."""
    end: int
    """The offset after its ``>``."""

    def classes(self) -> list[str]:
        return (self.attributes.get("class") or "").split()


@dataclass(frozen=True)
class Element:
    """An element with both its tags: their offsets, and the innermost element found around it."""

    tag: str
    attributes: dict[str, str | None]
    start: int
    """The offset of its start tag's ``<``."""
    open_end: int
    """The offset after its start tag."""
    close_start: int
    """The offset of its end tag's ``<`` (``open_end`` for a tag that closes itself)."""
    end: int
    """The offset after its end tag."""
    parent: Element | None
    """The innermost element of the names asked for that it is in."""


@dataclass
class _Record:
    tag: str
    attributes: dict[str, str | None]
    start: int
    open_end: int
    parent: _Record | None
    close_start: int | None = None
    end: int | None = None


class _Reader(HTMLParser):
    """Records the start tags and elements named in ``tags``, and every run of text, with offsets."""

    def __init__(self, text: str, tags: Collection[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.tags = tags
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self.open: list[_Record] = []
        self.found: list[_Record] = []
        self.events: list[tuple[int, bool]] = []
        """Where each tag, comment, declaration and piece of text starts, and whether it is text."""

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self.position(), False))
        if tag in self.tags:
            start = self.position()
            end = start + len(self.get_starttag_text() or "")
            record = _Record(tag, dict(attrs), start, end, self.open[-1] if self.open else None)
            self.found.append(record)
            self.open.append(record)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # its event too
        if tag in self.tags:
            record = self.open.pop()
            record.close_start = record.end = record.open_end

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self.position(), False))
        names = [record.tag for record in self.open]
        if tag not in names:
            return
        index = len(names) - 1 - names[::-1].index(tag)
        record = self.open[index]
        record.close_start = start = self.position()
        record.end = self.text.index(">", start) + 1
        del self.open[index:]

    def handle_data(self, data: str) -> None:
        self.events.append((self.position(), True))

    def handle_entityref(self, name: str) -> None:
        self.events.append((self.position(), True))

    def handle_charref(self, name: str) -> None:
        self.events.append((self.position(), True))

    def handle_comment(self, data: str) -> None:
        self.events.append((self.position(), False))

    def handle_decl(self, decl: str) -> None:
        self.events.append((self.position(), False))

    def handle_pi(self, data: str) -> None:
        self.events.append((self.position(), False))

    def unknown_decl(self, data: str) -> None:
        self.events.append((self.position(), False))

    def text_runs(self) -> list[tuple[int, int]]:
        runs: list[tuple[int, int]] = []
        starts = [*self.events, (len(self.text), False)]
        for (start, text), (end, _) in itertools.pairwise(starts):
            if not text or end <= start:
                continue
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        return runs


def _read(text: str, tags: Collection[str]) -> _Reader:
    reader = _Reader(text, tags)
    reader.feed(text)
    reader.close()
    return reader


def start_tags(text: str, tags: Collection[str]) -> list[StartTag]:
    """Every start tag named in ``tags``, in document order, whether or not its element is closed."""
    found = _read(text, tags).found
    return [StartTag(record.tag, record.attributes, record.start, record.open_end) for record in found]


def elements(text: str, tags: Collection[str]) -> list[Element]:
    """The closed elements named in ``tags``, in document order.

    >>> found = elements("<table><tr><td>1</td></tr>", {"tr", "td"})
    >>> [(element.tag, element.start, element.end) for element in found]
    [('tr', 7, 26), ('td', 11, 21)]
    """
    found: dict[int, Element] = {}
    for record in _read(text, tags).found:
        parent = record.parent
        while parent is not None and parent.end is None:
            parent = parent.parent
        if record.close_start is not None and record.end is not None:
            found[id(record)] = Element(
                record.tag,
                record.attributes,
                record.start,
                record.open_end,
                record.close_start,
                record.end,
                None if parent is None else found.get(id(parent)),
            )
    return list(found.values())


def text_runs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each run of text at or after ``start``: what lies between
    tags, comments and declarations, entities and character references included, as written."""
    return [(begin, end) for begin, end in _read(text, ()).text_runs() if begin >= start]


def with_classes(tag: StartTag, classes: Sequence[str]) -> str:
    """The start tag ``tag`` written again with exactly ``classes`` (in order, once each):
    a ``class`` it had keeps its place among the attributes, a new one comes last."""
    names = " ".join(dict.fromkeys(classes))
    attributes = dict(tag.attributes)
    attributes["class"] = names
    written = "".join(
        f" {name}" if value is None else f' {name}="{_escape(value)}"' for name, value in attributes.items()
    )
    return f"<{tag.name}{written}>"


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def splice(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` of ``edits`` (in order, not overlapping) replaced.

    >>> splice("abcdef", [(1, 2, "B"), (4, 4, "-")])
    'aBcd-ef'
    """
    parts: list[str] = []
    done = 0
    for start, end, new in edits:
        parts += [text[done:start], new]
        done = end
    return "".join(parts) + text[done:]
