"""Wide content → content that fits: tables scroll on screen, and on paper are set smaller, then split;
a word longer than a line is broken where the line ends.

A screen can scroll: the page and the e-book wrap each table in a
``<div class="table-scroll">`` (:func:`wrap_tables`) that scrolls sideways
when the table is wider than the text. Paper cannot. There, before the first
layout, :func:`prepare_wide_content` numbers the tables and marks every word
of :data:`LONG_WORD` characters or more (no dictionary word is that long);
then each round of :func:`pipeline.render.hyphenation.limit_hyphenation`
asks :func:`overflowing_tables` which tables run past their column and
:func:`fit_tables` sets them in smaller type and tighter cells, a step of
:data:`TABLE_STEPS` at a time, down to a floor of 6.5 pt, as a book designer
would; a table still too wide there is split into parts of as many columns as
fit, each repeating the first column (the rows' labels) and the header row.
A part that cannot be split further has its cells' words broken anywhere.

A marked word (``<span class="long-word">``) is never hyphenated: pyphen
would offer WeasyPrint hundreds of break points on every line, each tried by
laying out the rest of the word again, which made a 3,000-character word
cost a minute and a half per brochure. It breaks between any two letters
instead, in time linear in its length.

:func:`wide_content_findings` says, from the last layout, what a person
should look at: a table that had to be split or broken, or is still too wide,
and a word that ran over a line; :class:`SourceText` names the line of the
source (or of the catalog) where each was written.

The layout is read through :mod:`pipeline.render.boxes`.
"""

from __future__ import annotations

import html as html_module
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.document import parse_document
from pipeline.markdown import markdown_parser
from pipeline.render import boxes, markup

log = logging.getLogger(__name__)

#: A run of this many characters without a space is no word of any dictionary (the longest German
#: law, "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz", has 63 letters): it is
#: broken where the line ends, never hyphenated.
LONG_WORD = 64

#: The steps a table wider than its column goes through, in order: its class and its type size.
#: The sizes and the tighter padding of each class are in ``jumelage.css`` and ``brochure.css``.
TABLE_STEPS = (("table-small", 8.0), ("table-smaller", 7.25), ("table-smallest", 6.5))
#: A part of a split table: the first column and a run of the others.
TABLE_PART = "table-part"
#: A table (or part) that cannot be split further: its cells' words break anywhere.
TABLE_BREAK = "table-break"

#: How far past its column a table may reach before it counts as overflowing (CSS px).
_TOLERANCE = 0.5
_PT_PER_PX = 0.75
#: The elements whose places in a page the rewriting needs.
_STRUCTURE = frozenset({"table", "caption", "colgroup", "tr", "th", "td", "main"})
_LONG_RUN = re.compile(rf"[^\s<>]{{{LONG_WORD},}}")


def wrap_tables(page: str) -> str:
    """An HTML page → each table inside a ``<div class="table-scroll">`` a reader can scroll sideways.

    The wrapper is focusable, so that a keyboard can scroll it too.

    >>> wrap_tables("<p>x</p><table><tr><td>1</td></tr></table>")
    '<p>x</p><div class="table-scroll" tabindex="0"><table><tr><td>1</td></tr></table></div>'
    """
    return markup.splice(
        page,
        [
            (
                table.start,
                table.end,
                f'<div class="table-scroll" tabindex="0">{page[table.start : table.end]}</div>',
            )
            for table in _outermost(_parse(page), "table")
        ],
    )


def prepare_wide_content(page: str) -> str:
    """An HTML page about to be laid out on paper → its tables numbered (``data-table``, in order, from
    0) and each word of :data:`LONG_WORD` characters or more in the article marked ``long-word``.

    >>> prepare_wide_content("<main><table><tr><td>1</td></tr></table><p>" + "x" * 64 + "</p></main>")[:55]
    '<main><table data-table="0"><tr><td>1</td></tr></table>'
    """
    tables = [element for element in _parse(page) if element.tag == "table"]
    numbered = markup.splice(
        page,
        [(table.start + 6, table.start + 6, f' data-table="{rank}"') for rank, table in enumerate(tables)],
    )
    return markup.splice(
        numbered,
        [
            (main.open_end, main.close_start, _mark_long_words(numbered[main.open_end : main.close_start]))
            for main in _outermost(_parse(numbered), "main")
        ],
    )


def _mark_long_words(body: str) -> str:
    return markup.splice(
        body,
        [
            (start, end, _LONG_RUN.sub(r'<span class="long-word">\g<0></span>', body[start:end]))
            for start, end in markup.text_runs(body)
        ],
    )


@dataclass(frozen=True)
class TableFit:
    """A laid-out table wider than its column: how wide it is, how wide it may be, and its columns."""

    position: int
    """The table's rank among the page's ``<table>`` elements, in document order."""
    width: float
    available: float
    columns: tuple[float, ...]
    """Each column's width (CSS px), cells' padding and borders included."""
    font_size: float
    """The table's type size (CSS px)."""


def overflowing_tables(document: Any) -> list[TableFit]:
    """The tables of a laid-out document that reach past the right edge of their column."""
    found: dict[int, TableFit] = {}
    for page in boxes.pages(document):
        root = page.root_element()
        if root is None:
            continue
        positions = {id(element): rank for rank, element in enumerate(_elements(root, "table"))}
        for table in page.tables():
            position = positions.get(id(table.element))
            if position is None or position in found or table.limit is None:
                continue
            if table.left + table.width > table.limit + _TOLERANCE:
                found[position] = TableFit(
                    position,
                    float(table.width),
                    float(table.limit - table.left),
                    table.columns,
                    table.font_size,
                )
    return [found[position] for position in sorted(found)]


def _elements(root: Any, tag: str) -> list[Any]:
    return [element for element in root.iter() if element.tag == tag]


def fit_tables(page: str, tables: Sequence[TableFit]) -> str:
    """Each table of ``tables`` a step further: a smaller size, else split, else its words broken.

    The step is chosen from the measures: the size that would make the table
    fit if it scaled with its type, else the floor; at the floor, the split
    puts as many columns in each part as their widths allow.
    """
    by_position = {table.position: table for table in tables}
    elements = _parse(page)
    ranks = {id(element): rank for rank, element in enumerate(_all(elements, "table"))}
    return markup.splice(
        page,
        [
            (element.start, element.end, _fit_table(page[element.start : element.end], table))
            for element in _outermost(elements, "table")
            if (table := by_position.get(ranks[id(element)])) is not None
        ],
    )


def _fit_table(element: str, table: TableFit) -> str:
    classes = _classes(element)
    floor_class = TABLE_STEPS[-1][0]
    if floor_class not in classes:
        wanted = table.font_size * _PT_PER_PX * table.available / table.width
        step = next((name for name, size in TABLE_STEPS if size <= wanted), floor_class)
        return _with_classes(element, [name for name in classes if name not in dict(TABLE_STEPS)] + [step])
    if TABLE_BREAK in classes:
        return element  # nothing left to try: the findings say so
    groups = column_groups(table.columns, table.available)
    if len(groups) < 2:
        return _with_classes(element, [*classes, TABLE_BREAK])
    # Split in as few parts as the floor allows, then set them as large as those parts allow.
    widest = max(table.columns[0] + sum(table.columns[index] for index in group) for group in groups)
    wanted = TABLE_STEPS[-1][1] * table.available / widest
    step = next(name for name, size in TABLE_STEPS if size <= wanted or name == floor_class)
    others = [name for name in classes if name not in dict(TABLE_STEPS) and name != TABLE_PART]
    part_classes = [*others, step, TABLE_PART]
    return "\n".join(
        _table_part(element, group, first=index == 0, classes=part_classes)
        for index, group in enumerate(groups)
    )


def column_groups(widths: Sequence[float], available: float) -> list[list[int]]:
    """The columns after the first, in runs that fit ``available`` beside the first one, as even as
    the widths allow; a column too wide for any run is a run of its own, and a single column is
    a single run (nothing to split).

    >>> column_groups([20, 30, 30, 30, 30, 30], 100)
    [[1, 2], [3, 4], [5]]
    >>> column_groups([20, 30, 30, 30, 30], 100)
    [[1, 2], [3, 4]]
    >>> column_groups([20, 200], 100)
    [[1]]
    """
    first, others = widths[0], list(enumerate(widths))[1:]
    if len(others) < 2:
        return [[index for index, _ in others]]
    greedy: list[list[int]] = [[]]
    room = available - first
    for index, width in others:
        if greedy[-1] and width > room:
            greedy.append([])
            room = available - first
        greedy[-1].append(index)
        room -= width
    # The same number of parts, with their columns shared out evenly, if those fit too.
    count, extra = divmod(len(others), len(greedy))
    sizes = [count + 1 if part < extra else count for part in range(len(greedy))]
    starts = [sum(sizes[:part]) for part in range(len(greedy))]
    even = [
        [index for index, _ in others[start : start + size]]
        for start, size in zip(starts, sizes, strict=True)
    ]
    fits = all(first + sum(widths[index] for index in group) <= available for group in even)
    return even if fits else greedy


def _table_part(element: str, group: Sequence[int], first: bool, classes: Sequence[str]) -> str:
    """The table ``element`` with its first column and the columns of ``group`` only."""
    keep = [0, *group]
    elements = _parse(element)
    table = elements[0]
    edits = [
        (_after_text(element, colgroup.start), colgroup.end, "")
        for colgroup in _children(elements, table, "colgroup")
    ]
    captions = _children(elements, table, "caption")
    if captions and not first:
        edits.append((_after_text(element, captions[0].start), captions[0].end, ""))
    for row in _rows(elements, table):
        cells = [element[cell.start : cell.end] for cell in _cells(elements, row)]
        kept = [cells[index] for index in keep if index < len(cells)]
        start_tag, end_tag = element[row.start : row.open_end], element[row.close_start : row.end]
        edits.append((row.start, row.end, start_tag + "\n" + "\n".join(kept) + "\n" + end_tag))
    return _with_classes(markup.splice(element, sorted(edits)), list(classes))


def _classes(element: str) -> list[str]:
    tags = markup.start_tags(element, {"table"})
    return tags[0].classes() if tags else []


def _with_classes(element: str, classes: list[str]) -> str:
    """The table ``element`` with exactly ``classes`` on its ``<table>`` tag."""
    tags = markup.start_tags(element, {"table"})
    if not tags:
        return element
    return markup.splice(element, [(tags[0].start, tags[0].end, markup.with_classes(tags[0], classes))])


@dataclass(frozen=True)
class WideFinding:
    """Wide content a person should look at, and where it came from in the page."""

    message: str
    table: int | None = None
    """The table's rank among the article's tables (``data-table``), for a table."""
    word: str | None = None
    """The word, for a word longer than a line."""


def wide_content_findings(page: str, document: Any) -> list[WideFinding]:
    """The page as last laid out (its HTML, and the document) → what did not fit as it was written.

    A table split into parts, or whose words had to be broken, or that still
    runs past its column; a marked word that ran over more than one line.
    A table set smaller, and fitting, is what tables are for: no finding.
    """
    found: list[WideFinding] = []
    parsed = _parse(page)
    every_rank = [_rank(table) for table in _all(parsed, "table")]
    outermost = _outermost(parsed, "table")
    elements = [page[table.start : table.end] for table in outermost]
    ranks = [_rank(table) for table in outermost]
    still_wide = {
        every_rank[table.position]
        for table in overflowing_tables(document)
        if table.position < len(every_rank)
    }
    for rank in dict.fromkeys(rank for rank in ranks if rank is not None):
        parts = [element for element, other in zip(elements, ranks, strict=True) if other == rank]
        columns = 1 + sum(_columns(part) - 1 for part in parts)
        classes = {name for part in parts for name in _classes(part)}
        floor = f"{TABLE_STEPS[-1][1]:g} pt"
        if rank in still_wide:
            message = f"a table of {columns} columns runs past the edge of the page, even in {floor} type"
        elif TABLE_BREAK in classes:
            message = (
                f"a table of {columns} columns is wider than the page even in {floor} type"
                + (f" and in {len(parts)} parts" if len(parts) > 1 else "")
                + ": the words of its cells are broken anywhere"
            )
        elif len(parts) > 1:
            widest = max(_columns(part) for part in parts)
            message = (
                f"a table of {columns} columns is wider than the page even in {floor} type: set in "
                f"{len(parts)} parts of at most {widest} columns, each repeating the first column"
            )
        else:
            continue
        found.append(WideFinding(message, table=rank))
    for word in broken_long_words(document):
        found.append(
            WideFinding(
                f"a word of {len(word)} characters is longer than a line: broken where the line ends, "
                f"without a hyphen ({word[:20]}…)",
                word=word,
            )
        )
    return found


def broken_long_words(document: Any) -> list[str]:
    """The marked words (``long-word``) of a laid-out document that were set on more than one line."""
    lines: dict[int, int] = {}
    words: dict[int, str] = {}
    for page in boxes.pages(document):
        for line in page.body_lines():
            for element in {
                id(element): element for element in line.span_elements() if _is_long_word(element)
            }.values():
                lines[id(element)] = lines.get(id(element), 0) + 1
                words[id(element)] = "".join(element.itertext())
    return [words[key] for key, count in lines.items() if count > 1]


def _is_long_word(element: Any) -> bool:
    return "long-word" in (element.get("class") or "").split()


def _rank(table: markup.Element) -> int | None:
    found = table.attributes.get("data-table") or ""
    return int(found) if found.isdigit() else None


def _columns(element: str) -> int:
    """How many cells the table's first row has."""
    elements = _parse(element)
    rows = _rows(elements, elements[0])
    return len(_cells(elements, rows[0])) if rows else 0


def _parse(text: str) -> list[markup.Element]:
    """The closed elements of :data:`_STRUCTURE` in ``text``, in document order."""
    return markup.elements(text, _STRUCTURE)


def _all(elements: Sequence[markup.Element], tag: str) -> list[markup.Element]:
    return [element for element in elements if element.tag == tag]


def _outermost(elements: Sequence[markup.Element], tag: str) -> list[markup.Element]:
    """The elements named ``tag`` inside no other one."""
    return [element for element in _all(elements, tag) if _enclosing(element, tag) is None]


def _enclosing(element: markup.Element, tag: str) -> markup.Element | None:
    parent = element.parent
    while parent is not None and parent.tag != tag:
        parent = parent.parent
    return parent


def _children(elements: Sequence[markup.Element], table: markup.Element, tag: str) -> list[markup.Element]:
    """The elements named ``tag`` whose table is ``table`` (not a table inside it)."""
    return [element for element in _all(elements, tag) if _enclosing(element, "table") is table]


def _rows(elements: Sequence[markup.Element], table: markup.Element) -> list[markup.Element]:
    return _children(elements, table, "tr")


def _cells(elements: Sequence[markup.Element], row: markup.Element) -> list[markup.Element]:
    return [element for element in elements if element.tag in ("th", "td") and element.parent is row]


def _after_text(text: str, start: int) -> int:
    """``start``, moved back over the white space before it."""
    return len(text[:start].rstrip())


@dataclass(frozen=True)
class SourceText:
    """The texts an output is made from, to name the line where a wide table or a long word was written.

    A table is found by its rank among the source's tables (a translation
    keeps them in order); a word in the source's lines, else in the lines of
    the catalogs that translate it (a translator's paste).
    """

    path: str
    lines: tuple[str, ...]
    tables: tuple[int, ...] = ()
    """The 1-based line where each table of the source starts, in order."""
    catalogs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each catalog's path and lines."""

    @classmethod
    def read(cls, text: str, path: str, catalogs: Sequence[tuple[str, str]] = ()) -> SourceText:
        """A source's text (and its catalogs', by path) → where things are in them.

        The source is read by :func:`pipeline.document.parse_document` (a source it
        refuses raises its :class:`~pipeline.errors.SourceError`).

        >>> text = "---\\ntitle: T\\nlang: fr\\n---\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n"
        >>> source = SourceText.read(text, "a.md")
        >>> source.tables, source.table_location(0), source.word_location("T")
        ((6,), ('a.md', 6), ('a.md', 2))
        """
        lines = text.split("\n")
        document = parse_document(text, path)
        tables = tuple(
            document.body_line + token.map[0]
            for token in markdown_parser().parse(document.body)
            if token.type == "table_open" and token.map
        )
        return cls(
            path, tuple(lines), tables, tuple((name, tuple(text.split("\n"))) for name, text in catalogs)
        )

    def table_location(self, rank: int) -> tuple[str, int | None]:
        return (self.path, self.tables[rank]) if 0 <= rank < len(self.tables) else (self.path, None)

    def word_location(self, word: str) -> tuple[str, int | None]:
        for path, lines in ((self.path, self.lines), *self.catalogs):
            line = next((number for number, text in enumerate(lines, start=1) if word in text), None)
            if line is not None:
                return path, line
        return self.path, None


def log_wide_content(findings: Sequence[WideFinding], source: SourceText | None, display: str) -> None:
    """Each finding as a warning at the line it was written on (``source/x.md:12: warning: …``),
    naming the output it was found in; without a source, at the output."""
    for finding in findings:
        where: tuple[str, int | None] = (display, None)
        if source is not None and finding.table is not None:
            where = source.table_location(finding.table)
        elif source is not None and finding.word is not None:
            where = source.word_location(html_module.unescape(finding.word))
        path, line = where
        location = f"{path}:{line}" if line is not None else path
        message = finding.message if path == display else f"{display}: {finding.message}"
        log.warning("%s", message, extra={"location": location})
