"""Derived views of the graph, computed rather than stored: pure functions from a
networkx ``MultiDiGraph`` (the layout of ``GraphStore.to_networkx()``) to plain data.
"""

from __future__ import annotations

from graphapp.analysis.brokers import brokers
from graphapp.analysis.centrality import centralities
from graphapp.analysis.communities import communities
from graphapp.analysis.graphs import actor_project_view, graph_from_data, subgraph_to_networkx
from graphapp.analysis.projection import collaboration_projection, municipality_partners

__all__ = [
    "actor_project_view",
    "brokers",
    "centralities",
    "collaboration_projection",
    "communities",
    "graph_from_data",
    "municipality_partners",
    "subgraph_to_networkx",
]
