"""Graph stores: one protocol, two backends. Nothing outside this package knows
which backend is underneath."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from graphapp.config import Settings
from graphapp.store.data_folder import DataFolderStore
from graphapp.store.durable import recover
from graphapp.store.journal import Journal
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
    data folder loaded, after tidying up what an interrupted import left (:func:`~graphapp.store.durable.recover`,
    reported in one log line), and follows changes to their record files (:class:`DataFolderStore`; empty
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
    if not preload:
        return MemoryStore()
    report = recover(settings.data_dir, Journal(settings.curation_path, settings.data_dir))
    if report is not None:
        logging.getLogger(__name__).warning("graphapp: %s", report)
    return DataFolderStore(settings.data_dir, seed_dir=settings.seed_path)


@contextmanager
def opened(settings: Settings, *, preload: bool = True) -> Iterator[GraphStore]:
    """The store the settings name (see :func:`open_store`), closed when the block ends."""
    store = open_store(settings, preload=preload)
    try:
        yield store
    finally:
        store.close()
