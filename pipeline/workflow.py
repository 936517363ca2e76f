"""Project on disk → catalogs and outputs on disk: the stages, wired with their I/O.

Each function here reads its inputs, calls the pure stages (``document``,
``extract``, ``catalogs``, ``apply``, ``render_*``) and writes its outputs
with :mod:`pipeline.fileio`. The CLI and the tests call these functions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from .apply import Translation, require_release, translate_document
from .catalogs import (
    CatalogStats,
    count_catalog,
    new_catalog,
    read_catalog,
    update_catalog,
    write_catalog,
)
from .document import Document, parse_document
from .errors import CatalogError, Problem
from .extract import extract_template, slug_of
from .fileio import read_text, write_text
from .project import SOURCE_LANGUAGE, UI_DOMAIN, Project
from .ui import Interface, interface_from_catalog, ui_template

log = logging.getLogger(__name__)


def load_document(project: Project, source: Path) -> Document:
    """Read and parse one French article."""
    return parse_document(read_text(source), project.relative(source))


def extract_templates(project: Project) -> list[Path]:
    """Write the POT of every article and of the interface; return the files changed."""
    changed = []
    for slug, template in _templates(project):
        path = project.template_path(slug)
        if write_catalog(path, template):
            changed.append(path)
    return changed


def _templates(project: Project) -> list[tuple[str, Catalog]]:
    templates = [
        (slug_of(document), extract_template(document))
        for document in (load_document(project, source) for source in project.sources())
    ]
    templates.append((UI_DOMAIN, ui_template()))
    return templates


def update_catalogs(project: Project, languages: Iterable[str] | None = None) -> list[Path]:
    """Extract every template and bring every catalog up to date; return the files changed."""
    targets = tuple(languages) if languages is not None else project.target_languages()
    changed: list[Path] = []
    for slug, template in _templates(project):
        if write_catalog(project.template_path(slug), template):
            changed.append(project.template_path(slug))
        # French needs interface words too; its articles need no catalog.
        for lang in (SOURCE_LANGUAGE, *targets) if slug == UI_DOMAIN else targets:
            path = project.catalog_path(lang, slug)
            if path.exists():
                catalog = update_catalog(read_catalog(path, lang, project.relative(path)), template)
            else:
                log.info("%s: new catalog", project.relative(path))
                catalog = new_catalog(template, lang)
            if write_catalog(path, catalog):
                changed.append(path)
    return changed


def load_catalog(project: Project, lang: str, slug: str) -> Catalog | None:
    """The catalog of ``slug`` in ``lang``, or ``None`` when it does not exist yet."""
    path = project.catalog_path(lang, slug)
    if lang == SOURCE_LANGUAGE and slug != UI_DOMAIN:
        return None
    if not path.exists():
        return None
    return read_catalog(path, lang, project.relative(path))


def load_interface(project: Project, lang: str, draft: bool) -> tuple[Interface, list[Problem]]:
    """The interface words of ``lang`` and, for a release, what is missing from them."""
    path = project.catalog_path(lang, UI_DOMAIN)
    return interface_from_catalog(lang, load_catalog(project, lang, UI_DOMAIN), project.relative(path), draft)


def translate(project: Project, source: Path, lang: str, draft: bool) -> tuple[Translation, Interface]:
    """Translate one article into ``lang``; a release raises on any missing message."""
    document = load_document(project, source)
    slug = slug_of(document)
    path = project.catalog_path(lang, slug)
    catalog = load_catalog(project, lang, slug)
    if catalog is None and lang != document.lang and not draft:
        raise CatalogError(
            project.relative(path), None, f"expected the {lang} catalog of {slug}, found none (run 'make catalogs')"
        )
    translation = translate_document(document, catalog, lang, project.relative(path), draft)
    interface, ui_problems = load_interface(project, lang, draft)
    if not draft:
        require_release([*translation.problems, *ui_problems])
    return translation, interface


def write_translation(project: Project, source: Path, lang: str, output: Path, draft: bool) -> bool:
    """Write the translated Markdown of one article (the input of the renderers)."""
    translation, _ = translate(project, source, lang, draft)
    return write_text(output, translation.to_markdown())


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
