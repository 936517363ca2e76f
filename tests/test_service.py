"""pipeline.service and pipeline.client: make's recipes run by warm workers, same results."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import client
from pipeline.project import source_date
from pipeline.service import run_command


def test_a_command_run_by_a_worker_prints_and_exits_as_the_cli_does(tmp_path: Path) -> None:
    status, out, err = run_command(["--version"], str(tmp_path), {})
    assert status == 0 and out.startswith("jumelage ") and err == ""
    status, out, err = run_command(["apply", "missing.md", "--lang", "de", "-o", "x.md"], str(tmp_path), {})
    assert status == 2 and err.startswith("missing.md: expected a file, found nothing")


def test_the_environment_a_command_depends_on_is_passed_and_restored(tmp_path: Path) -> None:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    (tmp_path / "probe").mkdir()
    run_command(["--version"], str(tmp_path), {"SOURCE_DATE_EPOCH": "86400"})
    assert os.environ.get("SOURCE_DATE_EPOCH") == before


def test_the_client_goes_through_a_server_and_the_server_stops_when_idle(tmp_path: Path) -> None:
    socket = tmp_path / "s.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline.service", "--socket", str(socket), "--workers", "1", "--idle", "1"]
    )
    try:
        deadline = time.monotonic() + 60
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        connection = client._connect(socket)
        assert connection is not None
        connection.close()
        assert server.wait(timeout=60) == 0  # idle for a second: it stopped by itself
        assert not socket.exists()
    finally:
        server.kill()


def test_the_client_runs_the_command_itself_when_no_server_can_be_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(client, "_start_server", lambda path: None)
    assert client.run(["--version"]) == 0
    assert capsys.readouterr().out.startswith("jumelage ")


def test_the_socket_names_the_code_so_a_changed_module_gets_a_new_server(tmp_path: Path) -> None:
    short = Path("/srv/j")
    first = client.socket_path(short)
    assert first == client.socket_path(short)
    assert first.name.startswith("worker-") and first.parent == short / "outputs" / ".build"
    deep = tmp_path / ("x" * 120)
    assert len(str(client.socket_path(deep))) <= 108  # falls back to a short path in /tmp


def test_source_date_comes_from_the_last_commit_when_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "@1700000000 +0000",
        "GIT_COMMITTER_DATE": "@1700000000 +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "a").write_text("a")
    subprocess.run(["git", "add", "a"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=tmp_path, check=True, env=env)
    date = source_date(tmp_path)
    assert date is not None and int(date.timestamp()) == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert int(source_date(tmp_path).timestamp()) == 86400  # type: ignore[union-attr]
