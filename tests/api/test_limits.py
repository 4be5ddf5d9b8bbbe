"""Request limits: bodies over 1 MB are refused with 413 before they are read;
parameters have a size and a nesting limit; both are in the OpenAPI document."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.limits import MAX_BODY_BYTES
from graphapp.api.routes.curation import UPLOAD_PATH
from graphapp.cypher_guard import MAX_PARAMETER_NESTING, MAX_PARAMETER_VALUES
from graphapp.store import MemoryStore
from tests.api.conftest import API_KEY, api_settings, assert_problem

#: The issue's body: a parameter list of two million numbers, 16 MB.
SIXTEEN_MB = json.dumps({"query": "RETURN size($xs)", "parameters": {"xs": list(range(2_000_000))}}).encode()
SIXTEEN_MB_SIZE = f"{len(SIXTEEN_MB):,} bytes".replace(",", " ")


def body_endpoints(client: TestClient) -> list[str]:
    """Every operation of the OpenAPI document that takes a body, as "METHOD /path", but the curator's
    uploads, which have their own, larger limit (tests/api/test_curation.py)."""
    paths = client.get("/openapi.json").json()["paths"]
    return [
        f"{method.upper()} {path.replace('{name}', 'partners-of-municipality')}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "requestBody" in operation and path != UPLOAD_PATH
    ]


def test_a_sixteen_megabyte_body_is_refused_with_413_on_every_endpoint_that_takes_one(
    memory_client: TestClient,
) -> None:
    endpoints = body_endpoints(memory_client)
    assert {"POST /api/cypher", "POST /api/records", "POST /api/queries/partners-of-municipality"} <= set(endpoints)
    for endpoint in endpoints:
        method, path = endpoint.split(" ")
        response = memory_client.request(
            method, path, content=SIXTEEN_MB, headers={"content-type": "application/json", "X-API-Key": API_KEY}
        )
        body = assert_problem(response, 413)
        assert body["title"] == "Content too large"
        assert body["detail"] == f"the request body is {SIXTEEN_MB_SIZE}; the API takes at most 1 000 000 bytes"


def test_a_body_sent_without_a_length_is_cut_off_at_the_limit(memory_client: TestClient) -> None:
    chunks = (SIXTEEN_MB[i : i + 65536] for i in range(0, len(SIXTEEN_MB), 65536))
    response = memory_client.post("/api/cypher", content=chunks, headers={"content-type": "application/json"})
    body = assert_problem(response, 413)
    assert body["title"] == "Content too large"
    assert "larger than the API takes, 1 000 000 bytes" in body["detail"]


def test_a_body_at_the_limit_is_taken(memory_client: TestClient) -> None:
    query = json.dumps({"query": "RETURN 1 AS one", "parameters": {"pad": ""}})
    padded = query.replace('"pad": ""', '"pad": "' + "x" * (MAX_BODY_BYTES - len(query)) + '"')
    assert len(padded.encode()) == MAX_BODY_BYTES
    # Past the body limit: the embedded store's 501 shows the body was read and parsed.
    response = memory_client.post("/api/cypher", content=padded, headers={"content-type": "application/json"})
    assert_problem(response, 501)


def test_a_content_length_that_is_not_a_number_is_refused(memory_client: TestClient) -> None:
    response = memory_client.post(
        "/api/cypher",
        content=b'{"query": "RETURN 1"}',
        headers={"content-type": "application/json", "content-length": "lots"},
    )
    assert "is not a number of bytes" in assert_problem(response, 400)["detail"]


@pytest.fixture
def live_port() -> Iterator[int]:
    """The app under uvicorn on a free loopback port, as `graphapp serve` runs it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(create_app(api_settings(), store=MemoryStore()), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


def test_the_server_answers_413_without_waiting_for_the_body(live_port: int) -> None:
    head = (
        "POST /api/cypher HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(SIXTEEN_MB)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", live_port), timeout=10) as connection:
        connection.sendall(head + SIXTEEN_MB[:65536])  # and never the other 16 MB
        answer = connection.recv(65536).decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413 ")
    assert "application/problem+json" in answer and SIXTEEN_MB_SIZE in answer


def test_parameters_at_their_limits_are_taken(memory_client: TestClient) -> None:
    deepest = json.loads("[" * MAX_PARAMETER_NESTING + "]" * MAX_PARAMETER_NESTING)
    parameters = {"xs": [0] * (MAX_PARAMETER_VALUES - 1 - MAX_PARAMETER_NESTING), "deep": deepest}
    response = memory_client.post("/api/cypher", json={"query": "RETURN 1", "parameters": parameters})
    assert_problem(response, 501)  # checked and passed on to the store, which has no Cypher


@pytest.mark.parametrize(
    ("parameters", "reason"),
    [
        ({"xs": [0] * (MAX_PARAMETER_VALUES + 1)}, f"more than {MAX_PARAMETER_VALUES} values"),
        ({"xs": [[0]] * (MAX_PARAMETER_VALUES // 2)}, f"more than {MAX_PARAMETER_VALUES} values"),
        ({"deep": json.loads("[" * (MAX_PARAMETER_NESTING + 1) + "]" * (MAX_PARAMETER_NESTING + 1))}, "nested deeper"),
        ({"deep": {"a": json.loads("[" * MAX_PARAMETER_NESTING + "]" * MAX_PARAMETER_NESTING)}}, "nested deeper"),
        ({"big": 2**64}, "64-bit"),
    ],
)
def test_parameters_over_their_limits_are_refused(
    memory_client: TestClient, parameters: dict[str, object], reason: str
) -> None:
    body = assert_problem(memory_client.post("/api/cypher", json={"query": "RETURN 1", "parameters": parameters}), 400)
    assert reason in body["detail"]


def test_the_limits_are_in_the_openapi_document(memory_client: TestClient) -> None:
    document = memory_client.get("/openapi.json").json()
    for endpoint in body_endpoints(memory_client):
        method, path = endpoint.split(" ")
        path = path.replace("partners-of-municipality", "{name}")
        assert "1000000 bytes" in document["paths"][path][method.lower()]["responses"]["413"]["description"]
    for model in ("CypherIn", "SavedQueryRunIn"):
        described = document["components"]["schemas"][model]["properties"]["parameters"]["description"]
        assert f"At most {MAX_PARAMETER_VALUES} values" in described
        assert f"nested at most {MAX_PARAMETER_NESTING} deep" in described
    assert "nesting deeper than 32" in document["paths"]["/api/cypher"]["post"]["description"]
    assert "GRAPHAPP_UPLOAD_MAX_MB" in document["paths"][UPLOAD_PATH]["post"]["responses"]["413"]["description"]
