"""The ``graphapp`` command. Every subcommand calls the same functions the API does.

On the embedded default (no ``NEO4J_URI``) every command starts with ``data/``
loaded; with ``NEO4J_URI`` set, every command talks to that Neo4j.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from graphapp.config import Settings, load_settings
from graphapp.cypher_guard import check_cypher
from graphapp.cypher_library import saved_query
from graphapp.errors import GraphappError
from graphapp.records import load_dataset
from graphapp.store import GraphStore, MemoryStore, open_store

__all__ = ["main"]


@contextmanager
def _store(settings: Settings) -> Iterator[GraphStore]:
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphapp")
def cli() -> None:
    """graphapp: explore the partnership networks of Swedish integration projects."""


@cli.command()
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False), help="Folder to load (default: data/).")
def load(data_dir: Path | None) -> None:
    """Validate the records of DATA_DIR and load them into the configured store."""
    settings = load_settings()
    folder = data_dir or settings.data_dir

    def bar(files: Iterable[Path]) -> Iterator[Path]:
        files = list(files)
        with click.progressbar(files, label="Reading records", show_pos=True, file=sys.stderr) as progress:
            yield from progress

    data = load_dataset(folder, progress=bar)
    store: GraphStore = MemoryStore() if settings.store_name == "memory" else open_store(settings)
    try:
        click.echo(
            f"Writing {data.node_count()} nodes and {data.relationship_count()} relationships "
            f"to the {store.name} store…",
            err=True,
        )
        counts = store.load(data)
    finally:
        store.close()
    click.echo(
        f"Loaded {folder}: {counts.nodes} nodes, {counts.relationships} relationships in the {store.name} store."
    )
    if settings.store_name == "memory":
        click.echo("(The embedded store lives in memory: set NEO4J_URI to load into Neo4j.)", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many actors to rank.")
def stats(as_json: bool, top: int) -> None:
    """Counts by label and relationship type, and the best-connected actors."""
    with _store(load_settings()) as store:
        counts = store.counts()
        ranked = store.best_connected(top)
        summary = {
            "store": store.name,
            "labels": counts.labels,
            "relationship_types": counts.relationship_types,
            "best_connected": [
                {"id": r.node.id, "name": r.node.name, "kind": r.node.kind, "projects": r.projects} for r in ranked
            ],
        }
    if counts.nodes == 0:
        click.echo(f"The {store.name} store is empty: `graphapp load` fills it with data/.", err=True)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"Store: {summary['store']}  ({counts.nodes} nodes, {counts.relationships} relationships)\n")
    _table(["label", "nodes"], list(counts.labels.items()))
    click.echo()
    _table(["relationship", "count"], list(counts.relationship_types.items()))
    click.echo()
    click.echo("Best-connected actors (projects they own, take part in or co-fund):")
    _table(["projects", "actor", "kind", "id"], [(r.projects, r.node.name, r.node.kind, r.node.id) for r in ranked])


@cli.command()
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
    check_cypher(text)
    parameters = dict(_parse_param(p) for p in params)
    if settings.store_name == "memory":
        raise click.ClickException(
            "Cypher needs Neo4j; the embedded store does not emulate it. "
            "Set NEO4J_URI and NEO4J_PASSWORD (see README: Configuration), then run this again."
        )
    with _store(settings) as store:
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
    _table(result.columns, [[_cell(v) for v in row] for row in result.rows])
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


def _table(headers: list[str], rows: list[Any]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


from graphapp.extract.command import extract  # noqa: E402

cli.add_command(extract)

from graphapp.synthetic_command import generate  # noqa: E402

cli.add_command(generate)


from graphapp.views.render_command import render  # noqa: E402 - registered after the group exists

cli.add_command(render)

from graphapp.api.serve_command import serve  # noqa: E402

cli.add_command(serve)


def main(argv: list[str] | None = None) -> None:
    """Entry point: graphapp's errors become one-line messages, never tracebacks."""
    # The driver logs each retry of an unreachable server; the failure is reported once, below.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        code = cli.main(args=argv, prog_name="graphapp", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except GraphappError as exc:
        click.echo(f"error: {exc.detail}", err=True)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
