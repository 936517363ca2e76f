"""Build commands → run by warm worker processes, shared by every recipe of a ``make`` run.

Importing WeasyPrint and loading fonts and hyphenation dictionaries costs
about a second a process, more than laying out a short brochure. So ``make``'s
recipes go through :mod:`pipeline.client`, which hands each command to this
server over a UNIX socket in ``outputs/.build/``; the server runs it in one of
its worker processes (one per core), which imported everything once. The
server starts on the first command, and stops by itself after a few idle
seconds, so nothing is left running. A worker runs the same ``jumelage``
command line as a person would, so the two paths cannot disagree.

It cleans up after itself: what a command puts in the temporary folder
(WeasyPrint's copies of the fonts) goes to a folder of the server's own in
``outputs/.build/``, removed when the command ends; the workers die with the
server; a worker that dies is replaced by a new pool, forked from the same
warm server, and every command gets an answer with its exit status, so the
client never runs a command a second time.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import io
import json
import os
import shutil
import signal
import socketserver
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pipeline import cli
from pipeline.client import PASSED_ENVIRONMENT
from pipeline.fileio import cache_folder

#: ``prctl``'s option asking for a signal when the parent ends (``<linux/prctl.h>``).
_PR_SET_PDEATHSIG = 1
#: How often a worker without ``prctl`` checks that its server is still there.
_WATCH_SECONDS = 1.0


def _warm_up(cache: Path | None = None) -> None:
    """Import the heavy libraries, load the hyphenation dictionaries and their exceptions, once.

    Done before the workers are forked, so they share it all. The parsed
    dictionaries are kept in ``cache`` (:func:`load_dictionaries`): a cold
    start reads them back instead of parsing them again. Not the QA: a cold
    server's first check runs in the client that starts it (:mod:`pipeline.client`),
    and a worker imports it at its first check.
    """
    _import_weasyprint()

    from pipeline.render.hyphenation import install_hyphenation_exceptions, load_dictionaries
    from pipeline.typography import HYPHENATION_EXCEPTIONS
    from pipeline.workflow import articles, editions, site  # noqa: F401 - same

    load_dictionaries(HYPHENATION_EXCEPTIONS, cache)
    install_hyphenation_exceptions()


def _import_weasyprint() -> None:
    """Import WeasyPrint, its libraries loaded by their Linux names without a search.

    WeasyPrint tries each library (Pango, HarfBuzz, fontconfig…) under several
    names, those of other systems first; cffi hands each name it cannot load
    to ``ctypes.util.find_library``, which on Linux runs ``ldconfig``, ``gcc``
    and ``ld`` in subprocesses: about 20 searches and a quarter of a second of
    every start of the server. While WeasyPrint is imported here, a search
    finds nothing at once, so WeasyPrint goes on to the names it lists next,
    ``libpango-1.0.so.0`` and the like, which the dynamic loader opens
    itself: the library the search would have found. Where no such name
    loads (another system), WeasyPrint is imported again with the search.
    """
    import ctypes.util

    search = ctypes.util.find_library
    ctypes.util.find_library = _find_nothing
    try:
        import weasyprint  # the cost is paid here, once
    except OSError:  # a library under none of those names: forget the half-done import
        for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint  # noqa: F401 - the same import, with the search
    finally:
        ctypes.util.find_library = search


def _find_nothing(name: str) -> None:
    return None


@contextlib.contextmanager
def _environment(environment: dict[str, str]) -> Iterator[None]:
    """The variables of :data:`PASSED_ENVIRONMENT` as the client had them, restored after."""
    saved = {name: os.environ.get(name) for name in PASSED_ENVIRONMENT}
    try:
        for name in PASSED_ENVIRONMENT:
            if name in environment:
                os.environ[name] = environment[name]
            else:
                os.environ.pop(name, None)
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _temporary_folder(scratch: Path | None) -> Iterator[None]:
    """The temporary folder of Python and of subprocesses: a new folder in ``scratch``, removed after.

    WeasyPrint copies the fonts of a document into a folder of its own and
    removes it only when its font configuration is collected, which a
    worker's exit (``os._exit``) never waits for: without this, every PDF
    left about 4 MB in ``/tmp``.
    """
    if scratch is None:
        yield
        return
    saved = tempfile.tempdir, os.environ.get("TMPDIR")
    scratch.mkdir(parents=True, exist_ok=True)  # again: `make clean` may have removed it
    # A file this cannot remove is removed with the server's folder, when it stops.
    with tempfile.TemporaryDirectory(prefix="command-", dir=scratch, ignore_cleanup_errors=True) as folder:
        tempfile.tempdir = os.environ["TMPDIR"] = folder
        try:
            yield
        finally:
            tempfile.tempdir = saved[0]
            if saved[1] is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved[1]


def run_command(
    argv: list[str], cwd: str, environment: dict[str, str], scratch: Path | None = None
) -> tuple[int, str, str]:
    """Run one ``jumelage`` command in this process; return its status and what it printed.

    Nothing escapes as an exception: an error the command did not expect is
    one line (:func:`pipeline.cli.report_internal_error`), so the server has
    a status to answer with whatever happens, and the client never runs the
    command again. Temporary files go to a folder in ``scratch``, removed
    when the command ends.
    """
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _environment(environment):
        try:
            os.chdir(cwd)
        except OSError as exc:
            print(f"{cwd}: cannot run a command in this folder: {exc.strerror}", file=sys.stderr)
            return cli.EXIT_USER_ERROR, out.getvalue(), err.getvalue()
        try:
            with _temporary_folder(scratch):
                status = cli.main(argv)
        except SystemExit as exc:  # argparse's own exit on a usage error
            status = exc.code if isinstance(exc.code, int) else 2
        except OSError as exc:  # the temporary folder could not be made: main itself lets nothing through
            reason = exc.strerror or exc
            print(f"{exc.filename or scratch}: cannot write a temporary folder: {reason}", file=sys.stderr)
            status = cli.EXIT_USER_ERROR
        except Exception as exc:  # the last net: a command answers with a status, always
            status = cli.report_internal_error(exc)
        finally:
            os.chdir(previous)
    return status, out.getvalue(), err.getvalue()


def _run_in_worker(
    argv: list[str], cwd: str, environment: dict[str, str], scratch: Path
) -> tuple[int, tuple[int, str, str]]:
    """:func:`run_command` in a worker, and the worker's pid, which the reply names."""
    return os.getpid(), run_command(argv, cwd, environment, scratch)


def _prepare_worker(parent: int) -> None:
    """A worker's initializer: the worker ends when the server that forked it does.

    On Linux the kernel signals the worker when the *thread* that forked it
    ends: the server forks only from its main thread, which lives as long as
    it does. Without ``prctl``, a thread checks the parent every second.
    Either way a server killed with ``kill -9`` leaves no worker behind (they
    used to live on for 20 minutes and more). The worker waits in ``/``, a
    folder ``make clean`` cannot remove from under it.
    """
    if not _ask_for_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the server died between the fork and prctl
        os._exit(1)
    os.chdir("/")


def _ask_for_death_signal() -> bool:
    """Ask Linux for SIGTERM when the parent ends; whether it could."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) == 0)
    except (OSError, AttributeError):  # not Linux: no prctl
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _start_pool(workers: int) -> ProcessPoolExecutor:
    """Fork the workers from this warm process and wait until they answer.

    Called from the main thread only (see :func:`_prepare_worker`). With the
    fork context the pool forks every worker at its first task, so one
    trivial task per worker is enough (a task that slept 50 ms, here, was
    50 ms of every cold start). The workers start warm, and share the loaded
    fonts and dictionaries copy-on-write.
    """
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_prepare_worker,
        initargs=(os.getpid(),),
    )
    for future in [pool.submit(os.getpid) for _ in range(workers)]:
        future.result()
    return pool


def _remove_stale_folders(folder: Path) -> None:
    """Remove the temporary folders of servers that were killed (``server-PID.tmp``, PID gone)."""
    for stale in folder.glob("server-*.tmp"):
        try:
            os.kill(int(stale.name[len("server-") : -len(".tmp")]), 0)
        except ProcessLookupError:
            shutil.rmtree(stale, ignore_errors=True)  # a file left now is removed at the next start
        except (ValueError, PermissionError):
            continue  # not a server's name, or a live process of another user: not ours to remove


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """The socket and the pool: handler threads run commands, the main thread forks new pools."""

    daemon_threads = True

    def __init__(self, path: str, workers: int, idle: float, scratch: Path) -> None:
        self.pool = _start_pool(workers)  # before the first thread starts
        super().__init__(path, _Handler)
        self.workers = workers
        self.idle = idle
        self.scratch = scratch
        self.active = 0
        self.last = time.monotonic()
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.wake = threading.Event()
        self.replacing = False
        self.restartable = True

    def run(self, argv: list[str], cwd: str, environment: dict[str, str]) -> dict[str, Any]:
        """A command → its reply: status, what it printed, and the worker that ran it.

        A pool found broken (a worker died) is replaced and the command sent
        again, once: it never ran, or was cut short when its worker or a
        sibling died, and its outputs are written atomically. The status is
        ``None`` only when the command did not run: no new pool could be
        forked, or the server is stopping.
        """
        not_run = {"status": None, "stdout": "", "stderr": "", "worker": None}
        with self.lock:
            pool = self.pool
        for _ in range(2):
            try:
                future = pool.submit(_run_in_worker, argv, cwd, environment, self.scratch)
            except BrokenProcessPool:
                pass  # found broken before the command was handed over
            except RuntimeError:  # shut down: the server is stopping, the command was not handed over
                return not_run
            else:
                try:
                    worker, (status, out, err) = future.result()
                except BrokenProcessPool:
                    pass  # a worker died while the command waited or ran
                except Exception as exc:  # the command ran: it has its status, it is not run again
                    message = (
                        f"jumelage: internal error: the build worker failed: {type(exc).__name__}: {exc}\n"
                    )
                    return {
                        "status": cli.EXIT_INTERNAL_ERROR,
                        "stdout": "",
                        "stderr": message,
                        "worker": None,
                    }
                else:
                    return {"status": status, "stdout": out, "stderr": err, "worker": worker}
            replacement = self.replace_pool(pool)
            if replacement is None:
                return not_run
            pool = replacement
        message = "jumelage: internal error: a build worker died twice while running this command\n"
        return {"status": cli.EXIT_INTERNAL_ERROR, "stdout": "", "stderr": message, "worker": None}

    def replace_pool(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor | None:
        """Ask the main thread for a pool in place of ``broken``; wait for it (``None``: none can be had)."""
        with self.changed:
            if self.pool is broken and self.restartable:
                self.replacing = True
                self.wake.set()
                self.changed.wait_for(lambda: self.pool is not broken or not self.restartable)
            return self.pool if self.restartable else None

    def replace_pool_if_asked(self) -> None:
        """In the main thread: fork a new pool if a handler found the pool broken."""
        with self.lock:
            if not self.replacing:
                return
            broken = self.pool
        broken.shutdown(wait=False, cancel_futures=True)
        try:
            pool: ProcessPoolExecutor | None = _start_pool(self.workers)
        except (OSError, BrokenProcessPool):  # no fork today (no memory, too many processes)
            pool = None
        with self.changed:
            self.replacing = False
            if pool is None:
                self.restartable = False
            else:
                self.pool = pool
            self.changed.notify_all()


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        try:
            request = json.loads(self.rfile.readline())
            argv, cwd, environment = request["argv"], request["cwd"], request["env"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # not one of our clients, or one that left: no reply, nothing run
        with self.server.lock:
            self.server.active += 1
        try:
            reply = self.server.run(argv, cwd, environment)
        finally:
            with self.server.lock:
                self.server.active -= 1
                self.server.last = time.monotonic()
        # A client that left (make interrupted) cannot be told: the command ran, its outputs are written.
        with contextlib.suppress(OSError):
            self.wfile.write(json.dumps(reply).encode("utf-8") + b"\n")


def serve(
    path: Path, workers: int, idle: float, cache: Path | None = None, folder: Path | None = None
) -> None:
    """Serve on ``path`` until nothing has been asked for ``idle`` seconds.

    Temporary files go to ``folder/server-PID.tmp`` (``folder`` is the
    socket's by default), removed when the server stops; those of a server
    that was killed are removed when the next one starts.
    """
    folder = folder or path.parent
    _remove_stale_folders(folder)
    scratch = folder / f"server-{os.getpid()}.tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    # Import once here, then fork the workers: they start warm. No thread runs before the fork.
    _warm_up(cache)
    temporary = path.with_name(path.name + f".{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    server = _Server(str(temporary), workers, idle, scratch)
    temporary.replace(path)  # the socket appears only once it accepts
    inode = path.stat().st_ino
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        while server.restartable:
            server.wake.wait(0.2)
            server.wake.clear()
            server.replace_pool_if_asked()
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
        server.pool.shutdown(cancel_futures=True)
        shutil.rmtree(scratch, ignore_errors=True)  # what is left is removed at the next start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.service", description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument(
        "--cache",
        type=Path,
        default=cache_folder(),
        help="a folder for the parsed hyphenation dictionaries (default: .venv/jumelage-cache)",
    )
    parser.add_argument(
        "--temporary", type=Path, help="where the commands' temporary files go (default: the socket's folder)"
    )
    args = parser.parse_args(argv)
    serve(Path(args.socket), max(1, args.workers), args.idle, args.cache, args.temporary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
