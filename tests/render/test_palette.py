"""pipeline.render.palette: the :root custom properties, and the stylesheets that spell hexes."""

from __future__ import annotations

import re

import pytest

from pipeline.errors import RenderError
from pipeline.render.palette import Palette, hex_to_rgb, parse_palette

from ..project import ROOT

CSS = ROOT / "assets" / "css"
ROOT_RULE = """/* the palette */
:root {
  --ink: #1D1D1B;
  --muted: #5b5b57;
  --accent: #9b1d20;      /* Rennes red */
  --tint: #f4efe6;
  --rule: #d8d2c6;
  --sans: "Inter", sans-serif;
}
h1 { --accent: #000000; }
"""

#: Colours the stylesheets spell that are not brand colours, and why they may.
OFF_PALETTE = {
    "#fff": "white paper and type on the cover and the draft banner",
    "#b3261e": "the draft banner's warning red, deliberately not the brand red",
    "#3b3b38": "the brochure colophon's text, a shade between ink and muted",
}


def test_the_root_rule_gives_the_palette_in_lower_case() -> None:
    assert parse_palette(ROOT_RULE) == Palette(
        ink="#1d1d1b", muted="#5b5b57", accent="#9b1d20", tint="#f4efe6", rule="#d8d2c6"
    )


def test_a_colour_is_read_as_rgb() -> None:
    assert hex_to_rgb("#9b1d20") == (0x9B, 0x1D, 0x20)
    assert parse_palette(ROOT_RULE).rgb("ink") == (0x1D, 0x1D, 0x1B)


def test_a_missing_colour_is_named() -> None:
    with pytest.raises(RenderError, match=r"^x.css: expected --rule in :root as #rrggbb, found None$"):
        parse_palette(ROOT_RULE.replace("--rule: #d8d2c6;", ""), "x.css")


def test_a_colour_that_is_not_a_hex_is_named() -> None:
    with pytest.raises(RenderError, match=r"expected --ink in :root as #rrggbb, found 'black'"):
        parse_palette(ROOT_RULE.replace("#1D1D1B", "black"))


def test_a_stylesheet_without_root_is_reported() -> None:
    with pytest.raises(RenderError, match="expected a :root rule declaring the palette"):
        parse_palette("body { color: #000000; }")


def test_the_article_stylesheet_declares_the_palette() -> None:
    palette = parse_palette((CSS / "jumelage.css").read_text(encoding="utf-8"))
    assert palette.accent == "#9b1d20"


@pytest.mark.parametrize("name", ["brochure.css", "epub.css", "jumelage.css"])
def test_every_hex_a_stylesheet_spells_is_a_palette_colour(name: str) -> None:
    # brochure.css and epub.css cannot say var(--accent) without changing the
    # bytes copied into the outputs, so they spell the hexes: this keeps them
    # from drifting away from the palette.
    palette = parse_palette((CSS / "jumelage.css").read_text(encoding="utf-8"))
    spelled = set(re.findall(r"#[0-9a-fA-F]{3,8}\b", (CSS / name).read_text(encoding="utf-8")))
    assert spelled, name
    strays = {colour.lower() for colour in spelled} - palette.colours() - set(OFF_PALETTE)
    assert strays == set(), f"{name}: colours outside the palette"
