"""French articles → templates and up-to-date catalogs on disk; catalogs → counts."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalogs.po import (
    CatalogStats,
    count_catalog,
    new_catalog,
    read_catalog,
    update_catalog,
    write_catalog,
)
from pipeline.project import Project
from pipeline.workflow.sources import (
    catalog_languages,
    load_catalog,
    templates,
)

log = logging.getLogger(__name__)


def extract_templates(project: Project) -> list[Path]:
    """Write the POT of every article and of the interface; return the files changed."""
    changed = []
    for slug, template in templates(project):
        path = project.template_path(slug)
        if write_catalog(path, template):
            changed.append(path)
    return changed


def update_catalogs(project: Project, languages: Iterable[str] | None = None) -> list[Path]:
    """Extract every template and bring every catalog up to date; return the files changed."""
    changed: list[Path] = []
    for slug, template in templates(project):
        if write_catalog(project.template_path(slug), template):
            changed.append(project.template_path(slug))
        for lang in catalog_languages(slug, languages, project):
            path = project.catalog_path(lang, slug)
            if path.exists():
                catalog = update_catalog(read_catalog(path, lang, project.relative(path)), template)
            else:
                log.info("%s: new catalog", project.relative(path))
                catalog = new_catalog(template, lang)
            if write_catalog(path, catalog):
                changed.append(path)
    return changed


@dataclass(frozen=True)
class LanguageStats:
    """``jumelage stats`` for one article in one language."""

    slug: str
    lang: str
    stats: CatalogStats | None


def collect_stats(project: Project) -> list[LanguageStats]:
    """Counts of every catalog of every article, in LINGUAS order."""
    rows: list[LanguageStats] = []
    for source in project.sources():
        slug = source.stem
        for lang in project.target_languages():
            catalog = load_catalog(project, lang, slug)
            rows.append(LanguageStats(slug, lang, count_catalog(catalog) if catalog is not None else None))
    return rows
