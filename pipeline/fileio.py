"""Files in and out: strict UTF-8 reading, atomic writing that skips unchanged bytes.

This is the only module that opens project files; the stages take and return
values. ``make`` tracks what these functions write, so they follow two rules:

* a file is replaced atomically (temp file in the same folder, then
  ``os.replace``), so a crash or a full disk never leaves half a file;
* identical bytes are not rewritten. The file's timestamp is refreshed instead,
  so ``make`` sees the target as up to date and a second ``make`` does nothing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import JumelageError, SourceError


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
    so that ``make`` stops considering it out of date.
    """
    try:
        if path.read_bytes() == data:
            os.utime(path)
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    """Write UTF-8 text with :func:`write_bytes`."""
    return write_bytes(path, text.encode("utf-8"))
