"""pipeline.render.pdf: an HTML page → PDF, WeasyPrint reading nothing outside the folders allowed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.errors import RenderError
from pipeline.render.pdf import local_fetcher, render_pdf

from ..pdf_tags import (
    NO_PIKEPDF,
    artifact_text_runs,
    empty_headings,
    link_annotations,
    pdfua_problems,
    skipped_heading_levels,
    unreachable_content,
)
from ..project import SLUG

LANGS = ("fr", "en", "de", "pl", "cs")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """An allowed folder holding a stylesheet, and a secret beside it."""
    allowed = tmp_path / "outputs"
    allowed.mkdir()
    (allowed / "page.css").write_text("p { color: black }", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the PDF", encoding="utf-8")
    return allowed, secret


def test_the_fetcher_serves_a_file_below_the_allowed_folder(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    response = local_fetcher([allowed]).fetch((allowed / "page.css").as_uri())
    try:
        assert response.read() == b"p { color: black }"
    finally:
        response.close()


def test_the_fetcher_refuses_a_file_outside_the_allowed_folders(folders: tuple[Path, Path]) -> None:
    allowed, secret = folders
    with pytest.raises(ValueError, match=r"refused to read .*secret\.txt: outside the outputs folder"):
        local_fetcher([allowed]).fetch(secret.as_uri())


def test_the_fetcher_refuses_to_climb_out_with_dot_dot(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    with pytest.raises(ValueError, match="outside the outputs folder"):
        local_fetcher([allowed]).fetch(f"{allowed.as_uri()}/../secret.txt")


def test_the_fetcher_refuses_the_network(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    with pytest.raises(ValueError, match="disallowed protocol"):
        local_fetcher([allowed]).fetch("https://example.org/page.css")


def page_text(allowed: Path, stylesheets: list[str]) -> str:
    """Render a one-paragraph page linking ``stylesheets``; the text of its first PDF page."""
    page = allowed / "page.html"
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    page.write_text(
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>t</title>{links}</head>'
        "<body><p>Grüße aus Erlangen</p></body></html>",
        encoding="utf-8",
    )
    data = render_pdf(page, [allowed], "outputs/page.pdf")
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_a_tiny_page_renders_to_a_pdf_whose_text_reads_back(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    assert "Grüße aus Erlangen" in page_text(allowed, ["page.css"])


def test_a_stylesheet_outside_the_allowed_folder_is_not_applied(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    inside, outside = allowed / "inside.css", allowed.parent / "outside.css"
    inside.write_text('body::before { content: "INSIDE" }', encoding="utf-8")
    outside.write_text('body::after { content: "OUTSIDE" }', encoding="utf-8")
    text = page_text(allowed, [inside.as_uri(), outside.as_uri()])
    assert "INSIDE" in text  # the same kind of link, below the folder, is read
    assert "OUTSIDE" not in text


def test_a_missing_page_becomes_a_render_error_naming_the_output(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"^outputs/page\.pdf: expected WeasyPrint to render the page"):
        render_pdf(tmp_path / "missing.html", [tmp_path], "outputs/page.pdf")


def test_a_page_renders_tagged_pdf_ua_with_its_language_and_title_shown(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    page = allowed / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Grüße</title></head>'
        "<body><h1>Grüße</h1><p>aus Erlangen</p></body></html>",
        encoding="utf-8",
    )
    root = PdfReader(io.BytesIO(render_pdf(page, [allowed], "outputs/page.pdf"))).trailer["/Root"]
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode("utf-8")
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "de"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_a_folio_is_a_pagination_artifact_not_content_out_of_the_tree(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    page = allowed / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Grüße</title>'
        '<style>@page { @bottom-center { content: "Seite " counter(page) } }</style></head>'
        "<body><h1>Grüße</h1><p>aus Erlangen</p></body></html>",
        encoding="utf-8",
    )
    (allowed / "page.pdf").write_bytes(render_pdf(page, [allowed], "outputs/page.pdf"))
    assert unreachable_content(allowed / "page.pdf") == []
    assert artifact_text_runs(allowed / "page.pdf") == [1]
    assert "Seite 1" in PdfReader(allowed / "page.pdf").pages[0].extract_text()  # still read by a viewer


def test_a_link_has_one_annotation_a_link_element_holds_named_by_its_text(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    page = allowed / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Sommaire</title></head><body>'
        '<p><a href="#parcours">Le parcours de <span class="name">Simon Letonturier</span></a></p>'
        '<h1 id="parcours">Le parcours</h1></body></html>',
        encoding="utf-8",
    )
    (allowed / "page.pdf").write_bytes(render_pdf(page, [allowed], "outputs/page.pdf"))
    # WeasyPrint gave the name its own annotation, under a Span, named by the fragment "parcours".
    assert link_annotations(allowed / "page.pdf") == [("/Link", "Le parcours de Simon Letonturier")]


def test_the_heading_checks_catch_an_empty_heading_and_a_skipped_level(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf", reason=NO_PIKEPDF)
    document = pikepdf.new()
    headings = [("/H1", pikepdf.Array([])), ("/H3", pikepdf.Array([0, 1])), ("/H2", 2)]
    kids = [pikepdf.Dictionary(S=pikepdf.Name(role), K=kid) for role, kid in headings]
    document.Root.StructTreeRoot = pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array(kids))
    document.save(tmp_path / "headings.pdf")
    assert empty_headings(tmp_path / "headings.pdf") == ["/H1"]
    assert skipped_heading_levels(tmp_path / "headings.pdf") == ["H3 after H1"]


@pytest.mark.parametrize("lang", LANGS)
def test_pdfua_finds_nothing_in_the_a5_pdf(built_project: Path, lang: str) -> None:
    assert pdfua_problems(built_project / "outputs" / lang / f"{SLUG}.pdf") == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_a5_pdf_has_running_heads_and_folios_as_artifacts_only(built_project: Path, lang: str) -> None:
    pdf = built_project / "outputs" / lang / f"{SLUG}.pdf"
    assert unreachable_content(pdf) == []
    assert any(artifact_text_runs(pdf))  # the folios, read by no assistive technology


@pytest.mark.parametrize("lang", LANGS)
def test_the_a5_pdf_links_sit_in_link_elements_named_by_their_text(built_project: Path, lang: str) -> None:
    links = link_annotations(built_project / "outputs" / lang / f"{SLUG}.pdf")
    assert links, "the table of contents links to the sections"
    # Named by the heading's words, not by its fragment ("le-parcours-de-simon-letonturier").
    assert all(role == "/Link" and " " in text for role, text in links), links


@pytest.mark.parametrize("lang", LANGS)
def test_the_a5_pdf_headings_open_on_h1_and_skip_no_level(built_project: Path, lang: str) -> None:
    assert skipped_heading_levels(built_project / "outputs" / lang / f"{SLUG}.pdf") == []


def test_each_note_is_tagged_a_note_with_an_id_right_after_its_reference(folders: tuple[Path, Path]) -> None:
    allowed, _ = folders
    page = allowed / "notes.html"
    style = (
        "jumelage-note { float: footnote } "
        "jumelage-note::footnote-call { content: counter(footnote) } "
        "jumelage-note::footnote-marker { content: counter(footnote) '. ' }"
    )
    back = 'class="footnote-back" role="doc-backlink"'
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
        f"<style>{style}</style></head>"
        '<body><table><tr><th>A</th></tr><tr><td>1</td></tr></table><p>Un mot<a href="#fn1" '
        'class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> et un autre<a href="#fn2" '
        'class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a>.</p>\n'
        '<section id="footnotes" class="footnotes" role="doc-endnotes"><hr /><ol>'
        f'<li id="fn1"><p>Première note.<a href="#fnref1" {back}>↩︎</a></p></li>'
        f'<li id="fn2"><p>Seconde note.<a href="#fnref2" {back}>↩︎</a></p></li>'
        "</ol></section></body></html>",
        encoding="utf-8",
    )
    reader = PdfReader(io.BytesIO(render_pdf(page, [allowed], "outputs/notes.pdf")))
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (paragraph,) = [
        kid.get_object() for kid in root["/K"][0].get_object()["/K"] if kid.get_object()["/S"] == "/P"
    ]
    roles = [kid.get_object()["/S"] for kid in paragraph["/K"]]
    assert [role for role in roles if role in ("/Reference", "/Note")] == ["/Reference", "/Note"] * 2
    notes = [kid.get_object() for kid in paragraph["/K"] if kid.get_object()["/S"] == "/Note"]
    assert [note["/ID"] for note in notes] == ["note-0001", "note-0002"]
    names = root["/IDTree"]["/Names"]
    listed = dict(zip(names[::2], [kid.get_object() for kid in names[1::2]], strict=True))
    assert listed["note-0001"] == notes[0] and len(listed) == 3  # the two notes, and the table's header
    assert list(listed) == sorted(listed)
    text = reader.pages[0].extract_text()
    assert "1. Première note." in text and "↩" not in text
