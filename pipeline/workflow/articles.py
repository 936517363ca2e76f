"""Articles and catalogs → the per-language outputs on disk: translated Markdown, HTML, PDF, EPUB."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.apply import require_release
from pipeline.document import Document, parse_document
from pipeline.fileio import read_text, write_bytes, write_text
from pipeline.front_matter import article_kind
from pipeline.inline import plain_text
from pipeline.project import Project, language_tag, source_date
from pipeline.render.article import ArticleInputs
from pipeline.render.cover import render_cover
from pipeline.render.epub import STYLESHEETS as EPUB_STYLESHEETS
from pipeline.render.epub import EpubInputs, FontFile, render_epub
from pipeline.render.feed import FEED_NAME, feed_title
from pipeline.render.figures import WebImage
from pipeline.render.fonts import fonts_for_text, keep_font_faces
from pipeline.render.html import STYLESHEETS as PAGE_STYLESHEETS
from pipeline.render.html import Download, HtmlInputs, LanguageLink, PageLinks, render_html
from pipeline.render.metadata import KICKER_KEYS, credit_lines
from pipeline.render.pdf import render_pdf
from pipeline.render.ui import Interface, endonym
from pipeline.workflow.judgement import published
from pipeline.workflow.sources import (
    load_editions_config,
    load_interface,
    load_palette,
    read_images,
    source_text,
    translated_article,
    web_images,
)

log = logging.getLogger(__name__)


def write_translation(project: Project, source: Path, lang: str, output: Path, draft: bool) -> bool:
    """Write the translated Markdown of one article (the input of the renderers)."""
    translation, _ = translated_article(project, source, lang, draft)
    return write_text(output, translation.to_markdown())


#: The folders of ``assets/`` that only the brochures read (cover maps, the print ICC profile): no web asset.
PRINT_ONLY_ASSETS = frozenset({"maps", "icc"})


def copy_assets(project: Project, base: Path) -> list[Path]:
    """Copy the stylesheets and fonts next to the outputs that link them; remove the copies of assets gone.

    A stylesheet or font deleted from ``assets/`` must not live on in
    ``<base>/assets/``, where a PDF would still find it. Returns the files written.
    """
    wanted = {
        path.relative_to(project.assets_dir): path
        for path in sorted(project.assets_dir.rglob("*"))
        if path.is_file() and path.relative_to(project.assets_dir).parts[0] not in PRINT_ONLY_ASSETS
    }
    folders = {folder for relative in wanted for folder in relative.parents}
    copies = base / "assets"
    for copy in sorted(copies.rglob("*"), reverse=True) if copies.is_dir() else []:
        relative = copy.relative_to(copies)
        if copy.is_file() and relative not in wanted and not copy.name.startswith("."):
            copy.unlink()
        elif copy.is_dir() and relative not in folders and not any(copy.iterdir()):
            copy.rmdir()
    return [
        copies / relative
        for relative, path in wanted.items()
        if write_bytes(copies / relative, path.read_bytes())
    ]


def _read_translation(project: Project, document_path: Path) -> tuple[Document, Interface]:
    document = parse_document(read_text(document_path), project.relative(document_path))
    draft = bool(document.meta.get("draft"))
    interface, problems = load_interface(project, document.lang, draft)
    if not draft:
        require_release(problems)
    return document, interface


def write_html(project: Project, document_path: Path, output: Path) -> bool:
    """Render a translated Markdown file to ``output`` (``<base>/<lang>/<slug>.html``).

    The page also gets its cover image beside it (``<slug>-cover.png``), its
    Open Graph image.
    """
    document, interface = _read_translation(project, document_path)
    config = load_editions_config(project)
    slug, base = output.stem, output.parent.parent
    lang = document.lang
    links = PageLinks(
        stylesheets=tuple(
            os.path.relpath(base / "assets" / "css" / name, output.parent) for name in PAGE_STYLESHEETS
        ),
        languages=tuple(
            LanguageLink(
                language_tag(other),
                endonym(other),
                f"../{other}/{slug}.html",
                f"{config.site_url}{other}/{slug}.html",
                other == lang,
            )
            for other in project.languages()
            # The languages a release publishes the article in (the site drops those it lacks).
            if other == lang or slug in published(project, other, bool(document.meta.get("draft")))
        ),
        pdf=f"{slug}.pdf",
        epub=f"{slug}.epub",
        brochures=tuple(
            Download(
                interface.text("printed_brochure", city=edition.city),
                f"../editions/{edition.key}/{slug}-{edition.key}.pdf",
            )
            for edition in config.editions
            if edition.lang == lang
        ),
        canonical=f"{config.site_url}{lang}/{slug}.html",
        index_url=config.site_url,
        image_url=f"{config.site_url}{lang}/{slug}-cover.png",
        # The site's feed of the page's language, beside it there (pipeline/workflow/site.py).
        feed=FEED_NAME,
        feed_title=feed_title(lang),
    )
    images = web_images(project, document.body, base / "images", output)
    article = article_inputs(project, document, interface, output, images=images)
    html = render_html(HtmlInputs(article, links, project.templates_dir / "article.html"))
    write_bytes(output.with_name(f"{slug}-cover.png"), cover_of(project, document, interface))
    return write_text(output, html)


def write_pdf(project: Project, html_path: Path, output: Path) -> bool:
    """Render an HTML page to PDF; only the outputs folder may be read."""
    allowed = [html_path.parent.parent]
    source = source_text(project, html_path.stem, [html_path.parent.name])
    return write_bytes(output, render_pdf(html_path, allowed, project.relative(output), source))


def write_epub(project: Project, document_path: Path, output: Path) -> bool:
    """Render a translated Markdown file to EPUB 3."""
    document, interface = _read_translation(project, document_path)
    css = project.assets_dir / "css"
    # The fonts its text needs only: a Latin book carries no 6 MB CJK font.
    meta = json.dumps(document.meta, default=str, ensure_ascii=False)
    text = "\n".join([document.body, meta, *interface.translations.values()])
    fonts = fonts_for_text(project.assets_dir / "fonts", text)
    names = {path.name for path in fonts}
    inputs = EpubInputs(
        article_inputs(project, document, interface, output, "epub"),
        slug=output.stem,
        stylesheets=tuple(keep_font_faces(read_text(css / name), names) for name in EPUB_STYLESHEETS),
        fonts=tuple(FontFile(path.name, path.read_bytes()) for path in fonts),
        cover=cover_of(project, document, interface),
    )
    return write_bytes(output, render_epub(inputs))


def article_inputs(
    project: Project,
    document: Document,
    interface: Interface,
    output: Path,
    target: str = "epub",
    images: Mapping[str, bytes | WebImage] | None = None,
) -> ArticleInputs:
    """A translated article as the renderers read it, dated by the project's ``SOURCE_DATE_EPOCH``,
    its images fitted for the ``target`` format, or the ``images`` given (a web page's files)."""
    return ArticleInputs(
        document.meta,
        document.body,
        interface,
        source_date(project.root),
        project.relative(output),
        read_images(project, document.body, target) if images is None else images,
    )


def cover_of(project: Project, document: Document, interface: Interface) -> bytes:
    """The cover image of a translated article, in its language.

    Under the title, the credit that says what it is ("An interview with …",
    "By …"): a name alone there would read as the author's.
    """
    credits = credit_lines(document.meta, interface)
    return render_cover(
        plain_text(str(document.meta["title"])),
        interface.text(KICKER_KEYS[article_kind(document.meta)]),
        credits.get("interviewee-text", credits.get("byline", "")),
        "Rennes Métropole",
        project.assets_dir / "fonts",
        load_palette(project),
    )


def write_article(
    project: Project, source: Path, lang: str, formats: Iterable[str], draft: bool
) -> list[Path]:
    """Translate one article into ``lang`` and render it in ``formats``; return the files changed.

    The translated Markdown is written first, for the renderers to read; the
    PDF is printed from the web page, so ``pdf`` writes the page too.
    """
    wanted = set(formats)
    slug = source.stem
    markdown = project.output_path(lang, slug, "md", draft)
    written = [markdown] if write_translation(project, source, lang, markdown, draft) else []
    html = project.output_path(lang, slug, "html", draft)
    if wanted & {"html", "pdf"} and write_html(project, markdown, html):
        written.append(html)
    pdf = project.output_path(lang, slug, "pdf", draft)
    if "pdf" in wanted and write_pdf(project, html, pdf):
        written.append(pdf)
    epub = project.output_path(lang, slug, "epub", draft)
    if "epub" in wanted and write_epub(project, markdown, epub):
        written.append(epub)
    return written
