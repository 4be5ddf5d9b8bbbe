"""One node, its neighbours, and shortest paths."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def test_node_has_properties_degree_and_sources(client: TestClient) -> None:
    body = client.get("/api/nodes/project:connecting-people").json()
    assert body["node"]["id"] == "project:connecting-people"
    assert body["node"]["kind"] == "project"
    assert body["node"]["name"] == "Connecting people"
    assert body["node"]["properties"]["start"] == "2016-06-01"
    assert body["degree"] == 9  # 8 and its county (IN_COUNTY, where its actors are)
    assert [d["kind"] for d in body["sources"]] == ["document", "document"]
    assert all(d["id"].startswith("document:") for d in body["sources"])


def test_node_id_with_slash_is_found(client: TestClient) -> None:
    body = client.get("/api/nodes/agency:arbetsformedlingen/ljungby").json()
    assert body["node"]["kind"] == "agency"
    assert body["sources"]


def test_unknown_node_is_404(client: TestClient) -> None:
    assert_problem(client.get("/api/nodes/municipality:9999"), 404)
    assert_problem(client.get("/api/nodes/municipality:9999/neighbours"), 404)


def test_neighbours_depth_one(client: TestClient) -> None:
    body = client.get("/api/nodes/municipality:0780/neighbours").json()
    assert [n["id"] for n in body["nodes"]] == [
        "municipality:0780",
        "county:07",
        "org:vaxjo-kommun/arbete-och-valfard",
        "project:integration-pa-g",
    ]
    assert body["truncated"] is False
    rel = next(r for r in body["relationships"] if r["type"] == "PARTICIPATES_IN")
    assert rel == {
        "type": "PARTICIPATES_IN",
        "start": "municipality:0780",
        "end": "project:integration-pa-g",
        "properties": {"role": "municipality"},
        "sources": [rel["sources"][0]],
        "evidence": ["Kommun: Växjö"],  # the line of the source that says so
    }
    assert rel["sources"][0].startswith("document:")


def test_neighbours_filters_kinds_and_types(client: TestClient) -> None:
    params = [("depth", "2"), ("kind", "project"), ("kind", "municipality"), ("type", "PARTICIPATES_IN")]
    body = client.get("/api/nodes/municipality:0780/neighbours", params=params).json()
    assert {n["kind"] for n in body["nodes"]} == {"project", "municipality"}
    assert {r["type"] for r in body["relationships"]} == {"PARTICIPATES_IN"}
    assert len(body["nodes"]) == 9  # Växjö, the project, the seven other Kronoberg municipalities


def test_neighbours_limit_truncates(client: TestClient) -> None:
    body = client.get("/api/nodes/project:integration-pa-g/neighbours", params={"limit": 3}).json()
    assert len(body["nodes"]) == 3
    assert body["truncated"] is True


@pytest.mark.parametrize("depth", ["0", "4", "two"])
def test_neighbours_refuses_a_bad_depth(client: TestClient, depth: str) -> None:
    assert_problem(client.get("/api/nodes/municipality:0780/neighbours", params={"depth": depth}), 422)


def test_neighbours_refuses_an_unknown_relationship_type(client: TestClient) -> None:
    assert_problem(client.get("/api/nodes/municipality:0780/neighbours", params={"type": "KNOWS"}), 422)


def test_shortest_path_between_two_municipalities(client: TestClient) -> None:
    body = client.get("/api/paths", params={"start": "municipality:0764", "end": "municipality:2080"}).json()
    assert body["length"] == 4
    path = body["paths"][0]
    assert path["nodes"][0]["id"] == "municipality:0764"
    assert path["nodes"][-1]["id"] == "municipality:2080"
    assert len(path["relationships"]) >= 4
    assert path["truncated"] is False


def test_no_path_within_max_length(client: TestClient) -> None:
    params = {"start": "municipality:0764", "end": "municipality:2080", "max_length": 3}
    assert client.get("/api/paths", params=params).json() == {"length": None, "paths": []}


def test_path_to_itself_has_length_zero(client: TestClient) -> None:
    body = client.get("/api/paths", params={"start": "municipality:0780", "end": "municipality:0780"}).json()
    assert body["length"] == 0
    assert [n["id"] for n in body["paths"][0]["nodes"]] == ["municipality:0780"]


def test_paths_refuse_unknown_nodes_and_bad_lengths(client: TestClient) -> None:
    assert_problem(client.get("/api/paths", params={"start": "municipality:0780", "end": "nope"}), 404)
    assert_problem(client.get("/api/paths", params={"start": "a", "end": "b", "max_length": 0}), 422)
    assert_problem(client.get("/api/paths", params={"start": "a", "end": "b", "max_length": 11}), 422)
    assert_problem(client.get("/api/paths", params={"start": "municipality:0780"}), 422)
