"""Contract of the store methods the API adds: all_nodes, node_details, projects."""

from __future__ import annotations

import pytest

from graphapp.errors import NotFound
from graphapp.model import GraphData, Label
from graphapp.store import GraphStore, SubgraphFilter


def test_all_nodes_are_every_node_sorted_by_id(store: GraphStore, dataset: GraphData) -> None:
    nodes = store.all_nodes()
    assert [n.id for n in nodes] == sorted(dataset.nodes)
    assert {n.id: n for n in nodes} == dataset.nodes


def test_all_nodes_of_an_empty_store(empty_store: GraphStore) -> None:
    assert empty_store.all_nodes() == []


def test_node_details_count_relationships_and_find_documents(store: GraphStore, dataset: GraphData) -> None:
    details = store.node_details("project:connecting-people")
    touching = [r for r in dataset.relationships.values() if "project:connecting-people" in (r.start, r.end)]
    assert details.node == dataset.nodes["project:connecting-people"]
    assert details.degree == len(touching)
    expected = sorted({s for r in touching for s in r.sources})
    assert [d.id for d in details.sources] == expected
    assert all(d.label is Label.DOCUMENT for d in details.sources)


def test_node_details_of_a_node_without_relationships_from_documents(store: GraphStore) -> None:
    details = store.node_details("county:01")
    assert details.sources == []
    assert details.degree > 0  # municipalities IN_COUNTY


def test_node_details_of_an_unknown_node(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        store.node_details("org:nobody")


def test_projects_with_partner_counts(store: GraphStore) -> None:
    summaries = {s.node.id: s.partners for s in store.projects(SubgraphFilter())}
    assert summaries["project:integration-pa-g"] == 25
    assert summaries["project:fni-kronoberg"] == 0
    assert list(summaries) == sorted(summaries)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SubgraphFilter(fund="fund:amif"), ["project:connecting-people"]),
        (SubgraphFilter(years=(2017, 2030)), ["project:connecting-people"]),
        (SubgraphFilter(county="12"), ["project:svartjobbarna", "project:trelleborg-samhallsorientering"]),
    ],
)
def test_projects_by_filter(store: GraphStore, filters: SubgraphFilter, expected: list[str]) -> None:
    assert [s.node.id for s in store.projects(filters)] == expected
