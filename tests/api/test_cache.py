"""StoreCache: what the app derives from the store, kept per generation and dropped when the store changes."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.cache import PAGES_KEPT, StoreCache
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from graphapp.views.layout import force_layout, kept
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


def test_a_views_layout_is_computed_once_per_revision(dataset: GraphData, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page, its embed, its JSON and the page in English share one layout; a change to the store drops it."""
    computed: list[int] = []

    def counted(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], focus: str | None = None) -> None:
        computed.append(len(nodes))
        force_layout(nodes, rels, focus)

    monkeypatch.setattr(kept, "force_layout", counted)
    store = MemoryStore()
    store.load(dataset)
    with TestClient(create_app(api_settings(), store=store)) as client:
        urls = ["/views/county?county=07", "/embed/county?county=07", "/views/county?county=07&lang=en"]
        assert all(client.get(url).status_code == 200 for url in urls)
        first = client.get("/views/county.json?county=07").json()
        assert len(computed) == 1
        client.app.state.cache.invalidate()  # type: ignore[attr-defined]
        again = client.get("/views/county.json?county=07").json()
        assert len(computed) == 2
        assert client.get("/views/county.json?county=07&layout=geo").status_code == 200
        assert len(computed) == 2  # the geographic layout is another one
    assert [(n["id"], n["x"], n["y"]) for n in first["nodes"]] == [(n["id"], n["x"], n["y"]) for n in again["nodes"]]


def test_a_kept_layout_without_a_node_of_the_view_is_computed_again() -> None:
    """The store changed before the app noticed: a node the kept layout lacks is not drawn at 0, 0."""
    cache = StoreCache(MemoryStore())
    nodes = [{"id": i, "kind": "project", "properties": {}, "size": 10} for i in ("a", "b", "c")]
    rels = [{"start": "a", "end": "b", "type": "COLLABORATES_WITH", "properties": {}}]
    kept.lay_out(nodes[:2], rels, None, None, "view", cache.layout)
    kept.lay_out(nodes, rels, None, None, "view", cache.layout)
    assert len({(n["x"], n["y"]) for n in nodes}) == 3
