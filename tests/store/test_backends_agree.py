"""The embedded store and Neo4j give the same answers to the same questions."""

from __future__ import annotations

import pytest

from graphapp.model import GraphData, Label, RelType
from graphapp.store import GraphStore, MemoryStore, SubgraphFilter

QUESTIONS_NEIGHBOURS = [
    ("project:integration-pa-g", 1, None, None),
    ("municipality:2080", 2, None, None),
    ("agency:arbetsformedlingen", 3, None, None),
    ("municipality:0780", 2, frozenset({Label.PROJECT, Label.MUNICIPALITY}), None),
    ("fund:esf-2007-2013", 2, None, frozenset({RelType.FUNDS, RelType.PARTICIPATES_IN})),
]
QUESTIONS_PATHS = [
    ("municipality:0764", "municipality:2080"),
    ("municipality:1766", "org:fryksdalens-sparbank"),
    ("agency:arbetsformedlingen/ljungby", "agency:arbetsformedlingen/falun"),
    ("county:07", "county:20"),
    ("municipality:1263", "municipality:1766"),
]
FILTERS = [
    SubgraphFilter(),
    SubgraphFilter(county="20"),
    SubgraphFilter(fund="fund:amif"),
    SubgraphFilter(years=(2010, 2014), kinds=frozenset(Label)),
]


@pytest.fixture(scope="module")
def stores(dataset: GraphData, request: pytest.FixtureRequest) -> tuple[GraphStore, GraphStore]:
    """Both stores loaded once for the module: the questions below only read."""
    memory = MemoryStore()
    memory.load(dataset)
    neo4j: GraphStore = request.getfixturevalue("_neo4j_store")
    neo4j.clear()
    neo4j.load(dataset)
    return memory, neo4j


def test_counts_agree(stores: tuple[GraphStore, GraphStore]) -> None:
    memory, neo4j = stores
    assert memory.counts() == neo4j.counts()


@pytest.mark.parametrize(("node", "depth", "kinds", "types"), QUESTIONS_NEIGHBOURS)
def test_neighbours_agree(stores: tuple[GraphStore, GraphStore], node: str, depth: int, kinds, types) -> None:
    memory, neo4j = stores
    assert memory.neighbours(node, depth, kinds, types) == neo4j.neighbours(node, depth, kinds, types)


@pytest.mark.parametrize(("start", "end"), QUESTIONS_PATHS)
def test_shortest_paths_agree(stores: tuple[GraphStore, GraphStore], start: str, end: str) -> None:
    memory, neo4j = stores
    assert memory.shortest_paths(start, end, 8) == neo4j.shortest_paths(start, end, 8)


@pytest.mark.parametrize("filters", FILTERS)
def test_subgraphs_agree(stores: tuple[GraphStore, GraphStore], filters: SubgraphFilter) -> None:
    memory, neo4j = stores
    assert memory.subgraph(filters) == neo4j.subgraph(filters)


def test_best_connected_agree(stores: tuple[GraphStore, GraphStore]) -> None:
    memory, neo4j = stores
    assert memory.best_connected(10) == neo4j.best_connected(10)
