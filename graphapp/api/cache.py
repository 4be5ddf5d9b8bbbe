"""What the API derives from the store and keeps per app: the search index, the
networkx graph, results computed on it (projection, brokers), the rendered pages and JSON twins of
large views (:class:`Body`: the bytes and their gzip, so a view asked again is neither built nor
compressed again), the layouts of views (:meth:`StoreCache.layout`: one per view and parameters,
whatever the page's language or frame), and the results expensive enough to be kept in the store itself
(whole-network metrics).

Each is built on first use, once: one lock per thing being built, so a long computation
holds up only those who need it. Everything is dropped by :meth:`StoreCache.invalidate`
after an import through the API, and by :meth:`StoreCache.refresh` when the store changed
behind the app's back (``graphapp load`` into the same Neo4j, an import through another
worker): the app calls it every ``CHANGE_CHECK_SECONDS``. Each invalidation starts a new
:attr:`StoreCache.generation`, so a value derived from the store before it is not kept
after it.

Kept results (:meth:`StoreCache.kept`) outlive the app: they are stored with the version
of the store they were computed at (:meth:`~graphapp.store.GraphStore.keep_derived`), so
an app that starts, and every worker beside it, reads them instead of computing them
again; of several processes that find one missing, one computes it (it claims the work in
the store) and the others wait for it. :meth:`StoreCache.warm_up` builds them before any
visitor asks: ``graphapp serve`` calls it at start-up and after every change it notices.
"""

from __future__ import annotations

import gzip
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import networkx as nx

from graphapp.search import SearchIndex
from graphapp.store import GraphStore
from graphapp.views.layout.kept import Placed

__all__ = ["CHANGE_CHECK_SECONDS", "CLAIM_SECONDS", "LAYOUTS_KEPT", "PAGES_KEPT", "Body", "StoreCache"]

log = logging.getLogger(__name__)

#: How often a running app asks the store whether it changed (one tiny read).
CHANGE_CHECK_SECONDS = 5.0
#: Rendered pages and JSON twins kept (the most recently kept ones): a county's page of 1 600 nodes is
#: about 1 MB with its gzip.
PAGES_KEPT = 16
#: Layouts of views kept (the most recently used ones): 2 000 nodes' positions take about 200 kB.
LAYOUTS_KEPT = 64
#: How long a process may take to compute a kept result before another may take over.
CLAIM_SECONDS = 600.0
#: How often a process waiting for another's computation looks for its result.
WAIT_SECONDS = 1.0

T = TypeVar("T")
_SEARCH = ("graphapp.api.cache", "search index")
_GRAPH = ("graphapp.api.cache", "graph")


@dataclass(frozen=True, slots=True)
class Body:
    """A response body and its gzip (compressed once, when kept; None: compressed when sent, if at all)."""

    raw: bytes
    gzipped: bytes | None

    @classmethod
    def of(cls, raw: bytes) -> Body:
        return cls(raw, gzip.compress(raw, compresslevel=5))


class StoreCache:
    """``kept`` names the results to keep in the store, each computed from the whole graph."""

    def __init__(
        self, store: GraphStore, kept: Mapping[str, Callable[[nx.MultiDiGraph[str]], Any]] | None = None
    ) -> None:
        self._store = store
        self._computations = dict(kept or {})
        self._lock = threading.Lock()  #: guards the fields below; never held while building
        self._built: dict[Hashable, Any] = {}
        self._building: dict[Hashable, threading.Lock] = {}
        self._pages: OrderedDict[Hashable, Body] = OrderedDict()  #: newest last
        self._layouts: OrderedDict[Hashable, Placed] = OrderedDict()  #: most recently used last
        self._version: str | None = None  #: the store's version when last checked
        self._generation = 0  #: bumped by invalidate(): what was begun before is not kept

    @property
    def generation(self) -> int:
        """How many times what was derived has been dropped: read it before deriving something, and keep
        the result only under the same generation (:meth:`keep_page`)."""
        return self._generation

    def built_search_index(self) -> SearchIndex | None:
        """The search index if it is built already (no waiting, no store call)."""
        index: SearchIndex | None = self._built.get(_SEARCH)
        return index

    def search_index(self) -> SearchIndex:
        return self._once(_SEARCH, lambda: SearchIndex(self._store.all_nodes()))

    def graph(self) -> nx.MultiDiGraph[str]:
        """The whole store as networkx (layout of ``GraphStore.to_networkx``). Do not change it."""
        return self._graph_at()[0]

    def memo(self, key: Hashable, compute: Callable[[nx.MultiDiGraph[str]], T]) -> T:
        """``compute(graph)`` of the whole graph, computed once per ``key``."""
        return self._once(("memo", key), lambda: compute(self.graph()))

    def kept(self, name: str) -> Any:
        """The result ``name`` (one of ``kept``) of the whole graph: built here, or kept in the
        store for its current version, or computed now and kept there."""
        return self._once(("kept", name), lambda: self._kept_or_computed(name))

    def warm_up(self) -> None:
        """Build what visitors would otherwise wait for: the search index and the kept results."""
        self.search_index()
        for name in self._computations:
            self.kept(name)

    def page(self, key: Hashable) -> Body | None:
        """A rendered page (or JSON twin) kept under ``key`` in this generation, or None."""
        with self._lock:
            return self._pages.get(key)

    def keep_page(self, key: Hashable, body: Body, generation: int) -> None:
        """Keep a page rendered in ``generation`` (not if the store changed since), dropping the oldest
        beyond :data:`PAGES_KEPT`."""
        with self._lock:
            if generation != self._generation:
                return
            self._pages[key] = body
            self._pages.move_to_end(key)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)

    def layout(self, key: Hashable, compute: Callable[[], Placed]) -> Placed:
        """The layout kept under ``key`` in this generation, or ``compute()``, kept if the store did not
        change meanwhile (the most recently used :data:`LAYOUTS_KEPT`). Given to
        :func:`~graphapp.views.payload.build_payload` as its ``layouts``."""
        with self._lock:
            placed = self._layouts.get(key)
            if placed is not None:
                self._layouts.move_to_end(key)
                return placed
            generation = self._generation
        placed = compute()
        with self._lock:
            if generation == self._generation:
                self._layouts[key] = placed
                while len(self._layouts) > LAYOUTS_KEPT:
                    self._layouts.popitem(last=False)
        return placed

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
            self._built.clear()
            self._pages.clear()
            self._layouts.clear()
            self._generation += 1

    # -- helpers -------------------------------------------------------------

    def _once(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._built:
                value: T = self._built[key]
                return value
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._built:
                    value = self._built[key]
                    return value
                generation = self._generation
            value = build()
            with self._lock:
                if generation == self._generation:
                    self._built[key] = value
            return value

    def _graph_at(self, keep: bool = True) -> tuple[nx.MultiDiGraph[str], str | None]:
        """The whole graph and the store's version it was read at (None if that changed
        meanwhile). Read for once only unless ``keep``: a graph of 10 000 projects held for
        nothing costs memory and slows every full garbage collection."""

        def read() -> tuple[nx.MultiDiGraph[str], str | None]:
            before = self._store.version()
            graph = self._store.to_networkx()
            return graph, before if self._store.version() == before else None

        if keep:
            return self._once(_GRAPH, read)
        kept: tuple[nx.MultiDiGraph[str], str | None] | None = self._built.get(_GRAPH)
        return kept or read()

    def _kept_or_computed(self, name: str) -> Any:
        compute = self._computations[name]
        waited = 0.0
        while True:
            version = self._store.version()
            found = self._store.derived(name)
            if found is not None and found[0] == version:
                return json.loads(found[1])
            if waited >= CLAIM_SECONDS or self._store.claim_derived(name, version, CLAIM_SECONDS):
                started = time.perf_counter()
                graph, graph_version = self._graph_at(keep=False)
                if graph_version != version:  # the store changed since: start again
                    self.invalidate()
                    continue
                value = compute(graph)
                self._store.keep_derived(name, version, json.dumps(value))
                log.info("computed and kept %s in %.1f s", name, time.perf_counter() - started)
                return value
            time.sleep(WAIT_SECONDS)  # another process computes it
            waited += WAIT_SECONDS
