"""A tagged PDF → what a reader with assistive technology meets: its structure, links and artifacts.

Read with pikepdf, which comes with pdfua (requirements/validate.txt,
installed by .ci/run): a test asking skips, saying so, without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# pdfua 0.1.3's empty-heading rule (UA-14-001) crashes with pikepdf 10 on a heading
# whose /K is an array (``getattr(array, "is_integer", False)`` raises ValueError, not
# AttributeError), as WeasyPrint writes many: pdfua reports it "not evaluated", so
# pdfua_problems checks that rule itself rather than let it pass unchecked.
PDFUA_HEADING_RULE = "UA-14-001"
NO_PIKEPDF = "pikepdf (with pdfua) is not installed (requirements/validate.txt, installed by .ci/run)"


def pdfua_problems(pdf: Path) -> list[str]:
    """A PDF → what ``pdfua check`` finds in it, at any severity, and each rule it could not run.

    The test asking skips, saying why, when pdfua is not installed. Empty
    headings, which pdfua cannot check on WeasyPrint's files, are looked for here.
    """
    try:
        from pdfua import validate
    except ImportError:
        pytest.skip("pdfua is not installed (requirements/validate.txt, installed by .ci/run)")
    report = validate(str(pdf))
    problems = [
        f"{finding.rule_id} {finding.severity.name} {finding.location.describe()}: {finding.message}"
        for finding in report.findings
    ]
    for outcome in report.skipped:
        if outcome.rule_id == PDFUA_HEADING_RULE and "is_integer" in (outcome.skipped_reason or ""):
            problems += [f"{PDFUA_HEADING_RULE} empty heading {role}" for role in empty_headings(pdf)]
        else:
            problems.append(f"{outcome.rule_id} not evaluated: {outcome.skipped_reason}")
    return problems


def structure_elements(pdf: Path) -> list[tuple[str, bool]]:
    """A tagged PDF → its structure elements in reading order: role, and whether it marks content.

    pikepdf comes with pdfua: the test asking skips, saying so, without it.
    """
    pikepdf = pytest.importorskip("pikepdf", reason=NO_PIKEPDF)

    def marks_content(node: object) -> bool:
        if isinstance(node, int) and not isinstance(node, bool):
            return True  # a marked-content identifier (MCID)
        if isinstance(node, pikepdf.Array):
            return any(marks_content(kid) for kid in node)
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/Type") in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
                return True
            return "/K" in node and marks_content(node["/K"])
        return False

    def walk(node: object) -> Iterator[tuple[str, bool]]:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                yield from walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield str(node["/S"]), marks_content(node)
            if "/K" in node:
                yield from walk(node["/K"])

    with pikepdf.open(pdf) as document:
        root = document.Root.get("/StructTreeRoot")
        return list(walk(root["/K"])) if root is not None and "/K" in root else []


def unreachable_content(pdf: Path) -> list[str]:
    """A tagged PDF → each marked content (page, MCID) whose structure element is outside the tree.

    Such content is neither real content a reader reaches nor an artifact.
    """
    pikepdf = pytest.importorskip("pikepdf", reason=NO_PIKEPDF)
    with pikepdf.open(pdf) as document:
        root = document.Root.StructTreeRoot
        reachable: set[tuple[int, int]] = set()
        pending = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
        while pending:
            node = pending.pop()
            if isinstance(node, pikepdf.Dictionary) and "/S" in node and node.objgen not in reachable:
                reachable.add(node.objgen)
                kids = node.get("/K")
                pending += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        nums = root.ParentTree.Nums
        return [
            f"page {int(nums[index]) + 1} MCID {mcid}"
            for index in range(0, len(nums), 2)
            if isinstance(nums[index + 1], pikepdf.Array)
            for mcid, element in enumerate(nums[index + 1])
            if element is not None and element.objgen not in reachable
        ]


def link_annotations(pdf: Path) -> list[tuple[str, str]]:
    """A tagged PDF → each link annotation: the role of its structure element, and its ``/Contents``."""
    pikepdf = pytest.importorskip("pikepdf", reason=NO_PIKEPDF)
    with pikepdf.open(pdf) as document:
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        return [
            (str(parents[int(annotation.StructParent)].get("/S")), str(annotation.get("/Contents", "")))
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if annotation.get("/Subtype") == pikepdf.Name.Link
        ]


def artifact_text_runs(pdf: Path) -> list[int]:
    """A tagged PDF → per page, how many text-showing operators sit inside ``/Artifact`` marked content."""
    pikepdf = pytest.importorskip("pikepdf", reason=NO_PIKEPDF)
    with pikepdf.open(pdf) as document:
        return [_artifact_text_runs(pikepdf.parse_content_stream(page)) for page in document.pages]


def _artifact_text_runs(operations: list[tuple[list[object], object]]) -> int:
    depth, artifact_depth, runs = 0, 0, 0
    for operands, operator in operations:
        name = str(operator)
        if name in ("BDC", "BMC"):
            depth += 1
            if not artifact_depth and str(operands[0]) == "/Artifact":
                artifact_depth = depth
        elif name == "EMC":
            artifact_depth = 0 if artifact_depth == depth else artifact_depth
            depth -= 1
        elif name in ("Tj", "TJ", "'", '"') and artifact_depth:
            runs += 1
    return runs


def empty_headings(pdf: Path) -> list[str]:
    """A tagged PDF → the roles of its headings that mark no content."""
    return [role for role, marked in structure_elements(pdf) if is_heading(role) and not marked]


def is_heading(role: str) -> bool:
    return len(role) == 3 and role.startswith("/H") and role[2].isdigit()


def skipped_heading_levels(pdf: Path) -> list[str]:
    """A tagged PDF → each heading that is not an H1 first, or is over one level below the last."""
    levels = [int(role[2]) for role, _ in structure_elements(pdf) if is_heading(role)]
    return [
        f"H{level} after H{before}"
        for before, level in zip([0, *levels], levels, strict=False)
        if level > before + 1
    ]
