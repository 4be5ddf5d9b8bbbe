"""Tables as files: a view's nodes and relationships as CSV in the page's language (``graphapp render
--tables``), and any header and rows as CSV or XLSX (:func:`write_table`, the workbench's downloads).

The view's columns are those of the explorer's download menu (``explorer.js``, ``downloads.nodes_csv`` and
``rels_csv``): ids kept, kinds and relationship types in words, properties formatted. CSV is UTF-8 with a
BOM, so spreadsheet programs read å, ä and ö.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from graphapp.views.formatting import properties_text
from graphapp.views.i18n import kind_name, rel_name, strings

__all__ = ["TABLE_TYPES", "nodes_csv", "relationships_csv", "write_table"]

#: The media type of each table format :func:`write_table` writes.
TABLE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def write_table(header: list[str], rows: list[list[Any]], fmt: Literal["csv", "xlsx"], sheet: str = "") -> bytes:
    """``header`` and ``rows`` as a CSV file (UTF-8 with a BOM) or an XLSX workbook of one sheet.

    In the workbook numbers stay numbers and every text is a text cell, never a formula.
    """
    if fmt == "csv":
        return _csv(header, rows).encode("utf-8")
    book = Workbook(write_only=True)
    page = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", sheet or "rows")[:31])
    for values in [header, *rows]:
        page.append([_xlsx_cell(page, value) for value in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(page: Any, value: Any) -> Cell:
    cell = WriteOnlyCell(page, value=value if value is None or isinstance(value, int | float) else str(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # "=…" from data is text, not a formula
    return cell


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
