"""Layouts computed on the server, so a browser can draw a large network with physics off.

- :func:`geographic_layout` puts every node with ``lat``/``lon`` (municipalities,
  counties) at its coordinates and every other node near the partners it is
  linked to (the mean of their positions, plus a small fixed offset). An actor
  whose spot is taken, inside the :data:`LABEL_BOX` of a node already there (the
  node and the name drawn under it), goes to the first free point of a
  golden-angle spiral around that spot (:class:`_Spread`), so actors near the same
  partners lie neither on top of each other nor on a municipality's name; the
  order is the payload's, so layouts repeat exactly.
- :func:`summary_layout` places the nodes of a network summarised per county:
  counties at their coordinates, pushed apart until they do not overlap, and the
  other nodes (funds, "no county") in a column to the east.
- :func:`server_layout` is used above ``LARGE_NETWORK`` nodes: the geographic
  layout when the view has coordinates, else a radial breadth-first layout of
  each connected component. Both are O(nodes + relationships) in pure Python
  over a networkx graph; no numpy is needed.

Both write ``x`` and ``y`` (screen pixels, y downwards) into the node dicts.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable
from typing import Any

import networkx as nx

__all__ = [
    "LABEL_BOX",
    "MIN_GAP",
    "geographic_layout",
    "project_coordinates",
    "projection_constants",
    "server_layout",
    "summary_layout",
]

#: Pixels per degree of latitude; longitude is shrunk by cos(62°), Sweden's middle.
SCALE = 160.0
_MID_LAT, _MID_LON = 62.0, 16.0
_RING = 110.0
#: Least distance in pixels from an actor placed near its partners to any other node placed on the map
#: (the smallest node is 10 px in radius). Nodes at their coordinates stay there, however close.
MIN_GAP = 22.0
#: Half width and half height in pixels of the ellipse around a placed node that an actor placed near its
#: partners keeps out of: the node and its name below it (15 px type). Both exceed :data:`MIN_GAP`.
LABEL_BOX = (50.0, 28.0)
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_MAX_TURNS = 50_000


def project_coordinates(lat: float, lon: float) -> tuple[float, float]:
    """Screen position of a point in Sweden (equirectangular around 62°N 16°E).

    >>> project_coordinates(62.0, 16.0)
    (0.0, 0.0)
    """
    x = (lon - _MID_LON) * math.cos(math.radians(_MID_LAT)) * SCALE
    y = -(lat - _MID_LAT) * SCALE
    return round(x, 1), round(y, 1) + 0.0


def projection_constants() -> dict[str, float]:
    """The numbers of :func:`project_coordinates`, for a page script that projects map borders the same way."""
    return {"scale": SCALE, "midLat": _MID_LAT, "midLon": _MID_LON, "lonFactor": math.cos(math.radians(_MID_LAT))}


def geographic_layout(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], scale: float = 1.0) -> None:
    """Nodes with coordinates at their place, the others near their partners; ``scale`` shrinks the map."""
    anchors = {
        n["id"]: project_coordinates(float(n["properties"]["lat"]), float(n["properties"]["lon"]))
        for n in nodes
        if isinstance(n["properties"].get("lat"), int | float) and isinstance(n["properties"].get("lon"), int | float)
    }
    graph = _graph(nodes, rels)
    if scale != 1.0:
        anchors = {key: (x * scale, y * scale) for key, (x, y) in anchors.items()}
    positions = _near_partners(graph, anchors)
    _place_rest(graph, positions)
    _write(nodes, positions)


def summary_layout(nodes: list[dict[str, Any]], scale: float = 0.5, gap: float = 70.0) -> None:
    """Nodes with ``lat``/``lon`` on a small map, apart by their ``size`` plus ``gap``; the rest in a column.

    O(n² · rounds) for the few dozen nodes of a summary.
    """
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
    _write(nodes, {key: (x, y) for key, (x, y) in positions.items()})


def server_layout(nodes: list[dict[str, Any]], rels: list[dict[str, Any]]) -> None:
    """A layout for a large view: geographic when it has coordinates, else radial."""
    if any("lat" in n["properties"] and "lon" in n["properties"] for n in nodes):
        geographic_layout(nodes, rels)
        return
    graph = _graph(nodes, rels)
    positions: dict[str, tuple[float, float]] = {}
    _place_rest(graph, positions)
    _write(nodes, positions)


def _graph(nodes: Iterable[dict[str, Any]], rels: Iterable[dict[str, Any]]) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((r["start"], r["end"]) for r in rels if r["start"] in graph and r["end"] in graph)
    return graph


def _offset(node_id: str, radius: float) -> tuple[float, float]:
    """A fixed pseudo-random offset for a node, so layouts repeat exactly."""
    code = zlib.crc32(node_id.encode("utf-8"))
    angle = (code % 3600) / 3600 * 2 * math.pi
    distance = radius * (0.45 + ((code >> 12) % 1000) / 1800)
    return distance * math.cos(angle), distance * math.sin(angle)


class _Spread:
    """Points outside each other's ellipse of half axes ``box``, kept in a grid of cells as wide as the larger
    half axis (a lookup touches 9 cells)."""

    def __init__(self, box: tuple[float, float], points: Iterable[tuple[float, float]]) -> None:
        self.box = box
        self.gap = max(box)
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        self.turns: dict[tuple[int, int], int] = {}  #: per area two gaps wide, where its spirals go on
        for point in points:
            self._add(point)

    def _cell(self, x: float, y: float, width: float = 1.0) -> tuple[int, int]:
        return math.floor(x / (self.gap * width)), math.floor(y / (self.gap * width))

    def _add(self, point: tuple[float, float]) -> None:
        self.cells.setdefault(self._cell(*point), []).append(point)

    def _free(self, x: float, y: float) -> bool:
        cx, cy = self._cell(x, y)
        bx, by = self.box
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for px, py in self.cells.get((i, j), ()):
                    if ((px - x) / bx) ** 2 + ((py - y) / by) ** 2 < 1.0:
                        return False
        return True

    def place(self, x: float, y: float) -> tuple[float, float]:
        """``(x, y)`` if it is free, else the first free point of a golden-angle spiral around it.

        Its points are about a gap apart. The spiral of a crowded area goes on where the last actor
        put there stopped (the area two gaps wide around the spot), so crowding many actors on one spot
        costs O(actors), not O(actors²).
        """
        point = round(x, 1), round(y, 1)
        if not self._free(*point):
            key = self._cell(x, y, 2.0)
            turn = self.turns.get(key, 1)
            step = min(self.box)
            while True:
                radius, angle = step * math.sqrt(turn), turn * _GOLDEN_ANGLE
                point = round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1)
                turn += 1
                if self._free(*point) or turn > _MAX_TURNS:
                    break
            self.turns[key] = turn
        self._add(point)
        return point


def _near_partners(graph: nx.Graph[str], anchors: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    positions = dict(anchors)
    spread = _Spread(LABEL_BOX, anchors.values())
    for _ in range(8):
        placed: dict[str, tuple[float, float]] = {}
        for node in graph:
            if node in positions:
                continue
            around = [positions[m] for m in graph[node] if m in positions]
            if around:
                dx, dy = _offset(node, 40.0 + 8 * math.sqrt(len(around)))
                placed[node] = (
                    sum(p[0] for p in around) / len(around) + dx,
                    sum(p[1] for p in around) / len(around) + dy,
                )
        if not placed:
            break
        # spread in the payload's order, after the round: every spot of a round is the mean of earlier ones
        positions.update((node, spread.place(*spot)) for node, spot in placed.items())
    return positions


def _place_rest(graph: nx.Graph[str], positions: dict[str, tuple[float, float]]) -> None:
    """Radial layouts of the components nobody placed, in rows to the right of the rest."""
    rest = graph.subgraph([n for n in graph if n not in positions])
    if not rest:
        return
    left = max((p[0] for p in positions.values()), default=-_RING) + 2 * _RING
    top = min((p[1] for p in positions.values()), default=0.0)
    x, y, row_height, row_width = left, top, 0.0, max(1500.0, math.sqrt(rest.number_of_nodes()) * 90)
    components = sorted(nx.connected_components(rest), key=lambda c: (-len(c), min(c)))
    for component in components:
        local = _radial(rest.subgraph(component))
        radius = max((math.hypot(*p) for p in local.values()), default=0.0) + _RING / 2
        if x + 2 * radius > left + row_width:
            x, y, row_height = left, y + row_height, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + radius + px, y + radius + py)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)


def _radial(component: nx.Graph[str]) -> dict[str, tuple[float, float]]:
    root = max(sorted(component), key=component.degree)
    layers = list(nx.bfs_layers(component, root))
    local: dict[str, tuple[float, float]] = {}
    for depth, layer in enumerate(layers):
        ordered = sorted(layer)
        radius = depth * _RING * max(1.0, len(ordered) / (2 * math.pi * depth * 6)) if depth else 0.0
        for index, node in enumerate(ordered):
            angle = 2 * math.pi * index / len(ordered)
            local[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return local


def _write(nodes: list[dict[str, Any]], positions: dict[str, tuple[float, float]]) -> None:
    for node in nodes:
        x, y = positions.get(node["id"], (0.0, 0.0))
        node["x"], node["y"] = round(x, 1), round(y, 1)
