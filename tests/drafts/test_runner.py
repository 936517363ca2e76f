"""pipeline.drafts.runner: retries, timeouts, refused credentials and Ctrl-C, through the real
deep-translator client and the run's session against a LibreTranslate-compatible server on
127.0.0.1; progress by callback."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests
from deep_translator.exceptions import ServerException
from urllib3.exceptions import ReadTimeoutError

from pipeline.catalogs.po import parse_catalog
from pipeline.drafts.runner import EngineGuard, EngineUnavailableError, Progress, run_jobs
from pipeline.errors import JumelageError
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from ..fake_libretranslate import Behaviour, closed_port, fake_translation, running_server
from ..project import jumelage_argv
from .conftest import big_article, client, german, options, with_new_article


def test_429_and_5xx_are_retried(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(script=[429, 500, 503, 502])
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, workers=1))["de"]
    assert not report.failed
    assert behaviour.requests == behaviour.answered + 4
    assert report.requests == behaviour.answered  # each text sent once, its retries aside
    assert all(message.fuzzy and message.string for message in german(project) if message.id)


def test_a_broken_answer_fails_its_message_only(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(script=["broken"])
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, workers=1))["de"]
    [failure] = report.failed
    assert "JSONDecodeError" in failure and report.gave_up is None
    assert report.drafted == report.asked - 1 and behaviour.requests == behaviour.answered + 1


def test_a_hanging_server_is_cut_off_by_the_timeout(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(always="hang", hang_seconds=5)
    started = time.monotonic()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, timeout=0.3, retries=1, workers=4))["de"]
    assert time.monotonic() - started < 60  # a sanity bound, not a benchmark
    assert report.drafted == 0 and report.failed
    assert report.gave_up == f"{url}: no answer within 0.3 s (timeout)"
    assert all(failure.endswith(report.gave_up) for failure in report.failed)
    # One text unanswered through its two tries gives it up: the four workers' first texts, tried twice.
    assert behaviour.requests <= 8
    assert all(not message.string for message in german(project) if message.id)


def test_an_authentication_error_stops_at_once_without_showing_the_key(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = with_new_article(project_copy)
    monkeypatch.setenv("LIBRE_API_KEY", "canary-key-0451")
    behaviour = Behaviour(api_key="the-right-key")
    with running_server(behaviour) as url, pytest.raises(JumelageError) as caught:
        draft_translations(project, ["de"], options(url, workers=1))
    refused = "libretranslate: the service refused our credentials (HTTP 403); check LIBRE_API_KEY"
    assert str(caught.value) == refused
    assert "canary-key-0451" not in str(caught.value)
    assert behaviour.requests == 1  # no retry, and no other text sent once the key is refused
    german(project)  # the catalog still parses


def test_an_interrupted_run_keeps_every_finished_draft(project_copy: Path) -> None:
    (project_copy / "source" / "long.md").write_text(big_article(120), encoding="utf-8")
    project = Project(project_copy)
    path = project.catalog_path("de", "long")
    behaviour = Behaviour(latency=0.1)
    with running_server(behaviour) as url:
        process = subprocess.Popen(
            jumelage_argv(
                project_copy,
                "translate",
                "--engine",
                "libretranslate",
                "--url",
                url,
                "--lang",
                "de",
                "--jobs",
                "2",
            ),
            stderr=subprocess.PIPE,
            text=True,
            # A shell that starts jobs in the background hands them SIGINT ignored;
            # the test stands for a person pressing Ctrl-C, so the child gets the default.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if path.exists() and path.read_text(encoding="utf-8").count("#, fuzzy") >= 10:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        answered = behaviour.answered
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    catalog = parse_catalog(path.read_text(encoding="utf-8"), str(path), "de")
    drafts = [message for message in catalog if message.id and message.string]
    assert all(message.fuzzy and message.string == fake_translation(message.id, "de") for message in drafts)
    assert 10 <= len(drafts) < 121
    assert len(drafts) >= answered - 2  # at most the requests in flight are lost


# --- the runner on its own --------------------------------------------------------------------------


class Flaky:
    """An engine that fails its first ``failures`` calls, then echoes in capitals."""

    def __init__(self, failures: int = 0) -> None:
        self.failures, self.calls = failures, 0
        self._lock = threading.Lock()

    def translate(self, text: str) -> str:
        with self._lock:
            self.calls += 1
            if self.calls <= self.failures:
                raise ValueError("broken answer")
        return text.upper()


def test_run_jobs_hands_every_result_on_and_reports_progress_through_the_callback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    texts = [f"texte {index}" for index in range(7)]
    received: dict[int, str | None] = {}
    events: list[Progress] = []
    checkpoints: list[int] = []

    def receive(index: int, draft: str | None, error: BaseException | None) -> bool:
        assert error is None
        received[index] = draft
        return True

    requests = run_jobs(
        texts,
        Flaky(),
        options("unused", workers=2, save_every=3),
        receive,
        lambda: checkpoints.append(len(received)),
        events.append,
        "test → de",
    )
    assert received == {index: text.upper() for index, text in enumerate(texts)}
    assert requests == 7
    assert [event.done for event in events] == list(range(8))  # 0: the run starts
    assert all(event.total == 7 and event.failed == 0 and event.label == "test → de" for event in events)
    assert checkpoints == [3, 6, 7, 7]  # every save_every results, at the end, and once more on the way out
    assert capsys.readouterr().err == ""  # no reporter of its own: nothing written


def test_a_failure_counts_as_failed_in_the_progress_and_is_not_retried() -> None:
    events: list[Progress] = []
    errors: list[BaseException | None] = []

    def receive(index: int, draft: str | None, error: BaseException | None) -> bool:
        errors.append(error)
        return error is None

    engine = Flaky(failures=1)
    run_jobs(["un", "deux"], engine, options("unused", workers=1), receive, lambda: None, events.append)
    assert [(event.done, event.failed) for event in events] == [(0, 0), (1, 1), (2, 1)]
    assert engine.calls == 2 and isinstance(errors[0], ValueError)


def test_a_library_run_writes_nothing_to_stderr(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = with_new_article(project_copy)
    with running_server(Behaviour()) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    assert report.drafted > 0
    assert capsys.readouterr().err == ""


def test_deep_translator_keeps_the_real_requests_module_during_and_after_a_run() -> None:
    import requests
    from deep_translator import deepl, google, libre, microsoft, mymemory

    modules = (deepl, google, libre, microsoft, mymemory)
    seen: list[object] = []

    class Watching:
        """Looks at deep-translator's modules while the run's requests are in flight."""

        def __init__(self, url: str) -> None:
            self.client = client(options(url))

        def translate(self, text: str) -> str:
            seen.extend(module.requests for module in modules)
            return self.client.translate(text)

    with running_server(Behaviour()) as url:
        run_jobs(["Bonjour", "Au revoir"], Watching(url), options(url), lambda *_: True, lambda: None)
    assert seen and all(module is requests for module in seen)
    assert all(module.requests is requests for module in modules)


def test_a_request_times_out_and_is_retried_by_the_session() -> None:
    behaviour = Behaviour(always="hang", hang_seconds=5)
    with running_server(behaviour) as url:
        quick = client(options(url, timeout=0.2, retries=2))
        started = time.monotonic()
        with pytest.raises(requests.ConnectionError, match="Read timed out"):
            quick.translate("Bonjour")
    assert time.monotonic() - started < 4
    assert behaviour.requests == 3


def test_the_sessions_retries_end_once_the_guard_gives_the_engine_up() -> None:
    behaviour = Behaviour(always=503)
    with running_server(behaviour) as url:
        settings = options(url, retries=4, backoff=2.0)
        guard = EngineGuard.for_run(settings)
        engine = client(settings, guard)
        threading.Timer(0.5, guard.give_up, ["gone"]).start()
        started = time.monotonic()
        with pytest.raises(ServerException):  # the last answer, named by the client
            engine.translate("Bonjour")
    assert time.monotonic() - started < 2  # not 4 + 8 + 8 s of backoff
    assert behaviour.requests == 3  # the first retry comes at once, the second after 4 s: cut short


# --- when the engine is given up -------------------------------------------------------------------


def test_the_guard_gives_up_after_as_many_silent_requests_in_a_row_as_a_text_may_take() -> None:
    guard = EngineGuard("http://h/", timeout=2.0, threshold=3, deadline=60)
    silence = ReadTimeoutError(None, "/translate", "Read timed out.")  # type: ignore[arg-type]
    assert guard.record_failure(silence) is None
    assert guard.record_failure(silence) is None
    guard.record_answer()  # any answer starts the count again
    assert guard.record_failure(silence) is None
    assert guard.record_failure(ValueError("broken answer")) is None  # an answer, if a bad one
    assert guard.record_failure(silence) is None and guard.record_failure(silence) is None
    assert guard.refusal() is None and not guard.stopped.is_set()
    assert guard.record_failure(silence) == "http://h/: no answer within 2 s (timeout)"
    assert guard.refusal() == "http://h/: no answer within 2 s (timeout)" and guard.stopped.is_set()
    guard.record_answer()  # a late answer does not open it again
    assert guard.refusal() == "http://h/: no answer within 2 s (timeout)"


def test_the_guard_hears_of_each_try_of_the_session() -> None:
    behaviour = Behaviour(always="hang", hang_seconds=5)
    with running_server(behaviour) as url:
        settings = options(url, timeout=0.2, retries=4)
        guard = EngineGuard.for_run(settings)
        guard.threshold = 2
        with pytest.raises(requests.ConnectionError):
            client(settings, guard).translate("Bonjour")
    assert guard.reason == f"{url}: no answer within 0.2 s (timeout)"
    assert behaviour.requests == 2  # given up after two tries, not five


def test_a_refused_connection_gives_the_engine_up_at_once() -> None:
    with closed_port() as url:
        settings = options(url, workers=2, retries=4, backoff=1.0, timeout=5.0)
        guard = EngineGuard.for_run(settings)
        engine = client(settings, guard)
        received: list[BaseException | None] = []

        def receive(index: int, draft: str | None, error: BaseException | None) -> bool:
            received.append(error)
            return False

        started = time.monotonic()
        sent = run_jobs(
            [f"texte {index}" for index in range(20)],
            engine,
            settings,
            receive,
            lambda: None,
            guard=guard,
        )
    assert time.monotonic() - started < 4  # no backoff: 1 + 2 + 4 + 8 s were waited before
    assert sent <= 2  # the first request of each worker
    assert len(received) == 20
    assert {str(error) for error in received} == {f"{url}: connection refused (is the server running?)"}
    assert all(isinstance(error, EngineUnavailableError) for error in received)


def test_past_its_deadline_a_run_returns_at_once_and_keeps_what_arrived() -> None:
    received: dict[int, str | None] = {}

    def receive(index: int, draft: str | None, error: BaseException | None) -> bool:
        received[index] = draft
        return draft is not None

    class Slow:
        def translate(self, text: str) -> str:
            time.sleep(0.3)
            return text.upper()

    started = time.monotonic()
    run_jobs(
        [f"texte {index}" for index in range(40)],
        Slow(),
        options("unused", workers=2, deadline=1.0),
        receive,
        lambda: None,
    )
    assert time.monotonic() - started < 2.5
    assert len(received) == 40
    drafted = [index for index, draft in received.items() if draft is not None]
    assert 2 <= len(drafted) <= 8
    assert all(received[index] == f"TEXTE {index}" for index in drafted)


def test_a_guard_shared_by_two_runs_sends_nothing_once_it_gave_up() -> None:
    guard = EngineGuard("http://h/", timeout=1.0, threshold=1, deadline=60)
    guard.record_failure(requests.ConnectTimeout("no connection"))
    engine, errors = Flaky(), []

    def receive(index: int, draft: str | None, error: BaseException | None) -> bool:
        errors.append(str(error))
        return False

    assert run_jobs(["un", "deux"], engine, options("http://h/"), receive, lambda: None, guard=guard) == 0
    assert engine.calls == 0
    assert errors == ["http://h/: no connection within 1 s (timeout)"] * 2
