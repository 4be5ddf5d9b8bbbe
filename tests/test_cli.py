"""The `graphapp` command, run as a user runs it (a subprocess), on both stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphapp.config import Settings
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
    assert nodes.startswith(b"\xef\xbb\xbfId,Name,Kind,Links\r\n")
    assert "project:integration-pa-g,Integration på G!,Project," in nodes.decode("utf-8-sig")
    assert rels.startswith("From (Id),From,Relationship,To,To (Id),Properties,Sources\r\n")
    assert "Amount: SEK\u00a0" in rels and "co-funds" in rels


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
        "1 January 2014 \u2013 31 December 2014,Europeiska socialfonden (ESF),"
    )
    links = (tmp_path / "dalarna-links.csv").read_text(encoding="utf-8-sig").splitlines()
    assert "project:dalarna-implementering-integration,Dalarna – implementering integration,builds on,Insteget," in (  # noqa: RUF001
        "\n".join(links)
    )
