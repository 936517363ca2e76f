"""pipeline.service and pipeline.client: make's recipes run by warm workers, same results.

The server cleans up after itself (nothing left in the temporary folder, no
worker outliving it), replaces a worker that died, and answers every command
it ran with its status, so that none runs twice; a read-only ``outputs/``
gives the one-line error of the command, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import cli, client
from pipeline.project import source_date
from pipeline.service import run_command

from .conftest import ROOT, SLUG, copy_project, make_environment, run_make


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


def test_what_a_command_leaves_in_the_temporary_folder_is_removed_when_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Path] = []

    def render(args: object) -> None:  # as WeasyPrint's FontConfiguration does, and never removes
        made.append(Path(tempfile.mkdtemp(prefix="weasyprint-")))
        (made[-1] / "font").write_bytes(b"\0" * 1000)
        made.append(Path(os.environ["TMPDIR"]))  # what a subprocess (pandoc) would use

    monkeypatch.setattr(cli, "_cmd_stats", render)
    before = tempfile.gettempdir(), os.environ.get("TMPDIR")
    scratch = tmp_path / "server-1.tmp"
    assert run_command(["stats"], str(tmp_path), {}, scratch)[0] == 0
    assert made[0].parent == made[1] and made[1].parent == scratch
    assert list(scratch.iterdir()) == []
    assert (tempfile.gettempdir(), os.environ.get("TMPDIR")) == before


IMPORT_PROBE = """
import ctypes.util, subprocess, sys
started = []
original = subprocess.Popen.__init__
def counted(self, args, *rest, **options):
    started.append(args)
    original(self, args, *rest, **options)
subprocess.Popen.__init__ = counted
search = ctypes.util.find_library
from pipeline.service import _import_weasyprint
_import_weasyprint()
import weasyprint
assert ctypes.util.find_library is search, "the search is given back"
print(len(started), getattr(weasyprint, "LOADED", "real"))
"""


def test_the_server_imports_weasyprint_without_searching_for_its_libraries() -> None:
    # The search runs ldconfig, gcc and ld for each name WeasyPrint tries: a quarter of a second.
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "real"]
    # Without the shortcut, the same import does search (the probe can see it).
    plain = IMPORT_PROBE.replace("_import_weasyprint()", "pass")
    searched = subprocess.run([sys.executable, "-c", plain], cwd=ROOT, capture_output=True, text=True)
    assert searched.returncode == 0 and int(searched.stdout.split()[0]) > 0, searched.stderr


def test_where_weasyprint_needs_the_search_it_is_imported_again_with_it(tmp_path: Path) -> None:
    # A stand-in for a system where no library has a Linux name: found only by the search.
    (tmp_path / "weasyprint").mkdir()
    (tmp_path / "weasyprint" / "__init__.py").write_text(
        "import ctypes.util\n"
        "if ctypes.util.find_library('c') is None:\n"
        "    raise OSError('cannot load library')\n"
        "LOADED = 'with the search'\n"
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[1:] == ["with", "the", "search"]


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
    monkeypatch.setattr(client, "_start_server", lambda path, folder, meanwhile=None: None)
    assert client.run(["--version"]) == 0
    assert capsys.readouterr().out.startswith("jumelage ")


Meanwhile = Callable[[], object] | None


@pytest.mark.parametrize("server_came_up", [True, False])
def test_a_light_command_runs_once_in_the_client_while_the_server_it_started_warms_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_came_up: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    ran: list[list[str]] = []
    monkeypatch.setattr(client, "run_here", lambda argv: ran.append(argv) or 3)
    monkeypatch.setattr(client, "ask", lambda *arguments: pytest.fail("the command went to the server too"))
    ours, theirs = socket.socketpair()

    def start(path: Path, folder: Path, meanwhile: Meanwhile = None) -> socket.socket | None:
        assert meanwhile is not None  # `check` needs no WeasyPrint
        meanwhile()
        return ours if server_came_up else None

    monkeypatch.setattr(client, "_start_server", start)
    assert client.run(["check", "--lang", "de"]) == 3
    assert ran == [["check", "--lang", "de"]]
    assert ours.fileno() == -1 or not server_came_up  # the server's connection, not needed, is closed
    theirs.close()
    ours.close()


def test_a_command_that_lays_out_pages_waits_for_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    asked: list[list[str]] = []

    def start(path: Path, folder: Path, meanwhile: Meanwhile = None) -> socket.socket | None:
        assert meanwhile is None
        return socket.socketpair()[0]

    monkeypatch.setattr(client, "_start_server", start)
    reply = {"status": 0, "stdout": "", "stderr": ""}
    monkeypatch.setattr(client, "ask", lambda connection, argv, root: asked.append(argv) or reply)
    assert client.run(["edition", "source/a.md", "--edition", "erlangen"]) == 0
    assert asked == [["edition", "source/a.md", "--edition", "erlangen"]]


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


def is_alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def processes_naming(text: str) -> dict[int, int]:
    """Every live process whose command line contains ``text``: pid → parent pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
        except (ValueError, OSError):
            continue  # not a process, or one that just ended
        if text in command and is_alive(int(entry.name)):
            found[int(entry.name)] = parent
    return found


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def start_server(socket: Path, temporary: Path, code: Path | None = None) -> subprocess.Popen[bytes]:
    """A build server with two workers on ``socket``, running the package in ``code`` if given."""
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "pipeline.service", "--socket", str(socket)),
            *("--workers", "2", "--idle", "120", "--temporary", str(temporary)),
        ],
        env={**os.environ, "PYTHONPATH": str(code)} if code else None,
        cwd=code or ROOT,
    )
    if not wait_until(socket.exists, 120):
        server.kill()
        raise AssertionError("the server did not start within two minutes")
    return server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    socket = tmp_path / "s.sock"
    process = start_server(socket, tmp_path)
    yield process, socket
    process.kill()
    process.wait()


def ask(socket: Path, argv: list[str], cwd: Path) -> dict[str, Any]:
    connection = client._connect(socket)
    assert connection is not None
    reply = client.ask(connection, argv, cwd)
    assert reply is not None, "the server did not run the command"
    return reply


def test_a_dead_worker_is_replaced_and_the_next_commands_are_served_by_the_server(
    server: tuple[subprocess.Popen[bytes], Path], tmp_path: Path
) -> None:
    process, socket = server
    first = ask(socket, ["--version"], tmp_path)
    worker = first["worker"]
    assert first["status"] == 0 and processes_naming(str(socket))[worker] == process.pid
    os.kill(worker, signal.SIGKILL)
    assert wait_until(lambda: not is_alive(worker))
    for _ in range(3):  # every command after, not only the first (the client used to run them all)
        reply = ask(socket, ["--version"], tmp_path)
        assert reply["status"] == 0 and reply["stdout"].startswith("jumelage ")
        assert reply["worker"] != worker
        assert processes_naming(str(socket))[reply["worker"]] == process.pid  # a worker of the same server


def test_the_workers_die_with_their_server(server: tuple[subprocess.Popen[bytes], Path]) -> None:
    process, socket = server
    workers = [pid for pid, parent in processes_naming(str(socket)).items() if parent == process.pid]
    assert len(workers) == 2
    process.kill()
    assert wait_until(lambda: not any(is_alive(pid) for pid in workers), 5), "workers outlived their server"


def test_a_command_that_fails_unexpectedly_runs_once_and_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The server runs a copy of the package whose `stats` counts its runs and fails. The client runs
    # the real package: a fallback would show as a second run, or as the real `stats` output.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "pipeline", code / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    runs = tmp_path / "runs.txt"
    module = code / "pipeline" / "cli.py"
    header = "def _cmd_stats(args: argparse.Namespace) -> None:\n"
    fault = f"    open({str(runs)!r}, 'a').write('ran\\n')\n    raise RuntimeError('injected fault')\n"
    assert header in module.read_text()
    module.write_text(module.read_text().replace(header, header + fault))
    socket = tmp_path / "s.sock"
    process = start_server(socket, tmp_path, code)
    try:
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(client, "socket_path", lambda root: socket)
        monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
        assert client.run(["stats"]) == cli.EXIT_INTERNAL_ERROR
        assert capsys.readouterr().err == (
            "jumelage: internal error: RuntimeError: injected fault (JUMELAGE_DEBUG=1 shows where)\n"
        )
        assert runs.read_text() == "ran\n"
        monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")  # passed on to the worker: the traceback comes back
        assert client.run(["stats"]) == cli.EXIT_INTERNAL_ERROR
        err = capsys.readouterr().err
        assert err.startswith("Traceback") and "injected fault" in err
        assert runs.read_text() == "ran\nran\n"
    finally:
        process.kill()
        process.wait()


def test_three_builds_leave_nothing_in_the_temporary_folder_and_no_worker_outlives_the_server(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # make's, the client's, the server's, the workers'
    targets = [f"outputs/de/{SLUG}.html", f"outputs/de/{SLUG}.pdf"]
    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    for build in range(3):
        run_make(project_copy, "LANGS=de", *targets)
        assert [path.name for path in temporary.iterdir()] == [], f"after build {build + 1}"
        stamp = catalog.stat().st_mtime_ns + 10**9
        os.utime(catalog, ns=(stamp, stamp))  # a translator's save: the next build renders again
    scratch = project_copy / "outputs" / ".build"
    assert [path.name for path in scratch.glob("server-*.tmp/*")] == []  # each command's folder is gone
    socket = client.socket_path(project_copy, project_copy / "pipeline")
    processes = processes_naming(str(socket))
    servers = [pid for pid, parent in processes.items() if parent not in processes]
    assert len(servers) == 1 and len(processes) > 1, processes
    os.kill(servers[0], signal.SIGKILL)
    assert wait_until(lambda: not any(is_alive(pid) for pid in processes), 5), "workers outlived their server"
    assert list(temporary.iterdir()) == []


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder with a short path, so that the server's socket goes in its ``outputs/.build/``.

    Under pytest's long temporary paths the socket (and, before, its lock)
    went to ``/tmp`` instead, and a read-only ``outputs/`` was never touched.
    """
    folder = Path(tempfile.mkdtemp(prefix="jumelage-", dir="/tmp"))
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_an_unwritable_build_folder_means_no_server_and_the_command_s_own_one_line_error(
    short_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Root ignores permissions: a file where the folder should be fails the same way, for anyone.
    tmp_path = short_folder
    assert client.socket_path(tmp_path).parent == tmp_path / "outputs" / ".build"
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / ".build").write_text("not a folder")
    (tmp_path / "a.md").write_text("---\ntitle: T\nlang: fr\n---\n\nUn.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert client.run(["--version"]) == 0  # a command that writes nothing there still runs
    assert capsys.readouterr().out.startswith("jumelage ")
    status = client.run(["apply", "a.md", "--lang", "de", "--draft", "-o", "outputs/.build/de/a.md"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("outputs/.build/de/a.md: cannot "), err  # read it to compare: Not a directory


def read_only(folder: Path) -> list[str]:
    """The command prefix that runs a command with ``folder`` truly read-only, for root too.

    A user other than root has the write permission of the folders removed
    (the caller gives it back); root, whom permissions do not stop, gets a
    read-only bind mount of the folder in a mount namespace of the command's
    own. Where neither can be had (no ``unshare``, no right to mount), the
    test skips, saying why.
    """
    if os.geteuid() != 0:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                path.chmod(0o555)
        return []
    if shutil.which("unshare") is None:
        pytest.skip("run as root, and no unshare for a read-only mount")
    mount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"{mount} && ! touch {folder}/probe"], check=False)
    if probe.returncode != 0:
        pytest.skip("run as root without the right to mount a folder read-only")
    return ["unshare", "-m", "sh", "-c", f'{mount} && exec "$0" "$@"']


def test_a_read_only_outputs_folder_gives_one_line_errors_and_no_traceback(short_folder: Path) -> None:
    project_copy = copy_project(short_folder / "p")
    outputs = project_copy / "outputs"
    assert client.socket_path(project_copy, project_copy / "pipeline").parent == outputs / ".build"
    (outputs / ".build").mkdir(parents=True)
    prefix = read_only(outputs)
    stamp = project_copy / ".venv-ready"
    stamp.touch()
    try:
        done = subprocess.run(
            [
                *(*prefix, "make", "--no-print-directory", f"BIN={Path(sys.executable).parent}"),
                *(f"STAMP={stamp}", "LANGS=de", f"outputs/de/{SLUG}.html"),
            ],
            cwd=project_copy,
            capture_output=True,
            text=True,
            env=make_environment(),
            timeout=600,
            check=False,
        )
    finally:
        outputs.chmod(0o755)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    # The first file a build writes is make's own list of the inputs it knows (outputs/.build/inputs/).
    written = "outputs/.build/inputs/catalogs-cs.txt: cannot write the file, nothing was changed: "
    assert [line for line in done.stderr.splitlines() if written in line], done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_light_command_that_starts_the_server_prints_its_error_and_its_status_from_the_client(
    short_folder: Path,
) -> None:
    # The client runs `apply` itself while the server it started warms up, then leaves at once
    # (os._exit, no teardown): what it printed must still be there, and its status.
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline.client", "apply", "missing.md", "--lang", "de", "-o", "x.md"],
            cwd=short_folder,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2
        assert done.stderr.startswith("missing.md: expected a file, found nothing"), done.stderr
        assert list((short_folder / "outputs" / ".build").glob("worker-*.sock"))  # the server it started
    finally:
        for pid in processes_naming(str(short_folder)):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
