"""pipeline.render.epub: a translated article + CSS text + font bytes → an EPUB 3, on tiny inputs."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.errors import RenderError
from pipeline.render.article import ArticleInputs
from pipeline.render.epub import (
    STYLESHEETS,
    EpubInputs,
    FontFile,
    epub_identifier,
    render_epub,
    sanitise_package,
)
from pipeline.render.ui import Interface

META = {"lang": "pl", "title": "Mały tytuł", "author": "A", "lead": "Wstęp."}
FONT = FontFile("Tiny-Regular.ttf", b"\x00\x01\x00\x00 not a real font, carried as bytes")
DATE = datetime(2026, 11, 25, tzinfo=UTC)


def book(fonts: tuple[FontFile, ...] = (FONT,), cover: bytes | None = None) -> bytes:
    article = ArticleInputs(META, "## Pytanie\n\nOdpowiedź.\n", Interface("pl"), DATE, "outputs/pl/a.epub")
    return render_epub(EpubInputs(article, "a", ("p { color: red }", ".lead { }"), fonts, cover))


@pytest.fixture(scope="module")
def tiny() -> bytes:
    return book()


def test_mimetype_comes_first_and_stored(tiny: bytes) -> None:
    first = zipfile.ZipFile(io.BytesIO(tiny)).infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert tiny[30:38] == b"mimetype"  # readers sniff it at this offset
    assert zipfile.ZipFile(io.BytesIO(tiny)).read("mimetype") == b"application/epub+zip"


def test_the_package_names_its_language_identifier_and_date(tiny: bytes) -> None:
    opf = zipfile.ZipFile(io.BytesIO(tiny)).read("EPUB/content.opf").decode("utf-8")
    assert "<dc:language>pl</dc:language>" in opf
    assert epub_identifier("a", "pl") in opf
    assert '<meta property="dcterms:modified">2026-11-25T00:00:00Z</meta>' in opf
    assert "<dc:date" not in opf  # pandoc's invented publication date is dropped


def test_the_book_has_a_navigation_document(tiny: bytes) -> None:
    book_zip = zipfile.ZipFile(io.BytesIO(tiny))
    assert 'properties="nav"' in book_zip.read("EPUB/content.opf").decode("utf-8")
    assert "Pytanie" in book_zip.read("EPUB/nav.xhtml").decode("utf-8")


def test_the_css_given_is_the_css_embedded(tiny: bytes) -> None:
    book_zip = zipfile.ZipFile(io.BytesIO(tiny))
    sheets = [name for name in book_zip.namelist() if name.endswith(".css")]
    assert sheets
    assert {book_zip.read(name) for name in sheets} == {b"p { color: red }\n.lead { }"}
    assert STYLESHEETS == ("fonts.css", "epub.css")


def test_the_font_bytes_given_are_embedded_under_their_name(tiny: bytes) -> None:
    book_zip = zipfile.ZipFile(io.BytesIO(tiny))
    assert book_zip.read("EPUB/fonts/Tiny-Regular.ttf") == FONT.data
    assert 'href="fonts/Tiny-Regular.ttf"' in book_zip.read("EPUB/content.opf").decode("utf-8")


def test_the_cover_is_added_stored_and_declared() -> None:
    book_zip = zipfile.ZipFile(io.BytesIO(book(fonts=(), cover=b"\x89PNG fake")))
    cover = book_zip.getinfo("EPUB/media/cover.png")
    assert cover.compress_type == zipfile.ZIP_STORED
    assert book_zip.read(cover) == b"\x89PNG fake"
    assert 'properties="cover-image"' in book_zip.read("EPUB/content.opf").decode("utf-8")


def test_the_same_inputs_give_the_same_bytes(tiny: bytes) -> None:
    assert book() == tiny


@pytest.mark.parametrize("name", ["../x.ttf", "sub/x.ttf", "*.ttf", ""])
def test_a_font_name_that_is_not_a_bare_file_name_is_refused(name: str) -> None:
    with pytest.raises(RenderError, match=r"outputs/pl/a\.epub: expected a font file name"):
        book(fonts=(FontFile(name, b""),))


def test_a_figure_is_a_file_of_the_book_with_its_alt_text_and_caption() -> None:
    png = (Path(__file__).resolve().parents[1] / "articles" / "images" / "jumelages.png").read_bytes()
    body = '![Une frise de six années](images/x.png "Six villes, six années.")\n'
    article = ArticleInputs(META, body, Interface("pl"), DATE, "outputs/pl/a.epub", {"images/x.png": png})
    book_zip = zipfile.ZipFile(io.BytesIO(render_epub(EpubInputs(article, "a", (), ()))))
    media = [name for name in book_zip.namelist() if name.startswith("EPUB/media/")]
    assert [book_zip.read(name) for name in media] == [png]
    text = " ".join(
        book_zip.read(name).decode("utf-8") for name in book_zip.namelist() if name.endswith(".xhtml")
    )
    assert 'alt="Une frise de six années"' in text
    assert "<figcaption>Six villes, six années.</figcaption>" in text
    opf = book_zip.read("EPUB/content.opf").decode("utf-8")
    assert '<meta property="schema:accessMode">visual</meta>' in opf
    assert '<meta property="schema:accessModeSufficient">textual</meta>' in opf


def test_an_interview_s_creators_are_its_interviewers_and_its_guest_a_contributor() -> None:
    meta = {**META, "interviewee": "Ewa", "interviewers": ["Jan", "Olga"], "publisher": "Asso"}
    article = ArticleInputs(meta, "Tekst.\n", Interface("pl"), DATE, "outputs/pl/a.epub")
    opf = zipfile.ZipFile(io.BytesIO(render_epub(EpubInputs(article, "a", (), ())))).read("EPUB/content.opf")
    package = opf.decode("utf-8")
    assert "Jan</dc:creator>" in package and "Olga</dc:creator>" in package
    assert "Ewa</dc:contributor>" in package and "Ewa</dc:creator>" not in package
    assert "Asso</dc:creator>" not in package


def test_the_article_s_own_date_is_the_book_s_publication_date() -> None:
    meta = {**META, "date": datetime(2026, 3, 14, tzinfo=UTC).date()}
    article = ArticleInputs(meta, "Tekst.\n", Interface("pl"), DATE, "outputs/pl/a.epub")
    opf = zipfile.ZipFile(io.BytesIO(render_epub(EpubInputs(article, "a", (), ())))).read("EPUB/content.opf")
    assert "2026-03-14</dc:date>" in opf.decode("utf-8")


def test_the_english_book_is_british_english_in_its_language_and_its_date() -> None:
    article = ArticleInputs(
        {"lang": "en", "title": "A title", "author": "A"},
        "## A question\n\nAn answer.\n",
        Interface("en"),
        DATE,
        "outputs/en/a.epub",
    )
    english = zipfile.ZipFile(io.BytesIO(render_epub(EpubInputs(article, "a", (), (), None))))
    opf = english.read("EPUB/content.opf").decode("utf-8")
    assert "<dc:language>en-GB</dc:language>" in opf
    assert epub_identifier("a", "en") in opf  # the identifier keeps the catalog's code: it never changes
    text = " ".join(
        english.read(name).decode("utf-8") for name in english.namelist() if name.endswith(".xhtml")
    ).replace("\u00a0", " ")
    assert "25 November 2026" in text and "November 25" not in text
    assert 'xml:lang="en-GB"' in text


def test_raw_html_in_the_article_is_shown_as_text_in_the_book() -> None:
    article = ArticleInputs(
        {**META, "lead": "Wstęp <b>x</b>."},
        "Przed <script>alert(1)</script> po.\n\n<!-- komentarz -->\n",
        Interface("pl"),
        DATE,
        "outputs/pl/a.epub",
    )
    epub = render_epub(EpubInputs(article, "a", ("p { }",), (FONT,)))
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        text = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml"))
    assert "<script" not in text and "<b>" not in text and "<!--" not in text
    assert "Przed &lt;script&gt;alert(1)&lt;/script&gt; po." in text
    assert "&lt;!-- komentarz --&gt;" in text


def test_what_gets_past_pandoc_is_taken_out_of_the_book_which_stays_xhtml() -> None:
    document = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p onclick="x()">a<br /></p></body></html>'
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("EPUB/text/ch001.xhtml", document)
    cleaned, removed = sanitise_package(package.getvalue())
    assert removed == ('<p onclick="x()">',)
    with zipfile.ZipFile(io.BytesIO(cleaned)) as book:
        assert book.namelist() == ["mimetype", "EPUB/text/ch001.xhtml"]
        assert book.read("EPUB/text/ch001.xhtml").decode() == document.replace(' onclick="x()"', "")
    assert sanitise_package(cleaned) == (cleaned, ())
