"""Shared fixtures: the real project, built once for every end-to-end test, and throwaway copies of it.

The helpers they use (``copy_project``, ``run_make``, …) are in tests/project.py,
which tests import too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .project import copy_built_project, copy_project, run_make, tree_digests

#: The fixtures that build the project, or copy it to build in it. A test using one, itself or through
#: another fixture (``built_copy``, ``editions_built``), is an end-to-end test, marked ``slow``: ``make
#: test-fast`` leaves it out. ``built`` is tests/test_articles.py's fixture, ``test_articles_project``
#: tests/press/test_brochures.py's, ``collections_project`` tests/workflow/test_collections.py's.
BUILD_FIXTURES = frozenset(
    {"built_project", "project_copy", "built", "test_articles_project", "collections_project"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that builds the project, through a fixture (at any depth)."""
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One release build of everything `make` builds, shared by the end-to-end tests: read it only.

    What make printed is kept in ``build.log`` beside the outputs. A test that
    edits, deletes or builds asks for ``built_copy`` instead; one that changed
    this tree anyway (a file's bytes or its timestamp) fails the session, naming the files.
    """
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    done = run_make(project)
    (project / "build.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    built = tree_digests(project)
    yield project
    after = tree_digests(project)
    changed = sorted(name for name in built.keys() | after.keys() if built.get(name) != after.get(name))
    if changed:
        pytest.fail(
            f"{project}: a test changed the shared built_project (ask for built_copy to edit, delete "
            f"or build): {len(changed)} changed, added or removed: {', '.join(changed[:20])}",
            pytrace=False,
        )


@pytest.fixture
def built_copy(built_project: Path, tmp_path: Path) -> Path:
    """A copy of ``built_project``, every timestamp kept (``make`` finds it up to date), to change freely."""
    return copy_built_project(built_project, tmp_path / "project")
