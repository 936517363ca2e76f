"""A drafting run whose server cannot be reached fails fast and loudly: ``jumelage translate``
and ``make translate`` against a server that never answers, a closed port, a server that answers
some requests and then falls silent, and a run past its deadline. Every server is on 127.0.0.1."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import time
from pathlib import Path

from pipeline.catalogs.po import read_catalog
from pipeline.drafts.policy import describe_missing
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from ..fake_libretranslate import Behaviour, closed_port, fake_translation, running_server, silent_server
from ..msgfmt import msgfmt_errors
from ..project import BIN, make_environment, run_jumelage, run_make
from .conftest import NEW, big_article, german, options, with_new_article

TIMEOUT, RETRIES = 1.0, 2


def translate(
    project: Path, url: str, *languages: str, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    arguments = ["translate", "--engine", "libretranslate", "--url", url, "--timeout", f"{timeout:g}"]
    arguments += ["--retries", str(RETRIES)]
    for lang in languages or ("de",):
        arguments += ["--lang", lang]
    return run_jumelage(project, *arguments, timeout=120)


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("jumelage: error:")]


def untranslated(project: Project, lang: str = "de") -> int:
    return sum(
        1
        for message in read_catalog(project.catalog_path(lang, NEW), lang)
        if message.id and not message.string
    )


def test_a_server_that_never_answers_is_given_up_within_one_texts_retries(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with silent_server() as (url, seen):
        done = translate(project_copy, url, "de", "pl")
        ended = time.monotonic()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    reason = f"{url}: no answer within 1 s (timeout)"
    count = untranslated(project)
    assert count > 10
    assert errors(done.stderr) == [
        f"jumelage: error: de: {count} of {count} messages not drafted: {reason}",
        f"jumelage: error: pl: {untranslated(project, 'pl')} of {untranslated(project, 'pl')} "
        f"messages not drafted: {reason}",
    ]
    # Given up once for the run: Polish sends nothing, and no message is named in a warning of its own.
    assert re.search(r"jumelage: pl: 0 drafted by libretranslate, .* 0 requests$", done.stderr, re.MULTILINE)
    assert "warning" not in done.stderr
    # The bound the translator's guide states: about timeout × (retries + 1) for the whole run (the old
    # runner spent that on every message in turn), with half as much again for a loaded machine.
    assert seen.first is not None and ended - seen.first < 1.5 * TIMEOUT * (RETRIES + 1)
    for lang in ("de", "pl"):
        assert msgfmt_errors(project.catalog_path(lang, NEW)) == []


def test_a_closed_port_fails_at_once_with_one_line(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with closed_port() as url:
        started = time.monotonic()
        # A long timeout: only giving up at once keeps the run under it.
        done = translate(project_copy, url, timeout=10)
        elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    count = untranslated(project)
    assert errors(done.stderr) == [
        f"jumelage: error: de: {count} of {count} messages not drafted: "
        f"{url}: connection refused (is the server running?)"
    ]
    assert "warning" not in done.stderr and "Traceback" not in done.stderr
    # Retrying each message with backoff alone (0.5 + 1 + 2 + 4 s) took longer than this,
    # which includes starting Python.
    assert elapsed < 6
    assert msgfmt_errors(project.catalog_path("de", NEW)) == []


def test_a_server_that_answers_some_then_falls_silent_keeps_every_draft(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour(script=["answer"] * 3, always="hang", hang_seconds=10)
    with running_server(behaviour) as url:
        done = translate(project_copy, url)
        ended = time.monotonic()
    assert done.returncode == 1, done.stderr
    catalog = german(project)
    drafts = [message for message in catalog if message.id and message.string]
    assert len(drafts) == behaviour.answered == 3
    assert all(message.fuzzy and message.string == fake_translation(message.id, "de") for message in drafts)
    missing = untranslated(project)
    assert errors(done.stderr) == [
        f"jumelage: error: de: {missing} of {missing + 3} messages not drafted: "
        f"{url}: no answer within 1 s (timeout)"
    ]
    assert behaviour.first_request is not None and ended - behaviour.first_request < 3 * TIMEOUT * RETRIES
    assert msgfmt_errors(project.catalog_path("de", NEW)) == []


def test_a_message_the_engine_refuses_fails_the_run_and_says_which(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with running_server(Behaviour(script=[400])) as url:
        done = translate(project_copy, url)
    assert done.returncode == 1, done.stderr
    [error] = errors(done.stderr)
    assert re.fullmatch(
        r'jumelage: error: de: 1 of \d+ messages not drafted: ".+": ServerException: ERR_BAD_REQUEST', error
    )
    assert untranslated(project) == 1
    assert msgfmt_errors(project.catalog_path("de", NEW)) == []


def test_the_deadline_ends_the_run_and_keeps_what_was_drafted(project_copy: Path) -> None:
    (project_copy / "source" / "long.md").write_text(big_article(60), encoding="utf-8")
    project = Project(project_copy)
    deadline = 1.5
    with running_server(Behaviour(latency=0.2)) as url:
        started = time.monotonic()
        report = draft_translations(project, ["de"], options(url, workers=2, deadline=deadline))["de"]
        elapsed = time.monotonic() - started
    assert elapsed < 3 * deadline
    assert report.gave_up == "the run's deadline of 1.5 s passed (--deadline)"
    assert 0 < report.drafted < report.asked
    assert describe_missing(report) == (
        f"{report.asked - report.drafted} of {report.asked} messages not drafted: {report.gave_up}"
    )
    path = project.catalog_path("de", "long")
    drafts = [message for message in read_catalog(path, "de") if message.id and message.string]
    assert len(drafts) == report.drafted
    assert all(message.fuzzy and message.string == fake_translation(message.id, "de") for message in drafts)
    assert msgfmt_errors(path) == []


def read_through_a_terminal(command: list[str], cwd: Path) -> tuple[str, list[tuple[float, int]], int]:
    """Run ``command`` with a terminal for its output: what it printed, how much of it had come by
    when (seconds from the start, characters), and its status."""
    master, slave = pty.openpty()
    env = make_environment()
    process = subprocess.Popen(
        command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    started, printed, arrivals = time.monotonic(), b"", []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: every writer has exited
            break
        if not chunk:
            break
        printed += chunk
        arrivals.append((time.monotonic() - started, len(printed.decode(errors="ignore"))))
    os.close(master)
    return printed.decode(), arrivals, process.wait(timeout=60)


def arrival(text: str, printed: str, arrivals: list[tuple[float, int]]) -> float:
    """When ``text`` had come in full."""
    end = printed.index(text) + len(text)
    return next(when for when, length in arrivals if length >= end)


def test_make_translate_shows_its_progress_as_it_goes_and_fails(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    stamp = project_copy / ".venv-ready"
    stamp.touch()
    with silent_server() as (url, _seen):
        printed, arrivals, status = read_through_a_terminal(
            [
                "make",
                "--no-print-directory",
                f"BIN={BIN}",
                f"STAMP={stamp}",
                "translate",
                "ENGINE=libretranslate",
                f"URL={url}",
                "LANGS=de",
                "TIMEOUT=2",
            ],
            project_copy,
        )
    assert status == 2, printed  # make's status when a recipe fails
    [error] = errors(printed.replace("\r", "\n"))
    assert error.endswith(f"messages not drafted: {url}: no answer within 2 s (timeout)"), printed
    # The bar was drawn on the terminal while the requests waited, not held back by make until the end.
    assert arrival(error, printed, arrivals) - arrival("libretranslate → de [", printed, arrivals) >= 1.5, (
        printed
    )
    assert msgfmt_errors(project.catalog_path("de", NEW)) == []


def test_make_n_translate_only_shows_the_command(project_copy: Path) -> None:
    # The `+` that lets the progress through would otherwise run it under -n too.
    with_new_article(project_copy)
    with silent_server() as (url, seen):
        done = run_make(project_copy, "-n", "translate", "ENGINE=libretranslate", f"URL={url}", "LANGS=de")
        time.sleep(0.2)
    assert f"translate --engine libretranslate --url {url}" in done.stdout
    assert seen.accepted == 0
