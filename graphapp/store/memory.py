"""The embedded store: a networkx ``MultiDiGraph`` in this process.

Nodes are keyed by id with attributes ``label``, ``name`` and ``properties``;
edges are keyed by relationship type, so there is at most one of a type between
two nodes. No server, no persistence: every command loads ``data/`` at start, so what
is written to it must also be written as record files (:mod:`graphapp.store.durable`).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Collection, Hashable, Iterator, Mapping
from dataclasses import replace
from itertools import islice, pairwise
from operator import itemgetter
from typing import Any

import networkx as nx

from graphapp.dates import year_of
from graphapp.errors import CypherNotSupported, NotFound
from graphapp.model import (
    ACTOR_LABELS,
    ACTOR_PROJECT_TYPES,
    PROVENANCE_KEYS,
    UNATTRIBUTED_GRANT,
    GraphData,
    Label,
    Node,
    Path,
    Relationship,
    RelType,
    Subgraph,
    united_provenance,
)
from graphapp.store.filters import started_before
from graphapp.store.protocol import (
    MAX_PATHS_SEEN,
    Counts,
    CypherResult,
    NodeDetails,
    ProjectSummary,
    RankedActor,
    SubgraphFilter,
    TimelineEntry,
    breadth_first,
    check_path_length,
    check_traversal,
    sort_paths,
    through_counties,
)

__all__ = ["MemoryStore"]


class MemoryStore:
    name = "memory"
    persistent = False
    waits_on_network = False
    runs_cypher = False

    def __init__(self) -> None:
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._lock = threading.Lock()
        self._views: dict[tuple[int, frozenset[str] | None], nx.Graph[str]] = {}
        self._version = 0
        self._derived: dict[str, tuple[str, str]] = {}  #: key -> (version computed at, text)

    # -- writing -------------------------------------------------------------

    def load(self, data: GraphData) -> Counts:
        graph = self._graph.copy()  # all or nothing: swap in only a finished graph
        changed = False  # the version changes only with the graph: loading what is there keeps it
        for node in data.nodes.values():
            if node.id in graph:
                attrs = graph.nodes[node.id]
                merged = {
                    "label": node.label,
                    "name": node.name,
                    "properties": {**attrs["properties"], **node.properties},
                }
                changed = changed or any(attrs[key] != value for key, value in merged.items())
                attrs.update(merged)
            else:
                graph.add_node(node.id, label=node.label, name=node.name, properties=dict(node.properties))
                changed = True
        for rel in data.relationships.values():
            props = dict(rel.properties)
            old = None
            if graph.has_edge(rel.start, rel.end, key=rel.type.value):
                old = graph.edges[rel.start, rel.end, rel.type.value]["properties"]
                props = {k: v for k, v in {**old, **props}.items() if k not in PROVENANCE_KEYS}
                if "sources" in old or "sources" in rel.properties:
                    props.update(united_provenance(old, rel.properties))
            changed = changed or props != old
            graph.add_edge(rel.start, rel.end, key=rel.type.value, properties=props)
        if changed:
            with self._lock:
                self._graph = graph
                self._version += 1
        return self.counts()

    def retract(self, node_ids: Collection[str], sources: Mapping[tuple[str, str, str], Collection[str]]) -> Counts:
        graph = self._graph.copy()
        for (start, rel_type, end), taken in sources.items():
            if not graph.has_edge(start, end, key=rel_type):
                continue
            props = graph.edges[start, end, rel_type]["properties"]
            kept = [s for s in props.get("sources", []) if s not in set(taken)]
            if kept:
                said = dict(zip(props["sources"], props.get("evidence") or [""] * len(kept), strict=False))
                left = {k: v for k, v in props.items() if k not in PROVENANCE_KEYS}
                left.update(united_provenance({"sources": kept, "evidence": [said.get(s, "") for s in kept]}))
                graph.add_edge(start, end, key=rel_type, properties=left)
            else:
                graph.remove_edge(start, end, key=rel_type)
        graph.remove_nodes_from([n for n in node_ids if n in graph and graph.degree(n) == 0])
        with self._lock:
            self._graph = graph
            self._version += 1
        return self.counts()

    def clear(self) -> None:
        with self._lock:
            self._graph = nx.MultiDiGraph()
            self._version += 1

    def replace(self, data: GraphData) -> Counts:
        """Hold exactly ``data``, swapped in at once: a reader sees the old graph or the new, never a mix."""
        fresh = MemoryStore()
        fresh.load(data)
        with self._lock:
            self._graph = fresh._graph
            self._version += 1
        return self.counts()

    # -- reading -------------------------------------------------------------

    def counts(self) -> Counts:
        graph = self._graph
        labels = Counter(attrs["label"].value for _, attrs in graph.nodes(data=True))
        types = Counter(key for _, _, key in graph.edges(keys=True))
        return Counts(dict(sorted(labels.items())), dict(sorted(types.items())))

    def get_node(self, node_id: str) -> Node:
        graph = self._graph
        if node_id not in graph:
            raise NotFound(f"no node with id {node_id!r}")
        return _node(graph, node_id)

    def find_nodes(self, ids: Collection[str]) -> list[Node]:
        graph = self._graph
        return [_node(graph, i) for i in sorted(set(ids)) if i in graph]

    def find_relationships(self, keys: Collection[tuple[str, str, str]]) -> list[Relationship]:
        graph = self._graph
        return [
            Relationship(RelType(rel_type), start, end, dict(graph.edges[start, end, rel_type]["properties"]))
            for start, rel_type, end in sorted(set(keys))
            if rel_type in RelType.__members__ and graph.has_edge(start, end, key=rel_type)
        ]

    def neighbours(
        self,
        node_id: str,
        depth: int = 1,
        kinds: frozenset[Label] | None = None,
        rel_types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        check_traversal(depth, limit)
        graph = self._graph
        self.get_node(node_id)
        types = {t.value for t in rel_types} if rel_types else None
        leaves = frozenset() if through_counties(kinds, rel_types) else frozenset({Label.COUNTY})

        def expand(frontier: list[str]) -> set[str]:
            found: set[str] = set()
            for current in frontier:
                if current != node_id and graph.nodes[current]["label"] in leaves:
                    continue
                for other, key in _incident(graph, current):
                    if (types is None or key in types) and (kinds is None or graph.nodes[other]["label"] in kinds):
                        found.add(other)
            return found

        ids, truncated = breadth_first(node_id, depth, limit, expand)
        return Subgraph([_node(graph, i) for i in ids], _among(graph, ids, types), truncated)

    def shortest_paths(
        self,
        start: str,
        end: str,
        max_length: int = 6,
        rel_types: frozenset[RelType] | None = None,
    ) -> list[Path]:
        check_path_length(max_length)
        graph = self._graph
        self.get_node(start)
        self.get_node(end)
        types = frozenset(t.value for t in rel_types) if rel_types else None
        view = self._undirected(graph, types)
        sequences = islice(_all_shortest(view, start, end, max_length), MAX_PATHS_SEEN)
        return [_path(graph, seq, types) for seq in sort_paths(sequences)]

    def _undirected(self, graph: nx.MultiDiGraph[str], types: frozenset[str] | None) -> nx.Graph[str]:
        """The simple undirected view of ``graph`` (kept until the next load)."""
        key = (id(graph), types)
        view = self._views.get(key)
        if view is None:
            view = nx.Graph()
            view.add_nodes_from(graph.nodes)
            view.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if types is None or k in types)
            with self._lock:
                self._views = {k: v for k, v in self._views.items() if k[0] == id(graph)}
                self._views[key] = view
        return view

    def subgraph(self, filters: SubgraphFilter, limit: int = 5000) -> Subgraph:
        graph = self._graph
        nodes = _attributes(graph)
        pred, succ = _adjacency(graph)
        projects = _matching_projects(graph, filters, nodes)  # from the county's, fund's or actor's own edges
        around: set[str] = set()
        for p in projects:
            around.update(other for other in succ[p] if nodes[other]["label"] is not Label.PROJECT)
            around.update(other for other in pred[p] if nodes[other]["label"] is not Label.PROJECT)
        ids = [i for i in projects + sorted(around) if nodes[i]["label"] in filters.kinds]
        kept = ids[:limit]
        new = _new_in_year(graph, kept, filters) if filters.year is not None else None
        return Subgraph([_node(graph, i) for i in kept], _among(graph, kept, None), len(ids) > limit, new)

    def best_connected(self, limit: int = 10) -> list[RankedActor]:
        graph = self._graph
        wanted = {t.value for t in ACTOR_PROJECT_TYPES}
        ranked = []
        for node_id, attrs in graph.nodes(data=True):
            if attrs["label"] in ACTOR_LABELS:
                projects = {v for _, v, key in graph.out_edges(node_id, keys=True) if key in wanted}
                if projects:
                    ranked.append((-len(projects), node_id))
        return [RankedActor(_node(graph, i), -n) for n, i in sorted(ranked)[:limit]]

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph = self._graph
        for node_id, attrs in graph.nodes(data=True):
            out.add_node(node_id, label=attrs["label"].value, name=attrs["name"], **attrs["properties"])
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            out.add_edge(u, v, key=key, type=key, **attrs["properties"])
        return out

    def all_nodes(self) -> list[Node]:
        graph = self._graph
        return [_node(graph, i) for i in sorted(graph)]

    def node_details(self, node_id: str) -> NodeDetails:
        graph = self._graph
        node = self.get_node(node_id)
        incident = [(u, v, key, attrs) for u, v, key, attrs in graph.out_edges(node_id, keys=True, data=True)]
        incident += [(u, v, key, attrs) for u, v, key, attrs in graph.in_edges(node_id, keys=True, data=True)]
        documents = {s for *_, attrs in incident for s in attrs["properties"].get("sources") or []}
        documents |= {v for u, v, key, _ in incident if key == RelType.DESCRIBED_IN.value and u == node_id}
        sources = [
            _node(graph, d) for d in sorted(documents) if d in graph and graph.nodes[d]["label"] is Label.DOCUMENT
        ]
        return NodeDetails(node, len(incident), sources)

    def projects(self, filters: SubgraphFilter) -> list[ProjectSummary]:
        graph = self._graph
        return [_summary(graph, p) for p in _matching_projects(graph, filters)]

    def timeline(self, filters: SubgraphFilter) -> list[TimelineEntry]:
        graph = self._graph
        nodes: dict[str, dict[str, Any]] = {n: attrs for n, attrs in graph.nodes(data=True)}
        pred, succ = _adjacency(graph)
        entries = []
        for p in _matching_projects(graph, filters, nodes):
            owners, funds, actors = [], [], {}
            for other, keys in sorted(pred[p].items()):
                if _OWNS in keys:
                    owners.append(other)
                if _FUNDS in keys:
                    funds.append(other)
                if not _ACTOR_PROJECT_KEYS.isdisjoint(keys):
                    actors[other] = nodes[other]["properties"].get("county_code")
            links = sorted(
                (key, other)
                for other, keys in succ[p].items()
                for key in keys
                if key in _LINK_KEYS and nodes[other]["label"] is Label.PROJECT
            )
            attrs = nodes[p]
            node = Node(p, attrs["label"], attrs["name"], dict(attrs["properties"]))
            entries.append(TimelineEntry(node, owners, actors, funds, links))
        return entries

    def run_cypher(self, query: str, parameters: dict[str, Any], timeout: float, row_limit: int) -> CypherResult:
        raise CypherNotSupported()

    def ping(self) -> None:
        return None

    def version(self) -> str:
        return str(self._version)

    def derived(self, key: str) -> tuple[str, str] | None:
        return self._derived.get(key)

    def claim_derived(self, key: str, version: str, seconds: float) -> bool:
        # One process: whoever asks computes (the API's cache lets one thread at a time ask).
        kept = self._derived.get(key)
        return version == self.version() and (kept is None or kept[0] != version)

    def keep_derived(self, key: str, version: str, text: str) -> None:
        with self._lock:
            if version == str(self._version):
                self._derived[key] = (version, text)

    def close(self) -> None:
        return None


def _all_shortest(view: nx.Graph[str], start: str, end: str, max_length: int) -> Iterator[tuple[str, ...]]:
    """Every shortest path from ``start`` to ``end`` of at most ``max_length`` hops.

    Bidirectional breadth-first search: the smaller frontier grows one whole layer at
    a time until the two searches meet; the meeting nodes of least total distance lie
    on every shortest path, which are then read back through both predecessor maps.
    """
    if start == end:
        yield (start,)
        return
    sides: list[tuple[dict[str, int], dict[str, list[str]], list[str]]] = [
        ({start: 0}, {start: []}, [start]),
        ({end: 0}, {end: []}, [end]),
    ]
    for _ in range(max_length):
        side = 0 if len(sides[0][2]) <= len(sides[1][2]) else 1
        dist, pred, frontier = sides[side]
        layer = _grow(view, dist, pred, frontier)
        sides[side] = (dist, pred, layer)
        other = sides[1 - side][0]
        meeting = [node for node in layer if node in other]
        if meeting:
            total = min(dist[m] + other[m] for m in meeting)
            if total > max_length:
                return
            for middle in sorted(m for m in meeting if dist[m] + other[m] == total):
                for head in _walk_back(sides[0][1], start, middle):
                    for tail in _walk_back(sides[1][1], end, middle):
                        yield head + tuple(reversed(tail))[1:]
            return
        if not layer:
            return


def _grow(view: nx.Graph[str], dist: dict[str, int], pred: dict[str, list[str]], frontier: list[str]) -> list[str]:
    """Add the next BFS layer to ``dist``/``pred``; every predecessor of a node is kept."""
    depth = dist[frontier[0]] + 1
    layer: list[str] = []
    adjacency = view.adj
    for node in frontier:
        for other in adjacency[node]:
            known = dist.get(other)
            if known is None:
                dist[other] = depth
                pred[other] = [node]
                layer.append(other)
            elif known == depth:
                pred[other].append(node)
    return layer


def _walk_back(predecessors: dict[str, list[str]], start: str, end: str) -> Iterator[tuple[str, ...]]:
    """Every shortest path from ``start`` to ``end`` out of a BFS predecessor map."""
    stack: list[tuple[str, tuple[str, ...]]] = [(end, (end,))]
    while stack:
        node, suffix = stack.pop()
        if node == start:
            yield suffix
            continue
        stack.extend((before, (before, *suffix)) for before in predecessors[node])


def _node(graph: nx.MultiDiGraph[str], node_id: str) -> Node:
    attrs = _attributes(graph)[node_id]
    return Node(node_id, attrs["label"], attrs["name"], dict(attrs["properties"]))


def _incident(graph: nx.MultiDiGraph[str], node_id: str) -> list[tuple[str, str]]:
    out = [(v, key) for _, v, key in graph.out_edges(node_id, keys=True)]
    return out + [(u, key) for u, _, key in graph.in_edges(node_id, keys=True)]


def _among(graph: nx.MultiDiGraph[str], ids: list[str], types: Collection[str] | None) -> list[Relationship]:
    chosen = set(ids)
    _, succ = _adjacency(graph)
    found: list[tuple[str, str, str, dict[str, Any]]] = []
    for u in ids:
        adjacent = succ[u]  # a fund's thousands of edges are not walked one by one
        ends = chosen.intersection(adjacent) if len(chosen) < len(adjacent) else chosen.intersection(adjacent.keys())
        found += [
            (u, key, v, attrs) for v in ends for key, attrs in adjacent[v].items() if types is None or key in types
        ]
    found.sort(key=itemgetter(0, 1, 2))  # the order of Relationship.key
    return [Relationship(_REL_TYPE[key], u, v, dict(attrs["properties"])) for u, key, v, attrs in found]


_REL_TYPE: dict[Hashable, RelType] = {t.value: t for t in RelType}  #: by edge key (any Hashable to networkx)


def _path(graph: nx.MultiDiGraph[str], sequence: tuple[str, ...], types: Collection[str] | None) -> Path:
    rels: list[Relationship] = []
    for a, b in pairwise(sequence):
        pair = [
            Relationship(_REL_TYPE[key], u, v, dict(attrs["properties"]))
            for u, v in ((a, b), (b, a))
            for key, attrs in (graph.get_edge_data(u, v) or {}).items()
            if types is None or key in types
        ]
        rels.extend(sorted(pair, key=lambda r: r.key))
    return Path([_node(graph, i) for i in sequence], rels)


def _summary(graph: nx.MultiDiGraph[str], project: str) -> ProjectSummary:
    incoming = [(u, key, attrs["properties"]) for u, _, key, attrs in graph.in_edges(project, keys=True, data=True)]
    grants = [props.get("amount_sek") for _, key, props in incoming if key == RelType.FUNDS.value]
    grants.append(graph.nodes[project]["properties"].get(UNATTRIBUTED_GRANT))
    found = [amount for amount in grants if amount is not None]
    partners = len({u for u, key, _ in incoming if key in _ACTOR_PROJECT_KEYS})
    return ProjectSummary(_node(graph, project), partners, sum(found) if found else None)


def _matches(
    graph: nx.MultiDiGraph[str], project: str, filters: SubgraphFilter, nodes: Mapping[str, Any] | None = None
) -> bool:
    """Whether ``project`` matches; ``nodes`` (id -> attributes) saves a view lookup per neighbour when many
    projects are asked."""
    known = graph.nodes if nodes is None else nodes
    incoming = graph.pred[project]

    def funded_by(fund: str) -> bool:
        return RelType.FUNDS.value in incoming.get(fund, {})

    def in_county(county: str) -> bool:
        return RelType.IN_COUNTY.value in graph.succ[project].get(f"county:{county}", {})

    def involves(actor: str) -> bool:
        return not _ACTOR_PROJECT_KEYS.isdisjoint(incoming.get(actor, {}))

    return filters.matches(known[project]["properties"], funded_by, in_county, involves)


_Adjacency = dict[str, dict[str, dict[str, Any]]]


def _attributes(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, Any]]:
    """networkx's own dict of a graph's nodes' attributes (node -> attributes), to read only (see
    :func:`_adjacency`)."""
    nodes: dict[str, dict[str, Any]] = graph._node  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
    return nodes


def _adjacency(graph: nx.MultiDiGraph[str]) -> tuple[_Adjacency, _Adjacency]:
    """networkx's own dicts of a graph's incoming and outgoing edges (node -> other -> key -> attributes), to
    read only: its views cost a Python call per lookup, and a timeline of 10 000 projects makes 100 000."""
    pred: _Adjacency = graph._pred  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
    succ: _Adjacency = graph._succ  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
    return pred, succ


def _matching_projects(
    graph: nx.MultiDiGraph[str], filters: SubgraphFilter, nodes: Mapping[str, Any] | None = None
) -> list[str]:
    """The projects ``filters`` selects, sorted: the rule of ``SubgraphFilter.matches``, its questions (funded
    by, in the county, the actor takes part) answered from sets read once, not per project."""
    known = _attributes(graph) if nodes is None else nodes
    funded = _ends(graph, [filters.fund], {RelType.FUNDS.value}) if filters.fund else set()
    involved = _ends(graph, [filters.actor], _ACTOR_PROJECT_KEYS) if filters.actor else set()
    county = set()
    if filters.county is not None and f"county:{filters.county}" in graph:
        county = {
            u
            for u, between in graph.pred[f"county:{filters.county}"].items()
            if RelType.IN_COUNTY.value in between and known[u]["label"] is Label.PROJECT
        }
    if filters.actor is not None or filters.fund is not None or filters.county is not None:
        candidates = involved if filters.actor else funded if filters.fund else county
    else:
        candidates = {n for n, attrs in graph.nodes(data=True) if attrs["label"] is Label.PROJECT}

    def selected(project: str) -> bool:
        return known[project]["label"] is Label.PROJECT and filters.matches(
            known[project]["properties"],
            lambda _fund: project in funded,
            lambda _county: project in county,
            lambda _actor: project in involved,
        )

    return sorted(filter(selected, candidates))


def _ends(graph: nx.MultiDiGraph[str], starts: list[str], keys: frozenset[str] | set[str]) -> set[str]:
    """The nodes that ``starts`` point to with a relationship of one of ``keys``."""
    found: set[str] = set()
    for start in starts:
        if start in graph:
            found.update(end for end, between in graph.succ[start].items() if not keys.isdisjoint(between))
    return found


def _new_in_year(graph: nx.MultiDiGraph[str], ids: list[str], filters: SubgraphFilter) -> list[str]:
    """Of ``ids`` (a subgraph as it stood in ``filters.year``): the projects that started that year, and
    the other nodes none of whose projects matching the filter but the year started before it."""
    year = filters.year or 0
    rest = replace(filters, year=None, years=None)
    new = []
    for node_id in ids:
        attrs = graph.nodes[node_id]
        if attrs["label"] is Label.PROJECT:
            if year_of(attrs["properties"], "start") == year:
                new.append(node_id)
        elif not any(
            graph.nodes[other]["label"] is Label.PROJECT
            and started_before(graph.nodes[other]["properties"], year)
            and _matches(graph, other, rest)
            for other, _ in _incident(graph, node_id)
        ):
            new.append(node_id)
    return sorted(new)


_ACTOR_PROJECT_KEYS = frozenset(t.value for t in ACTOR_PROJECT_TYPES)
_LINK_KEYS = frozenset({RelType.BUILDS_ON.value, RelType.COLLABORATES_WITH.value})
_OWNS, _FUNDS = RelType.OWNS.value, RelType.FUNDS.value
