from __future__ import annotations

import networkx as nx
import pytest

from graphapp.analysis import communities, graph_from_data
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from tests.analysis.builders import edge, in_project, node


@pytest.fixture
def two_clusters() -> nx.MultiDiGraph:
    """Two dense groups of three municipalities and two projects, joined by one BUILDS_ON."""
    graph = nx.MultiDiGraph()
    for group in ("a", "b"):
        actors = [node(graph, f"municipality:{group}{number}") for number in range(3)]
        in_project(graph, f"project:{group}1", *actors)
        in_project(graph, f"project:{group}2", *actors)
    edge(graph, "project:b1", "BUILDS_ON", "project:a1")
    node(graph, "document:d")
    edge(graph, "project:a1", "DESCRIBED_IN", "document:d")
    return graph


def test_two_clusters_are_found(two_clusters: nx.MultiDiGraph) -> None:
    found = communities(two_clusters, seed=0)
    assert [c["id"] for c in found] == [0, 1]
    assert [[m["id"] for m in c["members"]] for c in found] == [
        ["municipality:a0", "municipality:a1", "municipality:a2", "project:a1", "project:a2"],
        ["municipality:b0", "municipality:b1", "municipality:b2", "project:b1", "project:b2"],
    ]
    assert found[0]["size"] == 5
    assert found[0]["members"][3] == {"id": "project:a1", "name": "A1", "kind": "project"}


def test_same_seed_same_communities(dataset: GraphData) -> None:
    graph = graph_from_data(dataset)
    assert communities(graph, seed=7) == communities(graph, seed=7)


def test_ordered_by_size_then_smallest_member(dataset: GraphData) -> None:
    found = communities(graph_from_data(dataset), seed=0)
    keys = [(-c["size"], c["members"][0]["id"]) for c in found]
    assert keys == sorted(keys)
    assert all(c["size"] == len(c["members"]) for c in found)


def test_every_network_node_in_exactly_one_community(dataset: GraphData) -> None:
    found = communities(graph_from_data(dataset), seed=0)
    members = [m["id"] for c in found for m in c["members"]]
    assert len(members) == len(set(members))
    assert not any(m.startswith(("county:", "document:")) for m in members)
    assert "project:integration-pa-g" in members


def test_memory_store_and_dataset_agree(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    assert communities(store.to_networkx(), seed=1) == communities(graph_from_data(dataset), seed=1)


def test_empty_graph_has_no_communities() -> None:
    assert communities(nx.MultiDiGraph()) == []
