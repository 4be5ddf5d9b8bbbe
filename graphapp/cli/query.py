"""``graphapp query``: read-only Cypher on Neo4j, saved, from a file or as text."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from graphapp.cli.output import print_table
from graphapp.config import Settings, load_settings
from graphapp.cypher_guard import check_cypher
from graphapp.cypher_library import SavedQuery, check_declared, coerce_parameter, parse_saved_query, saved_query
from graphapp.store import opened
from graphapp.store.protocol import PlanStep

__all__ = ["query"]


@click.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter, typed as the query's header declares it (// @param code: string: 2062 is the "
    "text '2062'); an undeclared one is read as JSON when it parses, else as text. Repeatable.",
)
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=None, help="Seconds (default from settings).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=1000, show_default=True, help="Row cap.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
def query(query: str, params: tuple[str, ...], timeout: float | None, limit: int, as_json: bool) -> None:
    """Run read-only Cypher on Neo4j: a saved query's name from cypher/, a .cypher file, or Cypher text.

    EXPLAIN and PROFILE print the plan as a tree (with rows and db hits for PROFILE) after the rows.
    """
    settings = load_settings()
    source, saved = _query_source(settings, query)
    text = source.text
    parameters = _parameters(source, params)
    check_declared(source.parameters, parameters, exact=saved)
    check_cypher(text, parameters)
    if settings.store_name == "memory":
        raise click.ClickException(
            "Cypher needs Neo4j; the embedded store does not emulate it. "
            "Set NEO4J_URI and NEO4J_PASSWORD (see docs/operators.md: Configuration), then run this again."
        )
    with opened(settings) as store:
        result = store.run_cypher(text, parameters, timeout or settings.query_timeout, limit)
    if as_json:
        answer = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}
        if result.plan is not None:
            answer["plan"] = asdict(result.plan)
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    if result.columns and (result.rows or result.plan is None):
        print_table(result.columns, [[_cell(v) for v in row] for row in result.rows])
    if result.plan is not None:
        click.echo("\n".join(_plan_lines(result.plan)))
    click.echo(f"\n{len(result.rows)} row(s){' (truncated)' if result.truncated else ''}", err=True)


def _query_source(settings: Settings, query: str) -> tuple[SavedQuery, bool]:
    """The query (its header parsed) and whether it is a saved one, whose parameters must all be given."""
    path = Path(query)
    if query.endswith(".cypher") and path.is_file():
        return parse_saved_query(path.stem, path.read_text(encoding="utf-8"), str(path)), False
    if query.replace("-", "").replace("_", "").isalnum() and (settings.cypher_dir / f"{query}.cypher").is_file():
        return saved_query(settings.cypher_dir, query), True
    return parse_saved_query("", query, "the query text"), False


def _parameters(source: SavedQuery, params: tuple[str, ...]) -> dict[str, Any]:
    """``KEY=VALUE`` options typed by the query's declarations; undeclared ones as JSON, else text."""
    declared = {p.name: p for p in source.parameters}
    typed: dict[str, Any] = {}
    for raw in params:
        key, sep, value = raw.partition("=")
        if not sep or not key.isidentifier():
            raise click.BadParameter(f"{raw!r}: expected KEY=VALUE", param_hint="--param")
        typed[key] = coerce_parameter(declared[key], value) if key in declared else _undeclared(key, value)
    return typed


def _undeclared(key: str, value: str) -> Any:
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        return value
    if not isinstance(parsed, str):
        what = "the number" if isinstance(parsed, int | float) and not isinstance(parsed, bool) else "JSON"
        click.echo(
            f"note: parameter {key} is not declared, so it was read as {what} {value}; "
            f"for text write -p '{key}=\"{value}\"' or declare it: // @param {key}: string",
            err=True,
        )
    return parsed


def _plan_lines(step: PlanStep, depth: int = 0) -> list[str]:
    """The plan as an indented tree: operator, details, estimated rows, and rows and db hits when profiled."""
    counts = f"est. {step.estimated_rows:g} rows" if step.estimated_rows is not None else ""
    if step.rows is not None:
        counts = f"{step.rows} rows, {step.db_hits or 0} db hits; " + counts
    line = "  " * depth + ("└ " if depth else "") + step.operator
    line += f"  {step.details}" if step.details else ""
    lines = [f"{line}  ({counts})" if counts else line]
    for child in step.children:
        lines += _plan_lines(child, depth + 1)
    return lines


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
