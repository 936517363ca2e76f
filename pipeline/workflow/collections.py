"""Collections and their articles → each partner city's collection brochure on disk, and its plan.

A collection (:mod:`pipeline.collection`) is printed per edition as an
article is (:mod:`pipeline.workflow.editions`): three PDFs named after the
collection, ``outputs/editions/<city>/<name>-<city>{,-print,-booklet}.pdf``,
and a plan beside the build's files. Its introduction and titles come from
its own catalog, each article from its own; a release builds it in a language
only when every article of it is ready there (:mod:`pipeline.workflow.judgement`).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from pipeline.collection import Collection
from pipeline.fileio import write_bytes, write_text
from pipeline.press.brochure import STYLESHEETS as BROCHURE_STYLESHEETS
from pipeline.press.collection import CollectionInputs, Part, render_collection
from pipeline.press.editions import Edition
from pipeline.press.pdf import EditionPdfs, PressInputs, render_edition_pdfs
from pipeline.project import Project
from pipeline.workflow.editions import brochure_inputs, edition_paths, plan_path
from pipeline.workflow.judgement import published
from pipeline.workflow.sources import (
    load_collection,
    load_editions_config,
    load_output_intent,
    read_images,
    source_text,
    translated_article,
)

log = logging.getLogger(__name__)


def collection_source(project: Project, name: str) -> Path:
    """The French source of the collection ``name``."""
    return project.collections_dir / f"{name}.md"


def is_collection(project: Project, source: Path) -> bool:
    """Whether ``source`` is a collection's (``source/collections/``), not an article's."""
    return source.parent.resolve() == project.collections_dir.resolve()


def collection_parts(
    project: Project, collection: Collection, lang: str, draft: bool, region: str | None
) -> tuple[Part, ...]:
    """Each article of ``collection`` translated into ``lang`` (and ``region``), in its order."""
    parts = []
    for slug in collection.articles:
        source = project.source_dir / f"{slug}.md"
        translation, _ = translated_article(project, source, lang, draft, region=region)
        parts.append(
            Part(
                slug=slug,
                meta=translation.meta,
                body=translation.body,
                display=project.relative(source),
                images=read_images(project, translation.body, "print"),
            )
        )
    return tuple(parts)


def write_collection_edition(
    project: Project, source: Path, edition: Edition, draft: bool, written: list[Path] | None = None
) -> EditionPdfs:
    """Render the three PDFs of one edition of a collection; those whose bytes changed are added to
    ``written``."""
    collection = load_collection(project, source)
    name = collection.name
    config = load_editions_config(project)
    brochure = replace(
        brochure_inputs(project, source, edition, draft),
        template=project.templates_dir / "collection.html",
        images={},
        # The languages a release publishes the collection in (every article of it ready there).
        other_languages=tuple(
            (lang, f"{config.site_url}{lang}/{name}.html")
            for lang in project.languages()
            if lang != edition.lang and name in published_collections(project, lang, draft)
        ),
    )
    inputs = CollectionInputs(
        brochure=brochure,
        parts=collection_parts(project, collection, edition.lang, draft, edition.region_catalog),
        part_template=project.templates_dir / "collection-part.html",
    )
    html = render_collection(inputs)
    screen_path, print_path, booklet_path = edition_paths(project, name, edition, draft)
    css = project.assets_dir / "css"
    pdfs = render_edition_pdfs(
        PressInputs(
            html=html,
            stylesheets=tuple(css / sheet for sheet in BROCHURE_STYLESHEETS),
            allowed=(project.assets_dir,),
            sheet_mm=(edition.paper.sheet_width_mm, edition.paper.sheet_height_mm),
            cover_rgb=brochure.palette.rgb("accent"),
            display=project.relative(screen_path),
            output_intent=load_output_intent(project),
            date=brochure.date,
            fillers=tuple(
                filler
                for filler, present in (("languages", brochure.other_languages), ("twins", brochure.twins))
                if present
            ),
            source=source_text(project, name, [edition.region_catalog, edition.lang]),
        )
    )
    changed = [
        path
        for path, data in zip(
            (screen_path, print_path, booklet_path), (pdfs.screen, pdfs.print, pdfs.booklet), strict=True
        )
        if write_bytes(path, data)
    ]
    if written is not None:
        written.extend(changed)
    write_text(plan_path(project, name, edition, draft), f"{name}: {pdfs.describe()}\n")
    return pdfs


def published_collections(project: Project, lang: str, draft: bool = False) -> list[str]:
    """The collections a release publishes in ``lang``: those whose every article it publishes there."""
    ready = set(published(project, lang, draft))
    return [
        collection.name
        for collection in (load_collection(project, path) for path in project.collection_sources())
        if all(slug in ready for slug in collection.articles)
    ]
