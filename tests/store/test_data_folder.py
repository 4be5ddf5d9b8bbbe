"""The embedded store follows its data folder: what another process imports or takes back is seen."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from graphapp.config import Settings
from graphapp.errors import NotFound
from graphapp.store import DataFolderStore, open_store

RECORD = """\
project: {id: project:seen-from-outside, name: Seen from outside}
documents:
  - {id: &doc document:0123456789abcdef0123456789abcdef01234567, title: A note}
relationships:
  - {type: OWNS, start: municipality:0780, end: project:seen-from-outside, sources: [*doc]}
"""


def write_import(data_dir: Path, text: str = RECORD) -> Path:
    """An import as another process writes it: a folder of record files under imports/."""
    folder = data_dir / "imports" / "outside-0123abcd"
    folder.mkdir(parents=True)
    (folder / "seen-from-outside.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_embedded_store_opens_over_its_data_folder(data_copy: Path) -> None:
    store = open_store(Settings(_env_file=None, data_dir=data_copy))  # type: ignore[call-arg]
    assert isinstance(store, DataFolderStore) and store.data_dir == data_copy


def test_an_import_by_another_process_is_loaded_and_its_undo_taken_back(data_copy: Path) -> None:
    store = DataFolderStore(data_copy)
    before = store.version()
    assert store.version() == before  # nothing changed: nothing loaded again
    folder = write_import(data_copy)
    after = store.version()
    assert after != before
    assert store.get_node("project:seen-from-outside").name == "Seen from outside"
    shutil.rmtree(folder)  # `graphapp import --undo` from the command line
    assert store.version() != after
    with pytest.raises(NotFound):
        store.get_node("project:seen-from-outside")


def test_a_folder_that_does_not_load_leaves_the_graph_as_it_was(
    data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = DataFolderStore(data_copy)
    before, counts = store.version(), store.counts()
    folder = write_import(data_copy, RECORD.replace("municipality:0780", "municipality:9999"))
    with caplog.at_level(logging.ERROR, logger="graphapp.store.data_folder"):
        assert store.version() == before
    assert store.counts() == counts
    assert "does not load" in caplog.text and "municipality:9999" in caplog.text
    (folder / "seen-from-outside.yaml").write_text(RECORD, encoding="utf-8")  # mended
    assert store.version() != before
    assert store.get_node("project:seen-from-outside")
