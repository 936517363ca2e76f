"""Translated collection + its translated articles + edition → the collection brochure's HTML page.

A collection's brochure is an edition's brochure (:mod:`pipeline.press.brochure`)
holding several articles: the collection's cover (its title and subtitle,
the map and the partnership), a contents page (the translated introduction,
then each article's kind and title, its page number set by WeasyPrint's
``target-counter``), each article as a ``<section>`` of its own
(``templates/collection-part.html``: tagged ``Sect``, opening on a new page
under its title, a level-1 bookmark, its running head its own title, its
notes numbered from 1), the filler pages, and one back cover crediting each
article. :mod:`pipeline.press.pdf` plans and prints it as it does an article's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import RenderError
from pipeline.press.brochure import BrochureInputs, brochure_arguments, brochure_meta
from pipeline.render.article import Part
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, markdown_words
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface

#: Where the collection's page (``templates/collection.html``) takes its articles.
PARTS_MARK = "<!-- jumelage:parts -->"


@dataclass(frozen=True)
class CollectionInputs:
    """Everything a collection's brochure page is made of."""

    brochure: BrochureInputs
    """The collection's own page: its translated front matter and introduction, the edition."""
    parts: tuple[Part, ...]
    part_template: Path
    """pandoc's template of one article (``templates/collection-part.html``)."""


def part_words(part: Part, interface: Interface) -> dict[str, Any]:
    """What the contents, the article's opening and the back cover say of one article."""
    words = markdown_words(edition_metadata(part.meta, interface, None))
    return {**part.meta, **words, "slug": part.slug}


def render_part(part: Part, interface: Interface, template: Path) -> str:
    """One article as the collection prints it: its ids prefixed with its slug, so that two articles'
    headings and notes never share one."""
    arguments = ("-t", "html5", f"--template={template}", "--wrap=none", f"--id-prefix={part.slug}-")
    body = embed_figures(part.body, part.images, part.display)
    return run_pandoc(part_words(part, interface), body, arguments, part.display).decode("utf-8")


def contents_entries(parts: Sequence[Part], interface: Interface) -> list[dict[str, Any]]:
    """The contents' and the back cover's entry of each article, in the collection's order."""
    keys = ("slug", "kicker", "title", "title-plain", "byline", "published-by", "image-credits-text")
    return [
        {key: words[key] for key in keys if words.get(key)}
        for words in (part_words(part, interface) for part in parts)
    ]


def render_collection(inputs: CollectionInputs) -> str:
    """Render one edition's brochure page of a collection."""
    brochure = inputs.brochure
    if not inputs.parts:
        raise RenderError(brochure.display, None, "expected a collection of at least one article, found none")
    meta = {**brochure_meta(brochure), "parts": contents_entries(inputs.parts, brochure.interface)}
    shell = run_pandoc(meta, brochure.body, brochure_arguments(brochure), brochure.display).decode("utf-8")
    if shell.count(PARTS_MARK) != 1:
        raise RenderError(
            brochure.display,
            None,
            f"expected the collection template to hold {PARTS_MARK} once, found it "
            f"{shell.count(PARTS_MARK)} times",
        )
    parts = "".join(render_part(part, brochure.interface, inputs.part_template) for part in inputs.parts)
    return shell.replace(PARTS_MARK, parts)
