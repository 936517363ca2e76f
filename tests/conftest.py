"""Shared fixtures: the real project, and throwaway copies of it for builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SLUG = "simon-letonturier-service-international"
BIN = Path(sys.executable).parent
# What a checkout holds that a build reads (outputs and .venv excluded).
PROJECT_PARTS = ("source", "locales", "assets", "templates", "pipeline", "Makefile", "pyproject.toml")


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs, with their timestamps, for builds that must not touch the checkout."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def jumelage_argv(project: Path, *arguments: str) -> list[str]:
    """The command line of ``jumelage --root PROJECT …``, with the test run's own Python."""
    return [sys.executable, "-m", "pipeline", "--root", str(project), *arguments]


def run_jumelage(project: Path, *arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run ``jumelage`` on a copy of the project; what it printed is captured."""
    settings: dict[str, object] = {"capture_output": True, "text": True, "timeout": 600, "check": False}
    settings.update(options)
    return subprocess.run(jumelage_argv(project, *arguments), **settings)  # type: ignore[call-overload,no-any-return]


def run_make(project: Path, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``make`` in a copy, with the test run's own virtual environment.

    The copy's stamp is made newer than its pyproject.toml, so ``make`` uses
    the installed environment instead of installing one.
    """
    stamp = project / ".venv-ready"
    if not stamp.exists():
        stamp.touch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}
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


def cover_title_lines(pdf: Path) -> list[str]:
    """The lines of a brochure's cover title, read from the PDF's first page, top to bottom.

    The title is the cover's big type: its lines are the text segments taller
    than any other (24 pt; the rest is 12 pt or less), a line's segments
    sharing their baseline. A draft's watermark is big too, but set at an
    angle across the page's middle, so only the upper half of the cover counts.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes())
    page = document[0]
    text = page.get_textpage()
    lines: dict[int, list[tuple[float, str]]] = {}
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        if top - bottom > 15 and bottom > page.get_height() / 2:
            lines.setdefault(round(bottom / 4), []).append(
                (left, text.get_text_bounded(left, bottom, right, top))
            )
    return [
        " ".join("".join(part for _, part in sorted(segments)).split())
        for _, segments in sorted(lines.items(), reverse=True)
    ]
