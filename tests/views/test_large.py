"""Views laid out on the server (LARGE_NETWORK < nodes <= AGGREGATE_THRESHOLD): page data, notice, line layer.

The page draws such a view's relationships itself, one line per pair of nodes
(``lineLayer`` in ``explorer.js``), with the default (``server``) layout and the
geographic one alike; these tests hold both to every relationship still reaching
the page, the details and the notice, and to the lines drawn.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.store import GraphStore
from graphapp.views.page import line_count
from graphapp.views.params import parse_params
from graphapp.views.payload import LARGE_NETWORK, build_payload
from tests.views.conftest import LiveServer, PageWatch
from tests.views.test_browser import assert_clean

#: the county view of each layout a large view may have
COUNTY = {"server": "/views/county?county=07&lang=en", "geo": "/views/county?county=07&layout=geo&lang=en"}

#: Counts the segments the canvas is given while vis-network's "beforeDrawing" handlers run
#: (the line layer's first, then this one's), on a synchronous redraw.
_SEGMENTS = """() => {
  const network = window.graphapp.network, proto = CanvasRenderingContext2D.prototype, lineTo = proto.lineTo;
  let calls = 0, seen = -1;
  proto.lineTo = function () { calls += 1; return lineTo.apply(this, arguments); };
  const read = () => { seen = calls; };
  network.on("beforeDrawing", read);
  try { network.redraw(); } finally { proto.lineTo = lineTo; network.off("beforeDrawing", read); }
  return seen;
}"""


@pytest.fixture(scope="module", params=sorted(COUNTY))
def county(request: pytest.FixtureRequest, big_store: GraphStore) -> dict[str, Any]:
    layout: str = request.param
    query = {"county": ["07"]} | ({"layout": ["geo"]} if layout == "geo" else {})
    result = build_payload(big_store, "county", parse_params("county", query))
    assert result["layout"] == layout and result["large"] and result["counts"]["nodes"] > LARGE_NETWORK
    return result


def _url(county: dict[str, Any]) -> str:
    return COUNTY[county["layout"]]


@pytest.fixture(scope="module")
def client(big_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=big_store)) as test_client:
        yield test_client


def test_page_ships_every_relationship_and_says_pairs_are_one_line(client: TestClient, county: dict[str, Any]) -> None:
    html = client.get(_url(county)).text
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert data is not None
    graph = json.loads(data.group(1))
    page = graph["payload"]
    assert page["slim"] and len(page["links"]) == county["counts"]["relationships"]
    assert graph["vis"]["nodes"] is None and graph["vis"]["edges"] is None  # the page makes its own items
    rels, lines = line_count(county)
    assert rels == county["counts"]["relationships"] and 0 < lines < rels
    assert "physics is off" in html
    assert f"drawn as one line ({rels} relationships, {lines} lines)" in html
    notices = re.findall(r'<p class="notice" role="status">(.*?)</p>', html)
    assert ["Municipalities sit within their borders" in note for note in notices].count(True) == (
        county["layout"] == "geo"
    )
    # the page draws the nodes at the positions of the payload
    assert [(n["x"], n["y"]) for n in page["nodes"]] == [(n["x"], n["y"]) for n in county["nodes"]]
    # the network's data and script come before the table, so it is drawn while the table is parsed
    assert html.index('id="graph-data"') < html.index("explorer.js") < html.index('id="data-table"')


def test_line_layer_draws_one_line_per_pair(
    big_live_server: LiveServer, watch: PageWatch, county: dict[str, Any]
) -> None:
    page = watch.page
    page.goto(big_live_server.url + _url(county))
    watch.wait_stable(60_000)
    _, lines = line_count(county)
    assert page.evaluate("window.graphapp.lines.count") == lines
    assert page.evaluate("window.graphapp.edges.length") == 0
    assert page.evaluate(_SEGMENTS) == lines
    # a selected node's lines are drawn again, wider, once per neighbour
    node = max(county["nodes"], key=lambda n: n["degree"])
    neighbours = {
        r["end"] if r["start"] == node["id"] else r["start"]
        for r in county["relationships"]
        if node["id"] in (r["start"], r["end"])
    }
    page.evaluate("(id) => window.graphapp.select(id)", node["id"])
    assert page.evaluate(_SEGMENTS) == lines + len(neighbours)
    watch.screenshot(f"{county['layout']}-layout-large")
    assert_clean(watch, big_live_server.url)


def test_details_list_every_relationship_of_a_pair_drawn_as_one_line(
    big_live_server: LiveServer,
    watch: PageWatch,
    county: dict[str, Any],
) -> None:
    pairs = Counter(frozenset((r["start"], r["end"])) for r in county["relationships"])
    pair = next(p for p, n in pairs.items() if n > 1)
    node = sorted(pair)[0]
    touching = sum(1 for r in county["relationships"] if node in (r["start"], r["end"]))
    page = watch.page
    page.goto(big_live_server.url + _url(county))
    watch.wait_stable(60_000)
    page.evaluate("(id) => window.graphapp.select(id)", node)
    expect(page.locator("#details-body p.muted").first).to_have_text(re.compile(re.escape(node) + "$"))
    assert page.locator("#details-body ul.rels > li").count() == touching
    assert_clean(watch, big_live_server.url)


def test_a_path_on_a_large_view_gets_edges_of_its_own(
    big_live_server: LiveServer, watch: PageWatch, county: dict[str, Any]
) -> None:
    rel = next(r for r in county["relationships"] if r["type"] == "PARTICIPATES_IN")
    page = watch.page
    page.goto(big_live_server.url + _url(county))
    watch.wait_stable(60_000)
    page.fill("#path-from", rel["start"])
    page.fill("#path-to", rel["end"])
    page.click("#path-form button[type=submit]")
    page.wait_for_selector("body[data-path]", state="attached")
    path = (page.get_attribute("body", "data-path") or "").split()
    assert path[0] == rel["start"] and path[-1] == rel["end"]
    assert page.evaluate("window.graphapp.edges.length") == len(path) - 1
    # the path's nodes are selected, but only the path's own edges stand out, not every line of its nodes
    assert page.evaluate(_SEGMENTS) == page.evaluate("window.graphapp.lines.count")
    assert_clean(watch, big_live_server.url)


def test_footer_after_the_script_still_works(live_server: LiveServer, watch: PageWatch) -> None:
    """The page script runs before the table and footer are parsed: the embed button is reached via the document."""
    page = watch.page
    page.goto(live_server.url + "/?lang=en")
    watch.wait_stable()
    page.click(".embed-box summary")
    page.click("#embed-copy")
    expect(page.locator("#embed-copy")).to_have_text("Copied")
    assert_clean(watch, live_server.url)
