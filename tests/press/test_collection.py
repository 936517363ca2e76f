"""pipeline.press.collection: a collection's brochure page, several articles in one HTML page."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import RenderError
from pipeline.press.collection import CollectionInputs, Part, render_collection
from pipeline.project import Project
from pipeline.workflow.editions import brochure_inputs
from pipeline.workflow.sources import load_editions_config

from ..project import ROOT, SLUG

PROJECT = Project(ROOT)
REAL = PROJECT.collections_dir / "rennes-international.md"


def inputs(*parts: Part) -> CollectionInputs:
    edition = load_editions_config(PROJECT).get("erlangen")
    brochure = replace(
        brochure_inputs(PROJECT, REAL, edition, draft=True),
        template=PROJECT.templates_dir / "collection.html",
    )
    return CollectionInputs(brochure, parts, PROJECT.templates_dir / "collection-part.html")


def part(slug: str, title: str, body: str, **meta: object) -> Part:
    return Part(slug, {"title": title, "lang": "de", **meta}, body, f"source/{slug}.md")


def test_each_article_is_a_section_of_its_own_under_its_title_listed_in_the_contents() -> None:
    html = render_collection(
        inputs(
            part("erste", "Erste Meldung", "Ein Satz[^1].\n\n[^1]: Eine Anmerkung.\n", kind="news"),
            part("zweite", "Zweiter Bericht", "## Ein Abschnitt\n\nNoch ein Satz[^1].\n\n[^1]: Noch eine.\n"),
        )
    )
    sections = re.findall(r'<section class="part" id="part-([a-z-]+)"', html)
    assert sections == ["erste", "zweite"]
    assert re.findall(r'<a href="#part-([a-z-]+)">', html) == sections  # the contents, in order
    assert '<h1 class="part-title" id="part-zweite-title">Zweiter Bericht</h1>' in html
    # The two articles' notes and headings never share an id.
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and "zweite-ein-abschnitt" in ids
    assert html.index("Erste Meldung</h1>") < html.index("Zweiter Bericht</h1>") < html.index("colophon")


def test_a_collection_of_no_article_is_an_error_not_an_empty_brochure() -> None:
    with pytest.raises(RenderError, match="expected a collection of at least one article, found none"):
        render_collection(inputs())


def test_the_real_collection_credits_its_article_on_the_back_cover(tmp_path: Path) -> None:
    html = render_collection(inputs(part(SLUG, "Ein Interview", "Text.\n", interviewers=["A. B."])))
    colophon = html[html.index('class="colophon') :]
    assert "Ein Interview" in colophon and "A. B." in colophon
