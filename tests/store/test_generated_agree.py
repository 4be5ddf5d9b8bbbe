"""Both stores answer alike on a generated network with hubs: funds and agencies with more
relationships than Neo4j keeps in one chain (its dense nodes, over 50), neighbourhoods cut
by the limit, and paths through hubs. The curated network of ``data/`` has neither."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from graphapp.model import ACTOR_LABELS, GraphData, Label, RelType
from graphapp.paths import default_data_dir
from graphapp.store import GraphStore, MemoryStore, SubgraphFilter
from graphapp.store.memory import _all_shortest
from graphapp.synthetic import generate

PROJECTS = 400
#: Neo4j groups the relationships of a node with more than this many by type and direction.
DENSE_DEGREE = 50
KINDS = frozenset({Label.PROJECT, Label.MUNICIPALITY})
TYPES = frozenset({RelType.FUNDS, RelType.PARTICIPATES_IN, RelType.OWNS})


@pytest.fixture(scope="module")
def generated() -> GraphData:
    return generate(PROJECTS, 7, default_data_dir() / "reference")


@pytest.fixture(scope="module")
def stores(generated: GraphData, request: pytest.FixtureRequest) -> Iterator[tuple[MemoryStore, GraphStore]]:
    memory = MemoryStore()
    memory.load(generated)
    neo4j: GraphStore = request.getfixturevalue("_neo4j_store")
    neo4j.clear()
    neo4j.load(generated)
    yield memory, neo4j
    neo4j.clear()


def _degrees(data: GraphData) -> dict[str, int]:
    degree = dict.fromkeys(data.nodes, 0)
    for rel in data.relationships.values():
        degree[rel.start] += 1
        degree[rel.end] += 1
    return degree


def _origins(data: GraphData) -> list[str]:
    """The three largest hubs, three nodes just past the dense threshold, and a sample."""
    degree = _degrees(data)
    by_degree = sorted(data.nodes, key=lambda n: (-degree[n], n))
    dense = [n for n in by_degree if degree[n] > DENSE_DEGREE]
    return by_degree[:3] + dense[-3:] + random.Random(3).sample(sorted(data.nodes), 12)


def test_the_generated_network_has_dense_hubs(generated: GraphData) -> None:
    assert len([n for n, d in _degrees(generated).items() if d > DENSE_DEGREE]) >= 5


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_neighbourhoods_agree(stores: tuple[MemoryStore, GraphStore], generated: GraphData, depth: int) -> None:
    memory, neo4j = stores
    for origin in _origins(generated):
        for kinds, types, limit in ((None, None, 200), (KINDS, None, 5000), (None, TYPES, 300), (None, None, 9)):
            expected = memory.neighbours(origin, depth, kinds, types, limit)
            assert neo4j.neighbours(origin, depth, kinds, types, limit) == expected, (origin, kinds, types, limit)


def test_shortest_paths_agree(stores: tuple[MemoryStore, GraphStore], generated: GraphData) -> None:
    memory, neo4j = stores
    actors = sorted(n.id for n in generated.nodes.values() if n.label in ACTOR_LABELS)
    rng = random.Random(5)
    compared = 0
    for start, end in [tuple(rng.sample(actors, 2)) for _ in range(40)]:
        for max_length, types in ((6, None), (2, None), (8, TYPES)):
            view = memory._undirected(memory._graph, frozenset(t.value for t in types) if types else None)
            if sum(1 for _ in _all_shortest(view, start, end, max_length)) > 1000:
                continue  # more than either store reads: each keeps the first 10 of its own 1000
            assert neo4j.shortest_paths(start, end, max_length, types) == memory.shortest_paths(
                start, end, max_length, types
            ), (start, end, max_length, types)
            compared += 1
    assert compared > 100


@pytest.mark.parametrize(
    "filters",
    [
        SubgraphFilter(),
        SubgraphFilter(county="07"),
        SubgraphFilter(fund="fund:amif", years=(2015, 2018), kinds=frozenset(Label)),
        SubgraphFilter(county="01", kinds=frozenset({Label.FUND, Label.AGENCY})),
        SubgraphFilter(year=2016),
        SubgraphFilter(county="07", year=2012, kinds=frozenset(Label)),
        SubgraphFilter(fund="fund:esf-2014-2020", year=2018),
    ],
)
@pytest.mark.parametrize("limit", [5000, 40])
def test_subgraphs_agree(stores: tuple[MemoryStore, GraphStore], filters: SubgraphFilter, limit: int) -> None:
    memory, neo4j = stores
    assert neo4j.subgraph(filters, limit) == memory.subgraph(filters, limit)


def test_the_network_in_a_year_has_new_and_earlier_nodes(stores: tuple[MemoryStore, GraphStore]) -> None:
    memory, neo4j = stores
    found = neo4j.subgraph(SubgraphFilter(county="07", year=2016))
    assert found.new is not None and 0 < len(found.new) < len(found.nodes)
    assert found == memory.subgraph(SubgraphFilter(county="07", year=2016))


@pytest.mark.parametrize(
    "filters",
    [SubgraphFilter(), SubgraphFilter(county="07"), SubgraphFilter(fund="fund:amif", years=(2015, 2018))],
)
def test_timelines_agree(stores: tuple[MemoryStore, GraphStore], filters: SubgraphFilter) -> None:
    memory, neo4j = stores
    assert neo4j.timeline(filters) == memory.timeline(filters)


def test_an_actors_projects_agree(stores: tuple[MemoryStore, GraphStore], generated: GraphData) -> None:
    memory, neo4j = stores
    for actor in _origins(generated)[:8]:
        filters = SubgraphFilter(actor=actor)
        assert neo4j.timeline(filters) == memory.timeline(filters)
        assert neo4j.projects(filters) == memory.projects(filters)
        assert neo4j.subgraph(filters) == memory.subgraph(filters)


def test_node_details_agree(stores: tuple[MemoryStore, GraphStore], generated: GraphData) -> None:
    memory, neo4j = stores
    for node in _origins(generated):
        assert neo4j.node_details(node) == memory.node_details(node)


def test_whole_graphs_agree(stores: tuple[MemoryStore, GraphStore]) -> None:
    memory, neo4j = stores
    expected, found = memory.to_networkx(), neo4j.to_networkx()
    assert dict(found.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(found.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    assert neo4j.all_nodes() == memory.all_nodes()
