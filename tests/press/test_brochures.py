"""End to end: every partner-city edition, checked as a print shop and a reader would."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyphen
import pytest
from babel.lists import format_list
from babel.messages.pofile import read_po
from pypdf import PdfReader

from pipeline.press.editions import PAPERS, Edition
from pipeline.project import Project
from pipeline.render.hyphenation import HYPHEN, MAX_HYPHENATED_RUN
from pipeline.typography import balance_title
from pipeline.workflow.editions import edition_paths, write_edition
from pipeline.workflow.sources import load_editions_config

from ..conftest import ROOT, SLUG, copy_project

MM = 72 / 25.4
BLEED = 3 * MM
CONFIG = load_editions_config(Project(ROOT))
EDITIONS = {edition.key: edition for edition in CONFIG.editions}


@pytest.fixture(scope="session")
def editions_built(built_project: Path) -> tuple[Project, list[str]]:
    """The full build's editions, and every warning or error its tools printed."""
    log = (built_project / "build.log").read_text(encoding="utf-8")
    complaints = [
        line for line in log.splitlines() if re.match(r"jumelage: (warning|error|critical): ", line)
    ]
    return Project(built_project), complaints


def paths(project: Project, key: str) -> tuple[Path, Path, Path]:
    return edition_paths(project, SLUG, EDITIONS[key], draft=False)


def size(box: object) -> tuple[float, float]:
    return float(box.width), float(box.height)  # type: ignore[attr-defined]


def close(actual: tuple[float, float], expected: tuple[float, float]) -> bool:
    return all(abs(a - b) < 0.5 for a, b in zip(actual, expected, strict=True))


def trim(edition: Edition) -> tuple[float, float]:
    return edition.paper.width_mm * MM, edition.paper.height_mm * MM


def test_rendering_logs_no_warning(editions_built: tuple[Project, list[str]]) -> None:
    assert editions_built[1] == []


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_page_boxes_match_the_paper(editions_built: tuple[Project, list[str]], key: str) -> None:
    project, _ = editions_built
    edition = EDITIONS[key]
    screen, printed, booklet = (PdfReader(path) for path in paths(project, key))
    width, height = trim(edition)
    assert all(close(size(page.mediabox), (width, height)) for page in screen.pages)
    for page in printed.pages:
        assert close(size(page.mediabox), (width + 2 * BLEED, height + 2 * BLEED))
        assert close(size(page.trimbox), (width, height))
        assert close(size(page.bleedbox), (width + 2 * BLEED, height + 2 * BLEED))
    sheet = (edition.paper.sheet_width_mm * MM, edition.paper.sheet_height_mm * MM)
    assert all(close(size(page.mediabox), sheet) for page in booklet.pages)
    assert len(printed.pages) % 4 == 0
    assert len(booklet.pages) * 2 == len(printed.pages)


def test_the_papers_are_a5_and_half_letter() -> None:
    assert (PAPERS["A5"].width_mm, PAPERS["A5"].height_mm) == (148, 210)
    assert (
        round(PAPERS["half-letter"].width_mm / 25.4, 2),
        round(PAPERS["half-letter"].height_mm / 25.4, 2),
    ) == (
        5.5,
        8.5,
    )
    assert {edition.paper.name for edition in CONFIG.editions if edition.key == "rochester"} == {
        "half-letter"
    }


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_every_font_is_embedded(editions_built: tuple[Project, list[str]], key: str) -> None:
    for path in paths(editions_built[0], key):
        reader = PdfReader(path)
        fonts = [font for page in reader.pages for font in _fonts(page["/Resources"])]
        assert fonts, path
        for name, descriptor in fonts:
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (path, name)
            assert name.split("+")[-1].startswith(("Charis-SIL", "Inter")), name


def _fonts(resources: object) -> list[tuple[str, dict[str, object]]]:
    """Every font a page uses, down into the form XObjects the print variants place pages in."""
    resources = resources.get_object() if hasattr(resources, "get_object") else resources
    found = []
    for font in resources.get("/Font", {}).values():  # type: ignore[attr-defined]
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        found.append((str(font["/BaseFont"]), descriptor))
    for xobject in resources.get("/XObject", {}).values():  # type: ignore[attr-defined]
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            found += _fonts(xobject["/Resources"])
    return found


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_screen_pdf_is_tagged_pdf_ua_with_its_metadata(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    project, _ = editions_built
    edition = EDITIONS[key]
    reader = PdfReader(paths(project, key)[0])
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert str(root["/Lang"]) == edition.language
    with (ROOT / "locales" / edition.lang / "LC_MESSAGES" / f"{SLUG}.po").open("rb") as stream:
        title = read_po(stream).get("Simon Letonturier présente le service international").string
    # The title is balanced (a short last word bound to the one before), in its metadata too.
    assert reader.metadata is not None and reader.metadata.title == balance_title(title)
    # The interviewers wrote it, listed the edition language's way; the association published it.
    assert reader.metadata.author == format_list(["Alan Mestassi", "Martin Prouvost"], locale=edition.lang)
    assert reader.outline, "bookmarks"


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_cover_names_the_city_and_its_year(editions_built: tuple[Project, list[str]], key: str) -> None:
    edition = EDITIONS[key]
    cover = PdfReader(paths(editions_built[0], key)[0]).pages[0].extract_text()
    assert edition.city in cover and str(edition.twinned) in cover and "Rennes Métropole" in cover
    assert edition.country() in cover


def test_regional_words_come_from_the_regional_catalog(editions_built: tuple[Project, list[str]]) -> None:
    project, _ = editions_built
    assert (
        "Sister city of Rennes since 1958"
        in PdfReader(paths(project, "rochester")[0]).pages[0].extract_text()
    )
    assert "Twinned with Rennes since 1956" in PdfReader(paths(project, "exeter")[0]).pages[0].extract_text()


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_no_more_than_two_hyphenated_lines_in_a_row(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    for page in PdfReader(paths(editions_built[0], key)[0]).pages:
        run = longest = 0
        for line in page.extract_text(extraction_mode="layout").splitlines():
            run = run + 1 if line.rstrip().endswith(HYPHEN) else 0
            longest = max(longest, run)
        assert longest <= MAX_HYPHENATED_RUN


def test_the_german_brochure_is_hyphenated_on_real_german_words(
    editions_built: tuple[Project, list[str]],
) -> None:
    dictionary = pyphen.Pyphen(lang="de_DE")
    assert dictionary.inserted("Partnerstadt") == "Part-ner-stadt"
    assert dictionary.inserted("Städtepartnerschaft") == "Städ-te-part-ner-schaft"
    with (ROOT / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po").open("rb") as stream:
        german = " ".join(message.string for message in read_po(stream) if message.id)
    words = set(re.findall(r"\w+", german))
    broken = 0
    for page in PdfReader(paths(editions_built[0], "erlangen")[0]).pages:
        lines = [
            line.strip() for line in page.extract_text(extraction_mode="layout").splitlines() if line.strip()
        ]
        for line, following in itertools.pairwise(lines):
            if not line.endswith(HYPHEN) or re.fullmatch(r"Seite \d+", following):
                continue  # a word that goes on over the page is checked on no page
            head, tail = re.findall(r"\w+", line)[-1], re.findall(r"\w+", following)[0]
            assert head + tail in words, (head, tail)
            assert len(head) in dictionary.positions(head + tail), (head, tail)  # the dictionary allows it
            assert len(head) >= 3 and len(tail) >= 3, (head, tail)  # hyphenate-limit-chars: 6 3 3
            broken += 1
    assert broken >= 3, "the German text is hyphenated"


def test_a_draft_edition_is_marked_on_every_page(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "project"))
    catalog = project.catalog_path("de", SLUG)
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("#. heading\n", "#. heading\n#, fuzzy\n"),
        encoding="utf-8",
    )
    write_edition(project, project.source_dir / f"{SLUG}.md", EDITIONS["erlangen"], draft=True)
    screen = PdfReader(edition_paths(project, SLUG, EDITIONS["erlangen"], draft=True)[0])
    assert all("ENTWURF" in page.extract_text() for page in screen.pages)
