"""Outputs of every language → the web edition in ``<outputs>/site/``: pages, downloads, assets, the
front page, a feed per language (``<lang>/feed.xml``), ``sitemap.xml`` and ``robots.txt``."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from pipeline.apply import require_release
from pipeline.document import parse_document
from pipeline.fileio import read_text, write_bytes, write_text
from pipeline.front_matter import article_kind
from pipeline.inline import plain_text
from pipeline.press.editions import Edition
from pipeline.project import SOURCE_LANGUAGE, Project, language_tag, source_date
from pipeline.render.collection import CollectionEntry, CollectionPage, render_collection_page
from pipeline.render.feed import (
    FEED_NAME,
    Feed,
    FeedEntry,
    entry_date,
    feed_title,
    render_feed,
    site_identifier,
)
from pipeline.render.figures import linked_images
from pipeline.render.html import STYLESHEETS as PAGE_STYLESHEETS
from pipeline.render.html import Download, LanguageLink, site_page
from pipeline.render.metadata import KICKER_KEYS, writers_of
from pipeline.render.site import IndexArticle, IndexInputs, IndexLanguage, render_index
from pipeline.render.sitemap import SITEMAP_NAME, page_entry, render_robots, render_sitemap
from pipeline.render.ui import Interface, endonym
from pipeline.workflow.collections import published_collections
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.judgement import published
from pipeline.workflow.sources import (
    load_collection,
    load_editions_config,
    load_interface,
    translated_article,
)

log = logging.getLogger(__name__)


def build_site(project: Project, draft: bool = False) -> Path:
    """Gather the web edition into ``<outputs>/site/``: pages, downloads, assets, a front page, feeds
    and a sitemap.

    Files are copied only when their bytes changed, so a rebuild touches
    nothing that did not change. The front page offers only files that are
    there. What the folder holds besides is removed, and said: a site is
    published as it is, and an edition taken out of ``source/editions.yml``
    (or an article, a language, a font) must not live on in it. So every file
    written here is in the set kept, and the sitemap is made from that set:
    a new kind of page (a collection) enters it by being kept, as it must be
    to stay at all. Returns the front page.
    """
    base = project.output_base(draft)
    site = base / "site"
    config = load_editions_config(project)
    copies: dict[Path, Path] = {}
    for path in sorted((base / "assets").rglob("*")):
        if path.is_file():
            copies[site / path.relative_to(base)] = path
    for lang in project.languages():
        for source in project.sources():
            for name in (f"{source.stem}{suffix}" for suffix in PAGE_FILES):
                if (base / lang / name).exists():
                    copies[site / lang / name] = base / lang / name
        for source in project.collection_sources():
            if (base / lang / f"{source.stem}.epub").exists():
                copies[site / lang / f"{source.stem}.epub"] = base / lang / f"{source.stem}.epub"
    for page in [path for path in copies.values() if path.suffix == ".html"]:
        for href in linked_images(read_text(page)):  # the web images (pipeline/render/figures.py)
            image = Path(os.path.normpath(page.parent / href))
            if image.is_relative_to(base / "images") and image.is_file():
                copies[site / image.relative_to(base)] = image
    for edition in config.editions:
        for source in project.translated_sources():
            screen = edition_paths(project, source.stem, edition, draft)[0]
            if screen.exists():
                copies[site / "editions" / edition.key / screen.name] = screen
    for target, path in copies.items():
        write_bytes(target, site_bytes(project, site, target, path, copies))
    collections = collection_pages(project, set(copies), config.site_url, draft)
    for target, text in collections.items():
        write_text(target, text)
    feeds = {
        lang: feed
        for lang in project.languages()
        if (feed := language_feed(project, lang, set(copies), draft)) is not None
    }
    for lang, feed in feeds.items():
        write_bytes(site / lang / FEED_NAME, render_feed(feed))
    interface, _ = load_interface(project, SOURCE_LANGUAGE, draft=True)
    inputs = IndexInputs(
        languages=tuple(
            dataclasses.replace(
                index_language(project, lang, config.editions, draft, set(collections)),
                feed=f"{lang}/{FEED_NAME}" if lang in feeds else "",
                feed_title=feeds[lang].title if lang in feeds else "",
            )
            for lang in project.languages()
        ),
        stylesheets=tuple(f"assets/css/{name}" for name in PAGE_STYLESHEETS),
        canonical=config.site_url,
        template=project.templates_dir / "index.html",
        draft=interface.text("draft_notice") if draft else None,
        lang=language_tag(SOURCE_LANGUAGE),
    )
    index = site / "index.html"
    write_text(index, render_index(inputs))
    kept = {*copies, *collections, index, *(site / lang / FEED_NAME for lang in feeds)}
    kept.update(write_sitemap(site, kept, config.site_url, draft))
    remove_stale_files(project, site, kept)
    return index


def language_feed(project: Project, lang: str, files: set[Path], draft: bool) -> Feed | None:
    """``lang``'s feed: an entry per article it publishes whose page is among the site's ``files``;
    ``None`` when there is none, as the front page then has no section for it."""
    site, config = project.output_base(draft) / "site", load_editions_config(project)
    built = source_date(project.root) or datetime(1970, 1, 1, tzinfo=UTC)
    entries = []
    for slug in published(project, lang, draft):
        if site / lang / f"{slug}.html" not in files:
            continue
        translated = project.output_path(lang, slug, "md", draft)
        meta = parse_document(read_text(translated), project.relative(translated)).meta
        entries.append(
            FeedEntry(
                id=site_identifier(f"{lang}/{slug}.html"),
                url=f"{config.site_url}{lang}/{slug}.html",
                title=plain_text(str(meta["title"])),
                summary=plain_text(str(meta.get("lead", ""))),
                updated=entry_date(meta.get("date"), built),
                authors=tuple(writers_of(meta)),
                lang=language_tag(lang),
            )
        )
    if not entries:
        return None
    return Feed(
        id=site_identifier(f"{lang}/{FEED_NAME}"),
        url=f"{config.site_url}{lang}/{FEED_NAME}",
        home_url=config.site_url,
        title=feed_title(lang),
        lang=language_tag(lang),
        authors=(config.publisher.name.text,),
        entries=tuple(entries),
        built=built,
    )


def write_sitemap(site: Path, files: set[Path], site_url: str, draft: bool) -> list[Path]:
    """Write ``sitemap.xml``, listing every HTML page among the site's ``files`` as it declares itself,
    and ``robots.txt`` where the site owns its host's root; return what was written."""
    pages = [
        page_entry(read_text(path), path.relative_to(site).as_posix(), site_url)
        for path in sorted(files)
        if path.suffix == ".html"
    ]
    write_bytes(site / SITEMAP_NAME, render_sitemap(pages))
    robots = render_robots(site_url, draft)
    if robots is None:
        log.info("no robots.txt: crawlers read it at the root of %s only, which the site is not", site_url)
        return [site / SITEMAP_NAME]
    write_text(site / "robots.txt", robots)
    return [site / SITEMAP_NAME, site / "robots.txt"]


def site_bytes(project: Project, site: Path, target: Path, path: Path, copies: dict[Path, Path]) -> bytes:
    """What the site holds of ``path``: its bytes, but for a page whose site lacks some of its
    languages or downloads (``make LANGS=fr``, ``make html``), which loses its links to them."""
    data = path.read_bytes()
    if target.suffix != ".html" or target.parent.parent != site:
        return data
    absent = [lang for lang in project.languages() if site / lang / target.name not in copies]

    offered = {site / "index.html", *copies}

    def present(href: str) -> bool:
        return Path(os.path.normpath(target.parent / href)) in offered

    page = data.decode("utf-8")
    kept = site_page(page, absent, present)
    return data if kept == page else kept.encode("utf-8")


def remove_stale_files(project: Project, folder: Path, kept: set[Path]) -> list[Path]:
    """Remove every file of ``folder`` not in ``kept``, and the folders left empty; log each file.

    A writer's temporary file (``.name.PID.tmp``: another ``make`` writing the
    site at the same time) is left to :mod:`pipeline.fileio`, which removes it
    once its writer is gone.
    """
    stale = sorted(
        path
        for path in folder.rglob("*")
        if not path.is_dir()
        and path not in kept
        and not (path.name.startswith(".") and path.suffix == ".tmp")
    )
    for path in stale:
        path.unlink()
        log.info("removed %s: no longer part of the web edition", project.relative(path))
    for directory in sorted((path for path in folder.rglob("*") if path.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return stale


#: What each page brings into the site beside it, after its slug.
PAGE_FILES = (".html", ".epub", ".pdf", "-cover.png")


def collection_pages(project: Project, files: set[Path], site_url: str, draft: bool) -> dict[Path, str]:
    """The page of each collection in each language that publishes it (every article of it ready, its
    pages among the site's ``files``), by where it goes in the site: ``<lang>/<name>.html``."""
    site = project.output_base(draft) / "site"
    config = load_editions_config(project)
    ready = {lang: published_collections(project, lang, draft) for lang in project.languages()}
    offered = {
        (collection.name, lang): collection
        for collection in (load_collection(project, path) for path in project.collection_sources())
        for lang in project.languages()
        if collection.name in ready[lang]
        and all(site / lang / f"{slug}.html" in files for slug in collection.articles)
    }
    pages = {}
    for (name, lang), collection in offered.items():
        source = project.collections_dir / f"{name}.md"
        translation, interface = translated_article(project, source, lang, draft)
        others = [other for other in project.languages() if (name, other) in offered]
        downloads = (
            [Download(interface.text("ebook"), f"{name}.epub")]
            if site / lang / f"{name}.epub" in files
            else []
        )
        downloads += [
            Download(
                interface.text("printed_brochure", city=edition.city),
                f"../editions/{edition.key}/{name}-{edition.key}.pdf",
                language_tag(edition.language),
            )
            for edition in config.editions
            if edition.lang == lang
            and edition.key in collection.editions
            and site / "editions" / edition.key / f"{name}-{edition.key}.pdf" in files
        ]
        page = CollectionPage(
            meta=translation.meta,
            introduction=translation.body,
            interface=interface,
            entries=tuple(
                collection_entry(project, slug, lang, interface, draft) for slug in collection.articles
            ),
            downloads=tuple(downloads),
            languages=tuple(
                LanguageLink(
                    language_tag(other),
                    endonym(other),
                    f"../{other}/{name}.html",
                    f"{site_url}{other}/{name}.html",
                    other == lang,
                )
                for other in others
            ),
            stylesheets=tuple(f"../assets/css/{sheet}" for sheet in PAGE_STYLESHEETS),
            canonical=f"{site_url}{lang}/{name}.html",
            index_href="../index.html",
            index_url=site_url,
            template=project.templates_dir / "collection-page.html",
            display=project.relative(site / lang / f"{name}.html"),
            draft=draft,
        )
        pages[site / lang / f"{name}.html"] = render_collection_page(page)
    return pages


def collection_entry(
    project: Project, slug: str, lang: str, interface: Interface, draft: bool
) -> CollectionEntry:
    """One article of a collection's contents: its kind, translated title and lead, its page."""
    translated = project.output_path(lang, slug, "md", draft)
    meta = parse_document(read_text(translated), project.relative(translated)).meta
    return CollectionEntry(
        kicker=interface.text(KICKER_KEYS[article_kind(meta)]),
        title=plain_text(str(meta["title"])),
        lead=plain_text(str(meta.get("lead", ""))),
        href=f"{slug}.html",
    )


def index_language(
    project: Project, lang: str, editions: Iterable[Edition], draft: bool, collections: Iterable[Path] = ()
) -> IndexLanguage:
    """One language's section of the front page, in its own words, from the files already in the site.

    A language with no page in the site has no section, and its interface
    words are not asked for: only what is offered must be reviewed.
    """
    site = project.output_base(draft) / "site"
    slugs = [
        source.stem
        for source in project.sources()
        if (site / lang / f"{source.stem}.html").exists()
        and project.output_path(lang, source.stem, "md", draft).exists()
    ]
    # The section says its language as the pages do (``en-GB``); its files keep the catalog's folder.
    if not slugs:
        return IndexLanguage(language_tag(lang), endonym(lang), "", ())
    interface, problems = load_interface(project, lang, draft)
    if not draft:
        require_release(problems)
    # A language's brochures are the partner cities' editions printed in it (English: Exeter, Cork…).
    brochures = tuple(edition for edition in editions if edition.lang == lang)
    articles = tuple(index_article(project, slug, interface, brochures, draft) for slug in slugs)
    # Then the collections whose page the site holds in this language.
    pages = {path.stem for path in collections if path.parent.name == lang}
    articles += tuple(
        index_collection(project, source, interface, brochures, draft)
        for source in project.collection_sources()
        if source.stem in pages
    )
    return IndexLanguage(language_tag(lang), endonym(lang), interface.text("downloads"), articles)


def index_collection(
    project: Project, source: Path, interface: Interface, editions: Iterable[Edition], draft: bool
) -> IndexArticle:
    """A collection's entry on the front page: its kind, translated title and subtitle, its downloads."""
    lang, site, name = interface.lang, project.output_base(draft) / "site", source.stem
    translation, _ = translated_article(project, source, lang, draft)
    offered = [Download(interface.text("ebook"), f"{lang}/{name}.epub")]
    offered += [
        Download(
            interface.text("printed_brochure", city=edition.city),
            f"editions/{edition.key}/{name}-{edition.key}.pdf",
            language_tag(edition.language),
        )
        for edition in editions
    ]
    return IndexArticle(
        title=plain_text(str(translation.meta["title"])),
        lead=plain_text(str(translation.meta.get("subtitle", ""))),
        href=f"{lang}/{name}.html",
        cover="",
        cover_alt="",
        downloads=tuple(item for item in offered if (site / item.href).is_file()),
        kicker=interface.text("collection"),
    )


def index_article(
    project: Project, slug: str, interface: Interface, editions: Iterable[Edition], draft: bool
) -> IndexArticle:
    """One article's entry: its translated title and lead, its cover, and the downloads in the site."""
    lang, site = interface.lang, project.output_base(draft) / "site"
    translated = project.output_path(lang, slug, "md", draft)
    meta = parse_document(read_text(translated), project.relative(translated)).meta
    title = plain_text(str(meta["title"]))
    offered = [
        Download(interface.text(key), f"{lang}/{slug}.{extension}")
        for extension, key in (("epub", "ebook"), ("pdf", "print_edition"))
    ]
    offered += [
        Download(
            interface.text("printed_brochure", city=edition.city),
            f"editions/{edition.key}/{edition_paths(project, slug, edition, draft)[0].name}",
            language_tag(edition.language),
        )
        for edition in editions
    ]
    return IndexArticle(
        title=title,
        lead=plain_text(str(meta.get("lead", ""))),
        href=f"{lang}/{slug}.html",
        cover=f"{lang}/{slug}-cover.png",
        cover_alt=interface.text("cover_alt", title=title),
        downloads=tuple(item for item in offered if (site / item.href).is_file()),
    )
