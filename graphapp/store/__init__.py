"""Graph stores: one protocol, two backends. Nothing outside this package knows
which backend is underneath."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graphapp.config import Settings
from graphapp.store.data_folder import DataFolderStore
from graphapp.store.memory import MemoryStore
from graphapp.store.protocol import Counts, CypherResult, GraphStore, RankedActor, SubgraphFilter

__all__ = [
    "Counts",
    "CypherResult",
    "DataFolderStore",
    "GraphStore",
    "MemoryStore",
    "RankedActor",
    "SubgraphFilter",
    "open_store",
    "opened",
]


def open_store(settings: Settings, *, preload: bool = True) -> GraphStore:
    """The store the settings name. The embedded store starts with the seed network and the user's
    data folder loaded and follows changes to their record files (:class:`DataFolderStore`; empty
    with ``preload=False``); a Neo4j store holds what was loaded into it (``graphapp load``). The
    caller closes it."""
    if settings.neo4j_uri:
        from graphapp.store.neo4j import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            cypher_dir=settings.cypher_dir,
            connection_timeout=settings.neo4j_timeout,
            kept_dir=settings.cache_path / "neo4j",
        )
    return DataFolderStore(settings.data_dir, seed_dir=settings.seed_path) if preload else MemoryStore()


@contextmanager
def opened(settings: Settings, *, preload: bool = True) -> Iterator[GraphStore]:
    """The store the settings name (see :func:`open_store`), closed when the block ends."""
    store = open_store(settings, preload=preload)
    try:
        yield store
    finally:
        store.close()
