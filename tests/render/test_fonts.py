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
    isolate_fonts,
    missing_glyphs,
)

from ..project import ROOT

FONTS = ROOT / "assets" / "fonts"
#: Names of places and people a news item may print, in the scripts the bundled fonts cover.
COVERED = "Łódź, Timișoara, Þórshöfn, Θεσσαλονίκη, Київ, Nguyễn Văn Đức, « 47 000 » – „Brno“"


def test_the_bundled_fonts_draw_latin_greek_and_cyrillic_names_but_no_chinese_nor_emoji() -> None:
    drawn = drawn_characters(FONTS)
    assert missing_glyphs(COVERED + "\u202f\u00a0\u00ad\u200b", drawn) == []
    assert missing_glyphs("济南 😀", drawn) == ["济", "南", "😀"]
    assert describe_glyphs(["济", "😀"]) == "济 (U+6D4E), 😀 (U+1F600)"


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
pdf = HTML(string='<p style="font-family: serif">济南 Θεσσαλονίκη <i>Київ</i></p>').write_pdf()
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
    embedded = done.stdout.split()
    assert embedded and all(name.startswith(("Charis-SIL", "Inter")) for name in embedded), embedded
