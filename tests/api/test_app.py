"""How the app is built for a long-running server."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.store import MemoryStore
from tests.api.conftest import api_settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # give what a test froze back to the collector


def test_long_lived_app_builds_its_index_and_hides_its_graph_from_the_garbage_collector(
    unfrozen: None, dataset: object
) -> None:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    graph = store._graph
    assert gc.is_tracked(graph._adj)
    app = create_app(api_settings(), store=store, long_lived=True)
    with TestClient(app) as client:
        assert app.state.cache.built_search_index() is not None  # before any search
        assert client.get("/health/ready").status_code == 200
        frozen = gc.get_freeze_count()
        # Frozen objects are in no generation: gc.get_objects() lists only what full collections walk.
        walked = {id(o) for o in gc.get_objects()}
    assert frozen > 1000
    assert id(graph._adj) not in walked


def test_other_apps_leave_the_garbage_collector_alone(unfrozen: None, dataset: object) -> None:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    app = create_app(api_settings(), store=store)
    with TestClient(app) as client:
        assert client.get("/health/ready").status_code == 200
        assert app.state.cache.built_search_index() is None
    assert gc.get_freeze_count() == 0
