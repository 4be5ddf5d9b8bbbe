"""The geographic layout: a view drawn on the map of Sweden so that it agrees with the map.

- Places: a municipality at its point inside its own polygon (:func:`~.mapareas.municipality_point`), a
  county at its coordinates or, if they fall outside it, at the nearest spot inside it; any other node
  with ``lat``/``lon`` at them.
- The view's area is the land of the counties those places are in (all of Sweden when there is none).
  The map is drawn larger than scale 1 when that area has too little room for the actors to place
  (:func:`_scale`): a county with hundreds of actors gets a map as large as it needs, and the page fits
  its view to the area.
- An actor without a place goes near its partners (the mean of the placed ones, plus a small fixed
  offset), in rounds, so a project's partners are placed before the project: at the first point of a
  golden-angle spiral around that spot (:class:`_Spread`) that lies in its area, a cell away from the
  area's border, and outside the :data:`LABEL_BOX` of every node already there (the node and the name
  drawn under it). Its area (:class:`_Areas`) is its own county's land if it has a county (a local
  office, a municipal unit), else the view's. Never in the sea, a lake, another county or another country.
- Funds and national bodies (:func:`~.graph.is_hub`), and actors with no placed partner, are not places:
  they go to a strip beside the map, each as near the height of its partners as the others let it
  (:func:`_strip`); the payload's ``geo.strip`` is the strip's rectangle, which the page marks.

Everything is in the order of the nodes' ids, so the layout repeats exactly; it costs
O(nodes + relationships) plus the spiral's steps, on a raster of the map built once per process.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from graphapp.views.layout.graph import hub_ids, weighted_graph, write_positions
from graphapp.views.layout.mapareas import AreaGrid, area_grid, municipality_point
from graphapp.views.layout.projection import project_coordinates

__all__ = ["LABEL_BOX", "MIN_GAP", "STRIP_ROW", "geographic_layout"]

#: Least distance in pixels from an actor placed near its partners to any other node placed on the map
#: (the smallest node is 10 px in radius). Nodes at their coordinates stay there, however close.
MIN_GAP = 22.0
#: Half width and half height in pixels of the ellipse around a placed node that an actor placed near its
#: partners keeps out of: the node and its name below it (15 px type). Both exceed :data:`MIN_GAP`.
LABEL_BOX = (50.0, 28.0)
#: Least distance in pixels between two nodes of the strip beside the map, besides their sizes.
STRIP_ROW = 34.0
_STRIP_COLUMN = 240.0
_STRIP_GAP = 180.0
#: Square pixels of the view's area a node on the map needs: its ellipse, and half as much again for the
#: gaps an irregular area leaves.
_FOOTPRINT = 1.5 * math.pi * LABEL_BOX[0] * LABEL_BOX[1]
_MAX_SCALE = 8.0
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


def geographic_layout(
    nodes: list[dict[str, Any]], rels: list[dict[str, Any]], focus: str | None = None, county: str | None = None
) -> dict[str, Any]:
    """Write ``x``, ``y`` into the nodes; return the payload's ``geo``: the map's ``scale``, the ``strip``
    rectangle and, for a view of one ``county`` (its area; else all of Sweden), the county's ``bounds``, to fit
    the view to (rectangles are [left, top, right, bottom] in pixels, or None)."""
    grid = area_grid()
    graph = weighted_graph(nodes, rels)
    by_id = {n["id"]: n for n in nodes}
    hubs = hub_ids(nodes, focus)
    places: dict[str, tuple[float, float]] = {}
    for key in graph:
        place = _place(by_id[key]) if key not in hubs else None
        if place is not None:
            places[key] = place
    mask = grid.mask([county] if county else None)
    movers = sum(1 for key in graph if key not in places and key not in hubs)
    scale = _scale(grid.area(mask), movers + len(places))
    anchors = {key: _anchor(grid, by_id[key], lat, lon, scale) for key, (lat, lon) in sorted(places.items())}
    left, top, right, bottom = grid.bounds(mask, scale)
    areas = _Areas(grid, scale, county or "", mask)
    spread = _Spread(LABEL_BOX, anchors.values())
    positions = _near_partners(graph, anchors, hubs, spread, lambda key: areas.of(by_id[key]))
    rest = [key for key in graph if key not in positions]
    if positions:  # the strip lies beside the area's land at the heights of the nodes placed on it
        top, bottom = min(y for _, y in positions.values()), max(y for _, y in positions.values())
    edge = max([grid.rightmost(mask, top, bottom, scale), *(x for x, _ in positions.values())])
    strip = _strip(graph, by_id, positions, rest, (edge + _STRIP_GAP, top, bottom))
    write_positions(nodes, positions)
    bounds = [round(value, 1) for value in (left, top, right, bottom)] if county else None
    return {"scale": scale, "strip": strip, "bounds": bounds}


def _place(node: dict[str, Any]) -> tuple[float, float] | None:
    props = node["properties"]
    lat, lon = props.get("lat"), props.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if node["kind"] == "municipality" and props.get("code"):
        return municipality_point(str(props["code"]), float(lat), float(lon))
    return float(lat), float(lon)


def _county(node: dict[str, Any]) -> str | None:
    props = node["properties"]
    if node["kind"] == "county":
        return str(props.get("code") or node["id"].removeprefix("county:"))
    code = props.get("county_code") or (str(props["code"])[:2] if node["kind"] == "municipality" else None)
    return str(code) if code else None


def _anchor(grid: AreaGrid, node: dict[str, Any], lat: float, lon: float, scale: float) -> Point:
    """The projected place; a county whose coordinates fall outside it goes to the nearest spot inside."""
    x, y = project_coordinates(lat, lon, scale)
    if node["kind"] == "county":
        own = grid.mask([_county(node) or ""])
        if own.any() and not grid.within(own, x, y, scale):
            x, y = grid.nearest(own, x, y, scale)
    return x, y


def _scale(area: float, count: int) -> float:
    """How much larger than scale 1 the map is drawn for ``count`` nodes to fit in ``area`` (px² at scale 1)."""
    if area <= 0:
        return 1.0
    return round(min(_MAX_SCALE, max(1.0, math.sqrt(count * _FOOTPRINT / area))), 2)


def _offset(node_id: str, radius: float) -> Point:
    """A fixed pseudo-random offset for a node, so layouts repeat exactly."""
    code = zlib.crc32(node_id.encode("utf-8"))
    angle = (code % 3600) / 3600 * 2 * math.pi
    distance = radius * (0.45 + ((code >> 12) % 1000) / 1800)
    return distance * math.cos(angle), distance * math.sin(angle)


class _Area:
    """Where an actor may go: the cells of ``mask`` (pixels at ``scale``), named ``key``."""

    def __init__(self, grid: AreaGrid, scale: float, key: str, mask: npt.NDArray[np.bool_]) -> None:
        self.grid, self.scale, self.key, self.mask = grid, scale, key, mask
        left, top, right, bottom = grid.bounds(mask, scale)
        self.reach = math.hypot(right - left, bottom - top)  #: how far a spiral may go to find a spot in it

    def allows(self, x: float, y: float) -> bool:
        return self.grid.within(self.mask, x, y, self.scale)

    def nearest(self, x: float, y: float) -> Point:
        return self.grid.nearest(self.mask, x, y, self.scale)


class _Areas:
    """The area each actor may go to: its own county's land if it has a county (an agency's local office,
    a municipal unit: never in another county), else the view's area."""

    def __init__(self, grid: AreaGrid, scale: float, county: str, mask: npt.NDArray[np.bool_]) -> None:
        self.grid, self.scale = grid, scale
        self.view = _Area(grid, scale, county, mask)
        self.counties: dict[str, _Area] = {county: self.view} if county else {}

    def of(self, node: dict[str, Any]) -> _Area:
        own = _county(node)
        if own is None or node["kind"] == "project":
            return self.view
        if own not in self.counties:
            mask = self.grid.mask([own])
            self.counties[own] = _Area(self.grid, self.scale, own, mask) if mask.any() else self.view
        return self.counties[own]


class _Spread:
    """Points outside each other's ellipse of half axes ``box``, kept in a grid of cells as wide as the larger
    half axis (a lookup touches 9 cells)."""

    def __init__(self, box: Point, points: Iterable[Point]) -> None:
        self.box = box
        self.gap = max(box)
        self.cells: dict[tuple[int, int], list[Point]] = {}
        self.turns: dict[tuple[str, int, int], int] = {}  #: per area and spot two gaps wide, where spirals go on
        for point in points:
            self._add(point)

    def _cell(self, x: float, y: float, width: float = 1.0) -> tuple[int, int]:
        return math.floor(x / (self.gap * width)), math.floor(y / (self.gap * width))

    def _add(self, point: Point) -> None:
        self.cells.setdefault(self._cell(*point), []).append(point)

    def _free(self, x: float, y: float, area: _Area) -> bool:
        cx, cy = self._cell(x, y)
        bx, by = self.box
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for px, py in self.cells.get((i, j), ()):
                    if ((px - x) / bx) ** 2 + ((py - y) / by) ** 2 < 1.0:
                        return False
        return area.allows(x, y)

    def place(self, x: float, y: float, area: _Area) -> Point | None:
        """``(x, y)`` if it is free and in ``area``, else the first such point of a golden-angle spiral around
        it (None if there is none within the area's reach).

        Its points are about a gap apart. The spiral of a crowded area goes on where the last actor
        put there stopped (the area two gaps wide around the spot), so crowding many actors on one spot
        costs O(actors), not O(actors²).
        """
        point = round(x, 1), round(y, 1)
        if not self._free(*point, area):
            key = (area.key, *self._cell(x, y, 2.0))
            turn = self.turns.get(key, 1)
            step = min(self.box)
            turns_at_most = math.ceil((area.reach / step) ** 2) + 1
            while True:
                radius, angle = step * math.sqrt(turn), turn * _GOLDEN_ANGLE
                point = round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1)
                turn += 1
                if self._free(*point, area):
                    break
                if turn > turns_at_most:
                    return None
            self.turns[key] = turn
        self._add(point)
        return point


def _near_partners(
    graph: nx.Graph[str],
    anchors: dict[str, Point],
    hubs: set[str],
    spread: _Spread,
    area_of: Callable[[str], _Area],
) -> dict[str, Point]:
    positions = dict(anchors)
    for _ in range(8):
        placed: dict[str, Point] = {}
        for node in graph:
            if node in positions or node in hubs:
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
        # spread in the order of the ids, after the round: every spot of a round is the mean of earlier ones
        for node, spot in placed.items():
            area = area_of(node)
            if not area.allows(*spot):  # in the sea, or another county: from the nearest spot of its own area
                spot = area.nearest(*spot)
            point = spread.place(*spot, area)
            positions[node] = point if point is not None else area.nearest(*spot)
    return positions


def _strip(
    graph: nx.Graph[str],
    by_id: dict[str, dict[str, Any]],
    positions: dict[str, Point],
    rest: list[str],
    frame: tuple[float, float, float],
) -> list[float] | None:
    """Put ``rest`` in columns from ``left``, between ``top`` and ``bottom``, each as near the mean height of
    its placed partners as the others allow; return the strip's rectangle."""
    if not rest:
        return None
    left, top, bottom = frame
    middle = (top + bottom) / 2

    def wanted(key: str) -> float:
        around = [positions[m][1] for m in graph[key] if m in positions]
        return sum(around) / len(around) if around else middle

    order = sorted(rest, key=lambda key: (wanted(key), key))
    sizes = [float(by_id[key].get("size", 10)) for key in order]
    height = max(bottom - top, STRIP_ROW)
    columns: list[list[int]] = [[]]
    used = 0.0
    for index, size in enumerate(sizes):
        need = 2 * size + STRIP_ROW
        if columns[-1] and used + need > height:
            columns.append([])
            used = 0.0
        columns[-1].append(index)
        used += need
    for number, column in enumerate(columns):
        ys = _spaced([wanted(order[i]) for i in column], [sizes[i] for i in column], top, bottom)
        for i, y in zip(column, ys, strict=True):
            positions[order[i]] = (left + number * _STRIP_COLUMN, y)
    highest = min(positions[key][1] - size for key, size in zip(order, sizes, strict=True))
    lowest = max(positions[key][1] + size for key, size in zip(order, sizes, strict=True))
    box = (
        left - _STRIP_COLUMN / 2,
        highest - 2 * STRIP_ROW,  # room for the caption
        left + (len(columns) - 0.5) * _STRIP_COLUMN + _STRIP_COLUMN / 2,  # and room for the names of the last
        lowest + STRIP_ROW,  # and for the last name
    )
    return [round(value, 1) for value in box]


def _spaced(wanted: list[float], sizes: list[float], top: float, bottom: float) -> list[float]:
    """Heights as near ``wanted`` (ascending) as a gap of :data:`STRIP_ROW` plus the sizes allows, within
    ``top``..``bottom`` as far as they fit (a column is filled only as far as it fits)."""

    def gap(index: int) -> float:  # between node index - 1 and node index
        return sizes[index - 1] + sizes[index] + STRIP_ROW

    ys = list(wanted)
    for sweep in range(2):  # push down from the top, up from the bottom, then down again from the top
        ys[0] = max(ys[0], top + sizes[0])
        for index in range(1, len(ys)):
            ys[index] = max(ys[index], ys[index - 1] + gap(index))
        if sweep:
            break
        ys[-1] = min(ys[-1], bottom - sizes[-1])
        for index in range(len(ys) - 2, -1, -1):
            ys[index] = min(ys[index], ys[index + 1] - gap(index + 1))
    return ys
