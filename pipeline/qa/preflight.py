"""Built PDFs and the editions' placeholders → preflight problems: what stops files going to the printer.

``jumelage preflight`` is the check before the print shop: unlike ``jumelage
check`` (which warns and lets drafts and proofs be built), every problem here
is a refusal, one ``path:line: message`` each:

* a value of ``source/editions.yml`` still to confirm (a placeholder);
* an image below 200 ppi as the brochures print it (``make check`` warns of it);
* a font that a PDF uses without embedding it (the printer's machine would
  substitute its own);
* a print-shop PDF page (the print file and the booklet) without a TrimBox of
  the edition's finished size, centred on the sheet, or without the bleed
  around it that the file promises (the printer trims and bleeds from these
  boxes);
* the print shop's house rules (:class:`HouseRules`, ``source/preflight.yml``)
  on the same pages, as proof-pdf's ``verify --k-only-text --trim-mm`` has
  them: text painted with any ink but K, unless its colour is exempt (each
  exemption gives its reason), and a total ink above the limit inside the
  BleedBox (measured by :mod:`pipeline.press.inks`);
* what a validator the test suite also runs reports, where it is installed
  (EPUBCheck on the e-books).

The checks read PDF bytes already built; finding and reading the files is
:mod:`pipeline.workflow.qa`'s.

>>> from pipeline.press.editions import PAPERS
>>> finish_of(PAPERS["A5"], "booklet")
Finish(width_mm=296, height_mm=210, bleed_mm=0, name='two A5 pages')
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from pipeline.errors import Problem, RenderError, SourceError
from pipeline.press.editions import Paper, Placeholder
from pipeline.press.impose import BLEED_MM, MM
from pipeline.press.inks import Colour, PageInks, measure_inks
from pipeline.press.prepress import print_cmyk
from pipeline.render.palette import hex_to_rgb

#: The keys of a font descriptor that carry an embedded font program.
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
#: How far a box may be from its size, in mm (proof-pdf's ``--tolerance-mm`` default).
TOLERANCE_MM = 0.25
#: How close an exempt colour's inks must be to the colour found (0–1 a plate).
_COLOUR_TOLERANCE = 0.005


@dataclass(frozen=True)
class Finish:
    """What a print-shop PDF is cut to: its finished size (the TrimBox) and its bleed, in millimetres."""

    width_mm: float
    height_mm: float
    bleed_mm: float
    name: str
    """The size as the messages name it: ``A5``, ``two A5 pages``."""


def finish_of(paper: Paper, variant: str) -> Finish:
    """The finished size of an edition's ``print`` file (a page, and bleed) or ``booklet`` (two pages)."""
    if variant == "booklet":
        return Finish(2 * paper.width_mm, paper.height_mm, 0, f"two {paper.name} pages")
    return Finish(paper.width_mm, paper.height_mm, BLEED_MM, paper.name)


@dataclass(frozen=True)
class Exemption:
    """A text colour allowed although it is not K only: the stylesheet's colour, as printed, and why."""

    colour: str
    cmyk: tuple[float, float, float, float]
    reason: str


@dataclass(frozen=True)
class HouseRules:
    """The print shop's rules every print-shop page is held to (``source/preflight.yml``)."""

    max_ink: float = 300
    """The most total ink (C + M + Y + K, %) inside a page's BleedBox."""
    k_only_text: bool = True
    """Whether text of any size must be painted with the K plate only."""
    exemptions: tuple[Exemption, ...] = ()

    def exemption(self, colour: Colour) -> Exemption | None:
        """The exemption that allows text in ``colour``, if one does."""
        inks = colour.cmyk() if colour.family == "cmyk" else None
        if inks is None:
            return None
        for exemption in self.exemptions:
            if all(abs(a - b) <= _COLOUR_TOLERANCE for a, b in zip(inks, exemption.cmyk, strict=True)):
                return exemption
        return None


@dataclass(frozen=True)
class BuiltPdf:
    """One PDF to preflight: its bytes, the path to show, and, for a print-shop PDF, what it is cut to."""

    path: str
    data: bytes
    finish: Finish | None = None

    @property
    def print_shop(self) -> bool:
        """Whether it goes to the print shop (the print file and the booklet)."""
        return self.finish is not None


def parse_house_rules(data: Any, path: str, lines: dict[str, int] | None = None) -> HouseRules:
    """``source/preflight.yml``'s data → the house rules; a mistake is a :class:`SourceError` at its line.

    >>> rules = parse_house_rules({"max-ink": 300, "k-only-text": True,
    ...     "k-only-text-exemptions": {"#9b1d20": "the brand's red"}}, "p.yml")
    >>> rules.exemptions[0].cmyk, rules.exemptions[0].reason
    ((0.0, 0.93, 0.8, 0.38), "the brand's red")
    >>> parse_house_rules({"max-ink": "lots"}, "p.yml", {"max-ink": 4})
    Traceback (most recent call last):
    ...
    pipeline.errors.SourceError: p.yml:4: expected max-ink as a percentage from 0 to 400, found 'lots'
    """
    lines = lines or {}
    if not isinstance(data, dict):
        raise SourceError(path, None, f"expected a mapping of house rules, found {type(data).__name__}")
    known = {"max-ink", "k-only-text", "k-only-text-exemptions"}
    for key in data:
        if key not in known:
            raise SourceError(
                path, lines.get(key), f"expected one of {', '.join(sorted(known))}, found {key!r}"
            )
    max_ink = data.get("max-ink", 300)
    if isinstance(max_ink, bool) or not isinstance(max_ink, (int, float)) or not 0 <= max_ink <= 400:
        raise SourceError(
            path, lines.get("max-ink"), f"expected max-ink as a percentage from 0 to 400, found {max_ink!r}"
        )
    k_only = data.get("k-only-text", True)
    if not isinstance(k_only, bool):
        raise SourceError(
            path, lines.get("k-only-text"), f"expected k-only-text true or false, found {k_only!r}"
        )
    listed = data.get("k-only-text-exemptions") or {}
    line = lines.get("k-only-text-exemptions")
    if not isinstance(listed, dict):
        raise SourceError(path, line, f"expected exemptions as colour: reason, found {listed!r}")
    exemptions = []
    for colour, reason in listed.items():
        if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
            raise SourceError(path, line, f"expected an exempt colour as #rrggbb, found {colour!r}")
        if not isinstance(reason, str) or not reason.strip():
            raise SourceError(path, line, f"expected the reason {colour} is exempt, found none")
        try:
            red, green, blue = (channel / 255 for channel in hex_to_rgb(colour.lower()))
        except ValueError:
            raise SourceError(path, line, f"expected an exempt colour as #rrggbb, found {colour!r}") from None
        exemptions.append(Exemption(colour.lower(), print_cmyk((red, green, blue)), " ".join(reason.split())))
    return HouseRules(float(max_ink), k_only, tuple(exemptions))


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


def pdf_problems(pdf: BuiltPdf, rules: HouseRules | None = None) -> list[Problem]:
    """Fonts not embedded (every PDF); for print-shop PDFs, their boxes and the house ``rules``."""
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
    if pdf.finish is None:
        return problems
    try:
        measured = measure_inks(pdf.data, pdf.path)
    except RenderError as exc:
        return [*problems, exc.problem]
    for inks in measured:
        found = _box_problems(inks, pdf.finish) + _house_problems(inks, rules or HouseRules())
        problems.extend(Problem(pdf.path, None, f"page {inks.number}: {problem}") for problem in found)
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


def _box_problems(page: PageInks, finish: Finish) -> list[str]:
    """The TrimBox against the finished size, centred on the sheet, and the bleed around it."""
    if page.trim is None:
        return ["expected a TrimBox, found none"]
    if page.bleed is None:
        return ["expected a BleedBox, found none"]
    problems = []
    size = ((page.trim[2] - page.trim[0]) / MM, (page.trim[3] - page.trim[1]) / MM)
    if any(abs(a - b) > TOLERANCE_MM for a, b in zip(size, (finish.width_mm, finish.height_mm), strict=True)):
        problems.append(
            f"expected a TrimBox of {_mm(finish.width_mm)} × {_mm(finish.height_mm)} mm ({finish.name}), "
            f"found {_mm(size[0])} × {_mm(size[1])} mm"
        )
    margins = _sides(page.media, page.trim)
    if abs(margins[0] - margins[2]) > TOLERANCE_MM or abs(margins[1] - margins[3]) > TOLERANCE_MM:
        problems.append(
            "expected the TrimBox centred on the sheet, found margins of "
            f"{', '.join(_mm(margin) for margin in margins)} mm (left, bottom, right, top)"
        )
    bleed = _sides(page.bleed, page.trim)
    if any(abs(side - finish.bleed_mm) > TOLERANCE_MM for side in bleed):
        problems.append(
            f"expected a BleedBox {_mm(finish.bleed_mm)} mm beyond the TrimBox on every side, found "
            f"{', '.join(_mm(side) for side in bleed)} mm (left, bottom, right, top)"
        )
    return problems


def _house_problems(page: PageInks, rules: HouseRules) -> list[str]:
    """Text not in K only (and not exempt), and the total ink inside the BleedBox over the limit."""
    problems = []
    if rules.k_only_text:
        runs: dict[str, int] = {}
        for colour in page.text:
            if not colour.is_k_only() and rules.exemption(colour) is None:
                runs[colour.describe()] = runs.get(colour.describe(), 0) + 1
        problems += [
            f"expected text in K only, found {name} ({count} text run{'s' if count > 1 else ''})"
            for name, count in runs.items()
        ]
    if page.peak_in_bleed > rules.max_ink:
        what = page.peak_colour.describe() if page.peak_colour is not None else "an image"
        problems.append(
            f"expected at most {rules.max_ink:g} % ink inside the BleedBox, "
            f"found {page.peak_in_bleed:g} % ({what})"
        )
    problems += [
        f"expected inks the measure can bound, found {what}: check the total ink on a raster "
        "(proof-pdf verify)"
        for what in page.unmeasured
    ]
    return problems


def _sides(outer: tuple[float, ...], inner: tuple[float, ...]) -> tuple[float, float, float, float]:
    """How far ``outer`` reaches beyond ``inner`` on each side (left, bottom, right, top), in mm."""
    return (
        (inner[0] - outer[0]) / MM,
        (inner[1] - outer[1]) / MM,
        (outer[2] - inner[2]) / MM,
        (outer[3] - inner[3]) / MM,
    )


def _mm(value: float) -> str:
    """``296``, ``139.7``, ``0.5``: a length in mm to a tenth, as a person writes it."""
    return f"{round(value, 1) + 0.0:g}"


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
