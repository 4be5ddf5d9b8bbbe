"""Brokers: actors through which otherwise unconnected counties meet."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from graphapp.analysis.graphs import ACTOR_KINDS, municipalities_in, projects_of

__all__ = ["brokers"]


def brokers(graph: nx.MultiDiGraph[str], top: int = 20) -> list[dict[str, Any]]:
    """Actors that are the only link between pairs of counties.

    An actor's *counties* are the counties (``county_code``) of the municipalities
    in the projects the actor is in (owns, takes part in or co-funds). An actor
    *reaches* every pair of its counties. A pair is *bridged* by an actor when that
    actor is the only one that reaches it: no other actor's projects span both
    counties. ``bridged_pairs`` counts those pairs; an actor with a high count is a
    broker between parts of the country that meet nowhere else.

    A single project with municipalities in two counties bridges nothing: each of
    those municipalities reaches both counties too. Brokers emerge when an actor is
    in one project in county A and another in county B.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph with the layout of ``GraphStore.to_networkx()``.
    top : int, default 20
        How many actors to return.

    Returns
    -------
    list of dict
        ``{"id", "name", "kind", "counties": [codes, sorted], "bridged_pairs": int}``
        for Municipality, Agency and Organization nodes with at least two counties,
        sorted by ``bridged_pairs`` (descending), number of counties (descending),
        then id.

    Notes
    -----
    Cost O(E + sum over actors of c_a squared), c_a the actor's number of counties
    (at most 21, so at most 210 pairs per actor).

    Examples
    --------
    Organisation x is in one project in each of three counties; nobody else spans
    two counties, so x alone bridges all three pairs.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org:x", label="Organization", name="X")
    >>> for code in ("01", "03", "04"):
    ...     graph.add_node(f"municipality:{code}", label="Municipality", name=code, county_code=code)
    ...     graph.add_node(f"project:{code}", label="Project", name=code)
    ...     for actor in ("org:x", f"municipality:{code}"):
    ...         _ = graph.add_edge(actor, f"project:{code}", key="PARTICIPATES_IN", type="PARTICIPATES_IN")
    >>> brokers(graph)
    [{'id': 'org:x', 'name': 'X', 'kind': 'organization', 'counties': ['01', '03', '04'], 'bridged_pairs': 3}]
    """
    reach = _counties_by_actor(graph)
    reached = Counter(pair for counties in reach.values() for pair in combinations(counties, 2))
    rows = [
        {
            "id": actor,
            "name": graph.nodes[actor].get("name", actor),
            "kind": str(graph.nodes[actor]["label"]).lower(),
            "counties": counties,
            "bridged_pairs": sum(1 for pair in combinations(counties, 2) if reached[pair] == 1),
        }
        for actor, counties in reach.items()
    ]
    rows.sort(key=lambda row: (-row["bridged_pairs"], -len(row["counties"]), row["id"]))
    return rows[:top]


def _counties_by_actor(graph: nx.MultiDiGraph[str]) -> dict[str, list[str]]:
    """Each actor with at least two counties, mapped to its sorted county codes."""
    project_counties: dict[str, set[str]] = {}

    def counties_of(project: str) -> set[str]:
        if project not in project_counties:
            codes = (graph.nodes[m].get("county_code") for m in municipalities_in(graph, project))
            project_counties[project] = {code for code in codes if code}
        return project_counties[project]

    reach: dict[str, list[str]] = {}
    for actor, attrs in graph.nodes(data=True):
        if attrs.get("label") not in ACTOR_KINDS:
            continue
        counties = set().union(*(counties_of(p) for p in projects_of(graph, actor)))
        if len(counties) >= 2:
            reach[actor] = sorted(counties)
    return reach
