"""Time: the projects of a selection over the years, with their lineage, and an actor's history.

Both are plain data built from :meth:`graphapp.store.GraphStore.timeline` (the projects a
filter selects, with their actors, funds and links); the API returns them as JSON and the
timeline view (:mod:`graphapp.views.timeline`) draws them. Periods keep their precision
(:mod:`graphapp.dates`): ``start``/``end`` are ISO text of what is known (``2014``,
``2016-06``, ``2016-06-01``) and ``first_day``/``last_day`` the days a bar spans (a start's
first day, an end's last). A project without a start is *undated*: listed apart, never
placed at a guessed year. A project with a start and no end runs on (``last_day`` null).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from graphapp.dates import iso_text, year_of
from graphapp.model import Node, RelType
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.store.protocol import TimelineEntry

__all__ = ["GROUPS", "Group", "actor_history", "project_timeline"]

Group = Literal["owner", "county", "fund"]
#: How the rows of a timeline are grouped: by the project's owner, its county, its fund.
GROUPS: tuple[Group, ...] = ("owner", "county", "fund")
LINK_TYPES = (RelType.BUILDS_ON.value, RelType.COLLABORATES_WITH.value)


def project_timeline(store: GraphStore, filters: SubgraphFilter, group: Group = "owner") -> dict[str, Any]:
    """The projects ``filters`` selects over the years, in rows by ``group``, with their links.

    Returns
    -------
    dict
        ``group``; ``years``, ``[first, last]`` of the dated projects' periods (null when
        none is dated); ``rows``, each ``{key, label, projects}`` (the ids of the row's dated
        projects, by start); ``projects`` (dated, by start), each ``{id, name, start, end, first_day,
        last_day, row, fund, owners, links}``; ``undated``, the same without a period;
        ``links``, the ``BUILDS_ON`` and ``COLLABORATES_WITH`` relationships among them in
        their true direction (``start`` builds on or works with ``end``); ``names`` of the
        owners, funds, counties and linked projects named; ``counts``.

    Notes
    -----
    The row of a project is its (first) owner, its fund, or its county: the county most
    of its actors are in (ties: the owner's, then the lowest code). A project without one
    is in a row whose ``key`` and ``label`` are null. Rows are ordered by their first
    start, then by label; undated projects are in no row but keep their ``row`` key. One store call, and one more for
    the names: O(projects + their relationships).
    """
    entries = store.timeline(filters)
    shown = {entry.node.id for entry in entries}
    projects = [_project(entry, _row_key(entry, group)) for entry in entries]
    wanted = {p["row"] for p in projects} | {o for p in projects for o in p["owners"]} | {p["fund"] for p in projects}
    wanted |= {f"county:{p['row']}" for p in projects if group == "county" and p["row"]}
    wanted |= {link["end"] for p in projects for link in p["links"]}
    names = {node.id: node.name for node in store.find_nodes({w for w in wanted if w})}
    for project in projects:
        for link in project["links"]:
            link["name"] = names.get(link["end"], link["end"])
    dated = sorted((p for p in projects if p["first_day"]), key=lambda p: (p["first_day"], p["name"], p["id"]))
    undated = sorted((p for p in projects if not p["first_day"]), key=lambda p: (p["name"], p["id"]))
    links = [
        {"type": link["type"], "start": p["id"], "end": link["end"]}
        for p in projects
        for link in p["links"]
        if link["end"] in shown
    ]
    return {
        "group": group,
        "years": _years(dated),
        "rows": _rows(dated, group, names),
        "projects": dated,
        "undated": undated,
        "links": links,
        "names": names,
        "counts": {"projects": len(projects), "dated": len(dated), "undated": len(undated), "links": len(links)},
    }


def actor_history(store: GraphStore, actor_id: str) -> dict[str, Any]:
    """How an actor's partnership grew: its projects per year and the partners it gained each year.

    Returns
    -------
    dict
        ``actor`` (``{id, kind, name}``); ``years``, one row per year from its first
        project's start to the last year any of its projects runs, each ``{year, projects,
        started, partners_gained}`` (ids of the projects running that year, those that
        started then, and the actors it first worked with then); ``projects`` (dated, by
        start, with ``start``, ``end``); ``undated`` (projects without a period); ``names``
        of every project and partner named; ``partners`` (how many in all).

    Notes
    -----
    A partner is any other actor that owns, takes part in or co-funds one of its projects;
    it is gained in the year the first such project started. Partners met only in undated
    projects are counted in ``partners`` but gained in no year. A project without an end
    runs to the last year shown.

    Raises :class:`~graphapp.errors.NotFound` for an unknown id.
    """
    actor = store.get_node(actor_id)
    entries = store.timeline(SubgraphFilter(actor=actor_id))
    dated = sorted((e for e in entries if year_of(e.node.properties, "start")), key=_start_key)
    partners = {other for e in entries for other in e.actors if other != actor_id}
    names = {e.node.id: e.node.name for e in entries} | {n.id: n.name for n in store.find_nodes(partners)}
    return {
        "actor": {"id": actor.id, "kind": actor.kind, "name": actor.name},
        "years": _history_years(dated, actor_id),
        "projects": [_period(e.node) for e in dated],
        "undated": [{"id": e.node.id, "name": e.node.name} for e in entries if not year_of(e.node.properties, "start")],
        "names": names,
        "partners": len(partners),
    }


# -- helpers -------------------------------------------------------------------


def _project(entry: TimelineEntry, row: str | None) -> dict[str, Any]:
    return {
        **_period(entry.node),
        "row": row,
        "fund": entry.funds[0] if entry.funds else None,
        "owners": entry.owners,
        "links": [{"type": rel_type, "end": other} for rel_type, other in entry.links if rel_type in LINK_TYPES],
    }


def _period(node: Node) -> dict[str, Any]:
    props = node.properties
    return {
        "id": node.id,
        "name": node.name,
        "start": iso_text(props, "start"),
        "end": iso_text(props, "end"),
        "first_day": _day(props.get("start")),
        "last_day": _day(props.get("end")),
    }


def _day(value: Any) -> str | None:
    """A stored date as ISO text of its day (what a bar spans), or None."""
    return value.isoformat() if isinstance(value, dt.date) else None


def _row_key(entry: TimelineEntry, group: Group) -> str | None:
    if group == "owner":
        return entry.owners[0] if entry.owners else None
    if group == "fund":
        return entry.funds[0] if entry.funds else None
    counts = Counter(code for code in entry.actors.values() if code)
    if not counts:
        return None
    most = max(counts.values())
    tied = sorted(code for code, n in counts.items() if n == most)
    owned = {entry.actors.get(owner) for owner in entry.owners}
    return next((code for code in tied if code in owned), tied[0])


def _rows(projects: Iterable[dict[str, Any]], group: Group, names: dict[str, str]) -> list[dict[str, Any]]:
    rows: dict[str | None, list[dict[str, Any]]] = {}
    for project in projects:
        rows.setdefault(project["row"], []).append(project)

    def label(key: str | None) -> str | None:
        if key is None:
            return None
        return names.get(f"county:{key}" if group == "county" else key, key)

    def order(key: str | None) -> tuple[str, bool, str]:
        return (min(p["first_day"] for p in rows[key]), key is None, label(key) or "")

    return [
        {"key": key, "label": label(key), "projects": [p["id"] for p in rows[key]]} for key in sorted(rows, key=order)
    ]


def _years(dated: list[dict[str, Any]]) -> list[int] | None:
    if not dated:
        return None
    years = [int(p["first_day"][:4]) for p in dated] + [int(p["last_day"][:4]) for p in dated if p["last_day"]]
    return [min(years), max(years)]


def _start_key(entry: TimelineEntry) -> tuple[Any, str]:
    return (entry.node.properties["start"], entry.node.id)


def _history_years(dated: list[TimelineEntry], actor_id: str) -> list[dict[str, Any]]:
    if not dated:
        return []
    spans = [(e, year_of(e.node.properties, "start") or 0, year_of(e.node.properties, "end")) for e in dated]
    last = max(max(start, end or start) for _, start, end in spans)
    gained: dict[str, int] = {}
    for entry, start, _ in spans:  # by start: the first shared project decides
        for other in entry.actors:
            if other != actor_id:
                gained.setdefault(other, start)
    rows = []
    for year in range(spans[0][1], last + 1):
        rows.append(
            {
                "year": year,
                "projects": [e.node.id for e, start, end in spans if start <= year <= (end or last)],
                "started": [e.node.id for e, start, _ in spans if start == year],
                "partners_gained": sorted(other for other, first in gained.items() if first == year),
            }
        )
    return rows
