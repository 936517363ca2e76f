"""pipeline.fileio: strict UTF-8 in; atomic writes that leave unchanged files unchanged."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pipeline.errors import SourceError
from pipeline.fileio import WriteError, read_text, write_bytes, write_text


def test_a_bad_byte_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"un\ndeux\ntroisi\xe8me\n")
    with pytest.raises(SourceError) as raised:
        read_text(path)
    assert str(raised.value).endswith(":3: expected UTF-8 text, found byte 0xe8")


def test_a_byte_order_mark_is_dropped_and_a_missing_file_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffBonjour".encode())
    assert read_text(path) == "Bonjour"
    with pytest.raises(SourceError, match="expected a file, found nothing at this path"):
        read_text(tmp_path / "missing.md")


def test_same_bytes_are_not_rewritten_but_the_file_is_touched(tmp_path: Path) -> None:
    path = tmp_path / "out" / "a.html"
    assert write_text(path, "<p>1</p>") is True  # folders are made as needed
    inode = path.stat().st_ino
    os.utime(path, ns=(0, 0))
    assert write_bytes(path, b"<p>1</p>") is False
    assert path.stat().st_ino == inode and path.stat().st_mtime_ns > 0
    assert write_bytes(path, b"<p>2</p>") is True and path.read_bytes() == b"<p>2</p>"
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.html"]  # no temporary left behind


def test_an_unchanged_file_in_a_read_only_folder_says_it_cannot_write_its_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"same")

    def read_only(*args: object) -> None:  # what a read-only mount answers, to root too
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(os, "utime", read_only)
    with pytest.raises(WriteError) as raised:
        write_bytes(path, b"same")
    assert str(raised.value) == (
        f"{path}: cannot write the file's time, its bytes are unchanged: Read-only file system"
    )
