"""The broken-catalog corpus, tests/bad/catalogs/: each case is the German catalog of the small
article (tests/bad/mini.source) broken in one way, named after what is wrong, with the lines
our reader must print beside it (<case>.expected), exactly as ``jumelage`` prints them: one for
most, every problem of several-problems.po, most severe first.

The corpus is honest: ``msgfmt --check`` refuses every case too, but for the few we refuse on
purpose where msgfmt lets them pass (STRICTER_THAN_MSGFMT, each with its reason), which msgfmt
must then accept, so that the list stays true. One case is run end to end in a copy of the project:
``make check``, ``make`` and ``make draft`` stop on it with its lines, and write nothing for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.catalogs.po import read_catalog
from pipeline.errors import CatalogError

from .msgfmt import msgfmt_check
from .project import run_make

BAD = Path(__file__).resolve().parent / "bad"
CATALOGS = BAD / "catalogs"
CASES = sorted(CATALOGS.glob("*.po"))
#: Where each case stands in the project it is staged in, as every command names it.
DISPLAY = "locales/de/LC_MESSAGES/mini.po"

#: Cases gettext accepts and we refuse, and why: each would be misread, here or downstream.
STRICTER_THAN_MSGFMT = {
    "header-latin-1-charset.po": "msgfmt decodes the file's UTF-8 bytes as Latin-1 and builds mojibake",
    "header-without-charset.po": "msgfmt only warns ('Charset missing in header') and cannot convert",
    "header-without-content-type.po": "msgfmt only warns, as for a missing charset",
    "header-line-not-a-field.po": "Babel drops every header field after such a line (Language, Plural-Forms)",
    "hex-escape.po": "msgfmt reads \\xe4 as the byte 0xE4, which is no UTF-8 character",
    "keyword-without-its-string.po": "every PO tool writes the first string on its keyword's line",
}


def expected_lines(case: Path) -> list[str]:
    return (CATALOGS / f"{case.name}.expected").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_our_reader_prints_the_expected_lines(case: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        read_catalog(case, "de", DISPLAY)
    assert str(caught.value).splitlines() == expected_lines(case)
    assert [str(problem) for problem in caught.value.problems] == expected_lines(case)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_msgfmt_check_refuses_it_too(case: Path) -> None:
    done = msgfmt_check(case)
    if case.name in STRICTER_THAN_MSGFMT:
        assert done.returncode == 0, f"msgfmt now refuses it: take it off STRICTER_THAN_MSGFMT\n{done.stderr}"
    else:
        assert done.returncode != 0 and "fatal error" in done.stderr, done.stderr


def test_every_case_has_its_line_and_every_exception_its_case() -> None:
    assert len(CASES) >= 20
    assert [case.name for case in CASES if not (CATALOGS / f"{case.name}.expected").is_file()] == []
    assert sorted(set(STRICTER_THAN_MSGFMT) - {case.name for case in CASES}) == []


def test_a_broken_catalog_stops_check_and_both_builds_with_its_lines_and_nothing_is_written(
    project_copy: Path,
) -> None:
    case = CATALOGS / "several-problems.po"
    project = project_copy
    shutil.copy(BAD / "mini.source", project / "source" / "mini.md")
    shutil.copy(case, project / DISPLAY)
    lines = expected_lines(case)
    assert len(lines) > 1
    findings = [
        f"{location}: [error] unreadable: {message}"
        for location, _, message in (line.partition(": ") for line in lines)
    ]

    check = run_make(project, "check", "LANGS=fr de", check=False)
    assert check.returncode != 0
    assert set(findings) <= set(check.stdout.splitlines())

    # A release refuses the article with make check's findings; a draft stops where the catalog is
    # read, and its worker hands the error, every problem in it, to the build.
    for goal, shown in (
        (["outputs/de/mini.html"], findings),
        (["outputs/draft/de/mini.html", "DRAFT=1"], lines),
    ):
        build = run_make(project, *goal, check=False)
        assert build.returncode != 0, build.stdout
        assert set(shown) <= set(build.stderr.splitlines()), build.stderr
        assert "Traceback" not in build.stderr
    assert "\n".join(lines) in build.stderr  # the draft's: in the reader's order, most severe first
    # Updating the catalogs stops on it too, before writing anything over it.
    update = run_make(project, "catalogs", "LANGS=de", check=False)
    assert update.returncode != 0 and lines[0] in update.stderr.splitlines(), update.stderr
    assert (project / DISPLAY).read_bytes() == case.read_bytes()
    outputs = project / "outputs"
    leftovers = list(outputs.rglob("*.tmp"))
    assert sorted(outputs.rglob("mini*")) == [] and leftovers == []
