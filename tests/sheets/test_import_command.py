"""`graphapp import`, run as a user runs it, on the embedded store (record files) and on Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from graphapp.config import Settings
from graphapp.store import GraphStore
from tests.sheets.builders import KUMU_CONNECTIONS, KUMU_ELEMENTS, csv_bytes, project_list, workbook
from tests.test_cli import graphapp, neo4j_env


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
