"""A view's nodes and relationships as CSV tables, in the page's language (``graphapp render --tables``).

The columns are those of the explorer's download menu (``explorer.js``, ``downloads.nodes_csv`` and
``rels_csv``): ids kept, kinds and relationship types in words, properties formatted. UTF-8 with a BOM,
so spreadsheet programs read å, ä and ö.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from graphapp.views.formatting import period_text, properties_text
from graphapp.views.i18n import kind_name, rel_name, strings

__all__ = ["nodes_csv", "relationships_csv", "timeline_links_csv", "timeline_projects_csv"]


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def nodes_csv(payload: dict[str, Any], lang: str) -> str:
    """Id, name, kind (in words) and links within the view of every node."""
    t = strings(lang)
    rows = [[n["id"], n["name"], kind_name(n["kind"], lang), n.get("degree", 0)] for n in payload["nodes"]]
    return _csv([t["id"], t["name"], t["kind"], t["degree"]], rows)


def relationships_csv(payload: dict[str, Any], lang: str) -> str:
    """Each relationship: its ends (id and name), its type in words, its properties and its sources."""
    t = strings(lang)
    names = {n["id"]: n["name"] for n in payload["nodes"]}
    docs = payload["documents"]
    rows = [
        [
            r["start"],
            names.get(r["start"], r["start"]),
            rel_name(r["type"], lang),
            names.get(r["end"], r["end"]),
            r["end"],
            properties_text(r["properties"], lang),
            "; ".join(docs.get(s, {}).get("title") or s for s in r["sources"]),
        ]
        for r in payload["relationships"]
    ]
    header = [
        f"{t['start']} ({t['id']})",
        t["start"],
        t["type"],
        t["end"],
        f"{t['end']} ({t['id']})",
        t["properties"],
        t["sources"],
    ]
    return _csv(header, rows)


def timeline_projects_csv(payload: dict[str, Any], lang: str) -> str:
    """A timeline's projects (with a period, then without): the columns of its page's download (``timeline.js``)."""
    t = strings(lang)
    names = payload["names"]
    rows = [
        [
            p["id"],
            p["name"],
            p["start"] or "",
            p["end"] or "",
            period_text(p["start"], p["end"], lang) if p["start"] else t["undated"],
            names.get(f"county:{p['row']}" if payload["group"] == "county" else p["row"], p["row"] or ""),
            names.get(p["fund"], p["fund"]) if p["fund"] else "",
            ", ".join(names.get(o, o) for o in p["owners"]),
            "; ".join(f"{rel_name(link['type'], lang)} {link['name']}" for link in p["links"]),
        ]
        for p in payload["projects"] + payload["undated"]
    ]
    header = ["id", "col_project", "start", "end", "col_period", "col_row", "fund", "col_owner", "col_lineage"]
    return _csv([t[key] for key in header], rows)


def timeline_links_csv(payload: dict[str, Any], lang: str) -> str:
    """A timeline's links: from the project that builds on (or works with) the other, to the other."""
    t = strings(lang)
    names = {p["id"]: p["name"] for p in payload["projects"] + payload["undated"]} | payload["names"]
    rows = [
        [
            link["start"],
            names.get(link["start"], ""),
            rel_name(link["type"], lang),
            names.get(link["end"], ""),
            link["end"],
        ]
        for link in payload["links"]
    ]
    header = [f"{t['start']} ({t['id']})", t["start"], t["type"], t["end"], f"{t['end']} ({t['id']})"]
    return _csv(header, rows)
