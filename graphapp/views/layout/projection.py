"""Screen positions of places in Sweden: an equirectangular projection around 62°N 16°E.

The page script projects the map's borders with the same numbers (:func:`projection_constants`), so a
node placed at a point sits on that point of the map. A geographic view may draw the map larger than
:data:`SCALE` (a county with hundreds of actors needs room); its payload says by how much.
"""

from __future__ import annotations

import math

__all__ = ["SCALE", "project_coordinates", "projection_constants", "unproject"]

#: Pixels per degree of latitude at scale 1; longitude is shrunk by cos(62°), Sweden's middle.
SCALE = 160.0
_MID_LAT, _MID_LON = 62.0, 16.0
_LON_FACTOR = math.cos(math.radians(_MID_LAT))


def project_coordinates(lat: float, lon: float, scale: float = 1.0) -> tuple[float, float]:
    """Screen position (pixels, y downwards) of a point, rounded to 0.1 px.

    >>> project_coordinates(62.0, 16.0)
    (0.0, 0.0)
    >>> project_coordinates(63.0, 16.0, scale=2.0)
    (0.0, -320.0)
    """
    x = (lon - _MID_LON) * _LON_FACTOR * SCALE * scale
    y = -(lat - _MID_LAT) * SCALE * scale
    return round(x, 1) + 0.0, round(y, 1) + 0.0


def unproject(x: float, y: float, scale: float = 1.0) -> tuple[float, float]:
    """The latitude and longitude of a screen position: the inverse of :func:`project_coordinates`.

    >>> unproject(0.0, -320.0, scale=2.0)
    (63.0, 16.0)
    """
    return _MID_LAT - y / (SCALE * scale), _MID_LON + x / (_LON_FACTOR * SCALE * scale)


def projection_constants(scale: float = 1.0) -> dict[str, float]:
    """The numbers of :func:`project_coordinates` at ``scale``, for a page script that projects map borders."""
    return {"scale": SCALE * scale, "midLat": _MID_LAT, "midLon": _MID_LON, "lonFactor": _LON_FACTOR}
