"""pipeline.workflow.articles: an article's outputs per language, written only when their bytes change."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.project import Project
from pipeline.workflow.articles import copy_assets, write_translation
from pipeline.workflow.build import build

from ..project import SLUG


def test_the_translated_markdown_is_the_renderers_input(project_copy: Path) -> None:
    project = Project(project_copy)
    output = project.output_path("de", SLUG, "md")
    assert write_translation(project, project.source_dir / f"{SLUG}.md", "de", output, draft=False)
    text = output.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "lang: de" in text and "stellt" in text
    assert not write_translation(project, project.source_dir / f"{SLUG}.md", "de", output, draft=False)


def test_a_build_writes_each_format_with_the_page_links_and_a_second_build_writes_nothing(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fontTools stamps subset fonts with SOURCE_DATE_EPOCH, else the wall clock (make sets it).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    project = Project(project_copy)
    written = build(project, ["pl"], ["html", "pdf", "epub"], draft=False).written
    base = project_copy / "outputs"
    html, pdf, epub = (base / "pl" / f"{SLUG}.{extension}" for extension in ("html", "pdf", "epub"))
    assert {html, pdf, epub} <= set(written)
    assert (base / "pl" / f"{SLUG}-cover.png").is_file()
    page = html.read_text(encoding="utf-8")
    assert 'href="../assets/css/fonts.css"' in page and 'href="../assets/css/jumelage.css"' in page
    assert f'href="../editions/poznan/{SLUG}-poznan.pdf"' in page  # the language's own brochure only
    assert "erlangen" not in page
    assert "Letonturier" in PdfReader(pdf).pages[0].extract_text()
    with zipfile.ZipFile(epub) as book:  # the e-book's stylesheets and fonts, read from assets/
        css = book.read("EPUB/styles/stylesheet1.css").decode("utf-8")
        assert (project_copy / "assets" / "css" / "epub.css").read_text(encoding="utf-8").strip() in css
        assert "EPUB/fonts/CharisSIL-Regular.ttf" in book.namelist()
    assert build(project, ["pl"], ["html", "pdf", "epub"], draft=False).written == ()


def test_the_web_assets_are_copied_and_the_copy_of_an_asset_gone_is_removed(project_copy: Path) -> None:
    project = Project(project_copy)
    base = project_copy / "outputs"
    written = copy_assets(project, base)
    assert base / "assets" / "css" / "epub.css" in written
    assert not (base / "assets" / "maps").exists() and not (base / "assets" / "icc").exists()  # print only
    (project_copy / "assets" / "css" / "epub.css").unlink()
    (base / "assets" / "old").mkdir()
    (base / "assets" / "old" / "gone.css").write_text("p {}", encoding="utf-8")
    assert copy_assets(project, base) == []
    assert not (base / "assets" / "css" / "epub.css").exists() and not (base / "assets" / "old").exists()
    assert (base / "assets" / "css" / "jumelage.css").is_file()
