"""GET /api/search: case- and diacritics-insensitive, prefix and fuzzy, filtered by kind."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def ids(client: TestClient, query: str, **params: object) -> list[str]:
    response = client.get("/api/search", params={"q": query, **params})
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["results"]]


def test_search_ignores_case_and_diacritics(client: TestClient) -> None:
    assert ids(client, "vaxjo")[0] == "municipality:0780"
    assert ids(client, "VÄXJÖ")[0] == "municipality:0780"


def test_search_finds_an_agency_unit_by_agency_and_place(client: TestClient) -> None:
    assert ids(client, "arbetsformedlingen ljungby")[0] == "agency:arbetsformedlingen/ljungby"


def test_search_matches_prefixes(client: TestClient) -> None:
    assert "municipality:1287" in ids(client, "trelleb")


def test_search_tolerates_a_typo(client: TestClient) -> None:
    assert ids(client, "trelebo")[0] == "municipality:1287"
    assert ids(client, "sunnee")[0] == "municipality:1766"


def test_search_filters_by_kind(client: TestClient) -> None:
    found = client.get("/api/search", params=[("q", "sunne"), ("kind", "organization"), ("kind", "document")]).json()
    kinds = {hit["kind"] for hit in found["results"]}
    assert found["results"] and kinds <= {"organization", "document"}


def test_search_answers_query_score_and_names(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "sunne", "limit": 2}).json()
    assert body["query"] == "sunne"
    assert len(body["results"]) == 2
    first = body["results"][0]
    assert first == {"id": "municipality:1766", "kind": "municipality", "name": "Sunne", "score": first["score"]}
    assert body["results"][0]["score"] >= body["results"][1]["score"]


def test_search_without_match_is_empty(client: TestClient) -> None:
    assert ids(client, "zzqqxx") == []
    assert ids(client, "!!!") == []


def test_search_refuses_an_unknown_kind(client: TestClient) -> None:
    assert_problem(client.get("/api/search", params={"q": "sunne", "kind": "person"}), 422)


def test_search_requires_a_query(client: TestClient) -> None:
    assert_problem(client.get("/api/search"), 422)
    assert_problem(client.get("/api/search", params={"q": ""}), 422)
