"""Translated document + edition → the brochure's HTML page (pandoc, brochure template).

The page holds a cover (title, interviewee, Rennes Métropole, the partner
city, its country named by CLDR, the year of twinning), the article with a
running head, and a colophon (publisher, interviewers, "translated from" by
CLDR, edition date by Babel, the web edition's address and a QR code to it).
:mod:`render_pdf` turns it into the three PDFs of an edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import segno

from pipeline.press.editions import Edition
from pipeline.render.metadata import css_string, edition_metadata
from pipeline.render.pandoc import run_pandoc
from pipeline.render.ui import Interface


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (vector, so it prints sharp)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1d1d1b"))


def page_css(edition: Edition, interface: Interface) -> str:
    """The edition's paper and outer folios in its language."""
    before, _, after = interface.text("page", number="\0").partition("\0")
    folio = " ".join(
        [*([css_string(before)] if before else []), "counter(page)", *([css_string(after)] if after else [])]
    )
    style = "font: 7.5pt Inter, sans-serif; color: #5b5b57"
    css = (
        f"@page {{ size: {edition.paper.css_size}; }}"
        f"@page body:left {{ @bottom-left {{ content: {folio}; {style} }} }}"
        f"@page body:right {{ @bottom-right {{ content: {folio}; {style} }} }}"
    )
    return css


def render_brochure(
    meta: Mapping[str, Any],
    body: str,
    interface: Interface,
    edition: Edition,
    web_address: str,
    template: Path,
    date: datetime | None,
    display: str,
) -> str:
    """Render one edition's brochure page."""
    words = edition_metadata(meta, interface, date)
    page_meta: dict[str, Any] = {**meta, **words}
    page_meta.update(
        {
            "edition-language": edition.language,
            "edition-city": edition.city,
            "edition-country": edition.country(),
            "edition-twinned": interface.text("twinned_since", year=str(edition.twinned)),
            "web-address-text": interface.text("read_online", url=web_address),
            "qr-alt": interface.text("qr_alt"),
        }
    )
    arguments = (
        "-t",
        "html5",
        f"--template={template}",
        "--wrap=none",
        f"--variable=page-css:{page_css(edition, interface)}",
        f"--variable=qr-src:{qr_data_uri(web_address)}",
    )
    return run_pandoc(page_meta, body, arguments, display).decode("utf-8")
