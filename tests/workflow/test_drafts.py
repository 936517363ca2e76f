"""pipeline.workflow.drafts: memory out and back in, and the pseudo edition, on a project on disk."""

from __future__ import annotations

from pathlib import Path

from pipeline.catalogs.po import parse_catalog, read_catalog
from pipeline.drafts.memory import export_tmx, parse_tmx
from pipeline.project import Project
from pipeline.workflow.drafts import build_pseudo, export_memory, import_memory, load_memory

from ..project import SLUG


def test_tmx_export_and_import_round_trip(project_copy: Path, tmp_path: Path) -> None:
    project = Project(project_copy)
    tmx = tmp_path / "memory.tmx"
    units = export_memory(project, tmx)
    assert units == 22  # the article's 18 messages and the collection's 4
    memory, original = parse_tmx(tmx.read_bytes(), "memory.tmx"), load_memory(project)
    assert export_tmx(memory) == export_tmx(original)  # origins are not written: same units, same bytes
    catalog_path = project.catalog_path("pl", SLUG)
    blank = catalog_path.read_text(encoding="utf-8")
    cleared = parse_catalog(blank, "pl.po", "pl")
    for message in cleared:
        if message.id:
            message.string = ""
    from pipeline.catalogs.po import write_catalog

    write_catalog(catalog_path, cleared)
    assert import_memory(project, tmx) == 18
    refilled = read_catalog(catalog_path, "pl")
    assert all(message.fuzzy and message.string for message in refilled if message.id)
    assert all("translation memory: imported from memory.tmx" in m.auto_comments for m in refilled if m.id)


def test_the_pseudo_edition_is_a_marked_draft_that_touches_no_real_catalog(project_copy: Path) -> None:
    project = Project(project_copy)
    catalogs = {path: path.read_bytes() for path in project.locales_dir.rglob("*.po")}
    written = build_pseudo(project, ["html"])
    page = project_copy / "outputs" / "pseudo" / "draft" / "en" / f"{SLUG}.html"
    assert page in written
    html = page.read_text(encoding="utf-8")
    assert 'class="draft-banner"' in html
    # Every message drafted long and accented, kept names left as they are.
    # (The title is balanced: the pseudo padding, no word of five letters, is bound to the last word.)
    assert "préšéñté lé šérvîçé îñtérñátîõñál\u00a0·········]" in html and "Simon Letonturier" in html
    assert (project_copy / "outputs" / "pseudo" / "locales" / "en" / "LC_MESSAGES" / f"{SLUG}.po").is_file()
    assert {path: path.read_bytes() for path in project.locales_dir.rglob("*.po")} == catalogs


def test_tbx_export_then_import_of_an_agency_term_updates_the_glossary_file(project_copy: Path) -> None:
    from pipeline.workflow.drafts import export_termbase, import_termbase

    project = Project(project_copy)
    glossary = project_copy / "locales" / "glossary.csv"
    before = glossary.read_bytes()
    tbx = project_copy / "outputs" / "glossary.tbx"
    export_termbase(project, tbx)
    report = import_termbase(project, tbx)
    assert (report.added, report.filled, report.conflicts) == ([], [], [])
    assert glossary.read_bytes() == before
    text = tbx.read_text("utf-8").replace(
        "</body>",
        '<conceptEntry id="new"><langSec xml:lang="fr"><termSec><term>jumelage</term></termSec></langSec>'
        '<langSec xml:lang="de"><termSec><term>Städtepartnerschaft</term></termSec></langSec>'
        "</conceptEntry></body>",
    )
    tbx.write_text(text, "utf-8")
    assert import_termbase(project, tbx, write=False).added == ["jumelage"]
    assert glossary.read_bytes() == before, "a dry run wrote"
    import_termbase(project, tbx)
    assert glossary.read_text("utf-8") == before.decode() + "jumelage,,,Städtepartnerschaft,,,\n"
