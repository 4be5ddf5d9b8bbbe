"""The map of Sweden drawn under geographic views: where it is (its credit line is the catalogue's ``map_credit``).

The borders live in ``graphapp/static/map/sweden.geojson`` (built by ``scripts/build-map``; source and
licence in the README beside it). The page script projects them with the numbers of
:func:`graphapp.views.layout.projection_constants`, so nodes placed at their coordinates sit on their
municipality; :mod:`graphapp.views.layout.mapareas` reads the municipalities' own polygons from it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["MAP_FILE", "MAP_STATIC_NAME", "map_geojson"]

MAP_STATIC_NAME = "map/sweden.geojson"
MAP_FILE = Path(__file__).resolve().parents[1] / "static" / MAP_STATIC_NAME


@lru_cache(maxsize=1)
def map_geojson() -> str:
    """The map as text, for a standalone file that has no server to fetch it from (and the layout's areas)."""
    return MAP_FILE.read_text(encoding="utf-8")
