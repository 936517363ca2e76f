"""End to end: the typographic rules of issue 12, measured from every PDF a reader gets.

Every A5 PDF of every language and every partner city's screen brochure is
read back with pypdfium2 (:mod:`tests.pdf_measure`): at most two hyphenated
lines in a row, no page ending on a hyphen, and no justified line with a word
space wider than twice the font's normal space. The print and booklet
variants are made from the screen brochure's pages, so they share its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.render.hyphenation import MAX_HYPHENATED_RUN
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.sources import load_editions_config

from .pdf_measure import Line, longest_hyphen_run, page_final_hyphens, page_lines, widest_justified_space
from .project import ROOT, SLUG

LANGS = (
    "fr",
    *(line.split("#")[0].strip() for line in (ROOT / "locales" / "LINGUAS").read_text().splitlines()),
)
EDITIONS = {edition.key: edition for edition in load_editions_config(Project(ROOT)).editions}
#: The widest word space a justified line may have, in the font's normal spaces.
WIDEST_SPACE = 2.0
PDFS = [f"{lang}/{SLUG}.pdf" for lang in LANGS if lang] + [f"editions/{key}" for key in sorted(EDITIONS)]


@pytest.fixture(scope="module")
def measured(built_project: Path) -> dict[str, list[list[Line]]]:
    """Each PDF of the build, by its name in :data:`PDFS`, read into lines."""
    project = Project(built_project)
    found = {}
    for name in PDFS:
        if name.startswith("editions/"):
            path = edition_paths(project, SLUG, EDITIONS[name.removeprefix("editions/")], draft=False)[0]
        else:
            path = built_project / "outputs" / name
        found[name] = page_lines(path)
    return found


@pytest.mark.parametrize("name", PDFS)
def test_no_more_than_two_hyphenated_lines_in_a_row(measured: dict[str, list[list[Line]]], name: str) -> None:
    assert longest_hyphen_run(measured[name]) <= MAX_HYPHENATED_RUN


@pytest.mark.parametrize("name", PDFS)
def test_no_page_ends_on_a_hyphen(measured: dict[str, list[list[Line]]], name: str) -> None:
    assert page_final_hyphens(measured[name]) == []


@pytest.mark.parametrize("name", PDFS)
def test_justified_lines_have_no_space_wider_than_twice_a_normal_one(
    measured: dict[str, list[list[Line]]], name: str
) -> None:
    widest, where = widest_justified_space(measured[name])
    assert widest <= WIDEST_SPACE, f"{widest:.2f} × the normal space, {where}"


def test_the_measures_see_the_text(measured: dict[str, list[list[Line]]]) -> None:
    """The helpers read lines and spaces at all: a measure of nothing would pass any test."""
    for name, pages in measured.items():
        lines = [line for page in pages for line in page]
        assert len(lines) > 80, name
        assert sum(len(line.spaces) for line in lines) > 500, name
        widest, _ = widest_justified_space(pages)
        assert widest > 1.0, name  # justification did stretch some line
