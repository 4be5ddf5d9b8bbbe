"""The embedded store's bidirectional search finds exactly networkx's shortest paths."""

from __future__ import annotations

import random

import networkx as nx

from graphapp.store import MemoryStore
from graphapp.store.protocol import MAX_PATHS
from graphapp.synthetic import generate
from tests.conftest import DATA_DIR


def test_shortest_paths_match_networkx_on_a_generated_network() -> None:
    store = MemoryStore()
    store.load(generate(300, seed=11, reference_dir=DATA_DIR / "reference"))
    graph = store.to_networkx()
    undirected = nx.Graph(graph.to_undirected())
    ids = sorted(undirected.nodes)
    rng = random.Random(3)
    compared = 0
    for _ in range(120):
        start, end = rng.sample(ids, 2)
        try:
            expected = sorted(tuple(p) for p in nx.all_shortest_paths(undirected, start, end))[:MAX_PATHS]
        except nx.NetworkXNoPath:
            expected = []
        if expected and len(expected[0]) - 1 > 8:
            expected = []
        found = [tuple(n.id for n in p.nodes) for p in store.shortest_paths(start, end, max_length=8)]
        assert found == expected, (start, end)
        compared += bool(expected)
    assert compared > 60  # most pairs are connected: the comparison is not vacuous
