from __future__ import annotations

import networkx as nx
import pytest

from graphapp.analysis import brokers, graph_from_data
from graphapp.model import GraphData
from tests.analysis.builders import in_project, node


@pytest.fixture
def three_counties() -> nx.MultiDiGraph:
    """Counties 01, 03, 04 with municipalities m01, m03, m04 (and m01b in 01).

    - the Employment office ``agency:af`` is in a project in each county: it reaches
      all three pairs, but 01-03 is also reached by m01 and m03 (project p13 spans both);
    - ``org:ngo`` is in projects in 01 and 04 only;
    - ``org:local`` stays in county 01.
    """
    graph = nx.MultiDiGraph()
    m01, m01b, m03, m04 = (
        node(graph, f"municipality:{code}", county_code=code[:2]) for code in ("01", "01b", "03", "04")
    )
    af, ngo, local = node(graph, "agency:af"), node(graph, "org:ngo"), node(graph, "org:local")
    in_project(graph, "project:p01", m01, af, local)
    in_project(graph, "project:p03", m03, af)
    in_project(graph, "project:p04", m04, af)
    in_project(graph, "project:p13", m01b, m03)
    in_project(graph, "project:q01", m01, ngo)
    in_project(graph, "project:q04", m04)
    in_project(graph, "project:q04", ngo, rel_type="CO_FUNDS")
    return graph


def test_bridged_pairs_count_pairs_only_this_actor_reaches(three_counties: nx.MultiDiGraph) -> None:
    rows = {row["id"]: row for row in brokers(three_counties)}
    # 01-04 is reached by af and ngo; 03-04 by af alone; 01-03 by af, m01b and m03
    assert rows["agency:af"] == {
        "id": "agency:af",
        "name": "Af",
        "kind": "agency",
        "counties": ["01", "03", "04"],
        "bridged_pairs": 1,
    }
    assert rows["org:ngo"]["bridged_pairs"] == 0
    assert rows["municipality:01b"]["counties"] == ["01", "03"]


def test_actors_in_one_county_are_left_out(three_counties: nx.MultiDiGraph) -> None:
    ids = [row["id"] for row in brokers(three_counties)]
    assert "org:local" not in ids
    # m04's projects (p04, q04) have no municipality outside county 04: partners elsewhere do not count
    assert "municipality:04" not in ids


def test_sorted_by_bridged_pairs_then_counties_then_id(three_counties: nx.MultiDiGraph) -> None:
    rows = brokers(three_counties)
    keys = [(-r["bridged_pairs"], -len(r["counties"]), r["id"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["id"] == "agency:af"


def test_top_limits_the_list(three_counties: nx.MultiDiGraph) -> None:
    assert len(brokers(three_counties, top=1)) == 1


def test_curated_data_has_no_cross_county_brokers(dataset: GraphData) -> None:
    # every curated project stays inside one county: nobody reaches two counties
    assert brokers(graph_from_data(dataset)) == []
