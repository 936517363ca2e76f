"""Translated document + edition → the brochure's HTML page (pandoc, brochure template).

The page holds a cover (title, interviewee, Rennes Métropole, the partner
city, its country named by CLDR, the year of twinning), the article with a
running head, and a colophon (publisher, interviewers, "translated from" by
CLDR, edition date by Babel, the web edition's address and a QR code to it).
:mod:`pipeline.press.pdf` turns it into the three PDFs of an edition. Its
colours (the QR code's ink, the folios' grey) come from the palette.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import segno

from pipeline.press.editions import Edition
from pipeline.render.figures import embed_figures
from pipeline.render.metadata import edition_metadata, folio_content
from pipeline.render.palette import Palette
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface

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
    images: Mapping[str, bytes] = field(default_factory=dict)
    """The bytes of each image the body names, by its name as written (``images/x.png``)."""


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
    body = embed_figures(inputs.body, inputs.images, inputs.display)
    return run_pandoc(page_meta, body, arguments, inputs.display).decode("utf-8")
