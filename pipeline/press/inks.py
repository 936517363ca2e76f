"""A print PDF → what each page paints with which inks: its boxes, its text colours, its peak total ink.

What a print shop's preflight measures, read off the content streams (pikepdf),
down through the form XObjects the imposer places the brochure's pages as:

* the fill colour of every text-showing operator (``Tj``, ``TJ``, ``'``, ``"``),
  in paint order, as proof-pdf's ``--k-only-text`` judges them (:meth:`Colour.is_k_only`);
* the peak total ink (C + M + Y + K, in %) of what is painted inside the
  BleedBox, and on the whole sheet, crop marks included. The registration
  colour (``/Separation /All``) is 100 % of every plate, 400 %: the crop marks
  are drawn in it, outside the BleedBox, and are trimmed off.

The peak is the inkiest object a clip lets reach the box (a path's bounds, an
image's pixels, a text run wherever its clip lets it be), not a raster: with
the normal blend mode, opacity mixes two colours and never exceeds the
inkier, so no point of the page holds more ink than the peak. What would
break that bound (overprint, another blend mode, a soft mask, a shading or a
pattern, whose inks are not read) is listed in :attr:`PageInks.unmeasured`.

>>> Colour("cmyk", (0.0, 0.93, 0.8, 0.38)).describe(), Colour("cmyk", (0, 0, 0, 0.72)).is_k_only()
('C0 M93 Y80 K38', True)
>>> Colour("separation", (1.0,), "All").ink()
400.0
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pikepdf

from pipeline.errors import RenderError
from pipeline.press.prepress import separate

#: x0, y0, x1, y1 in page points.
Rect = tuple[float, float, float, float]
#: A PDF matrix (a, b, c, d, e, f).
Matrix = tuple[float, float, float, float, float, float]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: An ink this close to none is none (proof-pdf's tolerance, ``_INK_EPSILON``).
INK_EPSILON = 0.01
#: How deep forms may nest: a guard against a file whose forms draw each other.
_MAX_DEPTH = 12

_SHOW_TEXT = frozenset({"Tj", "TJ", "'", '"'})
_FILL = frozenset({"f", "F", "f*"})
_STROKE = frozenset({"S", "s"})
_FILL_STROKE = frozenset({"B", "B*", "b", "b*"})
_PATH_POINTS = {"m": 1, "l": 1, "c": 3, "v": 2, "y": 2}
#: The device spaces, by their name and by the number of components of an ICC-based space.
_DEVICE_SPACES = {"/DeviceGray": "gray", "/DeviceRGB": "rgb", "/DeviceCMYK": "cmyk"}
_BY_COMPONENTS = {1: "gray", 3: "rgb", 4: "cmyk"}
_INITIAL = {"gray": (0.0,), "rgb": (0.0, 0.0, 0.0), "cmyk": (0.0, 0.0, 0.0, 1.0)}


@dataclass(frozen=True)
class Colour:
    """A colour as a content stream sets it: its family, its components and, for a spot, its colourant."""

    family: str
    """``gray``, ``rgb``, ``cmyk``, ``separation``, ``devicen`` or ``other`` (a pattern, a Lab colour…)."""
    values: tuple[float, ...] = ()
    colourant: str = ""

    def is_k_only(self) -> bool:
        """Whether only the K plate (or no plate) prints it: a grey, or CMYK without C, M and Y."""
        if self.family == "gray":
            return True
        return self.family == "cmyk" and max(self.values[:3], default=0.0) <= INK_EPSILON

    def cmyk(self) -> tuple[float, float, float, float] | None:
        """Its four process inks (0–1), where it has them."""
        if self.family == "gray" and self.values:
            return (0.0, 0.0, 0.0, 1 - self.values[0])
        if self.family == "rgb" and len(self.values) == 3:
            return separate((self.values[0], self.values[1], self.values[2]))
        if self.family == "cmyk" and len(self.values) == 4:
            return (self.values[0], self.values[1], self.values[2], self.values[3])
        return None

    def ink(self) -> float | None:
        """Its total ink in %; a spot is one plate, the registration colour (``All``) every plate."""
        process = self.cmyk()
        if process is not None:
            return round(100 * sum(process), 1)
        if self.family == "separation" and self.values:
            plates = {"All": 4, "None": 0}.get(self.colourant, 1)
            return round(100 * plates * self.values[0], 1)
        if self.family == "devicen":
            return round(100 * sum(self.values), 1)
        return None

    def describe(self) -> str:
        """``C0 M93 Y80 K38``, as proof-pdf names a CMYK colour; ``gray 0.5``, ``RGB 1/0/0``…"""
        if self.family == "cmyk" and len(self.values) == 4:
            c, m, y, k = (round(value * 100) for value in self.values)
            return f"C{c} M{m} Y{y} K{k}"
        if self.family == "separation":
            return f"the spot colour {self.colourant} at {self.values[0] if self.values else 1:g}"
        numbers = "/".join(f"{value:g}" for value in self.values)
        return f"{self.family.upper() if self.family == 'rgb' else self.family} {numbers}".strip()


@dataclass(frozen=True)
class PageInks:
    """What one page of a print PDF paints (1-based ``number``), measured in page points."""

    number: int
    media: Rect
    trim: Rect | None
    bleed: Rect | None
    text: tuple[Colour, ...]
    """The fill colour of each text-showing operator, in paint order."""
    peak_in_bleed: float
    """The peak total ink (%) inside the BleedBox (the TrimBox, else the MediaBox, without one)."""
    peak_colour: Colour | None
    """The colour that reaches :attr:`peak_in_bleed`, or ``None`` on a page that paints nothing."""
    peak_on_sheet: float
    """The peak total ink (%) anywhere on the sheet, crop marks included."""
    unmeasured: tuple[str, ...] = ()
    """What the peak does not account for: overprint, blend modes, soft masks, shadings, patterns."""


@dataclass(frozen=True)
class _State:
    """The part of the graphics state the measure reads, saved by ``q`` and restored by ``Q``."""

    fill: Colour = Colour("gray", (0.0,))
    stroke: Colour = Colour("gray", (0.0,))
    ctm: Matrix = _IDENTITY
    clip: Rect | None = None
    render_mode: int = 0
    line_width: float = 1.0


@dataclass
class _Walk:
    """What a walk over one page has found so far."""

    area: Rect
    text: list[Colour] = field(default_factory=list)
    peak_in_area: tuple[float, Colour | None] = (0.0, None)
    peak_on_sheet: float = 0.0
    unmeasured: set[str] = field(default_factory=set)
    images: dict[tuple[int, int], float | None] = field(default_factory=dict)

    def paint(self, colour: Colour, extent: Rect | None, state: _State) -> None:
        """Something painted in ``colour`` over ``extent`` (page space; ``None``: all the clip lets it)."""
        ink = colour.ink()
        if ink is None:
            self.unmeasured.add(f"a colour whose inks are not read ({colour.describe()})")
            return
        self.paint_ink(ink, colour, extent, state)

    def paint_ink(self, ink: float, colour: Colour | None, extent: Rect | None, state: _State) -> None:
        """Ink painted over ``extent``, cut to the clip; it counts in the area where it reaches it."""
        region = extent if state.clip is None or extent is None else _cut(extent, state.clip)
        region = state.clip if region is None else region
        if region is not None and _empty(region):
            return
        self.peak_on_sheet = max(self.peak_on_sheet, ink)
        inside = region is None or not _empty(_cut(region, self.area))
        if inside and ink > self.peak_in_area[0]:
            self.peak_in_area = (ink, colour)


def measure_inks(pdf: bytes, display: str) -> list[PageInks]:
    """Each page's boxes, text colours and peak ink, first page first."""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            return [_measure_page(page, number) for number, page in enumerate(document.pages, start=1)]
    except pikepdf.PdfError as exc:
        raise RenderError(display, None, f"expected a PDF to measure its inks, found: {exc}") from None


def _measure_page(page: pikepdf.Page, number: int) -> PageInks:
    media = _box(page.obj, "/MediaBox") or (0.0, 0.0, 0.0, 0.0)
    trim, bleed = _box(page.obj, "/TrimBox"), _box(page.obj, "/BleedBox")
    walk = _Walk(area=bleed or trim or media)
    _walk_content(page.obj, page.obj.get("/Resources"), _State(), walk, 0)
    peak, colour = walk.peak_in_area
    return PageInks(
        number=number,
        media=media,
        trim=trim,
        bleed=bleed,
        text=tuple(walk.text),
        peak_in_bleed=peak,
        peak_colour=colour,
        peak_on_sheet=walk.peak_on_sheet,
        unmeasured=tuple(sorted(walk.unmeasured)),
    )


def _walk_content(
    holder: pikepdf.Object, resources: pikepdf.Object | None, state: _State, walk: _Walk, depth: int
) -> None:
    """Follow the operators of a page or form, keeping the state they leave, noting what they paint."""
    saved: list[_State] = []
    path: list[tuple[float, float]] = []
    clip_pending = False
    for instruction in pikepdf.parse_content_stream(holder):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            walk.unmeasured.add("an inline image")
            continue
        operator, operands = str(instruction.operator), list(instruction.operands)
        if operator == "q":
            saved.append(state)
        elif operator == "Q":
            state = saved.pop() if saved else state
        elif operator == "cm":
            state = replace(state, ctm=_multiply(_matrix(operands), state.ctm))
        elif operator in _COLOUR_OPERATORS:
            stroking, colour = _COLOUR_OPERATORS[operator](operands, resources, state, operator.isupper())
            state = replace(state, stroke=colour) if stroking else replace(state, fill=colour)
        elif operator == "w":
            state = replace(state, line_width=_number(operands, 0))
        elif operator == "Tr":
            state = replace(state, render_mode=int(_number(operands, 0)))
        elif operator == "gs":
            _note_graphics_state(_resource(resources, "/ExtGState", operands), walk)
        elif operator in _PATH_POINTS:
            path += [
                (_number(operands, 2 * index), _number(operands, 2 * index + 1))
                for index in range(_PATH_POINTS[operator])
            ]
        elif operator == "re":
            x, y, width, height = (_number(operands, index) for index in range(4))
            path += [(x, y), (x + width, y + height)]
        elif operator in ("W", "W*"):
            clip_pending = True
        elif operator in _FILL or operator in _STROKE or operator in _FILL_STROKE or operator == "n":
            extent = _bounds(state.ctm, path)
            if operator in _FILL or operator in _FILL_STROKE:
                walk.paint(state.fill, extent, state)
            if (operator in _STROKE or operator in _FILL_STROKE) and extent is not None:
                walk.paint(state.stroke, _widen(extent, state.line_width / 2 * _scale(state.ctm)), state)
            if clip_pending and extent is not None:
                state = replace(state, clip=extent if state.clip is None else _cut(extent, state.clip))
            clip_pending, path = False, []
        elif operator in _SHOW_TEXT:
            walk.text.append(state.fill)
            if state.render_mode in (0, 2, 4, 6):
                walk.paint(state.fill, None, state)
            if state.render_mode in (1, 2, 5, 6):
                walk.paint(state.stroke, None, state)
        elif operator == "sh":
            walk.unmeasured.add("a shading")
        elif operator == "Do":
            _draw_xobject(_resource(resources, "/XObject", operands), state, walk, depth)


def _draw_xobject(xobject: pikepdf.Object | None, state: _State, walk: _Walk, depth: int) -> None:
    if not isinstance(xobject, pikepdf.Stream):
        return
    if xobject.get("/Subtype") == "/Image":
        key = xobject.objgen
        if key not in walk.images:
            walk.images[key] = image_ink(xobject)
        ink = walk.images[key]
        if ink is None:
            walk.unmeasured.add("an image whose inks are not read")
        elif xobject.get("/SMask") is not None:
            walk.unmeasured.add("a soft mask")
        else:
            walk.paint_ink(ink, None, _bounds(state.ctm, [(0, 0), (1, 1), (0, 1), (1, 0)]), state)
        return
    if xobject.get("/Subtype") != "/Form" or depth >= _MAX_DEPTH:
        return
    ctm = _multiply(_matrix(list(xobject.get("/Matrix", _IDENTITY))), state.ctm)
    box = _box(xobject, "/BBox")
    clip = state.clip
    if box is not None:
        corners = _bounds(ctm, [(box[0], box[1]), (box[2], box[3]), (box[0], box[3]), (box[2], box[1])])
        if corners is not None:
            clip = corners if clip is None else _cut(corners, clip)
    _walk_content(xobject, xobject.get("/Resources"), replace(state, ctm=ctm, clip=clip), walk, depth + 1)


def image_ink(image: pikepdf.Stream) -> float | None:
    """The peak total ink (%) of an 8-bit grey or CMYK image, or ``None`` for another kind."""
    from PIL import Image, ImageMath

    space = image.get("/ColorSpace")
    family = _DEVICE_SPACES.get(str(space)) if isinstance(space, pikepdf.Name) else None
    if family not in ("gray", "cmyk") or image.get("/BitsPerComponent") != 8:
        return None
    filters = image.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    pixels: Image.Image
    if names == [pikepdf.Name.DCTDecode]:
        # Pillow undoes the inversion of an Adobe CMYK JPEG (the /Decode array PDF reads it through)
        pixels = Image.open(io.BytesIO(image.read_raw_bytes()))
    elif "/Decode" in image:
        return None
    else:
        size = (int(image.Width), int(image.Height))
        pixels = Image.frombytes("CMYK" if family == "cmyk" else "L", size, image.read_bytes())
    if family == "gray":
        darkest, _ = pixels.convert("L").getextrema()
        return round(100 * (1 - float(str(darkest)) / 255), 1)
    cyan, magenta, yellow, black = (band.convert("I") for band in pixels.convert("CMYK").split())
    total = ImageMath.lambda_eval(
        lambda bands: bands["c"] + bands["m"] + bands["y"] + bands["k"], c=cyan, m=magenta, y=yellow, k=black
    )
    return round(100 * float(total.getextrema()[1]) / 255, 1)


def _note_graphics_state(state: pikepdf.Object | None, walk: _Walk) -> None:
    """An ExtGState whose painting the peak cannot bound: overprint, a blend mode, a soft mask."""
    if state is None:
        return
    if any(bool(state.get(key, False)) for key in ("/OP", "/op")):
        walk.unmeasured.add("overprint")
    blend = state.get("/BM")
    modes = list(blend) if isinstance(blend, pikepdf.Array) else [blend] if blend is not None else []
    if any(str(mode) not in ("/Normal", "/Compatible") for mode in modes):
        walk.unmeasured.add("a blend mode other than Normal")
    mask = state.get("/SMask")
    if mask is not None and mask != pikepdf.Name("/None"):
        walk.unmeasured.add("a soft mask")


def _set_device(
    operands: list[Any], resources: pikepdf.Object | None, state: _State, stroking: bool
) -> tuple[bool, Colour]:
    """``g``/``rg``/``k`` (and their stroking capitals): a device colour."""
    family = {1: "gray", 3: "rgb", 4: "cmyk"}[len(operands)] if len(operands) in (1, 3, 4) else "other"
    return stroking, Colour(family, tuple(_number(operands, index) for index in range(len(operands))))


def _set_space(
    operands: list[Any], resources: pikepdf.Object | None, state: _State, stroking: bool
) -> tuple[bool, Colour]:
    """``cs``/``CS``: a colour space, and its initial colour."""
    space = operands[0] if operands else None
    named = _resource(resources, "/ColorSpace", operands) if isinstance(space, pikepdf.Name) else None
    family, colourant, components = _space(named if named is not None else space)
    initial = _INITIAL.get(family, (1.0,) * components)
    return stroking, Colour(family, initial, colourant)


def _set_components(
    operands: list[Any], resources: pikepdf.Object | None, state: _State, stroking: bool
) -> tuple[bool, Colour]:
    """``sc``/``scn``/``SC``/``SCN``: new components in the space in force (a name: a pattern)."""
    current = state.stroke if stroking else state.fill
    if operands and isinstance(operands[-1], pikepdf.Name):
        return stroking, Colour("other", (), "a pattern")
    values = tuple(_number(operands, index) for index in range(len(operands)))
    return stroking, replace(current, values=values)


_COLOUR_OPERATORS = {
    "g": _set_device,
    "G": _set_device,
    "rg": _set_device,
    "RG": _set_device,
    "k": _set_device,
    "K": _set_device,
    "cs": _set_space,
    "CS": _set_space,
    "sc": _set_components,
    "SC": _set_components,
    "scn": _set_components,
    "SCN": _set_components,
}


def _space(space: Any) -> tuple[str, str, int]:
    """A colour space → its family, its colourant (a separation's) and its number of components."""
    if isinstance(space, pikepdf.Name):
        family = _DEVICE_SPACES.get(str(space), "other")
        return family, "", len(_INITIAL.get(family, ()))
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        kind = str(space[0])
        if kind == "/ICCBased":
            components = int(space[1].get("/N", 0))
            return _BY_COMPONENTS.get(components, "other"), "", components
        if kind == "/Separation":
            return "separation", str(space[1]).lstrip("/"), 1
        if kind == "/DeviceN":
            return "devicen", "", len(space[1])
        if kind in _DEVICE_SPACES:
            return _space(space[0])
    return "other", "", 1


def _resource(resources: pikepdf.Object | None, category: str, operands: list[Any]) -> pikepdf.Object | None:
    if resources is None or not operands or not isinstance(operands[0], pikepdf.Name):
        return None
    entries = resources.get(category)
    return entries.get(operands[0]) if isinstance(entries, pikepdf.Dictionary) else None


def _box(holder: pikepdf.Object, name: str) -> Rect | None:
    value = holder.get(name)
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(number) for number in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _number(operands: list[Any], index: int) -> float:
    try:
        return float(operands[index])
    except (IndexError, TypeError, ValueError):
        return 0.0


def _matrix(operands: list[Any]) -> Matrix:
    if len(operands) != 6:
        return _IDENTITY
    a, b, c, d, e, f = (_number(operands, index) for index in range(6))
    return (a, b, c, d, e, f)


def _multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first``, then ``then`` (PDF's ``first × then``)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = then
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _bounds(matrix: Matrix, points: list[tuple[float, float]]) -> Rect | None:
    if not points:
        return None
    a, b, c, d, e, f = matrix
    xs = [a * x + c * y + e for x, y in points]
    ys = [b * x + d * y + f for x, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _scale(matrix: Matrix) -> float:
    """The factor a matrix scales lengths by (the square root of its determinant)."""
    return float(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) ** 0.5)


def _widen(rect: Rect, margin: float) -> Rect:
    return (rect[0] - margin, rect[1] - margin, rect[2] + margin, rect[3] + margin)


def _cut(rect: Rect, clip: Rect) -> Rect:
    return (max(rect[0], clip[0]), max(rect[1], clip[1]), min(rect[2], clip[2]), min(rect[3], clip[3]))


def _empty(rect: Rect) -> bool:
    return rect[0] > rect[2] or rect[1] > rect[3]


def k_only_breaches(pages: list[PageInks]) -> Iterator[tuple[int, Colour, int]]:
    """Each page's first text colour that is not K only, and how many runs are not (proof-pdf's finding)."""
    for page in pages:
        breaches = [colour for colour in page.text if not colour.is_k_only()]
        if breaches:
            yield page.number, breaches[0], len(breaches)
