"""pipeline.workflow.site: the web edition gathered from the outputs, changed files only."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.workflow.build import build
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.site import build_site
from pipeline.workflow.sources import load_editions_config

from ..project import SLUG


def test_a_draft_site_carries_the_banner(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["de"], ["html"], draft=True)
    index = build_site(project, draft=True)
    assert 'class="draft-banner"' in index.read_text(encoding="utf-8")
    page = project_copy / "outputs" / "draft" / "site" / "de" / f"{SLUG}.html"
    assert 'class="draft-banner"' in page.read_text(encoding="utf-8")


def test_the_index_lists_the_languages_built_and_a_rebuild_touches_nothing(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["fr", "de"], ["html", "epub"], draft=False)
    index = build_site(project)
    html = index.read_text(encoding="utf-8")
    assert f'href="de/{SLUG}.html"' in html and f'href="fr/{SLUG}.html"' in html
    assert f'href="pl/{SLUG}.html"' not in html  # nothing built in Polish: no dead link
    site = project_copy / "outputs" / "site"
    assert (site / "de" / f"{SLUG}.epub").is_file() and not (site / "de" / f"{SLUG}.pdf").exists()
    files = sorted(path for path in site.rglob("*") if path.is_file())
    inodes = {path: path.stat().st_ino for path in files}
    build_site(project)
    assert {path: path.stat().st_ino for path in files} == inodes  # unchanged bytes are not rewritten


def test_a_page_of_the_site_links_only_to_the_languages_and_files_the_site_holds(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["fr", "de"], ["html"], draft=False)
    build_site(project)
    built = (project_copy / "outputs" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    page = (project_copy / "outputs" / "site" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert 'hreflang="pl"' in built and 'hreflang="en-GB"' in built  # the page as built knows every language
    for absent in ("en-GB", "pl", "cs"):
        assert f'hreflang="{absent}"' not in page
    assert (
        '<link rel="alternate" hreflang="de" href="' in page
        and f'href="../de/{SLUG}.html" hreflang="de"' in page
    )
    assert 'content="pl_PL"' not in page and 'content="de_DE"' in page
    # Only the pages were built: the e-book and PDF downloads go too (no brochure either).
    assert f'href="{SLUG}.pdf"' in built and f'href="{SLUG}.epub"' in built
    assert 'type="application/pdf"' not in page and 'type="application/epub+zip"' not in page
    assert page.count("<li>") == built.count("<li>") - 3 - 2
    german = (project_copy / "outputs" / "site" / "de" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert f'href="../fr/{SLUG}.html" hreflang="fr"' in german and 'hreflang="cs"' not in german


def test_a_language_offers_only_its_own_brochures_and_only_those_built(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["de"], ["html"], draft=False)
    config = load_editions_config(project)
    editions = {edition.key: edition for edition in config.editions}
    # Stand-ins for brochures: the site copies what is there, whatever makes it.
    for key in ("erlangen", "exeter"):
        screen = edition_paths(project, SLUG, editions[key], False)[0]
        screen.parent.mkdir(parents=True, exist_ok=True)
        screen.write_bytes(b"%PDF-1.7\n")
    html = build_site(project).read_text(encoding="utf-8")
    german = html[html.index('lang="de" aria-labelledby') :]
    assert f'href="editions/erlangen/{SLUG}-erlangen.pdf"' in german
    assert "exeter" not in html  # English was not built: no English section, no Exeter link
    assert f'href="de/{SLUG}.epub"' not in html  # no e-book built, none offered
    assert f'src="de/{SLUG}-cover.png" alt="Titelseite: ' in german


def test_what_the_site_no_longer_offers_is_removed_and_said(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    build(project, ["fr"], ["html"], draft=False)
    site = project_copy / "outputs" / "site"
    # What an earlier build left: a city since taken out of editions.yml, a font since deleted.
    stale = [site / "editions" / "lyon" / f"{SLUG}-lyon.pdf", site / "assets" / "fonts" / "Gone.ttf"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"stale")
    with caplog.at_level(logging.INFO, logger="pipeline"):
        build_site(project)
    assert not any(path.exists() for path in stale)
    assert not (site / "editions").exists()  # the folder left empty goes too
    assert (site / "fr" / f"{SLUG}.html").is_file() and (site / "assets" / "fonts").is_dir()
    assert f"removed outputs/site/editions/lyon/{SLUG}-lyon.pdf: no longer part of the web edition" in (
        caplog.messages
    )
