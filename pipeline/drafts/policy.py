"""Catalogs of one language, a memory and an engine → the same catalogs with fuzzy drafts, and a report.

Machine translation only drafts: every draft enters its catalog fuzzy, with an
automatic comment naming its origin, and a reviewed translation is never
touched. Exact matches of the translation memory are reused as reviewed,
close ones become fuzzy suggestions, and only the rest go to the engine.
Before a text leaves the machine, inline Markdown, URLs and the glossary's
kept names are swapped for numbered placeholders (``{0}``, see
:mod:`pipeline.placeholders`); a draft whose placeholders come back damaged is
reported and not saved. Drafts are saved as they come (see
:mod:`pipeline.drafts.runner`), so a stopped run keeps them, and a run that
could not draft every message says how many and why
(:func:`describe_missing`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import MACHINE_COMMENT, MEMORY_COMMENT, message_string
from pipeline.drafts.engines import Engine, TranslateError, redact
from pipeline.drafts.glossary import Glossary
from pipeline.drafts.memory import TranslationMemory
from pipeline.drafts.runner import EngineGuard, EngineUnavailableError, ProgressReporter, run_jobs
from pipeline.placeholders import Protected, protect, restore
from pipeline.text import excerpt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftOptions:
    """How a drafting run talks to its engine.

    ``timeout`` bounds each request, ``deadline`` the whole run (every
    language), in seconds; a text is tried ``retries + 1`` times.
    """

    engine: str
    url: str | None = None
    timeout: float = 10.0
    deadline: float = 600.0
    workers: int = 4
    retries: int = 4
    backoff: float = 0.5
    backoff_cap: float = 8.0
    refresh_fuzzy: bool = False
    save_every: int = 10


@dataclass
class DraftReport:
    """What a run did, for the summary line and the tests."""

    requests: int = 0
    drafted: int = 0
    from_memory: int = 0
    # Messages the engine was asked to draft (identical texts are sent once, but counted each).
    asked: int = 0
    failed: list[str] = field(default_factory=list)
    # Why the engine was given up (unreachable, silent, past the deadline), when it was.
    gave_up: str | None = None


def describe_missing(report: DraftReport) -> str | None:
    """How many messages the engine left without a draft, and why, in one line; ``None`` if none.

    >>> describe_missing(DraftReport(asked=18, failed=["…"] * 18, gave_up="http://h/: connection refused"))
    '18 of 18 messages not drafted: http://h/: connection refused'
    >>> describe_missing(DraftReport(asked=3, drafted=2, failed=["«Un»: placeholders damaged by the engine"]))
    '1 of 3 messages not drafted: «Un»: placeholders damaged by the engine'
    """
    missing = report.asked - report.drafted
    if missing <= 0:
        return None
    if report.gave_up is not None:
        reason = report.gave_up
    elif len(report.failed) == 1:
        reason = report.failed[0]
    else:
        reason = f"{len(report.failed)} texts failed (the warnings above say why)"
    return f"{missing} of {report.asked} messages not drafted: {reason}"


@dataclass(frozen=True)
class Job:
    """One text to draft, and the catalog entries waiting for it."""

    source: str
    protected: Protected
    targets: tuple[tuple[str, Message], ...]


def select_messages(catalog: Catalog, refresh_fuzzy: bool) -> list[Message]:
    """The messages a run may fill: untranslated ones, and with ``refresh_fuzzy`` the
    fuzzy ones whose French changed (they carry a previous msgid). Never a reviewed one."""
    chosen = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        if not message_string(message) or (refresh_fuzzy and message.fuzzy and message.previous_id):
            chosen.append(message)
    return chosen


def set_draft(message: Message, text: str, origin: str, fuzzy: bool = True) -> None:
    """Store a draft with an automatic comment naming where it comes from."""
    message.string = text
    if fuzzy:
        message.flags.add("fuzzy")
    else:
        message.flags.discard("fuzzy")
    message.previous_id = []
    message.auto_comments = [
        comment
        for comment in message.auto_comments
        if not comment.startswith((MACHINE_COMMENT, MEMORY_COMMENT))
    ] + [origin]


def draft_language(
    catalogs: Mapping[str, Catalog],
    lang: str,
    engine: Engine | None,
    memory: TranslationMemory,
    glossary: Glossary,
    options: DraftOptions,
    save: Callable[[str], None],
    progress: ProgressReporter | None = None,
    guard: EngineGuard | None = None,
) -> DraftReport:
    """Fill the catalogs of one language (keyed by slug); ``save(slug)`` writes one.

    Exact matches in the memory are reused as reviewed, close ones become
    fuzzy suggestions, the rest go to the engine. Identical texts are sent once.
    ``progress``, when given, hears how far the engine's part is; ``guard``,
    when given, is shared with the other languages of the run (it gives the
    engine up for all of them, and holds the run's deadline).
    """
    report = DraftReport()
    jobs: dict[str, list[tuple[str, Message]]] = {}
    dirty: set[str] = set()
    for slug, catalog in catalogs.items():
        for message in select_messages(catalog, options.refresh_fuzzy):
            source = str(message.id)
            exact = memory.exact(lang, source)
            if exact is not None:
                set_draft(message, exact.target, f"{MEMORY_COMMENT}reviewed in {exact.origin}", fuzzy=False)
                report.from_memory += 1
                dirty.add(slug)
                continue
            close = memory.close(lang, source)
            if close is not None:
                entry, ratio = close
                set_draft(
                    message, entry.target, f"{MEMORY_COMMENT}{round(ratio * 100)}% match from {entry.origin}"
                )
                report.from_memory += 1
                dirty.add(slug)
                continue
            jobs.setdefault(source, []).append((slug, message))
    for slug in sorted(dirty):
        save(slug)
    if not jobs:
        return report
    if engine is None:
        raise TranslateError("--engine", None, "expected an engine for the messages the memory does not hold")
    work = [Job(source, protect(source, glossary.kept), tuple(targets)) for source, targets in jobs.items()]
    report.asked = sum(len(job.targets) for job in work)
    drafts = _Drafts(work, options.engine, report, save)
    report.requests = run_jobs(
        [job.protected.text for job in work],
        engine,
        options,
        drafts.receive,
        drafts.flush,
        progress,
        f"{options.engine} → {lang}",
        guard,
    )
    return report


@dataclass
class _Drafts:
    """Where the engine's answers go: restored into the waiting messages, failures into the report."""

    work: list[Job]
    engine: str
    report: DraftReport
    save: Callable[[str], None]
    unsaved: set[str] = field(default_factory=set)

    def flush(self) -> None:
        """Write every catalog that received drafts since the last write."""
        for slug in sorted(self.unsaved):
            self.save(slug)
        self.unsaved.clear()

    def receive(self, index: int, draft: str | None, error: BaseException | None) -> bool:
        """Store one result: a draft (fuzzy) or a failure (reported); whether a draft was kept."""
        job = self.work[index]
        quoted = excerpt(job.source)
        if isinstance(error, EngineUnavailableError):
            # Said once for the whole run (describe_missing), not once a message.
            self.report.failed.append(f"{quoted}: {error}")
            self.report.gave_up = str(error)
            return False
        if error is not None:
            self.report.failed.append(f"{quoted}: {type(error).__name__}: {redact(str(error))[:160]}")
            log.warning(
                "%s: %s: no draft for %s (%s)", self.engine, job.targets[0][0], quoted, type(error).__name__
            )
            return False
        restored = restore(draft or "", job.protected)
        if restored is None or not restored.strip():
            self.report.failed.append(f"{quoted}: placeholders damaged by the engine")
            log.warning("%s: draft of %s lost or damaged its markup; left untranslated", self.engine, quoted)
            return False
        for slug, message in job.targets:
            set_draft(message, restored, f"{MACHINE_COMMENT}{self.engine}")
            self.unsaved.add(slug)
        self.report.drafted += len(job.targets)
        return True
