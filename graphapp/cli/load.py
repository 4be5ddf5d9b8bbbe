"""``graphapp load``: validate the seed network and the user's data folder and merge them into the configured store."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from graphapp.config import load_settings
from graphapp.paths import seed_dir_for
from graphapp.records import load_dataset
from graphapp.store import opened

__all__ = ["load"]


@click.command()
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Data folder to load (default: GRAPHAPP_DATA_DIR), with the seed network unless it holds its own reference/.",
)
def load(data_dir: Path | None) -> None:
    """Validate the seed network and the records of the data folder and load them into the configured store."""
    settings = load_settings()
    folder = data_dir or settings.data_dir
    seed = settings.seed_dir or seed_dir_for(folder)

    def bar(files: Iterable[Path]) -> Iterator[Path]:
        files = list(files)
        with click.progressbar(files, label="Reading records", show_pos=True, file=sys.stderr) as progress:
            yield from progress

    data = load_dataset(folder, progress=bar, seed_dir=seed)
    with opened(settings, preload=False) as store:
        click.echo(
            f"Writing {data.node_count()} nodes and {data.relationship_count()} relationships "
            f"to the {store.name} store…",
            err=True,
        )
        counts = store.load(data)
    where = folder if seed.resolve() == folder.resolve() else f"{seed} and {folder}"
    click.echo(f"Loaded {where}: {counts.nodes} nodes, {counts.relationships} relationships in the {store.name} store.")
    if settings.store_name == "memory":
        click.echo("(The embedded store lives in memory: set NEO4J_URI to load into Neo4j.)", err=True)
