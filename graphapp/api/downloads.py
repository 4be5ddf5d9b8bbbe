"""A table download as an HTTP response: the file of :func:`graphapp.table_files.table_file`, as an attachment."""

from __future__ import annotations

import re
from collections.abc import Sequence

from fastapi.responses import Response

from graphapp.table_files import MEDIA_TYPES, Table, TableFormat, table_file

__all__ = ["table_response"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def table_response(tables: Sequence[Table], format: TableFormat, lang: str, name: str) -> Response:
    """``tables`` as ``name.csv`` (one table, in ``lang``'s dialect) or ``name.xlsx`` (a sheet each)."""
    stem = _UNSAFE.sub("-", name).strip("-.") or "graphapp"
    headers = {
        "Content-Disposition": f'attachment; filename="{stem}.{format}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(table_file(tables, format, lang), media_type=MEDIA_TYPES[format], headers=headers)
