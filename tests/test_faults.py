"""Hostile conditions: no network, secrets, a killed build, two builds at once, a full disk,
and generated inputs (hypothesis). Nothing lost, nothing leaked, nothing half-written."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from pipeline.apply import apply_catalog
from pipeline.catalogs.po import new_catalog, parse_catalog, read_catalog, serialize_catalog, write_catalog
from pipeline.document import parse_document
from pipeline.drafts.engines import SECRET_VARIABLES
from pipeline.drafts.policy import DraftOptions
from pipeline.extract import extract_template
from pipeline.fileio import WriteError
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from .fake_libretranslate import Behaviour, running_server
from .project import BIN, DATA, SLUG, copy_project, jumelage_argv, make_environment, run_make

NO_NETWORK = """
import socket

_connect = socket.socket.connect


def _refuse(self, address, *args, **kwargs):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        raise OSError("network refused by the test")
    return _connect(self, address, *args, **kwargs)


socket.socket.connect = _refuse
def _nowhere(*args, **kwargs):
    raise OSError("network refused by the test")


socket.create_connection = _nowhere
socket.getaddrinfo = _nowhere
"""


def _can_unshare_network() -> bool:
    tool = shutil.which("unshare")
    return (
        bool(tool) and subprocess.run([tool, "-n", "true"], capture_output=True, check=False).returncode == 0
    )


def test_a_full_build_needs_no_network(project_copy: Path, tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(guard), "SOURCE_DATE_EPOCH": "1764028800"}
    # Where the machine allows it, a network namespace with no interface at all refuses pandoc too.
    prefix = ["unshare", "-n"] if _can_unshare_network() else []
    done = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "pipeline",
            "--root",
            str(project_copy),
            "build",
            "--lang",
            "de",
            "--lang",
            "cs",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (project_copy / "outputs" / "de" / f"{SLUG}.pdf").is_file()
    assert "refused" not in done.stderr


def test_api_keys_never_reach_a_log_a_catalog_or_an_output(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canaries = {variable: f"canary-{variable.lower()}-7f3a9c" for variable in SECRET_VARIABLES}
    for variable, value in canaries.items():
        monkeypatch.setenv(variable, value)
    shutil.copy(DATA / "rencontre-erlangen.md", project_copy / "source")
    printed: list[str] = []
    with running_server(Behaviour(script=[500, 429, "broken"])) as url:
        draft_translations(
            Project(project_copy), ["de"], DraftOptions(engine="libretranslate", url=url, backoff=0.01)
        )
        refused = Behaviour(api_key="the-right-key")
        with running_server(refused) as other:
            done = subprocess.run(
                jumelage_argv(
                    project_copy, "translate", "--engine", "libretranslate", "--url", other, "--lang", "pl"
                ),
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                env={**os.environ},
            )
            printed += [done.stdout, done.stderr]
            assert done.returncode == 2 and "refused our credentials" in done.stderr
    build = subprocess.run(
        jumelage_argv(
            project_copy, "build", "--draft", "--lang", "de", "--format", "html", "--format", "epub"
        ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ},
    )
    assert build.returncode == 0, build.stderr
    printed += [build.stdout, build.stderr]
    for path in project_copy.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".epub":
                with zipfile.ZipFile(io.BytesIO(data)) as book:
                    data = b"".join(book.read(name) for name in book.namelist())
            for value in canaries.values():
                assert value.encode() not in data, path
    for text in printed:
        for value in canaries.values():
            assert value not in text


def test_a_killed_build_leaves_no_half_written_output_and_the_next_make_completes(project_copy: Path) -> None:
    project = project_copy
    (project / ".venv-ready").touch()
    # Two languages: what a kill leaves does not depend on how many there are (and it halves the time).
    make = subprocess.Popen(
        ["make", "--no-print-directory", f"BIN={BIN}", f"STAMP={project / '.venv-ready'}", "LANGS=fr de"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=make_environment(),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((project / "outputs").rglob("*.pdf")):
        time.sleep(0.05)
    time.sleep(0.5)  # in the middle of rendering
    os.killpg(make.pid, signal.SIGKILL)
    make.wait()
    subprocess.run(["pkill", "-KILL", "-f", f"pipeline.service --socket {project}"], check=False)
    for path in (project / "outputs").rglob("*"):
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) > 0, path
        elif path.suffix == ".epub":
            assert zipfile.ZipFile(path).testzip() is None, path
        elif path.suffix == ".html":
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), path
    run_make(project, "LANGS=fr de")
    assert run_make(project, "-q", "LANGS=fr de", check=False).returncode == 0
    assert [path for path in (project / "outputs").rglob(".*.tmp")] == []


def test_two_makes_at_once_on_one_tree_corrupt_nothing(project_copy: Path, tmp_path: Path) -> None:
    project = project_copy
    (project / ".venv-ready").touch()
    command = [
        "make",
        "--no-print-directory",
        "-j2",
        f"BIN={BIN}",
        f"STAMP={project / '.venv-ready'}",
        "LANGS=fr de",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}
    runs = [
        subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert run_make(project, "-q", "LANGS=fr de", check=False).returncode == 0
    for path in (project / "outputs").rglob("*.pdf"):
        assert len(PdfReader(path).pages) > 0
    reference = copy_project(tmp_path / "reference")
    run_make(reference, "LANGS=fr de")
    for path in (reference / "outputs").rglob("*"):
        if path.is_file():
            assert (
                path.read_bytes()
                == (project / "outputs" / path.relative_to(reference / "outputs")).read_bytes()
            )


def test_a_full_disk_while_writing_a_catalog_leaves_the_old_one_intact(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Project(project_copy).catalog_path("de", SLUG)
    before = path.read_bytes()
    catalog = read_catalog(path, "de")
    for message in catalog:
        if message.id:
            message.string = "überschrieben"

    def full_disk(descriptor: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(WriteError, match="No space left on device"):
        write_catalog(path, catalog)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [entry.name for entry in path.parent.iterdir() if entry.name.endswith(".tmp")] == []


# --- property tests ----------------------------------------------------------------------------------

WORDS = st.text(
    alphabet=st.sampled_from("abcdeéèàçôœ ÀÉ'’-,.;:!?«»0123456789"), min_size=1, max_size=30
).filter(lambda text: text.strip() != "")
INLINE = st.one_of(
    WORDS, WORDS.map(lambda w: f"*{w.strip()}*"), WORDS.map(lambda w: f"[{w.strip()}](https://a.fr/x)")
)
PARAGRAPH = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    PARAGRAPH,
    PARAGRAPH.map(lambda text: "## " + text),
    st.lists(PARAGRAPH, min_size=1, max_size=4).map(lambda items: "\n".join("- " + item for item in items)),
    PARAGRAPH.map(lambda text: "> " + text),
    st.lists(st.tuples(WORDS, WORDS), min_size=1, max_size=3).map(
        lambda rows: "| A | B |\n|---|---|\n" + "\n".join(f"| {a.strip()} | {b.strip()} |" for a, b in rows)
    ),
)
DOCUMENT = st.lists(BLOCK, min_size=1, max_size=8).map(
    lambda blocks: "---\ntitle: Titre\nlang: fr\n---\n\n" + "\n\n".join(blocks) + "\n"
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_extract_never_crashes_and_an_empty_catalog_gives_the_document_back(text: str) -> None:
    document = parse_document(text, "source/a.md")
    template = extract_template(document)
    translation = apply_catalog(document, new_catalog(template, "de"), "de", "de.po", draft=True)
    assert translation.body == document.body
    again = parse_document(translation.to_markdown(), "source/a.md")
    assert [(s.kind, s.text) for s in again.segments] == [(s.kind, s.text) for s in document.segments]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(WORDS, WORDS, st.booleans()), min_size=1, max_size=12, unique_by=lambda row: row[0])
)
def test_a_catalog_written_then_read_holds_the_same_messages(rows: list[tuple[str, str, bool]]) -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="de")
    for source, target, fuzzy in rows:
        catalog.add(source, target, flags=["fuzzy"] if fuzzy else [])
    again = parse_catalog(serialize_catalog(catalog).decode("utf-8"), "de.po", "de")
    assert {(m.id, m.string, m.fuzzy) for m in again if m.id} == {(s, t, f) for s, t, f in rows}
