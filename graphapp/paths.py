"""Where graphapp's files are: the data it ships, read only, and the user's data folder.

- **Shipped** with the package, never written: the seed network's ``data/`` (``reference/``
  tables, ``projects/`` records and their ``documents/``) and the saved Cypher library
  ``cypher/``. In a checkout (and an editable install) they sit beside the package; a wheel
  carries copies under ``graphapp/_bundled/``. The map and the page assets are package files.
- **The user's data folder** (:func:`user_data_dir`, or ``GRAPHAPP_DATA_DIR``), where the
  app writes: ``imports/`` and ``curation/`` (drafts, decisions, the journal of imports).
  A data folder that holds its own ``reference/`` tables is a complete data set (the layout
  of ``data/``), read in place of the shipped one (:func:`seed_dir_for`).
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

__all__ = ["default_cypher_dir", "default_data_dir", "seed_dir_for", "user_data_dir"]

_PACKAGE = Path(__file__).resolve().parent
#: The name of graphapp's folder among the user's application data.
APP_NAME = "graphapp"


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def default_data_dir() -> Path:
    """The data graphapp ships, read only: the reference tables, the seed records and their documents."""
    return _find("data")


def default_cypher_dir() -> Path:
    return _find("cypher")


def user_data_dir() -> Path:
    """The platform's folder for the user's data of graphapp (platformdirs; not created here):
    ``$XDG_DATA_HOME/graphapp`` or ``~/.local/share/graphapp`` on Linux,
    ``~/Library/Application Support/graphapp`` on macOS, ``%LOCALAPPDATA%\\graphapp`` on Windows."""
    return user_data_path(APP_NAME, appauthor=False)


def seed_dir_for(data_dir: Path) -> Path:
    """The folder of the network a data folder starts from: the data folder itself when it holds its
    own ``reference/`` tables (a complete data set), else the shipped data."""
    return data_dir if (data_dir / "reference").is_dir() else default_data_dir()
