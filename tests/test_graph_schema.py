"""The schema description (graphapp/graph_schema.py) is the graph's: what the records produce, what a loaded
Neo4j reports, and every part has words in both languages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graphapp.graph_schema import LABELS, RELATIONSHIPS, LabelSpec, RelationshipSpec
from graphapp.model import GraphData, Label, RelType, label_of_id
from graphapp.records.schema import _ENDPOINTS
from graphapp.store import GraphStore
from graphapp.synthetic import generate
from graphapp.views.i18n import words
from graphapp.views.schema_page import term
from tests.conftest import DATA_DIR

_PYTHON_TYPES = {str: "String", bool: "Boolean", int: "Integer", float: "Float", list: "List<String>", dt.date: "Date"}
_NEO4J_TYPES = {"String": "String", "Long": "Integer", "Double": "Float", "Boolean": "Boolean", "Date": "Date"}
_NEO4J_TYPES["StringArray"] = "List<String>"
_LABEL_SPECS = {spec.label: spec for spec in LABELS}
_REL_SPECS = {spec.type: spec for spec in RELATIONSHIPS}


@pytest.fixture(scope="module")
def graphs(dataset: GraphData) -> list[GraphData]:
    """The seed network and a generated one (which sets properties the seeds leave out)."""
    return [dataset, generate(300, 7, DATA_DIR / "reference")]


def _described(spec: LabelSpec | RelationshipSpec) -> dict[str, str]:
    return {p.key: p.type for p in spec.properties}


def test_every_label_and_type_is_described_once() -> None:
    assert [spec.label for spec in LABELS] == list(Label)
    assert [spec.type for spec in RELATIONSHIPS] == list(RelType)


def test_every_node_property_the_records_make_is_described(graphs: list[GraphData]) -> None:
    for graph in graphs:
        for node in graph.nodes.values():
            spec = _LABEL_SPECS[node.label]
            found = {"id": "String", "name": "String"} | {
                key: _PYTHON_TYPES[type(value)] for key, value in node.properties.items() if value is not None
            }
            described = _described(spec)
            assert found.items() <= described.items(), (node.id, set(found.items()) - set(described.items()))
            required = {p.key for p in spec.properties if p.required}
            assert required <= found.keys(), (node.id, required - found.keys())
            assert node.id.startswith(spec.id_prefix + ":")


def test_every_relationship_the_records_make_is_described(graphs: list[GraphData]) -> None:
    for graph in graphs:
        for rel in graph.relationships.values():
            spec = _REL_SPECS[rel.type]
            assert graph.nodes[rel.start].label in spec.starts and graph.nodes[rel.end].label in spec.ends, rel.key
            found = {key: _PYTHON_TYPES[type(value)] for key, value in rel.properties.items() if value is not None}
            assert found.items() <= _described(spec).items(), rel.key


def test_a_record_file_may_declare_only_ends_the_graph_holds() -> None:
    prefixes = {spec.id_prefix: spec.label for spec in LABELS}
    for rel_type, (starts, ends) in _ENDPOINTS.items():
        spec = _REL_SPECS[rel_type]
        assert {prefixes[p] for p in starts} <= set(spec.starts), rel_type
        assert {prefixes[p] for p in ends} <= set(spec.ends), rel_type


def test_the_examples_are_ids_of_their_label(dataset: GraphData) -> None:
    for spec in LABELS:
        assert label_of_id(spec.example) is spec.label and spec.example in dataset.nodes, spec.example


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_part_of_the_schema_has_words(lang: str) -> None:
    t = words(lang)
    for spec in LABELS:
        assert t.get(f"schema.label.{spec.label.value}"), spec.label
        assert all(term(t, spec.label.value, p.key) for p in spec.properties), spec.label
    for rel in RELATIONSHIPS:
        assert t.get(f"schema.rel.{rel.type.value}"), rel.type
        assert all(term(t, rel.type.value, p.key) for p in rel.properties), rel.type


@pytest.mark.neo4j
def test_the_description_is_what_neo4j_reports(_neo4j_store: GraphStore, dataset: GraphData) -> None:
    """Every label, type and property Neo4j holds after a load of ``data/`` is described, of the type
    described (labels that are not the domain's, bookkeeping, are not shown to analysts)."""
    store = _neo4j_store
    store.clear()
    store.load(dataset)
    nodes = store.run_cypher(
        "CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName, propertyTypes "
        "RETURN nodeLabels, propertyName, propertyTypes",
        {},
        10.0,
        10_000,
    ).rows
    domain = {label.value: label for label in Label}
    for labels, key, types in nodes:
        own = [domain[name] for name in labels if name in domain]
        if not own or key is None:
            continue
        described = _described(_LABEL_SPECS[own[0]])
        assert key in described, (own[0], key)
        assert {_NEO4J_TYPES[t] for t in types} == {described[key]}, (own[0], key, types)
    rels = store.run_cypher(
        "CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes "
        "RETURN relType, propertyName, propertyTypes",
        {},
        10.0,
        10_000,
    ).rows
    found: dict[str, Any] = {}
    for rel_type, key, types in rels:
        name = rel_type.strip(":`")
        found.setdefault(name, set())
        if key is not None:
            described = _described(_REL_SPECS[RelType(name)])
            assert key in described and {_NEO4J_TYPES[t] for t in types} == {described[key]}, (name, key)
    assert set(found) == {t.value for t in RelType}
