"""Translated document + edition → the brochure's HTML page (pandoc, brochure template).

The page holds a cover (title, bylines, a map of France and the partner
country drawn from data by :mod:`pipeline.press.map`, Rennes Métropole, the
partner city, its country named by CLDR, the year of twinning), the article
with a running head, the filler pages :mod:`pipeline.press.plan` may keep (the
article in the other languages, each named in itself by CLDR with a QR code
to its web page; Rennes' twin cities, their countries named by CLDR and their
years of twinning, all from ``editions.yml``), and a back cover: the colophon
(publisher, interviewers, "translated from" by CLDR, edition date by Babel,
the web edition's address and a QR code to it) above the publishing service's
block from ``source/editions.yml``, where a value still to confirm is printed
as a visible placeholder. :mod:`pipeline.press.pdf` turns it into the three
PDFs of an edition. Its colours (the map, the QR code's ink, the folios' grey)
come from the palette.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import segno

from pipeline.press.editions import Edition, Publisher, Value
from pipeline.press.map import HOME_TERRITORY, MapStyle, Topology, render_map
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, folio_content, markdown_words
from pipeline.render.palette import Palette
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface, endonym

#: The brochure's stylesheets, in ``assets/css/``, in the order they apply.
STYLESHEETS = ("fonts.css", "brochure.css")


@dataclass(frozen=True)
class BrochureInputs:
    """Everything one edition's brochure page is made of."""

    meta: Mapping[str, Any]
    """The translated front matter, with the edition's ``lang``."""
    body: str
    """The translated article (Markdown)."""
    interface: Interface
    edition: Edition
    web_address: str
    """The web edition's address, printed in the colophon and coded in the QR code."""
    template: Path
    """pandoc's brochure template."""
    date: datetime | None
    """The edition's date (``SOURCE_DATE_EPOCH``), or none to print no date."""
    palette: Palette
    display: str
    """The output's name in error messages."""
    topology: Topology
    """The countries the cover's map is drawn from."""
    publisher: Publisher
    """The publishing service's block, printed on the back cover."""
    images: Mapping[str, bytes] = field(default_factory=dict)
    """The bytes of each image the body names, by its name as written (``images/x.png``)."""
    web_address_confirmed: bool = True
    """False while the site's address is a placeholder: it is printed marked as one."""
    twins: tuple[Edition, ...] = ()
    """Every partner city's edition: Rennes' twin cities, for their filler page."""
    other_languages: tuple[tuple[str, str], ...] = ()
    """The article's other languages and their web pages' addresses, for their filler page."""


#: The cover map's height; its width is the cover's measure (the page less its side margins).
MAP_HEIGHT_MM = 60
COVER_SIDE_MARGINS_MM = 32


def qr_data_uri(url: str, ink: str) -> str:
    """A QR code of ``url`` in ``ink`` as an SVG data URI (vector, so it prints sharp)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark=ink))


def map_data_uri(svg: str) -> str:
    """An SVG as a compact, percent-encoded data URI (pandoc passes it on the command line)."""
    return "data:image/svg+xml;charset=utf-8," + quote(svg, safe="/:=,;.-'")


def cover_map(inputs: BrochureInputs) -> str:
    """The cover's map of France and the partner country, as SVG, in the palette's colours."""
    palette, edition = inputs.palette, inputs.edition
    style = MapStyle(
        width_mm=round(edition.paper.width_mm - COVER_SIDE_MARGINS_MM, 1),
        height_mm=MAP_HEIGHT_MM,
        land=palette.tint,
        land_opacity=0.22,
        highlight=palette.tint,
        border=palette.accent,
        # The sea a shade darker than the cover's red: the map is a panel on the
        # measure, its crop deliberate, rather than land cut off in mid-air.
        sea=palette.ink,
        sea_opacity=0.16,
    )
    territories = map_territories(edition)
    return render_map(inputs.topology, territories, style, map_label(inputs.interface, territories))


def map_territories(edition: Edition) -> list[str]:
    """France, and the partner's country (once, should a partner city be French)."""
    return list(dict.fromkeys((HOME_TERRITORY, edition.territory)))


def map_label(interface: Interface, territories: list[str]) -> str:
    """ "Karte: Frankreich und Deutschland": the map's title and alternative text."""
    names = [str(interface.locale.territories.get(code, code)) for code in territories]
    return interface.text("map_alt", countries=interface.format_list(names))


#: The publisher's fields that may be placeholders → the ``ui`` word naming them.
PLACEHOLDER_WORDS = {"address": "field_address", "email": "field_email", "printer": "field_printer"}


def printed_value(value: Value, word: str, interface: Interface) -> dict[str, Any]:
    """A value as the template prints it: its text, or ``[to confirm: …]`` flagged ``pending``."""
    if value.confirmed:
        return {"text": value.text}
    return {"text": interface.text("to_confirm", what=interface.text(word)), "pending": True}


def back_cover_meta(inputs: BrochureInputs) -> dict[str, Any]:
    """The back cover's publisher block and web address, placeholders marked."""
    interface, publisher = inputs.interface, inputs.publisher
    meta: dict[str, Any] = {
        "publisher-name": publisher.name.text,
        "publisher-department": publisher.department.text,
        "map-credit": interface.text("map_credit"),
    }
    for name, word in PLACEHOLDER_WORDS.items():
        meta[f"publisher-{name}"] = printed_value(getattr(publisher, name), word, interface)
    if publisher.printer.confirmed:
        meta["publisher-printer"]["text"] = interface.text("printed_by", printer=publisher.printer.text)
    if not inputs.web_address_confirmed:
        meta["web-address-pending"] = interface.text("to_confirm", what=interface.text("field_site_url"))
    return meta


def page_css(edition: Edition, interface: Interface, palette: Palette) -> str:
    """The edition's paper and outer folios in its language."""
    folio = folio_content(interface)
    style = f"font: 7.5pt Inter, 'Noto Sans CJK JP', sans-serif; color: {palette.muted}"
    css = (
        f"@page {{ size: {edition.paper.css_size}; }}"
        f"@page body:left {{ @bottom-left {{ content: {folio}; {style} }} }}"
        f"@page body:right {{ @bottom-right {{ content: {folio}; {style} }} }}"
    )
    return css


#: The most twin cities their page sets in one column; more go in two, a page holding twelve.
ONE_COLUMN_CITIES = 6


def twin_cities(twins: tuple[Edition, ...], current: Edition, interface: Interface) -> list[dict[str, Any]]:
    """Rennes' twin cities, oldest twinning first, each country named in ``current``'s language."""
    return [
        {
            "city": twin.city,
            "country": str(current.locale.territories.get(twin.territory, twin.territory)),
            "since": interface.text("since_year", year=twinning_year(twin, interface)),
            "current": twin.key == current.key,
        }
        # A year still to confirm goes last.
        for twin in sorted(twins, key=lambda twin: (twin.twinned is None, twin.twinned or 0, twin.city))
    ]


def twinning_year(edition: Edition, interface: Interface) -> str:
    """The year of twinning, or ``[to confirm: year of twinning]`` while it is a placeholder."""
    if edition.twinned is None:
        return interface.text("to_confirm", what=interface.text("field_twinned"))
    return str(edition.twinned)


def language_links(
    languages: tuple[tuple[str, str], ...], interface: Interface, ink: str
) -> list[dict[str, str]]:
    """Each other language: its name in itself, its web page's address and a QR code to it."""
    return [
        {
            "lang": code,
            "name": endonym(code),
            "address": address,
            "qr": qr_data_uri(address, ink),
            "alt": interface.text("qr_alt_language", language=interface.language_name(code)),
        }
        for code, address in languages
    ]


def render_brochure(inputs: BrochureInputs) -> str:
    """Render one edition's brochure page."""
    body = embed_figures(inputs.body, inputs.images, inputs.display)
    return run_pandoc(brochure_meta(inputs), body, brochure_arguments(inputs), inputs.display).decode("utf-8")


def brochure_meta(inputs: BrochureInputs) -> dict[str, Any]:
    """What the brochure's template prints besides the body: the article's words, the edition's
    cover, back cover and filler pages (a collection's brochure prints the same too)."""
    interface, edition = inputs.interface, inputs.edition
    words = markdown_words(edition_metadata(inputs.meta, interface, inputs.date))
    page_meta: dict[str, Any] = {**inputs.meta, **words}
    page_meta.update(
        {
            "edition-language": edition.language,
            "edition-city": edition.city,
            "edition-country": edition.country(),
            "edition-twinned": interface.text("twinned_since", year=twinning_year(edition, interface)),
            "web-address-text": interface.text("read_online", url=inputs.web_address),
            "qr-alt": interface.text("qr_alt"),
            "map-alt": map_label(interface, map_territories(edition)),
            **back_cover_meta(inputs),
            "twin-cities": twin_cities(inputs.twins, edition, interface),
            "twin-cities-in-columns": len(inputs.twins) > ONE_COLUMN_CITIES,
            "other-languages": language_links(inputs.other_languages, interface, inputs.palette.ink),
        }
    )
    return page_meta


def brochure_arguments(inputs: BrochureInputs) -> tuple[str, ...]:
    """pandoc's arguments for the brochure's page: its template, page style, QR code and map."""
    return (
        "-t",
        "html5",
        f"--template={inputs.template}",
        "--wrap=none",
        f"--variable=page-css:{page_css(inputs.edition, inputs.interface, inputs.palette)}",
        f"--variable=qr-src:{qr_data_uri(inputs.web_address, inputs.palette.ink)}",
        f"--variable=map-src:{map_data_uri(cover_map(inputs))}",
    )
