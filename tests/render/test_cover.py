"""pipeline.render.cover: the e-book cover, drawn on the palette's accent."""

from __future__ import annotations

import io

from PIL import Image

from pipeline.render.cover import HEIGHT, WIDTH, render_cover
from pipeline.render.palette import Palette

from ..project import ROOT

PALETTE = Palette(ink="#1d1d1b", muted="#5b5b57", accent="#123456", tint="#f4efe6", rule="#d8d2c6")


def cover(palette: Palette = PALETTE) -> Image.Image:
    data = render_cover(
        "Ein Titel", "Interview", "Anna Beispiel", "Rennes Métropole", ROOT / "assets" / "fonts", palette
    )
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


def test_the_cover_has_the_e_book_s_size() -> None:
    assert cover().size == (WIDTH, HEIGHT) == (1200, 1800)


def test_the_background_is_the_palette_s_accent_and_the_type_white() -> None:
    image = cover()
    assert image.getpixel((5, 5)) == (0x12, 0x34, 0x56)
    assert image.getpixel((WIDTH - 5, HEIGHT - 5)) == (0x12, 0x34, 0x56)
    colours = {colour for _, colour in image.getcolors(maxcolors=WIDTH * HEIGHT) or []}
    assert (255, 255, 255) in colours


def test_the_same_inputs_give_the_same_bytes() -> None:
    fonts = ROOT / "assets" / "fonts"
    first = render_cover("T", "K", "", "P", fonts, PALETTE)
    assert render_cover("T", "K", "", "P", fonts, PALETTE) == first


def test_words_bound_by_a_no_break_space_stay_on_one_line() -> None:
    from PIL import ImageDraw, ImageFont

    from pipeline.render.cover import _wrap

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = ImageFont.truetype(str(ROOT / "assets" / "fonts" / "Inter-Bold.otf"), 96)
    lines = _wrap(draw, "Simon Letonturier stellt die Abteilung Internationales\u00a0vor", font, WIDTH - 220)
    assert lines[-1].endswith("Internationales\u00a0vor"), lines
