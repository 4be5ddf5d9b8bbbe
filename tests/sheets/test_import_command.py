"""`graphapp import`, run as a user runs it, on the embedded store (record files) and on Neo4j."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from graphapp.config import Settings
from graphapp.store import GraphStore
from tests.sheets.builders import KUMU_CONNECTIONS, KUMU_ELEMENTS, csv_bytes, project_list, workbook
from tests.test_cli import graphapp, neo4j_env
from tests.views.conftest import free_port


def embedded(data_dir: Path) -> dict[str, str]:
    return {"GRAPHAPP_DATA_DIR": str(data_dir)}


def stats(env: dict[str, str]) -> dict[str, object]:
    done = graphapp("stats", "--json", env=env)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def imported_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "imports").glob("*/*.yaml"))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_project_list_is_kept_as_record_files_that_load_after_a_restart(
    data_copy: Path, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"region.{kind}"
    path.write_bytes(workbook({"Projekt": project_list()}) if kind == "xlsx" else csv_bytes(project_list()))
    before = stats(embedded(data_copy))
    done = graphapp("import", str(path), env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    assert "2 project(s)" in done.stdout and "5 personal-data cell(s) dropped" in done.stdout
    files = imported_files(data_copy)
    assert [f.name for f in files] == ["jobbsparet.yaml", "sprakbron-kronoberg.yaml"]
    record = yaml.safe_load(files[1].read_text(encoding="utf-8"))
    assert {d["row"] for d in record["documents"]} >= {2}  # (row 3 too: its PART_OF is also row 3's)
    assert record["project"]["name"] == "Språkbron Kronoberg"
    for personal in ("Anna Svensson", "0470", "anna.svensson@example.se"):
        assert personal not in files[1].read_text(encoding="utf-8")
    after = stats(embedded(data_copy))  # a new process: what the embedded store loads at start
    assert after["labels"]["Project"] == before["labels"]["Project"] + 2  # type: ignore[index]
    assert graphapp("load", env=embedded(data_copy)).returncode == 0  # `graphapp load` validates them too


def test_importing_the_same_file_twice_changes_nothing(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": project_list()}))
    assert graphapp("import", str(path), env=embedded(data_copy)).returncode == 0
    texts = [f.read_text(encoding="utf-8") for f in imported_files(data_copy)]
    again = graphapp("import", str(path), env=embedded(data_copy))
    assert again.returncode == 0, again.stderr
    assert "nothing changed" in again.stdout
    assert [f.read_text(encoding="utf-8") for f in imported_files(data_copy)] == texts


def test_kumu_sheets_import_into_the_graph(data_copy: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "karta.xlsx"
    xlsx.write_bytes(workbook({"Elements": KUMU_ELEMENTS, "Connections": KUMU_CONNECTIONS}))
    done = graphapp("import", str(xlsx), env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    names = {f.name for f in imported_files(data_copy)}
    assert names == {"nyanlandas-vag-in.yaml", "connecting-people.yaml"}
    counts = stats(embedded(data_copy))
    assert counts["labels"]["Project"] == 14  # type: ignore[index]  # 13 curated + 1


def test_kumu_csv_pair_imports_like_the_workbook(data_copy: Path, tmp_path: Path) -> None:
    elements, connections = tmp_path / "elements.csv", tmp_path / "connections.csv"
    elements.write_bytes(csv_bytes(KUMU_ELEMENTS, ","))
    connections.write_bytes(csv_bytes(KUMU_CONNECTIONS, ","))
    done = graphapp("import", str(elements), str(connections), env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    assert "elements.csv + connections.csv" in done.stdout
    record = yaml.safe_load((imported_files(data_copy)[-1]).read_text(encoding="utf-8"))
    assert {r["type"] for r in record["relationships"]} == {"OWNS", "CO_FUNDS", "FUNDS", "PARTICIPATES_IN", "BUILDS_ON"}


def test_bad_cells_are_reported_per_cell_and_nothing_is_written(data_copy: Path, tmp_path: Path) -> None:
    rows = project_list()
    rows[1][9] = "snart"
    rows[2][8] = "mycket"
    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": rows}))
    done = graphapp("import", str(path), env=embedded(data_copy))
    assert done.returncode == 1
    assert "region.xlsx:Projekt:2:Startdatum: 'snart' is not a date (expected YYYY-MM-DD, YYYY-MM" in done.stderr
    assert "region.xlsx:Projekt:3:Total projektbudget: 'mycket' is not an amount of kronor" in done.stderr
    assert "Nothing was written: 2 problem(s)" in done.stderr
    assert not (data_copy / "imports").exists()
    skipped = graphapp("import", "--skip-invalid", str(path), env=embedded(data_copy))
    assert skipped.returncode == 0, skipped.stderr
    assert imported_files(data_copy) == []  # both rows were invalid: nothing to write
    assert "region.xlsx: nothing to write (no valid row)" in skipped.stderr


def test_skip_invalid_imports_the_valid_rows(data_copy: Path, tmp_path: Path) -> None:
    rows = project_list()
    rows[2][9] = "2019-13-01"
    path = tmp_path / "region.csv"
    path.write_bytes(csv_bytes(rows))
    assert graphapp("import", str(path), env=embedded(data_copy)).returncode == 1
    done = graphapp("import", "--skip-invalid", str(path), env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    assert [f.name for f in imported_files(data_copy)] == ["sprakbron-kronoberg.yaml"]


def test_undo_takes_back_the_last_import(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": project_list()}))
    before = stats(embedded(data_copy))
    assert graphapp("import", str(path), env=embedded(data_copy)).returncode == 0
    done = graphapp("import", "--undo", env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    assert imported_files(data_copy) == []
    assert stats(embedded(data_copy)) == before
    nothing = graphapp("import", "--undo", env=embedded(data_copy))
    assert nothing.returncode == 1 and "nothing to undo" in nothing.stderr


def test_a_read_only_data_folder_refuses_with_the_reason(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": project_list()}))
    (data_copy / "imports").write_text("a file where the folder should be", encoding="utf-8")
    done = graphapp("import", str(path), env=embedded(data_copy))
    assert done.returncode == 1
    assert "cannot be written" in done.stderr and "GRAPHAPP_DATA_DIR" in done.stderr


def test_an_unknown_kind_of_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG")
    done = graphapp("import", str(path))
    assert done.returncode == 1 and "not a file graphapp reads" in done.stderr


@pytest.mark.neo4j
def test_import_into_neo4j_merges_once_and_undoes(
    neo4j_settings: Settings, _neo4j_store: GraphStore, data_copy: Path, tmp_path: Path
) -> None:
    env = {**neo4j_env(neo4j_settings), **embedded(data_copy)}
    _neo4j_store.clear()
    assert graphapp("load", env=env).returncode == 0
    before = _neo4j_store.counts()
    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": project_list()}))
    done = graphapp("import", str(path), env=env)
    assert done.returncode == 0, done.stderr
    assert "merged 2 project(s)" in done.stdout
    assert not (data_copy / "imports").exists()  # Neo4j keeps it; no files
    once = _neo4j_store.counts()
    assert once.labels["Project"] == before.labels["Project"] + 2
    assert graphapp("import", str(path), env=env).returncode == 0
    assert _neo4j_store.counts() == once  # idempotent
    owns = _neo4j_store.find_relationships([("municipality:0780", "OWNS", "project:sprakbron-kronoberg")])
    (source,) = owns[0].sources
    assert _neo4j_store.get_node(source).properties["row"] == 2
    assert graphapp("import", "--undo", env=env).returncode == 0
    assert _neo4j_store.counts() == before


def test_a_running_server_sees_an_import_from_the_command_line_and_its_undo(data_copy: Path, tmp_path: Path) -> None:
    """`graphapp serve` on the embedded store, and beside it `graphapp import` and `--undo` in other processes."""
    sheet = tmp_path / "kumu.xlsx"
    sheet.write_bytes(workbook({"Elements": KUMU_ELEMENTS, "Connections": KUMU_CONNECTIONS}))
    project = "/api/nodes/project:nyanlandas-vag-in"
    with serving_subprocess(embedded(data_copy)) as base:
        assert status_of(base + project) == 404
        done = graphapp("import", str(sheet), env=embedded(data_copy))
        assert done.returncode == 0, done.stderr
        assert eventually(lambda: status_of(base + project) == 200), "the server never saw the import"
        undone = graphapp("import", "--undo", env=embedded(data_copy))
        assert undone.returncode == 0, undone.stderr
        assert eventually(lambda: status_of(base + project) == 404), "the server never saw the undo"


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except urllib.error.URLError:
        return 0  # not listening (yet)


def eventually(check: Callable[[], bool], seconds: float = 30) -> bool:
    """Whether ``check`` comes true within ``seconds`` (a running app looks for changes every few seconds)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True


@contextlib.contextmanager
def serving_subprocess(env: dict[str, str]) -> Iterator[str]:
    """`graphapp serve` in a process of its own, on a free port, until the block ends."""
    port = free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    command = [sys.executable, "-c", "from graphapp.cli import main; main()", "serve", "--port", str(port)]
    with subprocess.Popen(command, env={**base, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            url = f"http://127.0.0.1:{port}"
            assert eventually(lambda: server.poll() is None and status_of(url + "/health/ready") == 200, 60)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_the_command_line_and_the_curators_page_count_a_file_alike(data_copy: Path, tmp_path: Path) -> None:
    """One file, read by `graphapp import` and uploaded on the page: the same relationships proposed and written."""
    import re

    from fastapi.testclient import TestClient

    from graphapp.api import create_app
    from graphapp.records import load_dataset
    from graphapp.store import MemoryStore
    from tests.api.conftest import KEY, ORIGIN, api_settings

    path = tmp_path / "region.xlsx"
    path.write_bytes(workbook({"Projekt": project_list()}))
    page_data = tmp_path / "page-data"
    shutil.copytree(data_copy, page_data)
    store = MemoryStore()
    store.load(load_dataset(page_data))
    with TestClient(create_app(api_settings(data_dir=page_data), store=store), base_url=ORIGIN) as page:
        draft = page.post("/api/curation/drafts", params={"name": path.name}, content=path.read_bytes(), headers=KEY)
        proposed = draft.json()["drafts"][0]["relationships"]
        written = page.post(f"/api/curation/drafts/{draft.json()['drafts'][0]['id']}/accept", json={}, headers=KEY)
        receipt = written.json()["receipt"]
    done = graphapp("import", str(path), env=embedded(data_copy))
    assert done.returncode == 0, done.stderr
    reported = re.search(r"(\d+) relationship\(s\)", done.stdout)
    wrote = re.search(r"(\d+) new nodes, (\d+) relationships\)", done.stdout)
    assert reported is not None and wrote is not None, done.stdout
    assert int(reported[1]) == proposed == receipt["relationships"] == int(wrote[2])
    assert int(wrote[1]) == len(receipt["nodes"])
