"""The timeline view and an actor's history in a real headless Chromium.

The seeds are drawn as their record files give them: Connecting people June 2016 to December
2018, Dalarna all of 2014, Trelleborg (no period) apart in the undated band. A small network of
its own adds a project that builds on Connecting people, so an arrow joins two bars, and a
hostile project name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.records import merge_record_files, parse_record_file
from graphapp.store import GraphStore, MemoryStore
from graphapp.views.formatting import date_text, period_text
from graphapp.views.i18n import strings
from graphapp.views.page import render_file
from tests.views.conftest import XSS_NAME, LiveServer, PageWatch, _serve, axe_violations
from tests.views.test_browser import REFERENCE, assert_clean
from tests.views.test_takeaway import _download

DOCUMENT = "document:" + "c" * 40
#: Later projects: one builds on Connecting people (2019-2020, in Värmland), one carries a hostile name.
LATER = f"""
project: {{id: "project:after-people", name: Efter Connecting people, start: 2019-03, end: 2020}}
documents: [{{id: "{DOCUMENT}", title: Uppföljning}}]
nodes:
  - {{label: Project, id: "project:hostile", name: "{XSS_NAME}", start: 2017, end: 2018}}
relationships:
  - {{type: OWNS, start: "municipality:1766", end: "project:after-people", sources: ["{DOCUMENT}"]}}
  - {{type: BUILDS_ON, start: "project:after-people", end: "project:connecting-people", sources: ["{DOCUMENT}"]}}
  - {{type: OWNS, start: "municipality:1766", end: "project:hostile", sources: ["{DOCUMENT}"]}}
"""


@pytest.fixture(scope="module")
def timeline_store(dataset: GraphData) -> GraphStore:
    store = MemoryStore()
    store.load(merge_record_files(dataset, [("later.yaml", parse_record_file(LATER, "later.yaml"))]))
    return store


@pytest.fixture(scope="module")
def timeline_server(timeline_store: GraphStore) -> Iterator[LiveServer]:
    for port in _serve(timeline_store, Settings()):
        yield LiveServer(f"http://127.0.0.1:{port}", port, port)


def placed(watch: PageWatch, project: str) -> dict[str, Any]:
    spot: dict[str, Any] = watch.page.evaluate("(id) => window.graphappTimeline.placed.get(id)", project)
    assert spot is not None, f"{project} is not drawn"
    return spot


def year_x(watch: PageWatch, year: int) -> float:
    """The x of the first day of ``year``: the axis' line of that year (one per year, and one after the last)."""
    first = int(watch.page.locator("#timeline .grid text").first.text_content() or 0)
    lines = watch.page.evaluate(
        "() => [...document.querySelectorAll('#timeline .grid line')].map(l => +l.getAttribute('x1'))"
    )
    return float(lines[year - first])


def test_seed_projects_are_drawn_as_their_records_give_them(live_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(live_server.url + "/views/timeline")
    watch.wait_stable()
    per_year = watch.page.evaluate("window.graphappTimeline.perYear")
    people = placed(watch, "project:connecting-people")  # 2016-06-01 to 2018-12-31
    assert people["x0"] == pytest.approx(year_x(watch, 2016) + per_year * 152 / 366, abs=1.5)
    assert people["x1"] == pytest.approx(year_x(watch, 2019), abs=1.5)
    dalarna = placed(watch, "project:dalarna-implementering-integration")  # all of 2014
    assert dalarna["x0"] == pytest.approx(year_x(watch, 2014), abs=1.5)
    assert dalarna["x1"] == pytest.approx(year_x(watch, 2015), abs=1.5)
    label = watch.page.locator(".bar[data-id='project:connecting-people']").get_attribute("aria-label")
    assert label == "Connecting people, 1 juni 2016 \u2013 31 december 2018"
    watch.screenshot("timeline-seeds")
    assert_clean(watch, live_server.url)


def test_undated_projects_are_listed_apart_never_at_a_year(live_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(live_server.url + "/views/timeline")
    watch.wait_stable()
    trelleborg = placed(watch, "project:trelleborg-samhallsorientering")
    assert trelleborg["undated"] is True
    rows_bottom = max(placed(watch, p)["y"] for p in ("project:connecting-people", "project:integration-pa-g"))
    heading_y = float(watch.page.locator("#timeline .undated-heading").get_attribute("y") or 0)
    assert trelleborg["y"] > heading_y > rows_bottom, "below the rows, under its own heading"
    assert watch.page.locator(".bar.undated[data-id='project:trelleborg-samhallsorientering']").count() == 1
    expect(watch.page.locator("#undated-table")).to_contain_text("Arbetsmarknadsinriktad samhällsorientering")
    expect(watch.page.locator("#project-table")).not_to_contain_text("Trelleborg")


def test_lineage_arrows_run_from_the_project_that_builds_on_to_the_earlier(
    timeline_server: LiveServer, watch: PageWatch
) -> None:
    watch.page.goto(timeline_server.url + "/views/timeline")
    watch.wait_stable()
    arrow = watch.page.locator(
        "#timeline path.link[data-start='project:after-people'][data-end='project:connecting-people']"
    )
    expect(arrow).to_have_count(1)
    assert arrow.get_attribute("data-type") == "BUILDS_ON"
    assert arrow.get_attribute("marker-end") == "url(#arrow-BUILDS_ON)"  # the head at the earlier project
    start, end = watch.page.evaluate(
        """() => { const p = document.querySelector("path.link[data-start='project:after-people']");
                   const n = p.getTotalLength();
                   const a = p.getPointAtLength(0), b = p.getPointAtLength(n);
                   return [[a.x, a.y], [b.x, b.y]]; }"""
    )
    later, earlier = placed(watch, "project:after-people"), placed(watch, "project:connecting-people")
    assert start == pytest.approx([later["x0"], later["y"] + 8], abs=1)
    assert end == pytest.approx([earlier["x1"], earlier["y"] + 8], abs=1)
    assert watch.page.locator("path.link[data-start='project:connecting-people']").count() == 1  # to Värmlandsmodellen
    dalarna = watch.page.locator("path.link[data-start='project:dalarna-implementering-integration']")
    expect(dalarna).to_have_count(7)  # to the seven earlier projects, in the undated band
    watch.screenshot("timeline-lineage")


def test_a_click_on_a_bar_opens_its_details_and_a_link_to_its_network(
    timeline_server: LiveServer, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(timeline_server.url + "/views/timeline?lang=en")
    watch.wait_stable()
    page.locator(".bar[data-id='project:connecting-people'] rect").click()
    details = page.locator("#details-body")
    expect(details.locator("h3")).to_have_text("Connecting people")
    expect(details.locator(".period")).to_have_text("1 June 2016 \u2013 31 December 2018")
    expect(details).to_contain_text("Built on by Efter Connecting people")
    expect(details).to_contain_text("Collaborates with Värmlandsmodellen")
    link = details.locator("a", has_text="Open the project's network")
    assert link.get_attribute("href") == "/views/project?id=project%3Aconnecting-people&lang=en"
    details.locator("button[data-project='project:after-people']").click()  # along the lineage
    expect(details.locator("h3")).to_have_text("Efter Connecting people")
    expect(details.locator(".period")).to_have_text("March 2019 \u2013 2020")
    page.locator(".bar[data-id='project:dalarna-implementering-integration']").focus()
    page.keyboard.press("Enter")
    expect(details.locator("h3")).to_have_text("Dalarna – implementering integration")  # noqa: RUF001


def test_filters_and_rows_follow_the_form_and_stay_in_the_url(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/timeline")
    watch.wait_stable()
    page.select_option("#f-county", "20")
    page.locator("#filter-form input[name=group][value=fund]").check()
    page.locator("#filter-form button[type=submit]").click()
    watch.wait_stable()
    assert parse_qs(urlsplit(page.url).query) == {"county": ["20"], "group": ["fund"]}
    drawn = page.evaluate("() => [...document.querySelectorAll('#timeline .bar')].map(b => b.dataset.id)")
    assert "project:dalarna-implementering-integration" in drawn and "project:connecting-people" not in drawn
    labels = page.locator("#timeline .row-label title").all_text_contents()
    assert labels == ["Europeiska socialfonden (ESF) 2007–2013"]
    expect(page.locator("#timeline-heading")).to_have_text("Tidslinje: Dalarnas län")
    page.goto(live_server.url + "/views/timeline?from_year=2015&to_year=2017")
    watch.wait_stable()
    drawn = page.evaluate("() => [...document.querySelectorAll('#timeline .bar:not(.undated)')].map(b => b.dataset.id)")
    assert drawn == ["project:connecting-people"]


def test_an_actors_timeline_shows_its_projects(timeline_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(timeline_server.url + "/views/timeline?id=municipality:1766")
    watch.wait_stable()
    drawn = watch.page.evaluate("() => [...document.querySelectorAll('#timeline .bar')].map(b => b.dataset.id)")
    assert sorted(drawn) == [
        "project:after-people",
        "project:connecting-people",
        "project:hostile",
        "project:varmlandsmodellen",
    ]
    expect(watch.page.locator(".actor-filter strong")).to_have_text("Sunne")


def test_a_hostile_project_name_is_text_and_runs_nothing(timeline_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(timeline_server.url + "/views/timeline")
    watch.wait_stable()
    expect(watch.page.locator(".bar[data-id='project:hostile'] text")).to_have_text(XSS_NAME)
    watch.page.locator(".bar[data-id='project:hostile'] rect").click()
    expect(watch.page.locator("#details-body h3")).to_have_text(XSS_NAME)
    assert watch.page.locator("#timeline img").count() == 0
    assert_clean(watch, timeline_server.url)


def test_the_timeline_embeds_in_an_allowed_origin(live_server: LiveServer, watch: PageWatch) -> None:
    src = quote(live_server.url + "/embed/timeline?county=17", safe="")
    watch.page.goto(f"http://127.0.0.1:{live_server.host_port}/host.html?src={src}")
    frame = watch.page.frame_locator("#frame")
    frame.locator("body[data-state=stable]").wait_for(state="attached", timeout=20_000)
    expect(frame.locator(".bar[data-id='project:connecting-people']")).to_have_count(1)
    expect(frame.locator(".filters")).to_have_count(0)
    watch.screenshot("timeline-embed")
    oembed = watch.page.request.get(
        live_server.url + "/oembed", params={"url": live_server.url + "/views/timeline?county=17"}
    ).json()
    assert "/embed/timeline?county=17" in oembed["html"]


def test_the_downloads_carry_the_timeline(timeline_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(timeline_server.url + "/views/timeline?lang=en")
    watch.wait_stable()
    svg = ElementTree.parse(_download(watch, "svg")).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [text.text for text in svg.iterfind(".//svg:text", ns)]
    assert "Timeline" in texts and "Connecting people" in texts and "2016" in texts
    assert len(svg.findall(".//svg:path[@data-type='BUILDS_ON']", ns)) == 9  # Dalarna 7, Integration på G! 1, ours 1
    projects = list(csv.reader(io.StringIO(_download(watch, "nodes_csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in projects if r[0] == "project:connecting-people")
    assert row[1:5] == ["Connecting people", "2016-06-01", "2018-12-31", "1 June 2016 \u2013 31 December 2018"]
    links = list(csv.reader(io.StringIO(_download(watch, "rels_csv").read_text(encoding="utf-8-sig"))))
    assert ["project:after-people", "Efter Connecting people", "builds on", "Connecting people"] in [
        r[:4] for r in links
    ]
    png = _download(watch, "png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert_clean(watch, timeline_server.url)


def test_a_rendered_timeline_draws_from_a_file(view_store: GraphStore, watch: PageWatch, tmp_path: Path) -> None:
    out = tmp_path / "timeline.html"
    out.write_text(render_file(view_store, "timeline", {"group": ["county"]}, "sv", REFERENCE), encoding="utf-8")
    watch.page.goto(out.as_uri())
    watch.wait_stable()
    assert watch.page.locator("#timeline .bar").count() == 13  # 3 with a period, 10 without
    watch.page.locator(".bar[data-id='project:integration-pa-g'] rect").click()
    expect(watch.page.locator("#details-body h3")).to_have_text("Integration på G!")
    assert watch.page.locator("#details-body a").count() == 0  # no server to open its network on
    assert [url for url in watch.requests if not url.startswith(("file:", "data:"))] == []
    assert not watch.errors and watch.page.evaluate("window.__csp") == []


def test_the_timeline_has_no_serious_accessibility_violations(live_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(live_server.url + "/views/timeline")
    watch.wait_stable()
    assert axe_violations(watch.page) == []


def test_an_actors_history_in_its_details(timeline_server: LiveServer, watch: PageWatch) -> None:
    """Sunne: Connecting people 2016-2018 with two new partners in 2016, its later projects in 2017 and 2019."""
    page = watch.page
    page.goto(timeline_server.url + "/views/actor?id=municipality:1766&lang=en")
    watch.wait_stable()
    history = page.locator("#details-body section.history[data-state=shown]")
    history.wait_for()
    rows = history.locator("table tbody tr").all_inner_texts()
    assert [r.split("\t") for r in rows] == [
        ["2016", "1", "2"],
        ["2017", "2", "0"],
        ["2018", "2", "0"],
        ["2019", "1", "0"],
        ["2020", "1", "0"],
    ]
    expect(history.locator("dl")).to_contain_text("Fryksdalens sparbank")
    bars = page.evaluate(
        "() => [...document.querySelectorAll('.history-bar')].map(b => [b.dataset.series, +b.dataset.year, "
        "+b.dataset.count])"
    )
    assert ["partners_gained", 2016, 2] in bars and ["projects", 2017, 2] in bars
    expect(history).to_contain_text("1 projects without a period are not counted.")
    link = history.locator("a", has_text="Show the actor's projects on the timeline")
    assert link.get_attribute("href") == "/views/timeline?id=municipality%3A1766&lang=en"
    watch.screenshot("actor-history")
    assert_clean(watch, timeline_server.url)
    page.goto(timeline_server.url + "/views/project?id=project:connecting-people")
    watch.wait_stable()
    assert page.locator("#details-body section.history").count() == 0  # a project has no history of partners


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_and_server_write_dates_alike(live_server: LiveServer, watch: PageWatch, lang: str) -> None:
    """kit.js (the details, the timeline) and graphapp.views.formatting (the tables) say a date the same way."""
    values = ["2016-06-01", "2016-06", "2014", "2018-12-31", "2009-01-15"]
    watch.page.goto(live_server.url + "/views/timeline")
    watch.wait_stable()
    shown = watch.page.evaluate(
        "([values, strings, lang]) => { const w = window.graphappKit.make(strings, lang);"
        " return [values.map((v) => w.date(v)), w.period(values[1], values[3]), w.period(values[2], null)]; }",
        [values, strings(lang), lang],
    )
    assert shown == [
        [date_text(v, lang) for v in values],
        period_text(values[1], values[3], lang),
        period_text(values[2], None, lang),
    ]
    assert date_text("2014", lang) == "2014" and not date_text("2016-06", lang)[0].isdigit()  # no invented day
