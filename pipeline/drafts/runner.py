"""Texts and an engine → drafts or errors, several requests at once, retried, stoppable.

Several requests run at once on daemon threads; 429, 5xx, timeouts and broken
answers are retried with bounded exponential backoff, and an authentication
error stops the run at once. The runner decides nothing about catalogs: it
hands each result to a ``receive`` callback, asks for a ``checkpoint`` every
few results (and when it stops, even on Ctrl-C), and reports its counts to an
optional ``progress`` callback. It writes nothing itself.
"""

from __future__ import annotations

import contextlib
import queue
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.drafts.engines import ENGINES, Engine, TranslateError


class RunSettings(Protocol):
    """What the runner reads of a run's settings (a :class:`~pipeline.drafts.policy.DraftOptions`)."""

    @property
    def engine(self) -> str: ...
    @property
    def workers(self) -> int: ...
    @property
    def retries(self) -> int: ...
    @property
    def backoff(self) -> float: ...
    @property
    def backoff_cap(self) -> float: ...
    @property
    def save_every(self) -> int: ...


@dataclass(frozen=True)
class Progress:
    """How far one run is: ``done`` of ``total`` texts finished, ``failed`` of them without a draft."""

    label: str
    done: int
    total: int
    failed: int


ProgressReporter = Callable[[Progress], None]
# receive(index, draft, error) → whether a draft was kept; index is the text's position.
Receiver = Callable[[int, str | None, BaseException | None], bool]


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
    engine: Engine, text: str, settings: RunSettings, counter: Callable[[], None]
) -> str:
    """One text through the engine, retried on transient errors with bounded exponential backoff."""
    delay = settings.backoff
    for attempt in range(settings.retries + 1):
        counter()
        try:
            return engine.translate(text)
        except Exception as exc:  # the engines raise many unrelated classes: each is classified
            kind = _classify(exc)
            if kind is _AuthenticationRefusedError:
                raise _AuthenticationRefusedError(type(exc).__name__) from None
            if kind is None or attempt == settings.retries:
                raise
            time.sleep(min(delay, settings.backoff_cap) * (1 + random.random() / 4))
            delay *= 2
    raise AssertionError("unreachable")


Result = tuple[int, str | None, BaseException | None]


@dataclass
class _Run:
    """One run's state, kept by the loop that collects the workers' results."""

    settings: RunSettings
    label: str
    total: int
    receive: Receiver
    progress: ProgressReporter | None
    stop: threading.Event = field(default_factory=threading.Event)
    done: int = 0
    failed: int = 0
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def count_request(self) -> None:
        with self._lock:
            self.requests += 1

    def apply(self, index: int, draft: str | None, error: BaseException | None) -> None:
        """Hand one result on; a refusal of our credentials stops the run."""
        if isinstance(error, _AuthenticationRefusedError):
            self.stop.set()
            engine = self.settings.engine
            variable = ENGINES[engine].key_variable if engine in ENGINES else None
            hint = f"; check {variable}" if variable else ""
            raise TranslateError(engine, None, f"the service refused our credentials ({error}){hint}")
        kept = self.receive(index, draft, error)
        self.done += 1
        self.failed += not kept
        if self.progress is not None:
            self.progress(Progress(self.label, self.done, self.total, self.failed))

    def drain(self, results: queue.Queue[Result]) -> None:
        """Keep every draft that had already arrived when the run was stopped."""
        while True:
            try:
                result = results.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(TranslateError):
                self.apply(*result)


def run_jobs(
    texts: Sequence[str],
    engine: Engine,
    settings: RunSettings,
    receive: Receiver,
    checkpoint: Callable[[], None],
    progress: ProgressReporter | None = None,
    label: str = "",
) -> int:
    """Send every text to ``engine``; return how many requests that took.

    ``receive`` gets each result as it arrives; ``checkpoint`` is called every
    ``settings.save_every`` results and when the run ends, however it ends.
    """
    pending: queue.Queue[int] = queue.Queue()
    for index in range(len(texts)):
        pending.put(index)
    results: queue.Queue[Result] = queue.Queue()
    run = _Run(settings, label, len(texts), receive, progress)

    def worker() -> None:
        while not run.stop.is_set():
            try:
                index = pending.get_nowait()
            except queue.Empty:
                return
            try:
                draft = translate_with_retries(engine, texts[index], settings, run.count_request)
                results.put((index, draft, None))
            except BaseException as exc:  # handed to the main thread, which decides
                results.put((index, None, exc))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, settings.workers))]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < len(texts):
            try:
                result = results.get(timeout=0.1)
            except queue.Empty:
                if not any(thread.is_alive() for thread in threads) and results.empty():
                    break
                continue
            finished += 1
            run.apply(*result)
            if finished % settings.save_every == 0 or finished == len(texts):
                checkpoint()
    except KeyboardInterrupt:
        run.stop.set()
        run.drain(results)
        raise
    finally:
        run.stop.set()
        checkpoint()
    return run.requests
