"""pipeline.press.inks: text colours and peak ink of small hand-written pages, forms and marks included."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest

from pipeline.errors import RenderError
from pipeline.press.inks import Colour, k_only_breaches, measure_inks

#: A page of 100 × 100 pt: trim 20–80, bleed 10–90.
TRIM, BLEED = [20, 20, 80, 80], [10, 10, 90, 90]
REGISTRATION = pikepdf.Array(
    [
        pikepdf.Name.Separation,
        pikepdf.Name.All,
        pikepdf.Name.DeviceCMYK,
        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1),
    ]
)


def one_page(
    content: bytes, form: bytes | None = None, extra: dict[str, pikepdf.Object] | None = None
) -> bytes:
    """A PDF of one page drawing ``content``; ``/Fm`` is a form of ``form`` with its BBox the trim."""
    document = pikepdf.new()
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F1=font),
        ColorSpace=pikepdf.Dictionary(Registration=REGISTRATION),
        ExtGState=pikepdf.Dictionary(Over=pikepdf.Dictionary(OP=True, op=True)),
        XObject=pikepdf.Dictionary(**(extra or {})),
    )
    if form is not None:
        resources.XObject.Fm = document.make_stream(
            form, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=TRIM, Resources=resources
        )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 100, 100], TrimBox=TRIM, BleedBox=BLEED, Resources=resources
    )
    document.pages.append(pikepdf.Page(page))
    document.pages[0].obj.Contents = document.make_stream(content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_colours_are_read_in_paint_order_down_through_forms() -> None:
    form = b"BT /F1 8 Tf 0 0 0 0.72 k 30 30 Td (folio) Tj 0 0.93 0.8 0.38 k (red) Tj ET"
    (page,) = measure_inks(one_page(b"BT /F1 8 Tf 0.5 g (grey) Tj ET /Fm Do", form), "t.pdf")
    assert [colour.describe() for colour in page.text] == ["gray 0.5", "C0 M0 Y0 K72", "C0 M93 Y80 K38"]
    assert [colour.is_k_only() for colour in page.text] == [True, True, False]
    assert list(k_only_breaches([page])) == [(1, Colour("cmyk", (0.0, 0.93, 0.8, 0.38)), 1)]


def test_a_colour_set_in_a_form_is_the_forms_own_and_q_restores_one() -> None:
    form = b"0 0 0.05 0.72 k"
    content = b"q 1 0 0 0 k Q BT /F1 8 Tf (black) Tj ET /Fm Do BT /F1 8 Tf (after the form) Tj ET"
    (page,) = measure_inks(one_page(content, form), "t.pdf")
    assert [colour.describe() for colour in page.text] == ["gray 0", "gray 0"]


def test_registration_marks_beyond_the_bleed_count_on_the_sheet_only() -> None:
    content = b"/Registration CS 1 SCN 0.25 w 20 0 m 20 8 l S 0 0.93 0.8 0.38 k 10 10 80 80 re f"
    (page,) = measure_inks(one_page(content), "t.pdf")
    assert (page.peak_on_sheet, page.peak_in_bleed) == (400, 211)
    assert page.peak_colour == Colour("cmyk", (0.0, 0.93, 0.8, 0.38))
    assert page.unmeasured == ()


def test_a_mark_that_reaches_into_the_bleed_counts_there() -> None:
    content = b"/Registration CS 1 SCN 0.25 w 20 0 m 20 12 l S"
    assert measure_inks(one_page(content), "t.pdf")[0].peak_in_bleed == 400


def test_what_a_clip_hides_from_the_bleed_does_not_count() -> None:
    # the form's BBox is the trim: a rich black drawn in its slug is never painted
    (page,) = measure_inks(one_page(b"/Fm Do", b"1 1 1 1 k 0 0 15 15 re f 0 0 0 1 k 30 30 5 5 re f"), "t.pdf")
    assert page.peak_in_bleed == 100
    content = b"q 50 50 10 10 re W n 1 1 1 1 k 0 0 5 5 re f Q"
    assert measure_inks(one_page(content), "t.pdf")[0].peak_on_sheet == 0


def test_overprint_is_named_as_what_the_peak_cannot_bound() -> None:
    (page,) = measure_inks(one_page(b"/Over gs 0 0 0 1 k 30 30 5 5 re f"), "t.pdf")
    assert page.unmeasured == ("overprint",)


def test_a_cmyk_image_counts_its_inkiest_pixel() -> None:
    pixels = bytes([0, 0, 0, 255, 255, 200, 0, 50])  # K 100 %, then 0/100/78/20 = 198 %
    document = pikepdf.open(io.BytesIO(one_page(b"q 40 0 0 20 30 30 cm /Im Do Q")))
    document.pages[0].Resources.XObject.Im = document.make_stream(
        zlib.compress(pixels),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=2,
        Height=1,
        ColorSpace=pikepdf.Name.DeviceCMYK,
        BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    assert measure_inks(buffer.getvalue(), "t.pdf")[0].peak_in_bleed == pytest.approx(198.0, abs=0.5)


def test_the_boxes_are_read_in_page_points() -> None:
    (page,) = measure_inks(one_page(b""), "t.pdf")
    assert (page.media, page.trim, page.bleed) == ((0, 0, 100, 100), (20, 20, 80, 80), (10, 10, 90, 90))
    assert (page.peak_in_bleed, page.peak_colour, page.text) == (0, None, ())


def test_bytes_that_are_no_pdf_are_a_render_error() -> None:
    with pytest.raises(RenderError) as error:
        measure_inks(b"not a pdf", "x.pdf")
    assert str(error.value).startswith("x.pdf: expected a PDF to measure its inks, found: ")


def test_a_cmyk_jpeg_counts_its_inks_as_the_print_files_write_it() -> None:
    from PIL import Image

    from pipeline.press.images import INVERTED_CMYK

    red = Image.new("CMYK", (8, 8), (0, 237, 204, 97))  # 0/93/80/38: 211 %
    jpeg = io.BytesIO()
    red.save(jpeg, "JPEG", quality=95)
    document = pikepdf.open(io.BytesIO(one_page(b"q 40 0 0 20 30 30 cm /Im Do Q")))
    document.pages[0].Resources.XObject.Im = document.make_stream(
        jpeg.getvalue(),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=8,
        Height=8,
        ColorSpace=pikepdf.Name.DeviceCMYK,
        BitsPerComponent=8,
        Filter=pikepdf.Name.DCTDecode,
        Decode=pikepdf.Array(INVERTED_CMYK),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    assert measure_inks(buffer.getvalue(), "t.pdf")[0].peak_in_bleed == pytest.approx(211, abs=3)
