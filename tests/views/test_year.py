"""The network as it stood in a year (``year=``) and the timeline's payload, without a browser: a view in a year
is the whole view's nodes shown that year, where the whole view put them, and what the store answers for the
year (both stores)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from graphapp.analysis.graphs import subgraph_to_networkx
from graphapp.analysis.projection import collaboration_projection
from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.errors import InvalidRequest
from graphapp.model import Label
from graphapp.store import GraphStore, MemoryStore, SubgraphFilter
from graphapp.synthetic import generate
from graphapp.views.params import MAX_LIMIT, ViewParams, parse_params
from graphapp.views.payload import build_payload
from graphapp.views.urls import Urls
from graphapp.views.years import at_year, merged, shown_in
from tests.views.conftest import REFERENCE


def payload(store: GraphStore, view: str, **query: str) -> dict:
    return build_payload(store, view, parse_params(view, {k: [v] for k, v in query.items()}))


def test_a_network_view_in_a_year_shows_the_projects_running_then_and_what_was_new(view_store: GraphStore) -> None:
    in_2016 = payload(view_store, "overview", year="2016")
    assert [n["id"] for n in in_2016["nodes"] if n["kind"] == "project"] == ["project:connecting-people"]
    assert in_2016["year"] == 2016 and {"project:connecting-people", "municipality:1766"} <= set(in_2016["new"])
    in_2017 = payload(view_store, "overview", year="2017")
    assert in_2017["new"] == [] and {n["id"] for n in in_2017["nodes"]} == {n["id"] for n in in_2016["nodes"]}
    assert payload(view_store, "overview")["new"] is None
    kronoberg = payload(view_store, "county", county="07", year="2010")
    assert "project:integration-pa-g" in {n["id"] for n in kronoberg["nodes"]} and kronoberg["new"] == []


def test_a_neighbourhood_in_a_year_keeps_the_projects_running_then_and_their_actors(view_store: GraphStore) -> None:
    sunne = payload(view_store, "actor", id="municipality:1766", year="2016")
    projects = {n["id"] for n in sunne["nodes"] if n["kind"] == "project"}
    assert projects == {"project:connecting-people"}  # not Värmlandsmodellen: no period
    # new to Sunne's network that year: the project, its unit that took part, and Sunne in its first project
    assert sunne["new"] == ["municipality:1766", "org:sunne-kommun/naringslivsenheten", "project:connecting-people"]
    later = payload(view_store, "actor", id="municipality:1766", year="2019")
    assert [n["id"] for n in later["nodes"]] == ["municipality:1766"]  # the focus, in every year
    assert later["new"] == [] and later["relationships"] == []
    whole = payload(view_store, "actor", id="municipality:1766")
    positions = {n["id"]: (n["x"], n["y"]) for n in whole["nodes"]}
    assert all(positions[n["id"]] == (n["x"], n["y"]) for n in sunne["nodes"])  # where the whole view put them


def test_the_year_stays_in_the_url_and_is_checked() -> None:
    params = parse_params("overview", {"year": ["2016"], "layout": ["geo"]})
    assert Urls().page("overview", params) == "/?layout=geo&year=2016"
    assert parse_params("timeline", {"group": ["county"]}).group == "county"
    with pytest.raises(InvalidRequest, match="year must be between"):
        parse_params("overview", {"year": ["16"]})
    with pytest.raises(InvalidRequest, match="outside"):
        parse_params("overview", {"year": ["2016"], "from_year": ["2010"], "to_year": ["2012"]})
    with pytest.raises(InvalidRequest, match="group must be one of"):
        parse_params("timeline", {"group": ["colour"]})
    assert ViewParams(group="fund").to_query() == [("group", "fund")]


def test_the_timeline_payload_of_the_seeds(view_store: GraphStore) -> None:
    timeline = payload(view_store, "timeline", group="county")
    assert timeline["view"] == "timeline" and not timeline["summarised"]
    assert [row["label"] for row in timeline["rows"]] == ["Kronobergs län", "Dalarnas län", "Värmlands län"]
    assert {f["id"] for f in timeline["funds"]} == {"fund:esf-2007-2013", "fund:amif", "fund:eif", None}
    with pytest.raises(InvalidRequest, match="is a project"):
        payload(view_store, "timeline", id="project:insteget")


def test_a_network_view_in_a_year_keeps_the_places_of_the_whole_view(view_store: GraphStore) -> None:
    whole = payload(view_store, "overview")
    at = {n["id"]: (n["x"], n["y"]) for n in whole["nodes"]}
    for year in ("2010", "2016", "2018"):
        shown = payload(view_store, "overview", year=year)["nodes"]
        assert shown and all(at[n["id"]] == (n["x"], n["y"]) for n in shown)


def test_every_node_says_the_years_it_is_shown_in_and_since_when(view_store: GraphStore) -> None:
    view = payload(view_store, "overview")
    nodes = {n["id"]: n for n in view["nodes"]}
    assert nodes["project:connecting-people"]["years"] == [[2016, 2018]]
    assert nodes["project:connecting-people"]["since"] == 2016
    assert nodes["project:dalarna-implementering-integration"]["years"] == [[2014, 2014]]
    assert nodes["project:varmlandsmodellen"]["years"] == [] and nodes["project:varmlandsmodellen"]["since"] is None
    assert nodes["municipality:1766"]["years"] == [[2016, 2018]]  # Värmlandsmodellen has no period
    undated = sum(1 for n in view["nodes"] if n["kind"] == "project" and n["years"] == [])
    assert view["time"] == {"first": 2009, "last": 2018, "undated": undated} and undated > 0
    some_years = payload(view_store, "overview", from_year="2010", to_year="2014")
    assert some_years["time"] == {"first": 2010, "last": 2014, "undated": 0}


def test_spans_of_years() -> None:
    assert merged([(2014, 2016), (2017, 2018), (2012, 2012), (2020, None), (2021, 2022)]) == [
        [2012, 2012],
        [2014, 2018],
        [2020, None],
    ]
    assert merged([(2016, 2014)]) == []  # ends before it starts: no year
    assert shown_in(None, 1990) and shown_in([[2014, None]], 2030) and not shown_in([[2014, 2016]], 2017)
    assert not shown_in([], 2016)


#: A generated network (many years, partners in several projects) and the views whose years are the store's.
_GENERATED = 160
_VIEWS = [
    ("overview", {}, {}),
    ("overview", {"from_year": "2014", "to_year": "2018"}, {"years": (2014, 2018)}),
    ("overview", {"kind": "municipality"}, {"kinds": frozenset({Label.MUNICIPALITY})}),
    ("overview", {"fund": "fund:amif"}, {"fund": "fund:amif"}),
    ("county", {"county": "12"}, {"county": "12"}),
]


def test_a_view_in_a_year_is_what_the_store_answers_for_that_year(empty_store: GraphStore) -> None:
    empty_store.load(generate(_GENERATED, 3, REFERENCE))
    for view, query, filters in _VIEWS:
        whole = payload(empty_store, view, **query)
        time, first_of = whole["time"], None
        assert time["first"] is not None and time["last"] - time["first"] >= 4, (view, query)
        always = {n["id"] for n in whole["nodes"] if n["years"] is None}  # a county's municipalities
        for year in range(time["first"], time["last"] + 1):
            sub = empty_store.subgraph(SubgraphFilter(year=year, **filters), limit=MAX_LIMIT)
            mine = at_year(whole, year)
            expected = {n.id for n in sub.nodes}
            assert {n["id"] for n in mine["nodes"]} == expected | always, (view, query, year)
            assert mine["new"] == sub.new, (view, query, year)
            assert {(r.start, r.type.value, r.end) for r in sub.relationships} == {
                (r["start"], r["type"], r["end"]) for r in mine["relationships"]
            }, (view, query, year)
            first_of = first_of or (year if sub.nodes else None)
        assert first_of is not None


def test_the_projection_in_a_year_is_the_projection_of_that_years_network() -> None:
    store = MemoryStore()
    store.load(generate(_GENERATED, 3, REFERENCE))
    whole = payload(store, "projection")
    assert at_year(whole, 2016) == payload(store, "projection", year="2016")
    for year in range(whole["time"]["first"], whole["time"]["last"] + 1):
        kinds = frozenset({Label.PROJECT, Label.MUNICIPALITY})
        sub = store.subgraph(SubgraphFilter(year=year, kinds=kinds), limit=MAX_LIMIT)
        projection = collaboration_projection(subgraph_to_networkx(sub))
        mine = at_year(whole, year)
        assert {n["id"] for n in mine["nodes"]} == set(projection.nodes)
        assert {(r["start"], r["end"], r["properties"]["weight"]) for r in mine["relationships"]} == {
            (a, b, attrs["weight"]) for a, b, attrs in projection.edges(data=True)
        }
        assert mine["new"] == [m for m in sub.new or [] if m in projection]


def test_a_summarised_view_in_a_year_is_the_stores_network_of_that_year(big_store: GraphStore) -> None:
    summary = payload(big_store, "overview")
    assert summary["aggregated"] and summary["time"] is None  # a summary per county has no years
    in_2009 = payload(big_store, "overview", year="2009")
    sub = big_store.subgraph(SubgraphFilter(year=2009), limit=MAX_LIMIT)
    assert in_2009["year"] == 2009 and in_2009["new"] == sub.new
    assert in_2009["full_counts"]["nodes"] == len(sub.nodes)


def test_the_served_page_and_its_twin_carry_the_years(view_store: GraphStore) -> None:
    """Over HTTP: the page of a year has the control set to it; its JSON twin is that year's nodes where the whole
    view's twin puts them, each saying its years; a bad year is the client's mistake (400), never a 500."""
    with TestClient(create_app(Settings(), store=view_store)) as client:
        page = client.get("/views/county?county=20&year=2014&lang=en")
        assert page.status_code == 200
        slider = re.search(r'<input id="year-slider"[^>]*>', page.text)
        assert slider and 'min="2014"' in slider[0] and 'max="2014"' in slider[0] and 'value="2014"' in slider[0]
        assert 'id="year-play"' in page.text and ">Play<" in page.text
        whole = client.get("/views/county.json?county=20").json()
        twin = client.get("/views/county.json?county=20&year=2014").json()
        at = {n["id"]: (n["x"], n["y"]) for n in whole["nodes"]}
        assert twin["year"] == 2014 and whole["time"] == {"first": 2014, "last": 2014, "undated": 5}
        dalarna = next(n for n in twin["nodes"] if n["id"] == "project:dalarna-implementering-integration")
        assert dalarna["years"] == [[2014, 2014]] and dalarna["since"] == 2014
        assert not any(n["kind"] == "project" and n["years"] == [] for n in twin["nodes"])  # the undated: never
        assert all(at[n["id"]] == (n["x"], n["y"]) for n in twin["nodes"])
        assert "project:dalarna-implementering-integration" in twin["new"]
        for bad in ("16", "twenty", "2014.5"):
            answer = client.get(f"/views/county.json?county=20&year={bad}")
            assert answer.status_code == 400 and "year" in answer.text, bad
        assert 'id="year-slider"' not in client.get("/views/timeline").text
