"""pipeline.workflow.catalogs: templates and catalogs kept up to date on disk, counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import message_string, read_catalog, write_catalog
from pipeline.project import Project
from pipeline.workflow.catalogs import collect_stats, extract_templates, update_catalogs

from ..project import SLUG

TITLE = "Simon Letonturier présente le service international"


def test_up_to_date_catalogs_are_not_rewritten(project_copy: Path) -> None:
    project = Project(project_copy)
    catalogs = sorted(project.locales_dir.rglob("*.po*"))
    before = {path: path.read_bytes() for path in catalogs}
    assert extract_templates(project) == []
    # Regional catalogs (en_US) included: the committed catalogs are exactly what `make catalogs` writes.
    assert update_catalogs(project) == []
    assert {path: path.read_bytes() for path in catalogs} == before


def test_a_new_language_gets_catalogs_for_the_article_the_collection_and_the_interface(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    changed = update_catalogs(project, ["it"])
    assert sorted(project.relative(path) for path in changed) == [
        "locales/it/LC_MESSAGES/rennes-international.po",
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
    rows = [row for row in collect_stats(project) if not row.regional and row.slug == SLUG]
    assert [row.lang for row in rows] == list(project.target_languages())
    assert all(row.stats is not None for row in rows)
    assert all(row.stats.untranslated == 0 and row.stats.fuzzy == 0 for row in rows if row.stats)
    project.catalog_path("pl", SLUG).unlink()
    assert next(row for row in collect_stats(project) if row.lang == "pl").stats is None


def test_stats_count_the_interface_words_too_in_every_language_french_included(project_copy: Path) -> None:
    project = Project(project_copy)
    rows = [row for row in collect_stats(project) if row.slug == "ui" and not row.regional]
    assert [row.lang for row in rows] == list(project.languages())
    template = read_catalog(project.template_path("", "ui"), None, "ui.pot")
    assert all(row.stats is not None and row.stats.translated == len(template) for row in rows)


def test_stats_narrowed_to_some_languages_keep_their_regions(project_copy: Path) -> None:
    project = Project(project_copy)
    assert {(row.slug, row.lang) for row in collect_stats(project, ["de", "en"])} == {
        (slug, lang) for slug in (SLUG, "rennes-international", "ui") for lang in ("de", "en", "en_US")
    }


def american(project: Project) -> Catalog:
    """The en_US article catalog of a copy, as `make catalogs` creates it."""
    update_catalogs(project)
    return read_catalog(project.catalog_path("en_US", SLUG), "en_US")


def test_make_catalogs_creates_the_regional_catalog_of_an_edition_with_every_message(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    project.catalog_path("en_US", SLUG).unlink(missing_ok=True)
    catalog = american(project)
    template = read_catalog(project.template_path(SLUG))
    assert [message.id for message in catalog if message.id] == [
        message.id for message in template if message.id
    ]
    assert all(not message_string(message) for message in catalog if message.id)  # each inherits en
    # No region for Exeter (en-GB) nor Cork (en-IE): the en catalogs are written for them.
    assert sorted(path.name for path in project.locales_dir.iterdir() if path.is_dir()) == [
        "cs",
        "de",
        "en",
        "en_US",
        "fr",
        "pl",
    ]


def test_a_regional_folder_of_its_own_gets_catalogs_too(project_copy: Path) -> None:
    project = Project(project_copy)
    (project.locales_dir / "de_AT" / "LC_MESSAGES").mkdir(parents=True)
    changed = {project.relative(path) for path in update_catalogs(project, ["de"])}
    assert {f"locales/de_AT/LC_MESSAGES/{SLUG}.po", "locales/de_AT/LC_MESSAGES/ui.po"} <= changed
    assert not any("en_US" in path for path in changed)  # only the regions of the languages asked for
    # A region named on its own is kept as a region: every message inheriting, its header says so.
    project.catalog_path("en_US", SLUG).unlink(missing_ok=True)
    update_catalogs(project, ["en_US"])
    american = project.catalog_path("en_US", SLUG).read_text(encoding="utf-8")
    assert 'An empty msgstr means "use locales/en"' in american


def test_an_edited_paragraph_makes_its_override_fuzzy_and_a_removed_one_obsolete(project_copy: Path) -> None:
    project = Project(project_copy)
    project.catalog_path("en_US", SLUG).unlink()  # a new regional catalog: no override yet
    catalog = american(project)
    title, heading = TITLE, "Le parcours de Simon Letonturier"
    catalog[title].string = "Simon Letonturier introduces the international program"
    catalog[heading].string = "Simon Letonturier's career path"
    write_catalog(project.catalog_path("en_US", SLUG), catalog)
    source = project.source_dir / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8").replace(title, f"{title} de la métropole", 1)
    source.write_text(text.replace(f"## {heading}\n\n", "", 1), encoding="utf-8")

    updated = american(project)
    edited = updated[f"{title} de la métropole"]
    assert edited.fuzzy
    assert f'#| msgid "{title}"' in project.catalog_path("en_US", SLUG).read_text(encoding="utf-8")
    assert edited.string == "Simon Letonturier introduces the international program"
    assert list(updated.obsolete) == [heading]  # kept as #~, like any catalog's
    row = next(row for row in collect_stats(project) if row.lang == "en_US")
    assert row.regional and row.stats is None and row.overrides is not None
    assert (row.overrides.overrides, row.overrides.fuzzy) == (0, 1)


def test_make_catalogs_clears_a_header_a_tool_left_fuzzy_and_says_so(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = project_copy / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    text = path.read_text("utf-8")
    path.write_text(text.replace('msgid ""\n', '#, fuzzy\nmsgid ""\n', 1), "utf-8")
    from pipeline.drafts.glossary import Glossary
    from pipeline.qa.runner import Severity
    from pipeline.workflow.qa import check_project

    found = [f for f in check_project(Project(project_copy), ["de"], Glossary()) if f.check == "header"]
    assert [(f.severity, f.line) for f in found] == [(Severity.WARNING, 4)]
    with caplog.at_level("WARNING"):
        update_catalogs(Project(project_copy), ["de"])
    assert "the header was marked fuzzy (by a tool such as xliff2po): cleared" in caplog.text
    assert path.read_text("utf-8") == text
