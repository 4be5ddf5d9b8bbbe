"""Versions and results derived from the graph and kept by the store, on both backends."""

from __future__ import annotations

import pytest

from graphapp.config import Settings
from graphapp.model import GraphData, Label, Node
from graphapp.store import GraphStore


def _one(name: str = "O") -> GraphData:
    return GraphData({"org:o": Node("org:o", Label.ORGANIZATION, name, {"kind": "ngo"})}, {})


def test_loading_what_is_there_keeps_the_version(store: GraphStore, dataset: GraphData) -> None:
    before = store.version()
    store.load(dataset)
    assert store.version() == before
    store.load(_one())
    assert store.version() != before


def test_a_changed_property_changes_the_version(empty_store: GraphStore) -> None:
    empty_store.load(_one("O"))
    before = empty_store.version()
    empty_store.load(_one("O renamed"))
    assert empty_store.version() != before
    assert empty_store.get_node("org:o").name == "O renamed"


def test_a_kept_result_is_read_back_with_its_version(empty_store: GraphStore) -> None:
    empty_store.load(_one())
    version = empty_store.version()
    assert empty_store.derived("metrics") is None
    assert empty_store.claim_derived("metrics", version, 60)
    empty_store.keep_derived("metrics", version, '{"degree": []}')
    assert empty_store.derived("metrics") == (version, '{"degree": []}')
    assert not empty_store.claim_derived("metrics", version, 60)  # kept: nothing to compute


def test_a_kept_result_goes_stale_when_the_graph_changes(empty_store: GraphStore) -> None:
    empty_store.load(_one())
    version = empty_store.version()
    empty_store.keep_derived("metrics", version, "old")
    empty_store.load(_one("O renamed"))
    found = empty_store.derived("metrics")
    assert found is None or found[0] != empty_store.version()
    assert empty_store.claim_derived("metrics", empty_store.version(), 60)


def test_a_result_of_an_older_version_is_not_kept(empty_store: GraphStore) -> None:
    empty_store.load(_one())
    old = empty_store.version()
    empty_store.load(_one("O renamed"))
    assert not empty_store.claim_derived("metrics", old, 60)
    empty_store.keep_derived("metrics", old, "computed before the change")
    assert empty_store.derived("metrics") is None


@pytest.mark.neo4j
def test_a_change_by_another_process_changes_the_version(neo4j_settings: Settings, _neo4j_store: GraphStore) -> None:
    from graphapp.store.neo4j import Neo4jStore

    password = neo4j_settings.neo4j_password.get_secret_value()
    other = Neo4jStore(neo4j_settings.neo4j_uri or "", neo4j_settings.neo4j_user, password)
    try:
        _neo4j_store.clear()
        _neo4j_store.load(_one())
        before = _neo4j_store.version()
        other.load(_one())
        assert _neo4j_store.version() == before  # what is there already: nothing committed
        other.load(_one("O renamed by another process"))
        assert _neo4j_store.version() != before
    finally:
        _neo4j_store.clear()
        other.close()
