"""A language's build: its jobs, and a pool of workers that reports as the process itself would."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest

from pipeline.errors import JumelageError, Problem, ReleaseError, SourceError
from pipeline.project import Project
from pipeline.qa.checks import Severity
from pipeline.qa.runner import Finding
from pipeline.workflow import build as build_module
from pipeline.workflow.build import Job, Refusal, build, judge, plan_jobs, refusal_record

from ..project import ROOT, SLUG

SOURCE = ROOT / "source" / f"{SLUG}.md"


def test_a_language_builds_its_articles_and_the_brochures_of_its_editions() -> None:
    project = Project(ROOT)
    jobs = plan_jobs(project, ["de"], ["html", "pdf", "epub", "editions"])
    assert jobs == [Job(SOURCE, "de", ("html", "pdf", "epub")), Job(SOURCE, "de", (), "erlangen")]
    english = plan_jobs(project, ["en"], ["editions"])
    assert [job.edition for job in english] == ["exeter", "rochester", "cork"]
    assert plan_jobs(project, ["fr"], ["epub", "editions"]) == [
        Job(SOURCE, "fr", ("epub",))
    ]  # no French city


@pytest.mark.parametrize(
    "error",
    [
        SourceError("source/a.md", 3, "expected a title, found none"),
        ReleaseError([Problem("locales/de/x.po", 7, "fuzzy"), Problem("b", None, "c")]),
    ],
)
def test_an_error_crosses_from_a_worker_to_its_parent_whole(error: JumelageError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error) and again.problem == error.problem


def fake_article(project: Project, source: Path, lang: str, formats: object, draft: bool) -> list[Path]:
    """Logs an error, as a stage does for an output a person must not trust, and says which process ran."""
    logging.getLogger("pipeline").error("%s: a fake error", lang)
    if lang == "cs":
        raise SourceError(source, 1, "expected a fake success, found a fake failure")
    return [Path(f"{lang}-{os.getpid()}")]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pool_reports_what_its_workers_wrote_and_logged(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(build_module, "write_article", fake_article)  # forked workers inherit it
    monkeypatch.setattr(build_module, "warm_up", lambda: None)
    done = build(Project(project_copy), ["fr", "de", "pl"], ["html"], False, workers=workers)
    pids = {path.name.split("-")[1] for path in done.written if path.name[:2] in {"fr", "de", "pl"}}
    assert done.errors == 3
    assert (str(os.getpid()) in pids) == (workers == 1)
    # A release refuses the job that failed and builds the others; a draft stops on it.
    done = build(Project(project_copy), ["fr", "cs"], ["html"], False, workers=workers)
    assert [refusal.job.lang for refusal in done.refused] == ["cs"]
    assert any("found a fake failure" in reason for reason in done.refused[0].reasons)
    assert [path.name[:2] for path in done.written if path.name[:2] in {"fr", "cs"}] == ["fr"]
    with pytest.raises(SourceError, match="found a fake failure"):
        build(Project(project_copy), ["fr", "cs"], ["html"], True, workers=workers)


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
    assert refused_jobs(project, jobs, german) == [f"de: {SLUG}", f"erlangen: {SLUG} (brochures)"]
    assert refused_jobs(project, jobs, "locales/en_US/LC_MESSAGES/ui.po") == [
        f"rochester: {SLUG} (brochures)"
    ]
    assert refused_jobs(project, jobs, "locales/en/LC_MESSAGES/ui.po") == [
        f"en: {SLUG}",
        *(f"{city}: {SLUG} (brochures)" for city in ("exeter", "rochester", "cork")),
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
