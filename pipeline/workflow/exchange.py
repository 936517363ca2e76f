"""Catalogs on disk ↔ XLIFF files for agencies: ``make xliff`` writes them, ``make xliff-import`` reads them.

An export is one file per catalog, ``outputs/xliff/<lang>/<slug>.xlf``. An
import reads every ``<file>`` of a document, checks each against its catalog
(:func:`pipeline.catalogs.xliff.merge_xliff`) and writes the catalogs only when
all of them passed: a refused file changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import read_catalog, serialize_catalog, write_catalog
from pipeline.catalogs.xliff import MergeReport, XliffError, XliffFile, export_xliff, merge_xliff, parse_xliff
from pipeline.errors import Problem
from pipeline.fileio import write_bytes
from pipeline.project import (
    UI_DOMAIN,
    Project,
    domain_source_language,
    language_tag,
    regional_catalog,
)
from pipeline.text import base_language
from pipeline.workflow.sources import regions

_ORIGINAL = re.compile(
    r"^locales/(?P<lang>[a-z]{2,3}(?:_[A-Z]{2})?)/LC_MESSAGES/(?P<slug>[a-z0-9][a-z0-9-]*)\.po$"
)


@dataclass(frozen=True)
class Exchange:
    """One catalog of the project: its language, domain and file, and the language it inherits from."""

    lang: str
    slug: str
    path: Path
    parent: str | None = None


def exchanges(project: Project, languages: Iterable[str] | None = None) -> list[Exchange]:
    """The catalogs a translator may be sent, in LINGUAS order, each region after its language.

    With ``languages``, only those; a language names its regions too.
    """
    chosen = set(languages) if languages is not None else None
    every_region = regions(project)
    found: list[Exchange] = []
    domains = [(source.stem, project.target_languages()) for source in project.translated_sources()]
    for slug, listed in [*domains, (UI_DOMAIN, project.languages())]:
        for lang in listed:
            path = project.catalog_path(lang, slug)
            if (chosen is None or lang in chosen) and path.exists():
                found.append(Exchange(lang, slug, path))
            for region in every_region:
                regional_path = project.catalog_path(region, slug)
                if (
                    base_language(region) == lang
                    and (chosen is None or region in chosen or lang in chosen)
                    and regional_path.exists()
                ):
                    found.append(Exchange(region, slug, regional_path, parent=lang))
    return found


def xliff_path(project: Project, lang: str, slug: str) -> Path:
    return project.outputs_dir / "xliff" / lang / f"{slug}.xlf"


def export_xliff_files(project: Project, languages: Iterable[str] | None = None) -> list[Path]:
    """Write the XLIFF of every catalog of ``languages``; return the files written (changed or not)."""
    written = []
    for exchange in exchanges(project, languages):
        data = xliff_bytes(project, exchange)
        output = xliff_path(project, exchange.lang, exchange.slug)
        write_bytes(output, data)
        written.append(output)
    return written


def xliff_bytes(project: Project, exchange: Exchange) -> bytes:
    catalog = read_catalog(exchange.path, exchange.lang, project.relative(exchange.path))
    parent = _parent(project, exchange)
    return export_xliff(
        catalog,
        project.relative(exchange.path),
        exchange.lang,
        parent,
        exchange.parent,
        domain_source_language(exchange.slug),
    )


def _parent(project: Project, exchange: Exchange) -> Catalog | None:
    if exchange.parent is None:
        return None
    path = project.catalog_path(exchange.parent, exchange.slug)
    return read_catalog(path, exchange.parent, project.relative(path)) if path.exists() else None


@dataclass(frozen=True)
class ImportedCatalog:
    """One catalog an import merged, and whether its file changed."""

    exchange: Exchange
    report: MergeReport
    written: bool
    build: str | None


def import_xliff_file(project: Project, xliff: Path, write: bool = True) -> list[ImportedCatalog]:
    """Merge an XLIFF document into its catalogs; write them only when every ``<file>`` fits.

    Raises :class:`XliffError` with every problem found, each at its line.
    """
    shown = project.relative(xliff)
    if not xliff.is_file():
        raise XliffError(shown, None, "expected an XLIFF file to import, found no such file")
    return import_xliff_data(project, xliff.read_bytes(), shown, write)


def import_xliff_data(project: Project, data: bytes, shown: str, write: bool = True) -> list[ImportedCatalog]:
    """:func:`import_xliff_file` for an XLIFF read elsewhere (a kit's entry), shown as ``shown``."""
    files = parse_xliff(data, shown)
    merged: list[tuple[Exchange, Catalog, MergeReport, XliffFile]] = []
    problems: list[Problem] = []
    known = {(exchange.lang, exchange.slug): exchange for exchange in exchanges(project)}
    for file in files:
        exchange = _exchange_of(file, known, shown, problems)
        if exchange is None:
            continue
        catalog = read_catalog(exchange.path, exchange.lang, project.relative(exchange.path))
        try:
            report = merge_xliff(catalog, file, shown, _parent(project, exchange))
        except XliffError as exc:
            problems.extend(exc.problems)
            continue
        merged.append((exchange, catalog, report, file))
    if problems:
        raise XliffError(problems[0].path, problems[0].line, problems[0].message, problems)
    results = []
    for exchange, catalog, report, file in merged:
        changed = serialize_catalog(catalog) != exchange.path.read_bytes()
        if write and changed:
            write_catalog(exchange.path, catalog)
        results.append(ImportedCatalog(exchange, report, changed, file.build))
    return results


def _exchange_of(
    file: XliffFile, known: dict[tuple[str, str], Exchange], path: str, problems: list[Problem]
) -> Exchange | None:
    """The catalog a ``<file>`` names, checked against its languages; ``None`` with a problem if none."""
    match = _ORIGINAL.match(file.original)
    if match is None or (match["lang"], match["slug"]) not in known:
        problems.append(
            Problem(
                path,
                file.line,
                f"expected original= to name a catalog of this project "
                f"(locales/<lang>/LC_MESSAGES/<slug>.po), found {file.original!r}",
            )
        )
        return None
    exchange = known[(match["lang"], match["slug"])]
    wanted = domain_source_language(exchange.slug)
    if base_language(file.source_language) != wanted:
        problems.append(
            Problem(
                path,
                file.line,
                f"expected source-language={wanted!r}, the language {file.original} is translated from, "
                f"found {file.source_language!r}",
            )
        )
        return None
    if not _same_language(file.target_language, exchange.lang):
        problems.append(
            Problem(
                path,
                file.line,
                f"expected target-language={language_tag(exchange.lang)!r} for {file.original}, "
                f"found {file.target_language!r}",
            )
        )
        return None
    return exchange


def _same_language(tag: str, lang: str) -> bool:
    """Whether an XLIFF ``target-language`` names the catalog's language.

    >>> [_same_language(tag, "de") for tag in ("de", "de-DE", "DE", "pl", "de-AT", "x--")]
    [True, True, True, False, False, False]
    >>> [_same_language(tag, "cs") for tag in ("cs", "cs-CZ", "cs-SK")]
    [True, True, False]
    >>> [_same_language(tag, "en_US") for tag in ("en-US", "en_us", "en", "en-GB")]
    [True, True, False, False]
    """
    given = tag.replace("-", "_")
    if "_" in lang:
        return given.lower() == lang.lower()
    try:
        return base_language(given).lower() == lang and regional_catalog(given) is None
    except (ValueError, UnknownLocaleError):
        return False
