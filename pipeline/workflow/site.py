"""Outputs of every language → the web edition in ``<outputs>/site/``."""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.document import parse_document, plain_text
from pipeline.fileio import read_text, write_bytes, write_text
from pipeline.project import SOURCE_LANGUAGE, Project
from pipeline.render.html import STYLESHEETS as PAGE_STYLESHEETS
from pipeline.render.site import IndexEntry, IndexLanguage, render_index
from pipeline.render.ui import endonym
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.sources import (
    load_editions_config,
    load_interface,
)

log = logging.getLogger(__name__)


def build_site(project: Project, draft: bool = False) -> Path:
    """Gather the web edition into ``<outputs>/site/``: pages, downloads, assets and an index.

    Files are copied only when their bytes changed, so a rebuild touches
    nothing that did not change. Returns the index page.
    """
    base = project.output_base(draft)
    site = base / "site"
    config = load_editions_config(project)
    for path in sorted((base / "assets").rglob("*")):
        if path.is_file():
            write_bytes(site / path.relative_to(base), path.read_bytes())
    languages = []
    for lang in project.languages():
        entries = []
        for source in project.sources():
            slug = source.stem
            for name in (f"{slug}.html", f"{slug}.epub", f"{slug}.pdf", f"{slug}-cover.png"):
                if (base / lang / name).exists():
                    write_bytes(site / lang / name, (base / lang / name).read_bytes())
            translated = project.output_path(lang, slug, "md", draft)
            if translated.exists():
                document = parse_document(read_text(translated), project.relative(translated))
                entries.append(IndexEntry(plain_text(str(document.meta["title"])), f"{lang}/{slug}.html"))
        languages.append(IndexLanguage(lang, endonym(lang), tuple(entries)))
    for edition in config.editions:
        for source in project.sources():
            screen = edition_paths(project, source.stem, edition, draft)[0]
            if screen.exists():
                write_bytes(site / "editions" / edition.key / screen.name, screen.read_bytes())
    interface, _ = load_interface(project, SOURCE_LANGUAGE, draft=True)
    index = site / "index.html"
    html = render_index(
        tuple(languages),
        tuple(f"assets/css/{name}" for name in PAGE_STYLESHEETS),
        config.site_url,
        interface.text("draft_notice") if draft else None,
    )
    write_text(index, html)
    return index
