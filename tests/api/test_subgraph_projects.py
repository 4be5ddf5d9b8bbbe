"""GET /api/subgraph and GET /api/projects: filters, sorting, pagination."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def node_ids(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/subgraph", params=params)
    assert response.status_code == 200, response.text
    return [n["id"] for n in response.json()["nodes"]]


def test_subgraph_by_fund(client: TestClient) -> None:
    assert node_ids(client, fund="amif") == [
        "project:connecting-people",
        "fund:amif",
        "municipality:1766",
        "org:fryksdalens-sparbank",
        "org:sunne-kommun/naringslivsenheten",
    ]
    assert node_ids(client, fund="fund:amif") == node_ids(client, fund="amif")


def test_subgraph_by_county_keeps_the_countys_projects(client: TestClient) -> None:
    found = node_ids(client, county="07")
    assert "project:integration-pa-g" in found
    assert "project:connecting-people" not in found
    assert node_ids(client, county="county:07") == found


def test_subgraph_by_years_selects_overlapping_periods(client: TestClient) -> None:
    found = node_ids(client, from_year=2017, to_year=2020)
    assert [i for i in found if i.startswith("project:")] == ["project:connecting-people"]


def test_subgraph_kinds_and_limit(client: TestClient) -> None:
    body = client.get("/api/subgraph", params=[("kind", "municipality"), ("kind", "fund"), ("limit", "3")]).json()
    assert len(body["nodes"]) == 3 and body["truncated"] is True
    assert {n["kind"] for n in body["nodes"]} <= {"municipality", "fund"}


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"county": "7"}, 422),
        ({"county": "99"}, 404),
        ({"fund": "nope"}, 404),
        ({"fund": "municipality:0780"}, 400),
        ({"from_year": 2015, "to_year": 2010}, 400),
        ({"from_year": 20150}, 422),
        ({"kind": "person"}, 422),
        ({"limit": 0}, 422),
    ],
)
def test_subgraph_refuses_bad_filters(client: TestClient, params: dict[str, object], status: int) -> None:
    assert_problem(client.get("/api/subgraph", params=params), status)


def test_projects_sorted_by_budget_descending(client: TestClient) -> None:
    body = client.get("/api/projects", params={"sort": "-budget", "per_page": 2}).json()
    assert body["total"] == 13 and body["page"] == 1 and body["per_page"] == 2
    expected = ["project:integration-pa-g", "project:dalarna-implementering-integration"]
    assert [p["id"] for p in body["items"]] == expected
    assert body["items"][0] == {
        "id": "project:integration-pa-g",
        "name": "Integration på G!",
        "start": "2009-01-15",
        "end": "2011-01-15",
        "grant_sek": 5172130,
        "total_budget_sek": 12929174,
        "partners": 25,
    }


def test_projects_sorted_by_partners_and_start(client: TestClient) -> None:
    by_partners = client.get("/api/projects", params={"sort": "-partners", "per_page": 3}).json()["items"]
    assert [p["partners"] for p in by_partners] == [25, 20, 3]
    by_start = client.get("/api/projects", params={"sort": "start", "per_page": 3}).json()["items"]
    assert [p["start"] for p in by_start] == ["2009-01-15", "2014-01-01", "2016-06-01"]


def test_projects_paginate_and_filter(client: TestClient) -> None:
    pages = [client.get("/api/projects", params={"page": n, "per_page": 5}).json() for n in (1, 2, 3, 4)]
    seen = [p["id"] for page in pages for p in page["items"]]
    assert len(seen) == 13 == len(set(seen))
    assert pages[3]["items"] == []
    county = client.get("/api/projects", params={"county": "20"}).json()
    found = [p["id"] for p in county["items"]]
    assert "project:dalarna-implementering-integration" in found
    assert "project:connecting-people" not in found and "project:integration-pa-g" not in found


@pytest.mark.parametrize("params", [{"sort": "budgets"}, {"page": 0}, {"per_page": 501}])
def test_projects_refuse_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/projects", params=params), 422)
