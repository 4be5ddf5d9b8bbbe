"""Neo4j goes away in the middle of a test: the API answers 503 with Retry-After within
2 s, and answers normally again once Neo4j is back, without restarting the app.

The test runs its own Neo4j (``scripts/neo4j`` on a free port with its own home), so it
never stops the server other tests use.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.store import GraphStore, open_store
from tests.api.conftest import api_settings, assert_problem
from tests.conftest import ROOT

pytestmark = pytest.mark.neo4j

SCRIPT = ROOT / "scripts" / "neo4j"
PASSWORD = "graphapp-outage"
ENDPOINTS = [
    "/health/ready",
    "/api/nodes/municipality:0780",
    "/api/nodes/municipality:0780/neighbours?depth=2",
    "/api/paths?start=municipality:0764&end=municipality:2080",
    "/api/subgraph?county=07",
    "/api/projects",
]


class _Server:
    def __init__(self, home: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.env = {
            **os.environ,
            "NEO4J_BOLT_PORT": str(self.port),
            "NEO4J_HOME_DIR": str(home),
            "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_JAVA_OPTS": "-Xms256m -Xmx768m -XX:TieredStopAtLevel=1",
        }

    def run(self, command: str) -> None:
        subprocess.run([str(SCRIPT), command], env=self.env, check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def server(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Server]:
    """A Neo4j of this test's own (``neo4j_settings`` makes it skip where the others skip)."""
    own = _Server(tmp_path_factory.mktemp("neo4j-outage"))
    own.run("start")
    try:
        yield own
    finally:
        own.run("stop")


@pytest.fixture
def outage_store(server: _Server, dataset: GraphData) -> Iterator[GraphStore]:
    settings = api_settings(NEO4J_URI=f"bolt://127.0.0.1:{server.port}", NEO4J_PASSWORD=PASSWORD, neo4j_timeout=0.5)
    store = open_store(settings)
    store.clear()
    store.load(dataset)
    yield store
    store.close()


def test_outage_gives_503_quickly_and_the_app_recovers(server: _Server, outage_store: GraphStore) -> None:
    settings = api_settings(NEO4J_URI=f"bolt://127.0.0.1:{server.port}", NEO4J_PASSWORD=PASSWORD, neo4j_timeout=0.5)
    with TestClient(create_app(settings, store=outage_store)) as client:
        healthy = {path: client.get(path) for path in ENDPOINTS}
        assert all(r.status_code == 200 for r in healthy.values()), {p: r.text for p, r in healthy.items()}

        server.run("stop")
        for path in ENDPOINTS:
            started = time.monotonic()
            response = client.get(path)
            elapsed = time.monotonic() - started
            assert_problem(response, 503)
            assert int(response.headers["Retry-After"]) > 0
            assert elapsed < 2, f"{path} took {elapsed:.2f} s to answer 503"
        assert client.get("/health/live").status_code == 200

        server.run("start")
        deadline = time.monotonic() + 20
        while client.get("/health/ready").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        for path in ENDPOINTS:
            response = client.get(path)
            assert response.status_code == 200, response.text
            assert response.json() == healthy[path].json()
