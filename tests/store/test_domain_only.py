"""The analysts' graph holds the domain only: what ``db.labels()``, ``db.propertyKeys()``,
``MATCH (n)`` and ``db.schema.visualization()`` show a Neo4j user is graphapp's data model,
with none of the store's bookkeeping (its version, kept results, claims), while the store
is at work: loaded, asked for its version, results computed and kept, loaded again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphapp.api.cache import StoreCache
from graphapp.config import Settings
from graphapp.model import GraphData, Label, Node, RelType
from graphapp.records.schema import AgencyRecord, DocumentRecord, OrganizationRecord, ProjectRecord, RelationshipRecord
from graphapp.store.neo4j import Neo4jStore
from graphapp.synthetic import generate
from tests.conftest import DATA_DIR

LABELS = {label.value for label in Label}


def domain_keys(*datasets: GraphData) -> set[str]:
    """Every property key of the data model: those the datasets use, and every field of the records."""
    keys = {"id", "name"}
    for data in datasets:
        keys |= {key for node in data.nodes.values() for key in node.properties}
        keys |= {key for rel in data.relationships.values() for key in rel.properties}
    for record in (ProjectRecord, AgencyRecord, OrganizationRecord, DocumentRecord, RelationshipRecord):
        keys |= set(record.model_fields) - {"label", "type", "start", "end"}
    return keys | {"evidence", "unattributed_grant_sek"}


@pytest.fixture
def working(neo4j_settings: Settings, dataset: GraphData, tmp_path: Path) -> Iterator[Neo4jStore]:
    """A Neo4j store that has done its bookkeeping: versions read, a result claimed, computed and kept."""
    password = neo4j_settings.neo4j_password.get_secret_value()
    store = Neo4jStore(
        neo4j_settings.neo4j_uri or "", neo4j_settings.neo4j_user, password, neo4j_settings.neo4j_database,
        kept_dir=tmp_path,
    )  # fmt: skip
    try:
        store.clear()
        store.load(dataset)
        assert StoreCache(store, {"nodes": lambda graph: graph.number_of_nodes()}).kept("nodes") > 0
        extra = Node("org:test-domain-only", Label.ORGANIZATION, "Domain only", {"kind": "ngo"})
        store.load(GraphData({extra.id: extra}, {}))
        store.claim_derived("nodes", store.version(), 60)
        yield store
    finally:
        store.clear()
        store.close()


def rows(store: Neo4jStore, query: str) -> list[list[Any]]:
    """What an analyst's query answers (the store's run_cypher, as the workbench and the API run it)."""
    return store.run_cypher(query, {}, 30.0, 100_000).rows


@pytest.mark.neo4j
def test_db_labels_are_the_kinds_of_the_data_model(working: Neo4jStore) -> None:
    assert {row[0] for row in rows(working, "CALL db.labels() YIELD label RETURN label")} == LABELS


@pytest.mark.neo4j
def test_every_node_has_one_label_its_kind(working: Neo4jStore, dataset: GraphData) -> None:
    found = rows(working, "MATCH (n) RETURN labels(n) AS labels, count(*) AS n")
    assert all(len(labels) == 1 and labels[0] in LABELS for labels, _ in found)
    assert sum(n for _, n in found) == dataset.node_count() + 1
    first = rows(working, "MATCH (n {id: 'municipality:1766'}) RETURN labels(n)[0]")
    assert first == [["Municipality"]]


@pytest.mark.neo4j
def test_db_property_keys_are_the_data_models(working: Neo4jStore, dataset: GraphData) -> None:
    keys = {row[0] for row in rows(working, "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey")}
    allowed = domain_keys(dataset, generate(50, seed=1, reference_dir=DATA_DIR / "reference"))
    assert keys - allowed == set()
    used = rows(working, "MATCH (n) UNWIND keys(n) AS key RETURN DISTINCT key")
    used += rows(working, "MATCH ()-[r]->() UNWIND keys(r) AS key RETURN DISTINCT key")
    assert {row[0] for row in used} <= allowed


@pytest.mark.neo4j
def test_the_schema_visualization_draws_each_pair_of_kinds_once(working: Neo4jStore, dataset: GraphData) -> None:
    ((nodes, relationships),) = rows(working, "CALL db.schema.visualization()")
    label_of = {node["element_id"]: node["labels"][0] for node in nodes}
    assert set(label_of.values()) == LABELS and len(nodes) == len(LABELS)
    drawn = [(label_of[r["start"]], r["type"], label_of[r["end"]]) for r in relationships]
    found = {
        (dataset.nodes[r.start].label.value, r.type.value, dataset.nodes[r.end].label.value)
        for r in dataset.relationships.values()
    }
    # Neo4j draws, per type, every label its relationships start at with every label they end at
    starts = {t: {s for s, u, _ in found if u == t} for t in {t.value for t in RelType}}
    ends = {t: {e for _, u, e in found if u == t} for t in starts}
    assert len(drawn) == len(set(drawn)) == sum(len(starts[t]) * len(ends[t]) for t in starts)
    assert found <= set(drawn) and {t for _, t, _ in drawn} == set(starts)


@pytest.mark.neo4j
def test_a_database_loaded_by_an_earlier_graphapp_is_cleaned_by_the_first_load(
    neo4j_settings: Settings, dataset: GraphData
) -> None:
    import neo4j

    uri, user = neo4j_settings.neo4j_uri or "", neo4j_settings.neo4j_user
    password = neo4j_settings.neo4j_password.get_secret_value()
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        # what the earlier graphapp left: every node also an Entity, and its bookkeeping nodes (here with
        # the domain's property keys: Neo4j never forgets a key, and test_db_property_keys_… would see it)
        session.run("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE").consume()
        session.run("CREATE (:Entity:Municipality {id: 'municipality:1766', name: 'Sunne'})").consume()
        session.run("CREATE (:GraphappMeta {id: 'revision', name: 'r1'})").consume()
    store = Neo4jStore(uri, user, password, neo4j_settings.neo4j_database)
    try:
        assert store.get_node("municipality:1766").label is Label.MUNICIPALITY  # read before any load
        store.load(dataset)
        assert {row[0] for row in rows(store, "CALL db.labels() YIELD label RETURN label")} == LABELS
        assert rows(store, "MATCH (n) WHERE size(labels(n)) <> 1 RETURN count(n)") == [[0]]
        assert store.counts().nodes == dataset.node_count()
        constraints = {row[0] for row in rows(store, "SHOW CONSTRAINTS YIELD name RETURN name")}
        assert "entity_id" not in constraints and "project_id" in constraints
    finally:
        store.clear()
        store.close()
