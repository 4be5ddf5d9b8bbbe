"""What the commands print: plain aligned tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

__all__ = ["print_table"]


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """``rows`` under ``headers``, each column as wide as its widest cell."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
