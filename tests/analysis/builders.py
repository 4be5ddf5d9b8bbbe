"""Small hand-made graphs with the layout of ``GraphStore.to_networkx()``."""

from __future__ import annotations

import networkx as nx

_LABELS = {
    "municipality": "Municipality",
    "project": "Project",
    "org": "Organization",
    "agency": "Agency",
    "fund": "Fund",
    "county": "County",
    "document": "Document",
}


def node(graph: nx.MultiDiGraph, node_id: str, **properties: object) -> str:
    """Add ``node_id`` (its label from the prefix, its name from the rest) and return it."""
    prefix, _, rest = node_id.partition(":")
    graph.add_node(node_id, label=_LABELS[prefix], name=properties.pop("name", rest.title()), **properties)
    return node_id


def edge(graph: nx.MultiDiGraph, start: str, rel_type: str, end: str, **properties: object) -> None:
    graph.add_edge(start, end, key=rel_type, type=rel_type, **properties)


def in_project(graph: nx.MultiDiGraph, project: str, *actors: str, rel_type: str = "PARTICIPATES_IN") -> None:
    """Add ``project`` if needed and tie each actor to it."""
    if project not in graph:
        node(graph, project)
    for actor in actors:
        edge(graph, actor, rel_type, project)
