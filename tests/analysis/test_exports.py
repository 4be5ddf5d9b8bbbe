from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest

from graphapp.analysis import graph_from_data
from graphapp.exports import csv_zip, neo4j_admin_csv, node_link_json, write_gexf, write_graphml
from graphapp.model import GraphData
from graphapp.store import MemoryStore
from tests.analysis.builders import edge, node


@pytest.fixture
def small() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    node(graph, "municipality:1766", name="Sunne", code="1766", lat=59.84, lon=13.14, county_code="17")
    node(graph, "project:p", name='The "P", project', start="2016-06-01", end="2018-12-31", grant_sek=150000, note=None)
    node(graph, "org:x", name="X", resolved=False, kind="unknown")
    node(graph, "fund:amif", name="AMIF")
    edge(graph, "municipality:1766", "OWNS", "project:p", sources=["document:a", "document:b"])
    edge(graph, "org:x", "CO_FUNDS", "project:p", amount_sek=100000, sources=["document:a"])
    edge(graph, "municipality:1766", "CO_FUNDS", "project:p", amount_sek=2.5, sources=[])
    edge(graph, "fund:amif", "FUNDS", "project:p", amount_sek=300000, sources=["document:a"])
    return graph


def test_graphml_round_trip(small: nx.MultiDiGraph) -> None:
    out = io.BytesIO()
    write_graphml(small, out)
    back = nx.read_graphml(io.BytesIO(out.getvalue()), force_multigraph=True)
    assert sorted(back) == sorted(small)
    assert back.number_of_edges() == small.number_of_edges()
    assert back.nodes["municipality:1766"] == {
        "label": "Municipality",
        "name": "Sunne",
        "code": "1766",
        "county_code": "17",
        "lat": 59.84,
        "lon": 13.14,
    }
    assert back.nodes["project:p"]["name"] == 'The "P", project'
    assert "note" not in back.nodes["project:p"]  # None dropped
    assert back.nodes["org:x"]["resolved"] is False
    owns = back.edges["municipality:1766", "project:p", "municipality:1766|OWNS|project:p"]
    assert owns == {"type": "OWNS", "sources": "document:a;document:b"}
    # amount_sek holds ints and a float: written as float throughout
    assert back.edges["org:x", "project:p", "org:x|CO_FUNDS|project:p"]["amount_sek"] == 100000.0


def test_gexf_round_trip(small: nx.MultiDiGraph) -> None:
    out = io.BytesIO()
    write_gexf(small, out)
    back = nx.read_gexf(io.BytesIO(out.getvalue()))
    assert sorted(back) == sorted(small)
    assert back.number_of_edges() == small.number_of_edges()
    sunne = back.nodes["municipality:1766"]
    assert (sunne["label"], sunne["node_label"], sunne["lat"]) == ("Sunne", "Municipality", 59.84)
    assert (back.nodes["project:p"]["start"], back.nodes["project:p"]["end"]) == ("2016-06-01", "2018-12-31")
    owns = back.get_edge_data("municipality:1766", "project:p")
    labels = sorted(data["label"] for data in owns.values())
    assert labels == ["CO_FUNDS", "OWNS"]
    assert {data["label"]: data.get("sources") for data in owns.values()}["OWNS"] == "document:a;document:b"


def test_xml_exports_are_deterministic(small: nx.MultiDiGraph) -> None:
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.add_nodes_from(reversed(list(small.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(small.edges(keys=True, data=True))))
    for write in (write_graphml, write_gexf):
        first, second = io.BytesIO(), io.BytesIO()
        write(small, first)
        write(reversed_graph, second)
        assert first.getvalue() == second.getvalue()


def test_node_link_json_keeps_lists_and_uses_links(small: nx.MultiDiGraph) -> None:
    data = node_link_json(small)
    assert set(data) >= {"directed", "multigraph", "nodes", "links"}
    assert [n["id"] for n in data["nodes"]] == sorted(small)
    owns = next(link for link in data["links"] if link["key"] == "OWNS")
    assert owns["sources"] == ["document:a", "document:b"]
    assert json.loads(json.dumps(data)) == data
    assert len(data["links"]) == small.number_of_edges()


def test_neo4j_admin_headers(small: nx.MultiDiGraph) -> None:
    files = neo4j_admin_csv(small)
    assert list(files) == [
        "nodes_Fund.csv",
        "nodes_Municipality.csv",
        "nodes_Organization.csv",
        "nodes_Project.csv",
        "relationships_CO_FUNDS.csv",
        "relationships_FUNDS.csv",
        "relationships_OWNS.csv",
    ]
    headers = {name: text.splitlines()[0] for name, text in files.items()}
    assert headers["nodes_Municipality.csv"] == "id:ID,name,code,county_code,lat:double,lon:double,:LABEL"
    assert headers["nodes_Project.csv"] == "id:ID,name,end,grant_sek:long,start,:LABEL"
    assert headers["nodes_Organization.csv"] == "id:ID,name,kind,resolved:boolean,:LABEL"
    assert headers["nodes_Fund.csv"] == "id:ID,name,:LABEL"
    assert headers["relationships_OWNS.csv"] == ":START_ID,:END_ID,:TYPE,sources:string[]"
    assert headers["relationships_CO_FUNDS.csv"] == ":START_ID,:END_ID,:TYPE,amount_sek:double,sources:string[]"


def test_neo4j_admin_rows_are_quoted_and_use_the_array_delimiter(small: nx.MultiDiGraph) -> None:
    files = neo4j_admin_csv(small)
    project = list(csv.reader(io.StringIO(files["nodes_Project.csv"])))
    assert project[1] == ["project:p", 'The "P", project', "2018-12-31", "150000", "2016-06-01", "Project"]
    assert '"The ""P"", project"' in files["nodes_Project.csv"]
    owns = list(csv.reader(io.StringIO(files["relationships_OWNS.csv"])))
    assert owns[1] == ["municipality:1766", "project:p", "OWNS", "document:a;document:b"]
    organisation = list(csv.reader(io.StringIO(files["nodes_Organization.csv"])))
    assert organisation[1] == ["org:x", "X", "unknown", "false", "Organization"]


def test_csv_zip_holds_the_files_and_is_deterministic(small: nx.MultiDiGraph) -> None:
    payload = csv_zip(small)
    assert payload == csv_zip(small)
    archive = zipfile.ZipFile(io.BytesIO(payload))
    files = neo4j_admin_csv(small)
    assert archive.namelist() == ["import.txt", *files]
    assert archive.read("relationships_OWNS.csv").decode("utf-8") == files["relationships_OWNS.csv"]
    command = archive.read("import.txt").decode("utf-8")
    assert "--nodes=nodes_Project.csv" in command
    assert "--relationships=relationships_OWNS.csv" in command


def test_curated_exports_round_trip(dataset: GraphData) -> None:
    graph = graph_from_data(dataset)
    for write, read in ((write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)):
        out = io.BytesIO()
        write(graph, out)
        back = read(io.BytesIO(out.getvalue()))
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
    files = neo4j_admin_csv(graph)
    rows = sum(len(list(csv.reader(io.StringIO(text)))) - 1 for text in files.values())
    assert rows == graph.number_of_nodes() + graph.number_of_edges()


def test_exports_from_memory_store_equal_exports_from_dataset(dataset: GraphData) -> None:
    store = MemoryStore()
    store.load(dataset)
    assert csv_zip(store.to_networkx()) == csv_zip(graph_from_data(dataset))
    assert node_link_json(store.to_networkx()) == node_link_json(graph_from_data(dataset))
