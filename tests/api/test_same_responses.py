"""The API answers the same JSON on the embedded store and on Neo4j."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.model import GraphData
from tests.api.conftest import api_settings, loaded_neo4j

URLS = [
    "/api/search?q=vaxjo",
    "/api/search?q=arbetsformedlingen%20ljungby",
    "/api/search?q=sunne&kind=organization&kind=document",
    "/api/search?q=trelebo",
    "/api/nodes/project:connecting-people",
    "/api/nodes/agency:arbetsformedlingen/ljungby",
    "/api/nodes/municipality:2080/neighbours?depth=2",
    "/api/nodes/agency:arbetsformedlingen/neighbours?depth=3&limit=50",
    "/api/nodes/municipality:0780/neighbours?depth=2&kind=project&kind=municipality&type=PARTICIPATES_IN",
    "/api/paths?start=municipality:0764&end=municipality:2080",
    "/api/paths?start=agency:arbetsformedlingen/ljungby&end=agency:arbetsformedlingen/falun&max_length=8",
    "/api/paths?start=county:07&end=county:20&type=IN_COUNTY&type=PARTICIPATES_IN",
    "/api/subgraph",
    "/api/subgraph?county=20",
    "/api/subgraph?fund=amif&kind=municipality&kind=project",
    "/api/subgraph?from_year=2010&to_year=2014&limit=40",
    "/api/projects?sort=-partners&per_page=5",
    "/api/projects?county=07&sort=name",
    "/api/projects?from_year=2015&sort=-start",
    "/api/municipalities/municipality:2080/partners",
    "/api/projection?county=20",
    "/api/metrics?top=10",
    "/api/metrics?fund=esf-2007-2013&top=5",
    "/api/brokers",
    "/api/queries",
    "/api/export?format=json",
    "/api/export?format=graphml&county=07",
    "/api/export?format=csv&from_year=2014&to_year=2016",
    "/api/nodes/municipality:9999",
    "/api/subgraph?from_year=2016&to_year=2015",
]


@pytest.fixture
def clients(request: pytest.FixtureRequest, dataset: GraphData) -> tuple[TestClient, TestClient]:
    memory = TestClient(create_app(api_settings(), store=request.getfixturevalue("_memory_loaded")))
    neo4j = TestClient(create_app(api_settings(), store=loaded_neo4j(request, dataset)))
    return memory, neo4j


@pytest.mark.parametrize("url", URLS)
def test_both_stores_give_the_same_response(clients: tuple[TestClient, TestClient], url: str) -> None:
    memory, neo4j = (client.get(url) for client in clients)
    assert memory.status_code == neo4j.status_code
    assert memory.headers["content-type"] == neo4j.headers["content-type"]
    if "json" in memory.headers["content-type"]:
        assert memory.json() == neo4j.json()
    else:
        assert memory.content == neo4j.content
