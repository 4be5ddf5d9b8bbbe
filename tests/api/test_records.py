"""POST /api/records: authenticated, validated against the store, idempotent."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphapp.api import cache as cache_module
from graphapp.api import create_app
from graphapp.model import GraphData, Label, Node
from graphapp.store import GraphStore, MemoryStore
from tests.api.conftest import API_KEY, api_settings, assert_problem

DOC = "document:" + "ab" * 20
RECORD: dict[str, Any] = {
    "project": {
        "id": "project:test-import",
        "name": "Språkcafé Ljungby",
        "start": "2020-01-01",
        "end": "2021-06-30",
        "grant_sek": 100000,
    },
    "documents": [{"id": DOC, "title": "Språkcafé i Ljungby"}],
    "nodes": [
        {"label": "Organization", "id": "org:test-sprakcafe", "name": "Språkcaféet", "kind": "ngo", "county_code": "07"}
    ],
    "relationships": [
        {"type": "OWNS", "start": "municipality:0781", "end": "project:test-import", "sources": [DOC]},
        {
            "type": "PARTICIPATES_IN",
            "start": "org:test-sprakcafe",
            "end": "project:test-import",
            "role": "partner",
            "sources": [DOC],
        },
        {
            "type": "PARTICIPATES_IN",
            "start": "agency:arbetsformedlingen/ljungby",
            "end": "project:test-import",
            "sources": [DOC],
        },
    ],
}
HEADERS = {"X-API-Key": API_KEY}


def test_import_adds_the_records_and_is_idempotent(fresh_client: TestClient) -> None:
    before = fresh_client.get("/api/search", params={"q": "sprakcafe"}).json()["results"]
    assert before == []
    first = fresh_client.post("/api/records", json=RECORD, headers=HEADERS)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["project"] == "project:test-import"
    assert body["nodes"] == 3 and body["relationships"] == 3  # as declared (its DESCRIBED_IN link not counted)
    again = fresh_client.post("/api/records", json=RECORD, headers=HEADERS).json()
    assert (again["store_nodes"], again["store_relationships"]) == (body["store_nodes"], body["store_relationships"])
    node = fresh_client.get("/api/nodes/project:test-import").json()
    assert node["degree"] == 5 and node["sources"][0]["id"] == DOC
    assert node["node"]["properties"]["unattributed_grant_sek"] == 100000  # no FUNDS names the fund


def test_import_rebuilds_the_search_index(fresh_client: TestClient) -> None:
    fresh_client.get("/api/search", params={"q": "ljungby"})  # build the index first
    fresh_client.post("/api/records", json=RECORD, headers=HEADERS)
    found = fresh_client.get("/api/search", params={"q": "sprakcafe ljungby"}).json()["results"]
    assert found[0]["id"] == "project:test-import"


def test_a_change_behind_the_apps_back_reaches_its_search(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # `graphapp load` into the same Neo4j, or an import through another worker
    monkeypatch.setattr(cache_module, "CHANGE_CHECK_SECONDS", 0.05)
    with TestClient(create_app(api_settings(), store=store)) as client:
        assert client.get("/api/search", params={"q": "sprakcafe"}).json()["results"] == []
        extra = Node("org:test-sprakcafe", Label.ORGANIZATION, "Språkcaféet", {"kind": "ngo"})
        store.load(GraphData({extra.id: extra}, {}))
        deadline = time.monotonic() + 10
        while not (found := client.get("/api/search", params={"q": "sprakcafe"}).json()["results"]):
            assert time.monotonic() < deadline, "the search index was not rebuilt within 10 s"
            time.sleep(0.05)
    assert found[0]["id"] == "org:test-sprakcafe"


def test_import_needs_the_api_key(fresh_client: TestClient) -> None:
    assert_problem(fresh_client.post("/api/records", json=RECORD), 401)
    assert_problem(fresh_client.post("/api/records", json=RECORD, headers={"X-API-Key": "wrong"}), 401)


def test_import_is_off_without_a_configured_key() -> None:
    with TestClient(create_app(api_settings(api_key=None), store=MemoryStore())) as client:
        assert_problem(client.post("/api/records", json=RECORD, headers=HEADERS), 403)


def test_embedded_store_served_by_several_workers_refuses_imports(dataset: object) -> None:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    before = store.counts()
    with TestClient(create_app(api_settings(workers=2), store=store)) as client:
        response = client.post("/api/records", json=RECORD, headers=HEADERS)
    assert_problem(response, 409)
    assert "worker" in response.json()["detail"]
    assert store.counts() == before


def test_import_refuses_an_unknown_endpoint(fresh_client: TestClient) -> None:
    record = copy.deepcopy(RECORD)
    record["relationships"][0]["start"] = "municipality:9999"
    body = assert_problem(fresh_client.post("/api/records", json=record, headers=HEADERS), 422)
    assert "municipality:9999" in body["detail"]
    assert fresh_client.get("/api/search", params={"q": "sprakcafe"}).json()["results"] == []


def test_import_refuses_to_redeclare_a_known_node_differently(fresh_client: TestClient) -> None:
    record = copy.deepcopy(RECORD)
    record["nodes"].append(
        {"label": "Agency", "id": "agency:arbetsformedlingen/ljungby", "name": "Renamed", "kind": "employment"}
    )
    body = assert_problem(fresh_client.post("/api/records", json=record, headers=HEADERS), 422)
    assert "declared differently" in body["detail"]


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("documents"),
        lambda r: r["project"].update(id="municipality:0780"),
        lambda r: r["project"].update(end="2019-01-01"),
        lambda r: r["relationships"][0].update(sources=["document:" + "cd" * 20]),
        lambda r: r["project"].update(summary="Kontakt: anna.svensson@example.org"),
        lambda r: r.update(extra=1),
        lambda r: r["project"].update(id="project:,./;'[]"),  # one pattern for the whole id
        lambda r: r["project"].update(name="Språk\x17café"),  # control characters are no text
        lambda r: r["documents"][0].update(title="\x00"),
    ],
)
def test_import_refuses_invalid_records(fresh_client: TestClient, change: Any) -> None:
    record = copy.deepcopy(RECORD)
    change(record)
    assert_problem(fresh_client.post("/api/records", json=record, headers=HEADERS), 422)


def test_import_refuses_a_body_that_is_not_an_object(fresh_client: TestClient) -> None:
    assert_problem(fresh_client.post("/api/records", json=[1, 2], headers=HEADERS), 422)
    assert_problem(fresh_client.post("/api/records", content=b"project: x", headers=HEADERS), 422)
