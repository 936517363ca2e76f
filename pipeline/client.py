"""``python -m pipeline.client COMMAND …``: a make recipe's ``jumelage COMMAND …``, run by warm workers.

It imports nothing heavy: it finds (or starts) the build server of this
checkout and code (:mod:`pipeline.service`), hands it the command, prints
what the command printed and exits with its status. If the server cannot be
had (``outputs/`` read-only, say) or says it could not run the command, the
command runs here instead, only slower: the result is the same. A command
the server ran is never run again, whatever its status. A light command
(:data:`LIGHT_COMMANDS`) that finds no server starts one and runs here
meanwhile, so a cold build's first check costs no wait for the warm-up.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTUP_SECONDS = 60
# Long enough for an edit-and-rebuild loop to find the workers warm.
IDLE_SECONDS = 120
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to about 108 bytes


#: The environment a command may depend on, passed from the client to the worker.
PASSED_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "JUMELAGE_DEBUG")

#: Commands that need no WeasyPrint (they import in a third of a second what the server takes
#: a second to): the client that starts the server runs such a command itself meanwhile.
LIGHT_COMMANDS = frozenset({"check", "apply"})

#: The package whose code the workers run.
PACKAGE = Path(__file__).resolve().parent


def socket_path(root: Path, package: Path = PACKAGE) -> Path:
    """A socket for this checkout and this exact code, so a changed module never runs stale."""
    state = hashlib.sha256(sys.executable.encode())
    # Subpackages included: a worker must never serve a module older than the one on disk.
    for module in sorted(package.rglob("*.py")):
        status = module.stat()
        name = module.relative_to(package).as_posix()
        state.update(f"{name}:{status.st_mtime_ns}:{status.st_size}".encode())
    key = state.hexdigest()[:12]
    path = root / "outputs" / ".build" / f"worker-{key}.sock"
    if len(str(path)) > _MAX_SOCKET_PATH:
        digest = hashlib.sha256(str(root).encode()).hexdigest()[:12]
        path = Path("/tmp") / f"jumelage-{os.getuid()}-{digest}-{key}.sock"
    return path


def _connect(path: Path) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        return None
    return connection


def server_environment() -> dict[str, str]:
    """The server's environment: this client's, with this client's package first on the path.

    The server starts in ``outputs/.build/``, where ``-m pipeline.service``
    would import the installed package, not necessarily the one this client
    runs (a copy of the project with code of its own, a second checkout
    sharing a virtual environment). The socket's name is already keyed on
    this package's files, so the server must run exactly them.
    """
    environment = dict(os.environ)
    path = [str(PACKAGE.parent), *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
    environment["PYTHONPATH"] = os.pathsep.join(path)
    return environment


def _start_server(
    path: Path, folder: Path, meanwhile: Callable[[], object] | None = None
) -> socket.socket | None:
    """Start the server unless another client just did; wait until it accepts.

    Once it is started, ``meanwhile`` runs, if given, while the server warms
    up on the other core; the lock is held until the server accepts, so no
    other client starts a second one. Its lock and its temporary files go
    in ``folder`` (``outputs/.build/``). ``None`` when no server can be
    had: the folder cannot be written (a read-only ``outputs/``), or the
    server stopped before it accepted.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = (folder / (path.name + ".lock")).open("w")
    except OSError:
        return None  # the command, run here, says in one line what it cannot write
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            connection = _connect(path)
            if connection is not None:
                return connection
            server = subprocess.Popen(
                [
                    *(sys.executable, "-m", "pipeline.service", "--socket", str(path)),
                    *("--idle", str(IDLE_SECONDS)),
                    *("--temporary", str(folder)),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                cwd=str(folder),
                env=server_environment(),
            )
        except OSError:
            return None  # no lock on this filesystem, or no process to be had: run here
        if meanwhile is not None:
            meanwhile()
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            connection = _connect(path)
            if connection is not None:
                return connection
            time.sleep(0.01)  # a connection attempt costs microseconds: be there as it opens
    return _connect(path)  # it stopped: perhaps another server took the socket first


def ask(connection: socket.socket, argv: list[str], root: Path) -> dict[str, Any] | None:
    """Hand one command to the server; its reply, or ``None`` if the server did not run it.

    A server that closes the connection without a reply was stopped while
    the command ran (outputs are written atomically: none was half written),
    or could start no worker: the command is yet to run to its end.
    """
    environment = {name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ}
    request = {"argv": argv, "cwd": str(root), "env": environment}
    with connection:
        try:
            connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
            line = connection.makefile("rb").readline()
        except OSError:
            return None
    try:
        reply = json.loads(line)
    except ValueError:
        return None
    return reply if isinstance(reply, dict) and reply.get("status") is not None else None


def run(argv: list[str]) -> int:
    root = Path.cwd()
    path = socket_path(root)
    connection = _connect(path)
    if connection is None:
        # A light command need not wait for the server it starts: it runs here meanwhile.
        ran: list[int] = []
        meanwhile = (lambda: ran.append(run_here(argv))) if is_light(argv) else None
        connection = _start_server(path, root / "outputs" / ".build", meanwhile)
        if ran:
            if connection is not None:
                connection.close()
            return ran[0]
    reply = ask(connection, argv, root) if connection is not None else None
    if reply is not None:
        sys.stdout.write(reply["stdout"])
        sys.stderr.write(reply["stderr"])
        return int(reply["status"])
    return run_here(argv)  # the server is out of reach: same command, in this process


def is_light(argv: list[str]) -> bool:
    """Whether the command is one of :data:`LIGHT_COMMANDS`."""
    return bool(argv) and argv[0] in LIGHT_COMMANDS


def run_here(argv: list[str]) -> int:
    """Run the command in this process, as ``jumelage`` would."""
    from pipeline.cli import main

    try:
        return main(argv)
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 2


def main(argv: list[str]) -> int:
    """The client's process: :func:`run`, then out without Python's teardown after a light command.

    A light command run here leaves nothing for the teardown to clean (no
    WeasyPrint, no temporary folder), and tearing down the modules the
    QA imports takes about 60 ms, while make waits to start the next
    recipes. What it printed is flushed first.
    """
    status = run(argv)
    if is_light(argv):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
