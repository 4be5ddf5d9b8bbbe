"""The tables people download, in the page's language, as :class:`~graphapp.table_files.Table`:

- :func:`view_tables`: a view's nodes and relationships (the explorer's and embeds' download menu, a
  rendered file's, ``graphapp render --tables``) and :func:`graph_tables` of an export's graph
  (``GET /api/export?format=xlsx``). Ids are kept, kinds,
  relationship types and coded values are in words, and each property has a column of its own, typed:
  amounts (``*_sek``) and other numbers as numbers, ISO dates as dates.
- :func:`rows_table`: rows of JSON values under named columns (the workbench's query results).
- A timeline's tables (:func:`view_tables` of its payload): its projects, with a period then without, and
  the links between them, from the project that builds on (or works with) the other.

:func:`~graphapp.table_files.table_file` writes them as XLSX or as CSV in the page language's dialect.

>>> payload = {"nodes": [{"id": "project:p", "kind": "project", "name": "=P", "degree": 1,
...     "properties": {"start": "2016-06-01", "total_budget_sek": 150000, "status": "completed"}}],
...     "relationships": [], "documents": {}}
>>> nodes = view_tables(payload, "sv")[0]
>>> [c.header for c in nodes.columns]
['Id', 'Namn', 'Typ', 'Kopplingar', 'Start', 'Total projektbudget (kr)', 'Status']
>>> nodes.rows[0]
['project:p', '=P', 'Projekt', 1, datetime.date(2016, 6, 1), 150000, 'avslutat']
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import networkx as nx

from graphapp.dates import plain_properties
from graphapp.model import Label
from graphapp.table_files import AMOUNT, Cell, Column, Table
from graphapp.views.formatting import period_text, sources_text
from graphapp.views.i18n import kind_name, prop_name, rel_name, value_name, words

__all__ = [
    "graph_tables",
    "node_table",
    "relationship_table",
    "rows_table",
    "table_stems",
    "timeline_link_table",
    "timeline_project_table",
    "view_tables",
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Properties left out of the tables: the project lists of the collaboration projection's lines.
_LEFT_OUT = frozenset({"projects"})


def table_stems(view: str) -> tuple[str, str]:
    """What the files of a view's two tables are called (``<name>-nodes.csv``, or a timeline's ``-projects``)."""
    return ("projects", "links") if view == "timeline" else ("nodes", "relationships")


def view_tables(payload: dict[str, Any], lang: str) -> list[Table]:
    """The two tables of a view payload: its nodes and relationships (with or without what its page added),
    or a timeline's projects and links."""
    if payload.get("view") == "timeline":
        return [timeline_project_table(payload, lang), timeline_link_table(payload, lang)]
    return [node_table(payload, lang), relationship_table(payload, lang)]


def graph_tables(graph: nx.MultiDiGraph[str], lang: str) -> list[Table]:
    """:func:`view_tables` of a graph in the layout of ``GraphStore.to_networkx()``, sorted by id; each
    node's links are all its relationships in ``graph``."""
    nodes = [
        {
            "id": node,
            "kind": Label(graph.nodes[node]["label"]).kind,
            "name": graph.nodes[node].get("name", node),
            "degree": graph.degree(node),
            "properties": plain_properties({k: v for k, v in graph.nodes[node].items() if k not in ("label", "name")}),
        }
        for node in sorted(graph.nodes)
    ]
    rels = [
        {
            "type": key,
            "start": u,
            "end": v,
            "properties": {k: val for k, val in attrs.items() if k not in ("type", "sources")},
            "sources": list(attrs.get("sources") or []),
        }
        for u, v, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    ]
    titles = {n["id"]: {"title": n["properties"].get("title") or n["name"]} for n in nodes if n["kind"] == "document"}
    return view_tables({"nodes": nodes, "relationships": rels, "documents": titles}, lang)


def node_table(payload: dict[str, Any], lang: str) -> Table:
    """Id, name, kind (in words), links within the view, then one column per property."""
    t = words(lang)
    nodes = payload["nodes"]
    keys = _property_keys(n.get("properties") or {} for n in nodes)
    columns = [Column(t("id")), Column(t("name")), Column(t("kind")), Column(t("degree")), *_columns(keys, lang)]
    rows = [
        [n["id"], n["name"], kind_name(n["kind"], lang), n.get("degree", 0), *_cells(n.get("properties"), keys, lang)]
        for n in nodes
    ]
    return Table(t("nodes"), columns, rows)


def relationship_table(payload: dict[str, Any], lang: str) -> Table:
    """Each relationship: its ends (id and name), its type in words, one column per property, its sources."""
    t = words(lang)
    names = {n["id"]: n["name"] for n in payload["nodes"]}
    docs = payload["documents"]
    rels = payload["relationships"]
    keys = _property_keys(r.get("properties") or {} for r in rels)
    columns = [
        Column(f"{t('start')} ({t('id')})"),
        Column(t("start")),
        Column(t("type")),
        Column(t("end")),
        Column(f"{t('end')} ({t('id')})"),
        *_columns(keys, lang),
        Column(t("sources")),
    ]
    rows = [
        [
            r["start"],
            names.get(r["start"], r["start"]),
            rel_name(r["type"], lang),
            names.get(r["end"], r["end"]),
            r["end"],
            *_cells(r.get("properties"), keys, lang),
            sources_text(docs, r.get("sources") or [], lang),
        ]
        for r in rels
    ]
    return Table(t("relationships"), columns, rows)


def rows_table(name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], lang: str) -> Table:
    """Rows of JSON values (a query's result) under ``columns`` (as the query named them), each value read
    as a property of its column's name: a node as its name, a relationship as its type in words, a path as
    its names, lists joined, maps as JSON, numbers as numbers, ISO dates as dates, coded values in words."""
    return Table(
        name,
        [Column(column, AMOUNT if column.endswith("_sek") else None) for column in columns],
        [[_typed(column, value, lang) for column, value in zip(columns, row, strict=False)] for row in rows],
    )


def timeline_project_table(payload: dict[str, Any], lang: str) -> Table:
    """A timeline's projects (with a period, then without): the columns of its page's table."""
    t = words(lang)
    names = payload["names"]
    headers = [t("id"), t("col_project"), t("start"), t("end"), t("col_period"), t("col_row"), t("fund")]
    columns = [Column(header) for header in [*headers, t("col_owner"), t("col_lineage")]]
    rows: list[list[Cell]] = [
        [
            p["id"],
            p["name"],
            _typed("start", p["start"], lang),
            _typed("end", p["end"], lang),
            period_text(p["start"], p["end"], lang) if p["start"] else t("undated"),
            names.get(f"county:{p['row']}" if payload["group"] == "county" else p["row"], p["row"] or None),
            names.get(p["fund"], p["fund"]) if p["fund"] else None,
            ", ".join(names.get(o, o) for o in p["owners"]),
            "; ".join(f"{rel_name(link['type'], lang)} {link['name']}" for link in p["links"]),
        ]
        for p in payload["projects"] + payload["undated"]
    ]
    return Table(t("col_project"), columns, rows)


def timeline_link_table(payload: dict[str, Any], lang: str) -> Table:
    """A timeline's links: from the project that builds on (or works with) the other, to the other."""
    t = words(lang)
    names = {p["id"]: p["name"] for p in payload["projects"] + payload["undated"]} | payload["names"]
    columns = [
        Column(f"{t('start')} ({t('id')})"),
        Column(t("start")),
        Column(t("type")),
        Column(t("end")),
        Column(f"{t('end')} ({t('id')})"),
    ]
    rows: list[list[Cell]] = [
        [link["start"], names.get(link["start"]), rel_name(link["type"], lang), names.get(link["end"]), link["end"]]
        for link in payload["links"]
    ]
    return Table(t("links_between"), columns, rows)


# -- cells ------------------------------------------------------------------------


def _property_keys(properties: Iterable[dict[str, Any]]) -> list[str]:
    """Every property key, in the order first met."""
    keys: dict[str, None] = {}
    for props in properties:
        keys.update((key, None) for key in props if key not in _LEFT_OUT)
    return list(keys)


def _columns(keys: Sequence[str], lang: str) -> list[Column]:
    unit = words(lang)("sek").replace("{amount}", "").strip()
    return [
        Column(f"{prop_name(key, lang)} ({unit})", AMOUNT) if key.endswith("_sek") else Column(prop_name(key, lang))
        for key in keys
    ]


def _cells(properties: dict[str, Any] | None, keys: Sequence[str], lang: str) -> list[Cell]:
    props = properties or {}
    return [_typed(key, props.get(key), lang) for key in keys]


def _typed(key: str, value: Any, lang: str) -> Cell:
    """A value as a typed cell (see :func:`rows_table`)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _yes_no(lang)[0 if value else 1]
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value_name(value, lang)
    if isinstance(value, list):
        return "; ".join(_text(_typed(key, item, lang)) for item in value)
    if isinstance(value, dict):
        return _entity(value, lang)
    return str(value)


@lru_cache(maxsize=4)
def _yes_no(lang: str) -> tuple[str, str]:
    t = words(lang)
    return t("yes"), t("no")


def _entity(value: dict[str, Any], lang: str) -> str:
    """A node as its name, a relationship as its type in words, a path as its nodes' names, a map as JSON."""
    if isinstance(value.get("name"), str) and "kind" in value:
        return str(value["name"])
    if isinstance(value.get("type"), str) and "start" in value and "end" in value:
        return rel_name(value["type"], lang)
    if isinstance(value.get("nodes"), list) and "relationships" in value:
        return " – ".join(_entity(node, lang) for node in value["nodes"] if isinstance(node, dict))  # noqa: RUF001
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell.isoformat() if isinstance(cell, dt.date) else str(cell)
