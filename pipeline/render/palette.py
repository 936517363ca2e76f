"""The stylesheet's ``:root`` custom properties → the house colours, for what Python draws.

``assets/css/jumelage.css`` declares the palette once (``--ink``, ``--muted``,
``--accent``, …). The EPUB cover, the brochure's QR code and folios, and the
print shop's bleed are drawn in Python, so they read the palette from there
instead of spelling the hexes again.

>>> palette = parse_palette(":root { --ink: #1d1d1b; --muted: #5b5b57; --accent: #9b1d20;"
...                         " --tint: #f4efe6; --rule: #d8d2c6; --sans: 'Inter'; }")
>>> palette.accent, palette.rgb("accent")
('#9b1d20', (155, 29, 32))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from pipeline.errors import RenderError

#: The stylesheet (in ``assets/css/``) whose ``:root`` declares the palette.
PALETTE_STYLESHEET = "jumelage.css"

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_ROOT = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
_PROPERTY = re.compile(r"--(?P<name>[\w-]+)\s*:\s*(?P<value>[^;]+?)\s*(?:;|$)")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Palette:
    """The house colours, as ``#rrggbb`` (lower case, as the stylesheet spells them)."""

    ink: str
    muted: str
    accent: str
    tint: str
    rule: str

    def rgb(self, name: str) -> tuple[int, int, int]:
        """The colour ``name`` (a field of the palette) as an RGB triple."""
        return hex_to_rgb(getattr(self, name))

    def colours(self) -> frozenset[str]:
        """Every colour of the palette."""
        return frozenset(getattr(self, field.name) for field in fields(self))


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``#9b1d20`` → ``(155, 29, 32)``."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def parse_palette(css_text: str, display: str = "<css>") -> Palette:
    """The palette declared by the first ``:root`` rule of ``css_text``."""
    root = _ROOT.search(_COMMENT.sub("", css_text))
    if root is None:
        raise RenderError(display, None, "expected a :root rule declaring the palette, found none")
    declared = {match["name"]: match["value"] for match in _PROPERTY.finditer(root["body"])}
    colours: dict[str, str] = {}
    for field in fields(Palette):
        value = declared.get(field.name)
        if value is None or not _HEX.fullmatch(value):
            raise RenderError(display, None, f"expected --{field.name} in :root as #rrggbb, found {value!r}")
        colours[field.name] = value.lower()
    return Palette(**colours)
