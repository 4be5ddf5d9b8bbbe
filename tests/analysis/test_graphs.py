from __future__ import annotations

import networkx as nx

from graphapp.analysis import actor_project_view, graph_from_data, subgraph_to_networkx
from graphapp.model import GraphData, Label
from graphapp.store import MemoryStore, SubgraphFilter


def _layout(graph: nx.MultiDiGraph) -> tuple[dict[str, dict[str, object]], dict[tuple[str, str, str], object]]:
    return dict(graph.nodes(data=True)), {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}


def test_graph_from_data_has_the_memory_store_layout(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    assert _layout(graph_from_data(dataset)) == _layout(store.to_networkx())


def test_graph_from_data_copies_lists(dataset: GraphData) -> None:
    graph = graph_from_data(dataset)
    u, v, key, sources = next(edge for edge in graph.edges(keys=True, data="sources") if edge[3])
    sources.append("document:changed")
    assert "document:changed" not in dataset.relationships[(u, key, v)].sources


def test_subgraph_to_networkx_matches_the_store_graph_restricted(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    sub = store.subgraph(SubgraphFilter(county="07"))
    graph = subgraph_to_networkx(sub)
    whole = store.to_networkx()
    assert sorted(graph) == sorted(node.id for node in sub.nodes)
    assert _layout(graph) == _layout(whole.subgraph(graph.nodes).copy())


def test_subgraph_to_networkx_drops_dangling_relationships(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    sub = store.neighbours("project:integration-pa-g", kinds=frozenset({Label.PROJECT, Label.MUNICIPALITY}))
    partial = type(sub)(sub.nodes[:3], sub.relationships, sub.truncated)
    graph = subgraph_to_networkx(partial)
    assert graph.number_of_nodes() == 3
    assert all(u in graph and v in graph for u, v in graph.edges())


def test_actor_project_view_is_undirected_simple_and_sorted(dataset: GraphData) -> None:
    view = actor_project_view(graph_from_data(dataset))
    assert not view.is_directed() and not view.is_multigraph()
    assert list(view) == sorted(view)
    assert not any(node.startswith(("county:", "document:")) for node in view)
    assert all(degree > 0 for _, degree in view.degree())
    assert view.nodes["municipality:0780"] == {"name": "Växjö", "kind": "municipality"}
