from __future__ import annotations

import networkx as nx
import pytest

from graphapp.analysis import collaboration_projection, graph_from_data, municipality_partners
from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from tests.analysis.builders import edge, in_project, node


@pytest.fixture
def three_projects() -> nx.MultiDiGraph:
    """a, b, c in p1; a, b in p2 (a owns it); c co-funds p3 with d; org x everywhere."""
    graph = nx.MultiDiGraph()
    a, b, c, d = (node(graph, f"municipality:{x}", county_code="07") for x in "abcd")
    x = node(graph, "org:x")
    in_project(graph, "project:p1", a, b, c, x)
    in_project(graph, "project:p2", b, x)
    in_project(graph, "project:p2", a, rel_type="OWNS")
    in_project(graph, "project:p3", d)
    in_project(graph, "project:p3", c, rel_type="CO_FUNDS")
    node(graph, "fund:f")
    edge(graph, "fund:f", "FUNDS", "project:p1")
    node(graph, "municipality:alone")
    return graph


def test_projection_weights_count_shared_projects(three_projects: nx.MultiDiGraph) -> None:
    projection = collaboration_projection(three_projects)
    weights = {tuple(sorted((u, v))): w for u, v, w in projection.edges(data="weight")}
    assert weights == {
        ("municipality:a", "municipality:b"): 2,
        ("municipality:a", "municipality:c"): 1,
        ("municipality:b", "municipality:c"): 1,
        ("municipality:c", "municipality:d"): 1,
    }
    assert projection.edges["municipality:a", "municipality:b"]["projects"] == ["project:p1", "project:p2"]


def test_projection_keeps_only_municipalities_in_projects(three_projects: nx.MultiDiGraph) -> None:
    projection = collaboration_projection(three_projects)
    assert sorted(projection) == ["municipality:a", "municipality:b", "municipality:c", "municipality:d"]
    assert projection.nodes["municipality:c"] == {"name": "C", "county_code": "07", "projects": 2}


def test_partners_sorted_by_shared_projects_then_name(three_projects: nx.MultiDiGraph) -> None:
    partners = municipality_partners(three_projects, "municipality:a")
    assert [(p["id"], p["shared_projects"]) for p in partners] == [("municipality:b", 2), ("municipality:c", 1)]
    assert partners[0]["projects"] == [{"id": "project:p1", "name": "P1"}, {"id": "project:p2", "name": "P2"}]


def test_partners_of_a_municipality_without_projects_is_empty(three_projects: nx.MultiDiGraph) -> None:
    assert municipality_partners(three_projects, "municipality:alone") == []


def test_partners_unknown_id_is_not_found(three_projects: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFound):
        municipality_partners(three_projects, "municipality:9999")


def test_partners_of_a_non_municipality_is_invalid(three_projects: nx.MultiDiGraph) -> None:
    with pytest.raises(InvalidRequest, match="not a municipality"):
        municipality_partners(three_projects, "org:x")


def test_empty_graph_gives_empty_projection() -> None:
    assert collaboration_projection(nx.MultiDiGraph()).number_of_nodes() == 0


# -- the curated data ------------------------------------------------------------

ALVESTA, VAXJO, SUNNE = "municipality:0764", "municipality:0780", "municipality:1766"


def test_alvesta_and_vaxjo_share_exactly_integration_pa_g(dataset: GraphData) -> None:
    projection = collaboration_projection(graph_from_data(dataset))
    assert projection.edges[ALVESTA, VAXJO] == {"weight": 1, "projects": ["project:integration-pa-g"]}


def test_kronoberg_partners_of_alvesta(dataset: GraphData) -> None:
    partners = municipality_partners(graph_from_data(dataset), ALVESTA)
    assert len(partners) == 7  # the other seven municipalities of Kronoberg
    assert all(p["projects"] == [{"id": "project:integration-pa-g", "name": "Integration på G!"}] for p in partners)
    assert [p["name"] for p in partners] == sorted(p["name"] for p in partners)


def test_memory_store_and_dataset_give_the_same_projection(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    from_store = collaboration_projection(store.to_networkx())
    from_data = collaboration_projection(graph_from_data(dataset))
    assert nx.utils.graphs_equal(from_store, from_data)
    assert municipality_partners(store.to_networkx(), SUNNE) == municipality_partners(graph_from_data(dataset), SUNNE)
