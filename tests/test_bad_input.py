"""The bad-input corpus, tests/bad/: each file is a case, named after what is wrong, with its
expected one-line message beside it (<case>.expected). Sources go in as an article, catalogs as the
German catalog of a small article (tests/bad/mini.source). Each must stop with that one line and
exit status 2, write nothing for that language, and leave the other languages buildable."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from .project import ROOT, SLUG, run_jumelage

BAD = Path(__file__).resolve().parent / "bad"
CASES = sorted(path for path in BAD.iterdir() if path.name.endswith((".md", ".md.gz", ".po")))


def jumelage(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run_jumelage(project, *arguments, cwd=project)


def stage(case: Path, project: Path) -> tuple[str, str]:
    """Put the case into a copy of the project; return the article's slug and the language it breaks."""
    for part in ("source", "locales", "assets", "templates"):
        shutil.copytree(ROOT / part, project / part)
    if case.suffix == ".po":
        shutil.copy(BAD / "mini.source", project / "source" / "mini.md")
        shutil.copy(case, project / "locales" / "de" / "LC_MESSAGES" / "mini.po")
        return "mini", "de"
    slug = case.name.removesuffix(".gz").removesuffix(".md")
    data = gzip.decompress(case.read_bytes()) if case.name.endswith(".gz") else case.read_bytes()
    (project / "source" / f"{slug}.md").write_bytes(data)
    return slug, "fr"


# Slow: two or three jumelage processes a case, some 40 s in all.
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_bad_input_is_one_clear_line_and_nothing_written(case: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    slug, lang = stage(case, project)
    output = project / "outputs" / lang / f"{slug}.md"
    done = jumelage(project, "apply", f"source/{slug}.md", "--lang", lang, "-o", str(output))
    expected = (BAD / f"{case.name}.expected").read_text(encoding="utf-8").strip()
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [expected]
    assert not output.exists() and not list((project / "outputs").rglob("*.tmp"))
    # The other languages, and the other article, still build on their own.
    fine = jumelage(project, "apply", f"source/{SLUG}.md", "--lang", "de", "-o", str(project / "ok.md"))
    assert fine.returncode == 0, fine.stderr
    if case.suffix == ".po":
        french = jumelage(project, "apply", "source/mini.md", "--lang", "fr", "-o", str(project / "fr.md"))
        assert french.returncode == 0, french.stderr
