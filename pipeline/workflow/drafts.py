"""Catalogs → catalogs with machine drafts, translation memory in and out, the pseudo edition."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import (
    MEMORY_COMMENT,
    new_catalog,
    update_catalog,
    write_catalog,
)
from pipeline.drafts.engines import PseudoEngine, make_engine
from pipeline.drafts.glossary import load_glossary
from pipeline.drafts.memory import TranslationMemory, export_tmx, memory_from_catalogs, parse_tmx
from pipeline.drafts.policy import (
    DraftOptions,
    DraftReport,
    draft_language,
    select_messages,
    set_draft,
)
from pipeline.drafts.runner import EngineGuard, ProgressReporter, open_session
from pipeline.drafts.termbase import TbxError, TermbaseMerge, export_tbx, glossary_csv, merge_tbx, parse_tbx
from pipeline.fileio import write_bytes
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, Project
from pipeline.workflow.build import build
from pipeline.workflow.sources import (
    load_catalog,
    templates,
)

log = logging.getLogger(__name__)


def load_memory(project: Project) -> TranslationMemory:
    """The reviewed translations of every article's catalog, in every language."""
    triples = []
    for source in project.translated_sources():
        for lang in project.target_languages():
            catalog = load_catalog(project, lang, source.stem)
            if catalog is not None:
                triples.append((source.stem, lang, catalog))
    return memory_from_catalogs(triples)


def _article_catalogs(project: Project, lang: str) -> dict[str, Catalog]:
    """Every article's catalog in ``lang``, created from its template when missing."""
    catalogs = {}
    for slug, template in templates(project):
        if slug == UI_DOMAIN:
            continue
        catalog = load_catalog(project, lang, slug)
        catalogs[slug] = (
            update_catalog(catalog, template) if catalog is not None else new_catalog(template, lang)
        )
    return catalogs


def draft_translations(
    project: Project,
    languages: Iterable[str],
    options: DraftOptions,
    progress: ProgressReporter | None = None,
) -> dict[str, DraftReport]:
    """Fill the untranslated messages of every article in ``languages`` with fuzzy drafts.

    ``progress``, when given, hears how far each language's run is. One
    guard and one HTTP session serve every language: an engine given up for
    one is not asked for the next, and ``options.deadline`` bounds the whole run.
    """
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    memory = load_memory(project)
    guard = EngineGuard.for_run(options)
    session = open_session(options, guard)
    reports = {}
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        catalogs = _article_catalogs(project, lang)

        def save(slug: str, lang: str = lang, catalogs: dict[str, Catalog] = catalogs) -> None:
            write_catalog(project.catalog_path(lang, slug), catalogs[slug])

        engine = make_engine(options.engine, SOURCE_LANGUAGE, lang, options.url, options.timeout, session)
        # Catalogs first brought up to date and written, so a stopped run leaves them all.
        for slug in catalogs:
            save(slug)
        reports[lang] = draft_language(
            catalogs, lang, engine, memory, glossary, options, save, progress, guard
        )
        for slug in catalogs:
            save(slug)
    return reports


def export_memory(project: Project, output: Path) -> int:
    """Write the project's reviewed translations as TMX; return how many units."""
    memory = load_memory(project)
    write_bytes(output, export_tmx(memory))
    return len({source for entries in memory.entries.values() for source in entries})


def import_memory(project: Project, tmx: Path) -> int:
    """Fill untranslated messages from a TMX file, fuzzy, for review; return how many."""
    memory = parse_tmx(tmx.read_bytes() if tmx.exists() else b"", project.relative(tmx))
    filled = 0
    for lang in project.target_languages():
        catalogs = _article_catalogs(project, lang)
        for slug, catalog in catalogs.items():
            changed = False
            for message in select_messages(catalog, refresh_fuzzy=False):
                entry = memory.exact(lang, str(message.id))
                if entry is not None:
                    set_draft(message, entry.target, f"{MEMORY_COMMENT}imported from {tmx.name}")
                    filled += 1
                    changed = True
            if changed:
                write_catalog(project.catalog_path(lang, slug), catalog)
    return filled


def export_termbase(project: Project, output: Path) -> None:
    """Write the glossary as TBX-Basic, every target language."""
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    write_bytes(output, export_tbx(glossary, project.target_languages()))


def import_termbase(project: Project, tbx: Path, write: bool = True) -> TermbaseMerge:
    """Merge a TBX into the glossary: empty cells filled, new terms added, conflicts reported, kept."""
    shown = project.relative(tbx)
    if not tbx.is_file():
        raise TbxError(shown, None, "expected a TBX file to import, found no such file")
    path = project.glossary_path
    glossary = load_glossary(path, project.relative(path))
    report = merge_tbx(glossary, parse_tbx(tbx.read_bytes(), shown), project.target_languages())
    columns = _glossary_columns(path, project.target_languages())
    if write and (report.added or report.filled):
        write_bytes(path, glossary_csv(report.glossary, columns))
    return report


def _glossary_columns(path: Path, languages: Iterable[str]) -> list[str]:
    """The glossary's columns as its file has them, with any language it lacks before ``note``."""
    header = path.read_text("utf-8").splitlines()[0].split(",") if path.exists() else ["fr", "keep", "note"]
    missing = [lang for lang in languages if lang not in header]
    at = header.index("note") if "note" in header else len(header)
    return [*header[:at], *missing, *header[at:]]


PSEUDO_LANGUAGE = "en"


def build_pseudo(project: Project, formats: Iterable[str]) -> list[Path]:
    """A pseudo-localised draft edition in ``outputs/pseudo/``, for testing layouts."""
    base = project.outputs_dir / "pseudo"
    pseudo = Project(project.root, locales=base / "locales", outputs=base)
    engine = PseudoEngine()
    options = DraftOptions(engine="pseudo")
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    for slug, template in templates(project):
        catalog = new_catalog(template, PSEUDO_LANGUAGE)
        draft_language(
            {slug: catalog},
            PSEUDO_LANGUAGE,
            engine,
            TranslationMemory(),
            glossary,
            options,
            lambda _slug: None,
        )
        write_catalog(pseudo.catalog_path(PSEUDO_LANGUAGE, slug), catalog)
    return list(build(pseudo, [PSEUDO_LANGUAGE], formats, draft=True).written)
