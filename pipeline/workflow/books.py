"""A collection and its articles → the collection's e-book on disk, one EPUB 3 per language.

``outputs/<lang>/<name>.epub`` (:mod:`pipeline.render.book`): the collection's
title, subtitle and introduction from its own catalog, each article from its
own (:func:`pipeline.workflow.collections.collection_parts`), in the
language's words; no region, as an article's e-book has none.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.fileio import read_text, write_bytes
from pipeline.inline import plain_text
from pipeline.project import Project, source_date
from pipeline.render.book import BookInputs, render_book
from pipeline.render.cover import render_cover
from pipeline.render.epub import STYLESHEETS as EPUB_STYLESHEETS
from pipeline.render.epub import FontFile
from pipeline.render.fonts import fonts_for_text, keep_font_faces
from pipeline.workflow.collections import collection_parts
from pipeline.workflow.sources import (
    load_collection,
    load_editions_config,
    load_palette,
    translated_article,
)


def write_collection_epub(project: Project, source: Path, lang: str, draft: bool) -> bool:
    """Render the e-book of the collection ``source`` in ``lang``; whether its bytes changed.

    A release raises, as an article's does, on any message of the collection
    or of its articles missing in ``lang``; a draft prints those in French.
    """
    collection = load_collection(project, source)
    translation, interface = translated_article(project, source, lang, draft)
    output = project.output_path(lang, collection.name, "epub", draft)
    chapters = collection_parts(project, collection, lang, draft, None, "epub")
    # The fonts its text needs only (as an article's book: pipeline/workflow/articles.py).
    text = "\n".join(
        [
            translation.body,
            json.dumps(translation.meta, default=str, ensure_ascii=False),
            *(chapter.body for chapter in chapters),
            *(json.dumps(chapter.meta, default=str, ensure_ascii=False) for chapter in chapters),
            *interface.translations.values(),
        ]
    )
    fonts = fonts_for_text(project.assets_dir / "fonts", text)
    names = {path.name for path in fonts}
    css = project.assets_dir / "css"
    inputs = BookInputs(
        name=collection.name,
        meta=translation.meta,
        introduction=translation.body,
        chapters=chapters,
        interface=interface,
        date=source_date(project.root),
        display=project.relative(output),
        stylesheets=tuple(keep_font_faces(read_text(css / name), names) for name in EPUB_STYLESHEETS),
        fonts=tuple(FontFile(path.name, path.read_bytes()) for path in fonts),
        cover=render_cover(
            plain_text(str(translation.meta["title"])),
            interface.text("collection"),
            "",
            "Rennes Métropole",
            project.assets_dir / "fonts",
            load_palette(project),
        ),
        publisher=publisher_name(project),
    )
    return write_bytes(output, render_book(inputs))


def publisher_name(project: Project) -> str:
    """The publishing service ``source/editions.yml`` names, once confirmed; else none."""
    if not (project.source_dir / "editions.yml").exists():
        return ""
    name = load_editions_config(project).publisher.name
    return name.text if name.confirmed else ""
