"""Where a view's nodes are drawn, computed on the server: a pure function of the view's nodes,
relationships, focus and layout, so a browser draws the picture with physics off and the same view
always looks the same (and a cache keyed by the view may keep it).

- :func:`force_layout` (``layout: "server"``): ForceAtlas2 by blocks, hubs on a ring (:mod:`.force`);
- :func:`geographic_layout` (``"geo"``): on the map, in agreement with it (:mod:`.geographic`);
- :func:`summary_layout` (``"aggregated"``): a network summarised per county (:mod:`.summary`).

Each writes ``x`` and ``y`` (pixels, y downwards) into the node dicts.
"""

from graphapp.views.layout.force import force_layout
from graphapp.views.layout.geographic import LABEL_BOX, MIN_GAP, geographic_layout
from graphapp.views.layout.graph import hub_ids, is_hub
from graphapp.views.layout.projection import project_coordinates, projection_constants, unproject
from graphapp.views.layout.summary import summary_layout

__all__ = [
    "LABEL_BOX",
    "MIN_GAP",
    "force_layout",
    "geographic_layout",
    "hub_ids",
    "is_hub",
    "project_coordinates",
    "projection_constants",
    "summary_layout",
    "unproject",
]
