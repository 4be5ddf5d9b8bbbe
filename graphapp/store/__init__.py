"""Graph stores: one protocol, two backends. Nothing outside this package knows
which backend is underneath."""

from __future__ import annotations

from graphapp.config import Settings
from graphapp.records import load_dataset
from graphapp.store.memory import MemoryStore
from graphapp.store.protocol import Counts, CypherResult, GraphStore, RankedActor, SubgraphFilter

__all__ = ["Counts", "CypherResult", "GraphStore", "MemoryStore", "RankedActor", "SubgraphFilter", "open_store"]


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name. The embedded store starts with ``data/`` loaded;
    a Neo4j store holds what was loaded into it (``graphapp load``)."""
    if settings.neo4j_uri:
        from graphapp.store.neo4j import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            cypher_dir=settings.cypher_dir,
            connection_timeout=settings.neo4j_timeout,
        )
    store = MemoryStore()
    store.load(load_dataset(settings.data_dir))
    return store
