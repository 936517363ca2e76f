"""Files in and out: strict UTF-8 reading, atomic writing that skips unchanged bytes.

This module and the ``workflow`` subpackage built on it are the only code
that opens project files; the stages take and return values. ``make`` tracks
what these functions write, so they follow two rules:

* a file is replaced atomically (temp file in the same folder, then
  ``os.replace``), so a crash or a full disk never leaves half a file;
* identical bytes are not rewritten. The file's timestamp is refreshed instead,
  so ``make`` sees the target as up to date and a second ``make`` does nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from pathlib import Path

from pipeline.errors import JumelageError, SourceError


def cache_folder() -> Path:
    """Where what is slow to work out, and depends only on installed code and files, is kept
    between runs: pyphen's parsed dictionaries, the cover maps' decoded countries.

    Each file is named by a hash of what it was made from, so a stale one is
    never read. They live in the virtual environment, like Python's own
    ``.pyc`` files: ``make clean`` leaves them, a new environment starts without them.
    """
    return Path(sys.prefix) / "jumelage-cache"


class WriteError(JumelageError):
    """An output or a catalog that could not be written; the old file is intact."""


def read_text(path: Path, error: type[JumelageError] = SourceError) -> str:
    """Read a UTF-8 file; a bad byte is reported with its 1-based line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, None, "expected a file, found nothing at this path") from None
    except OSError as exc:
        raise error(path, None, f"cannot read the file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(path, line, f"expected UTF-8 text, found byte 0x{data[exc.start]:02x}") from None
    return text.removeprefix("\ufeff")


def write_bytes(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return whether the bytes changed.

    When the file already holds these bytes it is not rewritten, only touched,
    so that ``make`` stops considering it out of date. A failed write (a full
    disk, say) leaves the old file as it was and raises :class:`WriteError`.
    """
    try:
        unchanged = path.read_bytes() == data
    except FileNotFoundError:
        unchanged = False
    except OSError as exc:
        raise WriteError(path, None, f"cannot read the file to compare it: {exc.strerror}") from None
    if unchanged:
        try:
            os.utime(path)
        except OSError as exc:  # a read-only folder: the bytes are right, make would still rebuild it
            raise WriteError(
                path, None, f"cannot write the file's time, its bytes are unchanged: {exc.strerror}"
            ) from None
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_atomically(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(path, None, f"cannot write the file, nothing was changed: {reason}") from None
    return True


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write into an unnamed file, then give it its name in one rename.

    With ``O_TMPFILE`` the file has no name until it is complete, so even a
    SIGKILL in the middle leaves nothing behind; where the filesystem cannot
    do that (overlay filesystems), a named temporary file is used instead, and
    removed on any error.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    _remove_orphans(path)
    try:
        if not _link_unnamed(path.parent, temporary, data):
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                _write_all(descriptor, data)
            finally:
                os.close(descriptor)
        temporary.chmod(0o644)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise


def _remove_orphans(path: Path) -> None:
    """Remove the temporary files of writers of ``path`` that died (a SIGKILL, a power cut)."""
    for orphan in path.parent.glob(f".{path.name}.*.tmp"):
        pid = orphan.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                orphan.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _link_unnamed(folder: Path, name: Path, data: bytes) -> bool:
    """Write ``data`` to an unnamed file in ``folder`` and link it as ``name``; False if unsupported."""
    if not hasattr(os, "O_TMPFILE"):
        return False
    try:
        descriptor = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o644)
    except OSError:
        return False
    try:
        _write_all(descriptor, data)
        os.link(f"/proc/self/fd/{descriptor}", name, follow_symlinks=True)
    except OSError as exc:
        if exc.errno in (errno.EXDEV, errno.ENOENT, errno.EOPNOTSUPP, errno.EPERM):
            return False
        raise
    finally:
        os.close(descriptor)
    return True


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
    os.fsync(descriptor)


def write_text(path: Path, text: str) -> bool:
    """Write UTF-8 text with :func:`write_bytes`."""
    return write_bytes(path, text.encode("utf-8"))
