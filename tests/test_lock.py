"""tools/lock.py: pyproject.toml, the locks and the environment agree, and each way they can part is named.

The failures are shown on changed copies of pyproject.toml and on made-up
environments, never by changing the real ``.venv``.
"""

from __future__ import annotations

import copy
import doctest
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .project import ROOT


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jumelage_tools_lock", ROOT / "tools" / "lock.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


lock = load_tool()
MAKE_LOCK, VALIDATE_LOCK = "requirements/lock.txt", "requirements/validate.txt"
BOTH = f"{MAKE_LOCK} and {VALIDATE_LOCK}"


@pytest.fixture(scope="module")
def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def locks() -> list[Any]:
    found, missing = lock.read_locks(ROOT)
    assert missing == []
    return list(found)


def with_dependencies(pyproject: dict[str, object], change: Callable[[Any], object]) -> dict[str, object]:
    """A copy of pyproject.toml's table with ``change`` applied to its [project] table."""
    changed = copy.deepcopy(pyproject)
    change(changed["project"])
    return changed


def run_tool(root: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "lock.py"), "--root", str(root), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **environment},
    )


def copy_locked_project(target: Path) -> Path:
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", target / "requirements")
    return target


def test_the_examples_in_the_tool_s_docstrings_hold() -> None:
    assert doctest.testmod(lock).failed == 0


# The real project and the real environment.


def test_the_checkout_s_locks_agree_with_pyproject(pyproject: dict[str, object], locks: list[Any]) -> None:
    assert [each.path for each in locks] == [MAKE_LOCK, VALIDATE_LOCK]
    assert lock.pyproject_problems(pyproject, locks) == []


def test_each_lock_begins_with_the_header_make_lock_writes(pyproject: dict[str, object]) -> None:
    for path, extras in lock.LOCKS.items():
        header = lock.format_header(path, pyproject, extras, "3.11")
        assert (ROOT / path).read_text(encoding="utf-8").startswith(header)
    assert "/work" not in header and "/tmp" not in header


def test_this_environment_is_exactly_one_of_the_locks(locks: list[Any]) -> None:
    """`make`'s environment is requirements/lock.txt; .ci/run's is requirements/validate.txt."""
    assert lock.environment_problems(lock.installed_distributions(), lock.running_python(), locks) == []
    assert lock.metadata_version("jumelage") is not None


def test_the_check_passes_on_this_checkout() -> None:
    done = run_tool(ROOT, "check")
    assert (done.returncode, done.stderr) == (0, "")


def test_every_lock_pins_pip_setuptools_and_the_locking_tool(locks: list[Any]) -> None:
    for each in locks:
        assert {"pip", "setuptools", "pip-tools", "packaging"} <= set(each.pins)


# pyproject.toml changed without `make lock`.


def test_a_dependency_added_without_make_lock_is_named(
    pyproject: dict[str, object], locks: list[Any]
) -> None:
    changed = with_dependencies(pyproject, lambda project: project["dependencies"].append("six>=1.16"))
    assert lock.pyproject_problems(changed, locks) == [
        f"{BOTH}: made without pyproject.toml's six>=1.16: run `make lock`",
        f"{BOTH}: six>=1.16 (pyproject.toml) is not pinned: run `make lock`",
    ]


def test_a_dependency_removed_without_make_lock_is_named(
    pyproject: dict[str, object], locks: list[Any]
) -> None:
    changed = with_dependencies(pyproject, lambda project: project["dependencies"].remove("segno>=1.6"))
    assert lock.pyproject_problems(changed, locks) == [
        f"{BOTH}: made from segno>=1.6, which pyproject.toml no longer requires: run `make lock`"
    ]


def test_a_bound_the_pin_no_longer_meets_is_named(pyproject: dict[str, object], locks: list[Any]) -> None:
    def raise_weasyprint(project: dict[str, list[str]]) -> None:
        dependencies = project["dependencies"]
        dependencies[dependencies.index("weasyprint>=70")] = "weasyprint>=71"

    assert lock.pyproject_problems(with_dependencies(pyproject, raise_weasyprint), locks) == [
        f"{BOTH}: made without pyproject.toml's weasyprint>=71: run `make lock`",
        f"{BOTH}: made from weasyprint>=70, which pyproject.toml no longer requires: run `make lock`",
        f"{BOTH}: pins weasyprint==70.0, which pyproject.toml's weasyprint>=71 excludes: run `make lock`",
    ]


def test_a_validator_added_concerns_the_validate_lock_only(
    pyproject: dict[str, object], locks: list[Any]
) -> None:
    def add(project: dict[str, dict[str, list[str]]]) -> None:
        project["optional-dependencies"]["validate"].append("six")

    assert lock.pyproject_problems(with_dependencies(pyproject, add), locks) == [
        f"{VALIDATE_LOCK}: made without pyproject.toml's six (validate): run `make lock`",
        f"{VALIDATE_LOCK}: six (pyproject.toml) is not pinned: run `make lock`",
    ]


def test_reordering_pyproject_s_dependencies_needs_no_new_lock(
    pyproject: dict[str, object], locks: list[Any]
) -> None:
    changed = with_dependencies(pyproject, lambda project: project["dependencies"].reverse())
    assert lock.pyproject_problems(changed, locks) == []


def test_a_pin_edited_by_hand_is_named(pyproject: dict[str, object], locks: list[Any]) -> None:
    text = (
        (ROOT / MAKE_LOCK).read_text(encoding="utf-8").replace("\nweasyprint==70.0 ", "\nweasyprint==69.0 ")
    )
    edited = [lock.read_lock(MAKE_LOCK, text), locks[1]]
    assert lock.pyproject_problems(pyproject, edited) == [
        f"{MAKE_LOCK}: pins weasyprint==69.0, which pyproject.toml's weasyprint>=70 excludes: "
        "run `make lock`",
        f"{MAKE_LOCK}: pins weasyprint==69.0, {VALIDATE_LOCK} weasyprint==70.0: run `make lock`",
    ]


def test_the_check_fails_on_a_copy_whose_pyproject_changed(tmp_path: Path) -> None:
    project = copy_locked_project(tmp_path)
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(
        text.replace('    "segno>=1.6",\n', '    "segno>=1.6",\n    "six>=1.16",\n'), encoding="utf-8"
    )
    done = run_tool(project, "check")
    assert done.returncode == 1
    assert done.stderr.splitlines()[:2] == [
        f"lock check: {BOTH}: made without pyproject.toml's six>=1.16: run `make lock`",
        f"lock check: {BOTH}: six>=1.16 (pyproject.toml) is not pinned: run `make lock`",
    ]


def test_a_missing_lock_is_named(tmp_path: Path) -> None:
    project = copy_locked_project(tmp_path)
    (project / VALIDATE_LOCK).unlink()
    done = run_tool(project, "check")
    assert done.returncode == 1
    assert f"lock check: {VALIDATE_LOCK}: missing: run `make lock`" in done.stderr.splitlines()


# The environment differs from the locks (made-up environments).


def test_an_environment_that_is_exactly_either_lock_passes(locks: list[Any]) -> None:
    for each in locks:
        assert lock.environment_problems(dict(each.pins), "CPython 3.11", locks) == []


def test_a_package_installed_by_hand_is_named(locks: list[Any]) -> None:
    installed = {**locks[0].pins, "six": "1.17.0"}
    assert lock.environment_problems(installed, "CPython 3.11", locks, ".venv") == [
        f".venv differs from {MAKE_LOCK} (the lock `make` installs):",
        "  six 1.17.0: installed, not in the lock (no lock has it)",
        "run `make sync` to make it exactly the lock again.",
        "to add or change a package: edit pyproject.toml, run `make lock` "
        '(README.md, "Upgrading a dependency").',
    ]


def test_a_drifted_version_and_a_missing_package_are_named(locks: list[Any]) -> None:
    installed = {**locks[0].pins, "weasyprint": "71.0"}
    del installed["babel"]
    problems = lock.environment_problems(installed, "CPython 3.11", locks)
    assert problems[1:3] == [
        "  babel: missing; the lock pins 2.18.0",
        "  weasyprint: 71.0 installed; the lock pins 70.0",
    ]


def test_one_validator_installed_by_hand_is_measured_against_make_s_lock(locks: list[Any]) -> None:
    installed = {**locks[0].pins, "pdfua": "0.1.3"}
    assert lock.environment_problems(installed, "CPython 3.11", locks)[:2] == [
        f"the environment differs from {MAKE_LOCK} (the lock `make` installs):",
        f"  pdfua 0.1.3: installed, not in the lock (only {VALIDATE_LOCK} has it)",
    ]


def test_ci_s_environment_with_a_package_added_points_to_ci_s_install(locks: list[Any]) -> None:
    installed = {**locks[1].pins, "six": "1.17.0"}
    assert lock.environment_problems(installed, "CPython 3.11", locks)[:3] == [
        f"the environment differs from {VALIDATE_LOCK} (what .ci/run installs):",
        "  six 1.17.0: installed, not in the lock (no lock has it)",
        f"run `make sync`, then `.venv/bin/python -m pip install --require-hashes -r {VALIDATE_LOCK}` "
        "(as .ci/run does).",
    ]


def test_another_python_is_named(locks: list[Any]) -> None:
    installed = dict(locks[0].pins)
    assert lock.environment_problems(installed, "CPython 3.12", locks) == [
        "this is CPython 3.12; the locks are for CPython 3.11, and the outputs may differ from CI's: "
        "`make distclean && make PYTHON=python3.11`"
    ]


# `make lock`.


def test_make_lock_leaves_the_locks_as_they_were_when_the_index_is_unreachable(tmp_path: Path) -> None:
    project = copy_locked_project(tmp_path)
    before = {path: (project / path).read_bytes() for path in lock.LOCKS}
    done = run_tool(project, "compile", PIP_INDEX_URL="http://127.0.0.1:9/simple/")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "make lock: the package index http://127.0.0.1:9/simple/ cannot be reached ("
    )
    assert "the locks are unchanged" in done.stderr
    assert {path: (project / path).read_bytes() for path in lock.LOCKS} == before


def test_pip_compile_is_told_to_write_a_reproducible_hashed_lock() -> None:
    argv = lock.pip_compile_argv(MAKE_LOCK, ("dev",), VALIDATE_LOCK, ("weasyprint",))
    for option in (
        "--generate-hashes",
        "--allow-unsafe",
        "--strip-extras",
        "--no-header",
        "--no-emit-index-url",
    ):
        assert option in argv
    assert argv[-4:] == [
        f"--constraint={VALIDATE_LOCK}",
        "--upgrade-package=weasyprint",
        f"--output-file={MAKE_LOCK}",
        "pyproject.toml",
    ]
    assert [part for part in argv[1:] if part.startswith("/")] == []
