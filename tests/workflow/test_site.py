"""pipeline.workflow.site: the web edition gathered from the outputs, changed files only."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree

from pipeline.catalogs.po import read_catalog, write_catalog
from pipeline.document import parse_document
from pipeline.inline import plain_text
from pipeline.project import Project, language_tag
from pipeline.render.feed import ATOM_NAMESPACE
from pipeline.render.markup import start_tags
from pipeline.render.sitemap import SITEMAP_NAMESPACE, XHTML_NAMESPACE
from pipeline.render.ui import endonym
from pipeline.workflow.build import build
from pipeline.workflow.editions import edition_paths
from pipeline.workflow.judgement import published
from pipeline.workflow.site import build_site, write_sitemap
from pipeline.workflow.sources import load_editions_config

from ..project import SLUG, make_environment
from ..render.test_sitemap import sitemap_schema

LANGS = ("fr", "en", "de", "pl", "cs")
COLLECTION = "rennes-international"


def test_a_draft_site_carries_the_banner(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["de"], ["html"], draft=True)
    index = build_site(project, draft=True)
    assert 'class="draft-banner"' in index.read_text(encoding="utf-8")
    page = project_copy / "outputs" / "draft" / "site" / "de" / f"{SLUG}.html"
    assert 'class="draft-banner"' in page.read_text(encoding="utf-8")


def test_the_index_lists_the_languages_built_and_a_rebuild_touches_nothing(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["fr", "de"], ["html", "epub"], draft=False)
    index = build_site(project)
    html = index.read_text(encoding="utf-8")
    assert f'href="de/{SLUG}.html"' in html and f'href="fr/{SLUG}.html"' in html
    assert f'href="pl/{SLUG}.html"' not in html  # nothing built in Polish: no dead link
    site = project_copy / "outputs" / "site"
    assert (site / "de" / f"{SLUG}.epub").is_file() and not (site / "de" / f"{SLUG}.pdf").exists()
    files = sorted(path for path in site.rglob("*") if path.is_file())
    inodes = {path: path.stat().st_ino for path in files}
    build_site(project)
    assert {path: path.stat().st_ino for path in files} == inodes  # unchanged bytes are not rewritten


def test_a_page_of_the_site_links_only_to_the_languages_and_files_the_site_holds(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["fr", "de"], ["html"], draft=False)
    build_site(project)
    built = (project_copy / "outputs" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    page = (project_copy / "outputs" / "site" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert 'hreflang="pl"' in built and 'hreflang="en-GB"' in built  # the page as built knows every language
    for absent in ("en-GB", "pl", "cs"):
        assert f'hreflang="{absent}"' not in page
    assert (
        '<link rel="alternate" hreflang="de" href="' in page
        and f'href="../de/{SLUG}.html" hreflang="de"' in page
    )
    assert 'content="pl_PL"' not in page and 'content="de_DE"' in page
    # Only the pages were built: the e-book and PDF downloads go too (no brochure either).
    assert f'href="{SLUG}.pdf"' in built and f'href="{SLUG}.epub"' in built
    assert 'type="application/pdf"' not in page and 'type="application/epub+zip"' not in page
    assert page.count("<li>") == built.count("<li>") - 3 - 2
    german = (project_copy / "outputs" / "site" / "de" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert f'href="../fr/{SLUG}.html" hreflang="fr"' in german and 'hreflang="cs"' not in german


def test_a_language_offers_only_its_own_brochures_and_only_those_built(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["de"], ["html"], draft=False)
    config = load_editions_config(project)
    editions = {edition.key: edition for edition in config.editions}
    # Stand-ins for brochures: the site copies what is there, whatever makes it.
    for key in ("erlangen", "exeter"):
        screen = edition_paths(project, SLUG, editions[key], False)[0]
        screen.parent.mkdir(parents=True, exist_ok=True)
        screen.write_bytes(b"%PDF-1.7\n")
    html = build_site(project).read_text(encoding="utf-8")
    german = html[html.index('lang="de" aria-labelledby') :]
    assert f'href="editions/erlangen/{SLUG}-erlangen.pdf"' in german
    assert "exeter" not in html  # English was not built: no English section, no Exeter link
    assert f'href="de/{SLUG}.epub"' not in html  # no e-book built, none offered
    assert f'src="de/{SLUG}-cover.png" alt="Titelseite: ' in german


def test_what_the_site_no_longer_offers_is_removed_and_said(
    project_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = Project(project_copy)
    build(project, ["fr"], ["html"], draft=False)
    site = project_copy / "outputs" / "site"
    # What an earlier build left: a city since taken out of editions.yml, a font since deleted.
    stale = [site / "editions" / "lyon" / f"{SLUG}-lyon.pdf", site / "assets" / "fonts" / "Gone.ttf"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"stale")
    with caplog.at_level(logging.INFO, logger="pipeline"):
        build_site(project)
    assert not any(path.exists() for path in stale)
    assert not (site / "editions").exists()  # the folder left empty goes too
    assert (site / "fr" / f"{SLUG}.html").is_file() and (site / "assets" / "fonts").is_dir()
    assert f"removed outputs/site/editions/lyon/{SLUG}-lyon.pdf: no longer part of the web edition" in (
        caplog.messages
    )


# --- the feeds, the sitemap and robots.txt, read back from a whole build ------------------------------

ATOM = {"a": ATOM_NAMESPACE}
SITEMAP = {"s": SITEMAP_NAMESPACE, "x": XHTML_NAMESPACE}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(path: Path) -> Any:
    return etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()


def site_url(project: Path) -> str:
    return load_editions_config(Project(project)).site_url


def site_file(project: Path, url: str) -> Path:
    """The file of the site an absolute address of the site names (a folder's: its ``index.html``)."""
    base = site_url(project)
    assert url.startswith(base), url
    relative = url[len(base) :]
    return (
        project
        / "outputs"
        / "site"
        / (relative + "index.html" if relative.endswith("/") or not relative else relative)
    )


def html_lang(page: Path) -> str:
    (tag,) = [tag for tag in start_tags(page.read_text(encoding="utf-8"), {"html"})]
    return str(tag.attributes["lang"])


def rfc3339(text: str) -> datetime:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)", text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_an_atom_feed_of_the_articles_it_publishes(built_project: Path, lang: str) -> None:
    project = Project(built_project)
    root = parse_xml(built_project / "outputs" / "site" / lang / "feed.xml")
    assert root.tag == f"{{{ATOM_NAMESPACE}}}feed" and root.get(XML_LANG) == language_tag(lang)
    # RFC 4287 4.1.1: exactly one id, title and updated; a self link; authors for entries that name none.
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"a:{name}", ATOM)) == 1, name
    assert urlsplit(root.findtext("a:id", namespaces=ATOM)).scheme
    assert endonym(lang) in root.findtext("a:title", namespaces=ATOM)
    (self_link,) = root.findall("a:link[@rel='self']", ATOM)
    assert self_link.get("href") == f"{site_url(built_project)}{lang}/feed.xml"
    entries = root.findall("a:entry", ATOM)
    assert root.findall("a:author/a:name", ATOM) or all(
        entry.find("a:author", ATOM) is not None for entry in entries
    )
    slugs = published(project, lang)
    assert slugs and len(entries) == len(slugs)
    # The date make_environment gives every build of the tests (tests/project.py), whatever this
    # process's own SOURCE_DATE_EPOCH (`make test` exports the last commit's).
    built = datetime.fromtimestamp(int(make_environment()["SOURCE_DATE_EPOCH"]), tz=UTC)
    for slug, entry in zip(slugs, entries, strict=True):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"a:{name}", ATOM)) == 1, name
        markdown = built_project / "outputs" / ".build" / lang / f"{slug}.md"
        meta = parse_document(markdown.read_text(encoding="utf-8"), markdown.name).meta
        assert entry.findtext("a:title", namespaces=ATOM) == plain_text(str(meta["title"]))
        assert entry.findtext("a:summary", namespaces=ATOM) == plain_text(str(meta["lead"]))
        assert [name.text for name in entry.findall("a:author/a:name", ATOM)] == meta["interviewers"]
        assert entry.get(XML_LANG) == language_tag(lang)
        # No date in the front matter: the build's SOURCE_DATE_EPOCH, never the clock.
        assert "date" not in meta and rfc3339(entry.findtext("a:updated", namespaces=ATOM)) == built
        (link,) = entry.findall("a:link[@rel='alternate']", ATOM)
        page = site_file(built_project, str(link.get("href")))
        assert page == built_project / "outputs" / "site" / lang / f"{slug}.html"
        assert link.get("hreflang") == html_lang(page) == language_tag(lang)
    assert rfc3339(root.findtext("a:updated", namespaces=ATOM)) == max(
        rfc3339(entry.findtext("a:updated", namespaces=ATOM)) for entry in entries
    )
    ids = [entry.findtext("a:id", namespaces=ATOM) for entry in root.iter(f"{{{ATOM_NAMESPACE}}}entry")]
    assert len(set(ids)) == len(ids)


def test_the_front_page_links_each_languages_feed(built_project: Path) -> None:
    site = built_project / "outputs" / "site"
    links = [
        tag.attributes
        for tag in start_tags((site / "index.html").read_text(encoding="utf-8"), {"link"})
        if tag.attributes.get("type") == "application/atom+xml"
    ]
    assert [(link["rel"], link["hreflang"], link["href"]) for link in links] == [
        ("alternate", language_tag(lang), f"{lang}/feed.xml") for lang in LANGS
    ]
    assert all((site / str(link["href"])).is_file() and link["title"] for link in links)


@pytest.mark.parametrize("lang", LANGS)
def test_each_article_page_links_the_feed_of_its_language(built_project: Path, lang: str) -> None:
    page = built_project / "outputs" / "site" / lang / f"{SLUG}.html"
    (link,) = [
        tag.attributes
        for tag in start_tags(page.read_text(encoding="utf-8"), {"link"})
        if tag.attributes.get("type") == "application/atom+xml"
    ]
    feed = page.parent / str(link["href"])
    assert link["rel"] == "alternate" and feed.is_file()
    root = parse_xml(feed)
    assert root.get(XML_LANG) == html_lang(page)
    assert link["title"] == root.findtext("a:title", namespaces=ATOM)


def test_the_sitemap_lists_every_page_with_reciprocal_alternates_in_the_pages_languages(
    built_project: Path,
) -> None:
    site = built_project / "outputs" / "site"
    root = parse_xml(site / "sitemap.xml")
    schema = sitemap_schema()
    assert schema.validate(root), [str(error) for error in schema.error_log]
    urls = {
        str(url.findtext("s:loc", namespaces=SITEMAP)): [
            (str(link.get("hreflang")), str(link.get("href"))) for link in url.findall("x:link", SITEMAP)
        ]
        for url in root.findall("s:url", SITEMAP)
    }
    assert len(urls) == len(root.findall("s:url", SITEMAP))  # each page once
    assert sorted(site_file(built_project, url) for url in urls) == sorted(site.rglob("*.html"))
    for url, alternates in urls.items():
        page = site_file(built_project, url)
        for hreflang, href in alternates:
            other = site_file(built_project, href)
            assert other.is_file(), href
            if hreflang == "x-default":
                assert other == site / "index.html"  # the language chooser, see docs
                continue
            assert hreflang == html_lang(other), href
            # Reciprocal: the other version names this one, by this page's own language.
            assert (html_lang(page), url) in urls[href], (url, href)
        if alternates:
            assert (html_lang(page), url) in alternates  # a page lists itself among its versions


def test_every_address_in_the_feeds_and_the_sitemap_is_a_file_of_the_site(built_project: Path) -> None:
    site = built_project / "outputs" / "site"
    addresses = [
        str(element.get("href") if element.get("href") is not None else element.text)
        for path in [site / "sitemap.xml", *site.glob("*/feed.xml")]
        for element in parse_xml(path).iter()
        if element.tag
        in (f"{{{ATOM_NAMESPACE}}}link", f"{{{SITEMAP_NAMESPACE}}}loc", f"{{{XHTML_NAMESPACE}}}link")
    ]
    assert len(addresses) > 2 * len(LANGS)
    assert [url for url in addresses if not site_file(built_project, url).is_file()] == []


def test_robots_txt_points_at_the_sitemap(built_project: Path) -> None:
    robots = (built_project / "outputs" / "site" / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url(built_project)}sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots


def test_a_site_of_two_languages_has_their_feeds_only_and_a_sitemap_of_their_pages(
    project_copy: Path,
) -> None:
    project = Project(project_copy)
    build(project, ["fr", "de"], ["html"], draft=False)
    build_site(project)
    site = project_copy / "outputs" / "site"
    assert sorted(path.parent.name for path in site.glob("*/feed.xml")) == ["de", "fr"]
    root = parse_xml(site / "sitemap.xml")
    assert sorted(
        site_file(project_copy, str(loc.text)) for loc in root.iter(f"{{{SITEMAP_NAMESPACE}}}loc")
    ) == [
        site / "de" / f"{COLLECTION}.html",  # the collection's page, whose one article both publish
        site / "de" / f"{SLUG}.html",
        site / "fr" / f"{COLLECTION}.html",
        site / "fr" / f"{SLUG}.html",
        site / "index.html",
    ]
    hreflangs = {str(link.get("hreflang")) for link in root.iter(f"{{{XHTML_NAMESPACE}}}link")}
    assert hreflangs == {"fr", "de", "x-default"}  # no alternate to a language the site lacks
    assert 'hreflang="pl"' not in (site / "index.html").read_text(encoding="utf-8")
    # A German error a release refuses: the page built before it is still there, the feed leaves it out.
    path = project.catalog_path("de", SLUG)
    catalog = read_catalog(path, "de")
    catalog["Le parcours de Simon Letonturier"].string = "Der Werdegang von <b>Simon</b>"
    write_catalog(path, catalog)
    build_site(project)
    assert (site / "de" / f"{SLUG}.html").is_file() and not (site / "de" / "feed.xml").exists()
    assert (site / "fr" / "feed.xml").is_file()
    assert not (site / "de" / f"{COLLECTION}.html").exists()  # nor does the site offer its collection


def test_a_draft_site_is_shut_to_crawlers(project_copy: Path) -> None:
    project = Project(project_copy)
    build(project, ["fr"], ["html"], draft=True)
    build_site(project, draft=True)
    site = project_copy / "outputs" / "draft" / "site"
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    assert (site / "fr" / "feed.xml").is_file()


def test_any_page_the_site_keeps_enters_the_sitemap_as_it_declares_itself(tmp_path: Path) -> None:
    # A kind of page the site builder does not know (a collection): no line of the sitemap's code names it.
    site, url = tmp_path / "site", "https://jumelage.example.org/"
    pages = {
        site / "index.html": f'<html lang="fr"><link rel="canonical" href="{url}">',
        **{
            site / lang / "collections" / "villes.html": f'<html lang="{lang}">'
            + "".join(
                f'<link rel="alternate" hreflang="{other}" href="{url}{other}/collections/villes.html">'
                for other in ("fr", "de")
            )
            for lang in ("fr", "de")
        },
    }
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    written = write_sitemap(site, {*pages, site / "assets" / "x.css"}, url, draft=False)
    assert written == [site / "sitemap.xml", site / "robots.txt"]
    root = parse_xml(site / "sitemap.xml")
    assert [loc.text for loc in root.iter(f"{{{SITEMAP_NAMESPACE}}}loc")] == [
        url,
        f"{url}de/collections/villes.html",
        f"{url}fr/collections/villes.html",
    ]
    assert len(list(root.iter(f"{{{XHTML_NAMESPACE}}}link"))) == 4


def links(page: Path, tag: str = "a") -> list[dict[str, str]]:
    return [
        {name: str(value) for name, value in found.attributes.items()}
        for found in start_tags(page.read_text(encoding="utf-8"), {tag})
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_the_collections_page_its_contents_and_downloads_all_in_the_site(
    built_project: Path, lang: str
) -> None:
    project = Project(built_project)
    site = built_project / "outputs" / "site"
    page = site / lang / f"{COLLECTION}.html"
    assert html_lang(page) == language_tag(lang)
    hrefs = [link["href"] for link in links(page) if "href" in link]
    # The contents lead to each article's page in the same language, and every link is a file of the site.
    assert f"{SLUG}.html" in hrefs and f"{COLLECTION}.epub" in hrefs
    for href in hrefs:
        assert (page.parent / href).resolve().is_file(), href
    brochures = sorted(href for href in hrefs if href.startswith("../editions/"))
    expected = [edition.key for edition in load_editions_config(project).editions if edition.lang == lang]
    assert brochures == sorted(f"../editions/{key}/{COLLECTION}-{key}.pdf" for key in expected)
    # The front page lists it in its language's section, after the articles.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index(f'href="{lang}/{SLUG}.html"') < index.index(f'href="{lang}/{COLLECTION}.html"')


def test_a_collection_has_no_page_where_one_of_its_articles_is_not_published(project_copy: Path) -> None:
    project = Project(project_copy)
    path = project.catalog_path("de", SLUG)
    catalog = read_catalog(path, "de")
    catalog["Le parcours de Simon Letonturier"].string = ""  # untranslated: the release refuses it
    write_catalog(path, catalog)
    done = build(project, ["fr", "de"], ["html", "epub"], draft=False)
    assert {refusal.job.describe() for refusal in done.refused} == {f"de: {SLUG}", f"de: {COLLECTION}"}
    build_site(project)
    site = project_copy / "outputs" / "site"
    assert (site / "fr" / f"{COLLECTION}.html").is_file() and (site / "fr" / f"{COLLECTION}.epub").is_file()
    assert (
        not (site / "de" / f"{COLLECTION}.html").exists()
        and not (site / "de" / f"{COLLECTION}.epub").exists()
    )
    french = (site / "fr" / f"{COLLECTION}.html").read_text(encoding="utf-8")
    assert f"de/{COLLECTION}.html" not in french  # no language link to a page the site does not hold
    assert f'href="de/{COLLECTION}.html"' not in (site / "index.html").read_text(encoding="utf-8")
