"""A print shop's preflight, proof-pdf (PyPI), on every edition's print file and booklet.

``proof-pdf verify --no-pdfa --k-only-text --trim-mm WxH --bleed-mm B`` runs
its PDF/X-4, geometry and colour checks (``--no-pdfa``: the files are PDF/X,
not PDF/A). It can exempt a whole file, not a colour, and measures the total
ink on the whole sheet: so on files that pass our own preflight it still
gives two errors, each explained by a house rule, and the test requires
exactly those, computed from the file (:func:`explained_errors`):

* ``k-only-text`` on each page whose text has the brand red, exempt in
  ``source/preflight.yml`` (our preflight has checked every other run is K only);
* ``tac`` 400 % on each page of the print file: the crop marks, in the
  registration colour, beyond the BleedBox, where the total ink is at most
  ``max-ink``.

proof-pdf 0.3.4 needs Python 3.15 and Ghostscript; ``.ci/run`` installs it
into ``.venv-proof/`` where a Python 3.15 is found. Without it, the test skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.press.inks import k_only_breaches, measure_inks
from pipeline.project import Project
from pipeline.qa.preflight import BuiltPdf, Finish, HouseRules, finish_of, pdf_problems
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.qa import load_house_rules
from pipeline.workflow.sources import load_editions_config

from ..project import ROOT, SLUG

#: ``proof-pdf`` on the PATH, else where ``.ci/run`` installs it.
PROOF_PDF = shutil.which(
    "proof-pdf", path=os.pathsep.join([str(ROOT / ".venv-proof" / "bin"), os.environ.get("PATH", os.defpath)])
)
MISSING = [
    name for name, found in (("proof-pdf", PROOF_PDF), ("Ghostscript (gs)", shutil.which("gs"))) if not found
]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{' and '.join(MISSING)} not installed: proof-pdf 0.3.4 needs Python ≥3.15 and Ghostscript "
    "(.ci/run installs it into .venv-proof/ where a Python ≥3.15 is found)",
)
EDITIONS = load_editions_config(Project(ROOT)).editions

#: One finding, as compared: its check, page (0: the file) and message.
Finding = tuple[str, int, str]


def proof_pdf_errors(paths: list[Path], finish: Finish) -> dict[str, list[Finding]]:
    """What ``proof-pdf verify`` refuses in each file (its errors; warnings are advice), by file name."""
    assert PROOF_PDF is not None
    command = [
        PROOF_PDF,
        "verify",
        "--no-pdfa",
        "--k-only-text",
        "--trim-mm",
        f"{finish.width_mm:g}x{finish.height_mm:g}",
        "--bleed-mm",
        f"{finish.bleed_mm:g}",
        "--json",
        *map(str, paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)
    assert result.returncode in (0, 1), result.stderr
    return {
        Path(report["path"]).name: sorted(
            (finding["check"], finding["page"] or 0, finding["message"])
            for finding in report["findings"]
            if finding["severity"] == "error"
        )
        for report in json.loads(result.stdout)
    }


def explained_errors(data: bytes, rules: HouseRules) -> list[Finding]:
    """The errors proof-pdf gives on a file that passes our preflight: each one a house rule explains it."""
    pages = measure_inks(data, "proof-pdf")
    explained: list[Finding] = []
    for number, colour, runs in k_only_breaches(pages):
        assert rules.exemption(colour) is not None, (number, colour)  # proof-pdf names the first run only
        more = f" (and {runs - 1} more runs)" if runs > 1 else ""
        message = f"text is painted in {colour.describe()}{more} -- text ink must be K only"
        explained.append(("k-only-text", number, message))
    for page in pages:
        if page.peak_in_bleed <= rules.max_ink < page.peak_on_sheet:  # the crop marks, trimmed off
            message = f"peak ink coverage {page.peak_on_sheet:.0f}% exceeds the {rules.max_ink:.0f}% limit"
            explained.append(("tac", page.number, message))
    return sorted(explained)


@pytest.mark.parametrize("variant", ["print", "booklet"])
def test_proof_pdf_finds_only_what_the_house_rules_explain(built_project: Path, variant: str) -> None:
    project = Project(built_project)
    rules = load_house_rules(project)
    by_finish: dict[Finish, list[Path]] = {}
    for edition in EDITIONS:
        _, printed, booklet = edition_paths(project, SLUG, edition, draft=False)
        by_finish.setdefault(finish_of(edition.paper, variant), []).append(
            printed if variant == "print" else booklet
        )
    for finish, paths in sorted(by_finish.items(), key=lambda item: item[0].name):
        found = proof_pdf_errors(paths, finish)
        for path in paths:
            data = path.read_bytes()
            assert pdf_problems(BuiltPdf(path.name, data, finish), rules) == []
            assert found[path.name] == explained_errors(data, rules), path.name
