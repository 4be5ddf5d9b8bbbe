"""The network over time: in which years each node of a view is shown, what is new in a year, and a view
as it stood in a year (:func:`at_year`).

A network view is laid out once, whole, and a year shows part of it, so that nothing moves from one year
to the next. :func:`annotate` gives each node of a view

- ``years``: the spans of years in which it is shown, ``[[first, last], …]`` (``last`` null: no end), or
  null when it is shown in every year (the focus of a neighbourhood, a county's municipalities, a node
  linked to no project);
- ``since``: the year it is new in: a project's start year; for another node the start year of its first
  project.

The rule is the stores' (:mod:`graphapp.store.filters`), read off the projects of the view's history (the
projects the view's filter selects in any year, with every relationship among them and the view's other
nodes): a project is shown in the years its period overlaps (:func:`~graphapp.store.filters.period_years`;
a project without a start never), another node in the years one of its projects is, and a node is new in
the year it is shown first. So a view's year is what the store answers for that year
(``GraphStore.subgraph`` with ``SubgraphFilter.year``: its nodes and its ``new``), without asking it again.
A relationship is shown when both its ends are; a derived one that lists the ``projects`` it stands for
(the municipalities' projection) has ``years``, one span per project, and stands in a year for those
running then.

The page filters by year itself, from these (``explorer.js``: the same test, :func:`shown_in`); the JSON
twin and the tables of a view with ``year=`` are :func:`at_year` of the whole view.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from graphapp.model import Label, Node
from graphapp.store.filters import period_years

__all__ = ["Span", "annotate", "at_year", "merged", "new_in", "shown_in"]

_PROJECT = Label.PROJECT.kind

#: A first and a last year (None: no end), as JSON gives it: a list of two.
Span = Sequence[int | None]


def shown_in(spans: Sequence[Span] | None, year: int) -> bool:
    """Whether spans of years (None: every year) include ``year``."""
    return spans is None or any(_includes(span, year) for span in spans)


def merged(periods: Iterable[tuple[int, int | None]]) -> list[list[int | None]]:
    """The years of ``periods`` (first and last years, the last None: no end) as few spans as can say them, in
    order; a period that ends before it starts has no year."""
    out: list[list[int | None]] = []
    for first, last in sorted((f, t) for f, t in periods if t is None or t >= f):
        end = out[-1][1] if out else first - 2
        if end is None or end >= first - 1:  # overlaps or touches the span before it
            out[-1][1] = None if end is None or last is None else max(end, last)
        else:
            out.append([first, last])
    return out


def annotate(
    nodes: list[dict[str, Any]],
    relationships: list[dict[str, Any]],
    history: tuple[Iterable[Node], Iterable[tuple[str, str]]],
    always: Collection[str] = frozenset(),
    bounds: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Give each node of a view (its dicts) ``years`` and ``since``, and each derived relationship that lists
    its ``projects`` its ``years``; return the view's ``time``: ``first`` and ``last``, the years its projects
    (and those its nodes take part in) cover, within ``bounds`` (the years the view asks for), and how many of
    its projects (a view without projects: those its nodes take part in) are ``undated``.

    ``history`` is the nodes and the (start, end) pairs of the relationships the years are read from;
    ``always`` the ids shown in every year.
    """
    history_nodes, links = history
    periods: dict[str, tuple[int, int | None] | None] = {}
    for node in history_nodes:
        if node.label is Label.PROJECT:
            periods[node.id] = period_years(node.properties)
    for n in nodes:
        if n["kind"] == _PROJECT:
            periods[n["id"]] = period_years(n["properties"])
    projects_of: dict[str, list[str]] = {}
    for start, end in links:
        if (start in periods) != (end in periods):  # a project and another node
            other, project = (start, end) if end in periods else (end, start)
            projects_of.setdefault(other, []).append(project)
    for n in nodes:
        n["years"], n["since"] = _years(n, periods, projects_of.get(n["id"], []), n["id"] in always)
    for rel in relationships:
        listed = rel["properties"].get("projects")
        if isinstance(listed, list):
            rel["years"] = [_span(periods.get(p)) for p in listed]
    # the view's projects, and those its other nodes are shown by (the projection has no project of its own)
    relevant = {n["id"] for n in nodes if n["kind"] == _PROJECT}
    relevant.update(p for n in nodes for p in projects_of.get(n["id"], []))
    years = [y for p in relevant if (period := periods[p]) is not None for y in period if y is not None]
    own = [n["id"] for n in nodes if n["kind"] == _PROJECT] or relevant
    first, last = (min(years), max(years)) if years else (None, None)
    if bounds is not None and first is not None and last is not None:
        first, last = max(first, bounds[0]), min(last, bounds[1])
    return {"first": first, "last": last, "undated": sum(1 for p in own if periods[p] is None)}


def new_in(nodes: Iterable[dict[str, Any]], year: int) -> list[str]:
    """The ids of the nodes shown in ``year`` that are new then, sorted."""
    return sorted(n["id"] for n in nodes if n.get("since") == year and shown_in(n.get("years"), year))


def at_year(payload: dict[str, Any], year: int) -> dict[str, Any]:
    """A view's payload as it stood in ``year``: the nodes shown then, where the whole view put them, the
    relationships among them (a derived one with the projects running then), and ``new``."""
    nodes = [n for n in payload["nodes"] if shown_in(n.get("years"), year)]
    ids = {n["id"] for n in nodes}
    rels = []
    for rel in payload["relationships"]:
        if rel["start"] not in ids or rel["end"] not in ids:
            continue
        spans = rel.get("years")
        if spans is not None:
            running = [p for p, span in zip(rel["properties"]["projects"], spans, strict=True) if _includes(span, year)]
            if not running:
                continue
            rel = {**rel, "properties": {**rel["properties"], "weight": len(running), "projects": running}}
        rels.append(rel)
    return {
        **payload,
        "params": {**payload["params"], "year": year},
        "nodes": nodes,
        "relationships": rels,
        "counts": {"nodes": len(nodes), "relationships": len(rels)},
        "year": year,
        "new": new_in(nodes, year),
    }


def _years(
    node: dict[str, Any], periods: dict[str, tuple[int, int | None] | None], projects: list[str], always: bool
) -> tuple[list[list[int | None]] | None, int | None]:
    """A node's ``years`` and ``since``."""
    if node["kind"] == _PROJECT:
        period = periods[node["id"]]
        if period is None:
            return (None if always else []), None
        return (None if always else [list(period)]), period[0]
    dated = [period for p in projects if (period := periods[p]) is not None]
    since = min((period[0] for period in dated), default=None)
    return (None if always or not projects else merged(dated)), since


def _span(period: tuple[int, int | None] | None) -> list[int | None]:
    """A project's period as a span; an undated one as a span of no year."""
    return list(period) if period is not None else [None, None]


def _includes(span: Span, year: int) -> bool:
    first, last = span[0], span[1]
    return first is not None and first <= year and (last is None or last >= year)
