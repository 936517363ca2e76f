"""pipeline.workflow.editions: a partner city's three PDFs on disk, its plan, and their proofs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.catalogs.po import read_catalog, write_catalog
from pipeline.project import Project
from pipeline.workflow.catalogs import update_catalogs
from pipeline.workflow.editions import edition_paths, plan_path, write_edition, write_edition_proofs
from pipeline.workflow.sources import load_editions_config

from ..project import SLUG


def test_an_edition_writes_its_screen_print_and_booklet_pdfs_and_their_proofs(project_copy: Path) -> None:
    project = Project(project_copy)
    brno = next(edition for edition in load_editions_config(project).editions if edition.key == "brno")
    screen, printed, booklet = edition_paths(project, SLUG, brno, draft=False)
    assert screen.name == f"{SLUG}-brno.pdf" and screen.parent.name == "brno"
    pdfs = write_edition(project, project.source_dir / f"{SLUG}.md", brno, draft=False)
    assert screen.read_bytes() == pdfs.screen and printed.read_bytes() == pdfs.print
    assert len(PdfReader(screen).pages) == pdfs.pages and len(PdfReader(printed).pages) == pdfs.print_pages
    assert pdfs.print_pages % 4 == 0 and len(PdfReader(booklet).pages) == pdfs.print_pages // 2
    assert PdfReader(screen).metadata.title  # type: ignore[union-attr]

    proofs = write_edition_proofs(project)
    proof = project_copy / "outputs" / "proof"
    # Only the edition that was built has proofs: one PNG a page and a contact sheet.
    assert (
        sorted(path.relative_to(proof).parts[0] for path in proofs if path.parent != proof)
        == ["brno"] * pdfs.pages
    )
    assert proof / "brno.png" in proofs and not (proof / "erlangen.png").exists()
    # The plan the build wrote is reported beside the contact sheet, one line an article.
    plan = plan_path(project, SLUG, brno, draft=False).read_text(encoding="utf-8")
    assert plan == f"{SLUG}: {pdfs.describe()}\n" and f"{pdfs.pages} pages, layout " in plan
    assert (proof / "brno.txt").read_text(encoding="utf-8") == plan and proof / "brno.txt" in proofs


def test_rochesters_three_pdfs_print_the_us_overrides_and_us_dates(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")  # 25 November 2025
    project = Project(project_copy)
    update_catalogs(project)  # the en_US article catalog, every message inheriting en
    path = project.catalog_path("en_US", SLUG)
    american = read_catalog(path, "en_US")
    american["Le parcours de Simon Letonturier"].string = "Simon Letonturier's career path, US-style"
    write_catalog(path, american)
    rochester = load_editions_config(project).get("rochester")
    write_edition(project, project.source_dir / f"{SLUG}.md", rochester, draft=False)
    for pdf in edition_paths(project, SLUG, rochester, draft=False):
        text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())
        assert "career path, US-style" in text, pdf.name
    screen = edition_paths(project, SLUG, rochester, draft=False)[0]
    back = " ".join((PdfReader(screen).pages[-1].extract_text() or "").split())
    assert "Edition of November 25, 2025" in back, back
