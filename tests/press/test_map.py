"""pipeline.press.map: TopoJSON decoded, projected and drawn as a deterministic SVG."""

from __future__ import annotations

import marshal
import re

import pytest

from pipeline.errors import RenderError
from pipeline.press import map as map_module
from pipeline.press.map import (
    MapStyle,
    Topology,
    decode_topology,
    numeric_territories,
    parse_topology,
    render_map,
)

from ..project import ROOT

STYLE = MapStyle(
    width_mm=100, height_mm=60, land="#f4efe6", land_opacity=0.2, highlight="#f4efe6", border="#9b1d20"
)

#: Two squares sharing an edge (arc 0), quantized and delta-encoded: France west, Germany east.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [-2, 44]},
    "arcs": [
        [[8, 0], [0, 8]],  # the shared border, x = 2, from y = 44 to 48
        [[8, 8], [-8, 0], [0, -8], [8, 0]],  # France's other three sides
        [[8, 0], [8, 0], [0, 8], [-8, 0]],  # Germany's other three sides
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "250", "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "276", "arcs": [[2, -1]]},
                {"type": "Polygon", "id": "-99", "arcs": [[1]]},
            ],
        }
    },
}


def test_arcs_are_dequantized_delta_decoded_and_reversed_by_their_complement() -> None:
    topology = decode_topology(TINY)
    france, germany = topology.countries
    assert france.territory == "FR"
    assert france.polygons == ((((2.0, 44.0), (2.0, 48.0), (-2.0, 48.0), (-2.0, 44.0), (2.0, 44.0)),),)
    assert germany.territory == "DE"
    # ~0 is arc 0 reversed: Germany's ring closes along the shared border, downwards.
    assert germany.polygons[0][0][-2:] == ((2.0, 48.0), (2.0, 44.0))


def test_a_geometry_without_an_iso_code_is_left_out() -> None:
    assert [country.territory for country in decode_topology(TINY).countries] == ["FR", "DE"]


def test_iso_numeric_codes_come_from_cldr() -> None:
    codes = numeric_territories()
    assert [codes[number] for number in ("250", "826", "840", "276", "203", "372", "616")] == [
        "FR",
        "GB",
        "US",
        "DE",
        "CZ",
        "IE",
        "PL",
    ]


def test_the_svg_highlights_exactly_the_two_countries_and_is_deterministic() -> None:
    topology = decode_topology(TINY)
    first = render_map(topology, ["FR", "DE"], STYLE, "Map: France & Germany")
    assert first == render_map(topology, ["FR", "DE"], STYLE, "Map: France & Germany")
    highlighted = first.split('<g fill="#f4efe6">')[1]
    assert re.findall(r'data-territory="(\w+)"', highlighted) == ["FR", "DE"]
    assert "<title>Map: France &amp; Germany</title>" in first
    assert re.fullmatch(r"[ML0-9,Z-]+", re.search(r' d="([^"]+)"', first)[1])  # integers only


def test_the_borders_are_no_hairline() -> None:
    svg = render_map(decode_topology(TINY), ["FR", "DE"], STYLE, "m")
    width = float(re.search(r'stroke-width="([\d.]+)"', svg)[1])  # in tenths of a millimetre
    assert width / 10 >= 0.25 * 25.4 / 72


def test_a_territory_missing_from_the_data_is_an_error() -> None:
    with pytest.raises(RenderError, match="expected the territories JP on the map"):
        render_map(decode_topology(TINY), ["FR", "JP"], STYLE, "m")


def test_a_file_that_is_no_topology_names_itself() -> None:
    with pytest.raises(RenderError, match=r"^m\.json: expected a TopoJSON topology"):
        parse_topology("{}", "m.json")


@pytest.fixture(scope="module")
def world() -> Topology:
    return parse_topology((ROOT / "assets" / "maps" / "countries-50m.json").read_text(encoding="utf-8"), "w")


@pytest.mark.parametrize("partner", ["GB", "US", "DE", "CZ", "IE", "PL"])
def test_every_partner_country_is_drawn_beside_france(world: Topology, partner: str) -> None:
    svg = render_map(world, ["FR", partner], STYLE, "m")
    highlighted = svg.split('<g fill="#f4efe6">')[1]
    assert sorted(re.findall(r'data-territory="(\w+)"', highlighted)) == sorted(["FR", partner])
    # Passed to pandoc on its command line as a data URI: far below Linux's 128 KiB per argument.
    assert len(svg) < 80_000


CENTRES = [(lon, lat) for lon in range(-180, 180, 30) for lat in range(-75, 90, 25)]


# Slow: 84 centres, some 10 s; the cull itself stays in the fast loop (test_the_cull_draws_the_same_map…).
@pytest.mark.slow
@pytest.mark.parametrize(("lon", "lat"), CENTRES, ids=[f"{lon},{lat}" for lon, lat in CENTRES])
def test_a_ring_called_hidden_by_its_cap_is_never_in_the_frame(world: Topology, lon: int, lat: int) -> None:
    """The cheap test only skips rings the exact one would skip: same map, fewer projections."""
    projection = map_module.Projection(lon, lat)
    width, height = 700, 500
    # A frame about as wide as Europe, around the centre.
    frame = map_module._fit((-0.3, -0.2, 0.3, 0.2), width, height)
    hidden = 0
    for country, caps in zip(world.countries, map_module._caps(world), strict=True):
        for polygon, cap in zip(country.polygons, caps, strict=True):
            if map_module._surely_hidden(cap, frame, width, height, projection):
                hidden += 1
                placed = map_module._placed(polygon[0], frame, projection)
                assert not map_module._visible(placed, width, height), country.territory
    assert hidden > 0.5 * sum(len(country.polygons) for country in world.countries)  # and it saves work


def test_the_cull_draws_the_same_map_as_projecting_every_ring(
    world: Topology, monkeypatch: pytest.MonkeyPatch
) -> None:
    culled = render_map(world, ["FR", "DE"], STYLE, "m")
    monkeypatch.setattr(map_module, "_surely_hidden", lambda *arguments: False)
    assert render_map(world, ["FR", "DE"], STYLE, "m") == culled


def test_a_packed_topology_draws_the_same_maps_and_keeps_its_caps(world: Topology) -> None:
    packed = map_module.pack_topology(world)
    unpacked = map_module.unpack_topology(packed)
    assert unpacked == world
    assert map_module._CAPS[id(unpacked)][0] is unpacked  # the caps came with it, not worked out again
    for partner in ("GB", "US", "CZ"):
        drawn = render_map(unpacked, ["FR", partner], STYLE, "m")
        assert drawn == render_map(world, ["FR", partner], STYLE, "m")


@pytest.mark.parametrize("data", [b"", b"not marshal", marshal.dumps(([("FR", ())], [[None]]))])
def test_bytes_that_are_no_packed_topology_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a packed topology"):
        map_module.unpack_topology(data)


def test_the_packed_topology_s_name_changes_with_the_file() -> None:
    text = (ROOT / "assets" / "maps" / "countries-50m.json").read_text()
    key = map_module.packed_topology_key(text)
    assert key == map_module.packed_topology_key(text) and len(key) == 16
    assert map_module.packed_topology_key(text + " ") != key
