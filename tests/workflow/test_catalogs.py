"""pipeline.workflow.catalogs: templates and catalogs kept up to date on disk, counted."""

from __future__ import annotations

from pathlib import Path

from pipeline.project import Project
from pipeline.workflow.catalogs import collect_stats, extract_templates, update_catalogs

from ..conftest import SLUG


def test_up_to_date_catalogs_are_not_rewritten(project_copy: Path) -> None:
    project = Project(project_copy)
    catalogs = sorted(project.locales_dir.rglob("*.po*"))
    before = {path: path.read_bytes() for path in catalogs}
    assert extract_templates(project) == []
    assert update_catalogs(project) == []
    assert {path: path.read_bytes() for path in catalogs} == before


def test_a_new_language_gets_catalogs_for_the_article_and_the_interface(project_copy: Path) -> None:
    project = Project(project_copy)
    changed = update_catalogs(project, ["it"])
    assert sorted(project.relative(path) for path in changed) == [
        f"locales/it/LC_MESSAGES/{SLUG}.po",
        "locales/it/LC_MESSAGES/ui.po",
    ]


def test_french_gets_an_interface_catalog_and_no_article_catalog(project_copy: Path) -> None:
    project = Project(project_copy)
    project.catalog_path("fr", "ui").unlink()
    assert [project.relative(path) for path in update_catalogs(project, ["fr"])] == [
        "locales/fr/LC_MESSAGES/ui.po"
    ]
    assert not project.catalog_path("fr", SLUG).exists()


def test_stats_count_every_target_language_in_linguas_order(project_copy: Path) -> None:
    project = Project(project_copy)
    rows = collect_stats(project)
    assert [row.lang for row in rows] == list(project.target_languages())
    assert all(row.slug == SLUG and row.stats is not None for row in rows)
    assert all(row.stats.untranslated == 0 and row.stats.fuzzy == 0 for row in rows if row.stats)
    project.catalog_path("pl", SLUG).unlink()
    assert next(row for row in collect_stats(project) if row.lang == "pl").stats is None
