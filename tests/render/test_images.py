"""pipeline.render.images: generated images as an editor sends them, and what each format gets."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from pipeline.render.images import MAX_PIXELS, WIDTHS, ImageFileError, fit, inspect, svg_problem


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def photo(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A camera-like image: a gradient, so that scaling and encoding have work to do."""
    image = Image.linear_gradient("L").resize((width, height))
    return image.convert(mode) if mode != "L" else image


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels in a few bytes: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_a_camera_sized_photo_is_scaled_to_each_format_s_width_and_keeps_its_proportions() -> None:
    data = encoded(photo(4000, 3000), "JPEG", quality=95)
    for target, width in WIDTHS.items():
        with Image.open(io.BytesIO(fit(data, width))) as image:
            assert image.size == (width, round(width * 3 / 4)), target
            assert image.format == "JPEG"
    assert len(fit(data, WIDTHS["web"])) < len(data)


def test_a_small_image_is_never_scaled_up() -> None:
    with Image.open(io.BytesIO(fit(encoded(photo(300, 200), "PNG"), 1600))) as image:
        assert image.size == (300, 200)


def test_an_image_is_turned_upright_by_its_exif_orientation_which_then_goes() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned, rotate 90° clockwise to view
    data = encoded(photo(400, 200), "JPEG", exif=exif)
    with Image.open(io.BytesIO(fit(data, 1600))) as image:
        assert image.size == (200, 400)
        assert dict(image.getexif()) == {}


def test_no_exif_gps_or_text_metadata_survives() -> None:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0xA431] = "SERIAL-1234"  # BodySerialNumber
    exif.get_ifd(0x8825)[2] = (48.0, 6.0, 36.0)  # GPSLatitude
    jpeg = encoded(photo(800, 600), "JPEG", exif=exif)
    assert b"CameraMaker" in jpeg and b"Exif" in jpeg
    fitted = fit(jpeg, 1600)
    assert b"Exif" not in fitted and b"CameraMaker" not in fitted and b"SERIAL-1234" not in fitted
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "GPS 48.1 N")
    png = encoded(photo(300, 200), "PNG", pnginfo=text, exif=exif)
    assert b"GPS 48.1" in png
    fitted = fit(png, 1600)
    assert b"GPS 48.1" not in fitted and b"eXIf" not in fitted and b"CameraMaker" not in fitted


def test_a_cmyk_jpeg_with_its_profile_becomes_the_rgb_its_profile_says() -> None:
    from PIL import ImageCms

    profile = (Path(__file__).resolve().parents[2] / "assets" / "icc" / "FOGRA39L-coated.icc").read_bytes()
    out = io.BytesIO()
    Image.new("CMYK", (40, 20), (0, 240, 200, 90)).save(out, "JPEG", quality=95, icc_profile=profile)
    expected = ImageCms.profileToProfile(
        Image.new("CMYK", (1, 1), (0, 240, 200, 90)),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
        ImageCms.Intent.RELATIVE_COLORIMETRIC,
        outputMode="RGB",
    )
    assert expected is not None
    with Image.open(io.BytesIO(fit(out.getvalue(), 1600))) as image:
        assert image.mode == "RGB" and "icc_profile" not in image.info
        found = image.getpixel((20, 10))
    assert isinstance(found, tuple)
    assert max(abs(a - b) for a, b in zip(found, expected.getpixel((0, 0)), strict=True)) <= 4


def test_an_unreadable_colour_profile_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 20, 30)).save(out, "PNG", icc_profile=b"not a profile")
    with pytest.raises(ImageFileError, match="colour profile"):
        fit(out.getvalue(), 1600)


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    with Image.open(io.BytesIO(fit(encoded(photo(300, 200, "CMYK"), "JPEG"), 1600))) as image:
        assert image.mode == "RGB"


def test_a_bomb_is_refused_from_its_header_saying_its_size() -> None:
    bomb = png_header_only(30_000, 30_000)
    assert len(bomb) < 100
    with pytest.raises(ImageFileError) as error:
        inspect(bomb)
    assert str(error.value) == (
        f"expected an image of at most {MAX_PIXELS:,} px, found 30000 × 30000 px (900,000,000): "
        "scale it down before adding it"
    )
    with pytest.raises(ImageFileError):
        fit(bomb, 1600)


def test_a_file_that_is_no_image_is_refused_saying_so() -> None:
    with pytest.raises(ImageFileError, match=r"^expected an image Pillow can read, found: "):
        inspect(b"GIF89a, or not")


def test_the_resolution_at_the_brochure_s_measure_is_known_from_the_header() -> None:
    assert round(inspect(encoded(photo(1394, 100), "PNG")).print_ppi()) == 300
    assert round(inspect(encoded(photo(600, 100), "PNG")).print_ppi()) == 129
    # A portrait image is placed 105 mm high, so narrower than the measure: more pixels per inch.
    assert round(inspect(encoded(photo(600, 1200), "PNG")).print_ppi()) == 290


def test_fitting_twice_gives_the_same_bytes() -> None:
    data = encoded(photo(2000, 1000), "JPEG")
    assert fit(data, 1200) == fit(data, 1200)


@pytest.mark.parametrize(
    ("svg", "problem"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>', None),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "expected an SVG that only draws, found a <script>",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>',
            "expected an SVG that only draws, found an event handler onclick=",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<image xlink:href="https://evil.example/x.png"/></svg>',
            "expected an SVG that refers only to itself, found href='https://evil.example/x.png'",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><g id="a"/></svg>',
            None,
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://evil.example/p.svg#a)"/></svg>',
            "expected an SVG that refers only to itself, found 'url(https://evil.example/p.svg#a)' in style=",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect filter="url(\'x.svg#f\')"/></svg>',
            "expected an SVG that refers only to itself, found \"url('x.svg#f')\" in filter=",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "//x.example/a";</style></svg>',
            "expected an SVG that refers only to itself, found '@import \"//x.example/a\"' in a <style>",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><style>rect { fill: url(#g) }</style></svg>', None),
        (
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "expected a well-formed SVG without entities, found: ",
        ),
    ],
)
def test_an_svg_that_does_more_than_draw_is_refused(svg: str, problem: str | None) -> None:
    found = svg_problem(svg.encode())
    assert found == problem if problem is None or not problem.endswith(": ") else found.startswith(problem)


def test_a_photograph_saved_as_png_becomes_a_jpeg_and_a_drawing_stays_a_png() -> None:
    import os

    noise = Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3))
    assert fit(encoded(noise, "PNG"), 1600).startswith(b"\xff\xd8\xff")
    drawing = Image.new("RGB", (400, 300), (255, 255, 255))
    drawing.paste((180, 30, 45), (50, 50, 350, 250))
    assert fit(encoded(drawing, "PNG"), 1600).startswith(b"\x89PNG")
