"""GNU ``msgfmt --check``, the judge of what gettext reads, for the tests of our catalogs.

A test asking skips, saying why, where GNU gettext is not installed (``.ci/run``
installs it from Debian).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NO_MSGFMT = "GNU gettext's msgfmt is not installed (apt-get install gettext; .ci/run installs it)"


def require_msgfmt() -> str:
    """The path of msgfmt; the test skips, saying why, when it is absent."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip(NO_MSGFMT)
    return msgfmt


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``msgfmt --check -o /dev/null path``; skip the test when msgfmt is absent."""
    msgfmt = require_msgfmt()
    return subprocess.run(
        [msgfmt, "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def msgfmt_errors(path: Path) -> list[str]:
    """What ``msgfmt --check`` refuses in a PO or POT file: nothing when it passes.

    Its warnings (a header field left at its template value) do not fail a file;
    when it fails, every line it printed is returned, so an assertion shows them.
    """
    done = msgfmt_check(path)
    return [] if done.returncode == 0 else done.stderr.strip().splitlines()
