"""pipeline.drafts.memory: reviewed catalogs → memory, exact and close matches, TMX out and back in."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.catalogs.po import parse_catalog, read_catalog
from pipeline.drafts.memory import (
    export_tmx,
    parse_tmx,
)
from pipeline.errors import JumelageError
from pipeline.project import Project
from pipeline.workflow.drafts import export_memory, import_memory, load_memory

from ..conftest import SLUG

# --- on inline memories -----------------------------------------------------------------------------


# --- the project's memory ---------------------------------------------------------------------------


def test_tmx_export_and_import_round_trip(project_copy: Path, tmp_path: Path) -> None:
    project = Project(project_copy)
    tmx = tmp_path / "memory.tmx"
    units = export_memory(project, tmx)
    assert units == 18
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


def test_a_tmx_with_an_entity_bomb_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body>&a;</body></tmx>'
    with pytest.raises(JumelageError, match="expected plain TMX"):
        parse_tmx(bomb, "bomb.tmx")
