"""Laid-out brochure pages → how full each page is → the brochure's plan (layout, 4n pages).

A brochure is planned as a whole, not poured: cover, inside pages, back
cover, in a multiple of 4 pages so that the print shop adds no blank page.
Each candidate layout (:data:`LAYOUTS`) is laid out once;
:func:`measure_pages` reads how full each page is from the layout boxes;
:func:`plan_brochure` says which filler pages end the inside pages and
whether a blank inside back cover is needed; :func:`choose_layout` keeps the
candidate whose pages are best filled.

The layouts keep the body within a stated range: **10.5–11.5 pt, leading
1.40–1.55**. The filler pages hold true data only (the article in the other
languages with QR codes to their web pages; Rennes' twin cities with their
years of twinning, from ``source/editions.yml``), in :data:`FILLERS` order.

The boxes are read through :mod:`pipeline.render.boxes`.

>>> text = [PageFill("text", 0.9), PageFill("text", 0.9), PageFill("text", 0.6)]
>>> plan = plan_brochure([PageFill("cover", 1), *text, PageFill("back", 1)], FILLERS)
>>> plan.fillers, plan.blank, plan.pages
(('languages', 'twins'), True, 8)
>>> plan.describe().split(": ")[1]
'cover 100% | 90% | 90% | 60% | languages 100% | twins 100% | blank | back 100%'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.render import boxes

#: Named pages (``page:`` in ``brochure.css``) → the part of the brochure they hold.
PAGE_ROLES = {"cover": "cover", "contents": "front", "body": "text", "filler": "filler", "colophon": "back"}

#: The class of the header that opens each article of a collection (``templates/collection-part.html``):
#: the page before it is that article's last, which may be short, as an article's last page is.
OPENING_CLASS = "part-opening"

#: The filler pages a short remainder may take, in the order they are added
#: (their class in ``templates/brochure.html`` is ``filler-<name>``).
FILLERS = ("languages", "twins")

#: Below this fill an inside page does not earn its place (the article's last text page excepted).
MIN_FILL = 1 / 3

#: The article's last text page is short below this fill: another layout may do better.
GOOD_LAST_FILL = 0.5


@dataclass(frozen=True)
class Layout:
    """One candidate setting of the body text (a small stylesheet of CSS variables)."""

    name: str
    size_pt: float
    leading: float

    def css(self) -> str:
        """The custom properties ``brochure.css`` sets its body with."""
        return f":root {{ {self.properties()} }}"

    def properties(self) -> str:
        """The layout's custom properties, for a rule of the whole page or of one article."""
        return f"--body-size: {self.size_pt}pt; --body-leading: {self.leading};"


#: The candidates, the house default first (it wins a tie).
LAYOUTS = (
    Layout("regular", 11, 1.5),
    Layout("compact", 10.5, 1.4),
    Layout("open", 11.5, 1.55),
)


@dataclass(frozen=True)
class PageFill:
    """One laid-out page: what it holds and how far down its content area it is filled (0–1)."""

    role: str
    """``cover``, ``front`` (a collection's contents), ``text``, ``filler``, ``blank`` or ``back``."""
    fill: float
    filler: str = ""
    """On a filler page, which filler it holds (``languages``)."""
    opens: bool = False
    """Whether an article of a collection opens on the page."""


@dataclass(frozen=True)
class Plan:
    """A brochure's plan: its layout, its filler pages and its pages' fill."""

    layout: str
    fillers: tuple[str, ...]
    filler_pages: int
    """How many pages the fillers take (one each, unless one runs over a page)."""
    blank: bool
    """Whether the page before the back cover (the inside back cover) stays blank."""
    text_pages: int
    fills: tuple[float, ...]
    """The article's text pages' fill, in order."""
    score: float
    left_out: tuple[tuple[str, int], ...] = ()
    """The fillers laid out that the 4n pages had no room for, each with its pages."""
    front: tuple[float, ...] = ()
    """A collection's front pages (its contents) before the text pages, their fill."""
    part_ends: tuple[int, ...] = ()
    """The text pages (indexes in :attr:`fills`) where an article of a collection ends, another
    opening on the next page: the last page of the last article is not among them."""

    @property
    def pages(self) -> int:
        """Cover + front pages + text pages + fillers + blank + back cover."""
        return 2 + len(self.front) + self.text_pages + self.filler_pages + int(self.blank)

    def describe(self, pages: Sequence[PageFill] = ()) -> str:
        """``8 pages, layout regular (11 pt/1.5): cover 91% | 83% | … | twins 80% | back 87%``."""
        layout = next((item for item in LAYOUTS if item.name == self.layout), None)
        setting = f" ({layout.size_pt:g} pt/{layout.leading:g})" if layout else ""
        shown = pages or self.expected_pages()
        names = iter(self.fillers)
        words = [
            _describe_page(page, next(names, "filler") if page.role == "filler" else "") for page in shown
        ]
        dropped = ", ".join(
            f"{name} ({size} page{'s' if size > 1 else ''}, no room left)" for name, size in self.left_out
        )
        left_out = f"; left out: {dropped}" if dropped else ""
        return f"{len(shown)} pages, layout {self.layout}{setting}: {' | '.join(words)}{left_out}"

    def expected_pages(self) -> tuple[PageFill, ...]:
        """The pages this plan lays out, its fillers and covers counted full."""
        return (
            PageFill("cover", 1.0),
            *(PageFill("front", fill) for fill in self.front),
            *(PageFill("text", fill) for fill in self.fills),
            *(PageFill("filler", 1.0) for _ in self.fillers),
            *((PageFill("blank", 0.0),) if self.blank else ()),
            PageFill("back", 1.0),
        )


def _describe_page(page: PageFill, filler: str) -> str:
    """A page in the build log: its fill, named by its role when it is not article text."""
    percent = f"{round(page.fill * 100)}%"
    words = {
        "cover": f"cover {percent}",
        "front": f"contents {percent}",
        "back": f"back {percent}",
        "blank": "blank",
        "filler": f"{filler} {percent}",
    }
    return words.get(page.role, percent)


def measure_pages(document: Any) -> list[PageFill]:
    """A WeasyPrint document → each page's role and fill, from its boxes' positions.

    The fill is the bottom of the page's last in-flow content (margin boxes,
    that is running heads and folios, left aside) over the page's content area.
    """
    return [_measure(page) for page in boxes.pages(document)]


def _measure(page: boxes.Page) -> PageFill:
    top = page.content_top
    height = page.content_height
    role = PAGE_ROLES.get(page.name, "text")
    if not page.holds_ink():
        return PageFill("blank", 0.0)
    fill = (page.ink_bottom() - top) / height if height else 1.0
    filler = _filler_name(page) if role == "filler" else ""
    opens = role == "text" and any(
        OPENING_CLASS in element.get("class", "").split() for element in page.elements()
    )
    return PageFill(role, round(min(1.0, max(0.0, fill)), 3), filler, opens)


def _filler_name(page: boxes.Page) -> str:
    """The ``<name>`` of the first ``filler-<name>`` element laid out on the page."""
    for element in page.elements():
        for word in element.get("class", "").split():
            if word.startswith("filler-"):
                return str(word.removeprefix("filler-"))
    return ""


def plan_brochure(pages: Sequence[PageFill], fillers: Sequence[str], layout: str = "regular") -> Plan:
    """Laid-out pages without fillers → the fillers and blank page that make 4n pages, and a score.

    The remainder up to 4n is taken by filler pages in ``fillers`` order (each
    as many pages as it was laid out on, one if it was not), then by one blank
    inside back cover. A filler laid out but with no room left is named in :attr:`Plan.left_out`,
    for the build log and the proofs. The score (lower is better) counts what a designer
    would mind: an inside page under a third full, a short last text page,
    pages that fill a remainder.
    """
    text = [page for page in pages if page.role == "text"]
    fills = tuple(page.fill for page in text)
    front = tuple(page.fill for page in pages if page.role == "front")
    # An article that is not the first opens on the page after the previous one's last.
    ends = tuple(index - 1 for index, page in enumerate(text) if page.opens and index > 0)
    sizes = Counter(page.filler for page in pages if page.role == "filler")
    room = -(2 + len(front) + len(fills)) % 4
    chosen: list[str] = []
    for name in fillers:
        if sizes.get(name, 1) <= room:
            chosen.append(name)
            room -= sizes.get(name, 1)
    taken = sum(sizes.get(name, 1) for name in chosen)
    left_out = tuple((name, sizes[name]) for name in fillers if name in sizes and name not in chosen)
    # With two one-page fillers, at most one page is left: the blank inside back cover.
    score = _score(fills, taken, room, ends)
    return Plan(layout, tuple(chosen), taken, room > 0, len(fills), fills, score, left_out, front, ends)


def _score(fills: Sequence[float], fillers: int, blanks: int, ends: Sequence[int] = ()) -> float:
    """Lower is better: underfull inside pages weigh most, then a short last page (an article's last
    page in a collection weighs as much), blanks, fillers."""
    inside, last = _inside(fills, ends), fills[-1] if fills else 1.0
    underfull = sum(1 for fill in inside if fill < MIN_FILL)
    short_last = sum(max(0.0, GOOD_LAST_FILL - fill) for fill in (*(fills[index] for index in ends), last))
    return 10.0 * underfull + 4.0 * short_last + 2.0 * blanks + 0.5 * fillers + 0.1 * len(fills)


def _inside(fills: Sequence[float], ends: Sequence[int]) -> list[float]:
    """The text pages that must be well filled: all but the last and an article's last in a collection."""
    return [fill for index, fill in enumerate(fills[:-1]) if index not in set(ends)]


def good_enough(plan: Plan) -> bool:
    """Whether no other layout need be tried: no blank page, no underfull inside page, a full last page
    (of each article, in a collection)."""
    inside = _inside(plan.fills, plan.part_ends)
    lasts = [*(plan.fills[index] for index in plan.part_ends), plan.fills[-1] if plan.fills else 1.0]
    return not plan.blank and all(fill >= MIN_FILL for fill in inside) and min(lasts) >= GOOD_LAST_FILL


def pages_to_keep(pages: Sequence[PageFill], plan: Plan) -> list[int]:
    """The indexes of the laid-out pages (every filler laid out) that the plan prints.

    The fillers the plan leaves out go, and so does a blank page it does not need.
    """
    return [
        index
        for index, page in enumerate(pages)
        if not (page.role == "filler" and page.filler not in plan.fillers)
        and not (page.role == "blank" and not plan.blank)
    ]


def choose_layout(plans: Sequence[Plan]) -> Plan:
    """The best-scored plan; on a tie, the earliest candidate (the house default first)."""
    if not plans:
        raise ValueError("expected at least one candidate plan, found none")
    return min(plans, key=lambda plan: plan.score)
