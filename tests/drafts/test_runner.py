"""pipeline.drafts.runner: retries, timeouts, refused credentials and Ctrl-C, through the real
deep-translator client against a LibreTranslate-compatible server on 127.0.0.1; progress by callback."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.catalogs.po import parse_catalog
from pipeline.errors import JumelageError
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from ..conftest import jumelage_argv
from ..fake_libretranslate import Behaviour, fake_translation, running_server
from .conftest import big_article, german, options, with_new_article


def test_429_500_and_broken_json_are_retried(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(script=[429, 500, "broken", 503])
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, workers=1))["de"]
    assert not report.failed
    assert behaviour.requests == behaviour.answered + 4
    assert all(message.fuzzy and message.string for message in german(project) if message.id)


def test_a_hanging_server_is_cut_off_by_the_timeout(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(always="hang", hang_seconds=5)
    started = time.monotonic()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url, timeout=0.3, retries=1, workers=4))["de"]
    assert time.monotonic() - started < 60  # a sanity bound, not a benchmark
    assert report.drafted == 0 and report.failed
    assert all("Timeout" in failure for failure in report.failed)
    assert all(not message.string for message in german(project) if message.id)


def test_an_authentication_error_stops_at_once_without_showing_the_key(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = with_new_article(project_copy)
    monkeypatch.setenv("LIBRE_API_KEY", "canary-key-0451")
    behaviour = Behaviour(api_key="the-right-key")
    with running_server(behaviour) as url, pytest.raises(JumelageError) as caught:
        draft_translations(project, ["de"], options(url, workers=1))
    assert "refused our credentials" in str(caught.value) and "LIBRE_API_KEY" in str(caught.value)
    assert "canary-key-0451" not in str(caught.value)
    assert behaviour.requests <= 2  # no retries on an authentication error
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
