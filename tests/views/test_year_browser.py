"""The network year by year in a real Chromium: the year slider draws what the store answers for the year (both
stores, through the API), rings what is new, keeps every node where the whole view put it and names apart; play
steps to the last year and stops; the year stays in the URL; embeds and rendered files have it; words in both
languages; keyboard.

What is drawn is vis-network's own list of the nodes it draws (``network.body.nodeIndices``: hidden ones are not
in it); what is new, the page's rings (``window.graphapp.years.marked``) and the rings of its SVG picture.
"""

from __future__ import annotations

import io
import json
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from graphapp.store import GraphStore, SubgraphFilter
from graphapp.views.page import render_file
from tests.views.conftest import REFERENCE, LiveServer, PageWatch, axe_violations
from tests.views.test_browser import assert_clean
from tests.views.test_picture import _meet, assert_names_apart, drawn
from tests.views.test_takeaway import _download

_DRAWN_IDS = "() => window.graphapp.network.body.nodeIndices.slice().sort()"
_PLACES = "() => window.graphapp.network.getPositions()"


def the_picture(page: Any) -> tuple[Any, ...]:
    """What a page draws: the nodes, where, and how many have a ring."""
    return page.evaluate(_DRAWN_IDS), page.evaluate(_PLACES), page.evaluate("() => window.graphapp.years.marked.size")


def api(server: LiveServer, path: str) -> Any:
    with urllib.request.urlopen(server.url + path) as response:
        return json.load(response)


def the_years(watch: PageWatch) -> tuple[int, int]:
    low, high = watch.page.evaluate(
        "() => { const s = document.getElementById('year-slider'); return [Number(s.min), Number(s.max)]; }"
    )
    return low, high


def choose(watch: PageWatch, year: int | None, frame: Any = None) -> None:
    """Move the slider to ``year`` as a pointer does (``input`` events), or press "all years"; wait for the drawing."""
    scope = frame or watch.page
    if year is None:
        scope.locator("#year-all").click()
    else:
        scope.locator("#year-slider").evaluate(
            "(slider, year) => { slider.value = String(year); slider.dispatchEvent(new Event('input')); }", year
        )
    scope.locator(f"body[data-year='{'all' if year is None else year}']").wait_for(state="attached")


def the_store_in(server: LiveServer, year: int, query: str = "") -> tuple[list[str], list[str]]:
    """The ids of the nodes of the store's network in ``year`` and of those new then, through the API."""
    sub = api(server, f"/api/subgraph?year={year}&limit=20000{query}")
    return sorted(n["id"] for n in sub["nodes"]), sub["new"]


def check_years_against_the_store(watch: PageWatch, server: LiveServer, query: str = "") -> int:
    """At every year of the slider: the nodes drawn and the nodes ringed are the store's; every node stays put.
    Returns the years that drew something."""
    places = watch.page.evaluate(_PLACES)
    first, last = the_years(watch)
    shown = 0
    for year in range(first, last + 1):
        choose(watch, year)
        nodes, new = the_store_in(server, year, query)
        assert watch.page.evaluate(_DRAWN_IDS) == nodes, year
        assert sorted(watch.page.evaluate("() => Array.from(window.graphapp.years.marked)")) == new, year
        now = watch.page.evaluate(_PLACES)
        assert all(now[i] == places[i] for i in now), f"a node moved in {year}"
        shown += bool(nodes)
    return shown


def test_the_slider_draws_the_stores_network_of_each_year(live_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(live_server.url + "/")
    watch.wait_stable()
    everything = watch.page.evaluate(_DRAWN_IDS)
    assert check_years_against_the_store(watch, live_server) >= 4
    choose(watch, None)
    assert watch.page.evaluate(_DRAWN_IDS) == everything
    assert_clean(watch, live_server.url)


def test_the_slider_draws_the_stores_network_of_each_year_on_neo4j(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    watch.page.goto(neo4j_live_server.url + "/views/county?county=07&layout=geo")
    watch.wait_stable()
    county = {n["id"] for n in api(neo4j_live_server, "/views/county.json?county=07")["nodes"] if n["years"] is None}
    first, last = the_years(watch)
    assert first <= 2009 and last >= 2011
    for year in range(first, last + 1):
        choose(watch, year)
        nodes, new = the_store_in(neo4j_live_server, year, "&county=07")
        assert watch.page.evaluate(_DRAWN_IDS) == sorted(set(nodes) | county), year  # the county's own, always
        assert sorted(watch.page.evaluate("() => Array.from(window.graphapp.years.marked)")) == new, year
    watch.screenshot("year-kronoberg-map-neo4j")
    assert_clean(watch, neo4j_live_server.url)


def test_2000_nodes_year_by_year_as_the_store_has_them_names_apart(
    live_server_2000: LiveServer, watch: PageWatch
) -> None:
    watch.page.goto(live_server_2000.url + "/")
    watch.wait_stable()
    assert check_years_against_the_store(watch, live_server_2000) >= 15
    for year in (2012, 2016, 2021):
        choose(watch, year)
        picture = drawn(watch)
        assert_names_apart(picture)
        assert {b["id"] for b in picture["labels"]} <= set(watch.page.evaluate(_DRAWN_IDS))  # only what is shown
        rings = watch.page.evaluate(
            """() => { const g = window.graphapp, n = g.network, scale = n.getScale();
              return Array.from(g.years.marked).map((id) => { const p = n.canvasToDOM(n.getPositions([id])[id]);
                const r = g.years.ring(id, n.body.nodes[id], scale);
                return {id: id, x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r}; }); }"""
        )
        assert rings
        for box in picture["labels"]:
            over = [r["id"] for r in rings if r["id"] != box["id"] and _meet(box, r, slack=1.5)]
            assert not over, f"{box['text']!r} over the ring of {over}"
    watch.screenshot("year-2000-nodes-2021")
    assert_clean(watch, live_server_2000.url)


def test_play_steps_through_the_years_and_stops_at_the_last(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/")
    watch.wait_stable()
    first, last = the_years(watch)
    choose(watch, last - 2)
    play = page.locator("#year-play")
    expect(play).to_have_text("Spela upp")
    play.click()
    expect(play).to_have_text("Pausa")
    expect(play).to_have_attribute("aria-pressed", "true")
    page.locator(f"body[data-year='{last - 1}']").wait_for(state="attached", timeout=5000)
    page.locator(f"body[data-year='{last}']").wait_for(state="attached", timeout=5000)
    expect(page.locator("body")).not_to_have_attribute("data-playing", "true", timeout=5000)
    expect(play).to_have_text("Spela upp")
    page.wait_for_timeout(1500)
    assert page.locator("body").get_attribute("data-year") == str(last)  # stopped there
    play.click()  # from the last year, play starts again at the first
    page.locator(f"body[data-year='{first}']").wait_for(state="attached", timeout=5000)
    play.click()  # and pauses
    page.wait_for_timeout(1500)
    assert page.locator("body").get_attribute("data-year") == str(first)
    assert_clean(watch, live_server.url)


def test_a_shared_link_shows_the_same_year(live_server: LiveServer, watch: PageWatch, browser: Any) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/county?county=20")
    watch.wait_stable()
    choose(watch, 2014)
    assert "year=2014" in page.url and "county=20" in page.url
    picture = the_picture(page)
    status = page.locator("#year-status").text_content()
    assert picture[2] > 0 and "2014" in (status or "")
    other = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    try:
        other.goto(page.url)
        other.wait_for_selector("body[data-year='2014']", state="attached", timeout=20_000)
        assert the_picture(other) == picture
        expect(other.locator("#year-slider")).to_have_value("2014")
        expect(other.locator("#year-value")).to_have_text("2014")
        expect(other.locator("#year-status")).to_have_text(status or "")
        # the language link and the filter form keep the year; the tables are the year's
        assert "year=2014" in (other.locator(".lang-switch").get_attribute("href") or "")
        expect(other.locator("#f-year")).to_have_value("2014")
    finally:
        other.context.close()
    choose(watch, None)
    assert "year=" not in page.url
    assert_clean(watch, live_server.url)


def test_the_tables_and_pictures_are_of_the_year_shown(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/?year=2016")
    watch.wait_stable()
    shown = page.evaluate(_DRAWN_IDS)
    book = load_workbook(io.BytesIO(_download(watch, "xlsx").read_bytes()))
    assert sorted(row[0] for row in book["Noder"].iter_rows(min_row=2, values_only=True)) == shown
    choose(watch, 2009)
    book = load_workbook(io.BytesIO(_download(watch, "xlsx").read_bytes()))
    assert sorted(row[0] for row in book["Noder"].iter_rows(min_row=2, values_only=True)) == page.evaluate(_DRAWN_IDS)
    svg = ElementTree.fromstring(_download(watch, "svg").read_bytes())
    ns = {"svg": "http://www.w3.org/2000/svg"}
    titles = [t.text for t in svg.findall(".//svg:title", ns)]
    assert titles[0] == "Hela nätverket, 2009"
    rings = svg.findall(".//svg:circle[@class='new']", ns)
    assert len(rings) == 2 * page.evaluate("() => window.graphapp.years.marked.size") > 0  # a white and a dark ring
    assert any(t.text == "Ny 2009" for t in svg.findall(".//svg:text", ns))  # the ring in the legend
    # the accessible table lists what is drawn
    rows = page.locator("#node-table tbody tr:not([hidden]) button[data-node]").evaluate_all(
        "(buttons) => buttons.map((b) => b.getAttribute('data-node')).sort()"
    )
    assert rows == page.evaluate(_DRAWN_IDS)
    expect(page.locator("#node-table caption")).to_have_text(f"Noder ({len(rows)})")
    assert_clean(watch, live_server.url)


def test_the_year_control_is_labelled_in_both_languages_and_works_from_the_keyboard(
    live_server: LiveServer, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766&lang=en")
    watch.wait_stable()
    slider = page.get_by_role("slider", name="Year")
    expect(slider).to_have_attribute("aria-valuetext", "All years")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    expect(page.get_by_role("button", name="All years")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#year-help")).to_contain_text("never shown in a single year")
    slider.focus()
    page.keyboard.press("Home")
    first, _ = the_years(watch)
    page.locator(f"body[data-year='{first}']").wait_for(state="attached")
    page.keyboard.press("ArrowRight")
    page.locator(f"body[data-year='{first + 1}']").wait_for(state="attached")
    expect(slider).to_have_attribute("aria-valuetext", str(first + 1))
    expect(page.locator("#year-status")).to_contain_text(f"Year {first + 1}. Projects: ")
    page.keyboard.press("Tab")  # to "all years"
    expect(page.locator("#year-all")).to_be_focused()
    page.keyboard.press("Enter")
    page.locator("body[data-year='all']").wait_for(state="attached")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # to play
    expect(page.locator("#year-play")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#year-play")).to_have_text("Pause")
    page.keyboard.press("Space")
    expect(page.locator("#year-play")).to_have_text("Play")
    assert axe_violations(page) == []
    page.goto(live_server.url + "/views/actor?id=municipality:1766&year=2016")
    watch.wait_stable()
    expect(page.get_by_role("slider", name="År")).to_have_attribute("aria-valuetext", "2016")
    expect(page.get_by_role("button", name="Spela upp")).to_be_visible()
    expect(page.locator("#year-help")).to_contain_text("visas aldrig i ett enskilt år")
    watch.screenshot("year-sunne-2016")
    assert_clean(watch, live_server.url)


def test_an_embed_has_the_year_control_under_its_network(live_server: LiveServer, watch: PageWatch) -> None:
    src = quote(live_server.url + "/embed/county?county=07&year=2009", safe="")
    watch.page.goto(f"http://127.0.0.1:{live_server.host_port}/host.html?src={src}")
    frame = watch.page.frame_locator("#frame")
    frame.locator("body[data-year='2009']").wait_for(state="attached", timeout=20_000)
    inner = next(f for f in watch.page.frames if "/embed/" in f.url)
    nodes, _ = the_store_in(live_server, 2009, "&county=07")
    county = {n["id"] for n in api(live_server, "/views/county.json?county=07")["nodes"] if n["years"] is None}
    assert inner.evaluate(_DRAWN_IDS) == sorted(set(nodes) | county)
    boxes = inner.evaluate(
        """() => Object.fromEntries(['.year-control', '#network', '#download-menu summary', '.legend']
             .map((s) => [s, document.querySelector(s).getBoundingClientRect().toJSON()]))"""
    )
    assert boxes["#network"]["y"] + boxes["#network"]["height"] <= boxes[".year-control"]["y"] + 0.5  # a player's
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not _meet(boxes[a], boxes[b]), (a, b)
    assert boxes[".year-control"]["y"] + boxes[".year-control"]["height"] <= 500  # all of it in the frame
    assert boxes["#network"]["height"] >= 0.45 * 500
    choose(watch, 2011, frame)
    assert inner.evaluate(_DRAWN_IDS) == sorted(set(the_store_in(live_server, 2011, "&county=07")[0]) | county)
    watch.screenshot("year-embed-kronoberg")
    assert not watch.errors


@pytest.mark.parametrize("layout", ["force", "geo"])
def test_a_rendered_file_plays_its_years_with_no_server(
    view_store: GraphStore, watch: PageWatch, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / "network.html"
    query = {"year": ["2016"], "layout": [layout]}
    out.write_text(render_file(view_store, "overview", query, "en", REFERENCE), encoding="utf-8")
    watch.page.goto(out.as_uri())
    watch.wait_stable()
    watch.page.wait_for_selector("body[data-year='2016']", state="attached")
    for year in (2016, 2010, 2014):
        choose(watch, year)
        sub = view_store.subgraph(SubgraphFilter(year=year), limit=20_000)
        assert watch.page.evaluate(_DRAWN_IDS) == sorted(n.id for n in sub.nodes), year
        assert sorted(watch.page.evaluate("() => Array.from(window.graphapp.years.marked)")) == sub.new
    watch.page.locator("#year-play").click()
    watch.page.locator("body[data-year='2015']").wait_for(state="attached", timeout=5000)
    watch.screenshot(f"year-file-{layout}")
    watch.page.goto(out.as_uri() + "?year=2010")  # a file opened with a year in its address shows that year
    watch.page.wait_for_selector("body[data-year='2010']", state="attached")
    expect(watch.page.locator("#year-slider")).to_have_value("2010")
    assert [url for url in watch.requests if not url.startswith(("file:", "data:"))] == []
    assert not watch.errors and watch.page.evaluate("window.__csp") == []
