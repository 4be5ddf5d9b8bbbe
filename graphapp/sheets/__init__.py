"""Spreadsheets in: project lists and Kumu's Elements and Connections, as proposals for review.

``read_spreadsheets(files, resolver)`` reads ``.xlsx`` and ``.csv`` files
(:mod:`~graphapp.sheets.tables`), recognises their columns
(:mod:`~graphapp.sheets.columns`), resolves names through the extraction's gazetteer
(:mod:`~graphapp.sheets.names`) and returns one
:class:`~graphapp.records.proposal.Proposal` per project list, and one for the
Elements and Connections sheets of a workbook, or of the CSV files given together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from graphapp.records.proposal import Problem, Proposal
from graphapp.sheets.columns import ColumnField, normalise_header, parse_mapping
from graphapp.sheets.kumu import is_connections, is_elements, read_kumu
from graphapp.sheets.names import Resolver
from graphapp.sheets.project_list import read_project_list
from graphapp.sheets.rows import ImportContext
from graphapp.sheets.tables import MAX_BYTES, SPREADSHEET_SUFFIXES, Table, UnreadableSpreadsheet, read_tables

__all__ = [
    "MAX_BYTES",
    "SPREADSHEET_SUFFIXES",
    "ColumnField",
    "Resolver",
    "UnreadableSpreadsheet",
    "normalise_header",
    "parse_mapping",
    "read_spreadsheets",
]


def read_spreadsheets(
    files: Sequence[tuple[str, bytes]], resolver: Resolver, mapping: Mapping[str, ColumnField] | None = None
) -> list[Proposal]:
    """Proposals from ``files`` (``(name, bytes)``); a file that cannot be read is a proposal
    holding only that problem, so the other files are still read."""
    proposals: list[Proposal] = []
    kumu_csv: list[tuple[ImportContext, Table]] = []
    for name, raw in files:
        suffix = PurePath(name).suffix.lower()
        ctx = ImportContext(name, hashlib.sha1(raw).hexdigest(), suffix, resolver, dict(mapping or {}))
        try:
            tables = read_tables(name, raw)
        except UnreadableSpreadsheet as exc:
            proposals.append(
                Proposal(source=name, kind="spreadsheet", problems=[Problem(file=name, message=_detail(exc, name))])
            )
            continue
        kumu = [t for t in tables if is_elements(t) or is_connections(t)]
        lists = [t for t in tables if t not in kumu and t.rows]
        if lists:
            proposal = Proposal(source=name, kind="spreadsheet")
            for table in lists:
                read_project_list(table, ctx, proposal)
            proposals.append(proposal)
        if kumu and suffix == ".csv":
            kumu_csv += [(ctx, t) for t in kumu]
        elif kumu:
            proposals.append(_kumu(name, [(ctx, t) for t in kumu]))
    if kumu_csv:
        proposals.append(_kumu(" + ".join(ctx.file for ctx, _ in kumu_csv), kumu_csv))
    return proposals


def _kumu(source: str, tables: list[tuple[ImportContext, Table]]) -> Proposal:
    proposal = Proposal(source=source, kind="spreadsheet")
    elements = [(c, t) for c, t in tables if is_elements(t)]
    connections = [(c, t) for c, t in tables if is_connections(t)]
    read_kumu(elements, connections, proposal)
    return proposal


def _detail(exc: UnreadableSpreadsheet, name: str) -> str:
    return exc.detail.removeprefix(f"{name}: ")
