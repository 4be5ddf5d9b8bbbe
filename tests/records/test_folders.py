"""The seed network and the user's data folder, read together: the seeds' reference tables and records,
then the user's own records and imports; each record's documents under its own folder."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from graphapp.errors import InvalidRecords
from graphapp.model import GraphData
from graphapp.records import load_dataset
from tests.conftest import DATA_DIR
from tests.records.test_validation import GOOD

TEXT = b"A note on a new good project.\n"
DOC = "document:" + hashlib.sha1(TEXT).hexdigest()


def _imported(folder: Path, record: str = GOOD, batch: str = "sheet-1") -> Path:
    (folder / "imports" / batch).mkdir(parents=True)
    path = folder / "imports" / batch / "good.yaml"
    path.write_text(record, encoding="utf-8")
    return path


def test_a_data_folder_not_made_yet_adds_nothing_to_the_seeds(tmp_path: Path, dataset: GraphData) -> None:
    assert load_dataset(tmp_path / "not-yet", seed_dir=DATA_DIR) == dataset


def test_the_users_imports_and_records_come_on_top_of_the_seeds(tmp_path: Path, dataset: GraphData) -> None:
    mine = tmp_path / "mine"
    _imported(mine)
    (mine / "projects").mkdir()
    own = GOOD.replace("new-good-project", "own-project").replace("A new good project", "My own")
    (mine / "projects" / "own.yaml").write_text(own, encoding="utf-8")
    data = load_dataset(mine, seed_dir=DATA_DIR)
    assert {"project:new-good-project", "project:own-project"} <= set(data.nodes)
    assert set(dataset.nodes) < set(data.nodes)


def test_a_records_document_file_is_under_its_own_folder(tmp_path: Path) -> None:
    record = GOOD.replace("document:0123456789abcdef0123456789abcdef01234567", DOC).replace(
        "    title: A note\n", "    title: A note\n    file: documents/note.txt\n"
    )
    mine = tmp_path / "mine"
    _imported(mine, record)
    with pytest.raises(InvalidRecords, match=r"no such file under the data folder: documents/note\.txt"):
        load_dataset(mine, seed_dir=DATA_DIR)
    (mine / "documents").mkdir()
    (mine / "documents" / "note.txt").write_bytes(TEXT)
    assert DOC in load_dataset(mine, seed_dir=DATA_DIR).nodes


def test_imports_left_in_the_seed_folder_are_not_read(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA_DIR / part, seeds / part)
    _imported(seeds)
    assert "project:new-good-project" not in load_dataset(tmp_path / "mine", seed_dir=seeds).nodes
    assert "project:new-good-project" in load_dataset(seeds).nodes, "a complete data folder reads its own"


def test_a_missing_seed_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidRecords, match="no such data folder \\(set GRAPHAPP_SEED_DIR\\)"):
        load_dataset(tmp_path, seed_dir=tmp_path / "nowhere")
