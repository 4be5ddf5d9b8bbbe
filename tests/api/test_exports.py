"""GET /api/export: GraphML, GEXF, neo4j-admin CSV (zip) and node-link JSON."""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import assert_problem


def test_export_graphml_of_the_whole_network(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert 'filename="graphapp.graphml"' in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content), force_multigraph=True)
    assert "municipality:0780" in graph and "document:2a42344680f862141aa8215c1d9202e3be8ac658" in graph


def test_export_gexf_of_a_county(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "gexf", "county": "07"})
    assert response.status_code == 200
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert "project:integration-pa-g" in graph and "project:connecting-people" not in graph


def test_export_csv_is_a_zip_for_neo4j_admin(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "fund": "amif"})
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "import.txt" in archive.namelist()
    header = archive.read("nodes_Project.csv").decode().splitlines()[0]
    assert header.startswith("id:ID,name") and header.endswith(":LABEL")


def test_export_json_is_node_link(client: TestClient) -> None:
    body = client.get("/api/export", params={"format": "json", "fund": "amif"}).json()
    assert {n["id"] for n in body["nodes"]} >= {"project:connecting-people", "fund:amif"}
    assert body["links"]


def test_exports_are_the_same_bytes_twice(client: TestClient) -> None:
    first = client.get("/api/export", params={"format": "graphml"}).content
    assert client.get("/api/export", params={"format": "graphml"}).content == first


@pytest.mark.parametrize("params", [{}, {"format": "xls"}, {"format": "json", "county": "x"}])
def test_export_refuses_bad_parameters(client: TestClient, params: dict[str, str]) -> None:
    assert_problem(client.get("/api/export", params=params), 422)
