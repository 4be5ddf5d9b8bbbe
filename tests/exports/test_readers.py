"""Every export the app writes, read back by the parsers users have.

- GraphML: networkx, python-igraph, graphology-graphml (Gephi Lite, sigma.js);
- GEXF: networkx, graphology-gexf (igraph has no GEXF reader);
- node-link JSON: networkx, python-igraph;
- neo4j-admin CSV (zip): ``neo4j-admin database import full`` itself, from the jars
  scripts/neo4j fetches.

Each must see every node and relationship of the store and a few properties intact.
graphology runs in Node with ``tests/exports/js`` (``npm ci`` there, as .ci/run does);
without Node, its packages, Java or the Neo4j jars these tests skip locally and fail
under ``CI=true``.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.config import Settings
from graphapp.dates import iso_text
from graphapp.exports import edge_id
from graphapp.model import GraphData, Label, Node, Relationship
from graphapp.store import MemoryStore

ROOT = Path(__file__).resolve().parents[2]
JS = Path(__file__).resolve().parent / "js"
NEO4J_LIB = ROOT / "neo4j-server" / "target" / "lib"

MUNICIPALITY = "municipality:0780"  # Växjö: a name beyond ASCII, coordinates
PROJECT = "project:dalarna-implementering-integration"  # a period
FUNDS = ("fund:esf-2007-2013", "FUNDS", PROJECT)  # an amount and its source
UNRESOLVED = "org:integration-pa-g/kommunledningsforvaltningen"  # resolved = false
#: a relationship whose evidence holds what list syntaxes trip on: a ";", quotes, an empty entry
SAID = ("municipality:2080", "PARTICIPATES_IN", PROJECT)
SAID_EVIDENCE = ['Falun; "står det" i texten, och Dalarna', "Kommun: Falun", ""]


def missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def store(dataset: GraphData) -> MemoryStore:
    loaded = MemoryStore()
    loaded.load(dataset)
    (held,) = loaded.find_relationships([SAID])
    first, last = "document:" + "0" * 40, "document:" + "f" * 40  # around the seed's own source
    said = Relationship(
        held.type,
        held.start,
        held.end,
        {**held.properties, "sources": [first, last], "evidence": [SAID_EVIDENCE[0], ""]},
    )
    documents = {d: Node(d, Label.DOCUMENT, d, {"title": d}) for d in (first, last)}
    loaded.load(GraphData(documents, {said.key: said}))
    return loaded


@pytest.fixture(scope="module")
def exported(store: MemoryStore) -> Iterator[dict[str, bytes]]:
    """The whole network as the app exports it, by format."""
    with TestClient(create_app(Settings(_env_file=None), store=store)) as client:
        yield {f: client.get("/api/export", params={"format": f}).content for f in ("graphml", "gexf", "json", "csv")}


@pytest.fixture(scope="module")
def expected(store: MemoryStore) -> dict[str, Any]:
    graph = store.to_networkx()
    funds = graph.edges[FUNDS[0], FUNDS[2], FUNDS[1]]
    return {
        "nodes": graph.number_of_nodes(),
        "relationships": graph.number_of_edges(),
        "name": graph.nodes[MUNICIPALITY]["name"],
        "lat": graph.nodes[MUNICIPALITY]["lat"],
        "start": iso_text(graph.nodes[PROJECT], "start"),  # dates leave as ISO text of their precision
        "amount": funds["amount_sek"],
        "sources": ";".join(funds["sources"]),
        "evidence": funds["evidence"],
        "said": graph.edges[SAID[0], SAID[2], SAID[1]]["evidence"],
    }


def test_the_store_holds_what_the_checks_look_at(store: MemoryStore, expected: dict[str, Any]) -> None:
    assert expected["name"] == "Växjö" and expected["start"] == "2014-01-01"
    assert isinstance(expected["amount"], int) and expected["sources"] and expected["evidence"][0]
    assert expected["said"] == SAID_EVIDENCE
    assert store.get_node(UNRESOLVED).properties["resolved"] is False
    assert expected["relationships"] > expected["nodes"] > 300


def written(tmp_path: Path, exported: dict[str, bytes], fmt: str) -> Path:
    path = tmp_path / f"graphapp.{fmt}"
    path.write_bytes(exported[fmt])
    return path


# -- GraphML -------------------------------------------------------------------


def test_graphml_edge_ids_are_unique(exported: dict[str, bytes]) -> None:
    ids = [e.get("id") for e in _xml_edges(exported["graphml"])]
    assert len(ids) == len(set(ids)) and edge_id(*FUNDS) in ids


def test_networkx_reads_the_graphml(exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = nx.read_graphml(io.BytesIO(exported["graphml"]), force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (expected["nodes"], expected["relationships"])
    assert graph.nodes[MUNICIPALITY]["name"] == expected["name"] and graph.nodes[MUNICIPALITY]["lat"] == expected["lat"]
    assert graph.nodes[PROJECT]["start"] == expected["start"]
    assert graph.nodes[UNRESOLVED]["resolved"] is False
    funds = graph.edges[FUNDS[0], FUNDS[2], edge_id(*FUNDS)]
    assert (funds["type"], funds["amount_sek"], funds["sources"]) == ("FUNDS", expected["amount"], expected["sources"])
    assert json.loads(funds["evidence"]) == expected["evidence"]
    assert json.loads(graph.edges[SAID[0], SAID[2], edge_id(*SAID)]["evidence"]) == expected["said"]


def test_igraph_reads_the_graphml(tmp_path: Path, exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = igraph.Graph.Read_GraphML(str(written(tmp_path, exported, "graphml")))
    assert graph.is_directed()
    assert (graph.vcount(), graph.ecount()) == (expected["nodes"], expected["relationships"])
    municipality, project = graph.vs.find(id=MUNICIPALITY), graph.vs.find(id=PROJECT)
    assert municipality["name"] == expected["name"] and municipality["lat"] == expected["lat"]
    assert project["start"] == expected["start"]
    assert graph.vs.find(id=UNRESOLVED)["resolved"] is False
    # igraph 1.0 fills the edges' "id" attribute with vertex ids: find the edge by its ends.
    funds = graph.es.find(_source=graph.vs.find(id=FUNDS[0]).index, _target=project.index, type="FUNDS")
    assert (funds["amount_sek"], funds["sources"]) == (expected["amount"], expected["sources"])
    assert json.loads(funds["evidence"]) == expected["evidence"]


def test_graphology_reads_the_graphml(tmp_path: Path, exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = graphology(written(tmp_path, exported, "graphml"), "graphml")
    assert (graph["order"], graph["size"], graph["type"]) == (expected["nodes"], expected["relationships"], "directed")
    assert graph["nodes"][MUNICIPALITY]["name"] == expected["name"]
    assert graph["nodes"][MUNICIPALITY]["lat"] == expected["lat"]
    assert graph["nodes"][PROJECT]["start"] == expected["start"]
    assert graph["nodes"][UNRESOLVED]["resolved"] is False
    funds = next(e for e in graph["edges"] if e["key"] == edge_id(*FUNDS))
    assert (funds["source"], funds["target"]) == (FUNDS[0], FUNDS[2])
    assert (funds["attributes"]["amount_sek"], funds["attributes"]["sources"]) == (
        expected["amount"],
        expected["sources"],
    )
    said = next(e for e in graph["edges"] if e["key"] == edge_id(*SAID))
    assert json.loads(said["attributes"]["evidence"]) == expected["said"]


# -- GEXF ----------------------------------------------------------------------


def test_gexf_is_dynamic_on_purpose_and_keeps_the_period_as_attributes(exported: dict[str, bytes]) -> None:
    head = exported["gexf"][:2000].decode()
    assert 'mode="dynamic"' in head and 'timeformat="date"' in head
    assert 'title="period_start"' in exported["gexf"].decode()


def test_networkx_reads_the_gexf(exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = nx.read_gexf(io.BytesIO(exported["gexf"]))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (expected["nodes"], expected["relationships"])
    assert (
        graph.nodes[MUNICIPALITY]["label"] == expected["name"] and graph.nodes[MUNICIPALITY]["lat"] == expected["lat"]
    )
    assert graph.nodes[PROJECT]["start"] == graph.nodes[PROJECT]["period_start"] == expected["start"]
    funds = next(d for d in graph.get_edge_data(FUNDS[0], FUNDS[2]).values() if d["label"] == "FUNDS")
    assert (funds["amount_sek"], funds["sources"]) == (expected["amount"], expected["sources"])
    said = next(d for d in graph.get_edge_data(SAID[0], SAID[2]).values() if d["label"] == SAID[1])
    assert json.loads(said["evidence"]) == expected["said"]


def test_graphology_reads_the_gexf(tmp_path: Path, exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = graphology(written(tmp_path, exported, "gexf"), "gexf")
    assert (graph["order"], graph["size"], graph["type"]) == (expected["nodes"], expected["relationships"], "directed")
    assert graph["nodes"][MUNICIPALITY]["label"] == expected["name"]
    assert graph["nodes"][MUNICIPALITY]["lat"] == expected["lat"]
    assert graph["nodes"][PROJECT]["period_start"] == expected["start"]  # graphology drops the time span
    funds = next(e for e in graph["edges"] if e["key"] == edge_id(*FUNDS))
    assert funds["attributes"]["label"] == "FUNDS"
    assert (funds["attributes"]["amount_sek"], funds["attributes"]["sources"]) == (
        expected["amount"],
        expected["sources"],
    )


# -- node-link JSON ------------------------------------------------------------


def test_networkx_reads_the_json(exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    graph = nx.node_link_graph(json.loads(exported["json"]), edges="links")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (expected["nodes"], expected["relationships"])
    assert graph.nodes[MUNICIPALITY]["name"] == expected["name"] and graph.nodes[PROJECT]["start"] == expected["start"]
    funds = graph.edges[FUNDS[0], FUNDS[2], FUNDS[1]]
    assert (funds["amount_sek"], ";".join(funds["sources"])) == (expected["amount"], expected["sources"])
    assert graph.edges[SAID[0], SAID[2], SAID[1]]["evidence"] == expected["said"]


def test_igraph_reads_the_json(exported: dict[str, bytes], expected: dict[str, Any]) -> None:
    data = json.loads(exported["json"])
    graph = igraph.Graph.DictList(data["nodes"], data["links"], directed=True, vertex_name_attr="id")
    assert (graph.vcount(), graph.ecount()) == (expected["nodes"], expected["relationships"])
    project = graph.vs.find(id=PROJECT)
    assert graph.vs.find(id=MUNICIPALITY)["name"] == expected["name"] and project["start"] == expected["start"]
    funds = graph.es.find(_source=graph.vs.find(id=FUNDS[0]).index, _target=project.index, type="FUNDS")
    assert funds["amount_sek"] == expected["amount"] and funds["evidence"] == expected["evidence"]


# -- neo4j-admin CSV -----------------------------------------------------------


def test_neo4j_admin_imports_the_csv_zip(tmp_path: Path, exported: dict[str, bytes], store: MemoryStore) -> None:
    java = shutil.which("java")
    if java is None or not (NEO4J_LIB / ".complete").exists():
        missing("no Java or no Neo4j jars for neo4j-admin: run `scripts/neo4j fetch`")
    files = tmp_path / "csv"
    zipfile.ZipFile(io.BytesIO(exported["csv"])).extractall(files)
    command = (files / "import.txt").read_text(encoding="utf-8").splitlines()[-1].split()
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    assert "--array-delimiter='|'" in command  # a sentence of the evidence holds ";"
    (tmp_path / "home" / "conf").mkdir(parents=True)
    home = {"NEO4J_HOME": str(tmp_path / "home"), "NEO4J_CONF": str(tmp_path / "home" / "conf")}
    done = subprocess.run(
        [java, "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", f"{NEO4J_LIB}/*", "org.neo4j.cli.AdminTool"]
        + [arg.replace("'", "") for arg in command[1:-1]]
        + ["--threads=2", "--high-parallel-io=off", command[-1]],
        cwd=files,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env={**os.environ, **home},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = done.stdout.split("Imported:")[-1].split()
    graph = store.to_networkx()
    properties = sum(1 + _stored(a, skip="label") for _, a in graph.nodes(data=True))  # + the id:ID column
    properties += sum(_stored(a, skip="type") for _, _, a in graph.edges(data=True))
    assert report[:6] == [
        str(graph.number_of_nodes()),
        "nodes",
        str(graph.number_of_edges()),
        "relationships",
        str(properties),
        "properties",
    ]


# -- helpers -------------------------------------------------------------------


def graphology(path: Path, fmt: str) -> dict[str, Any]:
    """What graphology's parser for ``fmt`` reads from ``path`` (tests/exports/js/read.mjs)."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "graphology-gexf").exists():
        missing("no Node or no graphology packages: run `npm ci` in tests/exports/js")
    done = subprocess.run(
        [node, str(JS / "read.mjs"), fmt, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _xml_edges(document: bytes) -> list[Any]:
    from xml.etree import ElementTree

    return [e for e in ElementTree.fromstring(document).iter() if e.tag.endswith("}edge")]


def _stored(attributes: dict[str, Any], skip: str) -> int:
    """Properties neo4j-admin stores for these attributes: none for None, [] or ``skip``."""
    return sum(1 for k, v in attributes.items() if k != skip and v is not None and v != [] and not _nan(v))


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)
