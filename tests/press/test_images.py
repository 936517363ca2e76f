"""pipeline.press.images: the screen PDF's images at screen resolution, the print files' in CMYK.

The PDFs are laid out by WeasyPrint from a page with a photograph (a JPEG) and a drawing (a PNG
with transparency), as a brochure's figures are, and read back with pikepdf and PDFium.
"""

from __future__ import annotations

import base64
import io
import zlib
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image
from weasyprint import HTML

from pipeline.errors import RenderError
from pipeline.press.images import SCREEN_WIDTH, drawn_images, screen_images, separate_images
from pipeline.press.impose import print_variant
from pipeline.press.prepress import PRINT_PROFILE

ASSETS = Path(__file__).resolve().parents[2] / "assets"
PROFILE = (ASSETS / PRINT_PROFILE).read_bytes()
#: The photograph's colour: the house red, which the print file must keep (as near as CMYK can).
RED = (155, 29, 32)


def encoded(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 95} if kind == "JPEG" else {}))
    return out.getvalue()


def laid_out(width: int = 1394) -> bytes:
    """Two pages: a red photograph ``width`` px wide, then a drawing with a transparent background."""
    photo = encoded(Image.new("RGB", (width, width // 2), RED), "JPEG")
    drawing = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    drawing.paste((29, 29, 27, 255), (50, 50, 350, 150))
    figures = [("image/jpeg", photo), ("image/png", encoded(drawing, "PNG"))]
    body = "".join(
        f'<p style="break-after: page"><img style="width: 100%" alt="figure {number}" '
        f'src="data:{kind};base64,{base64.b64encode(data).decode()}"></p>'
        for number, (kind, data) in enumerate(figures, 1)
    )
    style = "<style>@page { size: 148mm 210mm; margin: 15mm }</style>"
    page = f'<html lang="fr"><head><title>Essai</title>{style}</head><body>{body}</body></html>'
    data = HTML(string=page).write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(data, bytes)
    return data


@pytest.fixture(scope="module")
def laid() -> bytes:
    return laid_out()


def images_of(pdf: bytes) -> list[dict[str, object]]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [
            {
                "size": (int(image.Width), int(image.Height)),
                "space": str(image.ColorSpace),
                "filter": str(image.get("/Filter")),
                "mask": (int(image.SMask.Width), int(image.SMask.Height)) if "/SMask" in image else None,
            }
            for image in drawn_images(document)
        ]


def separated(pdf: bytes, done: dict[str, bytes] | None = None) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        separate_images(document, PROFILE, "essai.pdf", {} if done is None else done)
        out = io.BytesIO()
        # as prepress saves it: qpdf's default /ID hashes the clock, and two saves a second apart differ
        document.save(out, deterministic_id=True)
        return out.getvalue()


def centre_colour(pdf: bytes, page: int = 0) -> tuple[int, ...]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[page].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    # the photograph spans the measure from the top margin: its middle is well inside it
    return tuple(bitmap.getpixel((bitmap.width // 2, round(15 / 210 * bitmap.height) + 40)))


def test_the_laid_out_pdf_holds_an_rgb_photo_and_a_drawing_with_its_mask(laid: bytes) -> None:
    assert images_of(laid) == [
        {"size": (1394, 697), "space": "/DeviceRGB", "filter": "/DCTDecode", "mask": None},
        {"size": (400, 200), "space": "/DeviceRGB", "filter": "/FlateDecode", "mask": (400, 200)},
    ]


def test_the_print_file_s_images_are_cmyk_at_their_full_resolution(laid: bytes) -> None:
    assert images_of(separated(laid)) == [
        {"size": (1394, 697), "space": "/DeviceCMYK", "filter": "/DCTDecode", "mask": None},
        {"size": (400, 200), "space": "/DeviceCMYK", "filter": "/FlateDecode", "mask": (400, 200)},
    ]


def test_a_separated_photo_prints_the_colour_it_had(laid: bytes) -> None:
    # PDFium shows CMYK with its own plain formula: near, not equal (a JPEG read inverted would be cyan)
    before, after = centre_colour(laid), centre_colour(separated(laid))
    assert max(abs(a - b) for a, b in zip(before, RED, strict=True)) <= 3
    assert max(abs(a - b) for a, b in zip(after, RED, strict=True)) <= 25, after


def test_the_separation_uses_the_profile_black_point_compensated(laid: bytes) -> None:
    with pikepdf.open(io.BytesIO(separated(laid))) as document:
        photo = next(iter(drawn_images(document)))
        assert list(photo.Decode) == [1, 0, 1, 0, 1, 0, 1, 0]  # Pillow writes CMYK JPEGs inverted
        cyan, magenta, yellow, black = pikepdf.PdfImage(photo).as_pil_image().getpixel((10, 10))
    # The house red through FOGRA39, relative colorimetric: magenta and yellow high, some black.
    assert magenta > 200 and yellow > 170 and cyan < 40 and 40 < black < 120


def test_each_image_is_separated_once_for_the_print_file_and_the_booklet(laid: bytes) -> None:
    done: dict[str, bytes] = {}
    first = separated(laid, done)
    assert len(done) == 2
    # A stand-in for the drawing's separation proves that the second file reads it from ``done``.
    drawing = next(key for key, value in done.items() if not value.startswith(b"\xff\xd8"))
    done[drawing] = zlib.compress(bytes(400 * 200 * 4))  # no ink at all
    second = separated(laid, done)
    assert images_of(second) == images_of(first)
    assert second != first


def test_a_gray_image_is_left_in_gray() -> None:
    gray = encoded(Image.new("L", (300, 100), 128), "PNG")
    page = f'<img alt="gris" src="data:image/png;base64,{base64.b64encode(gray).decode()}">'
    pdf = HTML(string=f"<html><body>{page}</body></html>").write_pdf()
    assert isinstance(pdf, bytes)
    assert [image["space"] for image in images_of(separated(pdf))] == ["/DeviceGray"]


def test_the_screen_pdf_s_images_are_scaled_to_150_ppi_their_masks_with_them(laid: bytes) -> None:
    screen = screen_images(laid, SCREEN_WIDTH, "essai.pdf")
    assert SCREEN_WIDTH == 697
    assert images_of(screen) == [
        {"size": (697, 348), "space": "/DeviceRGB", "filter": "/DCTDecode", "mask": None},
        {"size": (400, 200), "space": "/DeviceRGB", "filter": "/FlateDecode", "mask": (400, 200)},
    ]
    assert len(screen) < len(laid)
    assert max(abs(a - b) for a, b in zip(centre_colour(screen), RED, strict=True)) <= 4


def test_a_drawing_wider_than_the_screen_is_scaled_with_its_mask() -> None:
    screen = screen_images(laid_out(), 300, "essai.pdf")
    assert [(image["size"], image["mask"]) for image in images_of(screen)] == [
        ((300, 150), None),
        ((300, 150), (300, 150)),
    ]


def test_a_pdf_whose_images_are_small_enough_is_returned_as_it_is() -> None:
    pdf = laid_out(600)
    assert screen_images(pdf, 697, "essai.pdf") is pdf


def test_the_screen_pdf_keeps_its_tags_language_and_metadata(laid: bytes) -> None:
    with pikepdf.open(io.BytesIO(screen_images(laid, 697, "essai.pdf"))) as document:
        assert str(document.Root.Lang) == "fr"
        assert "/StructTreeRoot" in document.Root and "/Metadata" in document.Root
        assert document.Root.MarkInfo.Marked


def test_the_same_pdf_gives_the_same_bytes(laid: bytes) -> None:
    assert screen_images(laid, 697, "essai.pdf") == screen_images(laid, 697, "essai.pdf")
    assert separated(laid) == separated(laid)


def test_an_imposed_file_draws_the_images_through_its_forms(laid: bytes) -> None:
    imposed = print_variant(laid, (155, 29, 32), "essai.pdf")
    assert {image["space"] for image in images_of(separated(imposed))} == {"/DeviceCMYK"}


def test_a_broken_pdf_is_reported_with_its_name() -> None:
    with pytest.raises(RenderError, match=r"essai\.pdf"):
        screen_images(b"%PDF-1.7 broken", 697, "essai.pdf")
