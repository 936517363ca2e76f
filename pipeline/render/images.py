"""An article's image bytes → what each format embeds: checked, upright, stripped, no larger than needed.

An editor sends what a camera or a phone wrote: 20 megapixels, an EXIF
orientation instead of upright pixels, and metadata (the GPS position, the
camera's serial number) that must not be published. Every image goes through
:func:`fit` before any format embeds it:

* its size is read from its header first: more than :data:`MAX_PIXELS` is
  refused (a "decompression bomb" of a few kB would take gigabytes to decode),
  as is a file Pillow cannot read;
* it is turned upright by its EXIF orientation, then scaled down (never up) to
  the width its format needs (:data:`WIDTHS`);
* it is written again from its pixels alone, in sRGB: no EXIF, GPS, XMP or
  text chunk survives, and a colour profile's colours are converted to sRGB,
  which every format assumes. A CMYK JPEG becomes RGB; a photograph saved
  as PNG (a camera's export) becomes a JPEG, a drawing stays a PNG.

An SVG is text, not pixels: it is kept as written if it draws only (no script,
no event handler, no reference outside itself), and refused otherwise
(:func:`svg_problem`).

:func:`fit` is pure: same bytes and width in, same bytes out. The build keeps
its results in a cache keyed by both (:mod:`pipeline.workflow.sources`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The most pixels an image may have: a 40-megapixel camera's (a 4500 × 4500 PNG is 20 million).
MAX_PIXELS = 40_000_000
#: The measure a figure spans in a brochure (mm: an A5 page less its margins, brochure.css), the
#: height a portrait one is held to (mm, brochure.css), and the resolution print asks at least (ppi).
PRINT_MEASURE_MM = 118.0
PRINT_MAX_HEIGHT_MM = 105.0
PRINT_MIN_PPI = 200
#: The width (px) each format needs. The web page: a 2× screen's 800 px column (:data:`WEB_WIDTHS`).
#: The e-book: a reader's screen. The brochures are laid out with 300 ppi across their measure,
#: which their print files need; their screen PDF keeps 150 ppi (``screen``, pipeline/press/images.py).
WIDTHS = {
    "web": 1600,
    "epub": 1200,
    "print": round(300 * PRINT_MEASURE_MM / 25.4),
    "screen": round(150 * PRINT_MEASURE_MM / 25.4),
}
#: The widths a web page offers an image at (``srcset``): its column on a 1× and on a 2× screen.
#: The first is its ``src``, which the A5 PDF printed from the page takes (about 170 ppi).
WEB_WIDTHS = (800, 1600)
#: Bumped when :func:`fit` writes other bytes for the same input: the cache's keys include it.
FIT_VERSION = 3
#: The most colours a drawing has (:func:`photographic`).
DRAWING_COLOURS = 4096

_SVG_EVENT = re.compile(r"^on", re.IGNORECASE)
_SVG_LINK = re.compile(r"\}?href$|^href$")
_CSS_URL = re.compile(r"url\(\s*(?P<quote>['\"]?)(?P<target>[^'\")]*?)(?P=quote)\s*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\b[^;]*", re.IGNORECASE)


class ImageFileError(ValueError):
    """Why an image cannot be used, in words for the line that names it."""


@dataclass(frozen=True)
class ImageInfo:
    """What an image's header says: its format (Pillow's name) and its size in pixels."""

    format: str
    width: int
    height: int

    def print_ppi(self) -> float:
        """Its resolution as a brochure places it: across the measure, or narrower for a portrait
        image held to :data:`PRINT_MAX_HEIGHT_MM`."""
        placed = min(PRINT_MEASURE_MM, PRINT_MAX_HEIGHT_MM * self.width / self.height)
        return self.width / (placed / 25.4)


def inspect(image_file: bytes | Path) -> ImageInfo:
    """An image's format and size, from its header only; :class:`ImageFileError` if it cannot be used."""
    from PIL import Image, UnidentifiedImageError

    def header() -> tuple[int, int, str]:
        with Image.open(io.BytesIO(image_file) if isinstance(image_file, bytes) else image_file) as image:
            return image.width, image.height, str(image.format)

    try:
        try:
            width, height, kind = header()
        except Image.DecompressionBombError:
            # Pillow refuses it from its header (its limit stays on): read the header alone again,
            # without the limit, to say how large it is. Nothing is decoded.
            limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                width, height, kind = header()
            finally:
                Image.MAX_IMAGE_PIXELS = limit
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageFileError(f"expected an image Pillow can read, found: {exc}") from None
    if width * height > MAX_PIXELS:
        raise ImageFileError(
            f"expected an image of at most {MAX_PIXELS:,} px, found {width} × {height} px "
            f"({width * height:,}): scale it down before adding it"
        )
    return ImageInfo(kind, width, height)


def resolution_problem(name: str, info: ImageInfo) -> str | None:
    """What an image lacks to print sharp (:data:`PRINT_MIN_PPI` at its placed size), if anything.

    >>> resolution_problem("images/x.jpg", ImageInfo("JPEG", 600, 400))
    'images/x.jpg is 600 × 400 px: 129 ppi as a brochure prints it, below the 200 ppi print needs'
    """
    ppi = info.print_ppi()
    if ppi >= PRINT_MIN_PPI:
        return None
    return (
        f"{name} is {info.width} × {info.height} px: {ppi:.0f} ppi as a brochure prints it, "
        f"below the {PRINT_MIN_PPI} ppi print needs"
    )


def fit(data: bytes, width: int) -> bytes:
    """An image (PNG, JPEG, GIF, WebP) → upright, at most ``width`` px wide, without its metadata."""
    from PIL import Image, ImageOps

    info = inspect(data)
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        if image.mode == "CMYK":  # through its profile if it has one, else Pillow's plain formula
            image, icc = (in_srgb(image, icc) if icc else image.convert("RGB")), None
        elif image.mode == "P" and info.format != "GIF":
            image = image.convert("RGBA" if "transparency" in opened.info else "RGB")
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        if icc:
            image = in_srgb(image, icc)
        out = io.BytesIO()
        options: dict[str, object] = {}
        if info.format == "JPEG" or photographic(image):
            image.save(out, "JPEG", quality=88, optimize=True, **options)
        elif info.format == "GIF":
            image.save(out, "GIF")
        elif info.format == "WEBP":
            image.save(out, "WEBP", quality=88, **options)
        else:
            image.save(out, "PNG", **options)
    return out.getvalue()


def in_srgb(image: Any, icc: bytes) -> Any:
    """Pixels described by a colour profile (a phone's Display P3, Adobe RGB) → the same colours in
    sRGB, which every format assumes of an image without one: the web page and the e-book show them
    as the editor saw them, and the print file separates them from sRGB (pipeline/press/images.py).
    A gray image's profile is dropped: gray stays gray."""
    from PIL import ImageCms

    if image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image,
            source,
            ImageCms.createProfile("sRGB"),
            ImageCms.Intent.RELATIVE_COLORIMETRIC,
            outputMode="RGB" if image.mode == "CMYK" else image.mode,
        )
    except (ImageCms.PyCMSError, OSError) as exc:
        raise ImageFileError(f"expected a colour profile LittleCMS can read, found: {exc}") from None


def photographic(image: Any) -> bool:
    """Whether a (PNG or WebP) image is a photograph, which JPEG holds in a fraction of the bytes:
    opaque, with more than :data:`DRAWING_COLOURS` colours. A drawing (a chart, a map, a logo) has
    few, and keeps its sharp edges in PNG."""
    return image.mode in ("RGB", "L") and image.getcolors(DRAWING_COLOURS) is None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG cannot be published (a script, an event handler, a reference outside it), if any.

    >>> svg_problem(b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    >>> svg_problem(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    'expected an SVG that only draws, found a <script>'
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        return f"expected a well-formed SVG without entities, found: {exc}"
    for element in root.iter():
        name = str(element.tag).rpartition("}")[2]
        if name in ("script", "foreignObject"):
            return f"expected an SVG that only draws, found a <{name}>"
        if name == "style" and (found := _css_reference(element.text or "")):
            return f"expected an SVG that refers only to itself, found {found!r} in a <style>"
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2]
            if _SVG_EVENT.match(local):
                return f"expected an SVG that only draws, found an event handler {local}="
            if _SVG_LINK.search(attribute) and not value.strip().startswith("#"):
                return f"expected an SVG that refers only to itself, found {local}={value!r}"
            if found := _css_reference(value):  # style="…", fill="url(…)", filter=, mask=, clip-path=
                return f"expected an SVG that refers only to itself, found {found!r} in {local}="
    return None


def _css_reference(css: str) -> str | None:
    """A reference out of the SVG in CSS text (``url(…)`` to another file, ``@import``), if any.

    >>> _css_reference("fill: url(#grad); stroke: red")
    >>> _css_reference("background: url( 'https://example.org/x.png' )")
    "url( 'https://example.org/x.png' )"
    """
    for match in _CSS_URL.finditer(css):
        if not match.group("target").startswith("#"):
            return match.group(0)
    found = _CSS_IMPORT.search(css)
    return found.group(0) if found else None
