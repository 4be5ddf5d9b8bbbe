"""The schema page (/schema) and its JSON twin: every label, type and property of graphapp/graph_schema.py,
what each means in both languages, drawn in a real Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.graph_schema import LABELS, RELATIONSHIPS
from graphapp.store import GraphStore
from tests.views.conftest import LiveServer, PageWatch, axe_violations
from tests.views.test_browser import assert_clean


@pytest.fixture(scope="module")
def client(view_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(_env_file=None), store=view_store)) as test_client:
        yield test_client


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_json_twin_holds_every_label_type_and_property_with_its_meaning(client: TestClient, lang: str) -> None:
    body = client.get(f"/schema.json?lang={lang}").json()
    assert [spec["label"] for spec in body["labels"]] == [spec.label.value for spec in LABELS]
    assert [spec["type"] for spec in body["relationships"]] == [spec.type.value for spec in RELATIONSHIPS]
    for spec in body["labels"] + body["relationships"]:
        assert spec["meaning"] and all(p["meaning"] and p["type"] for p in spec["properties"]), spec
    code = next(p for p in body["labels"][1]["properties"] if p["key"] == "code")
    assert ("SCB" in code["meaning"]) and (("kommunkod" in code["meaning"].lower()) == (lang == "sv"))
    assert {"sv": "kommun", "en": "municipality", "graph": ":Municipality"} in body["glossary"]


def test_the_page_links_its_json_twin_and_lists_the_schema(client: TestClient) -> None:
    response = client.get("/schema?lang=en")
    html = response.text
    assert response.status_code == 200 and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert '<link rel="alternate" type="application/json" href="/schema.json">' in html
    assert 'id="label-Municipality"' in html and 'id="rel-PARTICIPATES_IN"' in html
    assert "<code>official_name</code>" in html and "county administrative board of X" in html
    assert 'aria-current="page">Schema</a>' in html


def test_the_schema_is_drawn_and_a_click_leads_to_a_description(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/schema")
    watch.wait_stable()
    drawn = page.evaluate(
        "() => { const n = window.graphappSchema.network; return {nodes: Object.keys(n.getPositions()).length,"
        " edges: n.body.data.edges.length}; }"
    )
    assert drawn["nodes"] == len(LABELS) and drawn["edges"] >= len(RELATIONSHIPS)
    point = page.evaluate(
        "() => { const n = window.graphappSchema.network; return n.canvasToDOM(n.getPositions(['Fund']).Fund); }"
    )
    box = page.locator("#schema-network").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**/schema#label-Fund")
    expect(page.locator("#label-Fund")).to_be_focused()
    expect(page.locator("#label-Fund")).to_contain_text("programme")
    watch.screenshot("schema-page")
    assert_clean(watch, live_server.url)
    assert axe_violations(page) == []
