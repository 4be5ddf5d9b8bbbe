"""The layout of a network summarised per county (:mod:`graphapp.views.aggregate`): counties on a small
map, pushed apart until they do not overlap, the other nodes (funds, "no county") in a column to the east.
O(n² · rounds) for the few dozen nodes of a summary."""

from __future__ import annotations

import math
from typing import Any

from graphapp.views.layout.graph import write_positions
from graphapp.views.layout.projection import project_coordinates

__all__ = ["summary_layout"]


def summary_layout(nodes: list[dict[str, Any]], scale: float = 0.5, gap: float = 70.0) -> None:
    """Nodes with ``lat``/``lon`` on a small map, apart by their ``size`` plus ``gap``; the rest in a column."""
    placed = {
        n["id"]: project_coordinates(float(n["properties"]["lat"]), float(n["properties"]["lon"]))
        for n in nodes
        if "lat" in n["properties"] and "lon" in n["properties"]
    }
    positions = {key: [x * scale, y * scale] for key, (x, y) in placed.items()}
    sizes = {n["id"]: float(n.get("size", 10)) for n in nodes}
    keys = sorted(positions)
    for _ in range(60):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                (ax, ay), (bx, by) = positions[a], positions[b]
                dx, dy = bx - ax, by - ay
                distance = math.hypot(dx, dy) or 0.01
                need = sizes[a] + sizes[b] + gap
                if distance < need:
                    push = (need - distance) / 2 / distance
                    positions[a] = [ax - dx * push, ay - dy * push]
                    positions[b] = [bx + dx * push, by + dy * push]
                    moved = True
        if not moved:
            break
    rest = [n["id"] for n in nodes if n["id"] not in positions]
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    step = (max(ys) - min(ys)) / max(1, len(rest) - 1) if len(rest) > 1 else 0.0
    for index, key in enumerate(rest):
        positions[key] = [max(xs) + 260.0, min(ys) + index * step]
    write_positions(nodes, {key: (x, y) for key, (x, y) in positions.items()})
