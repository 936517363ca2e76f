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
from pipeline.press.collection import CollectionInputs, render_collection
from pipeline.press.editions import Edition
from pipeline.press.pdf import EditionPdfs
from pipeline.project import Project
from pipeline.render.article import Part
from pipeline.workflow.editions import brochure_inputs, print_brochure
from pipeline.workflow.judgement import published
from pipeline.workflow.sources import (
    load_collection,
    read_images,
    translated_article,
)

log = logging.getLogger(__name__)


def collection_parts(
    project: Project,
    collection: Collection,
    lang: str,
    draft: bool,
    region: str | None,
    target: str = "print",
) -> tuple[Part, ...]:
    """Each article of ``collection`` translated into ``lang`` (and ``region``), in its order, its images
    fitted for the ``target`` format (``print``, ``epub``)."""
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
                images=read_images(project, translation.body, target),
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
    # Its other languages: those a release publishes it in (every article of it ready there).
    brochure = replace(
        brochure_inputs(project, source, edition, draft, published_collections),
        template=project.templates_dir / "collection.html",
    )
    inputs = CollectionInputs(
        brochure=brochure,
        parts=collection_parts(project, collection, edition.lang, draft, edition.region_catalog),
        part_template=project.templates_dir / "collection-part.html",
    )
    return print_brochure(project, render_collection(inputs), name, brochure, draft, written)


def published_collections(project: Project, lang: str, draft: bool = False) -> list[str]:
    """The collections a release publishes in ``lang``: those whose every article it publishes there."""
    ready = set(published(project, lang, draft))
    return [
        collection.name
        for collection in (load_collection(project, path) for path in project.collection_sources())
        if all(slug in ready for slug in collection.articles)
    ]
