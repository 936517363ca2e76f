"""pipeline.drafts.policy: what a run drafts and how a draft enters its catalog, on inline catalogs and
through the real deep-translator client against a LibreTranslate-compatible server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.po import read_catalog
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from ..conftest import SLUG
from ..fake_libretranslate import Behaviour, fake_translation, running_server
from .conftest import german, options, with_new_article

# --- on inline catalogs -----------------------------------------------------------------------------


# --- against the local server -----------------------------------------------------------------------


def test_drafts_land_fuzzy_with_the_engine_named_and_reviewed_entries_untouched(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    reviewed_before = project.catalog_path("de", SLUG).read_bytes()
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        reports = draft_translations(project, ["de"], options(url))
    catalog = german(project)
    drafted = [message for message in catalog if message.id]
    assert drafted and all(message.fuzzy for message in drafted)
    for message in drafted:
        assert "machine translation: libretranslate" in message.auto_comments
        assert message.string == fake_translation(message.id, "de")  # markup restored exactly
    assert project.catalog_path("de", SLUG).read_bytes() == reviewed_before
    assert reports["de"].drafted == len(drafted) and reports["de"].requests == behaviour.requests


def test_a_second_run_sends_no_request(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        draft_translations(project, ["de"], options(url))
        first = behaviour.requests
        after = draft_translations(project, ["de"], options(url))
    assert first > 0 and behaviour.requests == first and after["de"].requests == 0


def test_memory_reuses_reviewed_sentences_of_another_article(project_copy: Path) -> None:
    (project_copy / "source" / "suite.md").write_text(
        "---\ntitle: Suite\nlang: fr\n---\n\n## Le parcours de Simon Letonturier\n\n"
        "## Les réseaux et partenariats de la métropole\n\nUne phrase toute neuve.\n",
        encoding="utf-8",
    )
    project = Project(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project, "suite")
    exact = catalog.get("Le parcours de Simon Letonturier")
    reviewed = read_catalog(project.catalog_path("de", SLUG), "de").get("Le parcours de Simon Letonturier")
    assert exact is not None and reviewed is not None
    assert exact.string == reviewed.string and not exact.fuzzy
    assert any(comment.startswith("translation memory: reviewed in") for comment in exact.auto_comments)
    close = catalog.get("Les réseaux et partenariats de la métropole")
    assert close is not None and close.fuzzy and close.string
    assert any("% match from" in comment for comment in close.auto_comments)
    assert report.from_memory == 2 and behaviour.requests == 2  # "Suite" and the new sentence only


def test_damaged_placeholders_leave_the_message_untranslated(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with running_server(Behaviour(always="damage")) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project)
    link = next(message for message in catalog if message.id and "](https://www.erlangen.de/)" in message.id)
    assert not link.string
    assert any("placeholders damaged" in failure for failure in report.failed)
