"""pipeline.render.fonts: the bundled fonts only, and the characters they lack named before layout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.render.fonts import (
    describe_glyphs,
    drawn_characters,
    fontconfig_text,
    fonts_for_text,
    isolate_fonts,
    keep_font_faces,
    missing_glyphs,
)

from ..project import ROOT

FONTS = ROOT / "assets" / "fonts"
#: Names of places and people a news item may print, in the scripts the bundled fonts cover.
COVERED = (
    "Łódź, Timișoara, Þórshöfn, Θεσσαλονίκη, Ἀθῆναι, Київ, Nguyễn Văn Đức, « 47 000 » – „Brno“, "
    "济南, 東京の日本語, 「ソウル」, 서울특별시, ＡＢＣ"
)


def test_the_bundled_fonts_draw_latin_greek_cyrillic_and_common_cjk_but_no_armenian_nor_emoji() -> None:
    drawn = drawn_characters(FONTS)
    assert missing_glyphs(COVERED + "\u202f\u00a0\u00ad\u200b", drawn) == []
    assert missing_glyphs("Վան 😀 𠮷", drawn) == ["Վ", "ա", "ն", "😀", "𠮷"]
    assert describe_glyphs(["Վ", "😀"]) == "Վ (U+054E), 😀 (U+1F600)"


def test_a_book_carries_the_latin_fonts_and_another_script_s_font_only_where_its_text_needs_it() -> None:
    def families(text: str) -> set[str]:
        return {path.name.split("-")[0] for path in fonts_for_text(FONTS, text)}

    assert families("Łódź, Київ, Þórshöfn") == {"CharisSIL", "Inter"}
    assert families("Θεσσαλονίκη") == {"CharisSIL", "Inter", "NotoSerif"}
    assert families("济南") == {"CharisSIL", "Inter", "NotoSansCJKjp"}
    assert families("Վան") == {"CharisSIL", "Inter"}  # no font draws it: make check says so


def test_an_e_book_s_stylesheet_keeps_the_faces_of_its_fonts_only() -> None:
    css = (ROOT / "assets" / "css" / "fonts.css").read_text(encoding="utf-8")
    kept = keep_font_faces(css, {path.name for path in fonts_for_text(FONTS, "Latin")})
    assert kept.count("@font-face") == 7 and "Noto" not in kept.replace("/* ", "").split("*/")[-1]
    assert keep_font_faces(css, {"NotoSansCJKjp-Regular-Common.otf"}).count("@font-face") == 1


def test_the_configuration_knows_the_bundled_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    path = isolate_fonts(FONTS, tmp_path / "fontconfig")
    text = path.read_text(encoding="utf-8")
    assert text == fontconfig_text(FONTS, tmp_path / "fontconfig" / "cache")
    assert text.count("<dir>") == 1 and f"<dir>{FONTS}</dir>" in text and "<include" not in text
    assert os.environ["FONTCONFIG_FILE"] == str(path)


LAYOUT = """
import io, sys
from pathlib import Path
from pipeline.render.fonts import isolate_fonts
if sys.argv[1] == "isolated":
    isolate_fonts(Path(sys.argv[2]), Path(sys.argv[3]))
from pypdf import PdfReader
from weasyprint import HTML
pdf = HTML(string='<p style="font-family: serif">济南 Θεσσαλονίκη <i>Київ</i> Վան</p>').write_pdf()
fonts = {str(font.get_object()["/BaseFont"])[8:] for page in PdfReader(io.BytesIO(pdf)).pages
         for font in page["/Resources"]["/Font"].values()}
print(" ".join(sorted(fonts)))
"""


def test_a_layout_of_characters_the_fonts_lack_embeds_the_bundled_fonts_only(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LAYOUT, "isolated", str(FONTS), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    # Greek in the serif is Noto Serif's, Chinese Noto Sans CJK's; Armenian, which no bundled font
    # draws, is a box of the text face, never a glyph of the machine's own fonts.
    assert done.stdout.split() == ["Charis-SIL", "Charis-SIL-Italic", "Noto-Sans-CJK-JP", "Noto-Serif"]
