"""Time in the store contract: an actor's projects, the network as it stood in a year and what was new
then, and the timeline's projects with their actors, funds and links. Both stores."""

from __future__ import annotations

import pytest

from graphapp.errors import InvalidRequest
from graphapp.model import GraphData, Label, RelType
from graphapp.records import merge_record_files, parse_record_file
from graphapp.store import GraphStore, SubgraphFilter

DOCUMENT = "document:" + "b" * 40
#: P1 (2014-2016: A owns it, B takes part) and P2 (2016-2017: B owns it, C takes part, AMIF funds it)
#: in Kronoberg; P3 (2016) elsewhere with A; P2 builds on P1.
RECORD = f"""
project: {{id: "project:p1", name: P1, start: 2014, end: 2016}}
documents: [{{id: "{DOCUMENT}", title: Years}}]
nodes:
  - {{label: Project, id: "project:p2", name: P2, start: 2016-03, end: 2017}}
  - {{label: Project, id: "project:p3", name: P3, start: 2016-09-01, end: 2016-12-31}}
  - {{label: Organization, id: "org:a", name: A, kind: ngo, county_code: "07"}}
  - {{label: Organization, id: "org:b", name: B, kind: ngo, county_code: "07"}}
  - {{label: Organization, id: "org:c", name: C, kind: company, county_code: "07"}}
  - {{label: Organization, id: "org:d", name: D, kind: company, county_code: "12"}}
relationships:
  - {{type: OWNS, start: "org:a", end: "project:p1", sources: ["{DOCUMENT}"]}}
  - {{type: PARTICIPATES_IN, start: "org:b", end: "project:p1", sources: ["{DOCUMENT}"]}}
  - {{type: OWNS, start: "org:b", end: "project:p2", sources: ["{DOCUMENT}"]}}
  - {{type: CO_FUNDS, start: "org:b", end: "project:p2", amount_sek: 1000, sources: ["{DOCUMENT}"]}}
  - {{type: PARTICIPATES_IN, start: "org:c", end: "project:p2", sources: ["{DOCUMENT}"]}}
  - {{type: FUNDS, start: "fund:amif", end: "project:p2", sources: ["{DOCUMENT}"]}}
  - {{type: OWNS, start: "org:d", end: "project:p3", sources: ["{DOCUMENT}"]}}
  - {{type: PARTICIPATES_IN, start: "org:a", end: "project:p3", sources: ["{DOCUMENT}"]}}
  - {{type: BUILDS_ON, start: "project:p2", end: "project:p1", sources: ["{DOCUMENT}"]}}
"""


@pytest.fixture
def years(empty_store: GraphStore, dataset: GraphData) -> GraphStore:
    kept = ("fund:amif", "county:07", "county:12")  # the fund, and the counties its organisations are placed in
    funds = GraphData({i: dataset.nodes[i] for i in kept}, {})
    empty_store.load(merge_record_files(funds, [("years.yaml", parse_record_file(RECORD, "years.yaml"))]))
    return empty_store


def _ids(store: GraphStore, filters: SubgraphFilter) -> tuple[set[str], list[str] | None]:
    sub = store.subgraph(filters)
    return {n.id for n in sub.nodes}, sub.new


def test_the_network_in_a_year_marks_what_is_new(years: GraphStore) -> None:
    assert _ids(years, SubgraphFilter(year=2014)) == (
        {"project:p1", "org:a", "org:b"},
        ["org:a", "org:b", "project:p1"],
    )
    assert _ids(years, SubgraphFilter(year=2015)) == ({"project:p1", "org:a", "org:b"}, [])
    nodes, new = _ids(years, SubgraphFilter(year=2016))
    assert nodes == {"project:p1", "project:p2", "project:p3", "org:a", "org:b", "org:c", "org:d", "fund:amif"}
    assert new == ["fund:amif", "org:c", "org:d", "project:p2", "project:p3"]  # A and B took part before
    assert _ids(years, SubgraphFilter(year=2018)) == (set(), [])


def test_new_is_counted_within_the_other_filters(years: GraphStore) -> None:
    # In county 12's picture of 2016, A is new: its earlier project P1 has no actor there.
    nodes, new = _ids(years, SubgraphFilter(county="12", year=2016))
    assert nodes == {"project:p3", "org:a", "org:d"}
    assert new == ["org:a", "org:d", "project:p3"]


def test_without_a_year_nothing_is_marked_new(years: GraphStore) -> None:
    assert years.subgraph(SubgraphFilter()).new is None
    assert "new" not in years.subgraph(SubgraphFilter()).as_dict()


def test_a_year_outside_the_years_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="outside"):
        SubgraphFilter(years=(2010, 2012), year=2016)


def test_an_actors_projects(years: GraphStore) -> None:
    projects = years.projects(SubgraphFilter(actor="org:a"))
    assert [p.node.id for p in projects] == ["project:p1", "project:p3"]
    assert [p.node.id for p in years.projects(SubgraphFilter(actor="org:b", years=(2017, 2017)))] == ["project:p2"]
    sub = years.subgraph(SubgraphFilter(actor="org:c", kinds=frozenset({Label.PROJECT, Label.ORGANIZATION})))
    assert {n.id for n in sub.nodes} == {"project:p2", "org:b", "org:c"}


def test_the_timeline_gives_owners_actors_funds_and_links(years: GraphStore) -> None:
    entries = {entry.node.id: entry for entry in years.timeline(SubgraphFilter())}
    assert sorted(entries) == ["project:p1", "project:p2", "project:p3"]
    p2 = entries["project:p2"]
    assert p2.owners == ["org:b"]
    assert p2.actors == {"org:b": "07", "org:c": "07"}  # B owns and co-funds: one actor
    assert p2.funds == ["fund:amif"]
    assert p2.links == [(RelType.BUILDS_ON.value, "project:p1")]  # P2 builds on P1, not the other way
    assert entries["project:p1"].links == []
    assert [e.node.id for e in years.timeline(SubgraphFilter(county="12"))] == ["project:p3"]


def test_the_seed_timeline(store: GraphStore) -> None:
    entries = {entry.node.id: entry for entry in store.timeline(SubgraphFilter())}
    dalarna = entries["project:dalarna-implementering-integration"]
    assert dalarna.owners == ["org:region-dalarna"]
    assert len([link for link in dalarna.links if link[0] == "BUILDS_ON"]) == 7
    assert dalarna.actors["municipality:2080"] == "20"
    assert entries["project:integration-pa-g"].owners == []  # the page names no owner
    assert entries["project:connecting-people"].links == [("COLLABORATES_WITH", "project:varmlandsmodellen")]
    sunne = [e.node.id for e in store.timeline(SubgraphFilter(actor="municipality:1766"))]
    assert sunne == ["project:connecting-people", "project:varmlandsmodellen"]
