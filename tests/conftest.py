"""Shared fixtures. The ``store`` fixture runs a test against every backend.

The Neo4j backend is a real server over Bolt, named by ``GRAPHAPP_TEST_NEO4J_URI``
(and ``GRAPHAPP_TEST_NEO4J_PASSWORD``); ``scripts/test`` starts one and sets them.
Without it the Neo4j cases skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.records import load_dataset
from graphapp.store import GraphStore, MemoryStore

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
BACKENDS = ["memory", "neo4j"]

#: The platform's data folder while tests run (platformdirs reads XDG_DATA_HOME on Linux), in this process
#: and every command it starts: a test never reads or writes the real user's graphapp folder. Tests that
#: write give themselves a data folder of their own (``data_copy``).
USER_DATA_HOME = Path(tempfile.mkdtemp(prefix="graphapp-tests-xdg-"))
os.environ["XDG_DATA_HOME"] = str(USER_DATA_HOME)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(USER_DATA_HOME, ignore_errors=True)


_HOW_TO_START = (
    "no Neo4j for tests: run `scripts/neo4j start` and set GRAPHAPP_TEST_NEO4J_URI=bolt://127.0.0.1:7687 "
    "(and GRAPHAPP_TEST_NEO4J_PASSWORD), or run the whole suite with `scripts/test`"
)


def _missing_neo4j(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A data folder of its own for tests that write (imports, the curator's drafts): the reference
    tables, records and documents of ``data/`` copied in, nothing imported yet."""
    folder = tmp_path / "data"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA_DIR / part, folder / part)
    return folder


@pytest.fixture(scope="session")
def dataset() -> GraphData:
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    uri = os.environ.get("GRAPHAPP_TEST_NEO4J_URI")
    if not uri:
        _missing_neo4j(_HOW_TO_START)
    return Settings(
        NEO4J_URI=uri,
        NEO4J_USER=os.environ.get("GRAPHAPP_TEST_NEO4J_USER", "neo4j"),
        NEO4J_PASSWORD=os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test"),
        NEO4J_DATABASE=os.environ.get("GRAPHAPP_TEST_NEO4J_DATABASE", "neo4j"),
    )


@pytest.fixture(scope="session")
def _neo4j_store(neo4j_settings: Settings) -> Iterator[GraphStore]:
    from graphapp.errors import StoreUnavailable
    from graphapp.store.neo4j import Neo4jStore

    store = Neo4jStore(
        neo4j_settings.neo4j_uri or "",
        neo4j_settings.neo4j_user,
        neo4j_settings.neo4j_password.get_secret_value(),
        neo4j_settings.neo4j_database,
    )
    try:
        store.ping()
    except StoreUnavailable as exc:
        store.close()
        _missing_neo4j(f"Neo4j at {neo4j_settings.neo4j_uri} does not answer: {exc.detail}. {_HOW_TO_START}")
    yield store
    store.close()


@pytest.fixture(params=BACKENDS)
def empty_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An empty store of each backend (the Neo4j one is cleared before and after)."""
    if request.param == "memory":
        yield MemoryStore()
        return
    store: GraphStore = request.getfixturevalue("_neo4j_store")
    store.clear()
    yield store
    store.clear()


@pytest.fixture
def store(empty_store: GraphStore, dataset: GraphData) -> GraphStore:
    """A store of each backend holding the curated network of ``data/``."""
    empty_store.load(dataset)
    return empty_store
