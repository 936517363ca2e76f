"""End to end: every partner-city edition, checked as a print shop and a reader would."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pyphen
import pytest
from babel.lists import format_list
from babel.messages.pofile import read_po
from pypdf import PdfReader

from pipeline.press.editions import PAPERS, Edition
from pipeline.press.impose import SLUG as SLUG_MARGIN
from pipeline.press.inks import measure_inks
from pipeline.press.prepress import PRINT_COLOURS, PRINT_PROFILE
from pipeline.project import Project
from pipeline.qa.preflight import BuiltPdf, finish_of, pdf_problems
from pipeline.render.hyphenation import HYPHEN, MAX_HYPHENATED_RUN
from pipeline.typography import balance_title
from pipeline.workflow.editions import edition_paths, write_edition
from pipeline.workflow.qa import load_house_rules
from pipeline.workflow.sources import load_editions_config

from ..pdf_tags import (
    artifact_text_runs,
    link_annotations,
    pdfua_problems,
    skipped_heading_levels,
    unreachable_content,
)
from ..project import ROOT, SLUG, copy_project
from .print_findings import crop_marks_in_bleed, pdfx_findings

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
        # the sheet is the trim, the bleed and a slug for the crop marks beyond it
        assert close(size(page.mediabox), (width + 2 * SLUG_MARGIN, height + 2 * SLUG_MARGIN))
        assert close(size(page.trimbox), (width, height))
        assert close(size(page.bleedbox), (width + 2 * BLEED, height + 2 * BLEED))
    sheet = (edition.paper.sheet_width_mm * MM, edition.paper.sheet_height_mm * MM)
    assert all(close(size(page.mediabox), sheet) for page in booklet.pages)
    assert len(printed.pages) % 4 == 0
    assert len(booklet.pages) * 2 == len(printed.pages)


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_print_files_are_pdfx4_in_cmyk(editions_built: tuple[Project, list[str]], key: str) -> None:
    """Output intent, PDF/X-4 in the XMP, boxes, no RGB operator, title/author/language: print and booklet."""
    project, _ = editions_built
    profile = (project.assets_dir / PRINT_PROFILE).read_bytes()
    _, printed, booklet = paths(project, key)
    assert pdfx_findings(printed.read_bytes(), profile) == []
    assert pdfx_findings(booklet.read_bytes(), profile) == []


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_crop_marks_lie_outside_the_bleed(editions_built: tuple[Project, list[str]], key: str) -> None:
    project, _ = editions_built
    assert crop_marks_in_bleed(paths(project, key)[1].read_bytes()) == []


def print_shop_files(project: Project, key: str) -> list[tuple[str, Path]]:
    """The print file and the booklet of an edition, named by their variant."""
    _, printed, booklet = paths(project, key)
    return [("print", printed), ("booklet", booklet)]


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_no_text_of_the_print_files_prints_in_two_inks_but_the_brand_red(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    """Running heads, folios, the colophon, addresses, captions: K only; the red is the one exemption."""
    project, _ = editions_built
    red = PRINT_COLOURS["#9b1d20"]
    for variant, path in print_shop_files(project, key):
        pages = measure_inks(path.read_bytes(), path.name)
        others = {
            (page.number, colour.describe())
            for page in pages
            for colour in page.text
            if not colour.is_k_only() and colour.cmyk() != red
        }
        assert others == set(), variant
        assert any(colour.cmyk() == red for page in pages for colour in page.text)  # headings stay red


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_booklet_is_trimmed_to_two_pages_centred_on_its_sheet(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    project, _ = editions_built
    width, height = trim(EDITIONS[key])
    for page in PdfReader(paths(project, key)[2]).pages:
        box, sheet = page.trimbox, page.mediabox
        assert abs(float(box.width) - 2 * width) < 0.01 and abs(float(box.height) - height) < 0.01
        assert abs(float(box.left) - (float(sheet.right) - float(box.right))) < 0.01
        assert [float(value) for value in page.bleedbox] == [float(value) for value in box]  # no bleed yet


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_total_ink_inside_the_bleed_box_is_within_the_limit(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    """At most 300 % inside the BleedBox (the red, 211 %); the crop marks beyond it are 400 %, trimmed off."""
    project, _ = editions_built
    limit = load_house_rules(project).max_ink
    for variant, path in print_shop_files(project, key):
        pages = measure_inks(path.read_bytes(), path.name)
        assert [page.unmeasured for page in pages] == [()] * len(pages)
        assert max(page.peak_in_bleed for page in pages) <= limit, variant
        marks = 400 if variant == "print" else max(page.peak_in_bleed for page in pages)
        assert {page.peak_on_sheet for page in pages} == {marks}, variant


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_print_files_pass_the_house_preflight(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    project, _ = editions_built
    rules, paper = load_house_rules(project), EDITIONS[key].paper
    for variant, path in print_shop_files(project, key):
        built = BuiltPdf(path.name, path.read_bytes(), finish_of(paper, variant))
        assert [str(problem) for problem in pdf_problems(built, rules)] == []


def test_two_builds_of_an_edition_give_the_same_bytes(project_copy: Path) -> None:
    project = Project(project_copy)
    source = project.source_dir / f"{SLUG}.md"
    first = write_edition(project, source, EDITIONS["poznan"], draft=False)
    second = write_edition(project, source, EDITIONS["poznan"], draft=False)
    assert (first.screen, first.print, first.booklet) == (second.screen, second.print, second.booklet)


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
    # The language's own no-break spaces (Czech "a\u00a0evropské") are kept as the page sets them.
    assert reader.metadata is not None and reader.metadata.title.replace("\u00a0", " ") == title
    assert reader.metadata.title.split(" ")[-1] == balance_title(title).split(" ")[-1]
    # The interviewers wrote it, listed the edition language's way; the association published it.
    assert reader.metadata.author == format_list(["Alan Mestassi", "Martin Prouvost"], locale=edition.lang)
    assert reader.outline, "bookmarks"


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_pdfua_finds_nothing_in_the_screen_pdf(editions_built: tuple[Project, list[str]], key: str) -> None:
    assert pdfua_problems(paths(editions_built[0], key)[0]) == []


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_screen_pdf_has_running_heads_and_folios_as_artifacts_only(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    screen = paths(editions_built[0], key)[0]
    assert unreachable_content(screen) == []
    assert any(artifact_text_runs(screen))  # the folios, read by no assistive technology


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_screen_pdf_links_sit_in_link_elements_named(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    links = link_annotations(paths(editions_built[0], key)[0])
    assert all(role == "/Link" and text for role, text in links), links


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_screen_pdf_headings_open_on_h1_and_skip_no_level(
    editions_built: tuple[Project, list[str]], key: str
) -> None:
    assert skipped_heading_levels(paths(editions_built[0], key)[0]) == []


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
            if not line.endswith(HYPHEN) or re.fullmatch(r"\d+", following):
                continue  # a word that goes on over the page (a folio follows) is checked on no page
            head, tail = re.findall(r"\w+", line)[-1], re.findall(r"\w+", following)[0]
            assert head + tail in words, (head, tail)
            assert len(head) in dictionary.positions(head + tail), (head, tail)  # the dictionary allows it
            assert len(head) >= 3 and len(tail) >= 3, (head, tail)  # hyphenate-limit-chars: 6 3 3
            broken += 1
    assert broken >= 3, "the German text is hyphenated"


def test_a_draft_edition_is_marked_on_every_page(project_copy: Path) -> None:
    project = Project(project_copy)
    catalog = project.catalog_path("de", SLUG)
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("#. heading\n", "#. heading\n#, fuzzy\n"),
        encoding="utf-8",
    )
    write_edition(project, project.source_dir / f"{SLUG}.md", EDITIONS["erlangen"], draft=True)
    screen = PdfReader(edition_paths(project, SLUG, EDITIONS["erlangen"], draft=True)[0])
    assert all("ENTWURF" in page.extract_text() for page in screen.pages)


# The page plan, checked on the PDFs themselves: each page's fill is read from
# the positions of its text (PDFium), not from the plan the build computed.
TOP, BOTTOM = (
    17 * MM,
    18 * MM,
)  # the inside pages' margins (brochure.css): running heads and folios lie beyond
ARTICLES = ROOT / "tests" / "articles"


@dataclass(frozen=True)
class PrintedPage:
    """One page of a screen PDF, as its text lies on it."""

    fill: float
    """The lowest text line inside the content area, as a share of that area's height."""
    body_text: bool
    """Whether any text lies inside the content area."""
    margin_text: bool
    """Whether any text lies in the top or bottom margin (a running head, a folio)."""


def printed_pages(pdf: bytes) -> list[PrintedPage]:
    """Each page's text positions → its fill, and whether it holds body and margin text."""
    document = pypdfium2.PdfDocument(pdf)
    found = []
    try:
        for page in document:
            _, height = page.get_size()
            text = page.get_textpage()
            rects = [text.get_rect(index) for index in range(text.count_rects())]
            inside = [
                (bottom, top) for _, bottom, _, top in rects if bottom >= BOTTOM and top <= height - TOP
            ]
            lowest = min((bottom for bottom, _ in inside), default=height - TOP)
            found.append(
                PrintedPage(
                    fill=(height - TOP - lowest) / (height - TOP - BOTTOM),
                    body_text=bool(inside),
                    margin_text=len(inside) < len(rects),
                )
            )
    finally:
        document.close()
    return found


def plan_problems(pdf: bytes) -> list[str]:
    """What a designer would refuse in a brochure's sequence of pages (none, when it is well planned).

    Inside pages are those between the cover and the back cover; the article's
    last text page is the last one with a folio, and it alone may be short.
    """
    pages = printed_pages(pdf)
    problems = [] if len(pages) % 4 == 0 else [f"{len(pages)} pages, not a multiple of 4"]
    inside = list(enumerate(pages))[1:-1]
    last_text = max((number for number, page in inside if page.margin_text), default=None)
    for number, page in inside:
        if not page.body_text and page.margin_text:
            problems.append(f"page {number + 1} holds only a running head or folio")
        elif not page.body_text and not page.margin_text and number != len(pages) - 2:
            problems.append(f"page {number + 1} is blank, and is not the inside back cover")
        elif page.body_text and page.fill < 1 / 3 and number != last_text:
            problems.append(f"page {number + 1} is {page.fill:.0%} full")
    blanks = sum(1 for _, page in inside if not page.body_text and not page.margin_text)
    return problems + ([f"{blanks} blank pages"] if blanks > 1 else [])


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_the_interview_is_planned_as_a_whole(editions_built: tuple[Project, list[str]], key: str) -> None:
    screen, printed, _ = paths(editions_built[0], key)
    assert plan_problems(screen.read_bytes()) == []
    assert len(PdfReader(printed).pages) == len(PdfReader(screen).pages), "the print shop adds no page"


@pytest.fixture(scope="module")
def test_articles_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with three test articles (short, report, long) as sources, built as drafts."""
    project = Project(copy_project(tmp_path_factory.mktemp("articles") / "project"))
    for name in ("breve-catalogues.md", "rapport-editions-traduites.md", "guide-publication-multilingue.md"):
        # Figures are left out: this build checks the sequence of pages, not images.
        text = (ARTICLES / name).read_text(encoding="utf-8")
        (project.source_dir / name).write_text(re.sub(r"(?m)^!\[.*\n", "", text), encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("article", "key"),
    [
        *(("breve-catalogues", key) for key in sorted(EDITIONS)),
        *(("rapport-editions-traduites", key) for key in ("cork", "rochester")),
        *(("guide-publication-multilingue", key) for key in ("erlangen", "poznan", "rochester")),
    ],
)
def test_the_test_articles_are_planned_as_a_whole(
    test_articles_project: Project, article: str, key: str
) -> None:
    project = test_articles_project
    pdfs = write_edition(project, project.source_dir / f"{article}.md", EDITIONS[key], draft=True)
    assert plan_problems(pdfs.screen) == []
    assert pdfs.print_pages == pdfs.pages


def test_a_sequence_with_a_lonely_folio_or_a_stray_blank_is_refused(tmp_path: Path) -> None:
    from weasyprint import HTML

    style = (
        "@page { size: 148mm 210mm; margin: 17mm 14mm 18mm 16mm; @bottom-right { content: counter(page) } }"
        "@page bare { @bottom-right { content: none } } .bare { page: bare }"
        "section { break-before: page } .short { height: 10mm } .tall { padding-top: 130mm }"
    )
    sections = ("tall", "tall", "short", "empty", "short", "bare", "bare", "tall")
    body = "".join(
        f'<section class="{name}">{"" if name in ("empty", "bare") else "Text"}</section>'
        for name in sections
    )
    pdf = HTML(
        string=f"<html><style>{style}</style><body>{body}</body></html>", base_url=str(tmp_path)
    ).write_pdf()
    assert plan_problems(pdf) == [
        "page 3 is 2% full",
        "page 4 holds only a running head or folio",
        "page 6 is blank, and is not the inside back cover",
        "2 blank pages",
    ]
