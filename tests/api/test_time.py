"""Time through the API, on both stores: the timeline, an actor's history, the network in a year, the
actor filter, and dates as ISO text of their precision in every answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def test_the_timeline_gives_periods_rows_undated_and_lineage(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    assert body["years"] == [2009, 2018]
    projects = {p["id"]: p for p in body["projects"]}
    people = projects["project:connecting-people"]
    assert (people["start"], people["end"], people["row"]) == ("2016-06-01", "2018-12-31", "municipality:1766")
    assert (people["first_day"], people["last_day"]) == ("2016-06-01", "2018-12-31")
    assert [p["id"] for p in body["projects"]] == [
        "project:integration-pa-g",
        "project:dalarna-implementering-integration",
        "project:connecting-people",
    ]
    undated = {p["id"] for p in body["undated"]}
    assert "project:trelleborg-samhallsorientering" in undated and len(undated) == 10
    assert {"type": "BUILDS_ON", "start": "project:dalarna-implementering-integration", "end": "project:insteget"} in (
        body["links"]
    )
    assert body["counts"] == {"projects": 13, "dated": 3, "undated": 10, "links": 9}


def test_the_timeline_is_filtered_like_the_other_endpoints(client: TestClient) -> None:
    dalarna = client.get("/api/timeline", params={"county": "20", "group": "county"}).json()
    assert [p["id"] for p in dalarna["projects"]] == ["project:dalarna-implementering-integration"]
    assert dalarna["rows"] == [
        {"key": "20", "label": "Dalarnas län", "projects": ["project:dalarna-implementering-integration"]}
    ]
    sunne = client.get("/api/timeline", params={"actor": "municipality:1766", "group": "fund"}).json()
    assert [p["id"] for p in sunne["projects"]] == ["project:connecting-people"]
    assert [p["id"] for p in sunne["undated"]] == ["project:varmlandsmodellen"]
    assert sunne["rows"][0]["label"] == "Asyl-, migrations- och integrationsfonden (AMIF)"
    assert client.get("/api/timeline", params={"from_year": 2012, "to_year": 2015}).json()["counts"]["dated"] == 1


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"group": "colour"}, 422),
        ({"actor": "municipality:0000"}, 404),
        ({"actor": "project:insteget"}, 400),
        ({"year": 2016, "from_year": 2010, "to_year": 2012}, 400),
        ({"year": 1066}, 422),
    ],
)
def test_the_timeline_refuses_bad_filters(client: TestClient, params: dict[str, object], status: int) -> None:
    assert_problem(client.get("/api/timeline", params=params), status)


def test_an_actors_history(client: TestClient) -> None:
    body = client.get("/api/nodes/municipality:2080/history").json()  # Falun
    assert body["actor"] == {"id": "municipality:2080", "kind": "municipality", "name": "Falun"}
    assert [row["year"] for row in body["years"]] == [2014]
    assert len(body["years"][0]["partners_gained"]) == 19  # Dalarna's other actors, all first met in 2014
    assert body["years"][0]["started"] == ["project:dalarna-implementering-integration"]
    assert {p["id"] for p in body["undated"]} == {
        "project:insteget",
        "project:lansstyrelsens-samhallsinformation-pa-hemsprak",
        "project:sigrid",
        "project:yrkessparet",
    }
    assert body["names"]["municipality:2085"] == "Ludvika"
    unit = client.get("/api/nodes/agency:arbetsformedlingen/ljungby/history").json()
    assert unit["actor"]["name"].startswith("Arbetsförmedlingen Ljungby") and unit["years"][0]["year"] == 2009
    assert_problem(client.get("/api/nodes/fund:amif/history"), 400)
    assert_problem(client.get("/api/nodes/municipality:0000/history"), 404)


def test_the_network_in_a_year_marks_what_is_new(client: TestClient) -> None:
    body = client.get("/api/subgraph", params={"year": 2017}).json()
    assert [n["id"] for n in body["nodes"] if n["kind"] == "project"] == ["project:connecting-people"]
    assert body["new"] == []  # Connecting people and its partners were there in 2016
    started = client.get("/api/subgraph", params={"year": 2016}).json()
    assert "project:connecting-people" in started["new"] and "municipality:1766" in started["new"]
    assert "new" not in client.get("/api/subgraph").json()


def test_projects_of_an_actor(client: TestClient) -> None:
    items = client.get("/api/projects", params={"actor": "municipality:2080", "sort": "-start"}).json()["items"]
    assert items[0] == {
        "id": "project:dalarna-implementering-integration",
        "name": "Dalarna – implementering integration",  # noqa: RUF001 - a real dash
        "start": "2014-01-01",
        "end": "2014-12-31",
        "grant_sek": 2823610,
        "total_budget_sek": 2823610,
        "partners": 20,
    }
    assert len(items) == 5


def test_dates_leave_as_iso_text(client: TestClient) -> None:
    node = client.get("/api/nodes/project:integration-pa-g").json()
    assert (node["node"]["properties"]["start"], node["node"]["properties"]["end"]) == ("2009-01-15", "2011-01-15")
    published = {
        d["properties"].get("published") for d in client.get("/api/nodes/project:connecting-people").json()["sources"]
    }
    assert published == {"2019-04-09", "2016-08-31"}


def test_the_openapi_document_describes_time(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/timeline", "/api/nodes/{node_id}/history"} <= set(paths)
    names = {p["name"] for p in paths["/api/subgraph"]["get"]["parameters"]}
    assert {"year", "actor", "county", "fund", "from_year", "to_year"} <= names
