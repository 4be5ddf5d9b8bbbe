"""The municipality-to-municipality collaboration projection.

Two municipalities collaborate when both are "in" a project: they own it, take
part in it or co-fund it (OWNS, PARTICIPATES_IN, CO_FUNDS).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from graphapp.analysis.graphs import municipalities_in, projects_of
from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import Label

__all__ = ["collaboration_projection", "municipality_partners"]

_MUNICIPALITY = Label.MUNICIPALITY.value
_PROJECT = Label.PROJECT.value


def collaboration_projection(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """Municipalities joined by the projects they share.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.

    Returns
    -------
    networkx.Graph
        One node per municipality that is in at least one project (attributes
        ``name``, ``county_code``, ``projects``: how many projects it is in), and an
        edge between two municipalities that share a project, with ``weight`` (the
        number of shared projects) and ``projects`` (their ids, sorted).

    Notes
    -----
    A municipality is in a project if it OWNS, PARTICIPATES_IN or CO_FUNDS it.
    Cost O(E + sum over projects of m_p squared), m_p the municipalities of project p.
    Nodes and edges are added in sorted order, so the result does not depend on
    the store the graph came from.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> for node in ("a", "b", "c"):
    ...     graph.add_node(f"municipality:{node}", label="Municipality", name=node.upper())
    >>> graph.add_node("project:p", label="Project", name="P")
    >>> for node, rel in (("a", "OWNS"), ("b", "PARTICIPATES_IN"), ("c", "CO_FUNDS")):
    ...     _ = graph.add_edge(f"municipality:{node}", "project:p", key=rel, type=rel)
    >>> projection = collaboration_projection(graph)
    >>> projection.edges["municipality:a", "municipality:c"]
    {'weight': 1, 'projects': ['project:p']}
    """
    members = _members_by_project(graph)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for project in sorted(members):
        municipalities = sorted(members[project])
        for municipality in municipalities:
            counts[municipality] += 1
        for pair in combinations(municipalities, 2):
            shared[pair].append(project)
    projection: nx.Graph[str] = nx.Graph()
    for municipality in sorted(counts):
        attrs = graph.nodes[municipality]
        projection.add_node(
            municipality,
            name=attrs.get("name", municipality),
            county_code=attrs.get("county_code"),
            projects=counts[municipality],
        )
    for (first, second), projects in sorted(shared.items()):
        projection.add_edge(first, second, weight=len(projects), projects=projects)
    return projection


def municipality_partners(graph: nx.MultiDiGraph[str], municipality_id: str) -> list[dict[str, Any]]:
    """The municipalities that share projects with one municipality.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.
    municipality_id : str
        For example ``"municipality:0780"``.

    Returns
    -------
    list of dict
        ``{"id", "name", "shared_projects", "projects": [{"id", "name"}]}`` per partner,
        sorted by ``shared_projects`` (descending), then name and id; a partner's
        projects are sorted by id.

    Raises
    ------
    graphapp.errors.NotFound
        If ``municipality_id`` is not in the graph.
    graphapp.errors.InvalidRequest
        If it is not a municipality.

    Notes
    -----
    Same membership rule as :func:`collaboration_projection`; cost O(sum of the
    degrees of the municipality's projects).

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> for node in ("a", "b"):
    ...     graph.add_node(f"municipality:{node}", label="Municipality", name=node.upper())
    >>> graph.add_node("project:p", label="Project", name="P")
    >>> for node in ("a", "b"):
    ...     _ = graph.add_edge(f"municipality:{node}", "project:p", key="PARTICIPATES_IN", type="PARTICIPATES_IN")
    >>> municipality_partners(graph, "municipality:a")
    [{'id': 'municipality:b', 'name': 'B', 'shared_projects': 1, 'projects': [{'id': 'project:p', 'name': 'P'}]}]
    """
    _check_municipality(graph, municipality_id)
    shared: dict[str, list[str]] = defaultdict(list)
    for project in sorted(projects_of(graph, municipality_id)):
        for partner in municipalities_in(graph, project) - {municipality_id}:
            shared[partner].append(project)
    partners = [
        {
            "id": partner,
            "name": graph.nodes[partner].get("name", partner),
            "shared_projects": len(projects),
            "projects": [{"id": p, "name": graph.nodes[p].get("name", p)} for p in projects],
        }
        for partner, projects in shared.items()
    ]
    return sorted(partners, key=lambda row: (-row["shared_projects"], row["name"], row["id"]))


def _check_municipality(graph: nx.MultiDiGraph[str], node_id: str) -> None:
    if node_id not in graph:
        raise NotFound(f"no node with id {node_id!r}")
    label = graph.nodes[node_id].get("label")
    if label != _MUNICIPALITY:
        raise InvalidRequest(f"{node_id!r} is a {label}, not a municipality; give an id such as 'municipality:0780'")


def _members_by_project(graph: nx.MultiDiGraph[str]) -> dict[str, set[str]]:
    return {
        project: municipalities_in(graph, project)
        for project, attrs in graph.nodes(data=True)
        if attrs.get("label") == _PROJECT
    }
