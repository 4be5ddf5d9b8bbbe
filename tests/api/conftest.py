"""The ``client`` fixture: the API over each store (memory and a real Neo4j) holding ``data/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.problems import PROBLEM_JSON
from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.store import GraphStore, MemoryStore
from tests.conftest import BACKENDS

API_KEY = "test-api-key-0123456789"
KEY = {"X-API-Key": API_KEY}
#: The origin of the test client: https, as the curator's Secure cookie needs.
ORIGIN = "https://testserver"
#: Lines tests/api/test_hostile_cypher.py reports at the end of the session.
HOSTILE_REPORT = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in terminalreporter.config.stash.get(HOSTILE_REPORT, []):
        terminalreporter.write_line(line)


def api_settings(**overrides: Any) -> Settings:
    """Settings for tests: no .env, an API key, defaults otherwise."""
    values: dict[str, Any] = {"api_key": API_KEY, "_env_file": None}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def _memory_loaded(dataset: GraphData) -> MemoryStore:
    store = MemoryStore()
    store.load(dataset)
    return store


@pytest.fixture(params=BACKENDS)
def loaded_store(request: pytest.FixtureRequest, dataset: GraphData) -> GraphStore:
    """A store of each backend holding ``data/``, shared by tests that only read.

    The Neo4j one is reloaded only when its counts show another test changed it.
    """
    if request.param == "memory":
        store: GraphStore = request.getfixturevalue("_memory_loaded")
        return store
    return loaded_neo4j(request, dataset)


def loaded_neo4j(request: pytest.FixtureRequest, dataset: GraphData) -> GraphStore:
    """The test Neo4j holding ``data/``, reloaded only if its counts differ."""
    store: GraphStore = request.getfixturevalue("_neo4j_store")
    expected = request.getfixturevalue("_memory_loaded").counts()
    if store.counts() != expected:
        store.clear()
        store.load(dataset)
    return store


@pytest.fixture
def client(loaded_store: GraphStore) -> Iterator[TestClient]:
    """The API over a store holding ``data/`` (memory, neo4j). Tests with it must not write."""
    with TestClient(create_app(api_settings(), store=loaded_store)) as test_client:
        yield test_client


@pytest.fixture
def memory_client(_memory_loaded: MemoryStore) -> Iterator[TestClient]:
    """The API over the embedded store only, for what only it does (Cypher is 501)."""
    with TestClient(create_app(api_settings(), store=_memory_loaded)) as test_client:
        yield test_client


@pytest.fixture
def neo4j_client(request: pytest.FixtureRequest, dataset: GraphData) -> Iterator[TestClient]:
    """The API over the real Neo4j only, for what only it does (Cypher)."""
    with TestClient(create_app(api_settings(), store=loaded_neo4j(request, dataset))) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(store: GraphStore, data_copy: Path) -> Iterator[TestClient]:
    """The API over a store of its own holding ``data/`` (memory, neo4j), for tests that write; what the
    embedded store keeps as record files goes to a data folder of its own."""
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url="https://testserver") as client:
        yield client


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.url.path
    return body


@pytest.fixture
def memory(dataset: GraphData) -> MemoryStore:
    """An embedded store of its own holding ``data/``, for tests that write."""
    store = MemoryStore()
    store.load(dataset)
    return store


@pytest.fixture
def curator(memory: MemoryStore, data_copy: Path) -> Iterator[TestClient]:
    """The API over ``memory`` and a data folder of its own, with curation on."""
    with TestClient(create_app(api_settings(data_dir=data_copy), store=memory), base_url=ORIGIN) as client:
        yield client
