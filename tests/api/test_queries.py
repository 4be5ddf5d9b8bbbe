"""The saved query library and ad-hoc Cypher: 501 on the embedded store, guarded on Neo4j."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphapp.store import GraphStore
from tests.api.conftest import assert_problem


def test_queries_list_names_descriptions_and_parameters(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/api/queries").json()["queries"]}
    assert "schema" not in queries
    partners = queries["partners-of-municipality"]
    assert partners["description"].startswith("Partner municipalities")
    assert partners["parameters"] == [
        {"name": "code", "type": "string", "help": 'SCB code of the municipality, e.g. "0780" for Växjö'}
    ]


def test_saved_query_runs_on_neo4j_and_is_501_on_memory(client: TestClient, loaded_store: GraphStore) -> None:
    response = client.post("/api/queries/partners-of-municipality", json={"parameters": {"code": "1287"}})
    if loaded_store.name == "memory":
        assert_problem(response, 501)
        return
    body = response.json()
    assert body["columns"] == ["code", "partner", "shared_projects", "projects"]
    assert body["rows"] == [["1263", "Svedala", 1, ["Arbetsmarknadsinriktad samhällsorientering i Trelleborg"]]]
    assert body["graph"] is None and body["truncated"] is False


@pytest.mark.parametrize(
    ("name", "parameters", "status"),
    [
        ("no-such-query", {}, 404),
        ("schema", {}, 400),
        ("../etc/passwd", {}, 404),
        ("partners-of-municipality", {}, 400),
        ("partners-of-municipality", {"code": "0780", "other": 1}, 400),
        ("partners-of-municipality", {"code": 780}, 400),
    ],
)
def test_saved_query_refuses_bad_names_and_parameters(
    client: TestClient, name: str, parameters: dict[str, object], status: int
) -> None:
    assert_problem(client.post(f"/api/queries/{name}", json={"parameters": parameters}), status)


def test_cypher_is_501_on_the_embedded_store(memory_client: TestClient) -> None:
    body = assert_problem(memory_client.post("/api/cypher", json={"query": "RETURN 1"}), 501)
    assert "Neo4j" in body["detail"]


def test_cypher_returns_columns_rows_and_graph(neo4j_client: TestClient) -> None:
    query = "MATCH (m:Municipality {code: $code})-[r]->(p:Project) RETURN m, r, p.name AS project"
    body = neo4j_client.post("/api/cypher", json={"query": query, "parameters": {"code": "1287"}}).json()
    assert body["columns"] == ["m", "r", "project"]
    assert body["rows"][0][0]["id"] == "municipality:1287"
    assert body["rows"][0][2] == "Arbetsmarknadsinriktad samhällsorientering i Trelleborg"
    assert [n["id"] for n in body["graph"]["nodes"]] == ["municipality:1287"]
    assert body["graph"]["relationships"][0]["end"] == "project:trelleborg-samhallsorientering"


def test_cypher_row_limit_truncates(neo4j_client: TestClient) -> None:
    body = neo4j_client.post("/api/cypher", json={"query": "UNWIND range(1, 100) AS x RETURN x", "limit": 7}).json()
    assert len(body["rows"]) == 7 and body["truncated"] is True


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"query": ""},
        {"query": "RETURN 1", "timeout": 0},
        {"query": "RETURN 1", "limit": 0},
        {"query": "RETURN 1", "unexpected": True},
        {"query": "RETURN 1", "parameters": []},
    ],
)
def test_cypher_refuses_malformed_bodies(client: TestClient, payload: dict[str, object]) -> None:
    assert_problem(client.post("/api/cypher", json=payload), 422)


def test_cypher_refuses_invalid_json(client: TestClient) -> None:
    response = client.post("/api/cypher", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("CALL dbms.components()", "dbms"),
        ("SHOW USERS", "SHOW USERS"),
        ("USE system MATCH (n) RETURN n", "USE"),
    ],
)
def test_cypher_guard_says_why_on_every_store(client: TestClient, query: str, reason: str) -> None:
    body = assert_problem(client.post("/api/cypher", json={"query": query}), 400)
    assert reason in body["detail"]


def test_cypher_refuses_a_syntax_error_with_400(neo4j_client: TestClient) -> None:
    assert_problem(neo4j_client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}), 400)


def test_cypher_refuses_huge_integers(client: TestClient) -> None:
    body = assert_problem(client.post("/api/cypher", json={"query": "RETURN $x", "parameters": {"x": 2**70}}), 400)
    assert "64-bit" in body["detail"]


def test_the_lineage_query_says_which_way_each_step_goes(neo4j_client: TestClient) -> None:
    """Insteget is built on by Dalarna, not the other way round; Dalarna builds on seven projects."""

    def lineage(project: str) -> list[list[object]]:
        body = neo4j_client.post("/api/queries/project-lineage", json={"parameters": {"id": project}}).json()
        assert body["columns"] == ["project", "id", "steps", "direction", "via"]
        return body["rows"]

    insteget = lineage("project:insteget")
    dalarna = next(row for row in insteget if row[1] == "project:dalarna-implementering-integration")
    assert dalarna[2:] == [1, ["built_on_by"], ["BUILDS_ON"]]
    siblings = [row for row in insteget if row[2] == 2]
    assert len(siblings) == 6 and all(row[3] == ["built_on_by", "builds_on"] for row in siblings)
    earlier = lineage("project:dalarna-implementering-integration")
    assert len(earlier) == 7 and all(row[3] == ["builds_on"] for row in earlier)
    people = lineage("project:connecting-people")
    assert [row[1:4] for row in people] == [["project:varmlandsmodellen", 1, ["collaborates_with"]]]
