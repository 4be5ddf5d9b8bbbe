"""The ``graphapp`` command group and its entry point.

On the embedded default (no ``NEO4J_URI``) every command starts with ``data/``
loaded; with ``NEO4J_URI`` set, every command talks to that Neo4j.
"""

from __future__ import annotations

import logging
import sys

import click

from graphapp.cli.extract import extract
from graphapp.cli.generate import generate
from graphapp.cli.import_ import import_
from graphapp.cli.load import load
from graphapp.cli.query import query
from graphapp.cli.render import render
from graphapp.cli.serve import serve
from graphapp.cli.stats import stats
from graphapp.errors import GraphappError

__all__ = ["COMMANDS", "cli", "main"]

#: Every subcommand, in the order ``graphapp --help`` lists them.
COMMANDS: tuple[click.Command, ...] = (serve, stats, load, query, extract, import_, render, generate)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphapp")
def cli() -> None:
    """graphapp: explore the partnership networks of Swedish integration projects."""


for _command in COMMANDS:
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: graphapp's errors (and a file that cannot be read or written) become one-line
    messages, never tracebacks."""
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
    except OSError as exc:  # a file the command reads or writes: say which and why, not a traceback
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"error: {exc.strerror or exc}{where}", err=True)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
