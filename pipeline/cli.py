"""Command line → library calls: ``jumelage <stage> …``, one subcommand per stage.

The CLI only parses arguments, sets up logging and turns a
:class:`~pipeline.errors.JumelageError` into one line on stderr and exit
status 2. An error logged by a stage (a render warning turned fatal, say)
exits 1. Any other exception is a bug of jumelage's: one line too, exit
status 70, its traceback only with ``JUMELAGE_DEBUG=1``. Everything else
lives in the library, where the tests call it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.errors import JumelageError
from pipeline.project import Project

if TYPE_CHECKING:
    from pipeline.drafts.runner import Progress
    from pipeline.qa.runner import Finding
    from pipeline.workflow.selection import Selection

log = logging.getLogger("pipeline")

EXIT_USER_ERROR = 2
EXIT_LOGGED_ERROR = 1
EXIT_INTERNAL_ERROR = 70  # sysexits.h's EX_SOFTWARE: jumelage's fault, not the input's
#: Set (to anything but empty) to see the traceback of an internal error.
DEBUG_VARIABLE = "JUMELAGE_DEBUG"


class _QuietNotices(logging.Filter):
    """Drops WeasyPrint's notice that it subsets fonts with fontTools.

    It says how fonts are subset (HarfBuzz-Subset is faster), not that the
    output is wrong, and it would drown the warnings a person must read.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Using fontTools instead of HarfBuzz-Subset")


class _Formatter(logging.Formatter):
    """``jumelage: message`` for progress, ``jumelage: warning: message`` for what a person must read,
    and ``path:line: warning: message`` for a record logged with a ``location`` (``extra=``), as
    compilers print them, so that an editor jumps to the line."""

    def format(self, record: logging.LogRecord) -> str:
        level = f"{record.levelname.lower()}: " if record.levelno >= logging.WARNING else ""
        location = getattr(record, "location", None)
        if location:
            return f"{location}: {level}{record.getMessage()}"
        return f"jumelage: {level}{record.getMessage()}"


class _CountingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Prints records as ``jumelage: level: message`` and counts the errors."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.errors = 0
        self.setFormatter(_Formatter())
        self.addFilter(_QuietNotices())

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1
        super().emit(record)


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve())


def _selection(args: argparse.Namespace) -> Selection:
    """The articles, languages and editions the command line chose (an option not given: every one)."""
    from pipeline.workflow.selection import selection

    return selection(args.article, args.lang, args.edition)


def _selectors(command: argparse.ArgumentParser) -> None:
    """``--article``, ``--lang`` and ``--edition``, repeatable: make's ARTICLE=, LANGS= and EDITION=."""
    command.add_argument("--article", action="append", help="only this article, by its slug (repeatable)")
    command.add_argument("--lang", action="append", help="only this language (repeatable)")
    command.add_argument("--edition", action="append", help="only this edition (repeatable)")


def _cmd_update(args: argparse.Namespace) -> None:
    from pipeline.workflow.catalogs import update_catalogs

    project = _project(args)
    changed = update_catalogs(project, args.lang or None)
    for path in changed:
        log.info("updated %s", project.relative(path))
    if not changed:
        log.info("catalogs already up to date")


def _cmd_extract(args: argparse.Namespace) -> None:
    from pipeline.workflow.catalogs import extract_templates

    project = _project(args)
    for path in extract_templates(project):
        log.info("updated %s", project.relative(path))


def _cmd_apply(args: argparse.Namespace) -> None:
    from pipeline.workflow.articles import write_translation

    write_translation(_project(args), Path(args.source), args.lang, Path(args.output), args.draft)


def _cmd_html(args: argparse.Namespace) -> None:
    from pipeline.workflow.articles import write_html

    write_html(_project(args), Path(args.document), Path(args.output))


def _cmd_pdf(args: argparse.Namespace) -> None:
    from pipeline.render.fonts import isolate_fonts
    from pipeline.workflow.articles import write_pdf

    project = _project(args)
    isolate_fonts(project.assets_dir / "fonts")  # as a build does, once, before the layout
    write_pdf(project, Path(args.html), Path(args.output))


def _cmd_epub(args: argparse.Namespace) -> None:
    from pipeline.workflow.articles import write_epub

    write_epub(_project(args), Path(args.document), Path(args.output))


def _cmd_build(args: argparse.Namespace) -> int:
    from pipeline.fileio import write_text
    from pipeline.workflow.build import FORMATS, build
    from pipeline.workflow.judgement import refusal_record

    project = _project(args)
    languages = args.lang or list(project.languages())
    sources = [Path(source) for source in args.source] or None
    done = build(project, languages, args.format or FORMATS, args.draft, sources, args.jobs, args.edition)
    for path in done.written:
        log.info("wrote %s", project.relative(path))
    record = refusal_record(done.refused)
    for line in record.splitlines():
        print(line, file=sys.stderr)
    if args.refusals:
        write_text(Path(args.refusals), record)
    elif done.refused:
        return EXIT_LOGGED_ERROR
    return EXIT_LOGGED_ERROR if done.errors else 0


def _cmd_published(args: argparse.Namespace) -> None:
    """Write, as make variables, what each language's release publishes (the languages pages)."""
    from pipeline.fileio import write_text
    from pipeline.workflow.judgement import published_makefile

    write_text(Path(args.output), published_makefile(_project(args)))


def _cmd_refused(args: argparse.Namespace) -> int:
    """Print what the release builds refused (their records), and fail if anything was."""
    from pipeline.fileio import read_text, write_text

    records = [Path(path) for path in args.record if Path(path).is_file()]
    refused = [
        line for path in records for line in read_text(path).splitlines() if line.startswith("refused ")
    ]
    for line in refused:
        log.error("%s", line)
    output = Path(args.output) if args.output else None
    if refused:
        log.info("%d outputs refused, everything else built: make check names what to fix", len(refused))
        if output is not None:
            output.unlink(missing_ok=True)  # so that make tries again
        return EXIT_LOGGED_ERROR
    if output is not None:
        write_text(output, "")
    return 0


class _ProgressBar:
    """Draws a drafting run's progress: a bar on a terminal, a line every quarter elsewhere (logs, CI)."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._last_quarter = 0

    def __call__(self, progress: Progress) -> None:
        done, total, failed = progress.done, progress.total, progress.failed
        if self._tty:
            filled = int(30 * done / max(total, 1))
            sys.stderr.write(
                f"\r{progress.label} [{'#' * filled}{' ' * (30 - filled)}] {done}/{total}"
                + (f" ({failed} failed)" if failed else "")
            )
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()
            return
        if done == 0:
            # A new run (the next language) starts counting again, and says so before its first answer.
            self._last_quarter = 0
            log.info("%s: %d texts to draft", progress.label, total)
            return
        quarter = 4 * done // max(total, 1)
        if quarter != self._last_quarter:
            self._last_quarter = quarter
            log.info("%s: %d/%d drafted%s", progress.label, done, total, f", {failed} failed" * bool(failed))


def _cmd_translate(args: argparse.Namespace) -> None:
    from pipeline.drafts.policy import DraftOptions, describe_missing
    from pipeline.workflow.drafts import draft_translations

    project = _project(args)
    options = DraftOptions(
        engine=args.engine,
        url=args.url,
        timeout=args.timeout,
        deadline=args.deadline,
        workers=args.jobs,
        retries=args.retries,
        refresh_fuzzy=args.refresh_fuzzy,
    )
    languages = args.lang or list(project.target_languages())
    for lang, report in draft_translations(project, languages, options, _ProgressBar()).items():
        log.info(
            "%s: %d drafted by %s, %d from memory, %d failed, %d requests",
            lang,
            report.drafted,
            args.engine,
            report.from_memory,
            len(report.failed),
            report.requests,
        )
        if report.gave_up is None:
            for failure in report.failed:
                log.warning("%s: not drafted: %s", lang, failure)
        missing = describe_missing(report)
        if missing is not None:
            log.error("%s: %s", lang, missing)


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    """An argparse type: a number above zero."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, found {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"expected a number above 0, found {text!r}")
        return value

    return parse


def _not_negative(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, found {text!r}")
    return value


def _cmd_pseudo(args: argparse.Namespace) -> None:
    from pipeline.workflow.drafts import build_pseudo

    project = _project(args)
    for path in build_pseudo(project, args.format or ["html", "pdf", "epub"]):
        log.info("wrote %s", project.relative(path))


def _cmd_tm(args: argparse.Namespace) -> None:
    from pipeline.workflow.drafts import export_memory, import_memory

    project = _project(args)
    if args.action == "export":
        output = Path(args.file or project.outputs_dir / "translation-memory.tmx")
        units = export_memory(project, output)
        log.info("wrote %d translation units to %s", units, project.relative(output))
    else:
        if not args.file:
            raise JumelageError("tm import", None, "expected a TMX file to import, found none")
        filled = import_memory(project, Path(args.file))
        log.info("filled %d messages from %s (fuzzy, for review)", filled, args.file)


def _cmd_xliff(args: argparse.Namespace) -> None:
    from pipeline.text import excerpt
    from pipeline.workflow.exchange import export_xliff_files, import_xliff_file

    project = _project(args)
    if args.action == "export":
        for path in export_xliff_files(project, args.lang):
            log.info("wrote %s", project.relative(path))
        return
    for name in args.files:
        for imported in import_xliff_file(project, Path(name), write=not args.dry_run):
            report = imported.report
            catalog = project.relative(imported.exchange.path)
            for french in report.obsolete:
                log.warning("%s: %s is obsolete in the catalog: not revived", catalog, excerpt(french))
            for french in report.changed:
                log.info("%s: changed %s", catalog, excerpt(french))
            verb = (
                "would write"
                if args.dry_run and imported.written
                else "wrote"
                if imported.written
                else "unchanged"
            )
            log.info(
                "%s: %s, %d changed, %d still fuzzy%s",
                catalog,
                verb,
                len(report.changed),
                len(report.fuzzy),
                f", {report.untranslated} untranslated" if report.untranslated else "",
            )


def _cmd_kit(args: argparse.Namespace) -> None:
    from pipeline.text import excerpt
    from pipeline.workflow.kit import build_kit, describe_import, import_kit

    project = _project(args)
    if args.action == "export":
        for lang in args.lang or [lang for lang in project.target_languages()]:
            log.info("wrote %s", project.relative(build_kit(project, lang)))
        return
    result = import_kit(project, Path(args.file), write=not args.dry_run)
    for imported in result.catalogs:
        for french in imported.report.changed:
            log.info("%s: changed %s", imported.report.path, excerpt(french))
        for french in imported.report.fuzzy:
            log.info("%s: still fuzzy %s", imported.report.path, excerpt(french))
    for line in describe_import(result):
        log.info("%s", line)


def _cmd_tbx(args: argparse.Namespace) -> None:
    from pipeline.workflow.drafts import export_termbase, import_termbase

    project = _project(args)
    if args.action == "export":
        output = Path(args.file or project.outputs_dir / "glossary.tbx")
        export_termbase(project, output)
        log.info("wrote %s", project.relative(output))
        return
    if not args.file:
        raise JumelageError("tbx import", None, "expected a TBX file to import, found none")
    report = import_termbase(project, Path(args.file), write=not args.dry_run)
    for french in report.added:
        log.info("added %s", french)
    for filled in report.filled:
        log.info("filled %s", filled)
    for conflict in report.conflicts:
        log.warning("kept %s", conflict)
    log.info(
        "%s: %d terms added, %d translations filled, %d conflicts left as they are",
        project.relative(project.glossary_path),
        len(report.added),
        len(report.filled),
        len(report.conflicts),
    )


def _findings(project: Project, languages: Sequence[str]) -> list[Finding]:
    from pipeline.workflow.qa import project_findings

    return project_findings(project, languages)


def _cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    findings = _findings(project, args.lang or list(project.languages()))
    errors = [finding for finding in findings if finding.severity.level >= logging.ERROR]
    if args.errors_only:
        # A release build's check: silent when it passes, its errors where make shows a failed build's.
        for finding in errors:
            print(finding, file=sys.stderr)
        if errors:
            print(
                f"jumelage: {len(errors)} errors: a release refuses them (make draft builds anyway)",
                file=sys.stderr,
            )
        return EXIT_LOGGED_ERROR if errors else 0
    for finding in findings:
        print(finding)
    log.info("%d errors, %d warnings", len(errors), len(findings) - len(errors))
    return EXIT_LOGGED_ERROR if errors else 0


def _cmd_preflight(args: argparse.Namespace) -> int:
    from pipeline.workflow.qa import preflight_problems

    problems = preflight_problems(_project(args), _selection(args))
    for problem in problems:
        print(problem)
    log.info("%d problems before the files can go to the printer", len(problems))
    return EXIT_LOGGED_ERROR if problems else 0


def _cmd_review(args: argparse.Namespace) -> None:
    from pipeline.workflow.qa import with_regions, write_review

    project = _project(args)
    # A language's regions (en_US) get pages of their own, their overrides beside the language's text.
    languages = with_regions(project, args.lang or list(project.target_languages()))
    findings = _findings(project, languages)
    for lang in languages:
        path = write_review(project, lang, findings, project.outputs_dir / "review")
        log.info("wrote %s", project.relative(path))


def _cmd_edition(args: argparse.Namespace) -> None:
    from pipeline.workflow.editions import write_edition
    from pipeline.workflow.sources import load_editions_config

    project = _project(args)
    config = load_editions_config(project)
    keys = args.edition or [edition.key for edition in config.editions]
    for key in keys:
        pdfs = write_edition(project, Path(args.source), config.get(key), args.draft)
        log.info("%s: %s; %d in the print and booklet variants", key, pdfs.describe(), pdfs.print_pages)


def _cmd_proof(args: argparse.Namespace) -> None:
    from pipeline.workflow.editions import write_edition_proofs

    project = _project(args)
    written = write_edition_proofs(project, args.draft, _selection(args))
    log.info(
        "wrote %d proof images in %s",
        len(written),
        project.relative(project.output_base(args.draft) / "proof"),
    )


def _cmd_rules(args: argparse.Namespace) -> None:
    from pipeline.workflow.rules import edition_rules, write_edition_rules

    project = _project(args)
    if args.output is None:
        sys.stdout.write(edition_rules(project))
        return
    write_edition_rules(project, Path(args.output), args.draft)


def _cmd_site(args: argparse.Namespace) -> None:
    from pipeline.workflow.site import build_site

    project = _project(args)
    log.info("wrote %s", project.relative(build_site(project, args.draft)))


def _cmd_stats(args: argparse.Namespace) -> None:
    from pipeline.workflow.catalogs import collect_stats

    rows = collect_stats(_project(args), args.lang)
    columns = ("article or domain", "lang", "translated", "fuzzy", "untransl.", "src words", "words")
    print("{:<42} {:<5} {:>10} {:>6} {:>9} {:>9} {:>6}".format(*columns))
    for row in rows:
        if row.regional:
            # A regional catalog overrides its language's: its empty entries inherit, none is missing.
            counts = str(row.overrides) if row.overrides is not None else "no catalog: inherits every message"
            print(f"{row.slug:<42} {row.lang:<5} {counts}")
            continue
        if row.stats is None:
            print(f"{row.slug:<42} {row.lang:<5} {'no catalog':>10}")
            continue
        stats = row.stats
        print(
            f"{row.slug:<42} {row.lang:<5} {stats.translated:>10} {stats.fuzzy:>6} {stats.untranslated:>9} "
            f"{stats.source_words:>9} {stats.translated_words:>6}"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jumelage", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--version", action="version", version=f"jumelage {__version__}")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors and warnings only")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int | None], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    command("extract", _cmd_extract, "write the templates (locales/*.pot) from the sources")
    update = command("update", _cmd_update, "extract, then bring every catalog up to date")
    update.add_argument("--lang", action="append", help="only this language (repeatable)")

    apply = command(
        "apply", _cmd_apply, "translate one article into Markdown (release policy unless --draft)"
    )
    apply.add_argument("source", help="the French article, source/<slug>.md")
    apply.add_argument("--lang", required=True)
    apply.add_argument("-o", "--output", required=True)
    apply.add_argument("--draft", action="store_true", help="fall back to French instead of failing")

    html = command("html", _cmd_html, "render a translated article to HTML")
    html.add_argument("document")
    html.add_argument("-o", "--output", required=True)
    pdf = command("pdf", _cmd_pdf, "render an article's HTML to PDF")
    pdf.add_argument("html")
    pdf.add_argument("-o", "--output", required=True)
    epub = command("epub", _cmd_epub, "render a translated article to EPUB 3")
    epub.add_argument("document")
    epub.add_argument("-o", "--output", required=True)

    build = command(
        "build",
        _cmd_build,
        "translate and render the articles and brochures of languages (make runs one a language)",
    )
    build.add_argument(
        "source", nargs="*", help="only these French articles, source/<slug>.md (default: every one)"
    )
    build.add_argument("--lang", action="append", help="only this language (repeatable)")
    build.add_argument("--edition", action="append", help="only this edition's brochures (repeatable)")
    build.add_argument("--format", action="append", choices=["html", "pdf", "epub", "editions"])
    build.add_argument("--draft", action="store_true", help="fall back to French instead of failing")
    build.add_argument(
        "--refusals",
        metavar="FILE",
        help="write what a release refused to FILE (empty when nothing was) and exit 0 for it",
    )
    build.add_argument(
        "--jobs",
        type=_positive(int),
        default=os.cpu_count() or 1,
        help="processes at once (default: one a core)",
    )

    translate = command("translate", _cmd_translate, "fill untranslated messages with fuzzy machine drafts")
    translate.add_argument(
        "--engine", required=True, help="google, deepl, microsoft, mymemory, libretranslate, pseudo"
    )
    translate.add_argument("--url", help="the server of a self-hosted engine (libretranslate)")
    translate.add_argument("--lang", action="append", help="only this language (repeatable)")
    translate.add_argument(
        "--timeout",
        type=_positive(float),
        default=10.0,
        help="seconds a request may wait for its answer (default 10)",
    )
    translate.add_argument(
        "--deadline",
        type=_positive(float),
        default=600.0,
        help="seconds the whole run may take, every language included (default 600); "
        "what is drafted by then is kept",
    )
    translate.add_argument("--jobs", type=_positive(int), default=4, help="requests at once (default 4)")
    translate.add_argument(
        "--retries",
        type=_not_negative,
        default=4,
        help="retries of a failed request (default 4); RETRIES+1 requests in a row that cannot connect "
        "or get no answer give the engine up for the whole run",
    )
    translate.add_argument(
        "--refresh-fuzzy", action="store_true", help="re-draft fuzzy messages whose French changed"
    )

    pseudo = command("pseudo", _cmd_pseudo, "build a pseudo-localised draft edition in outputs/pseudo/")
    pseudo.add_argument("--format", action="append", choices=["html", "pdf", "epub"])

    tm = command("tm", _cmd_tm, "translation memory: export TMX, or import one")
    tm.add_argument("action", choices=["export", "import"])
    tm.add_argument("file", nargs="?", help="the TMX file (export default: outputs/translation-memory.tmx)")

    xliff = command(
        "xliff", _cmd_xliff, "XLIFF 1.2 for CAT tools: export outputs/xliff/<lang>/<slug>.xlf, or import"
    )
    actions = xliff.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write outputs/xliff/<lang>/<slug>.xlf for every catalog")
    export.add_argument("--lang", action="append", help="only this language or region (repeatable)")
    imports = actions.add_parser("import", help="merge XLIFF files into their catalogs (all or none)")
    imports.add_argument("files", nargs="+", metavar="FILE", help="the XLIFF files")
    imports.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    kit = command(
        "kit", _cmd_kit, "a translation kit per language (XLIFF, reference PDF, TMX, TBX), or import one"
    )
    kit_actions = kit.add_subparsers(dest="action", required=True, metavar="ACTION")
    kit_export = kit_actions.add_parser("export", help="write outputs/kits/jumelage-<lang>.zip")
    kit_export.add_argument("--lang", action="append", help="only this language or region (repeatable)")
    kit_import = kit_actions.add_parser("import", help="merge a kit back, after checking its source version")
    kit_import.add_argument("file", metavar="FILE")
    kit_import.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    tbx = command("tbx", _cmd_tbx, "the glossary as TBX-Basic (TBX v3), or merge a TBX into it")
    tbx.add_argument("action", choices=["export", "import"])
    tbx.add_argument("file", nargs="?", help="the TBX file (export default: outputs/glossary.tbx)")
    tbx.add_argument("--dry-run", action="store_true", help="import: report, write nothing")

    check = command("check", _cmd_check, "QA checks on the catalogs: path:line: [severity] check: message")
    check.add_argument("--lang", action="append", help="only this language (repeatable)")
    check.add_argument(
        "--errors-only",
        action="store_true",
        help="print the errors only, on stderr, and nothing when there is none (a release build's check)",
    )
    preflight = command(
        "preflight",
        _cmd_preflight,
        "before the printer: no placeholder, fonts embedded, trim and bleed boxes, the print shop's house "
        "rules (source/preflight.yml); fails on any problem",
    )
    _selectors(preflight)
    review = command("review", _cmd_review, "side-by-side review pages, outputs/review/<lang>.html")
    review.add_argument("--lang", action="append", help="only this language (repeatable)")

    edition = command(
        "edition", _cmd_edition, "the brochure PDFs (screen, print, booklet) of partner-city editions"
    )
    edition.add_argument("source", help="the French article, source/<slug>.md")
    edition.add_argument("--edition", action="append", help="only this edition (repeatable; default: all)")
    edition.add_argument("--draft", action="store_true")
    proof = command(
        "proof", _cmd_proof, "PNG proofs and contact sheets of the edition PDFs, in outputs/proof/"
    )
    proof.add_argument("--draft", action="store_true")
    _selectors(proof)
    site = command("site", _cmd_site, "gather the web edition in outputs/site/ (pages, downloads, index)")
    site.add_argument("--draft", action="store_true")
    rules = command(
        "rules",
        _cmd_rules,
        "the Makefile rules of the editions (make includes them); with -o, the outputs of editions "
        "no longer listed are removed",
    )
    rules.add_argument("-o", "--output", help="write them to this file, atomically (default: print them)")
    rules.add_argument("--draft", action="store_true", help="the stale editions are looked for in the drafts")

    published = command(
        "published", _cmd_published, "what each language's release publishes, as make variables"
    )
    published.add_argument("-o", "--output", required=True, help="the makefile to write")

    refused = command("refused", _cmd_refused, "what release builds refused (their --refusals files)")
    refused.add_argument("record", nargs="*", help="a file build --refusals wrote (a missing one: none)")
    refused.add_argument("-o", "--output", help="a stamp written when nothing was refused, removed otherwise")

    stats = command(
        "stats", _cmd_stats, "messages translated, fuzzy and untranslated, and words, per language"
    )
    stats.add_argument("--lang", action="append", help="only this language or region (repeatable)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = _CountingHandler()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if args.quiet else logging.INFO)
    # Third-party libraries speak through our handler, at warning level only
    # (pikepdf announces itself at info level on import).
    for name in ("weasyprint", "fontTools", "pikepdf"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        status = args.handler(args)
    except JumelageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("jumelage: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the person building, the traceback on demand
        return report_internal_error(exc)
    if status:
        return int(status)
    return EXIT_LOGGED_ERROR if handler.errors else 0


def report_internal_error(exc: BaseException) -> int:
    """An exception no stage expected → ``jumelage: internal error: …`` on stderr; the exit status.

    One line, like every error (the traceback too when ``JUMELAGE_DEBUG`` is
    set), so a bug reads the same from ``jumelage``, from a build worker and
    from make.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     report_internal_error(KeyError("names"))
    70
    >>> print(err.getvalue(), end="")
    jumelage: internal error: KeyError: 'names' (JUMELAGE_DEBUG=1 shows where)
    """
    lines = str(exc).splitlines()
    detail = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    if os.environ.get(DEBUG_VARIABLE):
        traceback.print_exception(exc, file=sys.stderr)
    else:
        detail += f" ({DEBUG_VARIABLE}=1 shows where)"
    print(f"jumelage: internal error: {detail}", file=sys.stderr)
    return EXIT_INTERNAL_ERROR
