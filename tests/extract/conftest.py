"""Fixtures of the extraction tests: the gazetteer and the documents behind the curated records."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapp.extract import Gazetteer, load_gazetteer
from tests.conftest import DATA_DIR

DOCUMENTS = Path(__file__).parent / "documents"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(DATA_DIR / "reference")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed documents behind the curated records, carried in ``data/documents/``."""
    return DATA_DIR / "documents"
