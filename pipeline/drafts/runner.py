"""Texts and an engine → drafts or errors, several requests at once, retried, stoppable.

Texts are sent several at once, by a :class:`~concurrent.futures.ThreadPoolExecutor`,
through the session of :func:`open_session`: there urllib3 retries 429, 5xx and
requests that get no answer, with bounded exponential backoff, and a refusal of
our credentials (401, 403) raises :class:`~pipeline.drafts.engines.TranslateError`,
which stops the run at once. An :class:`EngineGuard`, which may be shared by the
runs of every language and hears of every request the session tries, gives the
engine up for good when it cannot be reached: a refused connection at once, a
server that does not answer once it failed as many times in a row as one text
may be tried, and every request once the run's deadline has passed; the
retries in flight end with it. The texts left are then handed on as failed with
that reason, without a request, so a silent server costs one text's retries,
not every text's in turn. The runner decides nothing
about catalogs: it hands each result to a ``receive`` callback, asks for a
``checkpoint`` every few results (and when it stops, even on Ctrl-C), and
reports its counts to an optional ``progress`` callback. It writes nothing
itself.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Protocol, Self

from pipeline.drafts.engines import ENGINES, Engine, TranslateError

RETRY_STATUSES = (429, 500, 502, 503, 504)
REFUSED_STATUSES = (401, 403)


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


class EngineUnavailableError(Exception):
    """The engine was given up before this text had an answer; ``str()`` says why, for a person."""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the errors under it: causes, contexts, arguments and urllib3's ``reason``."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if isinstance(current, BaseException) and id(current) not in seen:
            seen.add(id(current))
            yield current
            pending += [
                current.__cause__,
                current.__context__,
                getattr(current, "reason", None),
                *current.args,
            ]


def _unreachable(exc: BaseException, where: str, timeout: float) -> tuple[str, bool] | None:
    """Why ``exc`` (of requests or urllib3) says the server cannot be reached, for a person, and whether
    to give it up at once; ``None`` when the server answered something."""
    import requests
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError, ReadTimeoutError

    causes = list(_causes(exc))
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return f"{where}: connection refused (is the server running?)", True  # nothing listens there
    if any(isinstance(cause, requests.ReadTimeout | ReadTimeoutError) for cause in causes):
        return f"{where}: no answer within {timeout:g} s (timeout)", False
    if any(
        isinstance(cause, requests.ConnectTimeout)
        or (isinstance(cause, ConnectTimeoutError) and not isinstance(cause, NewConnectionError))
        for cause in causes
    ):
        return f"{where}: no connection within {timeout:g} s (timeout)", False
    if not any(
        isinstance(cause, requests.ConnectionError | NewConnectionError | ProtocolError) for cause in causes
    ):
        return None
    details = (
        cause.strerror
        for cause in causes
        if isinstance(cause, OSError) and not isinstance(cause, requests.RequestException) and cause.strerror
    )
    return f"{where}: cannot connect ({next(details, type(exc).__name__)})", False


class EngineGuard:
    """Whether the engine may still be asked, for every language of one run.

    It may not once a connection was refused, once requests failed to connect or to get an answer
    ``threshold`` times in a row (any answer starts the count again), nor after
    ``deadline`` seconds from the guard's creation. The first of these gives
    the ``reason`` every text left is reported with, and sets ``stopped``,
    which ends the retries in flight. The session of :func:`open_session`
    reports every request to the guard.
    """

    def __init__(self, where: str, timeout: float, threshold: int, deadline: float) -> None:
        self.where, self.timeout, self.threshold, self.deadline = where, timeout, max(1, threshold), deadline
        self.ends_at = time.monotonic() + deadline
        self.reason: str | None = None
        self.stopped = threading.Event()
        self._failures_in_a_row = 0
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
            self.stopped.set()
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
            return self.reason
        reason, at_once = unreachable
        with self._lock:
            self._failures_in_a_row += 1
            enough = self._failures_in_a_row >= self.threshold
        return self.give_up(reason) if enough or at_once else self.reason

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when the engine is given up or the deadline comes first."""
        self.stopped.wait(max(0.0, min(seconds, self.remaining())))

    def remaining(self) -> float:
        """Seconds left before the deadline."""
        return self.ends_at - time.monotonic()


def open_session(settings: RunSettings, guard: EngineGuard) -> Any:
    """A ``requests`` session for the run's engine (see :func:`~pipeline.drafts.engines.make_engine`).

    urllib3 tries a request ``settings.retries`` more times on 429, 5xx and no
    answer, backing off exponentially up to ``settings.backoff_cap`` seconds,
    and not at all once ``guard`` gave the engine up; each try is reported to
    ``guard``. A 401 or 403 raises :class:`TranslateError` naming the key's variable.
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    class GuardedRetry(Retry):
        def increment(self, *args: Any, **kwargs: Any) -> Self:
            if kwargs.get("error") is not None:
                guard.record_failure(kwargs["error"])
            else:
                guard.record_answer()  # a 429 or 5xx: the server is there
            return super().increment(*args, **kwargs)

        def is_exhausted(self) -> bool:
            return guard.stopped.is_set() or super().is_exhausted()

        def sleep(self, response: Any = None) -> None:
            # The backoff only, cut short by the guard: a Retry-After header may ask for hours.
            guard.wait(self.get_backoff_time())

    def answered(response: Any, *args: Any, **kwargs: Any) -> None:
        guard.record_answer()
        if response.status_code in REFUSED_STATUSES:  # the other texts would be refused too
            response.close()
            variable = ENGINES[settings.engine].key_variable if settings.engine in ENGINES else None
            hint = f"; check {variable}" if variable else ""
            raise TranslateError(
                settings.engine,
                None,
                f"the service refused our credentials (HTTP {response.status_code}){hint}",
            )

    retry = GuardedRetry(
        total=settings.retries,
        connect=0,  # refused, no such host, or no connection in time: the guard counts it, no retry
        status_forcelist=RETRY_STATUSES,
        allowed_methods=("GET", "POST"),  # LibreTranslate and Microsoft translate by POST
        backoff_factor=settings.backoff,
        backoff_max=settings.backoff_cap,
        backoff_jitter=settings.backoff,
        raise_on_status=False,  # the last answer goes to the client, whose error names it
    )
    # urllib3 warns of every retry with the request's URL, whose query may hold the key: what a person
    # needs to know, the guard and the run's report say.
    logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=max(1, settings.workers))
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.hooks["response"].append(answered)
    return session


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
    """Send every text to ``engine``; return how many were sent (each once, its retries aside).

    ``receive`` gets each result as it arrives; ``checkpoint`` is called every
    ``settings.save_every`` results and when the run ends, however it ends.
    ``guard`` (by default one for this run alone) says when to stop sending;
    at its deadline the run returns at once, the texts still in flight
    handed on as failed.
    """
    run_guard = guard or EngineGuard.for_run(settings)
    lock = threading.Lock()
    sent = done = failed = 0

    def send(text: str) -> str:
        nonlocal sent
        reason = run_guard.refusal()
        if reason is not None:
            raise EngineUnavailableError(reason)
        with lock:
            sent += 1
        try:
            return engine.translate(text)
        except TranslateError:
            run_guard.give_up("the service refused our credentials")  # no other text is sent
            raise
        except Exception:  # the engines raise many unrelated classes; the session told the guard of each try
            reason = run_guard.refusal()
            if reason is None:
                raise
            raise EngineUnavailableError(reason) from None

    def hand_on(index: int, future: Future[str] | None, reason: str = "") -> None:
        nonlocal done, failed
        error: BaseException | None
        if future is None:
            draft, error = None, EngineUnavailableError(reason)
        else:
            error = future.exception()
            draft = None if error else future.result()
        if isinstance(error, TranslateError):
            raise error
        kept = receive(index, draft, error)
        done, failed = done + 1, failed + (not kept)
        if progress is not None:
            progress(Progress(label, done, len(texts), failed))
        if done % settings.save_every == 0 or done == len(texts):
            checkpoint()

    pool = ThreadPoolExecutor(max_workers=max(1, settings.workers))
    futures = {pool.submit(send, text): index for index, text in enumerate(texts)}
    if progress is not None:
        progress(Progress(label, 0, len(texts), 0))
    try:
        with contextlib.suppress(TimeoutError):  # the deadline: what is still out is given up below
            for future in as_completed(futures, timeout=max(0.0, run_guard.remaining())):
                hand_on(futures.pop(future), future)
        reason = run_guard.refusal() or "the run stopped before an answer came"
        for future in list(futures):
            hand_on(futures.pop(future), future if future.done() else None, reason)
    except KeyboardInterrupt:
        run_guard.give_up("the run was interrupted")
        for future, index in futures.items():  # keep every draft that had already arrived
            if future.done() and not future.cancelled():
                with contextlib.suppress(TranslateError):
                    hand_on(index, future)
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        checkpoint()
    return sent
