"""The one view payload: every view, the layouts, large networks and the standalone file."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphapp.errors import InvalidRequest, NotFound
from graphapp.store import GraphStore, MemoryStore
from graphapp.views.layout import LABEL_BOX, MIN_GAP, geographic_layout, project_coordinates
from graphapp.views.layout.mapareas import municipality_point
from graphapp.views.network import vis_data
from graphapp.views.page import render_file
from graphapp.views.params import VIEWS, parse_params
from graphapp.views.payload import LARGE_NETWORK, build_payload
from graphapp.views.urls import Urls, parse_view_url

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"


def payload(store: GraphStore, view: str, **query: str | list[str]) -> dict:
    params = parse_params(view, {k: v if isinstance(v, list) else [v] for k, v in query.items()})
    return build_payload(store, view, params)


def test_actor_view_is_the_ego_network(view_store: GraphStore) -> None:
    result = payload(view_store, "actor", id="municipality:1766")
    ids = {n["id"] for n in result["nodes"]}
    assert result["focus"] == "municipality:1766" and "project:connecting-people" in ids
    assert result["layout"] == "server" and not result["large"]  # laid out here, drawn by pyvis's items
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in result["nodes"])
    sunne = next(n for n in result["nodes"] if n["id"] == "municipality:1766")
    assert sunne["degree"] == sum(1 for r in result["relationships"] if "municipality:1766" in (r["start"], r["end"]))


def test_relationship_sources_come_with_their_documents(view_store: GraphStore) -> None:
    result = payload(view_store, "project", id="project:connecting-people")
    sources = {s for r in result["relationships"] for s in r["sources"]}
    assert sources and sources == set(result["documents"])
    assert all(doc["title"] for doc in result["documents"].values())


def test_project_view_needs_a_project(view_store: GraphStore) -> None:
    with pytest.raises(InvalidRequest, match="not a project"):
        payload(view_store, "project", id="municipality:1766")


def test_county_view_shows_every_municipality_of_the_county(view_store: GraphStore) -> None:
    result = payload(view_store, "county", county="07")
    municipalities = {n["id"] for n in result["nodes"] if n["kind"] == "municipality"}
    assert len(municipalities) >= 8 and "municipality:0780" in municipalities
    assert result["title"] == "Kronobergs län"


def test_projection_links_municipalities_by_shared_projects(view_store: GraphStore) -> None:
    result = payload(view_store, "projection")
    assert {n["kind"] for n in result["nodes"]} == {"municipality"}
    rel = result["relationships"][0]
    assert rel["type"] == "SHARES_PROJECTS" and rel["properties"]["weight"] == len(rel["properties"]["projects"])
    widths = {e["width"] for e in vis_data(result, "sv")["edges"]}
    assert widths  # width grows with the number of shared projects


def test_geographic_layout_puts_municipalities_at_their_coordinates(view_store: GraphStore) -> None:
    result = payload(view_store, "overview", layout="geo")
    assert result["layout"] == "geo" and result["geo"]["scale"] >= 1.0
    sunne = next(n for n in result["nodes"] if n["id"] == "municipality:1766")
    scale = result["geo"]["scale"]
    assert (sunne["x"], sunne["y"]) == project_coordinates(
        sunne["properties"]["lat"], sunne["properties"]["lon"], scale
    )
    assert all("x" in n and "y" in n for n in result["nodes"])
    # a municipality whose coordinates lie in a lake is drawn at a point of its own instead (Hammarö, in Vänern)
    varmland = payload(view_store, "county", county="17", layout="geo")
    hammaro = next(n for n in varmland["nodes"] if n["id"] == "municipality:1761")
    lat, lon = hammaro["properties"]["lat"], hammaro["properties"]["lon"]
    assert (
        (hammaro["x"], hammaro["y"])
        == project_coordinates(*municipality_point("1761", lat, lon), varmland["geo"]["scale"])
        != project_coordinates(lat, lon, varmland["geo"]["scale"])
    )


def _placed_near_partners(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """The nodes at their coordinates, and those placed near partners (in a component with one of them)."""
    anchored = {n["id"] for n in nodes if "lat" in n["properties"] and "lon" in n["properties"]}
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((r["start"], r["end"]) for r in rels)
    near = {m for c in nx.connected_components(graph) if c & anchored for m in c} - anchored
    return anchored, near


def _closest(nodes: list[dict[str, Any]], movers: set[str], others: set[str]) -> float:
    """The least distance from a node of ``movers`` to any other node of ``movers | others``."""
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    return min(math.dist(at[a], at[b]) for a in movers for b in movers | others if a != b)


def test_geographic_layout_spreads_actors_crowded_on_one_spot() -> None:
    """Forty actors whose only partner is Sunne: none on top of another or of Sunne, all still near it."""
    sunne = {
        "id": "municipality:1766",
        "kind": "municipality",
        "name": "Sunne",
        "properties": {"lat": 59.8366, "lon": 13.1433},
    }
    actors = [{"id": f"org:{i:02d}", "kind": "organization", "name": str(i), "properties": {}} for i in range(40)]
    rels = [
        {"type": "PARTICIPATES_IN", "start": a["id"], "end": sunne["id"], "properties": {}, "sources": []}
        for a in actors
    ]
    nodes = [sunne, *actors]
    scale = geographic_layout(nodes, rels)["scale"]
    movers = {a["id"] for a in actors}
    assert _closest(nodes, movers, {sunne["id"]}) >= MIN_GAP - 0.15  # positions are rounded to 0.1 px
    home = project_coordinates(59.8366, 13.1433, scale)
    assert (sunne["x"], sunne["y"]) == home
    assert max(math.dist(home, (a["x"], a["y"])) for a in actors) < 320
    # no actor lies on a name: each keeps out of every other node's label ellipse (node and the name under it)
    half_width, half_height = LABEL_BOX
    for a in actors:
        for other in nodes:
            if other is not a:
                dx, dy = (a["x"] - other["x"]) / half_width, (a["y"] - other["y"]) / half_height
                assert dx * dx + dy * dy >= 0.99, (a["id"], other["id"])
    again = [dict(n, properties=dict(n["properties"])) for n in nodes]
    geographic_layout(again, rels)
    assert [(n["x"], n["y"]) for n in again] == [(n["x"], n["y"]) for n in nodes]  # deterministic


def test_large_geographic_view_keeps_actors_apart(big_store: GraphStore) -> None:
    result = payload(big_store, "county", county="07", layout="geo")
    assert result["large"] and result["layout"] == "geo"
    anchored, near = _placed_near_partners(result["nodes"], result["relationships"])
    assert len(near) > LARGE_NETWORK
    assert _closest(result["nodes"], near, anchored) >= MIN_GAP - 0.15
    assert payload(big_store, "county", county="07", layout="geo")["nodes"] == result["nodes"]


def test_filters_narrow_the_overview(view_store: GraphStore) -> None:
    everything = payload(view_store, "overview")
    only = payload(view_store, "overview", kind=["project", "fund"], from_year="2016", to_year="2018")
    assert {n["kind"] for n in only["nodes"]} <= {"project", "fund"}
    assert 0 < only["counts"]["nodes"] < everything["counts"]["nodes"]


@pytest.mark.parametrize(
    ("view", "query", "error"),
    [
        ("nope", {}, NotFound),
        ("actor", {}, InvalidRequest),
        ("county", {"county": ["7"]}, InvalidRequest),
        ("overview", {"depth": ["9"]}, InvalidRequest),
        ("overview", {"layout": ["spiral"]}, InvalidRequest),
    ],
)
def test_bad_view_parameters_are_refused(view: str, query: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_params(view, query)


def test_large_networks_get_a_server_layout_without_physics() -> None:
    from graphapp.synthetic import generate

    store = MemoryStore()
    store.load(generate(600, 1, REFERENCE))
    result = payload(store, "overview")
    assert result["counts"]["nodes"] > LARGE_NETWORK
    assert result["large"] and result["layout"] == "server"
    assert all(isinstance(n["x"], float) for n in result["nodes"])
    options = vis_data(result, "en")["options"]
    assert options["physics"]["enabled"] is False


def test_urls_round_trip_through_the_parser() -> None:
    params = parse_params("actor", {"id": ["agency:arbetsformedlingen/ljungby"], "depth": ["2"], "kind": ["project"]})
    url = Urls("https://graph.example").embed("actor", params, "en")
    view, query = parse_view_url(url) or ("", {})
    assert view == "actor" and parse_params(view, query) == params
    assert all(parse_view_url(Urls().page(v)) is not None for v in VIEWS)


def test_rendered_file_is_standalone(view_store: GraphStore) -> None:
    html = render_file(view_store, "actor", {"id": ["org:xss-test"]}, "en", REFERENCE)
    assert not re.search(r"""(src|href)=["'](?!#)""", html.split('id="graph-data"')[0].split("<body")[1])
    assert "<script src" not in html and '<link rel="stylesheet"' not in html
    assert "Content-Security-Policy" in html and "script-src &#39;sha256-" in html
    assert "<img src=x onerror" not in html
