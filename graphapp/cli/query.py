"""``graphapp query``: read-only Cypher on Neo4j, saved, from a file or as text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graphapp.cli.output import print_table
from graphapp.config import Settings, load_settings
from graphapp.cypher_guard import check_cypher
from graphapp.cypher_library import saved_query
from graphapp.store import opened

__all__ = ["query"]


@click.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter; VALUE is read as JSON when it parses, else as text. Repeatable.",
)
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=None, help="Seconds (default from settings).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=1000, show_default=True, help="Row cap.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def query(query: str, params: tuple[str, ...], timeout: float | None, limit: int, as_json: bool) -> None:
    """Run read-only Cypher on Neo4j: a saved query's name from cypher/, a .cypher file, or Cypher text."""
    settings = load_settings()
    text = _query_text(settings, query)
    parameters = dict(_parse_param(p) for p in params)
    check_cypher(text, parameters)
    if settings.store_name == "memory":
        raise click.ClickException(
            "Cypher needs Neo4j; the embedded store does not emulate it. "
            "Set NEO4J_URI and NEO4J_PASSWORD (see README: Configuration), then run this again."
        )
    with opened(settings) as store:
        result = store.run_cypher(text, parameters, timeout or settings.query_timeout, limit)
    if as_json:
        click.echo(
            json.dumps(
                {"columns": result.columns, "rows": result.rows, "truncated": result.truncated},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    print_table(result.columns, [[_cell(v) for v in row] for row in result.rows])
    click.echo(f"\n{len(result.rows)} row(s){' (truncated)' if result.truncated else ''}", err=True)


def _query_text(settings: Settings, query: str) -> str:
    path = Path(query)
    if query.endswith(".cypher") and path.is_file():
        return path.read_text(encoding="utf-8")
    if query.replace("-", "").replace("_", "").isalnum() and (settings.cypher_dir / f"{query}.cypher").is_file():
        return saved_query(settings.cypher_dir, query).text
    return query


def _parse_param(raw: str) -> tuple[str, Any]:
    key, sep, value = raw.partition("=")
    if not sep or not key.isidentifier():
        raise click.BadParameter(f"{raw!r}: expected KEY=VALUE", param_hint="--param")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
