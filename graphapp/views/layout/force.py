"""The network layout: ForceAtlas2 (networkx's :func:`~networkx.drawing.layout.forceatlas2_layout`),
in blocks, with the hubs at the edge.

ForceAtlas2 (Jacomy et al. 2014, Gephi's layout) is run with LinLog attraction (clusters come out
apart, as in Noack's LinLog energy model), hub dissuasion (``distributed_action``: a node's attraction is
shared out over its links, so a hub does not drag its partners together) and the nodes' sizes for
overlap prevention. networkx computes every pair of nodes at every step (O(n²) time and memory), so a
large view is laid out in blocks of at most :data:`BLOCK` nodes, and the blocks as one more ForceAtlas2
network:

1. **Hubs aside.** Funds and national bodies (:func:`~.graph.is_hub`), but the view's focus, link
   projects all over the country; left in, they pull unrelated regions into one hairball. They are laid
   out last, on a ring around the rest, each on the side of its partners (:func:`_ring`).
2. **Parts within parts.** What is left is cut into parts (:func:`_split`): its connected components
   (those of a few nodes share a part); a component into its regions, by county (an actor's own; a
   project's, or a placeless actor's, that of most of its partners); a region too large for a block
   into communities (Louvain, seeded, so repeatable).
3. **A block** (a part of at most :data:`BLOCK` nodes) is laid out by ForceAtlas2 twice: once to find
   its shape, then scaled so that a link is about :data:`LINK` pixels long and run again with the
   nodes' sizes (plus a small margin), which spreads them evenly; scaled back to that link length.
4. **The parts of a part** are laid out by ForceAtlas2 as nodes of their own, as large as they are,
   linked by the links between them, drawn together by strong gravity and then as close as they go
   without overlapping: the communities of a region stay together, the regions :data:`APART`. Parts with
   nothing between them (components) are packed in rows instead (:func:`_pack`).

A last pass (:func:`_separate`) pushes apart any two nodes (or blocks) that still overlap, and a picture
higher than wide is turned a quarter round (:func:`_landscape`). The result is
a pure function of the view's nodes and relationships (and its focus): the same view gives the same
picture on either store and in every process. Nodes are numbered in the order of their ids and every
part is a graph of its own with its nodes in that order (a networkx subgraph view of less than half a
graph iterates a set, whose order of strings changes from process to process). Cost: O(Σ block²) per
step of 30 + 11 steps, about 1 s of CPU for 2 000 nodes on this project's shared machine (0.6 s of it
ForceAtlas2, 0.2 s the overlaps).
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from graphapp.views.layout.graph import hub_ids, weighted_graph, write_positions

__all__ = ["BLOCK", "LINK", "force_layout"]

#: Most nodes laid out by one run of ForceAtlas2.
BLOCK = 100
#: Pixels a link inside a block is long, about; in a view of a dozen nodes or fewer up to twice as long, so a
#: small network has room for its names.
LINK = 130.0
#: Pixels kept free around a node besides its size (names are placed where there is room: labels.js).
MARGIN = 6.0
#: Pixels between two regions (or components).
APART = 220.0
#: Pixels between two parts of a region, and between the network and the ring of hubs.
GAP = 70.0
_SMALL = 4
_SEED = 7
_STEPS = 30

Point = tuple[float, float]


def force_layout(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], focus: str | None = None) -> None:
    """Write ``x`` and ``y`` into the nodes: ForceAtlas2 by blocks, hubs on a ring around them."""
    named = weighted_graph(nodes, rels)
    ids = list(named)  # node i is ids[i]
    index = {key: i for i, key in enumerate(ids)}
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(range(len(ids)))
    graph.add_edges_from((index[a], index[b], data) for a, b, data in named.edges(data=True))
    by_id = {n["id"]: n for n in nodes}
    sizes = {i: float(by_id[key].get("size", 10)) for i, key in enumerate(ids)}
    hubs = {index[key] for key in hub_ids(nodes, focus)}
    if len(hubs) >= len(graph) - 1:  # nothing but hubs: they are the network
        hubs = set()
    core = _part(graph, [n for n in graph if n not in hubs])
    regions = _regions(core, [by_id[key] for key in ids])
    link = LINK * min(2.0, max(1.0, math.sqrt(16 / max(1, len(graph)))))
    positions = _arrange(core, regions, {n: sizes[n] + MARGIN for n in core}, 0, link)
    positions.update(_ring(graph, sorted(hubs), positions, sizes))
    write_positions(nodes, {ids[i]: point for i, point in _landscape(positions).items()})


def _part(graph: nx.Graph[int], keep: Iterable[int]) -> nx.Graph[int]:
    """The subgraph of ``keep``, a graph of its own with its nodes in ascending order."""
    chosen = sorted(keep)
    members = set(chosen)
    part: nx.Graph[int] = nx.Graph()
    part.add_nodes_from(chosen)
    part.add_edges_from((a, b, data) for a, b, data in graph.edges(chosen, data=True) if b in members)
    return part


def _regions(core: nx.Graph[int], nodes: list[dict[str, Any]]) -> dict[int, str]:
    """The county of each node of the core that has one: its own, else that of most of its partners."""
    region: dict[int, str] = {}
    for index in core:
        props, kind = nodes[index]["properties"], nodes[index]["kind"]
        code = props.get("county_code") or (props.get("code") if kind == "county" else None)
        if code is None and kind == "municipality" and props.get("code"):
            code = str(props["code"])[:2]
        if code:
            region[index] = str(code)
    for index in core:
        if index not in region:
            counted = Counter(region[m] for m in core[index] if m in region)
            if counted:
                region[index] = min(counted, key=lambda code: (-counted[code], code))
    return region


def _arrange(
    part: nx.Graph[int], regions: dict[int, str], radius: dict[int, float], depth: int, link: float
) -> dict[int, Point]:
    """Positions of the nodes of ``part``, centred on (0, 0): a block by ForceAtlas2, a larger part as its
    pieces (:func:`_split`), each arranged so, laid out as nodes of their size."""
    pieces, linked = _split(part, regions) if depth < 8 else ([], False)
    if len(pieces) < 2:
        return _lay_out(part, radius, link)
    local = [_arrange(_part(part, piece), regions, radius, depth + 1, link) for piece in pieces]
    gap = APART if depth == 0 else GAP
    reach = {
        index: max(math.hypot(x, y) + radius[n] for n, (x, y) in layout.items()) + gap / 2
        for index, layout in enumerate(local)
    }
    centres = _lay_out(_quotient(part, pieces), reach, None) if linked else _pack(reach)
    return {
        node: (centres[index][0] + x, centres[index][1] + y)
        for index, layout in enumerate(local)
        for node, (x, y) in layout.items()
    }


def _split(part: nx.Graph[int], regions: dict[int, str]) -> tuple[list[list[int]], bool]:
    """``part`` in pieces, and whether they are linked: its components (the small ones together; not linked);
    a connected part larger than a block in its regions, else its Louvain communities, else (no structure
    at all) blocks in breadth-first order. One piece (or none): a block."""
    components = sorted(nx.connected_components(part), key=lambda c: (-len(c), min(c)))
    if len(components) > 1:
        pieces = [sorted(c) for c in components if len(c) > _SMALL]
        small = sorted(n for c in components if len(c) <= _SMALL for n in c)
        return pieces + [small[i : i + BLOCK] for i in range(0, len(small), BLOCK)], False
    if len(part) <= BLOCK:
        return [list(part)], True
    by_region: dict[str, list[int]] = {}
    for node in part:
        by_region.setdefault(regions.get(node, ""), []).append(node)
    if len(by_region) > 1:
        return [members for _, members in sorted(by_region.items())], True
    communities = nx.community.louvain_communities(part, weight="weight", seed=_SEED)
    if len(communities) > 1:
        return [sorted(c) for c in sorted(communities, key=lambda c: (-len(c), min(c)))], True
    order = [n for layer in nx.bfs_layers(part, min(part)) for n in sorted(layer)]
    return [sorted(order[i : i + BLOCK]) for i in range(0, len(order), BLOCK)], True


def _pack(reach: dict[int, float]) -> dict[int, Point]:
    """Pieces with nothing between them (components) in rows, the largest first, the rows about one and a half
    times as wide as the whole is high, centred on (0, 0): ForceAtlas2 would place them anyhow."""
    width = math.sqrt(sum((2 * r) ** 2 for r in reach.values()) * 1.5)
    rows: list[list[int]] = [[]]
    used = 0.0
    for piece in sorted(reach, key=lambda p: (-reach[p], p)):
        if rows[-1] and used + 2 * reach[piece] > width:
            rows.append([])
            used = 0.0
        rows[-1].append(piece)
        used += 2 * reach[piece]
    at: dict[int, Point] = {}
    top = 0.0
    for row in rows:
        height = max(2 * reach[p] for p in row)
        left = -sum(2 * reach[p] for p in row) / 2
        for piece in row:
            at[piece] = (left + reach[piece], top + height / 2)
            left += 2 * reach[piece]
        top += height
    return {piece: (x, y - top / 2) for piece, (x, y) in at.items()}


def _quotient(part: nx.Graph[int], pieces: list[list[int]]) -> nx.Graph[int]:
    """The pieces as nodes, linked with the summed weights of the links between them."""
    where = {node: index for index, piece in enumerate(pieces) for node in piece}
    meta: nx.Graph[int] = nx.Graph()
    meta.add_nodes_from(range(len(pieces)))
    for a, b, weight in part.edges(data="weight", default=1.0):
        i, j = where[a], where[b]
        if i != j:
            meta.add_edge(i, j, weight=meta.get_edge_data(i, j, {"weight": 0.0})["weight"] + weight)
    return meta


def _lay_out(graph: nx.Graph[int], radius: dict[int, float], link: float | None) -> dict[int, Point]:
    """ForceAtlas2 in pixels, centred on (0, 0): nodes of ``radius`` that do not overlap, links about ``link``
    pixels long (None: as long as the radii of their two ends)."""
    order = list(graph)
    if len(order) <= 1:
        return {n: (0.0, 0.0) for n in order}
    options: dict[str, Any] = {"linlog": True, "distributed_action": True, "weight": "weight", "seed": _seed(order)}
    if link is None:  # parts of a part: drawn together into a round whole
        options["strong_gravity"] = True
    with np.errstate(divide="ignore", invalid="ignore"):  # networkx divides by the zero distance of a node to itself
        first = nx.forceatlas2_layout(graph, max_iter=_STEPS, **options)
        at = np.array([first[n] for n in order], dtype=float)
        factor = _pixels_per_unit(graph, order, at, radius, link)
        sized = {n: radius[n] / factor for n in order}
        start = {n: at[i] for i, n in enumerate(order)}
        second = nx.forceatlas2_layout(graph, pos=start, max_iter=_STEPS * 3 // 8, node_size=sized, **options)
    spaced = np.array([second[n] for n in order], dtype=float)
    if not np.isfinite(spaced).all():  # networkx's sized step divides by a force that can be exactly zero
        spaced = at
    # the sizes spread the nodes evenly but the whole wider too: back to the links' length, then apart
    pixels = spaced * _pixels_per_unit(graph, order, spaced, radius, link)
    sizes = np.array([radius[n] for n in order])
    pixels = _separate(pixels, sizes)
    if link is None:  # parts of a part: as close as they go without overlapping, in the shape they were given
        pixels = pixels * _tightest(pixels, sizes)
    pixels -= (pixels.min(axis=0) + pixels.max(axis=0)) / 2
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, pixels, strict=True)}


def _seed(order: list[int]) -> int:
    return zlib.crc32(",".join(map(str, order)).encode("ascii")) ^ _SEED


def _pixels_per_unit(
    graph: nx.Graph[int], order: list[int], at: npt.NDArray[np.float64], radius: dict[int, float], link: float | None
) -> float:
    """The scale at which the median link is as long as wanted (or, without links, the median distance to
    the nearest node is two radii)."""
    index = {n: i for i, n in enumerate(order)}
    pairs = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=int).reshape(-1, 2)
    if len(pairs):
        lengths = list(np.linalg.norm(at[pairs[:, 0]] - at[pairs[:, 1]], axis=1))
        sizes = np.array([radius[n] for n in order])
        wanted = [link] if link is not None else list(sizes[pairs[:, 0]] + sizes[pairs[:, 1]])
    else:
        distance = np.linalg.norm(at[:, None] - at[None], axis=-1)
        np.fill_diagonal(distance, np.inf)
        lengths = list(distance.min(axis=1))
        wanted = [2 * radius[n] for n in order]
    return float(np.median(wanted) / max(float(np.median(lengths)), 1e-9))


def _separate(
    at: npt.NDArray[np.float64], radius: npt.NDArray[np.float64], rounds: int = 60
) -> npt.NDArray[np.float64]:
    """Push apart every two discs that overlap until none do (or ``rounds`` are done), one pair after the
    other (each push sees the last, and moves the pair a little further apart than it must), which settles a
    crowd in a few rounds where pushing all at once would make it swing. Each round finds the overlapping
    pairs at once (numpy), then moves them in Python."""
    xs, ys = [float(x) for x in at[:, 0]], [float(y) for y in at[:, 1]]
    sizes = [float(r) + 0.25 for r in radius]
    need = radius[:, None] + radius[None] - 0.25  # overlaps under a quarter pixel are left alone
    upper = np.triu(np.ones(need.shape, dtype=bool), 1)
    for _ in range(rounds):
        points = np.column_stack([xs, ys])
        distance = np.linalg.norm(points[:, None] - points[None], axis=-1)
        pairs = np.argwhere(upper & (distance < need))
        if not len(pairs):
            break
        for i, j in pairs.tolist():
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            apart = math.hypot(dx, dy)
            want = sizes[i] + sizes[j]
            if apart >= want:
                continue
            if apart < 1e-9:  # the same spot: apart along a fixed direction
                dx, dy, apart = -1.0, 0.0, 1.0
            push = (want - apart) / 2 / apart
            xs[i] += dx * push
            ys[i] += dy * push
            xs[j] -= dx * push
            ys[j] -= dy * push
    return np.column_stack([xs, ys])


def _tightest(at: npt.NDArray[np.float64], radius: npt.NDArray[np.float64]) -> float:
    """The scale at which the closest two discs (relative to their radii) just touch."""
    distance = np.linalg.norm(at[:, None] - at[None], axis=-1)
    np.fill_diagonal(distance, np.inf)
    return float(((radius[:, None] + radius[None]) / np.maximum(distance, 1e-9)).max())


def _landscape(positions: dict[int, Point]) -> dict[int, Point]:
    """The picture a quarter turn round if it is higher than wide: pages and frames are wider than high."""
    if not positions:
        return positions
    xs, ys = zip(*positions.values(), strict=True)
    if max(ys) - min(ys) <= max(xs) - min(xs):
        return positions
    return {key: (-y, x) for key, (x, y) in positions.items()}


def _ring(
    graph: nx.Graph[int], hubs: list[int], positions: dict[int, Point], sizes: dict[int, float]
) -> dict[int, Point]:
    """The hubs on a ring around the rest, apart by their sizes: each on the side of its partners, where they
    lie to one side (their mean is a quarter of the way out, or further), the others spread evenly round."""
    if not hubs:
        return {}
    if positions:
        xs, ys = zip(*positions.values(), strict=True)
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        reach = max(math.hypot(x - cx, y - cy) + sizes[n] for n, (x, y) in positions.items())
    else:
        cx = cy = reach = 0.0
    angles: dict[int, float] = {}
    sideless: list[int] = []
    for hub in hubs:
        around = [positions[m] for m in graph[hub] if m in positions]
        mx = sum(p[0] for p in around) / len(around) - cx if around else 0.0
        my = sum(p[1] for p in around) / len(around) - cy if around else 0.0
        if math.hypot(mx, my) > reach / 4:
            angles[hub] = math.atan2(my, mx)
        else:
            sideless.append(hub)
    turn = (zlib.crc32(",".join(map(str, sideless)).encode("ascii")) % 3600) / 3600 * 2 * math.pi
    for index, hub in enumerate(sideless):
        angles[hub] = math.remainder(turn + 2 * math.pi * index / len(sideless), 2 * math.pi)
    radius = reach + GAP + max(sizes[h] for h in hubs)
    order = sorted(hubs, key=lambda h: (angles[h], h))
    need = [(2 * sizes[h] + 2 * MARGIN + LINK / 2) / radius for h in order]
    radius *= max(1.0, sum(need) / (2 * math.pi))  # room for all of them on the ring
    spaced = [angles[order[0]]]
    for index in range(1, len(order)):
        step = (sizes[order[index - 1]] + sizes[order[index]] + 2 * MARGIN + LINK / 2) / radius
        spaced.append(max(angles[order[index]], spaced[-1] + step))
    return {
        hub: (cx + (radius + sizes[hub]) * math.cos(angle), cy + (radius + sizes[hub]) * math.sin(angle))
        for hub, angle in zip(order, spaced, strict=True)
    }
