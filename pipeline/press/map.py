"""TopoJSON countries + two territories → the cover's map, an SVG with both countries highlighted.

The countries are Natural Earth's (public domain), as packaged in TopoJSON by
npm's ``world-atlas`` and vendored in ``assets/maps/``. The map is drawn in a
Lambert azimuthal equal-area projection centred between the two countries, so
that France and Germany fill the frame as well as France and the United States
across the North Atlantic. Countries are data (ISO 3166 codes); no city is
placed, since the editions give us no coordinates.

The SVG is deterministic: coordinates are rounded to a tenth of a millimetre,
countries are drawn in the topology's order, and nothing depends on the clock.

>>> topology = decode_topology({
...     "type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
...     "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
...     "objects": {"countries": {"type": "GeometryCollection",
...         "geometries": [{"type": "Polygon", "id": "250", "arcs": [[0]]}]}}})
>>> topology.countries[0].territory, topology.countries[0].polygons
('FR', ((((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)),),))
"""

from __future__ import annotations

import hashlib
import itertools
import json
import marshal
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import get_global

from pipeline.errors import RenderError

#: Rennes' country, always highlighted beside the partner's.
HOME_TERRITORY = "FR"

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]


@dataclass(frozen=True)
class Country:
    """One country of the topology: its CLDR territory code and its polygons in degrees."""

    territory: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Topology:
    """The countries of a TopoJSON file, decoded."""

    countries: tuple[Country, ...]


@dataclass(frozen=True)
class MapStyle:
    """What the map is drawn with: its frame in millimetres and the palette's colours."""

    width_mm: float
    height_mm: float
    land: str
    """Fill of the other countries."""
    land_opacity: float
    highlight: str
    """Fill of France and the partner country."""
    border: str
    """Colour of the borders, drawn 0.35 pt wide (never a hairline)."""
    sea: str = ""
    """Fill of the frame behind the land, so the map reads as a panel with edges; none for no sea."""
    sea_opacity: float = 1.0


#: Borders are 0.35 pt: thin enough to read as a map, thick enough to print.
BORDER_PT = 0.35
_PT_IN_MM = 25.4 / 72
#: Coordinates are tenths of a millimetre, as integers.
_UNITS_PER_MM = 10
#: Vertices closer than this to the previous one are dropped (tenths of a mm).
_MIN_STEP = 4
#: Vertices far outside the frame are clamped this far outside it (tenths of a mm).
_OUTSIDE = 100


def numeric_territories() -> dict[str, str]:
    """ISO 3166 numeric code (``"250"``) → CLDR territory (``"FR"``), from Babel's CLDR aliases."""
    aliases: Mapping[str, Sequence[str]] = get_global("territory_aliases")
    return {code: targets[0] for code, targets in aliases.items() if code.isdigit() and len(targets) == 1}


def decode_topology(data: Mapping[str, Any]) -> Topology:
    """A TopoJSON topology (quantized, delta-encoded arcs) → its countries in degrees."""
    transform = data.get("transform")
    arcs = [_decode_arc(arc, transform) for arc in data["arcs"]]
    territories = numeric_territories()
    countries = []
    for geometry in _geometries(data):
        territory = territories.get(str(geometry.get("id", "")))
        if territory is None:
            continue  # disputed areas and the like have no ISO code: drawn by no edition
        countries.append(Country(territory, _polygons(geometry, arcs)))
    return Topology(tuple(countries))


def _geometries(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    objects = data["objects"]
    collection = objects.get("countries") or next(iter(objects.values()))
    return list(collection["geometries"])


def _decode_arc(arc: Sequence[Sequence[float]], transform: Mapping[str, Any] | None) -> list[Point]:
    if transform is None:
        return [(float(x), float(y)) for x, y, *_ in arc]
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    x = y = 0.0
    points = []
    for dx, dy, *_ in arc:
        x, y = x + dx, y + dy
        points.append((x * scale_x + shift_x, y * scale_y + shift_y))
    return points


def _ring(indexes: Iterable[int], arcs: Sequence[list[Point]]) -> Ring:
    """An arc index ``~i`` (negative) is arc ``i`` reversed; consecutive arcs share an end point."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


def _polygons(geometry: Mapping[str, Any], arcs: Sequence[list[Point]]) -> tuple[Polygon, ...]:
    kind = geometry.get("type")
    if kind == "Polygon":
        groups = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        groups = geometry["arcs"]
    else:
        return ()
    return tuple(tuple(_ring(ring, arcs) for ring in polygon) for polygon in groups)


def parse_topology(text: str, display: str) -> Topology:
    """TopoJSON text → its countries; a file that is not one names itself in the error."""
    try:
        return decode_topology(json.loads(text))
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise RenderError(
            display, None, f"expected a TopoJSON topology of countries, found: {exc!r}"
        ) from None


# --- projection -------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Lambert azimuthal equal-area, centred on ``(lon, lat)`` in degrees; output in radius units."""

    lon: float
    lat: float
    # The centre's latitude's sine and cosine, worked out once, not at every point.
    _sin0: float = field(init=False, repr=False, compare=False)
    _cos0: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phi0 = math.radians(self.lat)
        object.__setattr__(self, "_sin0", math.sin(phi0))
        object.__setattr__(self, "_cos0", math.cos(phi0))

    def __call__(self, point: Point) -> Point:
        lam, phi = math.radians(point[0] - self.lon), math.radians(point[1])
        sin0, cos0 = self._sin0, self._cos0
        sin_phi, cos_phi, cos_lam = math.sin(phi), math.cos(phi), math.cos(lam)
        cos_c = sin0 * sin_phi + cos0 * cos_phi * cos_lam
        k = math.sqrt(2 / max(1 + cos_c, 1e-9))
        x = k * cos_phi * math.sin(lam)
        y = k * (cos0 * sin_phi - sin0 * cos_phi * cos_lam)
        return x, -y  # SVG's y axis points down


def main_polygon(country: Country) -> Polygon:
    """The country's largest polygon (metropolitan France, the contiguous United States)."""
    return max(country.polygons, key=lambda polygon: _degree_area(polygon[0]))


def _degree_area(ring: Ring) -> float:
    """Area in square degrees, shrunk with latitude (enough to compare a country's parts)."""
    mean_lat = math.radians(sum(lat for _, lat in ring) / max(len(ring), 1))
    return abs(_shoelace(ring)) * math.cos(mean_lat)


def _shoelace(ring: Sequence[Point]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _centre(points: Sequence[Point]) -> Point:
    """The spherical mean of ``points``: the projection's centre."""
    vectors = [
        (
            math.cos(math.radians(lat)) * math.cos(math.radians(lon)),
            math.cos(math.radians(lat)) * math.sin(math.radians(lon)),
            math.sin(math.radians(lat)),
        )
        for lon, lat in points
    ]
    x, y, z = (sum(vector[axis] for vector in vectors) for axis in range(3))
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


# --- drawing ----------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """Projected coordinates → tenths of a millimetre in the map's frame."""

    left: float
    top: float
    scale: float

    def place(self, point: Point) -> tuple[int, int]:
        return round((point[0] - self.left) * self.scale), round((point[1] - self.top) * self.scale)


def _fit(bounds: tuple[float, float, float, float], width: int, height: int) -> _Frame:
    """The frame showing ``bounds`` (projected) with a margin, centred, at the frame's aspect."""
    left, top, right, bottom = bounds
    margin = 0.12 * max(right - left, bottom - top)
    left, top, right, bottom = left - margin, top - margin, right + margin, bottom + margin
    scale = min(width / (right - left), height / (bottom - top))
    middle_x, middle_y = (left + right) / 2, (top + bottom) / 2
    return _Frame(middle_x - width / 2 / scale, middle_y - height / 2 / scale, scale)


def _placed(ring: Ring, frame: _Frame, projection: Projection) -> list[tuple[int, int]]:
    """A ring's points projected and placed in the frame: each ring is projected once."""
    return [frame.place(projection(point)) for point in ring]


def _path(rings: Iterable[list[tuple[int, int]]], width: int, height: int) -> str:
    """A polygon's rings, placed, as an SVG path."""
    parts = []
    for ring in rings:
        placed = _simplify([_clamp(point, width, height) for point in ring], _MIN_STEP)
        if len(placed) >= 3:
            start, *rest = placed
            parts.append(f"M{start[0]},{start[1]}" + "".join(f"L{x},{y}" for x, y in rest) + "Z")
    return "".join(parts)


def _clamp(point: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    """A vertex far outside the frame is pulled to a band around it: shorter paths, same picture."""
    return (
        min(max(point[0], -_OUTSIDE), width + _OUTSIDE),
        min(max(point[1], -_OUTSIDE), height + _OUTSIDE),
    )


def _simplify(points: Sequence[tuple[int, int]], step: int) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for point in points:
        if not kept or max(abs(point[0] - kept[-1][0]), abs(point[1] - kept[-1][1])) >= step:
            kept.append(point)
    return kept


@dataclass(frozen=True)
class _Cap:
    """A spherical cap holding a ring: its centre (a unit vector) and angular radius (radians)."""

    centre: tuple[float, float, float]
    radius: float


def _unit(point: Point) -> tuple[float, float, float]:
    lon, lat = math.radians(point[0]), math.radians(point[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _cap(ring: Ring) -> _Cap | None:
    """The cap around ``ring``'s points, a little wider than they need; none when they circle the globe."""
    vectors = [_unit(point) for point in ring]
    x, y, z = (sum(vector[axis] for vector in vectors) for axis in range(3))
    norm = math.sqrt(x * x + y * y + z * z)
    if norm < 1e-6:
        return None
    centre = (x / norm, y / norm, z / norm)
    cosines = [sum(a * b for a, b in zip(centre, vector, strict=True)) for vector in vectors]
    return _Cap(centre, math.acos(max(-1.0, min(1.0, min(cosines)))) + 1e-6)


_CAPS: dict[int, tuple[Topology, list[list[_Cap | None]]]] = {}


def _caps(topology: Topology) -> list[list[_Cap | None]]:
    """Each country's polygons' caps, computed once per topology read (a worker draws many maps)."""
    held = _CAPS.get(id(topology))
    if held is None or held[0] is not topology:
        held = (
            topology,
            [[_cap(polygon[0]) for polygon in country.polygons] for country in topology.countries],
        )
        _CAPS.clear()
        _CAPS[id(topology)] = held
    return held[1]


def packed_topology_key(text: str) -> str:
    """The name :func:`pack_topology`'s bytes of the TopoJSON ``text`` are kept under: it changes
    with the file, with this module's code and with marshal's format, so a stale pack is never read."""
    code = Path(__file__).read_bytes()
    return hashlib.sha256(text.encode() + code + b"marshal %d" % marshal.version).hexdigest()[:16]


def pack_topology(topology: Topology) -> bytes:
    """The decoded countries and the caps of their rings, as bytes that load in milliseconds
    (decoding the TopoJSON and finding the caps takes about a third of a second)."""
    return marshal.dumps(
        (
            [(country.territory, country.polygons) for country in topology.countries],
            [[(cap.centre, cap.radius) if cap else None for cap in caps] for caps in _caps(topology)],
        )
    )


def unpack_topology(data: bytes) -> Topology:
    """:func:`pack_topology`'s bytes → the topology, its caps known; ``ValueError`` for other bytes."""
    try:
        countries, caps = marshal.loads(data)
        topology = Topology(tuple(Country(str(code), polygons) for code, polygons in countries))
        held = [[_Cap(tuple(cap[0]), float(cap[1])) if cap else None for cap in row] for row in caps]
    except (EOFError, ValueError, TypeError, IndexError) as exc:
        raise ValueError(f"not a packed topology: {exc}") from None
    if [len(row) for row in held] != [len(country.polygons) for country in topology.countries]:
        raise ValueError("not a packed topology: its caps and its polygons differ in number")
    _CAPS.clear()
    _CAPS[id(topology)] = (topology, held)
    return topology


def _surely_hidden(cap: _Cap | None, frame: _Frame, width: int, height: int, projection: Projection) -> bool:
    """Whether no point of ``cap`` can fall in the frame's box: a cheap test, exact in its direction.

    Seen from the projection's centre, the cap spans distances ``d ± r`` and
    azimuths ``α ± β`` (``sin β = sin r / sin d``); the equal-area projection
    puts a point at distance ``c`` at radius ``2 sin(c/2)`` along its azimuth,
    so the cap's points lie in that annular sector. When the sector's box,
    placed in the frame and widened by a unit for rounding, misses the frame,
    so does every point: the ring is hidden. A cap holding the centre or its
    antipode is never called hidden.
    """
    if cap is None:
        return False
    centre = _unit((projection.lon, projection.lat))
    cosine = sum(a * b for a, b in zip(centre, cap.centre, strict=True))
    distance = math.acos(max(-1.0, min(1.0, cosine)))
    if cap.radius >= distance or distance + cap.radius >= math.pi - 1e-6:
        return False
    spread = math.asin(min(1.0, math.sin(cap.radius) / math.sin(distance)))
    lon = math.degrees(math.atan2(cap.centre[1], cap.centre[0]))
    lat = math.degrees(math.asin(max(-1.0, min(1.0, cap.centre[2]))))
    x, y = projection((lon, lat))
    azimuth = math.atan2(x, -y)  # clockwise from the top of the map
    inner, outer = 2 * math.sin((distance - cap.radius) / 2), 2 * math.sin((distance + cap.radius) / 2)
    angles = [azimuth - spread, azimuth + spread]
    # The sector's box also reaches where its arc crosses an axis.
    for quarter in range(-8, 9):
        angle = quarter * math.pi / 2
        if azimuth - spread < angle < azimuth + spread:
            angles.append(angle)
    corners = [
        (radius * math.sin(angle), -radius * math.cos(angle)) for radius in (inner, outer) for angle in angles
    ]
    xs = [(cx - frame.left) * frame.scale for cx, _ in corners]
    ys = [(cy - frame.top) * frame.scale for _, cy in corners]
    return max(xs) < -1 or min(xs) > width + 1 or max(ys) < -1 or min(ys) > height + 1


def _visible(placed: Sequence[tuple[int, int]], width: int, height: int) -> bool:
    """Whether the box around a polygon's outer ring, placed, meets the frame."""
    xs, ys = [x for x, _ in placed], [y for _, y in placed]
    return min(xs) < width and max(xs) > 0 and min(ys) < height and max(ys) > 0


def render_map(topology: Topology, territories: Sequence[str], style: MapStyle, label: str) -> str:
    """An SVG map of the countries around ``territories``, those highlighted; ``label`` is its title.

    Each highlighted country must be in the topology.
    """
    by_code = {country.territory: country for country in topology.countries}
    missing = [code for code in territories if code not in by_code]
    if missing:
        raise RenderError(
            "<map>", None, f"expected the territories {', '.join(missing)} on the map, found none"
        )
    mains = [main_polygon(by_code[code]) for code in territories]
    projection = Projection(*_centre([point for polygon in mains for point in polygon[0]]))
    projected = [projection(point) for polygon in mains for point in polygon[0]]
    width, height = round(style.width_mm * _UNITS_PER_MM), round(style.height_mm * _UNITS_PER_MM)
    frame = _fit(
        (
            min(x for x, _ in projected),
            min(y for _, y in projected),
            max(x for x, _ in projected),
            max(y for _, y in projected),
        ),
        width,
        height,
    )
    land: list[tuple[str, str]] = []
    highlighted: list[tuple[str, str]] = []
    for country, caps in zip(topology.countries, _caps(topology), strict=True):
        paths = []
        for polygon, cap in zip(country.polygons, caps, strict=True):
            if _surely_hidden(cap, frame, width, height, projection):
                continue
            outer = _placed(polygon[0], frame, projection)
            if _visible(outer, width, height):
                inner = (_placed(ring, frame, projection) for ring in polygon[1:])
                paths.append(_path(itertools.chain([outer], inner), width, height))
        path = "".join(paths)
        if path:
            (highlighted if country.territory in territories else land).append((country.territory, path))
    stroke = round(BORDER_PT * _PT_IN_MM * _UNITS_PER_MM, 2)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
            f' width="{style.width_mm}mm" height="{style.height_mm}mm" role="img">',
            f"<title>{_escape(label)}</title>",
            f'<rect width="{width}" height="{height}" fill="{style.sea}" fill-opacity="{style.sea_opacity}"/>'
            if style.sea
            else "",
            f'<g stroke="{style.border}" stroke-width="{stroke}" stroke-linejoin="round">',
            f'<g fill="{style.land}" fill-opacity="{style.land_opacity}">',
            *(f'<path data-territory="{code}" d="{path}"/>' for code, path in land),
            "</g>",
            f'<g fill="{style.highlight}">',
            *(f'<path data-territory="{code}" d="{path}"/>' for code, path in highlighted),
            "</g></g></svg>",
        ]
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
