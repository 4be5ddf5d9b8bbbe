"""What the API derives from the store and keeps per app: the search index, the
networkx graph, results computed on it (metrics, projection, brokers), and the
rendered pages of large views.

Built on first use, under a lock, and dropped by :meth:`StoreCache.invalidate`
after an import through the API, and by :meth:`StoreCache.refresh` when the store
changed behind the app's back (``graphapp load`` into the same Neo4j, an import
through another worker): the app calls it every ``CHANGE_CHECK_SECONDS``. Each
invalidation starts a new :attr:`StoreCache.generation`, so a value derived from
the store before it is not kept after it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

from graphapp.search import SearchIndex
from graphapp.store import GraphStore

__all__ = ["CHANGE_CHECK_SECONDS", "PAGES_KEPT", "StoreCache"]

#: How often a running app asks the store whether it changed (one tiny read).
CHANGE_CHECK_SECONDS = 5.0
#: Rendered pages kept (the most recently kept ones).
PAGES_KEPT = 8

T = TypeVar("T")


class StoreCache:
    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.RLock()
        self._search: SearchIndex | None = None
        self._graph: nx.MultiDiGraph[str] | None = None
        self._memo: dict[Hashable, Any] = {}
        self._pages: OrderedDict[Hashable, str] = OrderedDict()  #: newest last
        self._version: str | None = None  #: the store's version when last checked
        self._generation = 0

    @property
    def generation(self) -> int:
        """How many times what was derived has been dropped: read it before deriving something, and keep
        the result only under the same generation (:meth:`keep_page`)."""
        return self._generation

    def built_search_index(self) -> SearchIndex | None:
        """The search index if it is built already (no waiting, no store call)."""
        return self._search

    def search_index(self) -> SearchIndex:
        with self._lock:
            if self._search is None:
                self._search = SearchIndex(self._store.all_nodes())
            return self._search

    def graph(self) -> nx.MultiDiGraph[str]:
        """The whole store as networkx (layout of ``GraphStore.to_networkx``). Do not change it."""
        with self._lock:
            if self._graph is None:
                self._graph = self._store.to_networkx()
            return self._graph

    def memo(self, key: Hashable, compute: Callable[[nx.MultiDiGraph[str]], T]) -> T:
        """``compute(graph)`` of the whole graph, computed once per ``key``."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = compute(self.graph())
            value: T = self._memo[key]
            return value

    def page(self, key: Hashable) -> str | None:
        """A rendered page kept under ``key`` in this generation, or None."""
        with self._lock:
            return self._pages.get(key)

    def keep_page(self, key: Hashable, html: str, generation: int) -> None:
        """Keep a page rendered in ``generation`` (not if the store changed since), dropping the oldest
        beyond :data:`PAGES_KEPT`."""
        with self._lock:
            if generation != self._generation:
                return
            self._pages[key] = html
            self._pages.move_to_end(key)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)

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
            self._pages.clear()
            self._generation += 1
