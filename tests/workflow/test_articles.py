"""pipeline.workflow.articles: an article's outputs per language, written only when their bytes change."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.project import Project
from pipeline.workflow.articles import copy_assets, write_translation
from pipeline.workflow.build import build

from ..project import ROOT, SLUG


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


def test_a_dated_news_item_keeps_its_day_in_german_and_czech_in_every_format(project_copy: Path) -> None:
    """A news item dated 14 October 2026 printed "Oktober 2026" and "října 2026" (issue 26): the day's
    full stop opened a Markdown list. Drafts: the text stays French, the date is the language's."""
    from pipeline.workflow.editions import write_edition
    from pipeline.workflow.sources import load_editions_config

    project = Project(project_copy)
    news = (ROOT / "tests" / "articles" / "breve-catalogues.md").read_text(encoding="utf-8")
    source = project.source_dir / "breve-datee.md"
    source.write_text(news.replace("kind: news\n", "kind: news\ndate: 2026-10-14\n"), encoding="utf-8")
    for lang, day in (("de", "14. Oktober 2026"), ("cs", "14. října 2026")):
        build(project, [lang], ["html", "pdf", "epub"], draft=True, sources=[source])
        html = project.output_path(lang, "breve-datee", "html", draft=True).read_text(encoding="utf-8")
        assert f">{day}<" in html, lang
        pdf = " ".join(
            (
                PdfReader(project.output_path(lang, "breve-datee", "pdf", draft=True)).pages[0].extract_text()
                or ""
            ).split()
        )
        assert day in pdf.replace("\xa0", " "), pdf
        with zipfile.ZipFile(project.output_path(lang, "breve-datee", "epub", draft=True)) as book:
            text = " ".join(
                book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml")
            )
        assert day in text.replace("\xa0", " "), lang
    erlangen = load_editions_config(project).get("erlangen")
    pdfs = write_edition(project, source, erlangen, draft=True)
    assert pdfs.pages and "14. Oktober 2026" in " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(
            project.output_base(True) / "editions" / "erlangen" / "breve-datee-erlangen.pdf"
        ).pages
    ).replace("\xa0", " ")
