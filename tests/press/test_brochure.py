"""pipeline.press.brochure: one edition's page from a tiny document (pandoc, the real template)."""

from __future__ import annotations

import base64
import re
import urllib.parse
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline.press.brochure import (
    ONE_COLUMN_CITIES,
    STYLESHEETS,
    BrochureInputs,
    page_css,
    qr_data_uri,
    render_brochure,
)
from pipeline.press.editions import PAPERS, Edition, Publisher, Value, parse_value
from pipeline.press.map import parse_topology
from pipeline.press.plan import measure_pages
from pipeline.render.palette import Palette
from pipeline.render.ui import Interface

from ..project import ROOT

PALETTE = Palette(ink="#010203", muted="#040506", accent="#070809", tint="#0a0b0c", rule="#0d0e0f")
ERLANGEN = Edition("erlangen", "Erlangen", "DE", "de-DE", 1964, PAPERS["A5"])
ADDRESS = "https://jumelage.example.org/de/tiny.html"
WORLD = parse_topology((ROOT / "assets" / "maps" / "countries-50m.json").read_text(encoding="utf-8"), "world")
PUBLISHER = Publisher(
    name=Value("Rennes Métropole"),
    department=Value("Service international"),
    address=parse_value("TO CONFIRM: postal address"),
    email=Value("test@test.invalid"),
    printer=Value("Test Printer"),
)


def brochure(interface: Interface) -> str:
    return render_brochure(
        BrochureInputs(
            meta={"title": "Ein *kleiner* Titel", "interviewee": "Anna Beispiel", "lang": "de-DE"},
            body="Erster Absatz.\n",
            interface=interface,
            edition=ERLANGEN,
            web_address=ADDRESS,
            template=ROOT / "templates" / "brochure.html",
            date=datetime(2026, 11, 26, tzinfo=UTC),
            palette=PALETTE,
            display="tiny-erlangen.pdf",
            topology=WORLD,
            publisher=PUBLISHER,
            web_address_confirmed=False,
        )
    )


@pytest.fixture(scope="module")
def page() -> str:
    return brochure(Interface("de", {"Page {number}": "Seite {number}"}))


def test_the_cover_carries_the_title_and_credits_the_interviewee_as_such(page: str) -> None:
    # The interviewee's name alone read as an author credit: the byline now says what it is.
    assert '<p class="kicker">Interview</p>' in page
    assert '<h1 class="title">Ein <em>kleiner</em> Titel</h1>' in page
    assert '<p class="byline interviewee">An interview with Anna Beispiel</p>' in page
    assert '<html lang="de-DE"' in page


def test_the_cover_names_the_edition_s_city_and_its_country_in_its_language(page: str) -> None:
    assert '<span class="partner-city">Erlangen</span> · Deutschland' in page
    assert "1964" in page


def test_the_colophon_s_qr_code_is_an_svg_data_uri_of_the_web_address_in_ink(page: str) -> None:
    source = re.search(r'<img class="qr" src="([^"]+)"', page)
    assert source is not None
    assert source[1] == qr_data_uri(ADDRESS, PALETTE.ink)
    assert source[1].startswith("data:image/svg+xml")
    svg = source[1].partition(",")[2]
    decoded = base64.b64decode(svg).decode() if ";base64" in source[1] else urllib.parse.unquote(svg)
    assert PALETTE.ink in decoded


def test_the_page_css_sets_the_edition_s_paper_and_folios_in_the_palette(page: str) -> None:
    assert "@page { size: 148mm 210mm; }" in page
    # Bare folios on the outer edge (issue 12): the left page's at its left, the right page's at its right.
    assert (
        "@page body:left { @bottom-left { content: counter(page); "
        "font: 7.5pt Inter, 'Noto Sans CJK JP', sans-serif; color: #040506 }" in page
    )
    assert "@page body:right { @bottom-right { content: counter(page);" in page
    assert "Seite" not in page.partition("</style>")[0]


def test_half_letter_paper_sets_its_own_size() -> None:
    rochester = Edition("rochester", "Rochester, NY", "US", "en-US", 1958, PAPERS["half-letter"])
    assert page_css(rochester, Interface("en"), PALETTE).startswith("@page { size: 139.7mm 215.9mm; }")


def tiny_inputs(**changes: Any) -> BrochureInputs:
    """A one-paragraph German page of Erlangen's edition, with ``changes``."""
    inputs = BrochureInputs(
        meta={"title": "Titel", "lang": "de-DE"},
        body="Erster Absatz.\n",
        interface=Interface("de", {"since {year}": "seit {year}"}),
        edition=ERLANGEN,
        web_address=ADDRESS,
        template=ROOT / "templates" / "brochure.html",
        date=None,
        palette=PALETTE,
        display="tiny.pdf",
        topology=WORLD,
        publisher=PUBLISHER,
    )
    return replace(inputs, **changes)


def test_a_report_without_subtitle_lead_or_author_leaves_no_empty_element() -> None:
    page = render_brochure(
        tiny_inputs(
            meta={"title": "Ein Bericht", "kind": "report", "lang": "de-DE"},
            body="Text.\n",
            interface=Interface("de"),
        )
    )
    assert '<p class="kicker">Report</p>' in page
    assert re.findall(r"<(p|div|h1|meta)\b[^>]*>\s*</\1>", page) == []
    assert 'class="subtitle"' not in page and 'class="byline' not in page and 'name="author"' not in page


def test_the_cover_shows_the_map_of_france_and_the_partner_country(page: str) -> None:
    (source,) = re.findall(r'<img class="cover-map" src="([^"]+)" alt="([^"]+)"', page)
    svg = urllib.parse.unquote(source[0].split(",", 1)[1])
    assert source[1] == "Map: Frankreich und Deutschland"  # the words of a catalog with only "Page"
    highlighted = svg.split(f'<g fill="{PALETTE.tint}">')[1]
    assert sorted(re.findall(r'data-territory="(\w+)"', highlighted)) == ["DE", "FR"]


def test_the_back_cover_prints_the_publisher_and_marks_each_placeholder(page: str) -> None:
    back = page[page.index('<footer class="colophon back-cover">') :]
    assert "Rennes Métropole" in back and "Service international" in back
    assert "test@test.invalid" in back and "Printed by Test Printer" in back
    pending = re.findall(r'class="to-confirm">([^<]+)<', back)
    assert pending == ["[to confirm: web address]", "[to confirm: postal address]"]


BRNO = Edition("brno", "Brno", "CZ", "cs-CZ", 1965, PAPERS["A5"])
OTHERS = (
    ("fr", "https://jumelage.example.org/fr/tiny.html"),
    ("cs", "https://jumelage.example.org/cs/tiny.html"),
)


@pytest.fixture(scope="module")
def fillers() -> str:
    """A page with both filler pages: the article in two other languages, and two twin cities."""
    inputs = BrochureInputs(
        meta={"title": "Titel", "lang": "de-DE"},
        body="Erster Absatz.\n",
        interface=Interface("de", {"since {year}": "seit {year}"}),
        edition=ERLANGEN,
        web_address=ADDRESS,
        template=ROOT / "templates" / "brochure.html",
        date=None,
        palette=PALETTE,
        display="tiny-erlangen.pdf",
        topology=WORLD,
        publisher=PUBLISHER,
        twins=(BRNO, ERLANGEN),
        other_languages=OTHERS,
    )
    return render_brochure(inputs)


def test_the_languages_page_names_each_language_in_itself_with_a_qr_code_to_its_page(fillers: str) -> None:
    section = fillers[
        fillers.index('class="filler filler-languages"') : fillers.index(
            "</section>", fillers.index("filler-languages")
        )
    ]
    assert re.findall(r'<span class="language-name" lang="(\w+)">([^<]+)</span>', section) == [
        ("fr", "Français"),
        ("cs", "Čeština"),
    ]
    codes = re.findall(r'<img class="qr" src="([^"]+)" alt="([^"]+)"', section)
    assert [source for source, _ in codes] == [qr_data_uri(address, PALETTE.ink) for _, address in OTHERS]
    assert [alt for _, alt in codes] == [
        "QR code linking to the article in Französisch",
        "QR code linking to the article in Tschechisch",
    ]


def test_the_twin_cities_page_lists_each_city_by_year_and_marks_the_edition_s_own(fillers: str) -> None:
    section = fillers[fillers.index('class="filler filler-twins"') :]
    item = (
        r'<li( class="current")?><span class="twin-city">([^<]+)</span>\s*'
        r'<span class="twin-country">([^<]+)</span>\s*<span class="twin-since">([^<]+)</span>'
    )
    cities = re.findall(item, section)
    assert cities == [
        (' class="current"', "Erlangen", "Deutschland", "seit 1964"),
        ("", "Brno", "Tschechien", "seit 1965"),
    ]


def test_a_page_without_other_languages_or_twins_has_no_filler_page(page: str) -> None:
    assert "filler" not in page


def twins_page(count: int) -> str:
    """A page whose twin-cities filler lists ``count`` cities."""
    twins = tuple(
        Edition(f"city{index}", f"Stadt {index}", "DE", "de-DE", 1950 + index, PAPERS["A5"])
        for index in range(count)
    )
    return render_brochure(tiny_inputs(edition=twins[0], twins=twins))


@pytest.mark.parametrize(("count", "in_columns"), [(ONE_COLUMN_CITIES, False), (ONE_COLUMN_CITIES + 1, True)])
def test_more_twin_cities_than_a_column_holds_go_in_two_columns(count: int, in_columns: bool) -> None:
    page = twins_page(count)
    assert ('<ol class="twin-cities in-columns">' in page) is in_columns
    assert page.count('<span class="twin-city">') == count


@pytest.mark.parametrize("count", [ONE_COLUMN_CITIES, 2 * ONE_COLUMN_CITIES])
def test_the_twin_cities_page_holds_twelve_cities_on_one_page(count: int) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = [CSS(filename=str(ROOT / "assets" / "css" / name), font_config=fonts) for name in STYLESHEETS]
    document = HTML(string=twins_page(count), base_url=str(ROOT / "assets" / "css")).render(
        stylesheets=css, font_config=fonts
    )
    assert [page.filler for page in measure_pages(document) if page.role == "filler"] == ["twins"]
