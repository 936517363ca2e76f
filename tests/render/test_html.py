"""pipeline.render.html: a translated article → its HTML page, on a tiny inline document."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.render import html
from pipeline.render.article import ArticleInputs
from pipeline.render.html import STYLESHEETS, HtmlInputs, LanguageLink, PageLinks, og_locale, render_html
from pipeline.render.ui import Interface

from ..project import ROOT

META = {"lang": "de", "title": "Ein *kleiner* Titel", "author": "A", "interviewers": ["B", "C"]}
BODY = "## Erste Frage\n\nEin Absatz.\n"


def page(meta: dict[str, object] = META, date: datetime | None = None) -> str:
    links = PageLinks(
        stylesheets=tuple(f"../assets/css/{name}" for name in STYLESHEETS),
        languages=(
            LanguageLink("fr", "Français", "../fr/a.html", "https://example.org/fr/a.html", False),
            LanguageLink("de", "Deutsch", "../de/a.html", "https://example.org/de/a.html", True),
        ),
        pdf="a.pdf",
        epub="a.epub",
        canonical="https://example.org/de/a.html",
        feed="feed.xml",
        feed_title="Rennes Métropole (Deutsch)",
    )
    article = ArticleInputs(meta, BODY, Interface("de"), date, "outputs/de/a.html")
    return render_html(HtmlInputs(article, links, ROOT / "templates" / "article.html"))


@pytest.fixture(scope="module")
def german_page() -> str:
    return page(date=datetime(2026, 11, 25, tzinfo=UTC))


def test_the_page_is_in_the_language_of_its_article(german_page: str) -> None:
    assert '<html lang="de" xml:lang="de">' in german_page
    assert "<title>Ein kleiner Titel</title>" in german_page  # the title as plain text
    assert "25. November 2026" in german_page  # the edition's date, formatted by CLDR


def test_the_page_links_its_stylesheets_in_order(german_page: str) -> None:
    links = [f'<link rel="stylesheet" href="../assets/css/{name}">' for name in STYLESHEETS]
    positions = [german_page.index(link) for link in links]
    assert positions == sorted(positions)
    assert STYLESHEETS == ("fonts.css", "jumelage.css")


def test_the_other_languages_are_links_and_the_current_one_is_not(german_page: str) -> None:
    assert '<a href="../fr/a.html" hreflang="fr" lang="fr">Français</a>' in german_page
    assert '<span aria-current="page" lang="de">Deutsch</span>' in german_page
    assert '<link rel="alternate" hreflang="fr" href="https://example.org/fr/a.html">' in german_page


def test_the_page_links_its_languages_feed_in_its_head(german_page: str) -> None:
    head = german_page[: german_page.index("</head>")]
    feed = 'type="application/atom+xml" title="Rennes Métropole (Deutsch)" href="feed.xml">'
    assert f'<link rel="alternate" {feed}' in head


def test_the_body_and_the_byline_are_rendered(german_page: str) -> None:
    assert "Erste Frage</h2>" in german_page
    assert "<p>Ein Absatz.</p>" in german_page
    assert "B und C" in german_page  # the interviewers, listed the German way


def test_a_draft_page_marks_its_title() -> None:
    draft_mark = Interface("de").text("draft_mark")
    assert f"<title>{draft_mark} · Ein kleiner Titel</title>" in page({**META, "draft": True})


def test_open_graph_locales_get_their_likely_territory() -> None:
    assert og_locale("de") == "de_DE"
    assert og_locale("cs") == "cs_CZ"
    assert og_locale("en-GB") == "en_GB"


def test_the_english_page_is_british_english_in_its_date_and_its_lang() -> None:
    english = ArticleInputs(
        {"lang": "en", "title": "A title"},
        BODY,
        Interface("en"),
        datetime(2026, 11, 25, tzinfo=UTC),
        "outputs/en/a.html",
    )
    links = PageLinks(
        stylesheets=(),
        languages=(LanguageLink("en-GB", "English", "../en/a.html", "https://example.org/en/a.html", True),),
        pdf="a.pdf",
        epub="a.epub",
    )
    html = render_html(HtmlInputs(english, links, ROOT / "templates" / "article.html"))
    assert '<html lang="en-GB" xml:lang="en-GB">' in html
    assert "25 November 2026" in html.replace("\u00a0", " ") and "November 25" not in html
    assert 'property="og:locale" content="en_GB"' in html


def test_open_graph_says_british_english_for_the_english_catalogs() -> None:
    assert og_locale("en") == "en_GB"
    assert og_locale("en-US") == "en_US"


def test_raw_html_in_the_article_is_shown_as_text() -> None:
    article = ArticleInputs(
        {**META, "lead": "Un <b>chapeau</b>"},
        'Avant <script>alert(1)</script> <img src=x onerror=alert(1)> après.\n\n<iframe src="x"></iframe>\n',
        Interface("de"),
        None,
        "outputs/de/a.html",
    )
    links = PageLinks(stylesheets=(), languages=(), pdf="a.pdf", epub="a.epub")
    text = render_html(HtmlInputs(article, links, ROOT / "templates" / "article.html"))
    assert not any(tag in text for tag in ("<script", "<iframe", "<b>", "<img"))
    assert "Avant &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; après." in text
    assert '<p>&lt;iframe src="x"&gt;&lt;/iframe&gt;</p>' in text
    assert '<div class="lead">Un &lt;b&gt;chapeau&lt;/b&gt;</div>' in text


def test_what_gets_past_pandoc_is_taken_out_by_the_allow_list_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def leaky_pandoc(*arguments: object) -> bytes:
        head = b"<html><head><style>p {}</style></head>"
        return head + b'<body><p onclick="x()">a</p><script>b()</script></body></html>'

    monkeypatch.setattr(html, "run_pandoc", leaky_pandoc)
    assert page() == "<html><head><style>p {}</style></head><body><p>a</p></body></html>"
    assert [record.getMessage() for record in caplog.records] == [
        'outputs/de/a.html: the HTML allow-list removed <p onclick="x()">, <script>'
    ]
