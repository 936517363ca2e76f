"""A language's build: its jobs, and a pool of workers that reports as the process itself would."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest

from pipeline.errors import JumelageError, Problem, ReleaseError, SourceError
from pipeline.project import Project
from pipeline.workflow import build as build_module
from pipeline.workflow.build import build, plan_jobs
from pipeline.workflow.judgement import Job

from ..project import ROOT, SLUG

SOURCE = ROOT / "source" / f"{SLUG}.md"
COLLECTION = ROOT / "source" / "collections" / "rennes-international.md"


def test_a_language_builds_its_articles_and_collections_and_the_brochures_of_its_editions() -> None:
    project = Project(ROOT)
    jobs = plan_jobs(project, ["de"], ["html", "pdf", "epub", "editions"])
    assert jobs == [
        Job(SOURCE, "de", ("html", "pdf", "epub")),
        Job(COLLECTION, "de", ("epub",)),  # the collection's e-book
        Job(SOURCE, "de", (), "erlangen"),
        Job(COLLECTION, "de", (), "erlangen"),  # and its brochure
    ]
    english = plan_jobs(project, ["en"], ["editions"])
    assert [job.edition for job in english] == ["exeter", "rochester", "cork"] * 2
    assert plan_jobs(project, ["fr"], ["epub", "editions"]) == [
        Job(SOURCE, "fr", ("epub",)),
        Job(COLLECTION, "fr", ("epub",)),
    ]  # no French city
    # Articles named: their jobs only, no collection's.
    assert plan_jobs(project, ["de"], ["epub", "editions"], [SOURCE]) == [
        Job(SOURCE, "de", ("epub",)),
        Job(SOURCE, "de", (), "erlangen"),
    ]


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
