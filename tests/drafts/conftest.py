"""Helpers of the drafting tests: run options for the local server, a client through a run's session,
an article with no translation yet."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import read_catalog
from pipeline.drafts.engines import Engine, make_engine
from pipeline.drafts.policy import DraftOptions
from pipeline.drafts.runner import EngineGuard, open_session
from pipeline.project import Project

from ..project import DATA

NEW = "rencontre-erlangen"


def options(url: str, **changes: object) -> DraftOptions:
    values: dict[str, object] = {"engine": "libretranslate", "url": url, "timeout": 2.0, "backoff": 0.01}
    values.update(changes)
    return DraftOptions(**values)  # type: ignore[arg-type]


def client(settings: DraftOptions, guard: EngineGuard | None = None) -> Engine:
    """A French → German client of ``settings``' engine, through the session a run would give it."""
    session = open_session(settings, guard or EngineGuard.for_run(settings))
    return make_engine(settings.engine, "fr", "de", settings.url, settings.timeout, session)


def with_new_article(project_copy: Path) -> Project:
    shutil.copy(DATA / f"{NEW}.md", project_copy / "source")
    return Project(project_copy)


def german(project: Project, slug: str = NEW) -> Catalog:
    return read_catalog(project.catalog_path("de", slug), "de")


def big_article(count: int) -> str:
    paragraphs = "\n\n".join(f"Paragraphe numéro {index} du long article de test." for index in range(count))
    return f"---\ntitle: Long\nlang: fr\n---\n\n{paragraphs}\n"
