"""What every sheet reader shares: the import's context, columns, one row's provenance.

Each row of a spreadsheet is a source of its own: a ``Document`` whose id is the sha1
of the file's sha1, the sheet's name and the row's number (the same file imported twice
gives the same ids), titled ``<file> - <sheet>, row <n>`` (an en dash), with ``sheet`` and ``row``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from graphapp.extract.privacy import scrub
from graphapp.notes import note
from graphapp.records.proposal import Problem, Proposal
from graphapp.sheets.cells import text_of
from graphapp.sheets.columns import ColumnField, column_field
from graphapp.sheets.names import Resolver
from graphapp.sheets.tables import Table

__all__ = ["Column", "ImportContext", "RowReader", "columns_of", "row_document"]

_FORMATS = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
}


@dataclass(frozen=True, slots=True)
class ImportContext:
    """One file being imported."""

    file: str  #: the file's name as the report and the sources show it
    sha1: str  #: of the file's bytes
    suffix: str
    resolver: Resolver
    mapping: dict[str, ColumnField] = field(default_factory=dict)

    @property
    def format(self) -> str:
        return _FORMATS.get(self.suffix, "application/octet-stream")


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    field: ColumnField


def columns_of(table: Table, known: dict[str, ColumnField], ctx: ImportContext, proposal: Proposal) -> list[Column]:
    """The readable columns of ``table``; unknown ones become problems of the header row, and the
    filled cells of personal-data columns are counted as dropped."""
    columns = []
    for index, header in enumerate(table.header):
        if not header.strip():
            if any(index < len(cells) and text_of(cells[index]) for _, cells in table.rows):
                proposal.problems.append(_header_problem(ctx, table, f"column {index + 1}", "filled cells, no header"))
            continue
        found = column_field(header, known, ctx.mapping)
        if found is None:
            proposal.problems.append(
                _header_problem(
                    ctx,
                    table,
                    header,
                    f"unknown column {header!r}: map it to a field (graphapp import --column "
                    f"'{header}=FIELD', or '{header}=skip'); it is not read",
                )
            )
        elif found == "personal":
            proposal.personal_data_dropped += sum(
                1 for _, cells in table.rows if index < len(cells) and text_of(cells[index])
            )
        elif found != "skip":
            columns.append(Column(index, header, found))
    return columns


def _header_problem(ctx: ImportContext, table: Table, column: str, message: str) -> Problem:
    return Problem(file=ctx.file, sheet=table.sheet, row=table.header_row, column=column, message=message)


def row_document(ctx: ImportContext, sheet: str | None, row: int) -> tuple[str, dict[str, Any]]:
    """The id and record fields of the Document that one row is."""
    digest = hashlib.sha1(f"{ctx.sha1}\n{sheet or ''}\n{row}".encode()).hexdigest()
    title = f"{ctx.file} – {sheet}, row {row}" if sheet else f"{ctx.file}, row {row}"  # noqa: RUF001 - a real dash
    fields: dict[str, Any] = {"title": title, "format": ctx.format, "row": row}
    if sheet:
        fields["sheet"] = sheet
    return f"document:{digest}", fields


class RowReader:
    """One row's cells by field, and the problems found in them."""

    def __init__(self, ctx: ImportContext, table: Table, number: int, cells: list[Any], columns: list[Column]) -> None:
        self.ctx = ctx
        self.sheet = table.sheet
        self.number = number
        self.problems: list[Problem] = []
        self._cells = {c.field: (c, cells[c.index] if c.index < len(cells) else None) for c in columns}

    @property
    def where(self) -> str:
        return note(f"{self.sheet} row {self.number}") if self.sheet else note(f"row {self.number}")

    def value(self, name: ColumnField) -> Any:
        """The cell of the column mapped to ``name`` (None when there is none or it is empty)."""
        found = self._cells.get(name)
        if found is None or text_of(found[1]) == "":
            return None
        return found[1]

    def header(self, name: ColumnField) -> str:
        found = self._cells.get(name)
        return found[0].header if found else name

    def evidence(self, name: ColumnField) -> str:
        """Where a fact comes from, and the cell, with any person's details in it replaced."""
        return f"{self.where}, {self.header(name)}: {scrub(text_of(self.value(name))).text}"

    def has_problem(self, *names: ColumnField) -> bool:
        headers = {self.header(n) for n in names if n in self._cells}
        return any(p.column in headers for p in self.problems)

    def problem(self, name: ColumnField | None, message: str) -> None:
        column = self.header(name) if name else None
        self.problems.append(
            Problem(file=self.ctx.file, sheet=self.sheet, row=self.number, column=column, message=message)
        )
