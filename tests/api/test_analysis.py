"""Municipality partners, the projection, metrics and brokers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def test_partners_of_a_municipality_with_shared_projects(client: TestClient) -> None:
    body = client.get("/api/municipalities/municipality:1287/partners").json()
    assert body["municipality"]["name"] == "Trelleborg"
    assert body["partners"] == [
        {
            "id": "municipality:1263",
            "name": "Svedala",
            "shared_projects": 1,
            "projects": [
                {
                    "id": "project:trelleborg-samhallsorientering",
                    "name": "Arbetsmarknadsinriktad samhällsorientering i Trelleborg",
                }
            ],
        }
    ]


def test_partners_refuse_a_node_that_is_not_a_municipality(client: TestClient) -> None:
    assert_problem(client.get("/api/municipalities/county:07/partners"), 400)
    assert_problem(client.get("/api/municipalities/municipality:9999/partners"), 404)


def test_projection_links_municipalities_by_shared_projects(client: TestClient) -> None:
    body = client.get("/api/projection", params={"county": "07"}).json()
    assert {n["kind"] for n in body["nodes"]} == {"municipality"}
    assert len(body["nodes"]) == 8
    assert len(body["relationships"]) == 28  # the eight Kronoberg municipalities, pairwise
    rel = body["relationships"][0]
    assert rel["type"] == "SHARES_PROJECTS"
    assert rel["start"] < rel["end"]
    assert rel["properties"] == {"weight": 1, "projects": ["project:integration-pa-g"]}


def test_projection_of_the_whole_country(client: TestClient) -> None:
    body = client.get("/api/projection").json()
    assert len(body["relationships"]) > 28
    assert body["truncated"] is False


def test_metrics_over_the_network(client: TestClient) -> None:
    body = client.get("/api/metrics", params={"top": 5}).json()
    assert set(body) == {"degree", "betweenness", "eigenvector", "communities"}
    assert len(body["degree"]) == 5
    assert body["degree"][0]["score"] >= body["degree"][-1]["score"]
    assert body["communities"] and body["communities"][0]["size"] == len(body["communities"][0]["members"])


def test_metrics_over_a_filtered_part(client: TestClient) -> None:
    body = client.get("/api/metrics", params={"county": "07", "top": 50}).json()
    ids = {row["id"] for row in body["degree"]}
    assert "project:integration-pa-g" in ids
    assert "project:connecting-people" not in ids


def test_brokers_have_counties_and_bridged_pairs(client: TestClient) -> None:
    body = client.get("/api/brokers", params={"top": 5}).json()
    assert isinstance(body["brokers"], list)
    for broker in body["brokers"]:
        assert broker["bridged_pairs"] >= 1 and len(broker["counties"]) >= 2


def test_metrics_refuse_a_bad_top(client: TestClient) -> None:
    assert_problem(client.get("/api/metrics", params={"top": 0}), 422)
    assert_problem(client.get("/api/brokers", params={"top": 1000}), 422)
