"""The network as it stood in a year (``year=``) and the timeline's payload, without a browser."""

from __future__ import annotations

import pytest

from graphapp.errors import InvalidRequest
from graphapp.store import GraphStore
from graphapp.views.params import ViewParams, parse_params
from graphapp.views.payload import build_payload
from graphapp.views.urls import Urls


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


def test_a_neighbourhood_in_a_year_keeps_the_projects_running_then(view_store: GraphStore) -> None:
    sunne = payload(view_store, "actor", id="municipality:1766", year="2016")
    projects = {n["id"] for n in sunne["nodes"] if n["kind"] == "project"}
    assert projects == {"project:connecting-people"}  # not Värmlandsmodellen: no period
    assert sunne["new"] == ["project:connecting-people"]
    later = payload(view_store, "actor", id="municipality:1766", year="2019")["nodes"]
    assert [n for n in later if n["kind"] == "project"] == []  # its unit (PART_OF) stays: it is no project


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
