"""Build commands → run by warm worker processes, shared by every recipe of a ``make`` run.

Importing WeasyPrint and loading fonts and hyphenation dictionaries costs
about a second a process, more than laying out a short brochure. So ``make``'s
recipes go through :mod:`pipeline.client`, which hands each command to this
server over a UNIX socket in ``outputs/.build/``; the server runs it in one of
its worker processes (one per core), which imported everything once. The
server starts on the first command, and stops by itself after a few idle
seconds, so nothing is left running. A worker runs the same ``jumelage``
command line as a person would, so the two paths cannot disagree.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import socketserver
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

#: The environment a command may depend on, passed from the client to the worker.
PASSED_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def _warm_up(cache: Path | None = None) -> None:
    """Import the heavy libraries, load the hyphenation dictionaries and their exceptions, once.

    Done before the workers are forked, so they share it all. The parsed
    dictionaries are kept in ``cache`` (:func:`load_dictionaries`): a cold
    start reads them back instead of parsing them again.
    """
    import weasyprint  # noqa: F401 - imported for its side effect: the cost is paid here, once

    from pipeline import cli  # noqa: F401 - same
    from pipeline.render.hyphenation import install_hyphenation_exceptions, load_dictionaries
    from pipeline.typography import HYPHENATION_EXCEPTIONS
    from pipeline.workflow import articles, editions  # noqa: F401 - same

    load_dictionaries(HYPHENATION_EXCEPTIONS, cache)
    install_hyphenation_exceptions()


def run_command(argv: list[str], cwd: str, environment: dict[str, str]) -> tuple[int, str, str]:
    """Run one ``jumelage`` command in this process; return its status and what it printed."""
    from pipeline.cli import main

    saved = {name: os.environ.get(name) for name in PASSED_ENVIRONMENT}
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        os.chdir(cwd)
        for name in PASSED_ENVIRONMENT:
            if name in environment:
                os.environ[name] = environment[name]
            else:
                os.environ.pop(name, None)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:  # argparse's own exit on a usage error
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(previous)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return status, out.getvalue(), err.getvalue()


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path: str, pool: ProcessPoolExecutor, idle: float) -> None:
        super().__init__(path, _Handler)
        self.pool = pool
        self.idle = idle
        self.active = 0
        self.last = time.monotonic()
        self.lock = threading.Lock()


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        request = json.loads(self.rfile.readline())
        with self.server.lock:
            self.server.active += 1
        try:
            future = self.server.pool.submit(run_command, request["argv"], request["cwd"], request["env"])
            status, out, err = future.result()
            reply: dict[str, Any] = {"status": status, "stdout": out, "stderr": err}
        except Exception as exc:  # a worker that died: the client falls back to running it itself
            reply = {"status": None, "stdout": "", "stderr": f"worker failed: {type(exc).__name__}"}
        finally:
            with self.server.lock:
                self.server.active -= 1
                self.server.last = time.monotonic()
        self.wfile.write(json.dumps(reply).encode("utf-8") + b"\n")


def serve(path: Path, workers: int, idle: float, cache: Path | None = None) -> None:
    """Serve on ``path`` until nothing has been asked for ``idle`` seconds."""
    # Import once here, then fork the workers: they start warm, and share the
    # loaded fonts and dictionaries copy-on-write. No thread runs before the fork.
    _warm_up(cache)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"))
    for future in [pool.submit(time.sleep, 0.05) for _ in range(workers)]:
        future.result()
    temporary = path.with_name(path.name + f".{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    server = _Server(str(temporary), pool, idle)
    temporary.replace(path)  # the socket appears only once it accepts
    inode = path.stat().st_ino
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while True:
            time.sleep(0.2)
            with server.lock:
                if server.active == 0 and time.monotonic() - server.last > idle:
                    break
            if not path.exists():
                break  # `make clean` removed it: a new server will serve the next run
    finally:
        server.shutdown()
        server.server_close()
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_ino == inode:  # not a newer server's socket
                path.unlink()
        pool.shutdown(cancel_futures=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.service", description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--cache", type=Path, help="a folder for the parsed hyphenation dictionaries")
    args = parser.parse_args(argv)
    serve(Path(args.socket), max(1, args.workers), args.idle, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
