"""pipeline.render.collection: a collection's web page, its contents and downloads, text kept as text."""

from __future__ import annotations

from html.parser import HTMLParser

from pipeline.render.collection import CollectionEntry, CollectionPage, render_collection_page
from pipeline.render.html import Download, LanguageLink
from pipeline.render.ui import Interface

from ..project import ROOT


def page(**changes: object) -> CollectionPage:
    values: dict[str, object] = {
        "meta": {
            "title": "Rennes Métropole und ihre internationale Arbeit",
            "subtitle": "Ein Dossier",
            "lang": "de",
        },
        "introduction": "Dieses Dossier vereint *zwei* Artikel.\n",
        "interface": Interface(
            "de", {"Collection": "Dossier", "Contents": "Inhalt", "Download": "Herunterladen"}
        ),
        "entries": (
            CollectionEntry("Interview", "Ein <b>Interview</b>", "Ein Vorspann.", "ein-interview.html"),
            CollectionEntry("Kurzmeldung", "Eine Meldung", "", "eine-meldung.html"),
        ),
        "downloads": (
            Download("E-Book (EPUB)", "dossier.epub"),
            Download("Gedruckte Broschüre: Erlangen", "../editions/erlangen/dossier-erlangen.pdf", "de-DE"),
        ),
        "languages": (
            LanguageLink(
                "fr", "Français", "../fr/dossier.html", "https://example.org/fr/dossier.html", False
            ),
            LanguageLink("de", "Deutsch", "dossier.html", "https://example.org/de/dossier.html", True),
        ),
        "stylesheets": ("../assets/css/fonts.css", "../assets/css/jumelage.css"),
        "canonical": "https://example.org/de/dossier.html",
        "index_href": "../index.html",
        "index_url": "https://example.org/",
        "template": ROOT / "templates" / "collection-page.html",
        "display": "outputs/site/de/dossier.html",
    }
    values.update(changes)
    return CollectionPage(**values)  # type: ignore[arg-type]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "link"):
            self.links.append({"tag": tag, **dict(attrs)})


def test_the_page_lists_its_articles_in_order_and_offers_its_downloads() -> None:
    html = render_collection_page(page())
    parser = Links()
    parser.feed(html)
    hrefs = [link["href"] for link in parser.links if link["tag"] == "a"]
    assert hrefs[hrefs.index("ein-interview.html") :] == [
        "ein-interview.html",
        "eine-meldung.html",
        "dossier.epub",
        "../editions/erlangen/dossier-erlangen.pdf",
    ]
    alternates = {link["hreflang"]: link["href"] for link in parser.links if link.get("rel") == "alternate"}
    assert alternates == {
        "fr": "https://example.org/fr/dossier.html",
        "de": "https://example.org/de/dossier.html",
        "x-default": "https://example.org/",
    }
    assert '<html lang="de" xml:lang="de">' in html and "<em>zwei</em>" in html
    assert 'type="application/epub+zip"' in html and 'hreflang="de-DE"' in html
    assert '<p class="kicker">Dossier</p>' in html and '<h2 id="collection-contents">Inhalt</h2>' in html


def test_a_title_from_a_catalog_is_text_never_markup() -> None:
    html = render_collection_page(page())
    assert "Ein &lt;b&gt;Interview&lt;/b&gt;" in html and "<b>" not in html


def test_a_draft_says_so() -> None:
    html = render_collection_page(page(draft=True))
    assert 'class="collection-page draft"' in html and 'class="draft-banner"' in html
