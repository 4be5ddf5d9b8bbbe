"""One function builds every view: :func:`build_payload`.

A view is a name (:data:`VIEWS`) plus :class:`ViewParams` read from a URL. The
payload is a plain dict that the page draws, its JSON twin returns as is, an
embed shows and ``graphapp render`` writes into a file::

    {"view", "params", "title", "focus", "nodes": [...], "relationships": [...],
     "documents": {id: {...}}, "truncated", "layout", "geo", "large", "aggregated",
     "counts": {"nodes", "relationships"}, "year", "new"}

With ``year`` (the network as it stood in a year), ``new`` lists the ids of the nodes new that
year: on the overview, county and projection views as the store says
(:mod:`graphapp.store.filters`); on an actor's or project's neighbourhood, the projects that
started that year. Without it ``new`` is null. The ``timeline`` view has a payload of its own
(:mod:`graphapp.views.timeline`).

Nodes carry ``id, kind, name, properties, degree, size, x, y``. Relationships carry ``type, start, end, properties,
sources`` like the API's graph payload. ``full_counts`` are the counts before any
aggregation.

Layouts are computed here (:mod:`graphapp.views.layout`), for every size: ForceAtlas2
by blocks with the hubs on a ring (``layout: "server"``), or on the map (``"geo"``,
when asked for; ``geo`` then holds the map's ``scale`` and the ``strip`` beside it
where funds and national bodies are drawn). The browser draws them with physics off. The app keeps
each view's layout for the store's revision (``layouts``, :mod:`graphapp.views.layout.kept`).
Above :data:`LARGE_NETWORK` nodes the page script draws the nodes from the positions
itself (``large: true``); above :data:`AGGREGATE_THRESHOLD`
the overview and county views are summarised per county
(:mod:`graphapp.views.aggregate`, ``aggregated: true``, ``layout: "aggregated"``,
``large: true``), and each county node has the ``url`` of its own county view
(made by the :class:`~graphapp.views.urls.Urls` it is given, in its language).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from graphapp.analysis.graphs import subgraph_to_networkx
from graphapp.analysis.projection import collaboration_projection
from graphapp.dates import iso_text
from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import UNATTRIBUTED_GRANT, DerivedType, Label, Node, Relationship, RelType, Subgraph
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.store.filters import in_years
from graphapp.views.aggregate import aggregate_by_county
from graphapp.views.i18n import DEFAULT_LANG
from graphapp.views.layout import force_layout, summary_layout
from graphapp.views.layout.kept import KeepLayout, lay_out
from graphapp.views.params import MAX_LIMIT, VIEWS, ViewParams
from graphapp.views.timeline import timeline_payload
from graphapp.views.urls import Urls
from graphapp.views.years import annotate, at_year, new_in

__all__ = [
    "AGGREGATED_VIEWS",
    "AGGREGATE_THRESHOLD",
    "LARGE_NETWORK",
    "MAX_ADDED",
    "build_payload",
    "page_payload",
    "result_layout",
    "with_added",
]

#: Above this many nodes the page script draws the nodes itself, from the payload's positions.
LARGE_NETWORK = 300
#: Above this many nodes the overview and county views (with any filter) are summarised per county,
#: with drill-down to each county: a browser draws 3 000 positioned nodes in about 2 s, 10 000 in 10 s.
AGGREGATE_THRESHOLD = 3000
AGGREGATED_VIEWS = ("overview", "county")
#: The most nodes, and relationships, that :func:`with_added` takes: a page adds 200 per expanded node.
MAX_ADDED = 20_000


def build_payload(
    store: GraphStore,
    view: str,
    params: ViewParams,
    urls: Urls | None = None,
    lang: str = DEFAULT_LANG,
    layouts: KeepLayout | None = None,
    *,
    laid_out: bool = True,
) -> dict[str, Any]:
    """The payload of ``view`` with ``params``: the one source of every JSON twin and table of a view; its
    page draws :func:`page_payload`. With ``year``, the view as it stood that year
    (:func:`~graphapp.views.years.at_year` of the whole view).

    ``urls`` (default: relative to the site root) and ``lang`` make the drill-down links of an aggregated view;
    ``layouts`` keeps layouts between calls (:mod:`graphapp.views.layout.kept`; default: computed each time);
    not ``laid_out``, the nodes have no ``x`` and ``y`` (``layout`` null: what a table needs, without a
    second of ForceAtlas2).
    """
    payload = page_payload(store, view, params, urls, lang, layouts, laid_out=laid_out)
    if params.year is None or payload.get("time") is None:
        return payload
    return at_year(payload, params.year)


def page_payload(
    store: GraphStore,
    view: str,
    params: ViewParams,
    urls: Urls | None = None,
    lang: str = DEFAULT_LANG,
    layouts: KeepLayout | None = None,
    *,
    laid_out: bool = True,
) -> dict[str, Any]:
    """What a page, embed or file of ``view`` draws: the whole view, laid out once, each node with the years
    it is shown in (:mod:`graphapp.views.years`; ``time``: the years the view covers), ``year`` the year it
    shows first. A view summarised per county has no years (``time`` null): with ``year`` it is the store's
    network of that year, laid out on its own."""
    if view not in VIEWS:
        raise NotFound(f"no view named {view!r}; the views are {', '.join(VIEWS)}")
    if view == "timeline":
        return timeline_payload(store, params)
    layout = _Layout(laid_out, layouts)
    payload = _payload(store, view, replace(params, year=None), urls, lang, layout)
    if params.year is None:
        return payload
    if payload["time"] is None:
        return _payload(store, view, params, urls, lang, layout)
    return {**payload, "params": params.as_dict(), "year": params.year, "new": new_in(payload["nodes"], params.year)}


@dataclass(frozen=True, slots=True)
class _Layout:
    """Whether to lay a view out, and where layouts are kept."""

    wanted: bool
    kept: KeepLayout | None


def _payload(
    store: GraphStore, view: str, params: ViewParams, urls: Urls | None, lang: str, layouts: _Layout
) -> dict[str, Any]:
    built = _BUILDERS[view](store, params)
    node_dicts = [n.as_dict() for n in built.nodes]
    rels = built.rels
    full = {"nodes": len(node_dicts), "relationships": len(rels)}
    aggregated = view in AGGREGATED_VIEWS and len(node_dicts) > AGGREGATE_THRESHOLD
    time = None
    if aggregated:
        node_dicts, rels, drill_down = aggregate_by_county(store, node_dicts, rels, params)
        links = urls or Urls()
        for node in node_dicts:
            target = drill_down.get(node["id"])
            node["url"] = links.page(view="county", params=target, lang=lang) if target is not None else None
        _decorate(node_dicts, rels, "aggregate")
    else:
        _decorate(node_dicts, rels, params.size)
        if params.year is None:
            time = annotate(node_dicts, rels, _history_links(built), built.always, params.years())
    large = aggregated or len(node_dicts) > LARGE_NETWORK
    focus = built.focus
    geo = None
    layout: str | None = None
    if aggregated:
        summary_layout(node_dicts)
        layout = "aggregated"
    elif layouts.wanted:
        geo_of = (params.county or "") if params.layout == "geo" else None
        key = (view, tuple(params.to_query()))
        geo = lay_out(node_dicts, rels, focus.id if focus is not None else None, geo_of, key, layouts.kept)
        layout = "geo" if geo_of is not None else "server"
    return {
        "view": view,
        "params": params.as_dict(),
        "title": focus.name if focus is not None else None,
        "focus": focus.id if focus is not None else None,
        "nodes": node_dicts,
        "relationships": rels,
        "documents": _documents(store, rels),
        "truncated": built.truncated,
        "layout": layout,
        "geo": geo,
        "large": large,
        "aggregated": aggregated,
        "counts": {"nodes": len(node_dicts), "relationships": len(rels)},
        "full_counts": full,
        "year": params.year,
        "new": built.new,
        "time": time,
    }


def with_added(
    store: GraphStore, payload: dict[str, Any], node_ids: Iterable[str], rel_keys: Iterable[tuple[str, str, str]]
) -> dict[str, Any]:
    """``payload`` with what its page added to it (neighbours expanded, paths found): the nodes of
    ``node_ids`` and the relationships of ``rel_keys`` that the store holds and the payload lacks, a
    relationship only when both its ends are in. An added node's ``degree`` counts its links in the result."""
    known = {n["id"] for n in payload["nodes"]}
    wanted = sorted(set(node_ids) - known)[:MAX_ADDED]
    added = [n.as_dict() for n in store.find_nodes(wanted)] if wanted else []
    ids = known | {n["id"] for n in added}
    held = {(r["start"], r["type"], r["end"]) for r in payload["relationships"]}
    keys = sorted({k for k in rel_keys if k not in held and k[0] in ids and k[2] in ids})[:MAX_ADDED]
    rels = _as_dicts(store.find_relationships(keys)) if keys else []
    if not added and not rels:
        return payload
    everything = payload["relationships"] + rels
    links = Counter(end for r in everything for end in (r["start"], r["end"]))
    for node in added:
        node["degree"] = links[node["id"]]
    documents = {**payload["documents"], **_documents(store, rels)}
    return {**payload, "nodes": payload["nodes"] + added, "relationships": everything, "documents": documents}


def result_layout(nodes: Iterable[dict[str, Any]], rels: list[dict[str, Any]]) -> dict[str, tuple[float, float, float]]:
    """Where a page draws a graph that is not a view (a Cypher result's nodes and relationships, as
    :meth:`~graphapp.model.Node.as_dict` gives them), and how large: by the rules of a view without a
    focus, each node sized by its links in the graph and laid out by :func:`force_layout`.
    ``{id: (x, y, size)}``."""
    drawn = [{"id": n["id"], "kind": n["kind"], "properties": n["properties"]} for n in nodes]
    _decorate(drawn, rels, "degree")
    force_layout(drawn, rels)
    return {str(n["id"]): (float(n["x"]), float(n["y"]), float(n["size"])) for n in drawn}


# -- the views ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Built:
    """What a view's builder found: its nodes and relationships, whether they were cut, its focus, and (with
    ``year``, when the store answers for the year) the ids of the nodes new that year. ``history`` is what the
    years of its nodes are read from (:mod:`graphapp.views.years`; None: the view itself), ``always`` the
    nodes it shows in every year."""

    nodes: list[Node]
    rels: list[dict[str, Any]]
    truncated: bool
    focus: Node | None = None
    new: list[str] | None = None
    history: Subgraph | None = None
    always: frozenset[str] = frozenset()


def _overview(store: GraphStore, params: ViewParams) -> _Built:
    filters = _filter(params, params.labels())
    sub = store.subgraph(filters, limit=params.limit)
    return _Built(sub.nodes, _as_dicts(sub.relationships), sub.truncated, new=sub.new, history=_history(store, filters))


def _actor(store: GraphStore, params: ViewParams) -> _Built:
    focus = store.get_node(params.id or "")
    sub = store.neighbours(focus.id, depth=params.depth, kinds=params.labels() | {focus.label}, limit=params.limit)
    nodes = _in_years(sub.nodes, params.years(), keep=focus.id)
    kept = {n.id for n in nodes}
    rels = [r for r in sub.relationships if r.start in kept and r.end in kept]
    # a neighbourhood's years are read from itself: its focus is shown in every year
    return _Built(nodes, _as_dicts(rels), sub.truncated, focus, always=frozenset({focus.id}))


def _project(store: GraphStore, params: ViewParams) -> _Built:
    focus = store.get_node(params.id or "")
    if focus.label is not Label.PROJECT:
        raise InvalidRequest(f"{focus.id!r} is a {focus.kind}, not a project; use the actor view for it")
    return _actor(store, params)


def _county(store: GraphStore, params: ViewParams) -> _Built:
    county = store.get_node(f"county:{params.county}")
    labels = params.labels()
    filters = _filter(params, labels)
    sub = store.subgraph(filters, limit=params.limit)
    nodes = list(sub.nodes)
    members: frozenset[str] = frozenset()
    if Label.MUNICIPALITY in labels:  # every municipality of the county, in every year, so the gaps show too
        seen = {n.id for n in nodes}
        around = store.neighbours(
            county.id, kinds=frozenset({Label.MUNICIPALITY}), rel_types=frozenset({RelType.IN_COUNTY}), limit=MAX_LIMIT
        )
        found = [n for n in around.nodes if n.label is Label.MUNICIPALITY]
        nodes.extend(n for n in found if n.id not in seen)
        members = frozenset(n.id for n in found)
    rels = _as_dicts(sub.relationships)
    return _Built(nodes, rels, sub.truncated, county, sub.new, _history(store, filters), members)


def _projection(store: GraphStore, params: ViewParams) -> _Built:
    filters = _filter(params, frozenset({Label.PROJECT, Label.MUNICIPALITY}))
    sub = store.subgraph(filters, limit=MAX_LIMIT)
    by_id = {n.id: n for n in sub.nodes}
    projection = collaboration_projection(subgraph_to_networkx(sub))
    nodes = [by_id[m] for m in projection.nodes]
    rels = [
        {
            "type": DerivedType.SHARES_PROJECTS.value,
            "start": a,
            "end": b,
            "properties": {"weight": attrs["weight"], "projects": attrs["projects"]},
            "sources": [],
        }
        for a, b, attrs in projection.edges(data=True)
    ]
    focus = store.get_node(f"county:{params.county}") if params.county else None
    new = None if sub.new is None else [m for m in sub.new if m in projection]
    truncated = sub.truncated or len(nodes) > params.limit
    return _Built(nodes[: params.limit], rels, truncated, focus, new, _history(store, filters) or sub)


_BUILDERS: dict[str, Callable[[GraphStore, ViewParams], _Built]] = {
    "overview": _overview,
    "actor": _actor,
    "project": _project,
    "county": _county,
    "projection": _projection,
}


# -- helpers -----------------------------------------------------------------


def _filter(params: ViewParams, labels: frozenset[Label]) -> SubgraphFilter:
    return SubgraphFilter(county=params.county, fund=params.fund, years=params.years(), kinds=labels, year=params.year)


def _history_links(built: _Built) -> tuple[list[Node], list[tuple[str, str]]]:
    """The nodes and the ends of the relationships the years of a view's nodes are read from."""
    if built.history is None:
        return built.nodes, [(r["start"], r["end"]) for r in built.rels]
    return built.history.nodes, [(r.start, r.end) for r in built.history.relationships]


def _history(store: GraphStore, filters: SubgraphFilter) -> Subgraph | None:
    """What the years of a subgraph's nodes are read from: the projects its filter selects in any year and
    what is around them, or None when that is the subgraph itself (no years asked for, projects among its
    kinds) or the store answered for one year."""
    if filters.year is not None or (filters.years is None and Label.PROJECT in filters.kinds):
        return None
    return store.subgraph(replace(filters, years=None, kinds=filters.kinds | {Label.PROJECT}), limit=MAX_LIMIT)


def _in_years(nodes: list[Node], years: tuple[int, int] | None, keep: str) -> list[Node]:
    """The nodes but the projects (other than ``keep``) whose period does not overlap ``years``."""
    if years is None:
        return nodes
    return [n for n in nodes if n.label is not Label.PROJECT or n.id == keep or in_years(n.properties, years)]


def _as_dicts(rels: Iterable[Relationship]) -> list[dict[str, Any]]:
    return [r.as_dict() for r in rels]


def _decorate(nodes: list[dict[str, Any]], rels: list[dict[str, Any]], size_by: str) -> None:
    """Add ``degree`` (links within the view) and ``size`` (by degree or by funding)."""
    degree: dict[str, int] = {}
    funding: dict[str, float] = {}
    for rel in rels:
        degree[rel["start"]] = degree.get(rel["start"], 0) + 1
        degree[rel["end"]] = degree.get(rel["end"], 0) + 1
        amount = rel["properties"].get("amount_sek")
        if isinstance(amount, int | float):
            funding[rel["start"]] = funding.get(rel["start"], 0) + amount
            funding[rel["end"]] = funding.get(rel["end"], 0) + amount
    for node in nodes:
        node["degree"] = degree.get(node["id"], 0)
        if size_by == "aggregate":  # set by the aggregation, from the number of members
            continue
        if size_by == "funding":
            sek = funding.get(node["id"], 0) + node["properties"].get(UNATTRIBUTED_GRANT, 0)
            node["size"] = round(8 + min(32.0, 2.2 * math.log1p(float(sek) / 10_000)), 1)
        else:
            node["size"] = round(10 + min(30.0, 4 * math.sqrt(node["degree"])), 1)


def _documents(store: GraphStore, rels: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The documents behind the relationships, so a page can show sources without asking again."""
    out: dict[str, dict[str, Any]] = {}
    for doc_id in sorted({s for r in rels for s in r["sources"]}):
        try:
            doc = store.get_node(doc_id)
        except NotFound:
            out[doc_id] = {"title": doc_id}
            continue
        props = doc.properties
        out[doc_id] = {
            "title": props.get("title") or doc.name,
            "publisher": props.get("publisher"),
            "published": iso_text(props, "published"),
            "url": props.get("url"),
            "by_hand": props.get("by_hand") is True,
        }
    return out
