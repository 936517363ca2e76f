"""pipeline.qa.preflight: placeholders, fonts, print boxes and the house rules refused before the printer."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, RectangleObject

from pipeline.errors import SourceError
from pipeline.press.editions import PAPERS, Placeholder
from pipeline.press.impose import MM
from pipeline.qa.preflight import (
    BuiltPdf,
    Finish,
    HouseRules,
    finish_of,
    parse_house_rules,
    pdf_problems,
    placeholder_problems,
)
from pipeline.yamltext import load_yaml

#: The blank page's finished size: 420 × 595 pt less 3 mm of bleed on each side.
BLANK = Finish(403 / MM, 578 / MM, 8.5 / MM, "the blank page")
RULES_FILE = Path(__file__).resolve().parents[2] / "source" / "preflight.yml"


def blank_pdf(boxes: bool, font_embedded: bool = True) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=420, height=595)
    if boxes:
        page.trimbox = RectangleObject([8.5, 8.5, 411.5, 586.5])
        page.bleedbox = RectangleObject([0, 0, 420, 595])
    descriptor = DictionaryObject({NameObject("/FontName"): NameObject("/Inter")})
    if font_embedded:
        descriptor[NameObject("/FontFile2")] = DictionaryObject()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/Inter"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_placeholder_is_refused_with_its_line() -> None:
    problems = placeholder_problems([Placeholder(22, "publisher.address", "postal address")], "e.yml")
    assert [str(problem) for problem in problems] == [
        "e.yml:22: expected a confirmed publisher.address, found a placeholder (postal address)"
    ]


def test_a_print_pdf_with_its_boxes_and_fonts_passes() -> None:
    assert pdf_problems(BuiltPdf("p.pdf", blank_pdf(boxes=True), BLANK)) == []


def test_a_print_pdf_without_boxes_is_refused_but_a_screen_pdf_needs_none() -> None:
    data = blank_pdf(boxes=False)
    assert [str(problem) for problem in pdf_problems(BuiltPdf("p.pdf", data, BLANK))] == [
        "p.pdf: page 1: expected a TrimBox, found none"
    ]
    assert pdf_problems(BuiltPdf("s.pdf", data)) == []


def test_a_font_not_embedded_is_refused() -> None:
    problems = pdf_problems(BuiltPdf("s.pdf", blank_pdf(boxes=False, font_embedded=False)))
    assert [str(problem) for problem in problems] == [
        "s.pdf: page 1: expected font /Inter embedded, found it missing"
    ]


def test_bytes_that_are_no_pdf_are_one_problem() -> None:
    (problem,) = pdf_problems(BuiltPdf("x.pdf", b"not a pdf"))
    assert str(problem).startswith("x.pdf: expected a readable PDF")


def test_each_validator_message_is_a_problem_warnings_included() -> None:
    from pipeline.qa.preflight import ValidatorMessage, validator_problems

    messages = [
        ValidatorMessage("WARNING", "OPF-053", "EPUB/content.opf:3:1", "Date value is not valid"),
        ValidatorMessage("ERROR", "RSC-005", "EPUB/nav.xhtml:12:4", "Error while parsing file"),
    ]
    assert [str(problem) for problem in validator_problems("EPUBCheck", "a.epub", messages)] == [
        "a.epub: EPUBCheck WARNING OPF-053 at EPUB/content.opf:3:1: Date value is not valid",
        "a.epub: EPUBCheck ERROR RSC-005 at EPUB/nav.xhtml:12:4: Error while parsing file",
    ]


def print_page(content: bytes, media: list[float], trim: list[float], bleed: list[float]) -> bytes:
    """One page drawing ``content``, with the boxes given (its text names no font: none to embed)."""
    document = pikepdf.new()
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=media, TrimBox=trim, BleedBox=bleed)
    document.pages.append(pikepdf.Page(page))
    document.pages[0].obj.Contents = document.make_stream(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def a5(content: bytes = b"") -> bytes:
    """An A5 print page: 3 mm of bleed, 11 mm of slug."""
    width, height, slug, bleed = 148 * MM, 210 * MM, 11 * MM, 3 * MM
    return print_page(
        content,
        [0, 0, width + 2 * slug, height + 2 * slug],
        [slug, slug, slug + width, slug + height],
        [slug - bleed, slug - bleed, slug + width + bleed, slug + height + bleed],
    )


def messages(data: bytes, finish: Finish, rules: HouseRules | None = None) -> list[str]:
    return [str(problem) for problem in pdf_problems(BuiltPdf("p.pdf", data, finish), rules)]


def test_the_finished_sizes_are_the_page_with_bleed_and_two_pages_without() -> None:
    assert finish_of(PAPERS["A5"], "print") == Finish(148, 210, 3, "A5")
    assert finish_of(PAPERS["half-letter"], "booklet") == Finish(279.4, 215.9, 0, "two half-letter pages")


def test_a_booklet_trimmed_to_its_sheet_is_refused_with_both_sizes() -> None:
    sheet = [0, 0, 297 * MM, 210 * MM]
    assert messages(print_page(b"", sheet, sheet, sheet), finish_of(PAPERS["A5"], "booklet")) == [
        "p.pdf: page 1: expected a TrimBox of 296 × 210 mm (two A5 pages), found 297 × 210 mm"
    ]
    trim = [0.5 * MM, 0, 296.5 * MM, 210 * MM]
    assert messages(print_page(b"", sheet, trim, trim), finish_of(PAPERS["A5"], "booklet")) == []


def test_a_trim_off_centre_and_a_bleed_too_short_are_refused() -> None:
    width, height = 148 * MM, 210 * MM
    media, trim = [0, 0, width + 20, height + 20], [5, 10, 5 + width, 10 + height]
    bleed = [4, 9, 6 + width, 11 + height]
    assert messages(print_page(b"", media, trim, bleed), finish_of(PAPERS["A5"], "print")) == [
        "p.pdf: page 1: expected the TrimBox centred on the sheet, "
        "found margins of 1.8, 3.5, 5.3, 3.5 mm (left, bottom, right, top)",
        "p.pdf: page 1: expected a BleedBox 3 mm beyond the TrimBox on every side, "
        "found 0.4, 0.4, 0.4, 0.4 mm (left, bottom, right, top)",
    ]


def test_the_print_page_of_the_house_passes() -> None:
    assert messages(a5(b"BT /F1 8 Tf 0 0 0 0.72 k (folio) Tj ET"), finish_of(PAPERS["A5"], "print")) == []


def test_text_in_two_inks_is_refused_unless_its_colour_is_exempt() -> None:
    content = b"BT /F1 8 Tf 0 0 0.05 0.72 k (folio) Tj (head) Tj 0 0.93 0.8 0.38 k (Title) Tj ET"
    rules = parse_house_rules({"k-only-text-exemptions": {"#9b1d20": "the brand's red"}}, "p.yml")
    assert messages(a5(content), finish_of(PAPERS["A5"], "print"), rules) == [
        "p.pdf: page 1: expected text in K only, found C0 M0 Y5 K72 (2 text runs)"
    ]
    assert messages(a5(content), finish_of(PAPERS["A5"], "print"), HouseRules()) == [
        "p.pdf: page 1: expected text in K only, found C0 M0 Y5 K72 (2 text runs)",
        "p.pdf: page 1: expected text in K only, found C0 M93 Y80 K38 (1 text run)",
    ]
    assert messages(a5(content), finish_of(PAPERS["A5"], "print"), HouseRules(k_only_text=False)) == []


def test_ink_over_the_limit_inside_the_bleed_is_refused_and_marks_beyond_it_are_not() -> None:
    slug = 11 * MM
    rich = f"0.6 0.6 0.6 1 k {slug} {slug} 20 20 re f".encode()
    assert messages(a5(rich), finish_of(PAPERS["A5"], "print")) == []  # 280 %
    assert messages(a5(rich), finish_of(PAPERS["A5"], "print"), HouseRules(max_ink=250)) == [
        "p.pdf: page 1: expected at most 250 % ink inside the BleedBox, found 280 % (C60 M60 Y60 K100)"
    ]
    marks = b"1 1 1 1 K 0.25 w 1 1 m 1 20 l S"
    assert messages(a5(marks), finish_of(PAPERS["A5"], "print")) == []


def test_the_house_rules_file_exempts_the_brand_red_with_its_reason() -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    data, _ = load_yaml(text, "source/preflight.yml", 1)
    rules = parse_house_rules(data, "source/preflight.yml")
    assert (rules.max_ink, rules.k_only_text) == (300, True)
    assert [(exemption.colour, exemption.cmyk) for exemption in rules.exemptions] == [
        ("#9b1d20", (0.0, 0.93, 0.8, 0.38))
    ]
    assert rules.exemptions[0].reason.startswith("Rennes red, the brand colour")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"max-tac": 300},
            "p.yml:2: expected one of k-only-text, k-only-text-exemptions, max-ink, found 'max-tac'",
        ),
        ({"k-only-text": "yes"}, "p.yml:2: expected k-only-text true or false, found 'yes'"),
        (
            {"k-only-text-exemptions": {"red": "why"}},
            "p.yml:2: expected an exempt colour as #rrggbb, found 'red'",
        ),
        (
            {"k-only-text-exemptions": {"#9b1d20": ""}},
            "p.yml:2: expected the reason #9b1d20 is exempt, found none",
        ),
    ],
)
def test_a_mistake_in_the_house_rules_is_an_error_at_its_line(data: dict[str, object], message: str) -> None:
    with pytest.raises(SourceError) as error:
        parse_house_rules(data, "p.yml", dict.fromkeys(data, 2))
    assert str(error.value) == message
