"""The `graphapp` command, run as a user runs it (a subprocess), on both stores."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.store import GraphStore
from tests.conftest import DATA_DIR, ROOT


def graphapp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    return subprocess.run(
        [sys.executable, "-c", "from graphapp.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def neo4j_env(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }


def test_stats_on_the_embedded_default_shows_the_seed_network() -> None:
    done = graphapp("stats", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["store"] == "memory"
    assert stats["labels"]["Municipality"] == 290
    assert stats["labels"]["County"] == 21
    assert stats["labels"]["Project"] >= 4
    assert stats["best_connected"][0]["name"] == "Falun"
    assert len(stats["best_connected"]) == 10


def test_stats_table_names_the_best_connected_actors() -> None:
    done = graphapp("stats")
    assert done.returncode == 0, done.stderr
    assert "Best-connected actors" in done.stdout
    assert "PARTICIPATES_IN" in done.stdout


def test_query_on_the_embedded_store_says_cypher_needs_neo4j() -> None:
    done = graphapp("query", "partners-of-municipality", "--param", 'code="0780"')
    assert done.returncode == 1
    assert "Cypher needs Neo4j" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_neo4j_uri_is_named() -> None:
    done = graphapp("stats", env={"NEO4J_URI": "http://localhost:7474"})
    assert done.returncode == 1
    assert "NEO4J_URI must start with one of bolt://" in done.stderr


def test_unreachable_neo4j_is_a_clear_message() -> None:
    done = graphapp("stats", env={"NEO4J_URI": "bolt://127.0.0.1:9", "GRAPHAPP_NEO4J_TIMEOUT": "1"})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: Neo4j cannot be reached: Couldn't connect to 127.0.0.1:9 (resolved to ('127.0.0.1:9',)): "
        "Connection refused"
    ], "one line, the reason once, no retry chatter"


@pytest.mark.neo4j
def test_stats_on_an_empty_neo4j_says_load_fills_it(neo4j_settings: Settings, _neo4j_store: GraphStore) -> None:
    _neo4j_store.clear()
    done = graphapp("stats", env=neo4j_env(neo4j_settings))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == ["The neo4j store is empty: `graphapp load` fills it with data/."]
    assert "Store: neo4j  (0 nodes, 0 relationships)" in done.stdout


@pytest.mark.neo4j
def test_load_stats_and_query_on_neo4j(neo4j_settings: Settings, _neo4j_store: GraphStore) -> None:
    _neo4j_store.clear()
    env = neo4j_env(neo4j_settings)
    first = graphapp("load", env=env)
    assert first.returncode == 0, first.stderr
    again = graphapp("load", env=env)
    assert again.returncode == 0, again.stderr
    assert first.stdout == again.stdout  # idempotent: the same counts
    neo = json.loads(graphapp("stats", "--json", env=env).stdout)
    memory = json.loads(graphapp("stats", "--json").stdout)
    assert neo["store"] == "neo4j"
    assert {k: v for k, v in neo.items() if k != "store"} == {k: v for k, v in memory.items() if k != "store"}
    done = graphapp("query", "partners-of-municipality", "-p", 'code="0780"', "--json", env=env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["rows"]
    assert sorted(r[1] for r in rows) == sorted(
        ["Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Älmhult"]
    )
    file_query = graphapp("query", str(ROOT / "cypher" / "funding-by-fund.cypher"), env=env)
    assert file_query.returncode == 0 and "AMIF" in file_query.stdout


@pytest.mark.neo4j
def test_load_of_a_bad_file_names_it_and_writes_nothing(
    neo4j_settings: Settings, _neo4j_store: GraphStore, tmp_path: Path
) -> None:
    _neo4j_store.clear()
    env = neo4j_env(neo4j_settings)
    assert graphapp("load", env=env).returncode == 0
    before = _neo4j_store.counts()
    bad = tmp_path / "data"
    (bad / "projects").mkdir(parents=True)
    (bad / "reference").symlink_to(DATA_DIR / "reference")
    record = (DATA_DIR / "projects" / "connecting-people.yaml").read_text(encoding="utf-8")
    (bad / "projects" / "changed.yaml").write_text(
        record.replace("connecting-people", "cp2").replace("amount_sek: 150000", "amount_sek: -150000"),
        encoding="utf-8",
    )
    done = graphapp("load", "--data-dir", str(bad), env=env)
    assert done.returncode == 1
    assert "changed.yaml:" in done.stderr and "amount_sek" in done.stderr
    assert _neo4j_store.counts() == before


def test_render_writes_a_file_and_with_tables_its_csv_tables(tmp_path: Path) -> None:
    out = tmp_path / "ipg.html"
    result = graphapp("render", "project", "id=project:integration-pa-g", "--tables", "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'id="download-menu"' in html and "kit.js" not in html  # the menu, and every script inlined
    nodes = (tmp_path / "ipg-nodes.csv").read_bytes()
    rels = (tmp_path / "ipg-relationships.csv").read_bytes().decode("utf-8-sig")
    assert nodes.startswith(b"\xef\xbb\xbfId,Name,Kind,Links,")
    assert "project:integration-pa-g,Integration på G!,Project,30," in nodes.decode("utf-8-sig")
    assert rels.startswith("From (Id),From,Relationship,To,To (Id),Role,Amount (SEK),Sources\r\n")
    assert "co-funds" in rels
    assert (tmp_path / "ipg-tables.xlsx").read_bytes().startswith(b"PK")


def test_serve_names_the_data_folders_and_imports_an_earlier_version_left_in_the_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA_DIR / part, seeds / part)
    (seeds / "imports" / "sheet-1").mkdir(parents=True)
    (seeds / "imports" / "sheet-1" / "p.yaml").write_text("project: {}\n", encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    env = {**base, "GRAPHAPP_SEED_DIR": str(seeds), "GRAPHAPP_DATA_DIR": str(tmp_path / "mine")}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    command = [sys.executable, "-c", "from graphapp.cli import main; main()", "serve", "--port", port]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, cwd=tmp_path) as server:
        try:
            assert server.stderr is not None
            lines = [server.stderr.readline() for _ in range(3)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert lines[1].startswith(f"graphapp: your data goes to {tmp_path / 'mine'} (imports)")
    assert f"the seed network is read from {seeds}" in lines[1]
    assert f"{seeds / 'imports'} holds imports of an earlier graphapp" in lines[2]
    assert f"set GRAPHAPP_DATA_DIR={seeds}" in lines[2]


@pytest.mark.neo4j
def test_query_types_parameters_as_the_query_declares_them(
    neo4j_settings: Settings, _neo4j_store: GraphStore, dataset: GraphData
) -> None:
    if _neo4j_store.counts().nodes != len(dataset.nodes):
        _neo4j_store.clear()
        _neo4j_store.load(dataset)
    env = neo4j_env(neo4j_settings)
    dalarna = graphapp("query", "partners-of-municipality", "-p", "code=2062", "--json", env=env)  # Mora
    assert dalarna.returncode == 0, dalarna.stderr
    assert "Falun" in {row[1] for row in json.loads(dalarna.stdout)["rows"]}
    county = graphapp("query", "actors-in-county", "-p", "county=20", "--json", env=env)
    assert "Falun" in {row[0] for row in json.loads(county.stdout)["rows"]}
    quoted = graphapp("query", "partners-of-municipality", "-p", 'code="2062"', "--json", env=env)
    assert json.loads(quoted.stdout)["rows"] == json.loads(dalarna.stdout)["rows"]
    wrong = graphapp("query", "co-funders", "-p", "limit=many", env=env)
    assert wrong.returncode == 1 and "parameter limit must be an integer, not 'many'" in wrong.stderr
    missing = graphapp("query", "co-funders", env=env)
    assert missing.returncode == 1 and "missing: limit" in missing.stderr
    header = "// @param code: string\nMATCH (m:Municipality {code: $code}) RETURN m.name AS name"
    adhoc = graphapp("query", header, "-p", "code=2062", "--json", env=env)
    assert json.loads(adhoc.stdout)["rows"] == [["Mora"]]
    bare = graphapp("query", "MATCH (m:Municipality {code: $code}) RETURN m.name", "-p", "code=2062", env=env)
    assert "read as the number 2062" in bare.stderr and "// @param code: string" in bare.stderr


@pytest.mark.neo4j
def test_query_prints_the_plan_of_explain_and_profile(
    neo4j_settings: Settings, _neo4j_store: GraphStore, dataset: GraphData
) -> None:
    if _neo4j_store.counts().nodes != len(dataset.nodes):
        _neo4j_store.clear()
        _neo4j_store.load(dataset)
    env = neo4j_env(neo4j_settings)
    query = "MATCH (m:Municipality)-[:IN_COUNTY]->(c:County {code: '20'}) RETURN count(m) AS n"
    explained = graphapp("query", "EXPLAIN " + query, env=env)
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.startswith("ProduceResults") and "└ " in explained.stdout and "est. " in explained.stdout
    profiled = graphapp("query", "PROFILE " + query, "--json", env=env)
    answer = json.loads(profiled.stdout)
    assert answer["rows"] == [[15]] and answer["plan"]["rows"] == 1 and answer["plan"]["children"]


def test_render_writes_a_timeline_and_its_tables(tmp_path: Path) -> None:
    out = tmp_path / "dalarna.html"
    result = graphapp("render", "timeline", "county=20", "group=fund", "--tables", "--lang", "en", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'id="timeline"' in html and "timeline.js" not in html and "Timeline: Dalarnas län" in html
    projects = (tmp_path / "dalarna-projects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert projects[0] == "Id,Project,From,To,Period,Row,Fund,Owner,Builds on / collaborates with"
    assert projects[1].startswith(
        "project:dalarna-implementering-integration,Dalarna – implementering integration,2014-01-01,2014-12-31,"  # noqa: RUF001
        "1 January 2014 \u2013 31 December 2014,Europeiska socialfonden (ESF) 2007\u20132013,"  # CLDR's en_GB
    )
    links = (tmp_path / "dalarna-links.csv").read_text(encoding="utf-8-sig").splitlines()
    assert "project:dalarna-implementering-integration,Dalarna – implementering integration,builds on,Insteget," in (  # noqa: RUF001
        "\n".join(links)
    )
