"""Built PDFs and the editions' placeholders → preflight problems: what stops files going to the printer.

``jumelage preflight`` is the check before the print shop: unlike ``jumelage
check`` (which warns and lets drafts and proofs be built), every problem here
is a refusal, one ``path:line: message`` each:

* a value of ``source/editions.yml`` still to confirm (a placeholder);
* an image below 200 ppi as the brochures print it (``make check`` warns of it);
* a font that a PDF uses without embedding it (the printer's machine would
  substitute its own);
* a print-shop PDF page without a TrimBox, or without a BleedBox larger than it
  (the printer trims and bleeds from these boxes);
* what a validator the test suite also runs reports, where it is installed
  (EPUBCheck on the e-books).

The checks read PDF bytes already built; finding and reading the files is
:mod:`pipeline.workflow.qa`'s.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pipeline.errors import Problem
from pipeline.press.editions import Placeholder

#: The keys of a font descriptor that carry an embedded font program.
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass(frozen=True)
class BuiltPdf:
    """One PDF to preflight: its bytes, the path to show, and whether it goes to the print shop."""

    path: str
    data: bytes
    print_shop: bool


def placeholder_problems(placeholders: Iterable[Placeholder], path: str) -> list[Problem]:
    """One refusal per value still to confirm.

    >>> print(*placeholder_problems([Placeholder(16, "site-url", "https://x.example/")], "e.yml"))
    e.yml:16: expected a confirmed site-url, found a placeholder (https://x.example/)
    """
    return [
        Problem(
            path,
            placeholder.line,
            f"expected a confirmed {placeholder.field}, found a placeholder ({placeholder.note})",
        )
        for placeholder in placeholders
    ]


def pdf_problems(pdf: BuiltPdf) -> list[Problem]:
    """Fonts not embedded (every PDF), and missing or wrong trim and bleed boxes (print-shop PDFs)."""
    try:
        reader = PdfReader(io.BytesIO(pdf.data))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        return [Problem(pdf.path, None, f"expected a readable PDF, found: {exc}")]
    problems: list[Problem] = []
    for number, page in enumerate(pages, start=1):
        for name in sorted(_unembedded_fonts(page)):
            problems.append(
                Problem(pdf.path, None, f"page {number}: expected font {name} embedded, found it missing")
            )
        if pdf.print_shop:
            problems.extend(
                Problem(pdf.path, None, f"page {number}: {problem}") for problem in _box_problems(page)
            )
    return problems


def _unembedded_fonts(page: Any) -> set[str]:
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return set()
    missing = set()
    for font in fonts.get_object().values():
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            continue  # glyphs drawn in the PDF itself
        descendants = font.get("/DescendantFonts")
        described = descendants.get_object()[0].get_object() if descendants is not None else font
        descriptor = described.get("/FontDescriptor")
        if descriptor is None or not any(key in descriptor.get_object() for key in _FONT_FILES):
            missing.add(str(font.get("/BaseFont", "(unnamed)")))
    return missing


def _box_problems(page: Any) -> list[str]:
    if "/TrimBox" not in page:
        return ["expected a TrimBox, found none"]
    if "/BleedBox" not in page:
        return ["expected a BleedBox, found none"]
    trim, bleed = page.trimbox, page.bleedbox
    inside = (
        float(bleed.left) < float(trim.left)
        and float(bleed.bottom) < float(trim.bottom)
        and float(bleed.right) > float(trim.right)
        and float(bleed.top) > float(trim.top)
    )
    return [] if inside else ["expected a BleedBox larger than the TrimBox on every side, found none"]


@dataclass(frozen=True)
class ValidatorMessage:
    """One message of a validator about a file: its level, rule id, place in the file and text."""

    level: str
    rule: str
    location: str
    text: str


def validator_problems(validator: str, path: str, messages: Iterable[ValidatorMessage]) -> list[Problem]:
    """A refusal per message of ``validator`` about ``path``, warnings included (as the tests require).

    >>> message = ValidatorMessage("ERROR", "RSC-005", "EPUB/nav.xhtml:12:4", "Error while parsing file")
    >>> print(*validator_problems("EPUBCheck", "outputs/de/a.epub", [message]))
    outputs/de/a.epub: EPUBCheck ERROR RSC-005 at EPUB/nav.xhtml:12:4: Error while parsing file
    """
    return [
        Problem(
            path, None, f"{validator} {message.level} {message.rule} at {message.location}: {message.text}"
        )
        for message in messages
    ]
