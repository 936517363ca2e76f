"""Title, interviewee and language → the e-book's cover image (PNG), per language.

Drawn with Pillow and the bundled Inter font, on the palette's accent (the
brochure's cover red, :mod:`pipeline.render.palette`), so
the cover needs nothing from the machine and the same inputs give the same
bytes. It also serves as the web page's Open Graph image.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pipeline.render.palette import Palette

WIDTH, HEIGHT = 1200, 1800
MARGIN = 110
WHITE = (255, 255, 255)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    # Lines break at plain spaces only: words bound by a no-break space (a
    # balanced title's short last word, French « ») stay on one line.
    for word in filter(None, text.split(" ")):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def render_cover(
    title: str, kicker: str, interviewee: str, publisher_line: str, fonts: Path, palette: Palette
) -> bytes:
    """The cover as PNG bytes, white type on the palette's accent."""
    image = Image.new("RGB", (WIDTH, HEIGHT), palette.rgb("accent"))
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(fonts / "Inter-Bold.otf"), 96)
    semibold = ImageFont.truetype(str(fonts / "Inter-SemiBold.otf"), 40)
    regular = ImageFont.truetype(str(fonts / "Inter-Regular.otf"), 52)
    y = 260
    draw.text((MARGIN, y), kicker.upper(), font=semibold, fill=WHITE)
    y += 110
    for line in _wrap(draw, title, bold, WIDTH - 2 * MARGIN):
        draw.text((MARGIN, y), line, font=bold, fill=WHITE)
        y += 116
    if interviewee:
        draw.text((MARGIN, y + 50), interviewee, font=regular, fill=WHITE)
    draw.line((MARGIN, HEIGHT - 330, WIDTH - MARGIN, HEIGHT - 330), fill=WHITE, width=3)
    draw.text(
        (MARGIN, HEIGHT - 290),
        publisher_line,
        font=ImageFont.truetype(str(fonts / "Inter-Bold.otf"), 60),
        fill=WHITE,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
