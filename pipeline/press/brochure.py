"""Translated document + edition → the brochure's HTML page (pandoc, brochure template).

The page holds a cover (title, interviewee, Rennes Métropole, the partner
city, its country named by CLDR, the year of twinning), the article with a
running head, the filler pages :mod:`pipeline.press.plan` may keep (the
article in the other languages, each named in itself by CLDR with a QR code
to its web page; Rennes' twin cities, their countries named by CLDR and their
years of twinning, all from ``editions.yml``), and a colophon (publisher,
interviewers, "translated from" by CLDR, edition date by Babel, the web
edition's address and a QR code to it).
:mod:`pipeline.press.pdf` turns it into the three PDFs of an edition. Its
colours (the QR code's ink, the folios' grey) come from the palette.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import segno

from pipeline.press.editions import Edition
from pipeline.render.metadata import edition_metadata, folio_content
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
    twins: tuple[Edition, ...] = ()
    """Every partner city's edition: Rennes' twin cities, for their filler page."""
    other_languages: tuple[tuple[str, str], ...] = ()
    """The article's other languages and their web pages' addresses, for their filler page."""


def qr_data_uri(url: str, ink: str) -> str:
    """A QR code of ``url`` in ``ink`` as an SVG data URI (vector, so it prints sharp)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark=ink))


def page_css(edition: Edition, interface: Interface, palette: Palette) -> str:
    """The edition's paper and outer folios in its language."""
    folio = folio_content(interface)
    style = f"font: 7.5pt Inter, sans-serif; color: {palette.muted}"
    css = (
        f"@page {{ size: {edition.paper.css_size}; }}"
        f"@page body:left {{ @bottom-left {{ content: {folio}; {style} }} }}"
        f"@page body:right {{ @bottom-right {{ content: {folio}; {style} }} }}"
    )
    return css


def twin_cities(twins: tuple[Edition, ...], current: Edition, interface: Interface) -> list[dict[str, Any]]:
    """Rennes' twin cities, oldest twinning first, each country named in ``current``'s language."""
    return [
        {
            "city": twin.city,
            "country": str(current.locale.territories.get(twin.territory, twin.territory)),
            "since": interface.text("since_year", year=str(twin.twinned)),
            "current": twin.key == current.key,
        }
        for twin in sorted(twins, key=lambda twin: (twin.twinned, twin.city))
    ]


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
    interface, edition = inputs.interface, inputs.edition
    words = edition_metadata(inputs.meta, interface, inputs.date)
    page_meta: dict[str, Any] = {**inputs.meta, **words}
    page_meta.update(
        {
            "edition-language": edition.language,
            "edition-city": edition.city,
            "edition-country": edition.country(),
            "edition-twinned": interface.text("twinned_since", year=str(edition.twinned)),
            "web-address-text": interface.text("read_online", url=inputs.web_address),
            "qr-alt": interface.text("qr_alt"),
            "twin-cities": twin_cities(inputs.twins, edition, interface),
            "other-languages": language_links(inputs.other_languages, interface, inputs.palette.ink),
        }
    )
    arguments = (
        "-t",
        "html5",
        f"--template={inputs.template}",
        "--wrap=none",
        f"--variable=page-css:{page_css(edition, interface, inputs.palette)}",
        f"--variable=qr-src:{qr_data_uri(inputs.web_address, inputs.palette.ink)}",
    )
    return run_pandoc(page_meta, inputs.body, arguments, inputs.display).decode("utf-8")
