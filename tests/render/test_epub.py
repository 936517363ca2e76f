"""pipeline.render.epub: a translated article + CSS text + font bytes → an EPUB 3, on tiny inputs."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from pipeline.errors import RenderError
from pipeline.render.article import ArticleInputs
from pipeline.render.epub import STYLESHEETS, EpubInputs, FontFile, epub_identifier, render_epub
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
