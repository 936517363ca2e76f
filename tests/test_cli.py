"""pipeline.cli: one line per user error, exit status 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.cli import main

from .project import ROOT, SLUG


def run_cli(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_a_bad_source_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text("---\ntitle: [oops\nlang: fr\n---\n", encoding="utf-8")
    done = run_cli(
        "--root", str(tmp_path), "apply", str(source), "--lang", "de", "-o", str(tmp_path / "out.md")
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("bad.md:3: expected valid YAML front matter")
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.md").exists()


def test_a_non_utf8_source_names_its_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.md"
    source.write_bytes("---\ntitle: Titre\nlang: fr\n---\n\nCafé\n".encode("latin-1"))
    assert (
        main(["--root", str(tmp_path), "apply", str(source), "--lang", "de", "-o", str(tmp_path / "o.md")])
        == 2
    )


def test_stats_lists_every_language_of_the_article_and_its_regions_then_the_interface_words() -> None:
    done = run_cli("stats")
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [row[1] for row in rows] == [
        "en",
        "en_US",
        "de",
        "pl",
        "cs",
        # The collection's catalogs, after the articles'.
        "en",
        "en_US",
        "de",
        "pl",
        "cs",
        "fr",
        "en",
        "en_US",
        "de",
        "pl",
        "cs",
    ]
    assert [row[0] for row in rows] == [SLUG] * 5 + ["rennes-international"] * 5 + ["ui"] * 6
    languages = [row for row in rows if row[1] != "en_US"]
    assert all(row[3] == "0" and row[4] == "0" for row in languages), (
        "committed catalogs hold no fuzzy or empty entry"
    )
    # A regional catalog counts overrides: its empty entries inherit en and are not untranslated.
    regional = " ".join(next(row for row in rows if row[1] == "en_US")[2:])
    assert "untransl" not in regional and ("overrides" in regional or "inherits every message" in regional)


def test_python_dash_m_and_the_console_script_are_the_same_program() -> None:
    done = run_cli("--version")
    assert done.stdout.startswith("jumelage ")
    console = subprocess.run(
        [str(Path(sys.executable).parent / "jumelage"), "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert console.stdout == done.stdout


def test_a_release_builds_check_is_silent_when_it_passes_and_shows_errors_only(project_copy: Path) -> None:
    passed = run_cli("--root", str(project_copy), "check", "--errors-only")
    assert (passed.returncode, passed.stdout, passed.stderr) == (
        0,
        "",
        "",
    )  # editions.yml's warnings: not here
    catalog = project_copy / "locales" / "de" / "LC_MESSAGES" / "ui.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace('msgstr "Inhalt"', 'msgstr ""'), encoding="utf-8"
    )
    failed = run_cli("--root", str(project_copy), "check", "--errors-only", "--lang", "de")
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.splitlines()[0].startswith("locales/de/LC_MESSAGES/ui.po:")
    assert failed.stderr.splitlines()[0].endswith(
        '[error] untranslated: expected a translation of "Contents", found none'
    )
    assert failed.stderr.splitlines()[1:] == [
        "jumelage: 1 errors: a release refuses them (make draft builds anyway)"
    ]


def test_an_unexpected_error_is_one_line_and_its_traceback_is_on_demand(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: object) -> None:
        raise RuntimeError("injected fault\nsecond line")

    monkeypatch.setattr(cli, "_cmd_stats", fail)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    assert main(["stats"]) == cli.EXIT_INTERNAL_ERROR
    assert capsys.readouterr().err == (
        "jumelage: internal error: RuntimeError: injected fault (JUMELAGE_DEBUG=1 shows where)\n"
    )
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    assert main(["stats"]) == cli.EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "in fail" in err
    assert err.endswith("\njumelage: internal error: RuntimeError: injected fault\n")
