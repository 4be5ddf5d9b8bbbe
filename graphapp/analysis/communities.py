"""Communities of the actor/project network (Louvain)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphapp.analysis.graphs import actor_project_view

__all__ = ["communities"]


def communities(graph: nx.MultiDiGraph[str], seed: int = 0) -> list[dict[str, Any]]:
    """Groups of actors, projects and funds more tied to each other than to the rest.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.
    seed : int, default 0
        Seeds Louvain's random node order; the same seed gives the same communities.

    Returns
    -------
    list of dict
        ``{"id": int, "size": int, "members": [{"id", "name", "kind"}]}``, ordered by
        size (descending), then smallest member id; ``id`` is the position in that
        order and members are sorted by id.

    Notes
    -----
    Louvain modularity maximisation (``networkx.community.louvain_communities``,
    resolution 1) on :func:`~graphapp.analysis.graphs.actor_project_view`: undirected,
    unweighted, without Document and County nodes or isolated nodes. Roughly
    O(E log V) in practice. The view is built in sorted order, so for a given seed the
    result does not depend on the store the graph came from.

    References
    ----------
    V. D. Blondel et al., "Fast unfolding of communities in large networks",
    J. Stat. Mech. (2008) P10008.

    Examples
    --------
    Two projects, each with two municipalities, share no one: two communities.

    >>> graph = nx.MultiDiGraph()
    >>> for node in ("a", "b", "c", "d"):
    ...     graph.add_node(node, label="Municipality", name=node.upper())
    >>> for project, actors in (("p1", "ab"), ("p2", "cd")):
    ...     graph.add_node(project, label="Project", name=project.upper())
    ...     for actor in actors:
    ...         _ = graph.add_edge(actor, project, key="PARTICIPATES_IN", type="PARTICIPATES_IN")
    >>> [[m["id"] for m in c["members"]] for c in communities(graph, seed=1)]
    [['a', 'b', 'p1'], ['c', 'd', 'p2']]
    """
    view = actor_project_view(graph)
    if view.number_of_nodes() == 0:
        return []
    found = [sorted(group) for group in nx.community.louvain_communities(view, seed=seed)]
    found.sort(key=lambda members: (-len(members), members[0]))
    return [
        {"id": number, "size": len(members), "members": [_member(view, node) for node in members]}
        for number, members in enumerate(found)
    ]


def _member(view: nx.Graph[str], node: str) -> dict[str, str]:
    attrs = view.nodes[node]
    return {"id": node, "name": attrs["name"], "kind": attrs["kind"]}
