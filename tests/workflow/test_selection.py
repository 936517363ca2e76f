"""pipeline.workflow.selection: ARTICLE=, LANGS= and EDITION= as the articles and editions they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import JumelageError
from pipeline.project import Project
from pipeline.workflow.selection import EVERYTHING, Selection, selection

from ..project import SLUG


def test_no_option_is_everything_and_each_option_narrows(project_copy: Path) -> None:
    project = Project(project_copy)
    assert selection(None, [], None) == EVERYTHING
    assert [source.stem for source in EVERYTHING.sources(project)] == [SLUG]
    every = [edition.key for edition in EVERYTHING.chosen_editions(project)]
    assert every == ["exeter", "rochester", "erlangen", "brno", "cork", "poznan"]
    english = selection(None, ["en"], None).chosen_editions(project)
    assert [edition.key for edition in english] == ["exeter", "rochester", "cork"]
    # A language and an edition of another language: nothing, as both ask.
    assert selection(None, ["de"], ["cork"]).chosen_editions(project) == []
    assert [e.key for e in selection(None, None, ["cork", "brno"]).chosen_editions(project)] == [
        "brno",
        "cork",
    ]


def test_a_selection_that_names_nothing_the_project_has_says_what_it_has(project_copy: Path) -> None:
    project = Project(project_copy)
    with pytest.raises(JumelageError, match=r"expected an edition named one of exeter, .*found 'lyon'"):
        Selection(editions=("lyon",)).chosen_editions(project)
    with pytest.raises(JumelageError, match=f"expected an article named one of {SLUG}, found 'nope'"):
        Selection(articles=("nope",)).sources(project)


EN = f"locales/en/LC_MESSAGES/{SLUG}.po"
EN_US = f"locales/en_US/LC_MESSAGES/{SLUG}.po"
