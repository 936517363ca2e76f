"""What a release may build: one judgement for the release, ``make check`` and the brochures.

A job (an article in a language, or its brochures for one edition) is refused
when ``make check`` finds an error in a file it reads (:func:`judge`). The
same verdict says which languages publish an article (:func:`published`):
a brochure's languages page lists those only, so it never points to a page
a release refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SourceError
from pipeline.project import UI_DOMAIN, Project, regional_catalog
from pipeline.qa.checks import Severity
from pipeline.qa.runner import Finding
from pipeline.workflow.qa import project_findings
from pipeline.workflow.sources import load_collection, load_editions_config


@dataclass(frozen=True)
class Job:
    """One article in one language (``edition`` empty), or its brochures for one edition."""

    source: Path
    lang: str
    formats: tuple[str, ...]
    edition: str = ""

    def describe(self) -> str:
        """``de: <slug>`` for an article, ``erlangen: <slug> (brochures)`` for an edition."""
        return (
            f"{self.edition}: {self.source.stem} (brochures)"
            if self.edition
            else f"{self.lang}: {self.source.stem}"
        )


@dataclass(frozen=True)
class Refusal:
    """A job a release did not build, and why: each reason as ``make check`` prints it."""

    job: Job
    reasons: tuple[str, ...]


def refusal_record(refused: Sequence[Refusal]) -> str:
    """What a release refused, as it prints it: each reason once, then ``refused <job>: not built``."""
    reasons = dict.fromkeys(reason for refusal in refused for reason in refusal.reasons)
    lines = [*reasons, *(f"refused {refusal.job.describe()}: not built" for refusal in refused)]
    return "".join(f"{line}\n" for line in lines)


def release_errors(project: Project, languages: Sequence[str]) -> list[Finding]:
    """The errors ``make check`` finds in ``languages``' catalogs, their sources and the project."""
    return [finding for finding in project_findings(project, languages) if finding.severity is Severity.ERROR]


def judge(project: Project, jobs: Sequence[Job], errors: Sequence[Finding]) -> list[Refusal]:
    """The jobs an error blocks: one in a catalog the job reads (its article's or the interface's, in
    its language or its edition's region), in its source, or in a file that is neither a catalog
    nor a source (the editions file, the glossary: every job reads them)."""
    locales = project.relative(project.locales_dir) + "/"
    sources = {project.relative(path) for path in project.translated_sources()}
    refused = []
    for job in jobs:
        articles = _articles_of(project, job)
        read = {project.relative(job.source), *(project.relative(path) for path in articles)}
        for lang in filter(None, (job.lang, _region(project, job))):
            read.update(
                project.relative(project.catalog_path(lang, slug))
                for slug in (job.source.stem, *(path.stem for path in articles), UI_DOMAIN)
            )
        reasons = [
            str(error)
            for error in errors
            if error.path in read or not (error.path in sources or error.path.startswith(locales))
        ]
        if reasons and articles:
            # A collection names the articles that hold it back, before what holds them back.
            held = [
                path.stem for path in articles if any(_reads(project, job, path, error) for error in errors)
            ]
            if held:
                reasons.insert(
                    0,
                    f"{project.relative(job.source)}: expected every article of the collection ready in "
                    f"{job.lang}, found {', '.join(held)} not ready",
                )
        if reasons:
            refused.append(Refusal(job, tuple(reasons)))
    return refused


def _articles_of(project: Project, job: Job) -> list[Path]:
    """The articles a collection's job prints (none for an article's job)."""
    if not project.is_collection(job.source):
        return []
    try:
        collection = load_collection(project, job.source)
    except SourceError:
        return []  # an error of its source, which refuses it
    return [project.source_dir / f"{slug}.md" for slug in collection.articles]


def _reads(project: Project, job: Job, article: Path, error: Finding) -> bool:
    """Whether ``error`` is in ``article`` or in its catalog in the job's language or region."""
    languages = filter(None, (job.lang, _region(project, job)))
    paths = {
        project.relative(article),
        *(project.relative(project.catalog_path(lang, article.stem)) for lang in languages),
    }
    return error.path in paths


def _region(project: Project, job: Job) -> str | None:
    """The regional catalog an edition job reads over its language's (``en_US`` for Rochester)."""
    if not job.edition:
        return None
    return regional_catalog(load_editions_config(project).get(job.edition).language)


def published(project: Project, lang: str, draft: bool = False) -> list[str]:
    """The slugs of the articles a release publishes in ``lang`` (every one in a draft): those whose
    web page :func:`judge` does not refuse, in the project's order."""
    jobs = [Job(source, lang, ("html",)) for source in project.sources()]
    if draft:
        return [job.source.stem for job in jobs]
    refused = {refusal.job for refusal in judge(project, jobs, release_errors(project, [lang]))}
    return [job.source.stem for job in jobs if job not in refused]


def published_makefile(project: Project) -> str:
    """The make variables of what each language publishes: ``PUBLISHED_KEY_<lang>``, a digest of what
    the other languages publish, which names the file a language's build depends on (make compares
    times, not contents: a file named for the verdicts is new only when they change)."""
    lists = {lang: published(project, lang) for lang in project.languages()}
    lines = ["# Generated by `jumelage published`: what each language's release publishes. Do not edit.\n"]
    for lang, slugs in lists.items():
        lines.append(f"# {lang}: {' '.join(slugs) or '(nothing)'}\n")
    for lang in lists:
        others = "".join(f"{other}: {' '.join(slugs)}\n" for other, slugs in lists.items() if other != lang)
        lines.append(f"PUBLISHED_KEY_{lang} := {hashlib.sha256(others.encode()).hexdigest()[:16]}\n")
    return "".join(lines)
