"""``graphapp stats``: counts by label and relationship type, and the best-connected actors."""

from __future__ import annotations

import json

import click

from graphapp.cli.output import print_table
from graphapp.config import load_settings
from graphapp.store import opened

__all__ = ["stats"]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many actors to rank.")
def stats(as_json: bool, top: int) -> None:
    """Counts by label and relationship type, and the best-connected actors."""
    with opened(load_settings()) as store:
        counts = store.counts()
        ranked = store.best_connected(top)
    if counts.nodes == 0:
        click.echo(f"The {store.name} store is empty: `graphapp load` fills it with data/.", err=True)
    if as_json:
        summary = {
            "store": store.name,
            "labels": counts.labels,
            "relationship_types": counts.relationship_types,
            "best_connected": [
                {"id": r.node.id, "name": r.node.name, "kind": r.node.kind, "projects": r.projects} for r in ranked
            ],
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    click.echo(f"Store: {store.name}  ({counts.nodes} nodes, {counts.relationships} relationships)\n")
    print_table(["label", "nodes"], list(counts.labels.items()))
    click.echo()
    print_table(["relationship", "count"], list(counts.relationship_types.items()))
    click.echo()
    click.echo("Best-connected actors (projects they own, take part in or co-fund):")
    print_table(
        ["projects", "actor", "kind", "id"], [(r.projects, r.node.name, r.node.kind, r.node.id) for r in ranked]
    )
