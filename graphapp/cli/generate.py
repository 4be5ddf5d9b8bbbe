"""``graphapp generate``: a synthetic network, counted, written as JSON or loaded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from graphapp.analysis.graphs import graph_from_data
from graphapp.config import Settings, load_settings
from graphapp.exports import node_link_json
from graphapp.model import GraphData
from graphapp.store import opened
from graphapp.synthetic import generate as generate_data

__all__ = ["generate"]


@click.command()
@click.option(
    "--projects",
    default=1000,
    show_default=True,
    type=click.IntRange(0, 1_000_000),
    help="How many projects to invent.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="The same seed gives the same network.")
@click.option("--load", "load_it", is_flag=True, help="Load the network into the configured store.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    help="Write the network as node-link JSON to this file.",
)
def generate(projects: int, seed: int, load_it: bool, out: Path | None) -> None:
    """Generate a reproducible synthetic network on the real municipalities and counties."""
    settings = load_settings()
    data = generate_data(projects, seed, settings.reference_dir)
    _print_counts(data, projects, seed)
    if out is not None:
        with out.open("w", encoding="utf-8") as handle:
            json.dump(node_link_json(graph_from_data(data)), handle, ensure_ascii=False)
        click.echo(f"Wrote node-link JSON to {out}.")
    if load_it:
        _load(settings, data)


def _print_counts(data: GraphData, projects: int, seed: int) -> None:
    click.echo(
        f"Generated {data.node_count()} nodes and {data.relationship_count()} relationships "
        f"({projects} projects, seed {seed})."
    )
    labels = Counter(node.label.value for node in data.nodes.values())
    types = Counter(rel.type.value for rel in data.relationships.values())
    for name, count in [*sorted(labels.items()), *sorted(types.items())]:
        click.echo(f"  {name:<20} {count:>8}")


def _load(settings: Settings, data: GraphData) -> None:
    if settings.store_name == "memory":
        click.echo(
            "The embedded store lives in this process, so there is nothing to load into: "
            "set NEO4J_URI to load into Neo4j, or use --out to keep the network.",
            err=True,
        )
        return
    with opened(settings) as store:
        counts = store.load(data)
    click.echo(f"Loaded into the {store.name} store: {counts.nodes} nodes, {counts.relationships} relationships.")
