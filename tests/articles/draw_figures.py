"""source/editions.yml → tests/articles/images/jumelages.png: the six twinning years on a time line.

The test articles' figure is drawn from true data only (the year each
partner city of the editions was twinned with Rennes), never a stock photo.
Run it from the project's root: ``.venv/bin/python tests/articles/draw_figures.py``.
The PNG is committed; drawing it again gives the same bytes with the same Pillow.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(__file__).resolve().parent / "images" / "jumelages.png"

WIDTH, HEIGHT = 1600, 640
MARGIN = 110
FIRST_YEAR, LAST_YEAR = 1950, 2000
INK = (34, 34, 34)
ACCENT = (180, 30, 45)
RULE = (120, 120, 120)
PAPER = (255, 255, 255)


def twinning_years(editions_yml: Path) -> list[tuple[int, str]]:
    """editions.yml → (year, city) pairs, oldest first."""
    editions = yaml.safe_load(editions_yml.read_text(encoding="utf-8"))["editions"]
    return sorted((int(entry["twinned"]), str(entry["city"])) for entry in editions.values())


def x_of(year: int) -> float:
    """A year → its abscissa on the line."""
    return MARGIN + (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR) * (WIDTH - 2 * MARGIN)


def draw_time_line(years: list[tuple[int, str]]) -> Image.Image:
    """(year, city) pairs → a time line, one mark per city, labels alternating above and below."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    fonts = ROOT / "assets" / "fonts"
    label = ImageFont.truetype(str(fonts / "Inter-SemiBold.otf"), 34)
    small = ImageFont.truetype(str(fonts / "Inter-Regular.otf"), 28)
    axis = HEIGHT // 2
    draw.line([(MARGIN, axis), (WIDTH - MARGIN, axis)], fill=RULE, width=4)
    for decade in range(FIRST_YEAR, LAST_YEAR + 1, 10):
        x = x_of(decade)
        draw.line([(x, axis - 12), (x, axis + 12)], fill=RULE, width=3)
        draw.text((x, axis + 60), str(decade), font=small, fill=RULE, anchor="mt")
    for index, (year, city) in enumerate(years):
        x = x_of(year)
        # Close years (1964, 1965) would collide: labels alternate above and below, at two heights.
        above = index % 2 == 0
        reach = 150 if index % 4 < 2 else 230
        end = axis - reach if above else axis + reach
        draw.line([(x, axis), (x, end)], fill=ACCENT, width=3)
        draw.ellipse([(x - 11, axis - 11), (x + 11, axis + 11)], fill=ACCENT)
        anchor = "md" if above else "ma"
        offset = -8 if above else 8
        draw.text((x, end + offset), f"{city} · {year}", font=label, fill=INK, anchor=anchor)
    return image


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw_time_line(twinning_years(ROOT / "source" / "editions.yml")).save(TARGET, optimize=True)


if __name__ == "__main__":
    main()
