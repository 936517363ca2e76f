"""A brochure's images as each of its PDFs holds them: the screen PDF's at screen resolution, the
print files' separated to CMYK with the output intent's profile.

The brochure is laid out once, with its figures fitted for print (300 ppi
across the measure, :data:`~pipeline.render.images.WIDTHS`). The print shop's
file and the booklet keep them at that resolution, but PDF/X-4 with a CMYK
output intent admits no RGB image a press would separate its own way:
:func:`separate_images` converts each one with the intent's ICC profile
(sRGB in, relative colorimetric with black-point compensation, as a
prepress tool does by default). The screen PDF, read on a screen and sent by
email, needs half those pixels: :func:`screen_images` scales each image down
to :data:`SCREEN_WIDTH`, about 150 ppi across the measure.

A JPEG stays a JPEG (a photograph), anything else is written losslessly
(a drawing keeps its edges); transparency (``/SMask``) stays as it is. Both
functions are pure: same PDF in, same bytes out.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pikepdf

from pipeline.errors import RenderError
from pipeline.render.images import WIDTHS

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

#: The widest an image of the screen PDF is: 150 ppi across the brochure's measure.
SCREEN_WIDTH = WIDTHS["screen"]
#: The JPEG quality images are written again with (the fitted ones were written at 88).
JPEG_QUALITY = 88
#: Pillow writes a CMYK JPEG inverted, as Photoshop does (an Adobe marker): PDF reads it through this.
INVERTED_CMYK = (1, 0, 1, 0, 1, 0, 1, 0)


def screen_images(pdf: bytes, width: int, display: str) -> bytes:
    """A PDF whose images wider than ``width`` px are scaled to it (their masks with them)."""
    from PIL import Image

    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            changed = False
            for image in drawn_images(document):
                if int(image.Width) <= width or image.get("/ImageMask"):
                    continue
                height = max(1, round(int(image.Height) * width / int(image.Width)))
                for stream in (image, image.get("/SMask")):
                    if not isinstance(stream, pikepdf.Stream):
                        continue
                    pixels = _decoded(stream, display).resize((width, height), Image.Resampling.LANCZOS)
                    _write_pixels(stream, pixels, jpeg=_is_jpeg(stream))
                changed = True
            if not changed:
                return pdf
            buffer = io.BytesIO()
            document.save(buffer, deterministic_id=True, compress_streams=True)
            return buffer.getvalue()
    except pikepdf.PdfError as exc:
        raise RenderError(display, None, f"expected a PDF whose images can be read, found: {exc}") from None


def separate_images(document: pikepdf.Pdf, profile: bytes, display: str, done: dict[str, bytes]) -> None:
    """Convert every RGB image the pages draw to CMYK with ``profile`` (the output intent's), in place.

    ``done`` maps an image's digest to its separation, so that the print file
    and the booklet, made from the same pages, separate each image once.
    """
    for image in drawn_images(document):
        if not _separable(image.get("/ColorSpace")):
            continue
        key, jpeg = _digest(image), _is_jpeg(image)
        if key not in done:
            done[key] = _cmyk_bytes(_decoded(image, display), profile, jpeg)
        image.write(done[key], filter=pikepdf.Name.DCTDecode if jpeg else pikepdf.Name.FlateDecode)
        image.ColorSpace = pikepdf.Name.DeviceCMYK
        image.BitsPerComponent = 8
        for key_name in ("/DecodeParms", "/Decode", "/Intent"):
            if key_name in image:
                del image[key_name]
        if jpeg:
            image.Decode = pikepdf.Array(INVERTED_CMYK)


def drawn_images(document: pikepdf.Pdf) -> Iterator[pikepdf.Stream]:
    """Each image XObject the pages draw (directly or through the forms they place), once."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: pikepdf.Object | None) -> Iterator[pikepdf.Stream]:
        xobjects = resources.get("/XObject") if resources is not None else None
        for xobject in (xobjects or {}).values():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Image":
                yield xobject
            elif xobject.get("/Subtype") == "/Form":
                yield from walk(xobject.get("/Resources"))

    for page in document.pages:
        yield from walk(page.obj.get("/Resources"))


def _separable(space: pikepdf.Object | None) -> bool:
    """Whether an image's colour space is RGB (device, calibrated, ICC with 3 channels, a palette of
    RGB colours): what a CMYK output intent does not admit."""
    if isinstance(space, pikepdf.Array) and len(space) > 1:
        family = str(space[0])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family == "/Indexed":
            return _separable(space[1])
        return family == "/CalRGB"
    return str(space) == "/DeviceRGB"


def _is_jpeg(stream: pikepdf.Stream) -> bool:
    filters = stream.get("/Filter")
    names = list(filters) if isinstance(filters, pikepdf.Array) else [filters]
    return pikepdf.Name.DCTDecode in names


def _digest(stream: pikepdf.Stream) -> str:
    """What identifies an image's pixels: its encoded bytes and how they are to be read."""
    described = hashlib.sha256(stream.read_raw_bytes())
    for key in ("/Width", "/Height", "/BitsPerComponent", "/Filter", "/DecodeParms", "/Decode"):
        described.update(f"{key}={stream.get(key)!r};".encode())
    space = stream.get("/ColorSpace")
    described.update(repr(space).encode())
    if isinstance(space, pikepdf.Array) and space[0] == "/ICCBased":
        described.update(space[1].read_bytes())
    return described.hexdigest()


def _decoded(stream: pikepdf.Stream, display: str) -> PilImage:
    """An image XObject's pixels as a Pillow image (:class:`RenderError` if pikepdf cannot read them)."""
    try:
        return pikepdf.PdfImage(stream).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError) as exc:
        raise RenderError(display, None, f"expected an image pikepdf can decode, found: {exc}") from None


def _cmyk_bytes(pixels: PilImage, profile: bytes, jpeg: bool) -> bytes:
    """RGB pixels → CMYK through ``profile``, encoded as a JPEG (inverted) or as zlib data."""
    from PIL import ImageCms

    rgb = pixels.convert("RGB")
    transform = _transform(profile)
    cmyk = ImageCms.applyTransform(rgb, transform)
    assert cmyk is not None
    if jpeg:
        out = io.BytesIO()
        cmyk.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue()
    return zlib.compress(cmyk.tobytes(), 9)


@functools.lru_cache(maxsize=4)
def _transform(profile: bytes) -> Any:
    """sRGB → the output intent's CMYK, built once a profile."""
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def _write_pixels(stream: pikepdf.Stream, pixels: PilImage, jpeg: bool) -> None:
    """Pillow pixels → an image stream's data and size (a JPEG stays one; anything else, zlib)."""
    if pixels.mode not in ("RGB", "L"):  # a palette, 16 bits, 1 bit: written again as 8-bit RGB or gray
        pixels = pixels.convert("L" if pixels.mode in ("1", "I;16", "I") else "RGB")
        stream.ColorSpace = pikepdf.Name.DeviceGray if pixels.mode == "L" else pikepdf.Name.DeviceRGB
    if jpeg:
        out = io.BytesIO()
        pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        data, name = out.getvalue(), pikepdf.Name.DCTDecode
    else:
        data, name = zlib.compress(pixels.tobytes(), 9), pikepdf.Name.FlateDecode
    stream.write(data, filter=name)
    stream.Width, stream.Height, stream.BitsPerComponent = pixels.width, pixels.height, 8
    for key in ("/DecodeParms", "/Decode"):
        if key in stream:
            del stream[key]
