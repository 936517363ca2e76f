"""A small glossary, and the QA checks run on a catalog of one message: what the QA tests build on."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from pipeline.drafts.glossary import parse_glossary
from pipeline.qa.checks import CheckContext
from pipeline.qa.runner import Finding, check_catalog
from pipeline.render.fonts import drawn_characters

from ..project import ROOT

GLOSSARY = parse_glossary(
    "fr,keep,en,de,pl,cs,note,en_US\n"
    "Simon Letonturier,yes,,,,,,\n"
    "Rennes Métropole,yes,,,,,,\n"
    "Comité européen des Régions,,European Committee of the Regions,"
    "Europäischer Ausschuss der Regionen,Europejski Komitet Regionów,Evropský výbor regionů,,\n"
    # A name keeps its own spelling: American in British English, British in US English.
    "Organisation mondiale de la santé,,World Health Organization,,,,,\n"
    "Parti travailliste,,Labour Party,,,,,Labour Party\n",
    "glossary.csv",
)
#: What the bundled fonts draw, as the QA of a project with ``assets/fonts/`` knows it.
GLYPHS = drawn_characters(ROOT / "assets" / "fonts")


def check_message(
    source: str,
    target: str,
    lang: str = "de",
    domain: str = "article",
    fuzzy: bool = False,
    flags: tuple[str, ...] = (),
    comments: tuple[str, ...] = (),
) -> list[Finding]:
    """Every check's findings on ``source`` translated as ``target``, line 7 of ``x.po``."""
    catalog = Catalog(locale=lang)
    catalog.add(
        source,
        target,
        lineno=7,
        flags=(*flags, "fuzzy") if fuzzy else flags,
        auto_comments=comments,
    )
    return check_catalog(catalog, "x.po", CheckContext(lang, GLOSSARY, domain, GLYPHS))
