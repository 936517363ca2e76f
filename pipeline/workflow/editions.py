"""Articles and editions.yml → each partner city's three PDFs on disk, their plans, and their proofs.

Each edition's plan (pages, layout, fill of each page) is written beside the
build's intermediate files, ``outputs/.build/editions/<city>/<slug>.plan.txt``;
``make proof`` gathers them in ``outputs/proof/<city>.txt`` beside the contact sheet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from pipeline.fileio import write_bytes, write_text
from pipeline.press.brochure import STYLESHEETS as BROCHURE_STYLESHEETS
from pipeline.press.brochure import BrochureInputs, render_brochure
from pipeline.press.editions import Edition
from pipeline.press.pdf import EditionPdfs, PressInputs, render_edition_pdfs
from pipeline.press.proof import proof_pdfs
from pipeline.project import Project, source_date
from pipeline.workflow.judgement import published
from pipeline.workflow.selection import EVERYTHING, Selection
from pipeline.workflow.sources import (
    load_editions_config,
    load_output_intent,
    load_palette,
    load_topology,
    read_images,
    source_text,
    translated_article,
)

log = logging.getLogger(__name__)


def edition_paths(project: Project, slug: str, edition: Edition, draft: bool) -> tuple[Path, Path, Path]:
    """Screen, print-shop and booklet PDFs of one article in one edition."""
    folder = project.output_base(draft) / "editions" / edition.key
    return (
        folder / f"{slug}-{edition.key}.pdf",
        folder / f"{slug}-{edition.key}-print.pdf",
        folder / f"{slug}-{edition.key}-booklet.pdf",
    )


def plan_path(project: Project, slug: str, edition: Edition, draft: bool) -> Path:
    """The text file that records one edition's plan of one article."""
    return project.output_base(draft) / ".build" / "editions" / edition.key / f"{slug}.plan.txt"


def brochure_inputs(
    project: Project,
    source: Path,
    edition: Edition,
    draft: bool,
    publishes: Callable[[Project, str, bool], list[str]] = published,
) -> BrochureInputs:
    """Everything one edition's brochure page is made from, read from the project; ``publishes`` says
    what a language publishes (an article's brochure asks of articles, a collection's of collections)."""
    config = load_editions_config(project)
    translation, interface = translated_article(
        project, source, edition.lang, draft, region=edition.region_catalog
    )
    slug = source.stem
    screen_path = edition_paths(project, slug, edition, draft)[0]
    return BrochureInputs(
        meta={**translation.meta, "lang": edition.language},
        body=translation.body,
        interface=interface,
        edition=edition,
        web_address=f"{config.site_url}{edition.lang}/{slug}.html",
        template=project.templates_dir / "brochure.html",
        date=source_date(project.root),
        palette=load_palette(project),
        display=project.relative(screen_path),
        images=read_images(project, translation.body, "print"),
        topology=load_topology(project),
        publisher=config.publisher,
        web_address_confirmed=config.site_url_confirmed,
        twins=config.editions,
        # The languages a release publishes the article in: a QR code never leads to a refused page.
        other_languages=tuple(
            (lang, f"{config.site_url}{lang}/{slug}.html")
            for lang in project.languages()
            if lang != edition.lang and slug in publishes(project, lang, draft)
        ),
    )


def write_edition(
    project: Project, source: Path, edition: Edition, draft: bool, written: list[Path] | None = None
) -> EditionPdfs:
    """Render the three PDFs of one edition of one article; those whose bytes changed are added to
    ``written``."""
    inputs = brochure_inputs(project, source, edition, draft)
    return print_brochure(project, render_brochure(inputs), source.stem, inputs, draft, written)


def print_brochure(
    project: Project, html: str, name: str, inputs: BrochureInputs, draft: bool, written: list[Path] | None
) -> EditionPdfs:
    """A brochure page (an article's or a collection's, ``name``) → its edition's three PDFs on disk, those
    whose bytes changed added to ``written``, and its plan."""
    edition = inputs.edition
    screen_path, print_path, booklet_path = edition_paths(project, name, edition, draft)
    css = project.assets_dir / "css"
    pdfs = render_edition_pdfs(
        PressInputs(
            html=html,
            stylesheets=tuple(css / sheet for sheet in BROCHURE_STYLESHEETS),
            allowed=(project.assets_dir,),
            sheet_mm=(edition.paper.sheet_width_mm, edition.paper.sheet_height_mm),
            cover_rgb=inputs.palette.rgb("accent"),
            display=project.relative(screen_path),
            output_intent=load_output_intent(project),
            date=inputs.date,
            fillers=tuple(
                filler
                for filler, present in (("languages", inputs.other_languages), ("twins", inputs.twins))
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


def write_edition_proofs(project: Project, draft: bool = False, chosen: Selection = EVERYTHING) -> list[Path]:
    """PNG proofs of each chosen edition's screen PDFs (articles', then collections'), a contact sheet and
    the plans per edition."""
    written: list[Path] = []
    proof = project.output_base(draft) / "proof"
    # The collections' brochures too, unless articles were named.
    sources = chosen.sources(project) + (project.collection_sources() if chosen.articles is None else [])
    for edition in chosen.chosen_editions(project):
        screens = [edition_paths(project, source.stem, edition, draft)[0] for source in sources]
        pdfs = [pdf for pdf in screens if pdf.exists()]
        proofs = proof_pdfs([pdf.read_bytes() for pdf in pdfs])
        for pdf, pages in zip(pdfs, proofs.pages, strict=True):
            for number, png in enumerate(pages, start=1):
                path = proof / edition.key / f"{pdf.stem}-{number:02d}.png"
                write_bytes(path, png)
                written.append(path)
        if proofs.sheet is not None:
            sheet = proof / f"{edition.key}.png"
            write_bytes(sheet, proofs.sheet)
            written.append(sheet)
        plans = [plan_path(project, source.stem, edition, draft) for source in sources]
        report = "".join(path.read_text(encoding="utf-8") for path in plans if path.exists())
        if report:
            for line in report.splitlines():
                log.info("%s: %s", edition.key, line)
            write_text(proof / f"{edition.key}.txt", report)
            written.append(proof / f"{edition.key}.txt")
    return written
