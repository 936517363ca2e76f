"""Noto fonts (Debian's packages) → the Greek and CJK fonts of ``assets/fonts/``, as they were made.

Charis SIL and Inter draw Latin and Cyrillic; Inter draws Greek, Charis does
not. The two fonts this script writes fill the rest of what a page may hold,
subset so that the repository and the outputs stay small:

- ``NotoSerif-Greek-{Regular,Italic,Bold,BoldItalic}.ttf``: Noto Serif's Greek
  and Greek Extended blocks, so that Greek in the text face is set in a
  serif, not in the headings' sans.
- ``NotoSansCJKjp-Regular-Common.otf``: Noto Sans CJK JP (its ``locl``
  feature gives the Chinese and Korean forms where a text is marked ``zh``
  or ``ko``) cut to the characters of JIS X 0208, GB 2312 and KS X 1001 (the
  common ideographs of Japanese, simplified Chinese and Korean, kana and
  hangul), plus CJK punctuation and the fullwidth forms: 13 000 characters.
  A rarer character is named by ``make check`` like any character no bundled
  font draws. One weight: bold CJK is fontconfig's emboldened regular.

The sources (SIL Open Font License 1.1, no reserved font name, so a
subset keeps its name):

    apt-get download fonts-noto-core=20201225-1 fonts-noto-cjk=1:20220127+repack1-1
    for deb in fonts-noto-*.deb; do dpkg -x "$deb" noto; done
    .venv/bin/python tools/subset_fonts.py noto/usr/share/fonts assets/fonts

The fonts keep their own timestamps, so the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

#: Greek and Coptic, Greek Extended.
GREEK = [*range(0x0370, 0x0400), *range(0x1F00, 0x2000)]
#: Noto Serif's styles, by the name of the file each is cut from.
SERIF_STYLES = ("Regular", "Italic", "Bold", "BoldItalic")
#: The national character sets whose double-byte rows name the common CJK characters.
CJK_CODECS = ("euc_jp", "gb2312", "euc_kr")
#: CJK symbols and punctuation, kana, kana extensions, halfwidth and fullwidth forms.
CJK_EXTRA = [*range(0x3000, 0x3100), *range(0x31F0, 0x3200), *range(0xFF00, 0xFFF0)]
#: The CJK face of ``NotoSansCJK-Regular.ttc``, by its index: 0 is Japanese.
CJK_FACE = 0


def double_byte_characters(codec: str) -> set[int]:
    """The code points of every character a two-byte EUC code of ``codec`` encodes.

    >>> len(double_byte_characters("gb2312"))
    7445
    """
    found: set[int] = set()
    for first in range(0xA1, 0xFF):
        for second in range(0xA1, 0xFF):
            try:
                found.update(map(ord, bytes((first, second)).decode(codec)))
            except UnicodeDecodeError:
                continue
    return found


def cjk_characters() -> list[int]:
    """The characters the CJK font keeps: those of :data:`CJK_CODECS` at U+2E80 and above (the
    symbols below are Charis's and Inter's), and :data:`CJK_EXTRA`."""
    common = set().union(*(double_byte_characters(codec) for codec in CJK_CODECS))
    return sorted({code for code in common if code >= 0x2E80} | set(CJK_EXTRA))


def cut(source: Path, target: Path, characters: Iterable[int], face: int = 0) -> None:
    """Write ``source``'s face ``face`` as ``target`` with the glyphs of ``characters`` only (and the
    glyphs their layout features reach), its names, features and timestamps kept."""
    font = TTFont(source, fontNumber=face, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    print(f"{target}: {target.stat().st_size:,} bytes, {len(font.getBestCmap()):,} characters")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="the folder Debian's packages put their fonts in")
    parser.add_argument("target", type=Path, help="the project's font folder (assets/fonts)")
    args = parser.parse_args(argv)
    serif = args.sources / "truetype" / "noto"
    cjk = args.sources / "opentype" / "noto" / "NotoSansCJK-Regular.ttc"
    for style in SERIF_STYLES:
        cut(serif / f"NotoSerif-{style}.ttf", args.target / f"NotoSerif-Greek-{style}.ttf", GREEK)
    cut(cjk, args.target / "NotoSansCJKjp-Regular-Common.otf", cjk_characters(), CJK_FACE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
