"""Dates as dates, at the precision the sources give, on both stores (graphapp.dates).

Every test runs on the embedded store and a real Neo4j; the Cypher ones on Neo4j only.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graphapp.model import GraphData, Label
from graphapp.records import merge_record_files, parse_record_file
from graphapp.store import GraphStore, SubgraphFilter

DOCUMENT = "document:" + "a" * 40
#: A project known to the year, one known to the month, one to the day, one without a period.
RECORD = f"""
project: {{id: "project:year-only", name: Försöket, start: 2015, end: 2016}}
documents:
  - {{id: "{DOCUMENT}", title: Försöket pågår under 2015, published: 2015-03}}
nodes:
  - {{label: Project, id: "project:month-only", name: Monthly, start: 2016-06, end: 2018-02}}
  - {{label: Project, id: "project:to-the-day", name: Daily, start: 2016-06-01, end: 2018-12-31}}
  - {{label: Project, id: "project:undated", name: Undated}}
relationships:
  - {{type: BUILDS_ON, start: "project:month-only", end: "project:year-only", sources: ["{DOCUMENT}"]}}
"""


@pytest.fixture
def dated(empty_store: GraphStore) -> GraphStore:
    data = merge_record_files(GraphData(), [("dates.yaml", parse_record_file(RECORD, "dates.yaml"))])
    empty_store.load(data)
    return empty_store


def test_seed_periods_are_dates_known_to_the_day(store: GraphStore) -> None:
    people = store.get_node("project:connecting-people").properties
    assert (people["start"], people["end"]) == (dt.date(2016, 6, 1), dt.date(2018, 12, 31))
    assert "start_precision" not in people and "end_precision" not in people
    assert store.get_node("project:connecting-people").as_dict()["properties"]["start"] == "2016-06-01"
    trelleborg = store.get_node("project:trelleborg-samhallsorientering").properties
    assert "start" not in trelleborg and "end" not in trelleborg
    published = store.get_node("document:692d06bf3ec7ac15aa5464cd687c4204760f7f14").properties["published"]
    assert published == dt.date(2016, 8, 31)


def test_a_year_is_stored_as_its_first_and_last_day_with_its_precision(dated: GraphStore) -> None:
    props = dated.get_node("project:year-only").properties
    assert (props["start"], props["end"]) == (dt.date(2015, 1, 1), dt.date(2016, 12, 31))
    assert (props["start_precision"], props["end_precision"]) == ("year", "year")
    month = dated.get_node("project:month-only").properties
    assert (month["start"], month["end"]) == (dt.date(2016, 6, 1), dt.date(2018, 2, 28))
    assert (month["start_precision"], month["end_precision"]) == ("month", "month")
    document = dated.get_node(DOCUMENT).properties
    assert (document["published"], document["published_precision"]) == (dt.date(2015, 3, 1), "month")


def test_json_gives_only_the_precision_known(dated: GraphStore) -> None:
    shown = {n.id: n.as_dict()["properties"] for n in dated.find_nodes(["project:year-only", "project:month-only"])}
    assert (shown["project:year-only"]["start"], shown["project:year-only"]["end"]) == ("2015", "2016")
    assert (shown["project:month-only"]["start"], shown["project:month-only"]["end"]) == ("2016-06", "2018-02")
    assert not any(key.endswith("_precision") for props in shown.values() for key in props)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        ((2015, 2015), {"project:year-only"}),
        ((2016, 2016), {"project:year-only", "project:month-only", "project:to-the-day"}),
        ((2017, 2017), {"project:month-only", "project:to-the-day"}),
        ((2019, 2030), set()),
    ],
)
def test_year_filters_read_the_period_at_its_precision(
    dated: GraphStore, years: tuple[int, int], expected: set[str]
) -> None:
    sub = dated.subgraph(SubgraphFilter(years=years, kinds=frozenset({Label.PROJECT})))
    assert {n.id for n in sub.nodes} == expected  # the undated project never: no guessed year


def test_projects_sort_by_their_start_date(dated: GraphStore) -> None:
    projects = dated.projects(SubgraphFilter())
    starts = {p.node.id: p.node.properties.get("start") for p in projects}
    assert starts["project:year-only"] < starts["project:month-only"] == starts["project:to-the-day"]
    assert starts["project:undated"] is None


# -- Cypher on Neo4j ---------------------------------------------------------


@pytest.fixture
def neo4j_dated(_neo4j_store: GraphStore) -> GraphStore:
    _neo4j_store.clear()
    data = merge_record_files(GraphData(), [("dates.yaml", parse_record_file(RECORD, "dates.yaml"))])
    _neo4j_store.load(data)
    return _neo4j_store


def _rows(store: GraphStore, query: str, **parameters: object) -> list[list[object]]:
    return store.run_cypher(query, dict(parameters), timeout=10, row_limit=100).rows


def test_analysts_read_years_durations_and_ranges_in_cypher(neo4j_dated: GraphStore) -> None:
    rows = _rows(
        neo4j_dated,
        "MATCH (p:Project {id: $id}) RETURN p.start.year, p.end.year, duration.between(p.start, p.end).months, "
        "p.start_precision",
        id="project:to-the-day",
    )
    assert rows == [[2016, 2018, 30, None]]
    year_only = _rows(
        neo4j_dated,
        "MATCH (p:Project {id: 'project:year-only'}) RETURN p.start.year, duration.between(p.start, p.end).months, "
        "p.start_precision",
    )
    assert year_only == [[2015, 23, "year"]]  # 2015-01-01 to 2016-12-31: the whole of both years
    running = _rows(
        neo4j_dated,
        "MATCH (p:Project) WHERE p.start <= date('2016-07-01') AND p.end >= date('2016-07-01') "
        "RETURN p.id ORDER BY p.id",
    )
    assert running == [["project:month-only"], ["project:to-the-day"], ["project:year-only"]]


def test_cypher_results_show_dates_at_their_precision(neo4j_dated: GraphStore) -> None:
    result = neo4j_dated.run_cypher("MATCH (p:Project {id: 'project:year-only'}) RETURN p", {}, 10, 10)
    assert result.rows[0][0]["properties"]["start"] == "2015"
    assert result.nodes[0].properties["start"] == dt.date(2015, 1, 1)


def test_the_schema_indexes_the_dates(neo4j_dated: GraphStore) -> None:
    indexed = _rows(neo4j_dated, "SHOW INDEXES YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties")
    assert [["Project"], ["start"]] in indexed and [["Project"], ["end"]] in indexed
    assert [["Document"], ["published"]] in indexed


def test_a_load_migrates_the_text_dates_an_earlier_version_stored(_neo4j_store: GraphStore, dataset: GraphData) -> None:
    """A graph loaded before dates were dates holds ISO text; the next load makes it DATE values, nodes the
    load does not name included, and the graph's revision changes with it."""
    _neo4j_store.clear()
    _neo4j_store.load(dataset)
    _neo4j_store._write(  # type: ignore[attr-defined]  # as an earlier version wrote it, text
        "MATCH (p:Project {id: 'project:connecting-people'}) SET p.start = '2016-06-01', p.end = '2018-12-31' "
        "CREATE (:Entity:Project {id: 'project:old', name: 'Old', start: '2015', end: '2016-02'}) "
        "CREATE (:Entity:Document {id: 'document:old', name: 'Old', title: 'Old', published: '2014-05-06'})"
    )
    before = _neo4j_store.version()
    with pytest.raises(Exception, match="Type mismatch"):
        _rows(_neo4j_store, "MATCH (p:Project) RETURN p.start.year")
    _neo4j_store.load(dataset)
    assert _neo4j_store.version() != before
    old = _neo4j_store.get_node("project:old").properties
    assert (old["start"], old["start_precision"], old["end"], old["end_precision"]) == (
        dt.date(2015, 1, 1),
        "year",
        dt.date(2016, 2, 29),
        "month",
    )
    assert _neo4j_store.get_node("document:old").properties["published"] == dt.date(2014, 5, 6)
    assert _neo4j_store.get_node("project:connecting-people").properties["start"] == dt.date(2016, 6, 1)
    assert sorted(_rows(_neo4j_store, "MATCH (p:Project) WHERE p.start IS NOT NULL RETURN DISTINCT p.start.year")) == [
        [2009],
        [2014],
        [2015],
        [2016],
    ]
    _neo4j_store.clear()
