"""pipeline.press.plan: synthetic page fills → plans; a tiny laid-out page → measured fills."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.press.plan import (
    FILLERS,
    LAYOUTS,
    MIN_FILL,
    PageFill,
    Plan,
    choose_layout,
    good_enough,
    measure_pages,
    pages_to_keep,
    plan_brochure,
)


def pages(*fills: float) -> list[PageFill]:
    """A cover, text pages of these fills, and a back cover."""
    return [PageFill("cover", 1.0), *(PageFill("text", fill) for fill in fills), PageFill("back", 1.0)]


@pytest.mark.parametrize(
    ("text_pages", "fillers", "blank"),
    [
        (2, (), False),
        (1, ("languages",), False),
        (4, ("languages", "twins"), False),
        (3, ("languages", "twins"), True),
        (5, ("languages",), False),
        (6, (), False),
        (7, ("languages", "twins"), True),
    ],
)
def test_the_plan_makes_a_multiple_of_four_pages(
    text_pages: int, fillers: tuple[str, ...], blank: bool
) -> None:
    plan = plan_brochure(pages(*[0.9] * text_pages), FILLERS)
    assert (plan.fillers, plan.blank) == (fillers, blank)
    assert plan.pages % 4 == 0
    assert plan.text_pages == text_pages


def test_without_fillers_the_remainder_is_blank_but_the_plan_says_so() -> None:
    plan = plan_brochure(pages(0.9), ())
    assert plan.fillers == () and plan.blank
    assert plan_brochure(pages(0.9), ()).score > plan_brochure(pages(0.9), FILLERS).score


def test_filler_and_blank_pages_are_not_counted_as_text() -> None:
    laid_out = [
        PageFill("cover", 1),
        PageFill("text", 0.8),
        PageFill("filler", 0.7),
        PageFill("blank", 0),
        PageFill("back", 1),
    ]
    assert plan_brochure(laid_out, FILLERS).text_pages == 1


def test_an_underfull_inside_page_weighs_more_than_a_filler_page() -> None:
    underfull = plan_brochure(pages(0.9, MIN_FILL - 0.01, 0.9, 0.8), FILLERS, "a")
    padded = plan_brochure(pages(0.9, 0.9, 0.8), FILLERS, "b")
    assert choose_layout([underfull, padded]).layout == "b"


def test_a_short_last_page_loses_to_a_fuller_one() -> None:
    short = plan_brochure(pages(0.95, 0.95, 0.95, 0.08), FILLERS, "regular")
    full = plan_brochure(pages(0.95, 0.95, 0.95, 0.7), FILLERS, "open")
    assert choose_layout([short, full]).layout == "open"


def test_on_a_tie_the_first_candidate_wins() -> None:
    plans = [plan_brochure(pages(0.9, 0.6), FILLERS, layout.name) for layout in LAYOUTS]
    assert choose_layout(plans).layout == LAYOUTS[0].name


@pytest.mark.parametrize(
    ("fills", "good"),
    [
        ((0.9, 0.9, 0.6), False),  # a blank inside back cover: try another layout
        ((0.9, 0.9, 0.9, 0.6), True),
        ((0.9, 0.9, 0.9, 0.3), False),  # a short last page
        ((0.9, 0.2, 0.9, 0.9), False),  # an underfull inside page
    ],
)
def test_a_plan_is_good_enough_when_every_page_is_well_filled(fills: tuple[float, ...], good: bool) -> None:
    assert good_enough(plan_brochure(pages(*fills), FILLERS)) is good


def test_the_pages_kept_leave_out_the_fillers_and_the_blank_the_plan_does_not_print() -> None:
    laid_out = [
        PageFill("cover", 1),
        *(PageFill("text", 0.9) for _ in range(5)),
        PageFill("filler", 0.8, "languages"),
        PageFill("filler", 0.9, "twins"),
        PageFill("blank", 0),
        PageFill("back", 1),
    ]
    plan = plan_brochure(laid_out, FILLERS)
    assert plan.fillers == ("languages",) and not plan.blank
    assert pages_to_keep(laid_out, plan) == [0, 1, 2, 3, 4, 5, 6, 9]
    three = [*laid_out[:4], *laid_out[6:]]  # three text pages: both fillers and the blank stay
    assert pages_to_keep(three, plan_brochure(three, FILLERS)) == list(range(len(three)))


def test_a_filler_that_runs_over_a_page_counts_its_pages() -> None:
    laid_out = [
        *pages(0.9, 0.9, 0.9, 0.9)[:-1],
        PageFill("filler", 1.0, "languages"),
        PageFill("filler", 0.4, "languages"),
        PageFill("filler", 0.9, "twins"),
        PageFill("back", 1),
    ]
    plan = plan_brochure(laid_out, FILLERS)
    assert (plan.fillers, plan.filler_pages, plan.blank, plan.pages) == (("languages",), 2, False, 8)
    shorter = [laid_out[0], *laid_out[2:]]
    plan = plan_brochure(shorter, FILLERS)  # three text pages: room for three pages
    assert (plan.fillers, plan.filler_pages, plan.blank, plan.pages) == (("languages", "twins"), 3, False, 8)


def test_choosing_among_no_candidate_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one candidate"):
        choose_layout([])


def test_the_layouts_stay_within_the_stated_range() -> None:
    assert all(10.5 <= layout.size_pt <= 11.5 and 1.40 <= layout.leading <= 1.55 for layout in LAYOUTS)
    assert LAYOUTS[0].css() == ":root { --body-size: 11pt; --body-leading: 1.5; }"


def test_the_description_names_each_page() -> None:
    plan = Plan("compact", ("languages",), 1, False, 1, (0.42,), 0.0)
    measured = (PageFill("cover", 1), PageFill("text", 0.42), PageFill("filler", 0.75), PageFill("back", 0.3))
    assert (
        plan.describe(measured)
        == "4 pages, layout compact (10.5 pt/1.4): cover 100% | 42% | languages 75% | back 30%"
    )


TINY = """<!DOCTYPE html><html lang="en"><head><title>Tiny</title><style>
.filler { page: filler; break-before: page; }
@page { size: 100mm 100mm; margin: 10mm; @bottom-center { content: counter(page) } }
@page cover { margin: 0 }
.cover { page: cover; height: 100mm; }
.body { page: body; font: 10pt/12pt sans-serif; }
p { margin: 0; height: 40mm; background: #eee; }
.colophon { page: colophon; break-before: page; }
</style></head><body>
<section class="cover"><p>Cover</p></section>
<div class="body"><p>One</p><p>Two</p><p>Three</p></div>
<section class="filler filler-twins"><p>Twins</p></section>
<div class="colophon" style="break-before: page"></div>
<div class="colophon"><p style="height: 8mm">End</p></div>
</body></html>"""


def test_fills_are_measured_from_the_boxes_of_each_page(tmp_path: Path) -> None:
    from weasyprint import HTML

    measured = measure_pages(HTML(string=TINY, base_url=str(tmp_path)).render())
    assert [page.role for page in measured] == ["cover", "text", "text", "filler", "blank", "back"]
    assert measured[3].filler == "twins"
    # 80 mm of content area: two 40 mm grey paragraphs fill the first text page, one half the second.
    assert [page.fill for page in measured[1:3]] == [
        pytest.approx(1.0, abs=0.02),
        pytest.approx(0.5, abs=0.02),
    ]
    assert measured[5].fill == pytest.approx(0.1, abs=0.02)


def test_a_filler_with_no_room_left_is_named_in_the_plan_and_its_description() -> None:
    laid_out = [
        *pages(0.9, 0.9, 0.9, 0.9)[:-1],
        PageFill("filler", 0.8, "languages"),
        PageFill("filler", 1.0, "twins"),
        PageFill("filler", 0.3, "twins"),
        PageFill("back", 1),
    ]
    plan = plan_brochure(laid_out, FILLERS)
    assert (plan.fillers, plan.left_out) == (("languages",), (("twins", 2),))
    assert plan.describe().endswith("; left out: twins (2 pages, no room left)")
    kept = plan_brochure([*laid_out[:5], *laid_out[7:]], FILLERS)
    assert kept.left_out == () and "left out" not in kept.describe()
