"""French articles → templates and up-to-date catalogs on disk, regional ones too; catalogs → counts."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import (
    CatalogStats,
    count_catalog,
    new_catalog,
    read_catalog,
    update_catalog,
    write_catalog,
)
from pipeline.catalogs.regions import (
    OverrideStats,
    count_overrides,
    new_regional_catalog,
    update_regional_catalog,
)
from pipeline.project import UI_DOMAIN, Project
from pipeline.text import base_language
from pipeline.workflow.sources import (
    catalog_languages,
    load_catalog,
    regions,
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
    """Extract every template and bring every catalog up to date; return the files changed.

    Regional catalogs (``en_US``) are created and updated with their language,
    each holding every message of the template (see :mod:`pipeline.catalogs.regions`).
    """
    chosen = list(languages) if languages is not None else None
    regional = regions(project, chosen)
    changed: list[Path] = []
    for slug, template in templates(project):
        if write_catalog(project.template_path(slug), template):
            changed.append(project.template_path(slug))
        for lang in catalog_languages(slug, chosen, project):
            if lang in regional:
                continue  # `--lang en_US` names a region: kept below, as one
            path = project.catalog_path(lang, slug)
            if path.exists():
                catalog = update_catalog(
                    _unfuzzy(project.relative(path), read_catalog(path, lang, project.relative(path))),
                    template,
                )
            else:
                log.info("%s: new catalog", project.relative(path))
                catalog = new_catalog(template, lang)
            if write_catalog(path, catalog):
                changed.append(path)
        for region in regional:
            path = project.catalog_path(region, slug)
            if path.exists():
                catalog = update_regional_catalog(
                    _unfuzzy(project.relative(path), read_catalog(path, region, project.relative(path))),
                    template,
                )
            else:
                log.info(
                    "%s: new regional catalog (an empty msgstr inherits the language's)",
                    project.relative(path),
                )
                catalog = new_regional_catalog(template, region)
            if write_catalog(path, catalog):
                changed.append(path)
    return changed


def _unfuzzy(shown: str, catalog: Catalog) -> Catalog:
    """Clear a header a tool marked fuzzy (Translate Toolkit's xliff2po, for one), saying so."""
    if catalog.fuzzy:
        log.warning("%s: the header was marked fuzzy (by a tool such as xliff2po): cleared", shown)
        catalog.fuzzy = False
    return catalog


@dataclass(frozen=True)
class LanguageStats:
    """``jumelage stats`` for one article (or the interface words) in one language, or in one region
    (``overrides``)."""

    slug: str
    """The article's slug, or ``ui``."""
    lang: str
    stats: CatalogStats | None
    overrides: OverrideStats | None = None
    regional: bool = False


def collect_stats(project: Project, languages: Iterable[str] | None = None) -> list[LanguageStats]:
    """Counts of every catalog of every article, then of the interface words (``ui``, French
    included), in LINGUAS order, each region after its language; with ``languages``, only
    those (a language names its regions too).

    A regional catalog counts its overrides: its empty entries inherit the
    language's translation and are not untranslated.
    """
    rows: list[LanguageStats] = []
    by_language: dict[str, list[str]] = {}
    for region in regions(project):
        by_language.setdefault(base_language(region), []).append(region)
    domains = [(source.stem, project.target_languages()) for source in project.translated_sources()]
    wanted = None if languages is None else set(languages)
    for domain, listed in [*domains, (UI_DOMAIN, project.languages())]:
        for lang in listed:
            if wanted is not None and lang not in wanted and not wanted & set(by_language.get(lang, [])):
                continue
            catalog = load_catalog(project, lang, domain)
            rows.append(LanguageStats(domain, lang, count_catalog(catalog) if catalog is not None else None))
            for region in by_language.get(lang, []):
                if wanted is not None and region not in wanted and lang not in wanted:
                    continue
                overrides = load_catalog(project, region, domain)
                counted = count_overrides(overrides) if overrides is not None else None
                rows.append(LanguageStats(domain, region, None, counted, regional=True))
    return rows
