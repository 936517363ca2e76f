"""Project on disk → catalogs and outputs on disk: the stages, wired with their I/O.

Each function here reads its inputs, calls the pure stages (``document``,
``extract``, ``catalogs``, ``apply``, ``render_*``) and writes its outputs
with :mod:`pipeline.fileio`. The CLI and the tests call these functions.
"""

from __future__ import annotations

import contextlib
import logging
import os
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
from .document import Document, parse_document, plain_text
from .editions import Edition, EditionsConfig, load_editions
from .errors import CatalogError, Problem
from .extract import extract_template, slug_of
from .fileio import read_text, write_bytes, write_text
from .glossary import load_glossary
from .memory import TranslationMemory, export_tmx, memory_from_catalogs, parse_tmx
from .project import SOURCE_LANGUAGE, UI_DOMAIN, Project, source_date
from .proof import write_proofs
from .render_brochure import render_brochure
from .render_cover import render_cover
from .render_epub import render_epub
from .render_html import Download, LanguageLink, PageLinks, render_html
from .render_pdf import EditionPdfs, render_edition_pdfs, render_pdf
from .render_site import IndexEntry, IndexLanguage, render_index
from .translate import (
    ENGINES,
    MEMORY_COMMENT,
    DraftOptions,
    DraftReport,
    PseudoEngine,
    bounded_requests,
    draft_language,
    make_engine,
    select_messages,
    set_draft,
)
from .typography import typeset_document
from .ui import Interface, endonym, interface_from_catalog, ui_template

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
    changed: list[Path] = []
    for slug, template in _templates(project):
        if write_catalog(project.template_path(slug), template):
            changed.append(project.template_path(slug))
        for lang in _catalog_languages(slug, languages, project):
            path = project.catalog_path(lang, slug)
            if path.exists():
                catalog = update_catalog(read_catalog(path, lang, project.relative(path)), template)
            else:
                log.info("%s: new catalog", project.relative(path))
                catalog = new_catalog(template, lang)
            if write_catalog(path, catalog):
                changed.append(path)
    return changed


def _catalog_languages(slug: str, languages: Iterable[str] | None, project: Project) -> list[str]:
    """French needs interface words too, but its articles need no catalog."""
    chosen = list(languages) if languages is not None else list(project.languages())
    if slug != UI_DOMAIN:
        return [lang for lang in chosen if lang != SOURCE_LANGUAGE]
    return chosen


def load_catalog(project: Project, lang: str, slug: str) -> Catalog | None:
    """The catalog of ``slug`` in ``lang``, or ``None`` when it does not exist yet."""
    path = project.catalog_path(lang, slug)
    if lang == SOURCE_LANGUAGE and slug != UI_DOMAIN:
        return None
    if not path.exists():
        return None
    return read_catalog(path, lang, project.relative(path))


def load_interface(
    project: Project, lang: str, draft: bool, region: str | None = None
) -> tuple[Interface, list[Problem]]:
    """The interface words of ``lang`` (with its region's) and, for a release, what is missing."""
    path = project.catalog_path(lang, UI_DOMAIN)
    catalog = _with_region(load_catalog(project, lang, UI_DOMAIN), project, region, UI_DOMAIN)
    interface, problems = interface_from_catalog(lang, catalog, project.relative(path), draft)
    if region is not None:
        interface = Interface(region.replace("_", "-"), interface.translations)
    return interface, problems


def translate(
    project: Project, source: Path, lang: str, draft: bool, region: str | None = None
) -> tuple[Translation, Interface]:
    """Translate one article into ``lang``; a release raises on any missing message.

    ``region`` (``en_US``) names catalogs whose reviewed messages override the
    language's own, for the few words a region says otherwise.
    """
    document = load_document(project, source)
    slug = slug_of(document)
    path = project.catalog_path(lang, slug)
    catalog = _with_region(load_catalog(project, lang, slug), project, region, slug)
    if catalog is None and lang != document.lang and not draft:
        raise CatalogError(
            project.relative(path),
            None,
            f"expected the {lang} catalog of {slug}, found none (run 'make catalogs')",
        )
    translation = translate_document(document, catalog, lang, project.relative(path), draft)
    meta, body = typeset_document(
        translation.meta, translation.body, document.path, proper_names(project, document)
    )
    translation = Translation(meta, body, translation.problems)
    interface, ui_problems = load_interface(project, lang, draft, region)
    if not draft:
        require_release([*translation.problems, *ui_problems])
    return translation, interface


def _with_region(catalog: Catalog | None, project: Project, region: str | None, slug: str) -> Catalog | None:
    """``catalog`` with the reviewed messages of its regional catalog, when there is one."""
    if catalog is None or region is None:
        return catalog
    overrides = load_catalog(project, region, slug)
    if overrides is None:
        return catalog
    for message in overrides:
        entry = catalog.get(message.id) if message.id else None
        if entry is not None and message.string and not message.fuzzy:
            entry.string = message.string
    return catalog


def proper_names(project: Project, document: Document) -> list[str]:
    """Names the layout must never hyphenate: the glossary's kept terms and the article's people."""
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    people = [document.meta.get("interviewee"), *(document.meta.get("interviewers") or [])]
    return [*glossary.kept, *(str(person) for person in people if person)]


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


def copy_assets(project: Project, base: Path) -> list[Path]:
    """Copy the stylesheets and fonts next to the outputs that link them."""
    changed = []
    for path in sorted(project.assets_dir.rglob("*")):
        if path.is_file():
            target = base / "assets" / path.relative_to(project.assets_dir)
            if write_bytes(target, path.read_bytes()):
                changed.append(target)
    return changed


def _read_translation(project: Project, document_path: Path) -> tuple[Document, Interface]:
    document = parse_document(read_text(document_path), project.relative(document_path))
    draft = bool(document.meta.get("draft"))
    interface, problems = load_interface(project, document.lang, draft)
    if not draft:
        require_release(problems)
    return document, interface


def write_html(project: Project, document_path: Path, output: Path) -> bool:
    """Render a translated Markdown file to ``output`` (``<base>/<lang>/<slug>.html``).

    The page also gets its cover image beside it (``<slug>-cover.png``), its
    Open Graph image.
    """
    document, interface = _read_translation(project, document_path)
    config = load_editions_config(project)
    slug, base = output.stem, output.parent.parent
    lang = document.lang
    links = PageLinks(
        stylesheets=tuple(
            os.path.relpath(base / "assets" / "css" / name, output.parent)
            for name in ("fonts.css", "jumelage.css")
        ),
        languages=tuple(
            LanguageLink(
                other,
                endonym(other),
                f"../{other}/{slug}.html",
                f"{config.site_url}{other}/{slug}.html",
                other == lang,
            )
            for other in project.languages()
        ),
        pdf=f"{slug}.pdf",
        epub=f"{slug}.epub",
        brochures=tuple(
            Download(
                interface.text("printed_brochure", city=edition.city),
                f"../editions/{edition.key}/{slug}-{edition.key}.pdf",
            )
            for edition in config.editions
            if edition.lang == lang
        ),
        canonical=f"{config.site_url}{lang}/{slug}.html",
        index_url=config.site_url,
        image_url=f"{config.site_url}{lang}/{slug}-cover.png",
    )
    html = render_html(
        document.meta,
        document.body,
        interface,
        links,
        project.templates_dir / "article.html",
        source_date(project.root),
        project.relative(output),
    )
    write_bytes(output.with_name(f"{slug}-cover.png"), cover_of(project, document, interface))
    return write_text(output, html)


def write_pdf(project: Project, html_path: Path, output: Path) -> bool:
    """Render an HTML page to PDF; only the outputs folder may be read."""
    allowed = [html_path.parent.parent]
    return write_bytes(output, render_pdf(html_path, allowed, project.relative(output)))


def write_epub(project: Project, document_path: Path, output: Path) -> bool:
    """Render a translated Markdown file to EPUB 3."""
    document, interface = _read_translation(project, document_path)
    css = project.assets_dir / "css"
    fonts = sorted(
        path for path in (project.assets_dir / "fonts").iterdir() if path.suffix in {".ttf", ".otf"}
    )
    data = render_epub(
        document.meta,
        document.body,
        interface,
        output.stem,
        [css / "fonts.css", css / "epub.css"],
        fonts,
        source_date(project.root),
        project.relative(output),
        cover=cover_of(project, document, interface),
    )
    return write_bytes(output, data)


def cover_of(project: Project, document: Document, interface: Interface) -> bytes:
    """The cover image of a translated article, in its language."""
    return render_cover(
        plain_text(str(document.meta["title"])),
        interface.text("interview"),
        str(document.meta.get("interviewee", "")),
        "Rennes Métropole",
        project.assets_dir / "fonts",
    )


def build(project: Project, languages: Iterable[str], formats: Iterable[str], draft: bool) -> list[Path]:
    """Translate and render every article in one process; return the files written."""
    wanted = set(formats)
    base = project.output_base(draft)
    written = copy_assets(project, base)
    for source in project.sources():
        slug = source.stem
        for lang in languages:
            markdown = project.output_path(lang, slug, "md", draft)
            write_translation(project, source, lang, markdown, draft)
            html = project.output_path(lang, slug, "html", draft)
            # The PDF is printed from the page, so it needs the page too.
            if wanted & {"html", "pdf"} and write_html(project, markdown, html) and "html" in wanted:
                written.append(html)
            if "pdf" in wanted:
                pdf = project.output_path(lang, slug, "pdf", draft)
                if write_pdf(project, html, pdf):
                    written.append(pdf)
            if "epub" in wanted:
                epub = project.output_path(lang, slug, "epub", draft)
                if write_epub(project, markdown, epub):
                    written.append(epub)
    return written


# --- machine drafts and translation memory ---------------------------------------------------------


def load_memory(project: Project) -> TranslationMemory:
    """The reviewed translations of every article's catalog, in every language."""
    triples = []
    for source in project.sources():
        for lang in project.target_languages():
            catalog = load_catalog(project, lang, source.stem)
            if catalog is not None:
                triples.append((source.stem, lang, catalog))
    return memory_from_catalogs(triples)


def _article_catalogs(project: Project, lang: str) -> dict[str, Catalog]:
    """Every article's catalog in ``lang``, created from its template when missing."""
    catalogs = {}
    for slug, template in _templates(project):
        if slug == UI_DOMAIN:
            continue
        catalog = load_catalog(project, lang, slug)
        catalogs[slug] = (
            update_catalog(catalog, template) if catalog is not None else new_catalog(template, lang)
        )
    return catalogs


def draft_translations(
    project: Project, languages: Iterable[str], options: DraftOptions
) -> dict[str, DraftReport]:
    """Fill the untranslated messages of every article in ``languages`` with fuzzy drafts."""
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    memory = load_memory(project)
    reports = {}
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            continue
        catalogs = _article_catalogs(project, lang)

        def save(slug: str, lang: str = lang, catalogs: dict[str, Catalog] = catalogs) -> None:
            write_catalog(project.catalog_path(lang, slug), catalogs[slug])

        engine = make_engine(options.engine, SOURCE_LANGUAGE, lang, options.url)
        # Catalogs first brought up to date and written, so a stopped run leaves them all.
        for slug in catalogs:
            save(slug)
        spec = ENGINES.get(options.engine)
        with bounded_requests(spec.module, options.timeout) if spec else contextlib.nullcontext():
            reports[lang] = draft_language(catalogs, lang, engine, memory, glossary, options, save)
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


PSEUDO_LANGUAGE = "en"


def build_pseudo(project: Project, formats: Iterable[str]) -> list[Path]:
    """A pseudo-localised draft edition in ``outputs/pseudo/``, for testing layouts."""
    base = project.outputs_dir / "pseudo"
    pseudo = Project(project.root, locales=base / "locales", outputs=base)
    engine = PseudoEngine()
    options = DraftOptions(engine="pseudo")
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    for slug, template in _templates(project):
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
    return build(pseudo, [PSEUDO_LANGUAGE], formats, draft=True)


# --- partner-city editions -------------------------------------------------------------------------


def load_editions_config(project: Project) -> EditionsConfig:
    path = project.source_dir / "editions.yml"
    return load_editions(path, project.relative(path))


def edition_paths(project: Project, slug: str, edition: Edition, draft: bool) -> tuple[Path, Path, Path]:
    """Screen, print-shop and booklet PDFs of one article in one edition."""
    folder = project.output_base(draft) / "editions" / edition.key
    return (
        folder / f"{slug}-{edition.key}.pdf",
        folder / f"{slug}-{edition.key}-print.pdf",
        folder / f"{slug}-{edition.key}-booklet.pdf",
    )


def write_edition(project: Project, source: Path, edition: Edition, draft: bool) -> EditionPdfs:
    """Render the three PDFs of one edition of one article."""
    config = load_editions_config(project)
    translation, interface = translate(project, source, edition.lang, draft, region=edition.region_catalog)
    slug = source.stem
    screen_path, print_path, booklet_path = edition_paths(project, slug, edition, draft)
    web_address = f"{config.site_url}{edition.lang}/{slug}.html"
    html = render_brochure(
        {**translation.meta, "lang": edition.language},
        translation.body,
        interface,
        edition,
        web_address,
        project.templates_dir / "brochure.html",
        source_date(project.root),
        project.relative(screen_path),
    )
    css = project.assets_dir / "css"
    pdfs = render_edition_pdfs(
        html,
        [css / "fonts.css", css / "brochure.css"],
        [project.assets_dir],
        (edition.paper.sheet_width_mm, edition.paper.sheet_height_mm),
        project.relative(screen_path),
    )
    write_bytes(screen_path, pdfs.screen)
    write_bytes(print_path, pdfs.print)
    write_bytes(booklet_path, pdfs.booklet)
    return pdfs


def write_edition_proofs(project: Project, draft: bool = False) -> list[Path]:
    """PNG proofs of every edition's screen PDF, and a contact sheet per edition."""
    written = []
    proof = project.output_base(draft) / "proof"
    for edition in load_editions_config(project).editions:
        pdfs = [edition_paths(project, source.stem, edition, draft)[0] for source in project.sources()]
        written += write_proofs(
            [pdf for pdf in pdfs if pdf.exists()], proof / edition.key, proof / f"{edition.key}.png"
        )
    return written


def edition_rules(project: Project) -> str:
    """Makefile rules for the edition PDFs, with each edition's real prerequisites.

    Only the catalogs of an edition's language (and region) are listed, so
    editing the German catalog rebuilds Erlangen's brochure and no other.
    """
    config = load_editions_config(project)
    lines = ["# Generated by `jumelage rules` from source/editions.yml: do not edit.", ""]
    targets: dict[str, list[str]] = {}
    for edition in config.editions:
        for source in project.sources():
            slug = source.stem
            outputs = [
                "$(OUT)/" + path.relative_to(project.output_base()).as_posix()
                for path in edition_paths(project, slug, edition, False)
            ]
            targets.setdefault(edition.lang, []).extend(outputs)
            catalogs = [
                f"$(wildcard locales/{lang}/LC_MESSAGES/{domain}.po)"
                for lang in (edition.lang, edition.region_catalog)
                for domain in (slug, UI_DOMAIN)
            ]
            lines.append(
                f"{' '.join(outputs)} &: source/{slug}.md source/editions.yml {' '.join(catalogs)} \\"
            )
            lines.append(
                "\t\ttemplates/brochure.html locales/glossary.csv $(ASSET_SOURCES) $(CODE) | $(STAMP)"
            )
            lines.append(f"\t$(JOB) edition source/{slug}.md --edition {edition.key} $(APPLY_FLAGS)")
            lines.append("")
    for lang, paths in sorted(targets.items()):
        lines.append(f"EDITION_PDFS_{lang} := {' '.join(paths)}")
    return "\n".join(lines) + "\n"


def build_site(project: Project, draft: bool = False) -> Path:
    """Gather the web edition into ``<outputs>/site/``: pages, downloads, assets and an index.

    Files are copied only when their bytes changed, so a rebuild touches
    nothing that did not change. Returns the index page.
    """
    base = project.output_base(draft)
    site = base / "site"
    config = load_editions_config(project)
    for path in sorted((base / "assets").rglob("*")):
        if path.is_file():
            write_bytes(site / path.relative_to(base), path.read_bytes())
    languages = []
    for lang in project.languages():
        entries = []
        for source in project.sources():
            slug = source.stem
            for name in (f"{slug}.html", f"{slug}.epub", f"{slug}.pdf", f"{slug}-cover.png"):
                if (base / lang / name).exists():
                    write_bytes(site / lang / name, (base / lang / name).read_bytes())
            translated = project.output_path(lang, slug, "md", draft)
            if translated.exists():
                document = parse_document(read_text(translated), project.relative(translated))
                entries.append(IndexEntry(plain_text(str(document.meta["title"])), f"{lang}/{slug}.html"))
        languages.append(IndexLanguage(lang, endonym(lang), tuple(entries)))
    for edition in config.editions:
        for source in project.sources():
            screen = edition_paths(project, source.stem, edition, draft)[0]
            if screen.exists():
                write_bytes(site / "editions" / edition.key / screen.name, screen.read_bytes())
    interface, _ = load_interface(project, SOURCE_LANGUAGE, draft=True)
    index = site / "index.html"
    html = render_index(
        tuple(languages),
        ("assets/css/fonts.css", "assets/css/jumelage.css"),
        config.site_url,
        interface.text("draft_notice") if draft else None,
    )
    write_text(index, html)
    return index
