"""The ``graphapp`` command: one module per subcommand, gathered by :mod:`graphapp.cli.main`.

Every subcommand calls the same functions the API does and opens the configured
store with :func:`graphapp.store.opened`.
"""

from graphapp.cli.main import cli, main

__all__ = ["cli", "main"]
