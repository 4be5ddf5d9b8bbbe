"""Networks above AGGREGATE_THRESHOLD: summarised per county, with drill-down, in JSON, page and browser."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.store.protocol import DEFAULT_KINDS
from graphapp.views.aggregate import NO_COUNTY
from graphapp.views.network import vis_data
from graphapp.views.page import render_file
from graphapp.views.params import DEFAULT_LIMIT, ViewParams, parse_params
from graphapp.views.payload import AGGREGATE_THRESHOLD, build_payload
from graphapp.views.urls import Urls, parse_view_url
from tests.views.conftest import REFERENCE, LiveServer, PageWatch
from tests.views.test_browser import assert_clean, click_node, node_count


def payload(store: GraphStore, view: str, **query: str) -> dict[str, Any]:
    return build_payload(store, view, parse_params(view, {k: [v] for k, v in query.items()}))


@pytest.fixture(scope="module")
def overview(big_store: GraphStore) -> dict[str, Any]:
    return payload(big_store, "overview", from_year="2007")


def test_overview_above_the_threshold_is_one_node_per_county(overview: dict[str, Any]) -> None:
    assert overview["full_counts"]["nodes"] > AGGREGATE_THRESHOLD
    assert overview["aggregated"] and overview["large"] and overview["layout"] == "aggregated"
    kinds = Counter(n["kind"] for n in overview["nodes"] if n["id"] != NO_COUNTY)
    assert kinds["county"] == 21 and set(kinds) <= {"county", "fund"}
    assert overview["counts"]["nodes"] < 40
    assert all(isinstance(n["x"], float) for n in overview["nodes"])
    assert vis_data(overview, "sv")["options"]["physics"]["enabled"] is False


def test_aggregated_counts_add_up_to_the_real_network(big_store: GraphStore, overview: dict[str, Any]) -> None:
    real = big_store.subgraph(SubgraphFilter(years=(2007, 2100), kinds=DEFAULT_KINDS), limit=DEFAULT_LIMIT)
    real_kinds = Counter(n.kind for n in real.nodes)
    members: Counter[str] = Counter()
    for node in overview["nodes"]:
        members.update(node["properties"]["members"])
    assert members == real_kinds
    assert sum(n["properties"]["projects"] for n in overview["nodes"]) == real_kinds["project"]
    assert sum(n["properties"]["actors"] + n["properties"]["projects"] for n in overview["nodes"]) == len(real.nodes)
    assert overview["full_counts"] == {"nodes": len(real.nodes), "relationships": len(real.relationships)}


def test_counties_are_linked_by_shared_projects_and_funds_by_their_projects(overview: dict[str, Any]) -> None:
    ids = {n["id"] for n in overview["nodes"]}
    types = Counter(r["type"] for r in overview["relationships"])
    assert set(types) == {"SHARES_PROJECTS", "FUNDS"}
    assert all(
        r["start"] in ids and r["end"] in ids and r["properties"]["weight"] >= 1 for r in overview["relationships"]
    )
    projects = sum(n["properties"]["projects"] for n in overview["nodes"])
    assert sum(r["properties"]["weight"] for r in overview["relationships"] if r["type"] == "FUNDS") == projects


def test_each_county_drills_down_to_its_county_view_with_the_same_filters(overview: dict[str, Any]) -> None:
    kronoberg = next(n for n in overview["nodes"] if n["id"] == "county:07")
    assert kronoberg["name"] == "Kronobergs län" and kronoberg["properties"]["projects"] > 0
    assert kronoberg["url"] == Urls().page("county", ViewParams(county="07", from_year=2007))
    view, query = parse_view_url(kronoberg["url"]) or ("", {})
    assert view == "county" and parse_params(view, query) == ViewParams(county="07", from_year=2007)
    assert all(n["url"] is None for n in overview["nodes"] if n["kind"] == "fund" or n["id"] == NO_COUNTY)


def test_a_network_below_the_threshold_is_drawn_in_full(view_store: GraphStore, big_store: GraphStore) -> None:
    small = payload(view_store, "overview")
    assert not small["aggregated"] and small["counts"] == small["full_counts"]
    one_county = payload(big_store, "county", county="07")
    assert one_county["full_counts"]["nodes"] <= AGGREGATE_THRESHOLD and not one_county["aggregated"]
    projection = payload(big_store, "projection")  # only the overview and county views aggregate
    assert not projection["aggregated"]


def test_rendered_file_of_an_aggregated_view_has_no_links_to_a_server(big_store: GraphStore) -> None:
    html = render_file(big_store, "overview", {}, "sv", REFERENCE)
    assert "sammanfattat per län" in html and "Utan län" in html
    assert 'class="drill"' not in html and "/views/county" not in html


@pytest.fixture(scope="module")
def big_client(big_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=big_store)) as client:
        yield client


def test_aggregated_page_says_so_and_lists_the_counties(big_client: TestClient) -> None:
    html = big_client.get("/?lang=en").text
    assert "summarised by county" in html and 'class="notice" role="status"' in html
    assert 'href="/views/county?county=07&amp;lang=en"' in html
    assert "No county (national bodies etc.)" in html or NO_COUNTY not in html
    assert "<script>" not in html
    twin = big_client.get("/views/overview.json").json()
    assert twin["aggregated"] is True and twin["full_counts"]["nodes"] > AGGREGATE_THRESHOLD


def test_aggregated_overview_draws_and_a_county_opens_its_view(big_live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(big_live_server.url + "/?lang=en")
    watch.wait_stable(60_000)
    assert page.locator(".notice", has_text="summarised by county").is_visible()
    assert 21 <= node_count(watch) < 40
    watch.screenshot("aggregated-overview")
    assert_clean(watch, big_live_server.url)
    click_node(watch, "county:07", double=True)
    page.wait_for_url("**/views/county?county=07&lang=en", timeout=30_000)
    watch.wait_stable(60_000)
    assert "Kronobergs län" in page.locator("#network-heading").inner_text()
    assert node_count(watch) > 21
    assert_clean(watch, big_live_server.url)
