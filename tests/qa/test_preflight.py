"""pipeline.qa.preflight: placeholders, fonts and print boxes refused before the printer."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, RectangleObject

from pipeline.press.editions import Placeholder
from pipeline.qa.preflight import BuiltPdf, pdf_problems, placeholder_problems


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
    assert pdf_problems(BuiltPdf("p.pdf", blank_pdf(boxes=True), print_shop=True)) == []


def test_a_print_pdf_without_boxes_is_refused_but_a_screen_pdf_needs_none() -> None:
    data = blank_pdf(boxes=False)
    assert [str(problem) for problem in pdf_problems(BuiltPdf("p.pdf", data, print_shop=True))] == [
        "p.pdf: page 1: expected a TrimBox, found none"
    ]
    assert pdf_problems(BuiltPdf("s.pdf", data, print_shop=False)) == []


def test_a_font_not_embedded_is_refused() -> None:
    problems = pdf_problems(BuiltPdf("s.pdf", blank_pdf(boxes=False, font_embedded=False), print_shop=False))
    assert [str(problem) for problem in problems] == [
        "s.pdf: page 1: expected font /Inter embedded, found it missing"
    ]


def test_bytes_that_are_no_pdf_are_one_problem() -> None:
    (problem,) = pdf_problems(BuiltPdf("x.pdf", b"not a pdf", print_shop=False))
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
