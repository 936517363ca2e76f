"""Languages → every output of theirs on disk: each article's four files and each edition's brochures.

``make`` runs one ``jumelage build --lang L`` per language. The process
imports WeasyPrint and reads the language's hyphenation dictionaries once,
then forks a pool of workers that share them (:data:`WORKERS`, one per
core), each job an article or a brochure of the language. Every file is
written atomically and only when its bytes change, whatever process writes it.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from pipeline.errors import JumelageError
from pipeline.project import Project
from pipeline.render.fonts import isolate_fonts
from pipeline.workflow.articles import copy_assets, write_article
from pipeline.workflow.books import write_collection_epub
from pipeline.workflow.collections import write_collection_edition
from pipeline.workflow.editions import edition_paths, plan_path, write_edition
from pipeline.workflow.judgement import Job, Refusal, judge, release_errors
from pipeline.workflow.selection import selection
from pipeline.workflow.sources import collection_editions, load_editions_config

log = logging.getLogger(__name__)

#: The article formats, and ``editions`` for the partner cities' brochures.
FORMATS = ("html", "pdf", "epub", "editions")
#: Workers of a build's pool: one per core.
WORKERS = os.cpu_count() or 1


@dataclass(frozen=True)
class Done:
    """What a job wrote, how many errors it logged (an output a person must not trust), and what a
    release refused to build."""

    written: tuple[Path, ...]
    errors: int
    refused: tuple[Refusal, ...] = ()


def plan_jobs(
    project: Project,
    languages: Iterable[str],
    formats: Iterable[str],
    sources: Iterable[Path] | None = None,
    editions: Sequence[str] | None = None,
) -> list[Job]:
    """The jobs that build ``formats`` of ``sources`` (default: every article) in ``languages``, the
    brochures of ``editions`` only (default: every edition of those languages)."""
    wanted = tuple(name for name in FORMATS if name in set(formats))
    articles = [name for name in wanted if name != "editions"]
    languages = list(languages)
    chosen = list(project.sources() if sources is None else sources)
    jobs = [Job(source, lang, tuple(articles)) for lang in languages for source in chosen if articles]
    # A collection's e-book, when no article was named (its brochures come with the editions below).
    if "epub" in wanted and sources is None:
        jobs += [
            Job(source, lang, ("epub",)) for lang in languages for source in project.collection_sources()
        ]
    if "editions" in wanted:
        # A name editions.yml lacks is an error that lists the names it has.
        chosen_editions = selection(None, languages, editions).chosen_editions(project)
        jobs += [
            Job(source, edition.lang, (), edition.key) for edition in chosen_editions for source in chosen
        ]
        # The collections, when no article was named: each in the editions it lists.
        if sources is None:
            jobs += [
                Job(source, edition.lang, (), edition.key)
                for edition in chosen_editions
                for source, keys in collection_editions(project)
                if edition.key in keys
            ]
    return jobs


def run_job(project: Project, job: Job, draft: bool) -> Done:
    """Build one job; the same in a worker as in this process."""
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        if job.edition:
            edition = load_editions_config(project).get(job.edition)
            changed: list[Path] = []
            write = write_collection_edition if project.is_collection(job.source) else write_edition
            pdfs = write(project, job.source, edition, draft, changed)
            log.info(
                "%s: %s; %d in the print and booklet variants", job.edition, pdfs.describe(), pdfs.print_pages
            )
            written: Sequence[Path] = changed
        elif project.is_collection(job.source):
            epub = project.output_path(job.lang, job.source.stem, "epub", draft)
            written = [epub] if write_collection_epub(project, job.source, job.lang, draft) else []
        else:
            written = write_article(project, job.source, job.lang, job.formats, draft)
    except JumelageError as error:
        if draft:
            raise
        return Done((), 0, (Refusal(job, tuple(str(error).splitlines())),))
    finally:
        logging.getLogger().removeHandler(counter)
        # WeasyPrint removes the fonts it copied to the temporary folder when their configuration is
        # collected; a pool's worker ends without a last collection.
        gc.collect()
    return Done(tuple(written), counter.errors)


def build(
    project: Project,
    languages: Iterable[str],
    formats: Iterable[str],
    draft: bool,
    sources: Iterable[Path] | None = None,
    workers: int = 1,
    editions: Sequence[str] | None = None,
) -> Done:
    """Build the outputs of ``languages``: the files written, and the errors logged.

    With ``workers`` above 1 and more than one job, the jobs run in a pool of
    processes forked once WeasyPrint and the dictionaries are loaded here.
    Every layout uses the bundled fonts only (:func:`~pipeline.render.fonts.isolate_fonts`).
    """
    isolate_fonts(project.assets_dir / "fonts")
    languages = list(languages)
    jobs = plan_jobs(project, languages, formats, sources, editions)
    refused: list[Refusal] = []
    if not draft:
        refused = judge(project, jobs, release_errors(project, languages))
    ready = [job for job in jobs if job not in {refusal.job for refusal in refused}]
    written = copy_assets(project, project.output_base(draft))
    errors = 0
    for done in _run(project, ready, draft, workers):
        written.extend(done.written)
        errors += done.errors
        refused.extend(done.refused)
    for refusal in refused:
        remove_outputs(project, refusal.job)
    return Done(tuple(written), errors, tuple(refused))


def remove_outputs(project: Project, job: Job) -> None:
    """Remove what an earlier build left of a refused job: a release must not offer it as current."""
    slug = job.source.stem
    if job.edition:
        edition = load_editions_config(project).get(job.edition)
        paths = [*edition_paths(project, slug, edition, False), plan_path(project, slug, edition, False)]
    else:
        paths = [
            project.output_path(job.lang, slug, extension) for extension in ("md", "html", "pdf", "epub")
        ]
        paths.append(project.output_path(job.lang, slug, "html").with_name(f"{slug}-cover.png"))
    for path in paths:
        if path.exists():
            path.unlink()
            log.info("removed %s: refused", project.relative(path))


def _run(project: Project, jobs: list[Job], draft: bool, workers: int) -> Iterator[Done]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(project, job, draft)
        return
    warm_up()
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=get_context("fork")) as pool:
        # The longest jobs first (brochures), so that the last to end is a short one.
        ordered = sorted(jobs, key=lambda job: not job.edition)
        yield from pool.map(run_job, [project] * len(ordered), ordered, [draft] * len(ordered))


def warm_up() -> None:
    """Import WeasyPrint and the stages, and teach pyphen the exceptions, before the workers fork."""
    import weasyprint  # noqa: F401 - imported for the workers, which share it

    from pipeline.render.hyphenation import install_hyphenation_exceptions

    install_hyphenation_exceptions()


class _ErrorCounter(logging.Handler):
    """Counts the error records logged while a job runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += 1
