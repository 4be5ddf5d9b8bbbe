"""Where the project's own files are: ``data/`` and ``cypher/``.

In a checkout (and an editable install) they sit beside the package; a wheel
carries copies under ``graphapp/_bundled/``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["default_cypher_dir", "default_data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def default_data_dir() -> Path:
    return _find("data")


def default_cypher_dir() -> Path:
    return _find("cypher")
