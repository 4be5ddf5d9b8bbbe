"""Every error source answers ``application/problem+json`` (RFC 9457), never a 500."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.store import MemoryStore, open_store
from tests.api.conftest import api_settings, assert_problem


@pytest.fixture
def memory_client(dataset: object) -> Iterator[TestClient]:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    with TestClient(create_app(api_settings(), store=store)) as client:
        yield client


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_not_found_from_the_store(memory_client: TestClient) -> None:
    assert_problem(memory_client.get("/api/nodes/org:nobody"), 404)


def test_not_found_route(memory_client: TestClient) -> None:
    assert_problem(memory_client.get("/api/nothing-here"), 404)


def test_method_not_allowed(memory_client: TestClient) -> None:
    assert_problem(memory_client.delete("/api/search"), 405)


def test_invalid_request_from_filters(memory_client: TestClient) -> None:
    body = assert_problem(memory_client.get("/api/subgraph", params={"from_year": 2020, "to_year": 2000}), 400)
    assert body["title"] == "Invalid request"


def test_invalid_query_from_the_guard(memory_client: TestClient) -> None:
    body = assert_problem(memory_client.post("/api/cypher", json={"query": "SHOW DATABASES"}), 400)
    assert body["title"] == "Invalid query"


def test_validation_error_lists_fields(memory_client: TestClient) -> None:
    body = assert_problem(memory_client.get("/api/search", params={"q": "x", "limit": "many"}), 422)
    assert body["errors"] == [{"field": "query.limit", "message": body["errors"][0]["message"]}]


def test_invalid_records_list_problems(memory_client: TestClient) -> None:
    body = assert_problem(
        memory_client.post(
            "/api/records",
            json={"project": {"id": "project:x", "name": "X"}, "documents": []},
            headers={"X-API-Key": api_settings().api_key.get_secret_value()},
        ),  # type: ignore[union-attr]
        422,
    )
    assert body["errors"]


def test_unauthorised_import(memory_client: TestClient) -> None:
    assert_problem(memory_client.post("/api/records", json={}), 401)


def test_cypher_not_supported(memory_client: TestClient) -> None:
    assert_problem(memory_client.post("/api/cypher", json={"query": "RETURN 1"}), 501)


def test_store_unavailable_is_503_with_retry_after() -> None:
    settings = api_settings(NEO4J_URI=f"bolt://127.0.0.1:{_closed_port()}", NEO4J_PASSWORD="x", neo4j_timeout=0.5)
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store=store)) as client:
            for path in ("/health/ready", "/api/nodes/municipality:0780", "/api/search?q=vaxjo"):
                started = time.monotonic()
                response = client.get(path)
                assert time.monotonic() - started < 2
                assert_problem(response, 503)
                assert int(response.headers["Retry-After"]) > 0
            assert client.get("/health/live").status_code == 200
    finally:
        store.close()


def test_openapi_documents_problem_responses(memory_client: TestClient) -> None:
    schema = memory_client.get("/openapi.json").json()
    operation = schema["paths"]["/api/nodes/{node_id}"]["get"]
    assert "application/problem+json" in operation["responses"]["404"]["content"]
    assert "Retry-After" in operation["responses"]["503"]["headers"]
