"""A view's layout computed once and kept: :func:`lay_out` places a view's nodes (ForceAtlas2 by
parts, or on the map) through a :data:`KeepLayout`, a memo the app keeps per revision of the store
(``StoreCache.layout``), so the same view asked again (its embed, its JSON, the page in the other
language) costs a lookup instead of a second of CPU.

A layout is a pure function of the view's nodes, relationships and focus, and those of the store's
revision: the memo is keyed by the view and its parameters and dropped when the store changes. A kept
layout that lacks a node of the view (the store changed before the app noticed) is computed again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from graphapp.views.layout.force import force_layout
from graphapp.views.layout.geographic import geographic_layout

__all__ = ["KeepLayout", "Placed", "lay_out"]


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a view's nodes are drawn: ``x``, ``y`` by id, and the payload's ``geo`` (geographic layouts)."""

    positions: dict[str, tuple[float, float]]
    geo: dict[str, Any] | None


#: ``keep(key, compute)``: the layout kept under ``key``, or ``compute()`` kept under it.
KeepLayout = Callable[[Hashable, Callable[[], Placed]], Placed]


def lay_out(
    nodes: list[dict[str, Any]],
    rels: list[dict[str, Any]],
    focus: str | None,
    geo_of: str | None,
    key: Hashable,
    keep: KeepLayout | None = None,
) -> dict[str, Any] | None:
    """Write ``x`` and ``y`` into the nodes and return the payload's ``geo``: on the map of the county
    ``geo_of`` ("" for all of Sweden) when it is not None, else ForceAtlas2. ``key`` names the view."""

    def compute() -> Placed:
        geo = None
        if geo_of is not None:
            geo = geographic_layout(nodes, rels, focus, geo_of or None)
        else:
            force_layout(nodes, rels, focus)
        return Placed({n["id"]: (n["x"], n["y"]) for n in nodes}, geo)

    if keep is None:
        return compute().geo
    placed = keep(key, compute)
    if any(n["id"] not in placed.positions for n in nodes):
        placed = compute()
    for node in nodes:
        node["x"], node["y"] = placed.positions[node["id"]]
    return _copied(placed.geo)


def _copied(geo: dict[str, Any] | None) -> dict[str, Any] | None:
    """A payload's own ``geo`` (its rectangles are lists a caller may change)."""
    if geo is None:
        return None
    return {key: list(value) if isinstance(value, list) else value for key, value in geo.items()}
