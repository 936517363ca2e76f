"""pipeline.workflow.collections: a collection's brochure per edition, asserted from its PDFs.

The test collections (``tests/collections/``) hold the test articles of every
kind (an interview, a news item, a report with a figure and a table, one with
notes, the long guide); they are built as drafts, French
standing in for the missing translations. The real collection
(``source/collections/``) is read from the full release build.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.inline import plain_text
from pipeline.press.pdf import SHORT_PART_END, EditionPdfs
from pipeline.press.plan import MIN_FILL
from pipeline.project import Project
from pipeline.workflow.build import plan_jobs
from pipeline.workflow.collections import collection_parts, published_collections, write_collection_edition
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.judgement import judge, release_errors
from pipeline.workflow.sources import load_collection, load_editions_config

from ..pdf_measure import page_lines
from ..pdf_tags import pdfua_problems, structure_elements, unreachable_content
from ..project import ROOT, copy_project

ARTICLES = ROOT / "tests" / "articles"
COLLECTIONS = ROOT / "tests" / "collections"
REAL = "rennes-international"


@pytest.fixture(scope="module")
def collections_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with the test articles and the test collections as sources."""
    project = Project(copy_project(tmp_path_factory.mktemp("collections") / "project"))
    for article in ARTICLES.glob("*.md"):
        shutil.copy2(article, project.source_dir / article.name)
    shutil.copytree(ARTICLES / "images", project.source_dir / "images")
    for collection in COLLECTIONS.glob("*.md"):
        shutil.copy2(collection, project.collections_dir / collection.name)
    return project


@functools.cache
def build(project: Project, name: str, key: str, draft: bool = True) -> tuple[Path, EditionPdfs]:
    """One collection's brochure in one edition, built once for every test that reads it."""
    edition = load_editions_config(project).get(key)
    pdfs = write_collection_edition(project, project.collections_dir / f"{name}.md", edition, draft)
    return edition_paths(project, name, edition, draft)[0], pdfs


@dataclass(frozen=True)
class Built:
    """A test collection's brochure in one edition."""

    project: Project
    name: str
    key: str
    screen: Path
    pdfs: EditionPdfs

    def titles(self) -> list[str]:
        return titles(self.project, self.name, self.key)

    def openings(self) -> list[int]:
        return opening_pages(self.screen, self.titles())


@pytest.fixture(
    scope="module",
    params=[
        ("dossier-delegation", "erlangen"),
        ("dossier-delegation", "rochester"),
        ("dossier-long", "poznan"),
    ],
    ids=lambda value: "-".join(value),
)
def built(request: pytest.FixtureRequest, collections_project: Project) -> Built:
    name, key = request.param
    screen, pdfs = build(collections_project, name, key)
    return Built(collections_project, name, key, screen, pdfs)


def words(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def titles(project: Project, name: str, key: str, draft: bool = True) -> list[str]:
    """Each article's title as the edition prints it (translated, or French in a draft)."""
    edition = load_editions_config(project).get(key)
    collection = load_collection(project, project.collections_dir / f"{name}.md")
    parts = collection_parts(project, collection, edition.lang, draft, edition.region_catalog)
    return [words(plain_text(str(part.meta["title"]))) for part in parts]


def opening_pages(screen: Path, titles: list[str]) -> list[int]:
    """The 1-based page where each title is first printed, after the contents page."""
    pages = [words(page.extract_text() or "") for page in PdfReader(screen).pages]
    return [
        next(number for number, text in enumerate(pages, start=1) if number > 2 and title[:40] in text)
        for title in titles
    ]


def contents_numbers(screen: Path) -> list[int]:
    """The page numbers the contents page (page 2) prints, in order."""
    return [int(line.text) for line in page_lines(screen)[1] if re.fullmatch(r"\d+", line.text.strip())]


def outline(screen: Path) -> list[tuple[str, int]]:
    """The outline's first level: each entry's title and 1-based page."""
    reader = PdfReader(screen)
    return [
        (words(item.title), reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_the_contents_give_the_page_where_each_article_opens(built: Built) -> None:
    openings = built.openings()
    assert contents_numbers(built.screen) == openings
    assert len(openings) == len(built.titles()) > 1


def test_the_outline_lists_the_articles_at_its_first_level_as_the_contents_do(built: Built) -> None:
    entries = outline(built.screen)
    assert [page for _, page in entries] == contents_numbers(built.screen)
    assert [title for title, _ in entries] == built.titles()


def test_each_article_opens_where_the_plan_says_and_only_an_articles_last_page_may_be_short(
    built: Built,
) -> None:
    pdfs = built.pdfs
    assert pdfs.plan is not None and pdfs.pages % 4 == 0 and pdfs.print_pages == pdfs.pages
    planned = [number for number, page in enumerate(pdfs.fills, start=1) if page.opens]
    assert planned == built.openings()
    assert [page.role for page in pdfs.fills[:2]] == ["cover", "front"] and pdfs.fills[-1].role == "back"
    text = [(number, page) for number, page in enumerate(pdfs.fills, start=1) if page.role == "text"]
    lasts = {number - 1 for number in planned[1:]} | {text[-1][0]}
    short = [(number, page.fill) for number, page in text if number not in lasts and page.fill < MIN_FILL]
    assert not short, f"{pdfs.describe()}: {short}"
    assert not any(page.role == "blank" for page in pdfs.fills[:-2]), pdfs.describe()


def test_the_tagged_pdf_holds_one_sect_per_article_and_passes_pdfua(built: Built) -> None:
    roles = [role for role, _ in structure_elements(built.screen)]
    assert roles.count("/Sect") == len(built.titles())
    assert roles.count("/H1") == len(built.titles()) + 1  # the cover's title and each article's
    assert pdfua_problems(built.screen) == []
    assert unreachable_content(built.screen) == []


def test_the_running_heads_of_left_pages_name_the_current_article(built: Built) -> None:
    titles, openings = built.titles(), built.openings()
    lines = page_lines(built.screen)
    checked = 0
    for number, page in enumerate(built.pdfs.fills, start=1):
        if page.role != "text" or page.opens or number % 2:
            continue
        current = titles[sum(1 for opening in openings if opening <= number) - 1]
        head = max(lines[number - 1], key=lambda line: line.baseline)  # the highest line
        assert words(head.text) == current, (number, head.text)
        checked += 1
    assert checked, built.pdfs.describe()


def test_the_real_collection_is_released_in_every_edition_with_its_contents_right(
    built_project: Path,
) -> None:
    project = Project(built_project)
    for edition in load_editions_config(project).editions:
        screen = edition_paths(project, REAL, edition, draft=False)[0]
        assert screen.exists(), screen
        printed = titles(project, REAL, edition.key, draft=False)
        assert contents_numbers(screen) == opening_pages(screen, printed) == [3]
        assert [title for title, _ in outline(screen)] == printed


def test_a_collection_waits_until_every_article_is_ready_in_its_language(project_copy: Path) -> None:
    project = Project(project_copy)
    path = project.catalog_path("de", "simon-letonturier-service-international")
    text = path.read_text(encoding="utf-8")
    # One German message left untranslated: the article, hence the collection, is not ready in German.
    path.write_text(
        text.replace('msgstr "Der Werdegang von Simon Letonturier"', 'msgstr ""'), encoding="utf-8"
    )
    jobs = [
        job
        for job in plan_jobs(project, ["de", "pl"], ["editions"])
        if job.source.parent.name == "collections"
    ]
    assert {job.edition for job in jobs} == {"erlangen", "poznan"}
    refused = judge(project, jobs, release_errors(project, ["de", "pl"]))
    assert [refusal.job.edition for refusal in refused] == ["erlangen"]
    assert refused[0].reasons[0] == (
        "source/collections/rennes-international.md: expected every article of the collection ready in de, "
        "found simon-letonturier-service-international not ready"
    )
    assert published_collections(project, "pl") == [REAL] and published_collections(project, "de") == []


def test_an_article_ending_on_a_few_lines_is_set_in_another_layout_where_that_fills_its_page(
    collections_project: Project,
) -> None:
    # Rochester's delegation dossier, in the compact layout, ends the interview on a few lines; the
    # interview alone set in the regular layout fills that page (pipeline/press/pdf.py).
    _, pdfs = build(collections_project, "dossier-delegation", "rochester")
    assert pdfs.plan is not None and pdfs.plan.layout == "compact"
    ends = [pdfs.plan.fills[index] for index in pdfs.plan.part_ends]
    assert ends and min(ends) >= SHORT_PART_END, pdfs.describe()
