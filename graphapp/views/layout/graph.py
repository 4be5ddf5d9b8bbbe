"""What every layout reads from a view: its graph, its hubs, and where it writes the positions.

A layout is a pure function of the view's nodes and relationships (and its focus): the graph is built
from them in the order of their ids, never the order a store returned them in, so both stores, and a
cache keyed by the view, get the same picture.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = ["HUB_KINDS", "hub_ids", "is_hub", "weighted_graph", "write_positions"]

#: Kinds that are hubs wherever they are: a fund pays for projects all over the country.
HUB_KINDS = frozenset({"fund"})


def is_hub(node: dict[str, Any]) -> bool:
    """A fund, or a national body: an agency with no county and no place of its own (Arbetsförmedlingen,
    SKR, Tillväxtverket; not its local units, which have a county)."""
    if node["kind"] in HUB_KINDS:
        return True
    props = node["properties"]
    return node["kind"] == "agency" and not props.get("county_code") and "lat" not in props


def hub_ids(nodes: Iterable[dict[str, Any]], focus: str | None = None) -> set[str]:
    """The hubs among ``nodes`` (:func:`is_hub`), but the view's focus: an actor's own view centres on it."""
    return {n["id"] for n in nodes if n["id"] != focus and is_hub(n)}


def weighted_graph(nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]) -> nx.Graph[str]:
    """An undirected graph of the nodes by id, each pair weighted by its number of relationships (or a
    relationship's own ``weight``, e.g. the projects two municipalities share)."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(n["id"] for n in nodes))
    pairs: dict[tuple[str, str], float] = {}
    for rel in rels:
        start, end = rel["start"], rel["end"]
        if start == end or start not in graph or end not in graph:
            continue
        key = (start, end) if start < end else (end, start)
        weight = rel.get("properties", {}).get("weight")
        pairs[key] = pairs.get(key, 0.0) + (float(weight) if isinstance(weight, int | float) else 1.0)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pairs.items()))
    return graph


def write_positions(nodes: list[dict[str, Any]], positions: dict[str, tuple[float, float]]) -> None:
    """Write ``x`` and ``y`` (pixels, y downwards, rounded to 0.1) into each node dict."""
    for node in nodes:
        x, y = positions.get(node["id"], (0.0, 0.0))
        node["x"], node["y"] = round(x, 1) + 0.0, round(y, 1) + 0.0
