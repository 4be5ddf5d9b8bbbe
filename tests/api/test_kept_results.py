"""Whole-network results computed once per change of the store and kept in it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.cache import StoreCache
from graphapp.api.routes.analysis import WHOLE_NETWORK_METRICS
from graphapp.config import Settings
from graphapp.model import GraphData, Label, Node
from graphapp.store import GraphStore
from tests.api.conftest import api_settings


class Counted:
    """A computation of the whole graph that counts how often it ran."""

    def __init__(self, compute: Callable[[nx.MultiDiGraph], Any], pause: float = 0.0) -> None:
        self.compute, self.pause, self.runs = compute, pause, 0
        self._lock = threading.Lock()

    def __call__(self, graph: nx.MultiDiGraph) -> Any:
        with self._lock:
            self.runs += 1
        time.sleep(self.pause)  # long enough for another process to ask meanwhile
        return self.compute(graph)


def _node_count(graph: nx.MultiDiGraph) -> int:
    return int(graph.number_of_nodes())


def test_a_kept_result_is_computed_once_and_read_by_another_app(store: GraphStore) -> None:
    counted = Counted(_node_count)
    first = StoreCache(store, {"nodes": counted})
    assert first.kept("nodes") == store.counts().nodes
    assert StoreCache(store, {"nodes": counted}).kept("nodes") == store.counts().nodes
    assert counted.runs == 1


def test_a_kept_result_is_computed_again_after_a_change(store: GraphStore) -> None:
    counted = Counted(_node_count)
    cache = StoreCache(store, {"nodes": counted})
    before = cache.kept("nodes")
    cache.refresh()
    extra = Node("org:test-kept", Label.ORGANIZATION, "Kept", {"kind": "ngo"})
    store.load(GraphData({extra.id: extra}, {}))
    assert cache.refresh()
    assert cache.kept("nodes") == before + 1
    assert counted.runs == 2


def _neo4j_store(settings: Settings, kept: Path) -> Any:
    from graphapp.store.neo4j import Neo4jStore

    uri, password = settings.neo4j_uri or "", settings.neo4j_password.get_secret_value()
    return Neo4jStore(uri, settings.neo4j_user, password, settings.neo4j_database, kept_dir=kept)


def test_of_two_processes_one_computes_and_the_other_waits(
    neo4j_settings: Settings, dataset: GraphData, tmp_path: Path
) -> None:
    stores = [_neo4j_store(neo4j_settings, tmp_path), _neo4j_store(neo4j_settings, tmp_path)]  # two app processes
    try:
        stores[0].clear()
        stores[0].load(dataset)
        counted = Counted(_node_count, pause=1.5)
        found: list[int] = []
        threads = [
            threading.Thread(target=lambda s=s: found.append(StoreCache(s, {"nodes": counted}).kept("nodes")))
            for s in stores
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert found == [dataset.node_count()] * 2
        assert counted.runs == 1
    finally:
        for s in stores:
            s.close()


def test_a_restarted_process_reads_what_was_kept_outside_the_graph(
    neo4j_settings: Settings, dataset: GraphData, tmp_path: Path
) -> None:
    first = _neo4j_store(neo4j_settings, tmp_path)
    try:
        first.clear()
        first.load(dataset)
        counted = Counted(_node_count)
        assert StoreCache(first, {"nodes": counted}).kept("nodes") == dataset.node_count()
    finally:
        first.close()
    kept = [p.name for p in tmp_path.rglob("*") if p.is_file()]
    assert kept == ["nodes.json"]  # the result, in the folder of the database; its claim is gone
    again = _neo4j_store(neo4j_settings, tmp_path)  # a new process, after a restart
    try:
        assert StoreCache(again, {"nodes": counted}).kept("nodes") == dataset.node_count()
        assert counted.runs == 1
    finally:
        again.close()


def test_metrics_of_the_whole_network_are_kept_for_every_top(loaded_store: GraphStore) -> None:
    with TestClient(create_app(api_settings(), store=loaded_store)) as client:
        five = client.get("/api/metrics", params={"top": 5}).json()
        most = client.get("/api/metrics", params={"top": 200}).json()
    version, text = loaded_store.derived(WHOLE_NETWORK_METRICS) or ("", "")
    assert version == loaded_store.version() and text
    assert five["degree"] == most["degree"][:5] and five["communities"] == most["communities"]
    with TestClient(create_app(api_settings(), store=loaded_store)) as client:  # a new app reads them
        assert client.get("/api/metrics", params={"top": 5}).json() == five


def test_a_long_lived_app_keeps_the_metrics_before_anyone_asks(store: GraphStore) -> None:
    assert store.derived(WHOLE_NETWORK_METRICS) is None
    with TestClient(create_app(api_settings(), store=store, long_lived=True)):
        deadline = time.monotonic() + 30
        while (kept := store.derived(WHOLE_NETWORK_METRICS)) is None:
            assert time.monotonic() < deadline, "the metrics were not kept within 30 s of start-up"
            time.sleep(0.05)
    assert kept[0] == store.version()


@pytest.fixture(autouse=True)
def _unfrozen() -> Any:
    import gc

    yield
    gc.unfreeze()  # long-lived apps freeze what they loaded
