"""StoreCache: what the app derives from the store, kept per generation and dropped when the store changes."""

from __future__ import annotations

import networkx as nx
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.cache import PAGES_KEPT, StoreCache
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from tests.api.conftest import api_settings


class GraphCountingStore(MemoryStore):
    """The embedded store, counting how often the whole graph is read."""

    def __init__(self) -> None:
        super().__init__()
        self.whole_graph_reads = 0

    def to_networkx(self) -> nx.MultiDiGraph:
        self.whole_graph_reads += 1
        return super().to_networkx()


def test_pages_are_kept_until_the_store_changes() -> None:
    cache = StoreCache(MemoryStore())
    first = cache.generation
    cache.keep_page("a", "<p>a</p>", first)
    assert cache.page("a") == "<p>a</p>"
    cache.invalidate()
    assert cache.generation == first + 1
    assert cache.page("a") is None


def test_a_page_built_before_a_change_is_not_kept() -> None:
    cache = StoreCache(MemoryStore())
    started = cache.generation
    cache.invalidate()  # the store changed while the page was being built
    cache.keep_page("a", "<p>old</p>", started)
    assert cache.page("a") is None


def test_only_the_most_recent_pages_are_kept() -> None:
    cache = StoreCache(MemoryStore())
    for n in range(PAGES_KEPT + 2):
        cache.keep_page(n, str(n), cache.generation)
    assert cache.page(0) is None and cache.page(1) is None
    assert [cache.page(n) for n in range(2, PAGES_KEPT + 2)] == [str(n) for n in range(2, PAGES_KEPT + 2)]


def test_a_page_does_not_read_the_whole_graph(dataset: GraphData) -> None:
    store = GraphCountingStore()
    store.load(dataset)
    with TestClient(create_app(api_settings(), store=store)) as client:
        assert client.get("/").status_code == 200
        assert client.get("/views/county?county=07").status_code == 200
    assert store.whole_graph_reads == 0
