"""StoreCache: what the app derives from the store, kept per generation and dropped when the store changes."""

from __future__ import annotations

import gzip
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.cache import PAGES_KEPT, Body, StoreCache
from graphapp.api.routes import pages
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from graphapp.views import payload
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
    cache.keep_page("a", Body.of(b"<p>a</p>"), first)
    assert cache.page("a") == Body(b"<p>a</p>", gzip.compress(b"<p>a</p>", compresslevel=5))
    cache.invalidate()
    assert cache.generation == first + 1
    assert cache.page("a") is None


def test_a_page_built_before_a_change_is_not_kept() -> None:
    cache = StoreCache(MemoryStore())
    started = cache.generation
    cache.invalidate()  # the store changed while the page was being built
    cache.keep_page("a", Body.of(b"<p>old</p>"), started)
    assert cache.page("a") is None


def test_only_the_most_recent_pages_are_kept() -> None:
    cache = StoreCache(MemoryStore())
    for n in range(PAGES_KEPT + 2):
        cache.keep_page(n, Body(str(n).encode(), None), cache.generation)
    assert cache.page(0) is None and cache.page(1) is None
    kept_pages = [cache.page(n) for n in range(2, PAGES_KEPT + 2)]
    assert [b.raw if b else None for b in kept_pages] == [str(n).encode() for n in range(2, PAGES_KEPT + 2)]


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


def test_a_large_view_asked_again_is_neither_built_nor_compressed_again(
    dataset: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page, its embed and its JSON twin, asked a second time, are the bytes kept with their gzip: no
    payload, no rendering, no compression (a county's page of 1 600 nodes cost 7.5 ms of gzip per request)."""
    built: list[str] = []
    compressions: list[int] = []
    real_payload, real_compress = pages.page_payload, gzip.compress

    def counted_payload(*args: Any, **kwargs: Any) -> dict[str, Any]:
        built.append(args[1])
        return real_payload(*args, **kwargs)

    def counted_compress(data: bytes, compresslevel: int = 9, **kwargs: Any) -> bytes:
        compressions.append(len(data))
        return real_compress(data, compresslevel, **kwargs)

    monkeypatch.setattr(payload, "LARGE_NETWORK", 10)  # the test data's county 07 (27 nodes) counts as large
    monkeypatch.setattr(pages, "page_payload", counted_payload)  # pages and embeds
    monkeypatch.setattr(payload, "page_payload", counted_payload)  # JSON twins, through build_payload
    monkeypatch.setattr(gzip, "compress", counted_compress)
    store = MemoryStore()
    store.load(dataset)
    with TestClient(create_app(api_settings(), store=store)) as client:
        for url in ("/views/county?county=07", "/embed/county?county=07", "/views/county.json?county=07"):
            first = client.get(url, headers={"Accept-Encoding": "gzip"})
            counts = len(built), len(compressions)
            again = client.get(url, headers={"Accept-Encoding": "gzip"})
            assert (len(built), len(compressions)) == counts, url
            assert again.headers["content-encoding"] == "gzip"
            assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
            plain = client.get(url, headers={"Accept-Encoding": "identity"})
            assert "content-encoding" not in plain.headers and plain.content == first.content
        assert built == ["county", "county", "county"]
        client.app.state.cache.invalidate()  # type: ignore[attr-defined]
        client.get("/views/county?county=07")
        assert len(built) == 4  # the store changed: built again


def test_a_views_tables_are_not_laid_out(dataset: GraphData, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table has no positions: downloading a view's tables costs no layout (a second of ForceAtlas2 for a
    county of 1 600 nodes), and the tables are those of the view."""
    computed: list[int] = []

    def counted(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], focus: str | None = None) -> None:
        computed.append(len(nodes))
        force_layout(nodes, rels, focus)

    monkeypatch.setattr(kept, "force_layout", counted)
    store = MemoryStore()
    store.load(dataset)
    with TestClient(create_app(api_settings(), store=store)) as client:
        nodes = client.get("/views/county.nodes.csv?county=07")
        assert client.get("/views/county.relationships.csv?county=07").status_code == 200
        assert client.get("/views/county.xlsx?county=07&lang=en").status_code == 200
        shown = client.post("/views/county.nodes.csv?county=07", json={"nodes": [], "relationships": []})
        assert computed == []
        view = client.get("/views/county.json?county=07").json()
    assert computed == [len(view["nodes"])]
    rows = nodes.text.strip().splitlines()
    assert len(rows) == 1 + len(view["nodes"]) and shown.text == nodes.text
