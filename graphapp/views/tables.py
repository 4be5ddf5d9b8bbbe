"""A view's nodes and relationships as CSV tables, in the page's language (``graphapp render --tables``).

The columns are those of the explorer's download menu (``explorer.js``, ``downloads.nodes_csv`` and
``rels_csv``): ids kept, kinds and relationship types in words, properties formatted. UTF-8 with a BOM,
so spreadsheet programs read å, ä and ö.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from graphapp.views.formatting import properties_text, sources_text
from graphapp.views.i18n import kind_name, rel_name, strings

__all__ = ["nodes_csv", "relationships_csv"]


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
            sources_text(docs, r["sources"], lang),
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
