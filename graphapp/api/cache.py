"""What the API derives from the whole store and keeps per app: the search index,
the networkx graph, and results computed on it (metrics, projection, brokers).

Built on first use, under a lock, and dropped by :meth:`StoreCache.invalidate`
after an import through the API. A store changed behind the app's back (``graphapp
load`` into the same Neo4j) is seen after the app restarts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

from graphapp.search import SearchIndex
from graphapp.store import GraphStore

__all__ = ["StoreCache"]

T = TypeVar("T")


class StoreCache:
    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.RLock()
        self._search: SearchIndex | None = None
        self._graph: nx.MultiDiGraph | None = None
        self._memo: dict[Hashable, Any] = {}

    def built_search_index(self) -> SearchIndex | None:
        """The search index if it is built already (no waiting, no store call)."""
        return self._search

    def search_index(self) -> SearchIndex:
        with self._lock:
            if self._search is None:
                self._search = SearchIndex(self._store.all_nodes())
            return self._search

    def graph(self) -> nx.MultiDiGraph:
        """The whole store as networkx (layout of ``GraphStore.to_networkx``). Do not change it."""
        with self._lock:
            if self._graph is None:
                self._graph = self._store.to_networkx()
            return self._graph

    def memo(self, key: Hashable, compute: Callable[[nx.MultiDiGraph], T]) -> T:
        """``compute(graph)`` of the whole graph, computed once per ``key``."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute(self.graph())
            value: T = self._memo[key]
            return value

    def invalidate(self) -> None:
        with self._lock:
            self._search = None
            self._graph = None
            self._memo.clear()
