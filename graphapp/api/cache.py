"""What the API derives from the whole store and keeps per app: the search index,
the networkx graph, and results computed on it (metrics, projection, brokers).

Built on first use, under a lock, and dropped by :meth:`StoreCache.invalidate`
after an import through the API, and by :meth:`StoreCache.refresh` when the store
changed behind the app's back (``graphapp load`` into the same Neo4j, an import
through another worker): the app calls it every ``CHANGE_CHECK_SECONDS``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

from graphapp.search import SearchIndex
from graphapp.store import GraphStore

__all__ = ["CHANGE_CHECK_SECONDS", "StoreCache"]

#: How often a running app asks the store whether it changed (one tiny read).
CHANGE_CHECK_SECONDS = 5.0

T = TypeVar("T")


class StoreCache:
    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.RLock()
        self._search: SearchIndex | None = None
        self._graph: nx.MultiDiGraph | None = None
        self._memo: dict[Hashable, Any] = {}
        self._version: str | None = None  #: the store's version when last checked

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

    def refresh(self) -> bool:
        """Forget everything derived if the store changed since the last check (the
        first check only notes its version). True when something was forgotten."""
        version = self._store.version()
        with self._lock:
            changed = self._version is not None and version != self._version
            self._version = version
            if changed:
                self.invalidate()
        return changed

    def invalidate(self) -> None:
        with self._lock:
            self._search = None
            self._graph = None
            self._memo.clear()
