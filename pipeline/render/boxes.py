"""A laid-out WeasyPrint document → the facts the pipeline reads from its pages' boxes.

WeasyPrint gives no public access to the boxes a page is laid out in: this
module reads ``page._page_box`` and the classes of
``weasyprint.formatting_structure.boxes``, and it is the only one that does;
it also is the one that tells WeasyPrint's tagging what a note is
(:func:`tag_notes`).
It was written for the WeasyPrint versions of :data:`WEASYPRINT_MAJORS`; on
another major version :func:`pages` raises :class:`~pipeline.errors.RenderError`
rather than read boxes whose shape may have changed.

The rest of the pipeline sees a :class:`Page` (its name, its content area,
its lines, its tables, how far down it is inked) and a :class:`Line` (its
texts, its word spaces, its spans), never a box.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.errors import RenderError

#: The major versions of WeasyPrint whose boxes this module reads.
WEASYPRINT_MAJORS = frozenset({70})


def check_weasyprint_version(version: str) -> None:
    """Raise :class:`RenderError` unless ``version``'s major version is one of :data:`WEASYPRINT_MAJORS`.

    >>> check_weasyprint_version("70.0")
    >>> check_weasyprint_version("71.2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pipeline.errors.RenderError: pipeline/render/boxes.py: expected WeasyPrint 70, found 71.2: ...
    """
    major = version.split(".")[0]
    if not (major.isdigit() and int(major) in WEASYPRINT_MAJORS):
        expected = " or ".join(str(number) for number in sorted(WEASYPRINT_MAJORS))
        raise RenderError(
            "pipeline/render/boxes.py",
            None,
            f"expected WeasyPrint {expected}, found {version}: check the boxes read here, "
            f"then add {major} to WEASYPRINT_MAJORS",
        )


@functools.cache
def _boxes() -> Any:
    import weasyprint
    from weasyprint.formatting_structure import boxes

    check_weasyprint_version(weasyprint.__version__)
    return boxes


#: The PDF structure types of the note element (:mod:`pipeline.render.notes`) and its pseudo-elements.
NOTE_TAGS = {"": "Note", "::footnote-call": "Reference", "::footnote-marker": "Lbl"}


def tag_notes(element: str) -> None:
    """Make WeasyPrint tag an ``element`` as a ``Note``, its footnote call as a ``Reference`` and its
    marker as a ``Lbl``, in every PDF it writes from now on (once is enough; again does nothing).

    WeasyPrint 70 maps an element to a structure type by its name alone, in
    ``weasyprint.pdf.tags._get_pdf_tag``, and tags a footnote as the ``Span`` it
    is; this wraps that function for ``element``'s names and leaves every other
    name to it.
    """
    _boxes()  # the version check
    from weasyprint.pdf import tags

    original = tags._get_pdf_tag
    if getattr(original, "notes", None) == element:
        return
    names = {f"{element}{suffix}": kind for suffix, kind in NOTE_TAGS.items()}

    def pdf_tag(tag: str | None) -> str:
        return names.get(tag or "") or str(original(tag))

    pdf_tag.notes = element  # type: ignore[attr-defined]
    tags._get_pdf_tag = pdf_tag


def pages(document: Any) -> list[Page]:
    """A rendered WeasyPrint ``Document`` → its pages, in order."""
    boxes = _boxes()
    return [Page(page._page_box, boxes) for page in document.pages]


class Line:
    """A line box."""

    def __init__(self, box: Any, boxes: Any) -> None:
        self._box = box
        self._boxes = boxes

    def texts(self) -> list[str]:
        """The text of each of the line's text boxes, in order."""
        return [text.text for text in self._box.descendants() if isinstance(text, self._boxes.TextBox)]

    def word_spaces(self) -> list[tuple[float, float]]:
        """Each text box's justification spacing (what justification added to its spaces, in CSS px)
        and type size, for the text boxes where justification added some."""
        found = []
        for text in self._box.descendants():
            spacing = (
                getattr(text, "justification_spacing", 0) if isinstance(text, self._boxes.TextBox) else 0
            )
            if spacing:
                found.append((spacing, text.style["font_size"]))
        return found

    def span_elements(self) -> list[Any]:
        """The ``<span>`` elements of the boxes in the line, in order (one per box: repeated)."""
        return [
            box.element
            for box in self._box.descendants()
            if getattr(box, "element", None) is not None and getattr(box, "element_tag", None) == "span"
        ]


@dataclass(frozen=True)
class LineBlock:
    """A box that holds lines (a paragraph, or its part on one page)."""

    element: Any
    """The element the box was made for (an ElementTree element)."""
    lines: list[Line]


@dataclass(frozen=True)
class Table:
    """A laid-out table and the column it is set in."""

    element: Any
    """The ``<table>`` element (an ElementTree element)."""
    left: float
    """The x of the table's border box (CSS px)."""
    width: float
    """The width of the table's border box (CSS px)."""
    limit: float | None
    """The right edge of the content area of the block the table is set in; none outside a block."""
    columns: tuple[float, ...]
    """Each column's width (CSS px), cells' padding and borders included."""
    font_size: float
    """The table's type size (CSS px)."""


class Page:
    """A page box."""

    def __init__(self, box: Any, boxes: Any) -> None:
        self._box = box
        self._boxes = boxes

    @property
    def name(self) -> str:
        """The page's name (``page:`` in CSS), or ``""``."""
        return str(self._box.page_type.name)

    @property
    def content_top(self) -> float:
        return float(self._box.content_box_y())

    @property
    def content_height(self) -> float:
        return float(self._box.height)

    def root_element(self) -> Any | None:
        """The ``<html>`` element laid out on the page (an ElementTree element), if there is one."""
        root = next((child for child in self._box.children if child.element_tag == "html"), None)
        return None if root is None else root.element

    def line_groups(self) -> Iterator[list[Line]]:
        """The lines of each box that holds lines, page order, margin boxes included."""
        boxes = self._boxes

        def visit(box: Any) -> Iterator[list[Line]]:
            children = list(getattr(box, "children", []))
            lines = [Line(child, boxes) for child in children if isinstance(child, boxes.LineBox)]
            if lines:
                yield lines
            for child in children:
                if not isinstance(child, boxes.LineBox):
                    yield from visit(child)

        yield from visit(self._box)

    def body_lines(self) -> list[Line]:
        """The page's lines, in order, its margin boxes (running heads, folios) left out."""
        boxes = self._boxes

        def visit(box: Any) -> list[Line]:
            if isinstance(box, boxes.LineBox):
                return [Line(box, boxes)]
            if isinstance(box, boxes.MarginBox):
                return []
            return [line for child in getattr(box, "children", []) for line in visit(child)]

        return visit(self._box)

    def line_blocks(self) -> list[LineBlock]:
        """The boxes whose children include lines, page order, margin boxes left out."""
        boxes = self._boxes

        def visit(box: Any) -> list[LineBlock]:
            if isinstance(box, boxes.MarginBox):
                return []
            children = list(getattr(box, "children", []))
            lines = [Line(child, boxes) for child in children if isinstance(child, boxes.LineBox)]
            found = [LineBlock(box.element, lines)] if lines else []
            return found + [block for child in children for block in visit(child)]

        return visit(self._box)

    def tables(self) -> list[Table]:
        """The outermost tables of the page, in order, each with the block whose content area it is set in."""
        boxes = self._boxes

        def visit(box: Any, container: Any) -> list[Table]:
            if isinstance(box, boxes.MarginBox):
                return []
            if isinstance(box, boxes.TableBox):
                return [_table(box, container)]
            # A table's wrapper is as wide as the table: the column is the block around it.
            if isinstance(box, boxes.BlockContainerBox) and not (
                isinstance(box, boxes.TableCellBox) or box.is_table_wrapper
            ):
                container = box
            return [found for child in getattr(box, "children", []) for found in visit(child, container)]

        return visit(self._box, None)

    def elements(self) -> Iterator[Any]:
        """The elements of the page's boxes, margin boxes included, depth first (a box, then its children)."""

        def visit(box: Any) -> Iterator[Any]:
            element = getattr(box, "element", None)
            if element is not None:
                yield element
            for child in getattr(box, "children", []):
                yield from visit(child)

        yield from visit(self._box)

    def holds_ink(self) -> bool:
        """Whether a line of text or an image is laid out on the page, outside the margin boxes."""
        return _holds_ink(self._box, self._boxes)

    def ink_bottom(self) -> float:
        """The lowest ink on the page, outside the margin boxes: a line's, an image's, or a block's
        background or border (0 when there is none).

        Blocks without either are left aside: one that goes on over the page
        (the body, the article) reaches the page's foot without printing anything there.
        """
        return _ink_bottom(self._box, self._boxes)


def _table(box: Any, container: Any) -> Table:
    return Table(
        box.element,
        box.border_box_x(),
        box.border_width(),
        None if container is None else container.content_box_x() + container.width,
        tuple(float(width) for width in box.column_widths),
        float(box.style["font_size"]),
    )


def _in_flow(box: Any, boxes: Any) -> bool:
    """Not a running head or folio, nor a fixed box repeated on every page (a draft's watermark)."""
    return not isinstance(box, boxes.MarginBox) and box.style["position"] != "fixed"


def _holds_ink(box: Any, boxes: Any) -> bool:
    if not _in_flow(box, boxes):
        return False
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
        return True
    return any(_holds_ink(child, boxes) for child in getattr(box, "children", []))


def _ink_bottom(box: Any, boxes: Any) -> float:
    bottoms = [_ink_bottom(child, boxes) for child in getattr(box, "children", []) if _in_flow(child, boxes)]
    if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)) or _paints(box, boxes):
        bottoms.append(float(box.border_box_y() + box.border_height()))
    return max(bottoms, default=0.0)


def _paints(box: Any, boxes: Any) -> bool:
    """Whether a block shows its area: a background colour or a border (the page's own aside)."""
    if isinstance(box, boxes.PageBox):
        return False
    style = box.style
    background = style["background_color"]
    borders = ("border_top_width", "border_bottom_width", "border_left_width", "border_right_width")
    return bool(getattr(background, "alpha", 0)) or any(style[side] for side in borders)
