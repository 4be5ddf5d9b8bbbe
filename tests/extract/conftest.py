"""Fixtures of the extraction tests: the gazetteer, and the seeds (skipped cleanly when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphapp.extract import Gazetteer, load_gazetteer
from tests.conftest import DATA_DIR, SEEDS_DIR

DOCUMENTS = Path(__file__).parent / "documents"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(DATA_DIR / "reference")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS_DIR}; they live in ../shared/seeds beside the checkout")
    return SEEDS_DIR
