"""The CSV tables of ``data/reference/``, read and checked: the records' reference graph
(:mod:`graphapp.records.reference`) and the extractor's gazetteer read them alike.

Cells are read as strings so leading zeros stay (``0114``, ``01``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from graphapp.errors import InvalidRecords

__all__ = ["read_table"]


def read_table(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file, refusing a missing column or an empty required cell."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidRecords([f"{path}:1: missing column(s) {', '.join(missing)}"])
            rows = list(reader)
    except OSError as exc:
        raise InvalidRecords([f"{path}: cannot read: {exc}"]) from exc
    problems = [
        f"{path}:{line}: {column}: empty"
        for line, row in enumerate(rows, start=2)
        for column in required
        if not (row.get(column) or "").strip()
    ]
    if problems:
        raise InvalidRecords(problems)
    return rows
