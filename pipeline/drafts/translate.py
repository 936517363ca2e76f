"""Untranslated messages → fuzzy machine drafts, protected, bounded in time, saved as they come.

Machine translation only drafts: every draft enters its catalog fuzzy, with an
automatic comment naming its origin, and a reviewed translation is never
touched. Before a text leaves the machine, inline Markdown, URLs and the
glossary's kept names are swapped for numbered placeholders (``{0}``, see
:mod:`pipeline.placeholders`); a draft whose placeholders come back damaged is
reported and not saved.

The engines are deep-translator's clients, in :data:`ENGINES`. deep-translator
sets no timeout and sends one request at a time; here each request is bounded
(:class:`_TimedRequests`), several run at once on daemon threads, 429, 5xx,
timeouts and broken answers are retried with bounded exponential backoff, and
an authentication error stops the run at once. ``pseudo`` is an offline,
deterministic pseudo-localisation for testing layouts with long languages.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import math
import os
import queue
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from babel.messages.catalog import Catalog, Message

from pipeline.catalogs.po import message_string
from pipeline.drafts.glossary import Glossary
from pipeline.drafts.memory import TranslationMemory
from pipeline.errors import JumelageError
from pipeline.placeholders import PLACEHOLDER, Protected, protect, restore
from pipeline.text import excerpt

log = logging.getLogger(__name__)

MACHINE_COMMENT = "machine translation: "
MEMORY_COMMENT = "translation memory: "


class TranslateError(JumelageError):
    """The engine cannot be used: unknown, misconfigured or refusing our key."""


class Engine(Protocol):
    """What the runner needs of an engine: one text in, one text out."""

    def translate(self, text: str) -> str: ...


# --- engines ----------------------------------------------------------------------------------------

_PSEUDO_LETTERS = str.maketrans("aeiouyAEIOUYcnszCNSZ", "áéîõüýÅÉÎÕÜÝçñšžÇÑŠŽ")


class PseudoEngine:
    """Offline pseudo-localisation: accented letters, about 35% longer, in brackets.

    >>> PseudoEngine().translate("{0}Bonjour{1} le monde")
    '[{0}Bõñjõür{1} lé mõñdé ···]'
    """

    def translate(self, text: str) -> str:
        visible = len(PLACEHOLDER.sub("", text))
        padding = "·" * max(1, math.ceil(visible * 0.35) - 3)
        return f"[{text.translate(_PSEUDO_LETTERS)} {padding}]"


@dataclass(frozen=True)
class EngineSpec:
    """How to build one deep-translator client."""

    module: str
    client: str
    key_variable: str | None = None
    key_required: bool = False
    # deep-translator insists on a key for LibreTranslate even for a server that needs none.
    key_placeholder: str | None = None
    takes_url: bool = False
    codes: Mapping[str, str] = field(default_factory=dict)


ENGINES: dict[str, EngineSpec] = {
    "google": EngineSpec("deep_translator.google", "GoogleTranslator"),
    "deepl": EngineSpec(
        "deep_translator.deepl", "DeeplTranslator", "DEEPL_API_KEY", key_required=True, codes={"en": "en-gb"}
    ),
    "microsoft": EngineSpec(
        "deep_translator.microsoft", "MicrosoftTranslator", "MICROSOFT_API_KEY", key_required=True
    ),
    "mymemory": EngineSpec(
        "deep_translator.mymemory",
        "MyMemoryTranslator",
        codes={"fr": "fr-FR", "en": "en-GB", "de": "de-DE", "pl": "pl-PL", "cs": "cs-CZ"},
    ),
    "libretranslate": EngineSpec(
        "deep_translator.libre", "LibreTranslator", "LIBRE_API_KEY", key_placeholder="no-key", takes_url=True
    ),
}
ENGINE_NAMES = (*ENGINES, "pseudo")
SECRET_VARIABLES = tuple(spec.key_variable for spec in ENGINES.values() if spec.key_variable)


def redact(text: str, environment: Mapping[str, str] | None = None) -> str:
    """``text`` with every API key of the environment replaced by ``***``."""
    environment = os.environ if environment is None else environment
    for variable in SECRET_VARIABLES:
        secret = environment.get(variable, "")
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return re.sub(r"(api_key|auth_key|key)=[^&\s'\"]+", r"\1=***", text)


class _TimedRequests:
    """Stands in for the ``requests`` module inside a deep-translator client: adds a timeout."""

    def __init__(self, timeout: float) -> None:
        import requests

        self._requests = requests
        self._timeout = timeout

    def get(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self._timeout)
        return self._requests.get(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", self._timeout)
        return self._requests.post(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._requests, name)


@contextmanager
def bounded_requests(module_name: str, timeout: float) -> Iterator[None]:
    """Give every request of a deep-translator module a timeout while the block runs."""
    module: Any = importlib.import_module(module_name)
    original = module.requests
    module.requests = _TimedRequests(timeout)
    try:
        yield
    finally:
        module.requests = original


def make_engine(name: str, source: str, target: str, url: str | None) -> Engine:
    """Build the client of engine ``name`` for one language pair; keys come from the environment."""
    if name == "pseudo":
        return PseudoEngine()
    spec = ENGINES.get(name)
    if spec is None:
        raise TranslateError("--engine", None, f"expected one of {', '.join(ENGINE_NAMES)}, found {name!r}")
    arguments: dict[str, Any] = {
        "source": spec.codes.get(source, source),
        "target": spec.codes.get(target, target),
    }
    if spec.key_variable:
        key = os.environ.get(spec.key_variable) or spec.key_placeholder
        if not key and spec.key_required:
            raise TranslateError(
                name, None, f"expected an API key in the environment variable {spec.key_variable}, found none"
            )
        arguments["api_key"] = key
    if spec.takes_url:
        if not url:
            raise TranslateError(
                name, None, "expected --url of the server (e.g. http://127.0.0.1:5000/), found none"
            )
        arguments["custom_url"] = url.rstrip("/") + "/"
    module = importlib.import_module(spec.module)
    client = getattr(module, spec.client)
    if name == "libretranslate":
        _teach_libretranslate_czech(module)
    try:
        return client(**arguments)  # type: ignore[no-any-return]
    except Exception as exc:  # deep-translator validates languages and keys with many classes
        raise TranslateError(name, None, f"cannot use the engine: {redact(str(exc))}") from None


def _teach_libretranslate_czech(module: Any) -> None:
    # deep-translator 1.11's list of LibreTranslate languages predates the
    # server's Czech model; the client validates against that list.
    module.LIBRE_LANGUAGES_TO_CODES.setdefault("czech", "cs")


# --- the run ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftOptions:
    """How a drafting run talks to its engine."""

    engine: str
    url: str | None = None
    timeout: float = 20.0
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
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """One text to draft, and the catalog entries waiting for it."""

    source: str
    protected: Protected
    targets: tuple[tuple[str, Message], ...]


class _RetryError(Exception):
    pass


class _AuthenticationRefusedError(Exception):
    pass


_RETRY_CODES = {
    "ERR_TOO_MANY_REQUESTS",
    "ERR_INTERNAL_SERVER_ERROR",
    "ERR_SERVICE_NOT_AVAIBLE",
    "API server error",
}
_AUTH_CODES = {"ERR_KEY_INVALID", "ERR_KEY_BLOCKED"}


def _classify(exc: BaseException) -> type[Exception] | None:
    """Retry, stop, or fail this one message (``None``)."""
    import requests
    from deep_translator import exceptions

    if isinstance(exc, exceptions.AuthorizationException | exceptions.ApiKeyException):
        return _AuthenticationRefusedError
    if isinstance(exc, exceptions.ServerException):
        code = str(exc.args[0]) if exc.args else ""
        if code in _AUTH_CODES:
            return _AuthenticationRefusedError
        return _RetryError if code in _RETRY_CODES else None
    if isinstance(
        exc, exceptions.TooManyRequests | requests.RequestException | ValueError | KeyError | TypeError
    ):
        return _RetryError  # timeouts, refused connections, broken JSON: the next attempt may work
    return None


def translate_with_retries(
    engine: Engine, text: str, options: DraftOptions, counter: Callable[[], None]
) -> str:
    """One text through the engine, retried on transient errors with bounded exponential backoff."""
    delay = options.backoff
    for attempt in range(options.retries + 1):
        counter()
        try:
            return engine.translate(text)
        except Exception as exc:  # the engines raise many unrelated classes: each is classified
            kind = _classify(exc)
            if kind is _AuthenticationRefusedError:
                raise _AuthenticationRefusedError(type(exc).__name__) from None
            if kind is None or attempt == options.retries:
                raise
            time.sleep(min(delay, options.backoff_cap) * (1 + random.random() / 4))
            delay *= 2
    raise AssertionError("unreachable")


class Progress:
    """A progress bar on a terminal, a line every quarter elsewhere (logs, CI)."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done, self.failed = total, label, 0, 0
        self._tty = sys.stderr.isatty()
        self._last_quarter = 0

    def advance(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        if self._tty:
            filled = int(30 * self.done / max(self.total, 1))
            sys.stderr.write(
                f"\r{self.label} [{'#' * filled}{' ' * (30 - filled)}] {self.done}/{self.total}"
                + (f" ({self.failed} failed)" if self.failed else "")
            )
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()
            return
        quarter = 4 * self.done // max(self.total, 1)
        if quarter != self._last_quarter:
            self._last_quarter = quarter
            log.info(
                "%s: %d/%d drafted%s",
                self.label,
                self.done,
                self.total,
                f", {self.failed} failed" * bool(self.failed),
            )


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
) -> DraftReport:
    """Fill the catalogs of one language (keyed by slug); ``save(slug)`` writes one.

    Exact matches in the memory are reused as reviewed, close ones become
    fuzzy suggestions, the rest go to the engine. Identical texts are sent once.
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
    _run_jobs(work, lang, engine, options, report, save)
    return report


Result = tuple[Job, str | None, BaseException | None]


@dataclass
class _Run:
    """One drafting run's state, shared by the loop that collects the workers' results."""

    options: DraftOptions
    report: DraftReport
    progress: Progress
    save: Callable[[str], None]
    stop: threading.Event = field(default_factory=threading.Event)
    unsaved: set[str] = field(default_factory=set)

    def flush(self) -> None:
        """Write every catalog that received drafts since the last write."""
        for slug in sorted(self.unsaved):
            self.save(slug)
        self.unsaved.clear()

    def drain(self, results: queue.Queue[Result]) -> None:
        """Keep every draft that had already arrived when the run was stopped."""
        while True:
            try:
                result = results.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(TranslateError):
                self.apply(*result)

    def apply(self, job: Job, draft: str | None, error: BaseException | None) -> None:
        """Store one result: a draft (fuzzy), a failure (reported), or a refusal (stops the run)."""
        engine, quoted = self.options.engine, excerpt(job.source)
        if isinstance(error, _AuthenticationRefusedError):
            self.stop.set()
            variable = ENGINES[engine].key_variable if engine in ENGINES else None
            hint = f"; check {variable}" if variable else ""
            raise TranslateError(engine, None, f"the service refused our credentials ({error}){hint}")
        if error is not None:
            self.report.failed.append(f"{quoted}: {type(error).__name__}: {redact(str(error))[:160]}")
            log.warning(
                "%s: %s: no draft for %s (%s)", engine, job.targets[0][0], quoted, type(error).__name__
            )
            self.progress.advance(failed=True)
            return
        restored = restore(draft or "", job.protected)
        if restored is None or not restored.strip():
            self.report.failed.append(f"{quoted}: placeholders damaged by the engine")
            log.warning("%s: draft of %s lost or damaged its markup; left untranslated", engine, quoted)
            self.progress.advance(failed=True)
            return
        for slug, message in job.targets:
            set_draft(message, restored, f"{MACHINE_COMMENT}{engine}")
            self.unsaved.add(slug)
        self.report.drafted += len(job.targets)
        self.progress.advance()


def _run_jobs(
    work: list[Job],
    lang: str,
    engine: Engine,
    options: DraftOptions,
    report: DraftReport,
    save: Callable[[str], None],
) -> None:
    pending: queue.Queue[Job] = queue.Queue()
    for job in work:
        pending.put(job)
    results: queue.Queue[Result] = queue.Queue()
    run = _Run(options, report, Progress(len(work), f"{options.engine} → {lang}"), save)
    lock = threading.Lock()

    def count() -> None:
        with lock:
            report.requests += 1

    def worker() -> None:
        while not run.stop.is_set():
            try:
                job = pending.get_nowait()
            except queue.Empty:
                return
            try:
                results.put((job, translate_with_retries(engine, job.protected.text, options, count), None))
            except BaseException as exc:  # handed to the main thread, which decides
                results.put((job, None, exc))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, options.workers))]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < len(work):
            try:
                result = results.get(timeout=0.1)
            except queue.Empty:
                if not any(thread.is_alive() for thread in threads) and results.empty():
                    break
                continue
            finished += 1
            run.apply(*result)
            if finished % options.save_every == 0 or finished == len(work):
                run.flush()
    except KeyboardInterrupt:
        run.stop.set()
        run.drain(results)
        raise
    finally:
        run.stop.set()
        run.flush()
