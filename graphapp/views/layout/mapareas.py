"""The areas of the map a geographic view is drawn on, for placing its nodes so that they agree with it.

The shipped map (:mod:`graphapp.views.basemap`) holds every municipality's own polygon (its
``municipality`` layer, with the SCB ``code``), drawn from the same borders as the land outline, which
leaves the large lakes out. From it:

- :func:`municipality_point` gives the point at which a municipality is drawn: its coordinates when they
  lie inside its own polygon, else a point inside it near them (a coordinate that is a centroid may fall
  in a lake, the sea or a neighbour: Hammarö's and Kristinehamn's lie in Vänern);
- :class:`AreaGrid` is a raster of the map in cells of :data:`CELL` pixels (at scale 1) telling which
  municipality covers each cell, built once per process (about 0.1 s); a view asks it which cells lie in
  its counties, a cell away from their borders (:meth:`AreaGrid.mask`), to place actors without a place
  of their own on land inside the view's area, never in the sea or another country.

Rings are lists of ``(lon, lat)``; a point lies inside a polygon by the even-odd rule over all its rings
(holes included). Pure functions of the shipped map, so every layout that uses them repeats exactly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from graphapp.views.basemap import map_geojson
from graphapp.views.layout.projection import project_coordinates, unproject

__all__ = ["CELL", "AreaGrid", "area_grid", "municipality_point", "municipality_rings", "point_in_rings"]

#: Raster cell in pixels at scale 1 (about 1.9 km north-south).
CELL = 3.0
Ring = Sequence[tuple[float, float]]


@lru_cache(maxsize=1)
def municipality_rings() -> dict[str, list[list[tuple[float, float]]]]:
    """Every municipality's rings by SCB code, from the shipped map."""
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for feature in json.loads(map_geojson())["features"]:
        props = feature["properties"]
        if props.get("layer") != "municipality":
            continue
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        out[str(props["code"])] = [[(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon]
    return out


def point_in_rings(rings: Iterable[Ring], lon: float, lat: float) -> bool:
    """Whether ``(lon, lat)`` lies inside the polygon of ``rings`` (even-odd rule)."""
    inside = False
    for ring in rings:
        count = len(ring)
        for index in range(count):
            x1, y1 = ring[index]
            x2, y2 = ring[(index + 1) % count]
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _spans(rings: Iterable[Ring], at: float, horizontal: bool) -> list[tuple[float, float]]:
    """The stretches of the line ``lat = at`` (or ``lon = at``) inside the polygon, as (from, to) pairs."""
    cuts: list[float] = []
    for ring in rings:
        count = len(ring)
        for index in range(count):
            (x1, y1), (x2, y2) = ring[index], ring[(index + 1) % count]
            if not horizontal:
                x1, y1, x2, y2 = y1, x1, y2, x2
            if (y1 > at) != (y2 > at):
                cuts.append(x1 + (at - y1) * (x2 - x1) / (y2 - y1))
    cuts.sort()
    return list(zip(cuts[::2], cuts[1::2], strict=False))


def _interior(rings: list[list[tuple[float, float]]], lat: float, lon: float) -> tuple[float, float]:
    """A point well inside the polygon near ``(lat, lon)``: on the nearest of 41 parallels across it that
    crosses it for at least a quarter of its widest crossing, the middle of the stretch nearest ``lon``;
    then the middle of the meridian's stretch through that point. Each middle lies inside by construction."""
    south = min(y for ring in rings for _, y in ring)
    north = max(y for ring in rings for _, y in ring)
    parallels = [south + (north - south) * (k + 0.5) / 41 for k in range(41)]
    spans = {at: _spans(rings, at, horizontal=True) for at in parallels}
    widest = max((b - a for found in spans.values() for a, b in found), default=0.0)
    best: tuple[float, float, float] | None = None  # distance, lat, lon
    for at, found in spans.items():
        for a, b in found:
            if b - a < widest / 4:
                continue
            middle = (a + b) / 2
            distance = math.hypot((middle - lon) * math.cos(math.radians(lat)), at - lat)
            if best is None or distance < best[0]:
                best = (distance, at, middle)
    if best is None:  # a polygon too small to cross: its first point
        return rings[0][0][1], rings[0][0][0]
    _, at, middle = best
    for a, b in _spans(rings, middle, horizontal=False):
        if a <= at <= b:
            return (a + b) / 2, middle
    return at, middle


@lru_cache(maxsize=512)
def municipality_point(code: str, lat: float, lon: float) -> tuple[float, float]:
    """Where municipality ``code`` is drawn: ``(lat, lon)`` if inside its own polygon, else a point inside it.

    A code the map does not know keeps its coordinates.
    """
    rings = municipality_rings().get(code)
    if rings is None or point_in_rings(rings, lon, lat):
        return lat, lon
    return _interior(rings, lat, lon)


class AreaGrid:
    """The map as a raster of :data:`CELL`-pixel cells (at scale 1), each holding the index of the
    municipality that covers its centre in :attr:`codes`, or -1 (sea, the large lakes, abroad)."""

    def __init__(self, rings: dict[str, list[list[tuple[float, float]]]]) -> None:
        self.rings = rings
        self.codes = sorted(rings)
        projected = {
            code: [np.array([project_coordinates(lat, lon) for lon, lat in ring]) for ring in rings[code]]
            for code in self.codes
        }
        points = np.concatenate([ring for code in self.codes for ring in projected[code]])
        self.left, self.top = points.min(axis=0) - CELL
        right, bottom = points.max(axis=0) + CELL
        self.cells: npt.NDArray[np.int16] = np.full(
            (math.ceil((bottom - self.top) / CELL), math.ceil((right - self.left) / CELL)), -1, dtype=np.int16
        )
        for index, code in enumerate(self.codes):
            self._fill(projected[code], index)

    def _fill(self, rings: list[npt.NDArray[np.float64]], index: int) -> None:
        """Mark the cells whose centre lies inside the polygon of ``rings`` (scanlines through the centres)."""
        start = np.concatenate(rings)
        end = np.concatenate([np.roll(ring, -1, axis=0) for ring in rings])
        first = max(0, math.floor((start[:, 1].min() - self.top) / CELL))
        last = min(self.cells.shape[0] - 1, math.ceil((start[:, 1].max() - self.top) / CELL))
        for row in range(first, last + 1):
            y = self.top + (row + 0.5) * CELL
            crossing = (start[:, 1] > y) != (end[:, 1] > y)
            x1, y1 = start[crossing, 0], start[crossing, 1]
            x2, y2 = end[crossing, 0], end[crossing, 1]
            cuts = np.sort(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
            for a, b in zip(cuts[::2], cuts[1::2], strict=False):
                low = max(0, math.ceil((a - self.left) / CELL - 0.5))
                high = min(self.cells.shape[1] - 1, math.floor((b - self.left) / CELL - 0.5))
                if low <= high:
                    self.cells[row, low : high + 1] = index

    def mask(self, counties: Iterable[str] | None = None) -> npt.NDArray[np.bool_]:
        """The cells of the municipalities of ``counties`` (two-digit codes; None: every municipality)
        whose four neighbours are in it too, so a point placed in one keeps a cell away from its border."""
        wanted = set(counties) if counties is not None else None
        chosen = [i for i, code in enumerate(self.codes) if wanted is None or code[:2] in wanted]
        inside = np.isin(self.cells, np.array(chosen, dtype=np.int16))
        eroded = inside.copy()
        eroded[1:, :] &= inside[:-1, :]
        eroded[:-1, :] &= inside[1:, :]
        eroded[:, 1:] &= inside[:, :-1]
        eroded[:, :-1] &= inside[:, 1:]
        eroded[0, :] = eroded[-1, :] = False
        eroded[:, 0] = eroded[:, -1] = False
        return eroded

    def cell_of(self, x: float, y: float, scale: float = 1.0) -> tuple[int, int]:
        """The (row, column) of the screen position ``(x, y)`` of a map drawn at ``scale``."""
        return math.floor((y / scale - self.top) / CELL), math.floor((x / scale - self.left) / CELL)

    def within(self, mask: npt.NDArray[np.bool_], x: float, y: float, scale: float = 1.0) -> bool:
        """Whether ``(x, y)`` (pixels at ``scale``) lies in a cell of ``mask`` and, exactly, inside the polygon
        of the municipality that cell belongs to (a border may wiggle within a cell)."""
        row, column = self.cell_of(x, y, scale)
        if not (0 <= row < mask.shape[0] and 0 <= column < mask.shape[1] and mask[row, column]):
            return False
        lat, lon = unproject(x, y, scale)
        return point_in_rings(self.rings[self.codes[self.cells[row, column]]], lon, lat)

    def nearest(self, mask: npt.NDArray[np.bool_], x: float, y: float, scale: float = 1.0) -> tuple[float, float]:
        """The centre of the cell of ``mask`` nearest ``(x, y)``, in pixels at ``scale`` (``(x, y)`` itself if
        the mask is empty). Looks in ever larger squares around the spot, so a spot near the mask costs
        little."""
        row, column = self.cell_of(x, y, scale)
        height, width = mask.shape
        for half in (8, 32, 128, max(height, width) + abs(row) + abs(column)):
            top, left = max(0, row - half), max(0, column - half)
            rows, columns = np.nonzero(mask[top : max(top, row + half + 1), left : max(left, column + half + 1)])
            if not len(rows):
                continue
            centres_x = (self.left + (columns + left + 0.5) * CELL) * scale
            centres_y = (self.top + (rows + top + 0.5) * CELL) * scale
            distance = (centres_x - x) ** 2 + (centres_y - y) ** 2
            best = int(np.argmin(distance))
            if distance[best] <= (half * CELL * scale) ** 2:  # nothing nearer can lie outside the square
                return float(centres_x[best]), float(centres_y[best])
        return x, y

    def bounds(self, mask: npt.NDArray[np.bool_], scale: float = 1.0) -> tuple[float, float, float, float]:
        """The left, top, right and bottom (pixels at ``scale``) of the cells of ``mask``."""
        rows, columns = np.nonzero(mask)
        if not len(rows):
            return 0.0, 0.0, 0.0, 0.0
        return (
            float(self.left + columns.min() * CELL) * scale,
            float(self.top + rows.min() * CELL) * scale,
            float(self.left + (columns.max() + 1) * CELL) * scale,
            float(self.top + (rows.max() + 1) * CELL) * scale,
        )

    def rightmost(self, mask: npt.NDArray[np.bool_], top: float, bottom: float, scale: float = 1.0) -> float:
        """The right edge (pixels at ``scale``) of the cells of ``mask`` between heights ``top`` and ``bottom``
        (-inf if there are none)."""
        first = max(0, self.cell_of(0.0, top, scale)[0])
        last = min(mask.shape[0] - 1, self.cell_of(0.0, bottom, scale)[0])
        columns = np.nonzero(mask[first : last + 1].any(axis=0))[0] if first <= last else np.array([], dtype=int)
        return float(self.left + (columns.max() + 1) * CELL) * scale if len(columns) else -math.inf

    def area(self, mask: npt.NDArray[np.bool_], scale: float = 1.0) -> float:
        """Square pixels at ``scale`` covered by the cells of ``mask``."""
        return float(mask.sum()) * (CELL * scale) ** 2


@lru_cache(maxsize=1)
def area_grid() -> AreaGrid:
    """The raster of the shipped map, built on first use."""
    return AreaGrid(municipality_rings())
