"""make bench: the build against the obvious script, in one run, medians of 3.

In a copy of the project (nothing here touches the checkout), measures:
a clean `make`, a no-op `make`, the rebuild after one German message is
edited, and the naive baseline on
the same outputs: a shell loop calling `pandoc` and the `weasyprint` command
once per output file. Prints one table with medians, ratios to the baseline
and peak memory (the proportional set size of every process of the build,
summed, sampled every 20 ms).
The **layout limit** is measured in the same run: the build's own commands
(``make -n``), run one after the other in a single process that imported
WeasyPrint once, each timed; the limit is that import once per worker plus
the commands' time (layout, pandoc, PDF writing), spread over the cores.
The clean build's ratio to it says what the orchestration (make, one
process a language, the order of the work) costs.
`--scale N` also builds N articles × 5 languages and reports pages per second
at 1, 5 and N articles. Not a test: nothing here asserts a duration.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader

from pipeline.catalogs.po import read_catalog, write_catalog
from tests.project import copy_project as copy_inputs
from tests.project import make_environment

BIN = Path(sys.executable).parent
SLUG = "simon-letonturier-service-international"


def copy_project(target: Path) -> Path:
    """The test suite's copy of the project, marked as having its environment installed."""
    copy_inputs(target)
    (target / ".venv-ready").touch()
    return target


class PeakMemory:
    """Sums the resident memory of every process of the build, sampled while it runs (not timed)."""

    def __init__(self, marker: str) -> None:
        self.marker, self.peak, self._stop = marker, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                    cwd = str((entry / "cwd").readlink())
                    if self.marker in command or cwd.startswith(self.marker):
                        # PSS: memory shared by the forked workers is counted once, not once a process.
                        rollup = (entry / "smaps_rollup").read_text()
                        total += int(rollup.split("\nPss:")[1].split()[0]) * 1024 if "\nPss:" in rollup else 0
                except (OSError, IndexError, ValueError):
                    continue
            self.peak = max(self.peak, total)
            time.sleep(0.02)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def make(project: Path, *arguments: str) -> float:
    env = make_environment()  # a top-level make with its own -j, not one job at a time under `make bench`
    started = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", f"BIN={BIN}", f"STAMP={project / '.venv-ready'}", *arguments],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def edit_german(project: Path, round_: int) -> None:
    path = project / "locales" / "de" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = read_catalog(path, "de")
    message = catalog.get("Le parcours de Simon Letonturier")
    assert message is not None
    # A different text at every edit, so that each one is a real change.
    message.string = "Der Werdegang von Simon Letonturier" + "\u200b" * (round_ + 1)
    write_catalog(path, catalog)


def naive_baseline(project: Path, work: Path) -> float:
    """pandoc and weasyprint once per output file, in a shell loop, on the same inputs."""
    build = project / "outputs" / ".build"
    lines = ["set -e"]
    pandoc = shutil.which("pandoc", path=str(BIN)) or str(Path(__import__("pypandoc").get_pandoc_path()))
    for lang in ("fr", "en", "de", "pl", "cs"):
        source = build / lang / f"{SLUG}.md"
        lines.append(f"'{pandoc}' -s '{source}' -o '{work}/{lang}.html'")
        lines.append(f"'{pandoc}' '{source}' -o '{work}/{lang}.epub'")
        lines.append(f"'{BIN}/weasyprint' '{work}/{lang}.html' '{work}/{lang}.pdf'")
    for brochure in sorted((project / "outputs" / ".brochures").glob("*.html")):
        for variant in ("", "-print", "-booklet"):
            css = project / "assets" / "css" / "brochure.css"
            lines.append(f"'{BIN}/weasyprint' -s '{css}' '{brochure}' '{work}/{brochure.stem}{variant}.pdf'")
    script = work / "naive.sh"
    script.write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    subprocess.run(["bash", str(script)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def build_commands(project: Path) -> list[list[str]]:
    """The ``jumelage`` commands a clean build runs, in an order that respects their prerequisites."""
    make(project, "clean")
    make(project, f"{project}/outputs/.build/editions.mk")  # the rules make -n reads (timed below too)
    planned = subprocess.run(
        ["make", "-n", "-j1", "--no-print-directory", f"BIN={BIN}", f"STAMP={project / '.venv-ready'}"],
        cwd=project,
        env=make_environment(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    commands = [["rules"]]
    for line in planned.splitlines():
        if " -m pipeline " in line:
            argv = line.split(" -m pipeline ", 1)[1].split()
            # One job at a time: the limit spreads the work over the cores itself.
            commands.append([*argv, "--jobs", "1"] if argv[0] == "build" else argv)
    return commands


LIMIT_SCRIPT = """
import json, os, sys, time
started = time.perf_counter()
from pipeline.cli import main
from pipeline.workflow.build import warm_up
warm_up()
warm = time.perf_counter() - started
commands = json.loads(sys.argv[1])
times = []
for argv in commands:
    started = time.perf_counter()
    status = main(["-q", *argv])
    times.append(time.perf_counter() - started)
    if status != 0:
        sys.exit(f"{argv}: exit {status}")
print(json.dumps({"warm": warm, "times": times}))
"""


def layout_limit(project: Path, commands: list[list[str]]) -> tuple[float, float, float]:
    """Import once, then every command in one process: (import s, commands s, limit s) for this machine."""
    import json

    make(project, "clean")
    (project / "outputs" / ".build").mkdir(parents=True)
    # The web pages' assets, which make copies with cp (not timed: no layout in it).
    shutil.copytree(
        project / "assets", project / "outputs" / "assets", ignore=shutil.ignore_patterns("maps", "icc")
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}  # the copy's own pipeline, as make runs it
    done = subprocess.run(
        [sys.executable, "-c", LIMIT_SCRIPT, json.dumps(commands)],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    cores = os.cpu_count() or 1
    work = sum(result["times"])
    return result["warm"], work, (result["warm"] * cores + work) / cores


def save_brochure_pages(project: Path) -> None:
    """The brochures' HTML, for the naive loop to render (preparation, not timed)."""
    from pipeline.press.brochure import render_brochure
    from pipeline.project import Project
    from pipeline.workflow.editions import brochure_inputs
    from pipeline.workflow.sources import load_editions_config

    copy = Project(project)
    fonts = '<head><link rel="stylesheet" href="../../assets/css/fonts.css">'
    for edition in load_editions_config(copy).editions:
        html = render_brochure(brochure_inputs(copy, copy.source_dir / f"{SLUG}.md", edition, False))
        output = copy.outputs_dir / ".brochures" / f"{edition.key}.html"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(html.replace("<head>", fonts, 1), encoding="utf-8")


def pages_in(project: Path) -> int:
    return sum(
        len(PdfReader(path).pages)
        for path in (project / "outputs").rglob("*.pdf")
        if "site" not in path.parts
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jumelage-bench-") as folder:
        project = copy_project(Path(folder) / "p")
        clean, noop, edit, naive, peaks = [], [], [], [], []
        for round_ in range(args.repeat):
            make(project, "clean")
            clean.append(make(project))
            noop.append(make(project))
            edit_german(project, round_)
            edit.append(make(project))
        # Peak memory in a clean build of its own: reading every process's smaps while the timed
        # builds run would slow them (the sampler takes each process's memory lock 50 times a second).
        make(project, "clean")
        with PeakMemory(str(project)) as memory:
            make(project)
        peaks.append(memory.peak)
        commands = build_commands(project)
        limits = [layout_limit(project, commands) for _ in range(args.repeat)]
        save_brochure_pages(project)
        for round_ in range(args.repeat):
            work = Path(folder) / f"naive{round_}"
            work.mkdir()
            naive.append(naive_baseline(project, work))
        base = statistics.median(naive)
        print(f"jumelage build benchmark, {os.cpu_count()} cores, median of {args.repeat} runs")
        limit = statistics.median(value for _, _, value in limits)
        row = "{:<52} {:>9} {:>10} {:>9}"
        print(row.format("what", "median s", "vs naive", "vs limit"))
        for name, values in (
            ("naive loop: pandoc + weasyprint per output file", naive),
            ("clean make", clean),
            ("no-op make", noop),
            ("one German message edited", edit),
        ):
            median = statistics.median(values)
            print(row.format(name, f"{median:.2f}", f"{median / base:.2f}×", f"{median / limit:.2f}×"))
        print(
            f"layout limit: {limit:.2f} s = WeasyPrint's import once per core "
            f"({statistics.median(warm for warm, _, _ in limits):.2f} s) + the {len(commands)} commands in "
            f"one process ({statistics.median(work for _, work, _ in limits):.2f} s) / {os.cpu_count()} cores"
        )
        print(f"German rebuild / clean build: {statistics.median(edit) / statistics.median(clean):.0%}")
        print(f"peak memory of a clean build (all its processes, PSS): {max(peaks) / 2**20:.0f} MB")
        if args.scale:
            scale(project, args.scale)


def scale(project: Path, count: int) -> None:
    """Pages per second with 1, 5 and ``count`` articles (copies of the article under other names)."""
    print(f"{'articles':>8} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
    for articles in sorted({1, 5, count}):
        for extra in sorted((project / "source").glob("scale-*.md")):
            extra.unlink()
        for path in list((project / "locales").rglob("scale-*.po*")):
            path.unlink()
        for number in range(1, articles):
            name = f"scale-{number:02d}"
            shutil.copy(project / "source" / f"{SLUG}.md", project / "source" / f"{name}.md")
            for catalog in (project / "locales").glob(f"*/LC_MESSAGES/{SLUG}.po"):
                shutil.copy(catalog, catalog.with_name(f"{name}.po"))
        make(project, "clean")
        seconds = make(project)
        pages = pages_in(project)
        print(f"{articles:>8} {pages:>6} {seconds:>8.2f} {pages / seconds:>8.1f}")


if __name__ == "__main__":
    main()
