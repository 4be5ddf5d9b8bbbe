"""networkx graphs built from the neutral model, and the views the analyses share.

Every graph here has the layout of :meth:`graphapp.store.memory.MemoryStore.to_networkx`:
a ``MultiDiGraph`` keyed by node id with attributes ``label`` (``"Municipality"``),
``name`` and the node's properties; edges keyed by relationship type with attribute
``type`` and the relationship's properties (``sources``, ``amount_sek``, ``role`` …).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphapp.model import ACTOR_LABELS, ACTOR_PROJECT_TYPES, GraphData, Label, Node, Relationship, RelType, Subgraph

__all__ = [
    "ACTOR_KINDS",
    "CONTEXT_LABELS",
    "CONTEXT_TYPES",
    "PARTICIPATION_TYPES",
    "actor_project_view",
    "graph_from_data",
    "municipalities_in",
    "projects_of",
    "subgraph_to_networkx",
]

#: Node labels left out of the actor/project network: provenance and geography.
CONTEXT_LABELS: frozenset[str] = frozenset({Label.DOCUMENT.value, Label.COUNTY.value})
#: Relationship types left out of the actor/project network.
CONTEXT_TYPES: frozenset[str] = frozenset({RelType.DESCRIBED_IN.value, RelType.IN_COUNTY.value})
#: Relationship types by which an actor is "in" a project (OWNS, PARTICIPATES_IN, CO_FUNDS).
PARTICIPATION_TYPES: frozenset[str] = frozenset(t.value for t in ACTOR_PROJECT_TYPES)
#: Labels (as strings) of the nodes that act in projects.
ACTOR_KINDS: frozenset[str] = frozenset(label.value for label in ACTOR_LABELS)


def graph_from_data(data: GraphData) -> nx.MultiDiGraph[str]:
    """A ``MultiDiGraph`` of ``data`` with the layout of ``MemoryStore.to_networkx()``.

    Parameters
    ----------
    data : GraphData
        Validated nodes and relationships (for example from ``load_dataset`` or
        :func:`graphapp.synthetic.generate`).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by id, edges keyed by relationship type.

    Notes
    -----
    O(nodes + relationships); properties are copied, so the graph may be changed
    without touching ``data``.

    Examples
    --------
    >>> from graphapp.model import GraphData, Label, Node, Relationship, RelType
    >>> data = GraphData()
    >>> data.nodes["municipality:0780"] = Node("municipality:0780", Label.MUNICIPALITY, "Växjö")
    >>> data.nodes["project:p"] = Node("project:p", Label.PROJECT, "P")
    >>> rel = Relationship(RelType.OWNS, "municipality:0780", "project:p", {"sources": ["document:d"]})
    >>> data.relationships[rel.key] = rel
    >>> graph = graph_from_data(data)
    >>> graph.nodes["municipality:0780"]["label"], graph.edges["municipality:0780", "project:p", "OWNS"]["sources"]
    ('Municipality', ['document:d'])
    """
    return _build(data.nodes.values(), data.relationships.values())


def subgraph_to_networkx(sub: Subgraph) -> nx.MultiDiGraph[str]:
    """A ``MultiDiGraph`` of a store's :class:`~graphapp.model.Subgraph`, same layout.

    Parameters
    ----------
    sub : Subgraph
        What ``GraphStore.subgraph`` or ``neighbours`` returned.

    Returns
    -------
    networkx.MultiDiGraph
        The subgraph's nodes and the relationships among them; a relationship whose
        end is not in ``sub.nodes`` is dropped.

    Notes
    -----
    O(nodes + relationships).

    Examples
    --------
    >>> from graphapp.model import Label, Node, Relationship, RelType, Subgraph
    >>> sub = Subgraph(
    ...     [Node("fund:amif", Label.FUND, "AMIF"), Node("project:p", Label.PROJECT, "P")],
    ...     [Relationship(RelType.FUNDS, "fund:amif", "project:p", {"amount_sek": 300000})],
    ... )
    >>> graph = subgraph_to_networkx(sub)
    >>> sorted(graph.edges(keys=True, data="amount_sek"))
    [('fund:amif', 'project:p', 'FUNDS', 300000)]
    """
    known = {node.id for node in sub.nodes}
    rels = [rel for rel in sub.relationships if rel.start in known and rel.end in known]
    return _build(sub.nodes, rels)


def actor_project_view(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """The undirected simple actor/project network the analyses run on.

    Document and County nodes and DESCRIBED_IN/IN_COUNTY edges are left out, parallel
    edges and direction are merged, and isolated nodes dropped. Nodes and edges are
    added in sorted order so that two stores holding the same data give the same
    graph, and so the same (seeded) results. Node attributes: ``name`` and ``kind``
    (the lower-case label).

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("county:07", label="County", name="Kronobergs län")
    >>> graph.add_node("municipality:0780", label="Municipality", name="Växjö")
    >>> graph.add_node("project:p", label="Project", name="P")
    >>> graph.add_edge("municipality:0780", "county:07", key="IN_COUNTY", type="IN_COUNTY")
    'IN_COUNTY'
    >>> graph.add_edge("municipality:0780", "project:p", key="OWNS", type="OWNS")
    'OWNS'
    >>> sorted(actor_project_view(graph).edges())
    [('municipality:0780', 'project:p')]
    """
    kept = {node for node, attrs in graph.nodes(data=True) if attrs.get("label") not in CONTEXT_LABELS}
    edges = sorted(
        {
            (min(u, v), max(u, v))
            for u, v, key in graph.edges(keys=True)
            if key not in CONTEXT_TYPES and u in kept and v in kept and u != v
        }
    )
    view: nx.Graph[str] = nx.Graph()
    for node in sorted({node for edge in edges for node in edge}):
        attrs = graph.nodes[node]
        view.add_node(node, name=attrs.get("name", node), kind=str(attrs.get("label", "")).lower())
    view.add_edges_from(edges)
    return view


def projects_of(graph: nx.MultiDiGraph[str], actor: str) -> set[str]:
    """The projects ``actor`` OWNS, PARTICIPATES_IN or CO_FUNDS."""
    return {
        project
        for _, project, key in graph.out_edges(actor, keys=True)
        if key in PARTICIPATION_TYPES and graph.nodes[project].get("label") == Label.PROJECT.value
    }


def municipalities_in(graph: nx.MultiDiGraph[str], project: str) -> set[str]:
    """The municipalities that own, take part in or co-fund ``project``."""
    return {
        actor
        for actor, _, key in graph.in_edges(project, keys=True)
        if key in PARTICIPATION_TYPES and graph.nodes[actor].get("label") == Label.MUNICIPALITY.value
    }


def _build(nodes: Iterable[Node], rels: Iterable[Relationship]) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, label=node.label.value, name=node.name, **_copied(node.properties))
    for rel in rels:
        graph.add_edge(rel.start, rel.end, key=rel.type.value, type=rel.type.value, **_copied(rel.properties))
    return graph


def _copied(properties: dict[str, Any]) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, list) else value for key, value in properties.items()}
