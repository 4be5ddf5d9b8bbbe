"""Spreadsheets as tables of cells: ``.xlsx`` (openpyxl) and ``.csv``.

Nothing in a file is executed or fetched. A workbook is opened read-only with the
values its program last saved (``data_only``: no formula is evaluated; a formula
without a saved value reads as empty), without macros (``keep_vba=False``; ``.xlsm``
is refused) or external links, and openpyxl parses its XML through defusedxml (no
external entities, no entity expansion). A workbook whose zip would unpack to more
than :data:`MAX_UNPACKED` bytes is refused before it is opened. CSV text is decoded
as UTF-8 (with or without a byte-order mark) or else Windows-1252, and its delimiter
is sniffed among ``, ; tab |``.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from graphapp.errors import InvalidRequest

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SPREADSHEET_SUFFIXES",
    "Table",
    "UnreadableSpreadsheet",
    "read_tables",
]

#: Larger files are refused: a region's project list is far smaller.
MAX_BYTES = 20 * 1024 * 1024
#: What the XML inside a workbook may unpack to, at most (a zip bomb is refused unopened).
MAX_UNPACKED = 200 * 1024 * 1024
#: Rows per sheet, at most.
MAX_ROWS = 50_000
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".csv"})
_DELIMITERS = ",;\t|"


class UnreadableSpreadsheet(InvalidRequest):
    """A file that cannot be read as a spreadsheet."""

    title = "Unreadable spreadsheet"


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet (or CSV file): its header and its rows, each with its line number."""

    sheet: str | None  #: the sheet's name; None for a CSV file
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[Any]]]


def read_tables(name: str, raw: bytes) -> list[Table]:
    """The non-empty sheets of the spreadsheet ``name`` (its suffix says the format)."""
    suffix = PurePath(name).suffix.lower()
    if len(raw) > MAX_BYTES:
        raise UnreadableSpreadsheet(
            f"{name}: {len(raw) / 1_048_576:.1f} MB is larger than the {MAX_BYTES // 1_048_576} MB limit"
        )
    if suffix == ".xlsx":
        tables = _workbook(name, raw)
    elif suffix == ".csv":
        tables = [_csv(name, raw)]
    elif suffix in (".xlsm", ".xls", ".xlsb", ".ods"):
        raise UnreadableSpreadsheet(f"{name}: {suffix} is not read (macros or old formats); save it as .xlsx or .csv")
    else:
        raise UnreadableSpreadsheet(f"{name}: not a spreadsheet (expected .xlsx or .csv)")
    found = [t for t in tables if t.header]
    if not found:
        raise UnreadableSpreadsheet(f"{name}: no sheet has a header row (column names in the first filled row)")
    return found


def _workbook(name: str, raw: bytes) -> list[Table]:
    import openpyxl  # imported here: only imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableSpreadsheet(f"{name}: not an .xlsx workbook (the file is not a zip archive)") from None
    if unpacked > MAX_UNPACKED:
        raise UnreadableSpreadsheet(f"{name}: unpacks to {unpacked // 1_048_576} MB, more than a workbook should")
    if "xl/workbook.xml" not in names:
        raise UnreadableSpreadsheet(f"{name}: not an .xlsx workbook (no xl/workbook.xml inside)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it does not read
            book = openpyxl.load_workbook(
                io.BytesIO(raw), read_only=True, data_only=True, keep_vba=False, keep_links=False
            )
            try:
                return [_table(sheet.title, sheet.iter_rows(min_row=1, values_only=True)) for sheet in book.worksheets]
            finally:
                book.close()
    except UnreadableSpreadsheet:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise UnreadableSpreadsheet(f"{name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None


def _csv(name: str, raw: bytes) -> Table:
    if b"\x00" in raw[:8192]:
        raise UnreadableSpreadsheet(f"{name}: looks like a binary file, not CSV text")
    text = _decode(raw)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), quotechar='"', strict=False)
        return _table(None, rows)
    except csv.Error as exc:
        raise UnreadableSpreadsheet(f"{name}: not readable as CSV: {exc}") from None


def _delimiter(text: str) -> str:
    """The delimiter of the header line (column names seldom hold one), else what csv.Sniffer finds."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:16384], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _table(sheet: str | None, rows: Any) -> Table:
    header: list[str] = []
    header_row = 0
    body: list[tuple[int, list[Any]]] = []
    for number, values in enumerate(rows, start=1):
        cells = [_clean(v) for v in values]
        if not header:
            if sum(1 for c in cells if isinstance(c, str) and c) >= 2 or (len(cells) == 1 and cells[0]):
                header, header_row = [c if isinstance(c, str) else "" if c is None else str(c) for c in cells], number
            continue
        if any(c not in (None, "") for c in cells):
            if len(body) >= MAX_ROWS:
                raise UnreadableSpreadsheet(f"{sheet or 'CSV'}: more than {MAX_ROWS} rows; split the file")
            body.append((number, cells))
    while header and not header[-1]:
        header.pop()
    return Table(sheet, header_row, header, body)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.replace("\u00a0", " ").split()) if "\n" not in value else value.strip()
    return value
