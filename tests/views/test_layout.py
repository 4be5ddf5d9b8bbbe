"""The layouts computed on the server: a map that agrees with itself, regions apart, hubs aside, repeatable.

Points are checked against the shipped map with a point-in-polygon test of this module's own (even-odd
rule over the rings of ``graphapp/static/map/sweden.geojson``), not the layout's.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from graphapp.model import Label
from graphapp.records import reference_graph
from graphapp.store import GraphStore
from graphapp.views.layout import force_layout, geographic_layout, is_hub, unproject
from graphapp.views.params import parse_params
from graphapp.views.payload import build_payload
from tests.conftest import ROOT

REFERENCE = ROOT / "data" / "reference"
MAP = ROOT / "graphapp" / "static" / "map" / "sweden.geojson"
Rings = list[list[tuple[float, float]]]


def payload(store: GraphStore, view: str, **query: str) -> dict[str, Any]:
    return build_payload(store, view, parse_params(view, {k: [v] for k, v in query.items()}))


@cache
def _map() -> tuple[dict[str, Rings], Rings]:
    """Every municipality's rings by code, and the land's, from the shipped map."""
    municipalities: dict[str, Rings] = {}
    land: Rings = []
    for feature in json.loads(MAP.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue  # the borders between counties
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]
        if feature["properties"]["layer"] == "municipality":
            municipalities[feature["properties"]["code"]] = rings
        elif feature["properties"]["layer"] == "land":
            land = rings
    return municipalities, land


def inside(rings: Rings, lat: float, lon: float) -> bool:
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def where(node: dict[str, Any], scale: float) -> tuple[float, float]:
    return unproject(node["x"], node["y"], scale)


def municipality_nodes() -> list[dict[str, Any]]:
    data = reference_graph(REFERENCE)
    return [{**node.as_dict(), "size": 10.0} for node in data.nodes.values() if node.label is Label.MUNICIPALITY]


def test_the_map_holds_each_municipality_once() -> None:
    municipalities, land = _map()
    assert len(municipalities) == 290 == len(municipality_nodes()) and land


def test_every_municipality_is_drawn_inside_its_own_polygon_on_land() -> None:
    nodes = municipality_nodes()
    scale = geographic_layout(nodes, [])["scale"]
    municipalities, land = _map()
    outside = [
        n["name"]
        for n in nodes
        if not inside(municipalities[n["properties"]["code"]], *where(n, scale)) or not inside(land, *where(n, scale))
    ]
    assert outside == []
    # the coordinates of the data are kept where they already agree with the map
    kept = sum(1 for n in nodes if math.dist(where(n, scale), (n["properties"]["lat"], n["properties"]["lon"])) < 0.01)
    assert kept >= 270


@pytest.mark.parametrize("county", ["07", "17", "20"])
def test_actors_without_a_place_stay_on_the_land_of_their_county(big_store: GraphStore, county: str) -> None:
    """A project goes on the county's land near its partners; an actor with a county of its own (an office of
    Arbetsförmedlingen taking part from a neighbouring county) on that county's land."""
    result = payload(big_store, "county", county=county, layout="geo")
    scale, strip = result["geo"]["scale"], result["geo"]["strip"]
    municipalities, _ = _map()

    def on_land_of(node: dict[str, Any], code: str) -> bool:
        return any(inside(rings, *where(node, scale)) for key, rings in municipalities.items() if key[:2] == code)

    on_map = [n for n in result["nodes"] if not (strip[0] <= n["x"] <= strip[2] and strip[1] <= n["y"] <= strip[3])]
    placeless = [n for n in on_map if "lat" not in n["properties"]]
    assert len(placeless) > 100
    astray = [n["id"] for n in placeless if not on_land_of(n, n["properties"].get("county_code") or county)]
    assert astray == []
    # what is not on the map is what has no place: funds, national bodies, actors without a placed partner
    in_strip = [n for n in result["nodes"] if n not in on_map]
    assert {n["id"] for n in result["nodes"] if is_hub(n)} <= {n["id"] for n in in_strip}
    assert all(is_hub(n) or "lat" not in n["properties"] for n in in_strip)


def test_funds_are_beside_the_map_not_on_it(view_store: GraphStore) -> None:
    result = payload(view_store, "overview", layout="geo")
    scale, strip = result["geo"]["scale"], result["geo"]["strip"]
    _, land = _map()
    funds = [n for n in result["nodes"] if n["kind"] == "fund"]
    assert len(funds) == 3
    for fund in funds:
        assert strip[0] <= fund["x"] <= strip[2] and strip[1] <= fund["y"] <= strip[3]
        assert not inside(land, *where(fund, scale)), fund["name"]
    # and every actor placed on the map is in Sweden
    placed = [n for n in result["nodes"] if n["x"] < strip[0]]
    assert all(inside(land, *where(n, scale)) for n in placed)


def test_regions_are_laid_out_apart(view_store: GraphStore) -> None:
    """Kronoberg's, Dalarna's and Värmland's actors share funds but nothing else: the nearest two actors of two
    regions are further apart than an actor (the median) is from its nearest neighbour of its own region."""
    result = payload(view_store, "overview")
    regions = {
        code: [(n["x"], n["y"]) for n in result["nodes"] if n["properties"].get("county_code") == code]
        for code in ("07", "20", "17")
    }
    nearest = sorted(min(math.dist(a, b) for b in points if b is not a) for points in regions.values() for a in points)
    within = nearest[len(nearest) // 2]
    for first, second in (("07", "20"), ("07", "17"), ("20", "17")):
        between = min(math.dist(a, b) for a in regions[first] for b in regions[second])
        assert between > within, (first, second, between, within)


def test_no_two_nodes_overlap_and_hubs_are_on_the_ring(view_store: GraphStore, big_store: GraphStore) -> None:
    for result in (payload(view_store, "overview"), payload(big_store, "county", county="07")):
        nodes = result["nodes"]
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["size"] + b["size"] - 0.2, (a["id"], b["id"])
        core = [n for n in nodes if not is_hub(n)]
        cx, cy = (
            (min(n["x"] for n in core) + max(n["x"] for n in core)) / 2,
            (min(n["y"] for n in core) + max(n["y"] for n in core)) / 2,
        )
        reach = max(math.hypot(n["x"] - cx, n["y"] - cy) for n in core)
        hubs = [n for n in nodes if is_hub(n)]
        assert hubs and all(math.hypot(n["x"] - cx, n["y"] - cy) > reach for n in hubs)


def test_the_focus_is_no_hub_of_its_own_view(view_store: GraphStore) -> None:
    result = payload(view_store, "actor", id="fund:amif", depth="2")
    fund = next(n for n in result["nodes"] if n["id"] == "fund:amif")
    others = [n for n in result["nodes"] if n is not fund]
    cx, cy = sum(n["x"] for n in others) / len(others), sum(n["y"] for n in others) / len(others)
    assert math.hypot(fund["x"] - cx, fund["y"] - cy) < max(math.hypot(n["x"] - cx, n["y"] - cy) for n in others)


def test_the_layout_depends_on_the_view_alone(view_store: GraphStore) -> None:
    """The same nodes and relationships in another order give the same positions (both stores return them in
    an order of their own)."""
    result = payload(view_store, "overview")
    nodes = [dict(n, properties=dict(n["properties"])) for n in result["nodes"]]
    rels = list(result["relationships"])
    random.Random(3).shuffle(nodes)
    random.Random(4).shuffle(rels)
    force_layout(nodes, rels)
    again = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert again == {n["id"]: (n["x"], n["y"]) for n in result["nodes"]}


_IN_ANOTHER_PROCESS = """
import json, sys
from pathlib import Path
from graphapp.store import MemoryStore
from graphapp.synthetic import generate
from graphapp.views.params import parse_params
from graphapp.views.payload import build_payload
store = MemoryStore()
store.load(generate(300, 5, Path(sys.argv[1])))
result = build_payload(store, "overview", parse_params("overview", {}))
print(json.dumps({n["id"]: [n["x"], n["y"]] for n in result["nodes"]}))
"""


def test_the_layout_is_the_same_in_every_process() -> None:
    """Strings hash differently in each Python process: no set order may reach the picture."""

    def positions(hash_seed: str) -> dict[str, list[float]]:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _IN_ANOTHER_PROCESS, str(REFERENCE)],
            env=env,
            cwd=Path(ROOT),
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        result: dict[str, list[float]] = json.loads(out.stdout)
        return result

    first = positions("1")
    assert len(first) > 300 and first == positions("2")
