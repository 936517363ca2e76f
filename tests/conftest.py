"""Shared fixtures: the real project, and throwaway copies of it for builds.

The helpers they use (``copy_project``, ``run_make``, …) are in tests/project.py,
which tests import too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .project import copy_project, run_make


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One release build of everything `make` builds, shared by the end-to-end tests.

    What make printed is kept in ``build.log`` beside the outputs.
    """
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    done = run_make(project)
    (project / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    yield project
