"""The project under test: its paths, throwaway copies of it, and ``make`` or ``jumelage`` run in one."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SLUG = "simon-letonturier-service-international"
BIN = Path(sys.executable).parent
# What a checkout holds that a build reads (outputs and .venv excluded).
PROJECT_PARTS = (
    "source",
    "locales",
    "assets",
    "templates",
    "pipeline",
    "Makefile",
    "pyproject.toml",
    "requirements",
)


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs, with their timestamps, for builds that must not touch the checkout."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def copy_catalogs(target: Path) -> Project:
    """The sources, catalogs and assets alone, copied: enough for catalog work (XLIFF, kits), no build."""
    for part in ("source", "locales", "assets"):
        shutil.copytree(ROOT / part, target / part)
    return Project(target)


def copy_built_project(built: Path, target: Path) -> Path:
    """A copy of a built project, inputs and outputs, every timestamp kept: ``make`` finds it up to date."""
    shutil.copytree(built, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def tree_digests(project: Path) -> dict[str, tuple[str, int]]:
    """Every file of ``project`` (relative POSIX path) → the sha256 of its bytes, and its mtime.

    The timestamp counts as much as the bytes: ``make`` decides on it. The
    bytecode caches Python writes beside the copied package are left out.
    """
    return {
        path.relative_to(project).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(project.rglob("*"))
        if path.is_file() and "__pycache__" not in path.relative_to(project).parts
    }


def jumelage_argv(project: Path, *arguments: str) -> list[str]:
    """The command line of ``jumelage --root PROJECT …``, with the test run's own Python."""
    return [sys.executable, "-m", "pipeline", "--root", str(project), *arguments]


def run_jumelage(project: Path, *arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run ``jumelage`` on a copy of the project; what it printed is captured."""
    settings: dict[str, object] = {"capture_output": True, "text": True, "timeout": 600, "check": False}
    settings.update(options)
    return subprocess.run(jumelage_argv(project, *arguments), **settings)  # type: ignore[call-overload,no-any-return]


#: What a make passes its recipes. A test or a benchmark run by `make test` or `make bench` is one
#: such recipe, not a recursive make: the jobserver these name is closed to it, so a make started
#: with them would run one job at a time ("jobserver unavailable: using -j1") and skip setting its
#: own -j. The makes started here are top-level makes, as a person's would be.
MAKE_VARIABLES = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR")


def make_environment(**extra: str) -> dict[str, str]:
    """The environment of a top-level ``make`` in a copy: no parent make's flags, a fixed date."""
    environment = {name: value for name, value in os.environ.items() if name not in MAKE_VARIABLES}
    return {**environment, "SOURCE_DATE_EPOCH": "1764028800", **extra}


def run_make(project: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``make`` in a copy, with the test run's own virtual environment.

    The copy's stamp is made newer than its pyproject.toml and lock, so ``make`` uses
    the installed environment instead of installing one.
    """
    stamp = project / ".venv-ready"
    if not stamp.exists():
        stamp.touch()
    env = make_environment()
    done = subprocess.run(
        ["make", "--no-print-directory", f"BIN={BIN}", f"STAMP={stamp}", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"make {' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}")
    return done
