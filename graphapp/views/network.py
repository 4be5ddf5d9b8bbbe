"""The pyvis network of a view payload, and its vis-network options.

pyvis builds the node and edge option dicts (``Network.add_node`` /
``add_edge``); graphapp renders them through its own template
(``graphapp/templates/page.html``), never pyvis's stock one, which loads
bootstrap from a CDN and writes titles with ``innerHTML``. Titles here are plain
strings, which vis-network 9 shows with ``innerText``.

Every view is laid out on the server (:mod:`graphapp.views.layout`) and drawn with
physics off. A large one (``layout: "server"`` or ``"geo"`` above ``LARGE_NETWORK``
nodes, see :func:`drawn_by_page`) skips pyvis: :func:`vis_data` then gives only the
options, and the page
script makes each vis item from the payload node (id, label, ``group`` = kind,
size, x, y), styled by the ``groups`` option, so the page carries each node once
and vis-network merges no per-node colour objects. Its relationships become no vis
edges at all: the script draws one line per pair of nodes on vis-network's canvas
(``lineLayer``; building thousands of vis edges took half of the time to the first
drawing), in the colours and dashes of :data:`EDGE_STYLES`, and the page says that
parallel relationships share a line (:func:`graphapp.views.page.line_count`).

Styling: one shape and one colour of the Okabe-Ito colour-blind-safe palette per
kind (:data:`STYLES`, shared with ``explorer.js`` for nodes added later); size by
degree or funding (from the payload); one colour, dash pattern and width per
relationship type (:data:`EDGE_STYLES`), so the legend can say what each line means.
Names are not drawn by vis-network: the page's label layer (``labels.js``) draws
those that fit without covering another name or node, so the node items carry the
whole name as ``label`` for it to take.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyvis.network import Network

from graphapp.model import DerivedType, Label, RelType
from graphapp.views.i18n import kind_name, rel_name, words
from graphapp.views.payload import LARGE_NETWORK

__all__ = [
    "EDGE_STYLES",
    "LINE_ORDER",
    "STYLES",
    "WEIGHT_WIDTH",
    "build_network",
    "drawn_by_page",
    "kind_legend",
    "line_legend",
    "vis_data",
    "weight_width",
]

#: kind -> vis shape and colours (Okabe & Ito 2008). Borders are dark for 3:1 contrast.
STYLES: dict[str, dict[str, str]] = {
    "project": {"shape": "diamond", "color": "#E69F00", "border": "#7a5500"},
    "municipality": {"shape": "dot", "color": "#56B4E9", "border": "#1d5f86"},
    "county": {"shape": "hexagon", "color": "#0072B2", "border": "#003a5c"},
    "agency": {"shape": "square", "color": "#009E73", "border": "#00513b"},
    "organization": {"shape": "triangle", "color": "#CC79A7", "border": "#7a3a5f"},
    "fund": {"shape": "star", "color": "#D55E00", "border": "#6e3000"},
    "document": {"shape": "triangleDown", "color": "#F0E442", "border": "#6b6400"},
}
#: relationship type -> line colour (at least 3:1 on white), dash pattern (false: solid) and width; a type
#: missing here is drawn grey.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    RelType.OWNS.value: {"color": "#333333", "dashes": False, "width": 2.5},
    RelType.PARTICIPATES_IN.value: {"color": "#858585", "dashes": False, "width": 1.5},
    RelType.FUNDS.value: {"color": "#B34F00", "dashes": [8, 4], "width": 2.0},
    RelType.CO_FUNDS.value: {"color": "#B34F00", "dashes": [2, 3], "width": 2.0},
    RelType.BUILDS_ON.value: {"color": "#7B3294", "dashes": [10, 3, 2, 3], "width": 2.0},
    RelType.COLLABORATES_WITH.value: {"color": "#7B3294", "dashes": False, "width": 2.0},
    RelType.PART_OF.value: {"color": "#00795a", "dashes": [3, 3], "width": 1.5},
    RelType.IN_COUNTY.value: {"color": "#0072B2", "dashes": [1, 3], "width": 1.5},
    RelType.DESCRIBED_IN.value: {"color": "#6b6400", "dashes": [1, 3], "width": 1.5},
    DerivedType.SHARES_PROJECTS.value: {"color": "#1d5f86", "dashes": False, "width": 1.5},
}
#: The order of the relationship types in a legend.
LINE_ORDER = list(EDGE_STYLES)
_EDGE_GREY = "#707070"
_GREY_STYLE: dict[str, Any] = {"color": _EDGE_GREY, "dashes": False, "width": 1.5}


def drawn_by_page(payload: dict[str, Any]) -> bool:
    """Whether the page script draws this view itself: a large view with positions from the server, the
    default (``server``) or the geographic layout. Its nodes are made from the payload and its relationships
    are lines on the canvas; an aggregated view (a few dozen nodes) goes through pyvis."""
    return bool(payload["large"]) and payload["layout"] in ("server", "geo")


class _IdList(list[Any]):
    """pyvis keeps node ids in a list and checks membership per add: make that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def build_network(payload: dict[str, Any], lang: str) -> Network:
    """A pyvis ``Network`` holding the payload's nodes and relationships, styled."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="local")
    net.node_ids = _IdList()
    names = {n["id"]: n["name"] for n in payload["nodes"]}
    for node in payload["nodes"]:
        style = STYLES.get(node["kind"], STYLES["organization"])
        summary = _summary(node, lang) if payload.get("aggregated") and node["kind"] != "fund" else ""
        net.add_node(
            node["id"],
            label=node["name"] + summary,
            title=_node_title(node, lang) + summary,
            shape=style["shape"],
            color={
                "background": style["color"],
                "border": style["border"],
                "highlight": {"background": style["color"], "border": "#000000"},
            },
            size=node["size"],
            x=node["x"],
            y=node["y"],
        )
    large = drawn_by_page(payload)
    heaviest = max((r["properties"].get("weight") or 1 for r in payload["relationships"]), default=1)
    for rel in payload["relationships"]:
        style = EDGE_STYLES.get(rel["type"], _GREY_STYLE)
        weight = rel["properties"].get("weight")
        width = weight_width(weight) if isinstance(weight, int) else style["width"]
        if payload.get("aggregated") and isinstance(weight, int):  # hundreds of projects: relative widths
            width = round(1 + 9 * weight / heaviest, 1)
            net.add_edge(
                rel["start"],
                rel["end"],
                id=f"{rel['start']}|{rel['type']}|{rel['end']}",
                title=_edge_title(rel, names, lang),
                color={"color": style["color"], "opacity": 0.5},
                dashes=style["dashes"],
                width=width,
                arrows="",
            )
            continue
        if large:  # thousands of edges: no tooltips, ids or arrows, so the page stays light and draws fast
            net.add_edge(rel["start"], rel["end"], color=style["color"], width=width, arrows="")
            continue
        net.add_edge(
            rel["start"],
            rel["end"],
            id=f"{rel['start']}|{rel['type']}|{rel['end']}",
            title=_edge_title(rel, names, lang),
            color=style["color"],
            dashes=style["dashes"],
            width=width,
            arrows="" if rel["type"] == DerivedType.SHARES_PROJECTS else "to",
        )
    # pyvis starts with an Options object but takes a plain dict too (get_network_data checks which).
    net.options = network_options(len(payload["nodes"]))  # type: ignore[assignment]
    return net


#: The width of a line that stands for ``weight`` shared projects: ``base + step * weight``, at most ``most``
#: (the page script draws a year's weight with the same numbers).
WEIGHT_WIDTH = {"base": 1.0, "step": 1.5, "most": 12.0}


def weight_width(weight: int) -> float:
    """The width of a line that stands for ``weight`` shared projects (:data:`WEIGHT_WIDTH`)."""
    return min(WEIGHT_WIDTH["most"], WEIGHT_WIDTH["base"] + WEIGHT_WIDTH["step"] * weight)


def vis_data(payload: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the page hands to ``new vis.Network``: nodes, edges and options from pyvis.

    For a view the page draws itself (:func:`drawn_by_page`) only the options: the page makes the
    items from the payload.
    """
    if drawn_by_page(payload):
        return {"nodes": None, "edges": None, "options": network_options(len(payload["nodes"]))}
    net = build_network(payload, lang)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": net.options if isinstance(net.options, dict) else options}


def kind_legend(kinds: Iterable[str], lang: str) -> list[dict[str, str]]:
    """What each shape of a view means: its kind's name, in the order of the labels."""
    present = set(kinds)
    return [{"kind": label.kind, "label": kind_name(label.kind, lang)} for label in Label if label.kind in present]


def line_legend(types: Iterable[str], lang: str) -> list[dict[str, Any]]:
    """What each kind of line of a view means: its relationship type's name, colour, dashes and width, in
    :data:`LINE_ORDER` (types without a style of their own last, grey)."""
    present = set(types)
    ordered = [t for t in LINE_ORDER if t in present] + sorted(present - set(LINE_ORDER))
    return [{"type": t, "label": rel_name(t, lang), **EDGE_STYLES.get(t, _GREY_STYLE)} for t in ordered]


def network_options(node_count: int) -> dict[str, Any]:
    """vis-network's options: positions from the server, physics off (the page turns ForceAtlas2 on for a
    while when asked to lay the network out again), no labels of vis-network's own."""
    large = node_count > LARGE_NETWORK
    return {
        "autoResize": True,
        "groups": {
            kind: {
                "shape": style["shape"],
                "color": {
                    "background": style["color"],
                    "border": style["border"],
                    "highlight": {"background": style["color"], "border": "#000000"},
                },
            }
            for kind, style in STYLES.items()
        },
        "nodes": {"borderWidth": 1.5},
        "edges": {
            "color": {"color": _EDGE_GREY},
            "width": 1 if large else 1.5,
            "smooth": False,
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.45}},
            "selectionWidth": 2,
            "hoverWidth": 0.5,
        },
        "physics": {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.004,
                "springLength": 110,
                "springConstant": 0.06,
                "damping": 0.6,
                "avoidOverlap": 0.8,
            },
            "stabilization": {"enabled": False, "iterations": 300, "updateInterval": 50, "fit": False},
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }


def _summary(node: dict[str, Any], lang: str) -> str:
    props = node["properties"]
    return "\n" + words(lang)("aggregate_counts", actors=props.get("actors", 0), projects=props.get("projects", 0))


def _node_title(node: dict[str, Any], lang: str) -> str:
    return f"{node['name']}\n{kind_name(node['kind'], lang)} · {node['degree']}"


def _edge_title(rel: dict[str, Any], names: dict[str, str], lang: str) -> str:
    text = f"{names.get(rel['start'], rel['start'])} {rel_name(rel['type'], lang)} {names.get(rel['end'], rel['end'])}"
    weight = rel["properties"].get("weight")
    return f"{text} ({weight})" if weight is not None else text
