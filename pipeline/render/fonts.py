"""The bundled fonts → the only fonts a layout may use, and the characters they draw.

A page is set in the fonts of ``assets/fonts/`` (``fonts.css`` names them).
A character none of them has would send Pango to the machine's own fonts
(DejaVu on one machine, another font or none on the next): other glyphs,
other bytes. :func:`isolate_fonts` points fontconfig at a configuration that
knows the bundled fonts only, so a layout is the same on every machine, and
:func:`missing_glyphs` names, before any layout, the characters of a text
that no bundled font draws, for a check to report where they were written.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from pipeline.fileio import write_text

#: The font files of the bundled families, by their endings.
FONT_SUFFIXES = (".ttf", ".otf")
#: The generic families a stylesheet may fall back to, and the bundled families each one is, in
#: order: Greek in the text face is Noto Serif's, the common CJK characters are Noto Sans CJK's.
GENERIC_FAMILIES = {
    "serif": ("Charis SIL", "Noto Serif", "Noto Sans CJK JP"),
    "sans-serif": ("Inter", "Noto Sans CJK JP"),
    "monospace": ("Inter", "Noto Sans CJK JP"),
}
#: Characters that are not drawn: controls, format characters (soft hyphen, joiners) and line breaks.
_UNDRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


#: fontconfig's own rules for a style a family lacks (its ``90-synthetic.conf``): a slanted
#: roman for an italic (Inter has none), an emboldened regular for a bold.
SYNTHETIC_STYLES = """\
  <match target="font">
    <test name="slant"><const>roman</const></test>
    <test target="pattern" name="slant" compare="not_eq"><const>roman</const></test>
    <edit name="matrix" mode="assign"><times><name>matrix</name>
      <matrix><double>1</double><double>0.2</double><double>0</double><double>1</double></matrix>
    </times></edit>
    <edit name="slant" mode="assign"><const>oblique</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
  <match target="font">
    <test name="weight" compare="less_eq"><const>medium</const></test>
    <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>
    <edit name="embolden" mode="assign"><bool>true</bool></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
"""


def fontconfig_text(fonts: Path, cache: Path) -> str:
    """A fontconfig configuration that knows the fonts of ``fonts`` and nothing else."""
    aliases = "".join(
        f'  <alias binding="same"><family>{generic}</family>'
        f"<prefer>{''.join(f'<family>{escape(family)}</family>' for family in families)}</prefer></alias>\n"
        for generic, families in GENERIC_FAMILIES.items()
    )
    folders = (
        f"  <dir>{escape(str(fonts.resolve()))}</dir>\n"
        f"  <cachedir>{escape(str(cache.resolve()))}</cachedir>\n"
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"{folders}{aliases}{SYNTHETIC_STYLES}</fontconfig>\n"
    )


def isolate_fonts(fonts: Path, folder: Path | None = None) -> Path:
    """Write the configuration of :func:`fontconfig_text` in ``folder`` (default: a folder of the
    temporary directory named for ``fonts``, outside the outputs) and make this process's fontconfig
    (and its children's) read it. Call it before the first layout: fontconfig reads its
    configuration once. Returns the configuration's path."""
    if folder is None:
        name = hashlib.sha256(str(fonts.resolve()).encode()).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / f"jumelage-fonts-{os.getuid()}-{name}"
    path = folder / "fonts.conf"
    write_text(path, fontconfig_text(fonts, folder / "cache"))
    os.environ["FONTCONFIG_FILE"] = str(path.resolve())
    return path


@functools.lru_cache(maxsize=8)
def drawn_characters(fonts: Path) -> frozenset[int]:
    """The code points that at least one font of ``fonts`` draws."""
    return frozenset().union(*(_font_file(path)[1] for path in _font_files(fonts)))


def missing_glyphs(text: str, drawn: frozenset[int]) -> list[str]:
    """The characters of ``text``, in order and once each, that need a glyph ``drawn`` lacks.

    >>> missing_glyphs("Łódź, 济南\\u00ad!", frozenset(map(ord, "Łódź, !")))
    ['济', '南']
    """
    return list(
        dict.fromkeys(
            character
            for character in text
            if ord(character) not in drawn and unicodedata.category(character) not in _UNDRAWN
        )
    )


def describe_glyphs(characters: list[str]) -> str:
    """``济 (U+6D4E), 南 (U+5357)``: characters as a reader and a font editor name them."""
    return ", ".join(f"{character} (U+{ord(character):04X})" for character in characters)


#: The families every book embeds: the first of each generic family's list (Latin, Cyrillic).
PRIMARY_FAMILIES = frozenset(families[0] for families in GENERIC_FAMILIES.values())
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")
_FONT_URL = re.compile(r"url\(\s*[\"']?(?:[^\"')]*/)?(?P<name>[^/\"')]+)[\"']?\s*\)")


def _font_files(fonts: Path) -> list[Path]:
    return sorted(path for path in fonts.iterdir() if path.suffix.lower() in FONT_SUFFIXES)


@functools.lru_cache(maxsize=64)
def _font_file(path: Path) -> tuple[str, frozenset[int]]:
    """A font file's family name and the code points it draws (read once per process)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return font["name"].getBestFamilyName() or path.stem, frozenset(font.getBestCmap() or {})


def fonts_for_text(fonts: Path, text: str) -> list[Path]:
    """The font files of ``fonts`` a book holding ``text`` needs, in name order: every file of the
    :data:`PRIMARY_FAMILIES`, and those of a family that would draw a character of ``text`` in one of
    :data:`GENERIC_FAMILIES`' lists, the families before it lacking it (a Latin book carries no
    CJK font; a Greek one carries the Greek serif, since the text face lacks Greek)."""
    files = _font_files(fonts)
    drawn: dict[str, set[int]] = {}
    for path in files:
        family, characters = _font_file(path)
        drawn.setdefault(family, set()).update(characters)
    needed = set(PRIMARY_FAMILIES)
    for families in GENERIC_FAMILIES.values():
        left = {ord(character) for character in text}
        for family in families:
            if left & drawn.get(family, set()):
                needed.add(family)
            left -= drawn.get(family, set())
    return [path for path in files if _font_file(path)[0] in needed]


def keep_font_faces(css: str, names: set[str]) -> str:
    """``css`` without the ``@font-face`` rules whose font file is not one of ``names``.

    >>> keep_font_faces('@font-face { src: url("../fonts/A.ttf"); }\\n@font-face { src: url(B.otf); }\\np {}',
    ...                 {"B.otf"})
    '@font-face { src: url(B.otf); }\\np {}'
    """

    def kept(match: re.Match[str]) -> str:
        files = {url.group("name") for url in _FONT_URL.finditer(match.group())}
        return match.group() if files & names else ""

    return _FONT_FACE.sub(kept, css)
