"""Hostile Cypher against a real Neo4j: every query is refused or stopped, and the
database (graph, users, databases) is unchanged afterwards."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.store import GraphStore
from tests.api.conftest import api_settings, assert_problem, loaded_neo4j

pytestmark = pytest.mark.neo4j

#: (query, parameters, what the answer's detail must mention)
HOSTILE: list[tuple[str, dict[str, Any], str]] = [
    # writes: the READ transaction refuses them
    ("CREATE (n:Project {id: 'project:evil', name: 'Evil'}) RETURN n", {}, "read"),
    ("MATCH (n) DETACH DELETE n", {}, "read"),
    ("MATCH (n:Municipality) SET n.name = $name", {"name": "pwned"}, "read"),
    ("MERGE (n:Entity {id: 'org:evil'}) RETURN n", {}, "read"),
    ("MATCH (n:Municipality) REMOVE n:Municipality", {}, "read"),
    ("MATCH (a:Municipality {code: '0780'}), (b:Project) CREATE (a)-[:OWNS]->(b)", {}, "read"),
    ("CREATE INDEX evil_index FOR (n:Project) ON (n.summary)", {}, ""),
    ("DROP CONSTRAINT entity_id IF EXISTS", {}, ""),
    ("CALL db.createLabel('Evil')", {}, ""),
    # administration: the guard refuses it
    ("CREATE USER evil SET PASSWORD 'evil-password-1'", {}, "CREATE USER"),
    ("ALTER USER neo4j SET PASSWORD 'changed-password'", {}, "ALTER USER"),
    ("ALTER CURRENT USER SET PASSWORD FROM 'graphapp-test' TO 'changed-password'", {}, "ALTER USER"),
    ("DROP DATABASE neo4j", {}, "DROP DATABASE"),
    ("CREATE OR REPLACE DATABASE evil", {}, "CREATE DATABASE"),
    ("SHOW USERS", {}, "SHOW USERS"),
    ("SHOW DATABASES YIELD name RETURN name", {}, "SHOW DATABASES"),
    ("GRANT ROLE admin TO evil", {}, "GRANT"),
    ("SHOW TRANSACTIONS", {}, "SHOW TRANSACTIONS"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", {}, "TERMINATE TRANSACTIONS"),
    ("USE system MATCH (n) RETURN n", {}, "USE"),
    # procedures and reaching outside
    ("CALL dbms.security.createUser('evil', 'evil-password-1', false)", {}, "dbms"),
    ("CaLl DbMs.listConfig() YIELD name RETURN name", {}, "dbms"),
    ("CALL `dbms`.`components`()", {}, "dbms"),
    ("CALL apoc.load.json('https://example.org/x.json') YIELD value RETURN value", {}, "apoc.load"),
    ("RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n', {})", {}, "apoc.cypher"),
    ("LOAD CSV FROM 'https://example.org/data.csv' AS row RETURN row", {}, "LOAD CSV"),
    ("LOAD CSV WITH HEADERS FROM $url AS row RETURN row", {"url": "file:///etc/passwd"}, "LOAD CSV"),
    ("load/* hidden */csv from 'file:///etc/passwd' as row return row", {}, "LOAD CSV"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS", {}, "IN TRANSACTIONS"),
    ("MATCH (n) RETURN count(n); MATCH (m) DETACH DELETE m", {}, "one statement"),
]
#: Queries the server must stop: (query, title of the answer)
RUNAWAY = [
    # a cartesian product (count(*) alone would be answered from the count store)
    ("MATCH (a), (b), (c), (d) WHERE a.id < b.id AND c.id < d.id RETURN count(*)", "Query timeout"),
    ("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 123456789 RETURN count(x)", "Query timeout"),
]
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def admin_driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    driver = neo4j.GraphDatabase.driver(
        neo4j_settings.neo4j_uri or "",
        auth=(neo4j_settings.neo4j_user, neo4j_settings.neo4j_password.get_secret_value()),
    )
    yield driver
    driver.close()


def system_state(driver: neo4j.Driver) -> tuple[list[str], list[str]]:
    with driver.session(database="system") as session:
        users = session.run("SHOW USERS YIELD user RETURN user ORDER BY user").value()
        databases = session.run("SHOW DATABASES YIELD name RETURN DISTINCT name ORDER BY name").value()
    return users, databases


@pytest.fixture
def neo4j_client(request: pytest.FixtureRequest, dataset: GraphData) -> Iterator[tuple[TestClient, GraphStore]]:
    store = loaded_neo4j(request, dataset)
    with TestClient(create_app(api_settings(query_timeout=TIMEOUT), store=store)) as client:
        yield client, store


@pytest.mark.parametrize(("query", "parameters", "reason"), HOSTILE)
def test_hostile_query_is_refused_and_changes_nothing(
    neo4j_client: tuple[TestClient, GraphStore],
    admin_driver: neo4j.Driver,
    query: str,
    parameters: dict[str, Any],
    reason: str,
) -> None:
    client, store = neo4j_client
    before, system_before = store.counts(), system_state(admin_driver)
    body = assert_problem(client.post("/api/cypher", json={"query": query, "parameters": parameters}), 400)
    assert reason.lower() in body["detail"].lower()
    assert store.counts() == before
    assert system_state(admin_driver) == system_before


@pytest.mark.parametrize(("query", "title"), RUNAWAY)
def test_runaway_query_is_stopped_by_the_timeout(
    neo4j_client: tuple[TestClient, GraphStore], query: str, title: str
) -> None:
    client, store = neo4j_client
    before = store.counts()
    started = time.monotonic()
    body = assert_problem(client.post("/api/cypher", json={"query": query}), 400)
    assert body["title"] == title
    assert time.monotonic() - started < TIMEOUT + 5
    assert store.counts() == before


def test_a_request_cannot_raise_the_timeout_above_the_setting(neo4j_client: tuple[TestClient, GraphStore]) -> None:
    client, _ = neo4j_client
    started = time.monotonic()
    response = client.post("/api/cypher", json={"query": RUNAWAY[0][0], "timeout": 300})
    assert_problem(response, 400)
    assert time.monotonic() - started < TIMEOUT + 5


def test_the_hostile_suite_is_large_enough() -> None:
    assert len(HOSTILE) + len(RUNAWAY) >= 20
