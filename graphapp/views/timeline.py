"""The timeline view's payload: projects as bars over the years, with their lineage.

``/views/timeline?…`` (and its JSON twin, embed and ``graphapp render timeline``) takes the
filters of the other views (``county``, ``fund``, ``from_year``, ``to_year``), ``id`` (an
actor: its projects) and ``group`` (rows by ``owner``, ``county`` or ``fund``). The payload
is :func:`graphapp.analysis.timeline.project_timeline` plus what the page needs::

    {"view": "timeline", "params", "title", "focus", "group", "years", "rows", "projects",
     "undated", "links", "names", "funds", "summarised", "large", "counts"}

``funds`` is the legend: each fund shown, with its colour (:data:`FUND_COLOURS`). Above
:data:`TIMELINE_BARS` dated projects the rows are summarised: each row carries ``counts``,
the number of its projects running each year of ``years``, and ``total``; at most
:data:`SUMMARY_ROWS` rows, the rest merged into one whose ``key`` is ``"others"``; no bars
(``projects`` and ``links`` empty, ``names`` only those still named) — the API's
``/api/timeline`` has every project.
"""

from __future__ import annotations

from typing import Any, cast

from graphapp.analysis.timeline import Group, project_timeline
from graphapp.errors import InvalidRequest
from graphapp.model import ACTOR_LABELS, Node
from graphapp.store import GraphStore, SubgraphFilter
from graphapp.views.params import ViewParams

__all__ = ["FUND_COLOURS", "NO_FUND_COLOUR", "SUMMARY_ROWS", "TIMELINE_BARS", "timeline_filter", "timeline_payload"]

#: Above this many dated projects, rows show counts per year instead of bars: a county of the
#: 10 000-project network (about 1 600) is drawn bar by bar, the whole network summarised.
TIMELINE_BARS = 2500
#: Rows a summarised timeline shows; the smaller rest is merged into one.
SUMMARY_ROWS = 150
#: One colour per fund of the reference table (Okabe-Ito, told apart with colour blindness); a
#: bar is filled with a light tint of it and outlined in it, so its dark label stays readable.
FUND_COLOURS = {
    "fund:esf-2007-2013": "#0072B2",
    "fund:esf-2014-2020": "#56B4E9",
    "fund:esf-plus-2021-2027": "#009E73",
    "fund:amif": "#E69F00",
    "fund:eif": "#CC79A7",
    "fund:erf": "#D55E00",
    "fund:eruf": "#8A7A00",
}
#: Funds not in the table take these in turn; a project without a fund is grey.
_MORE_COLOURS = ("#6A3D9A", "#1B7837", "#B15928", "#4D4D4D")
NO_FUND_COLOUR = "#8C8C8C"


def timeline_filter(params: ViewParams) -> SubgraphFilter:
    """The projects a timeline URL asks for."""
    return SubgraphFilter(county=params.county, fund=params.fund, years=params.years(), actor=params.id)


def timeline_payload(store: GraphStore, params: ViewParams) -> dict[str, Any]:
    """The payload of ``/views/timeline`` with ``params`` (see the module's docstring)."""
    focus = _focus(store, params)
    data = project_timeline(store, timeline_filter(params), cast(Group, params.group))  # parse_params checked it
    county = store.find_nodes([f"county:{params.county}"]) if params.county else []
    title = focus.name if focus is not None else (county[0].name if county else None)
    funds = sorted({p["fund"] for p in data["projects"] + data["undated"]}, key=lambda f: (f is None, f or ""))
    summarised = len(data["projects"]) > TIMELINE_BARS
    payload = {
        "view": "timeline",
        "params": params.as_dict(),
        "title": title,
        "focus": focus.id if focus is not None else None,
        **data,
        "funds": [_legend(fund, index, data["names"]) for index, fund in enumerate(funds)],
        "summarised": summarised,
        "large": summarised or len(data["projects"]) > 500,
    }
    if summarised:
        payload.update(_summary(data))
    return payload


def _focus(store: GraphStore, params: ViewParams) -> Node | None:
    if not params.id:
        return None
    focus = store.get_node(params.id)
    if focus.label not in ACTOR_LABELS:
        raise InvalidRequest(
            f"{focus.id!r} is a {focus.kind}: a timeline's id= is an actor (a municipality, agency or organisation); "
            "for a fund use fund=, for a project its own view"
        )
    return focus


def _legend(fund: str | None, index: int, names: dict[str, str]) -> dict[str, Any]:
    if fund is None:
        return {"id": None, "name": None, "colour": NO_FUND_COLOUR}
    colour = FUND_COLOURS.get(fund) or _MORE_COLOURS[index % len(_MORE_COLOURS)]
    return {"id": fund, "name": names.get(fund, fund), "colour": colour}


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    """Rows with the number of their projects running each year, the largest :data:`SUMMARY_ROWS` of them."""
    first, last = data["years"]
    by_id = {p["id"]: p for p in data["projects"]}
    rows = []
    for row in data["rows"]:
        counts = [0] * (last - first + 1)
        for project_id in row["projects"]:
            project = by_id[project_id]
            end = int(project["last_day"][:4]) if project["last_day"] else last
            for year in range(int(project["first_day"][:4]), end + 1):
                counts[year - first] += 1
        rows.append({"key": row["key"], "label": row["label"], "total": len(row["projects"]), "counts": counts})
    rows.sort(key=lambda r: -r["total"])
    kept, rest = rows[:SUMMARY_ROWS], rows[SUMMARY_ROWS:]
    kept.sort(key=lambda r: (next(i for i, n in enumerate(r["counts"]) if n), r["label"] or ""))
    if rest:
        merged = [sum(column) for column in zip(*(r["counts"] for r in rest), strict=True)]
        total = sum(r["total"] for r in rest)
        kept.append({"key": "others", "label": None, "rows": len(rest), "total": total, "counts": merged})
    named = {key for row in kept if (key := row["key"]) and key != "others"} | {f"county:{row['key']}" for row in kept}
    for project in data["undated"]:
        named |= {project["fund"], *project["owners"], *(link["end"] for link in project["links"])}
    names = {key: name for key, name in data["names"].items() if key in named}
    return {"rows": kept, "projects": [], "links": [], "names": names}
