"""Texts and an engine → drafts or errors, several requests at once, retried, stoppable.

Several requests run at once on daemon threads; 429, 5xx, timeouts and broken
answers are retried with bounded exponential backoff, and an authentication
error stops the run at once. An :class:`EngineGuard`, which may be shared by
the runs of every language, gives the engine up for good when it cannot be
reached: a refused connection at once, a server that does not answer once
it failed as many times in a row as one text may be tried, and every
request once the run's deadline has passed. The texts left are then handed
on as failed with that reason, without a request, so a silent server costs
one text's retries, not every text's in turn. The runner decides nothing
about catalogs: it hands each result to a ``receive`` callback, asks for a
``checkpoint`` every few results (and when it stops, even on Ctrl-C), and
reports its counts to an optional ``progress`` callback. It writes nothing
itself.
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
    def url(self) -> str | None: ...
    @property
    def timeout(self) -> float: ...
    @property
    def deadline(self) -> float: ...
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


class EngineUnavailableError(Exception):
    """The engine was given up before this text had an answer; ``str()`` says why, for a person."""


def _socket_error(exc: BaseException) -> OSError | None:
    """The socket's own error under a connection error (refused, name unknown, reset), if it holds one."""
    import requests

    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if (
            isinstance(current, OSError)
            and not isinstance(current, requests.RequestException)
            and current.strerror
        ):
            return current
        # requests wraps urllib3's MaxRetryError, whose .reason holds the error of the connection.
        pending += [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
    return None


def _unreachable(exc: BaseException, where: str, timeout: float) -> tuple[str, bool] | None:
    """Why ``exc`` says the server cannot be reached, for a person, and whether retrying is pointless;
    ``None`` when the server answered something."""
    import requests

    if isinstance(exc, requests.ConnectTimeout):
        return f"{where}: no connection within {timeout:g} s (timeout)", False
    if isinstance(exc, requests.Timeout):
        return f"{where}: no answer within {timeout:g} s (timeout)", False
    if isinstance(exc, requests.ConnectionError):
        cause = _socket_error(exc)
        if isinstance(cause, ConnectionRefusedError):
            # Nothing listens there: a retry would only delay the error.
            return f"{where}: connection refused (is the server running?)", True
        detail = cause.strerror if cause is not None else type(exc).__name__
        return f"{where}: cannot connect ({detail})", False
    return None


class EngineGuard:
    """Whether the engine may still be asked, for every language of one run.

    It may not once a connection was refused, once requests failed to connect or to get an answer
    ``threshold`` times in a row (any answer starts the count again), nor after
    ``deadline`` seconds from the guard's creation. The first of these gives
    the ``reason`` every text left is reported with.
    """

    def __init__(self, where: str, timeout: float, threshold: int, deadline: float) -> None:
        self.where, self.timeout, self.threshold, self.deadline = where, timeout, max(1, threshold), deadline
        self.ends_at = time.monotonic() + deadline
        self.reason: str | None = None
        self._failures_in_a_row = 0
        self._closed = threading.Event()
        self._lock = threading.Lock()

    @classmethod
    def for_run(cls, settings: RunSettings) -> EngineGuard:
        """A guard for a run of ``settings``: as many failures in a row as one text may be tried."""
        return cls(settings.url or settings.engine, settings.timeout, settings.retries + 1, settings.deadline)

    def give_up(self, reason: str) -> str:
        """Ask the engine nothing more; return the reason given first."""
        with self._lock:
            if self.reason is None:
                self.reason = reason
            self._closed.set()
            return self.reason

    def refusal(self) -> str | None:
        """Why the engine may not be asked any more, or ``None`` while it may."""
        if self.reason is None and time.monotonic() >= self.ends_at:
            self.give_up(f"the run's deadline of {self.deadline:g} s passed (--deadline)")
        return self.reason

    def record_answer(self) -> None:
        with self._lock:
            self._failures_in_a_row = 0

    def record_failure(self, exc: BaseException) -> str | None:
        """Count one failed request; return the reason when it (or an earlier one) gave the engine up."""
        unreachable = _unreachable(exc, self.where, self.timeout)
        if unreachable is None:
            self.record_answer()  # the server answered, if badly: it is there
            return None
        reason, at_once = unreachable
        with self._lock:
            self._failures_in_a_row += 1
            enough = self._failures_in_a_row >= self.threshold
        if enough or at_once:
            return self.give_up(reason)
        return self.reason

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when the engine is given up or the deadline comes first."""
        self._closed.wait(max(0.0, min(seconds, self.ends_at - time.monotonic())))

    def remaining(self) -> float:
        """Seconds left before the deadline."""
        return self.ends_at - time.monotonic()


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
    engine: Engine, text: str, settings: RunSettings, counter: Callable[[], None], guard: EngineGuard
) -> str:
    """One text through the engine, retried on transient errors with bounded exponential backoff.

    Raises :class:`EngineUnavailableError` instead of sending once ``guard`` has given the engine up.
    """
    delay = settings.backoff
    for attempt in range(settings.retries + 1):
        reason = guard.refusal()
        if reason is not None:
            raise EngineUnavailableError(reason)
        counter()
        try:
            draft = engine.translate(text)
        except Exception as exc:  # the engines raise many unrelated classes: each is classified
            kind = _classify(exc)
            if kind is _AuthenticationRefusedError:
                # The other texts would be refused too: none is sent while the run stops.
                guard.give_up("the service refused our credentials")
                raise _AuthenticationRefusedError(type(exc).__name__) from None
            reason = guard.record_failure(exc)
            if reason is not None:
                raise EngineUnavailableError(reason) from None
            if kind is None or attempt == settings.retries:
                raise
            guard.wait(min(delay, settings.backoff_cap) * (1 + random.random() / 4))
            delay *= 2
            continue
        guard.record_answer()
        return draft
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
    guard: EngineGuard | None = None,
) -> int:
    """Send every text to ``engine``; return how many requests that took.

    ``receive`` gets each result as it arrives; ``checkpoint`` is called every
    ``settings.save_every`` results and when the run ends, however it ends.
    ``guard`` (by default one for this run alone) says when to stop sending;
    at its deadline the run returns at once, the texts still in flight
    handed on as failed.
    """
    guard = guard or EngineGuard.for_run(settings)
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
                draft = translate_with_retries(engine, texts[index], settings, run.count_request, guard)
                results.put((index, draft, None))
            except BaseException as exc:  # handed to the main thread, which decides
                results.put((index, None, exc))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, settings.workers))]
    for thread in threads:
        thread.start()
    finished: set[int] = set()

    def hand_on(result: Result) -> None:
        finished.add(result[0])
        run.apply(*result)
        if len(finished) % settings.save_every == 0 or len(finished) == len(texts):
            checkpoint()

    if progress is not None:
        progress(Progress(label, 0, len(texts), 0))
    try:
        while len(finished) < len(texts):
            if guard.remaining() <= 0:
                break
            try:
                result = results.get(timeout=min(0.1, max(guard.remaining(), 0.001)))
            except queue.Empty:
                if not any(thread.is_alive() for thread in threads) and results.empty():
                    break
                continue
            hand_on(result)
        # Past the deadline: what has arrived is kept, the texts still out are given up.
        while len(finished) < len(texts) and not results.empty():
            hand_on(results.get_nowait())
        reason = guard.refusal() or "the run stopped before an answer came"
        for index in range(len(texts)):
            if index not in finished:
                hand_on((index, None, EngineUnavailableError(reason)))
    except KeyboardInterrupt:
        run.stop.set()
        run.drain(results)
        raise
    finally:
        run.stop.set()
        checkpoint()
    return run.requests
