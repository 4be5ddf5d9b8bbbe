"""A network too large to draw, summarised per county with drill-down.

Above :data:`~graphapp.views.payload.AGGREGATE_THRESHOLD` nodes the overview and
county views draw one node per county instead of every actor and project:

- every actor goes to the county of its ``county_code`` (a county node to its own
  county); a project goes to its owner's county, else to the county most of its
  partners are in; a node with neither goes to one "no county" node (national
  agencies, unresolved organisations);
- funds stay themselves, linked to each county by ``FUNDS`` weighted by the
  number of its projects there (and the summed grants);
- two counties are linked by ``SHARES_PROJECTS`` (:class:`~graphapp.model.DerivedType`) weighted by the number of
  projects with partners in both.

Each summary node carries ``members`` (how many nodes of the full view it stands
for, by kind), so the counts add up to the full view; each county has the
parameters of its county view with the same filters to drill down to (the payload
makes them a URL). The cost is one pass over the nodes and one over the
relationships of the full view.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations
from typing import Any

from graphapp.errors import NotFound
from graphapp.model import ACTOR_PROJECT_TYPES, DerivedType, RelType
from graphapp.store import GraphStore
from graphapp.views.params import ViewParams

__all__ = ["NO_COUNTY", "aggregate_by_county"]

#: The summary node of everything that belongs to no county.
NO_COUNTY = "county:none"
_ACTOR_TO_PROJECT = frozenset(t.value for t in ACTOR_PROJECT_TYPES)


def aggregate_by_county(
    store: GraphStore,
    nodes: list[dict[str, Any]],
    rels: list[dict[str, Any]],
    params: ViewParams,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, ViewParams]]:
    """Summary nodes and weighted relationships of a view's ``nodes`` and ``rels``, and the parameters of
    the county view each county node drills down to (by node id)."""
    kinds = {n["id"]: n["kind"] for n in nodes}
    group = {n["id"]: _own_county(n) for n in nodes if n["kind"] not in ("project", "fund")}
    owners: dict[str, str] = {}
    partners: dict[str, list[str]] = defaultdict(list)
    funders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for rel in rels:
        start, end, rel_type = rel["start"], rel["end"], rel["type"]
        if kinds.get(end) != "project" or start not in kinds:
            continue
        if rel_type == RelType.FUNDS:
            amount = rel.get("properties", {}).get("amount_sek")
            funders[end].append((start, float(amount) if isinstance(amount, int | float) else 0.0))
        elif rel_type in _ACTOR_TO_PROJECT and start in group:
            partners[end].append(group[start])
            if rel_type == RelType.OWNS:
                owners[end] = group[start]
    for node_id, kind in kinds.items():
        if kind == "project":
            group[node_id] = _project_county(owners.get(node_id), partners.get(node_id, []))
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for node_id, kind in kinds.items():
        members[node_id if kind == "fund" else group[node_id]][kind] += 1
    summary, drill_down = _summary_nodes(store, members, params)
    return summary, _summary_rels(kinds, group, partners, funders), drill_down


def _own_county(node: dict[str, Any]) -> str:
    if node["kind"] == "county":
        return str(node["id"])
    code = node["properties"].get("county_code")
    return f"county:{code}" if code else NO_COUNTY


def _project_county(owner: str | None, partners: list[str]) -> str:
    if owner is not None and owner != NO_COUNTY:
        return owner
    counted = Counter(p for p in partners if p != NO_COUNTY)
    return min(counted, key=lambda c: (-counted[c], c)) if counted else NO_COUNTY


def _summary_nodes(
    store: GraphStore, members: dict[str, Counter[str]], params: ViewParams
) -> tuple[list[dict[str, Any]], dict[str, ViewParams]]:
    out = []
    drill_down: dict[str, ViewParams] = {}
    for node_id in sorted(members, key=lambda i: (i.startswith("fund:"), i == NO_COUNTY, i)):
        count = members[node_id]
        total = sum(count.values())
        projects = count.get("project", 0)
        props: dict[str, Any] = {
            "members": dict(sorted(count.items())),
            "actors": total - projects,
            "projects": projects,
        }
        name, kind = node_id, "county"
        if node_id == NO_COUNTY:
            name = ""  # named by the page, in its language
        else:
            try:
                real = store.get_node(node_id)
            except NotFound:
                real = None
            if real is not None:
                name, kind = real.name, real.kind
                props.update({k: real.properties[k] for k in ("code", "lat", "lon") if k in real.properties})
            if kind == "county":
                code = node_id.removeprefix("county:")
                if code != params.county:
                    drill_down[node_id] = replace(params, county=code, id=None, layout="force")
        out.append(
            {
                "id": node_id,
                "kind": kind,
                "name": name,
                "properties": props,
                "degree": 0,
                "size": round(10 + min(30.0, 1.25 * math.sqrt(total)), 1),
            }
        )
    return out, drill_down


def _summary_rels(
    kinds: dict[str, str],
    group: dict[str, str],
    partners: dict[str, list[str]],
    funders: dict[str, list[tuple[str, float]]],
) -> list[dict[str, Any]]:
    shared: Counter[tuple[str, str]] = Counter()
    funded: Counter[tuple[str, str]] = Counter()
    amounts: dict[tuple[str, str], float] = defaultdict(float)
    for node_id, kind in kinds.items():
        if kind != "project":
            continue
        for pair in combinations(sorted({group[node_id], *partners.get(node_id, [])}), 2):
            shared[pair] += 1
        for fund, amount in funders.get(node_id, []):
            funded[(fund, group[node_id])] += 1
            amounts[(fund, group[node_id])] += amount
    rels = [
        {"type": DerivedType.SHARES_PROJECTS.value, "start": a, "end": b, "properties": {"weight": w}, "sources": []}
        for (a, b), w in sorted(shared.items())
    ]
    rels.extend(
        {
            "type": RelType.FUNDS.value,
            "start": f,
            "end": c,
            "properties": {"weight": w, "amount_sek": round(amounts[(f, c)])},
            "sources": [],
        }
        for (f, c), w in sorted(funded.items())
    )
    return rels
