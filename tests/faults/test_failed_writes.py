"""Writes that cannot be made, and what interrupted writes leave: a clear error, nothing half-done,
a start that tidies up and says so in one line.

The disk fills up as far as a process can tell (``RLIMIT_FSIZE``, what ``ulimit -f`` sets: a
write past it fails with "File too large"), for the journal of imports or for the record files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.records import load_dataset
from graphapp.store import MemoryStore
from tests.api.conftest import API_KEY, api_settings, assert_problem
from tests.faults.harness import environment, fresh_data, project_list, run_graphapp, state_after_start


def _journal(data_dir: Path) -> bytes:
    path = data_dir / "curation" / "journal.json"
    return path.read_bytes() if path.exists() else b""


def _no_leftovers(data_dir: Path) -> None:
    assert not [p.name for p in (data_dir / "imports").glob(".*")], "a hidden staging folder was left"


@pytest.mark.timeout(600)
def test_a_journal_that_cannot_be_written_stops_the_import_with_nothing_written(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    env = environment(data_dir)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_bytes(project_list(60, seed=5))
    second.write_bytes(project_list(3, seed=6))
    assert run_graphapp("import", str(first), env=env).returncode == 0
    journal = _journal(data_dir)
    before = state_after_start(data_dir)
    limit = len(journal) // 2  # the record files (1-2 kB) fit; the journal, which grows, does not
    assert limit > 8_000
    done = run_graphapp("import", str(second), env=env, limit_file_bytes=limit)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "journal of imports" in done.stderr and "could not be written" in done.stderr, done.stderr
    assert _journal(data_dir) == journal
    assert state_after_start(data_dir) == before  # nothing of the second import is there
    _no_leftovers(data_dir)
    assert len(list((data_dir / "imports").iterdir())) == 1


@pytest.mark.timeout(600)
def test_record_files_that_cannot_be_written_stop_the_import_with_nothing_written(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    sheet = tmp_path / "long.csv"
    long = "Nyanlända får språkstöd och praktik i samverkan med kommunen. " * 600  # a record file of 36 kB
    sheet.write_text(f"Projektnamn;Projektägare;Beskrivning\r\nLångt projekt;Växjö kommun;{long}\r\n", encoding="utf-8")
    before = state_after_start(data_dir)
    done = run_graphapp("import", str(sheet), env=environment(data_dir), limit_file_bytes=16_000)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "record files" in done.stderr and "could not be written (File too large)" in done.stderr, done.stderr
    assert state_after_start(data_dir) == before
    _no_leftovers(data_dir)
    assert not list((data_dir / "imports").iterdir())
    entries = json.loads(_journal(data_dir) or b"[]")
    assert entries == []  # the entry written first went with the write


@pytest.mark.timeout(300)
def test_a_start_tidies_up_what_an_interrupted_import_left_and_says_so_once(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    projects = sum(1 for n in load_dataset(data_dir).nodes.values() if n.label.value == "Project")
    staging = data_dir / "imports" / ".projects-1a2b3c4d-x1y2z3"
    staging.mkdir(parents=True)
    (staging / "one.yaml").write_text("project:\n  id: project:one\n  na", encoding="utf-8")  # cut off mid-file
    receipt = {"batch": "projects-1a2b3c4d", "store": "memory", "when": "2026-01-01T00:00:00+00:00"}
    entry = {"receipt": {**receipt, "folder": "imports/projects-1a2b3c4d"}, "draft": None}  # never in place
    (data_dir / "curation").mkdir()
    (data_dir / "curation" / "journal.json").write_text(json.dumps([entry]), encoding="utf-8")
    done = run_graphapp("stats", "--json", env=environment(data_dir))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "recovered from an interrupted import" in lines[0], done.stderr
    assert json.loads(done.stdout)["labels"]["Project"] == projects
    assert not staging.exists()
    assert json.loads(_journal(data_dir)) == []
    again = run_graphapp("stats", env=environment(data_dir))
    assert again.returncode == 0 and not again.stderr.strip()  # nothing left to say


def _record(file: str) -> dict[str, object]:
    doc = "document:" + "ab" * 20
    return {
        "project": {"id": "project:file-test", "name": "Filtest"},
        "documents": [{"id": doc, "title": "Ett dokument", "file": file}],
        "relationships": [{"type": "OWNS", "start": "municipality:0780", "end": "project:file-test", "sources": [doc]}],
    }


@pytest.mark.parametrize("file", ["../../../../etc/passwd", "/etc/passwd", "documents/missing.txt", "projects"])
def test_the_records_api_refuses_a_document_file_that_would_stop_the_next_start(data_copy: Path, file: str) -> None:
    store = MemoryStore()
    store.load(load_dataset(data_copy))
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url="https://testserver") as client:
        answer = client.post("/api/records", json=_record(file), headers={"X-API-Key": API_KEY})
        body = assert_problem(answer, 422)
    assert "documents[0].file" in body["detail"]
    assert not (data_copy / "imports").exists() or not list((data_copy / "imports").iterdir())
    load_dataset(data_copy)  # the next start is not stopped


def test_the_records_api_refuses_a_document_file_that_is_not_the_documents_text(data_copy: Path) -> None:
    some = sorted((data_copy / "documents").iterdir())[0]
    store = MemoryStore()
    store.load(load_dataset(data_copy))
    record = _record(f"documents/{some.name}")
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url="https://testserver") as client:
        body = assert_problem(client.post("/api/records", json=record, headers={"X-API-Key": API_KEY}), 422)
    assert "its sha1 differs" in body["detail"]
    load_dataset(data_copy)
