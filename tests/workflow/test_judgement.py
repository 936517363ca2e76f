"""The one judgement: which jobs a release refuses, and which languages publish an article."""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.po import read_catalog, write_catalog
from pipeline.project import Project
from pipeline.qa.checks import Severity
from pipeline.qa.runner import Finding
from pipeline.workflow.build import plan_jobs
from pipeline.workflow.editions import brochure_inputs
from pipeline.workflow.judgement import Job, Refusal, judge, published, refusal_record
from pipeline.workflow.sources import load_editions_config

from ..project import ROOT, SLUG

SOURCE = ROOT / "source" / f"{SLUG}.md"

COLLECTION = "rennes-international"


def error_in(path: str) -> Finding:
    return Finding(
        path, 3, Severity.ERROR, "markup", "expected the markup of the French (none), found another"
    )


def refused_jobs(project: Project, jobs: list[Job], *paths: str) -> list[str]:
    return [refusal.job.describe() for refusal in judge(project, jobs, [error_in(path) for path in paths])]


def test_an_error_refuses_the_jobs_that_read_its_file_and_no_other() -> None:
    project = Project(ROOT)
    jobs = plan_jobs(project, project.languages(), ["html", "editions"])
    german = f"locales/de/LC_MESSAGES/{SLUG}.po"
    # The collection that holds the article is refused with it, in the same edition.
    assert refused_jobs(project, jobs, german) == [
        f"de: {SLUG}",
        f"erlangen: {SLUG} (brochures)",
        f"erlangen: {COLLECTION} (brochures)",
    ]
    assert refused_jobs(project, jobs, "locales/en_US/LC_MESSAGES/ui.po") == [
        f"rochester: {SLUG} (brochures)",
        f"rochester: {COLLECTION} (brochures)",
    ]
    assert refused_jobs(project, jobs, "locales/en/LC_MESSAGES/ui.po") == [
        f"en: {SLUG}",
        *(
            f"{city}: {name} (brochures)"
            for name in (SLUG, COLLECTION)
            for city in ("exeter", "rochester", "cork")
        ),
    ]
    # The collection's own catalog: its jobs only, the article's stand.
    assert refused_jobs(project, jobs, f"locales/pl/LC_MESSAGES/{COLLECTION}.po") == [
        f"poznan: {COLLECTION} (brochures)"
    ]
    assert len(refused_jobs(project, jobs, f"source/{SLUG}.md")) == len(jobs)
    assert len(refused_jobs(project, jobs, "source/editions.yml")) == len(jobs)  # every job reads it
    assert refused_jobs(project, jobs, "locales/de/LC_MESSAGES/another-article.po") == []
    assert judge(project, jobs, []) == []


def test_a_refusal_is_recorded_with_each_reason_once() -> None:
    reasons = (str(error_in("locales/de/LC_MESSAGES/a.po")),)
    refused = [
        Refusal(Job(SOURCE, "de", ("html",)), reasons),
        Refusal(Job(SOURCE, "de", (), "erlangen"), reasons),
    ]
    assert refusal_record(refused).splitlines() == [
        *reasons,
        f"refused de: {SLUG}: not built",
        f"refused erlangen: {SLUG} (brochures): not built",
    ]
    assert refusal_record([]) == ""


def test_a_language_publishes_the_articles_its_release_does_not_refuse_and_a_draft_every_one(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    assert published(project, "de") == [SLUG]
    path = project.catalog_path("de", SLUG)
    catalog = read_catalog(path, "de")
    catalog["Le parcours de Simon Letonturier"].string = "Der Werdegang von <b>Simon</b>"
    write_catalog(path, catalog)
    assert published(project, "de") == []
    assert published(project, "de", draft=True) == [SLUG]
    assert published(project, "pl") == [SLUG]
    # A brochure's languages page offers the languages that publish it: German no longer, in a release.
    exeter = load_editions_config(project).get("exeter")
    source = project.source_dir / f"{SLUG}.md"
    assert [lang for lang, _ in brochure_inputs(project, source, exeter, False).other_languages] == [
        "fr",
        "pl",
        "cs",
    ]
    assert "de" in [lang for lang, _ in brochure_inputs(project, source, exeter, True).other_languages]
