from __future__ import annotations

import json

import networkx as nx
import pytest

from graphapp.analysis import centralities, graph_from_data
from graphapp.analysis import centrality as centrality_module
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from tests.analysis.builders import edge, in_project, node


@pytest.fixture
def path_graph() -> nx.MultiDiGraph:
    """a - p1 - b - p2 - c, plus context that must be ignored (county, document)."""
    graph = nx.MultiDiGraph()
    a, b, c = (node(graph, f"municipality:{x}") for x in "abc")
    in_project(graph, "project:p1", a, b)
    in_project(graph, "project:p2", b, c)
    node(graph, "county:07")
    for municipality in (a, b, c):
        edge(graph, municipality, "IN_COUNTY", "county:07")
    node(graph, "document:d")
    edge(graph, "project:p1", "DESCRIBED_IN", "document:d")
    node(graph, "org:isolated")
    return graph


def _scores(rows: list[dict[str, object]]) -> dict[object, object]:
    return {row["id"]: row["score"] for row in rows}


def test_betweenness_on_a_path_is_known(path_graph: nx.MultiDiGraph) -> None:
    # normalised by (n-1)(n-2)/2 = 6 pairs: b is on 4 of them, p1 and p2 on 3, the ends on none
    scores = _scores(centralities(path_graph)["betweenness"])
    assert scores == {
        "municipality:b": 0.666667,
        "project:p1": 0.5,
        "project:p2": 0.5,
        "municipality:a": 0.0,
        "municipality:c": 0.0,
    }


def test_degree_ignores_counties_documents_and_isolated_nodes(path_graph: nx.MultiDiGraph) -> None:
    rows = centralities(path_graph)["degree"]
    assert [row["id"] for row in rows] == [
        "municipality:b",
        "project:p1",
        "project:p2",
        "municipality:a",
        "municipality:c",
    ]
    assert rows[0] == {"id": "municipality:b", "name": "B", "kind": "municipality", "score": 0.5}


def test_eigenvector_is_symmetric_on_a_path(path_graph: nx.MultiDiGraph) -> None:
    scores = _scores(centralities(path_graph)["eigenvector"])
    assert scores["project:p1"] == scores["project:p2"]
    assert scores["municipality:a"] == scores["municipality:c"] < scores["municipality:b"]


def test_top_cuts_each_list(path_graph: nx.MultiDiGraph) -> None:
    result = centralities(path_graph, top=2)
    assert set(result) == {"degree", "betweenness", "eigenvector"}
    assert all(len(rows) == 2 for rows in result.values())


def test_ties_are_ordered_by_id(path_graph: nx.MultiDiGraph) -> None:
    rows = centralities(path_graph)["betweenness"]
    assert [row["id"] for row in rows[1:3]] == ["project:p1", "project:p2"]


def test_disconnected_graph_does_not_crash() -> None:
    graph = nx.MultiDiGraph()
    for number in range(3):
        actors = [node(graph, f"municipality:{number}{x}") for x in "ab"]
        in_project(graph, f"project:p{number}", *actors)
    result = centralities(graph)
    assert len(result["eigenvector"]) == 9
    assert all(row["score"] >= 0 for row in result["eigenvector"])


def test_eigenvector_scores_the_largest_component_and_zero_elsewhere() -> None:
    graph = nx.MultiDiGraph()
    in_project(graph, "project:big", *(node(graph, f"municipality:{x}") for x in "abc"))
    in_project(graph, "project:small", node(graph, "municipality:d"))
    scores = _scores(centralities(graph)["eigenvector"])
    assert scores["municipality:d"] == scores["project:small"] == 0.0
    assert scores["project:big"] > scores["municipality:a"] > 0
    assert scores["municipality:a"] == scores["municipality:b"] == scores["municipality:c"]


@pytest.mark.parametrize("partners", [1, 2, 12])
def test_eigenvector_of_a_tiny_or_larger_single_project(partners: int) -> None:
    graph = nx.MultiDiGraph()
    in_project(graph, "project:p", *(node(graph, f"municipality:{i:02d}") for i in range(partners)))
    scores = _scores(centralities(graph)["eigenvector"])
    assert scores["project:p"] == max(scores.values()) > 0
    assert len({scores[f"municipality:{i:02d}"] for i in range(partners)}) == 1


def test_large_graph_samples_betweenness_repeatably(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(centrality_module, "EXACT_BETWEENNESS_LIMIT", 5)
    graph = nx.MultiDiGraph()
    actors = [node(graph, f"municipality:{number:02d}") for number in range(12)]
    for number in range(11):
        in_project(graph, f"project:{number:02d}", actors[number], actors[number + 1])
    first = centralities(graph, seed=3, samples=4)["betweenness"]
    assert first == centralities(graph, seed=3, samples=4)["betweenness"]
    assert first != centralities(graph)["betweenness"]


def test_empty_graph() -> None:
    assert centralities(nx.MultiDiGraph()) == {"degree": [], "betweenness": [], "eigenvector": []}


def test_curated_data_memory_store_and_dataset_agree_to_the_byte(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    from_store = json.dumps(centralities(store.to_networkx()), sort_keys=True)
    assert from_store == json.dumps(centralities(graph_from_data(dataset)), sort_keys=True)


def test_curated_data_largest_projects_lead_degree(dataset: GraphData) -> None:
    leaders = [row["id"] for row in centralities(graph_from_data(dataset), top=2)["degree"]]
    assert leaders == ["project:dalarna-implementering-integration", "project:integration-pa-g"]
