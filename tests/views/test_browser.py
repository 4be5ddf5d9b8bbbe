"""The explorer, embeds and rendered files in a real headless Chromium.

Screenshots of each view go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from graphapp.store import GraphStore
from graphapp.views.page import render_file
from tests.views.conftest import XSS_ID, XSS_NAME, LiveServer, PageWatch

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"

VIEW_URLS = {
    "explorer-overview": "/",
    "actor-ego": "/views/actor?id=municipality:1766&depth=2",
    "project-coalition": "/views/project?id=project:integration-pa-g",
    "county": "/views/county?county=07",
    "projection": "/views/projection",
    "geographic": "/views/overview?layout=geo",
    "english": "/views/actor?id=agency:arbetsformedlingen/ljungby&lang=en",
    "embed": "/embed/project?id=project:connecting-people",
}


def assert_clean(watch: PageWatch, origin: str) -> None:
    foreign = [url for url in watch.requests if not url.startswith((origin + "/", "data:"))]
    assert not foreign, f"requests to other origins: {foreign}"
    assert not watch.errors, f"console errors: {watch.errors}"
    assert not watch.dialogs, f"a script ran a dialog: {watch.dialogs}"
    assert watch.page.evaluate("window.__csp") == [], "Content-Security-Policy violations"


def click_node(watch: PageWatch, node_id: str, double: bool = False) -> None:
    point = watch.page.evaluate(
        "(id) => { const n = window.graphapp.network; n.focus(id, {scale: 1.3, animation: false});"
        " return n.canvasToDOM(n.getPositions([id])[id]); }",
        node_id,
    )
    box = watch.page.locator("#network").bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    if double:
        watch.page.mouse.dblclick(x, y)
    else:
        watch.page.mouse.click(x, y)


def node_count(watch: PageWatch) -> int:
    count: int = watch.page.evaluate("window.graphapp.nodes.length")
    return count


@pytest.mark.parametrize("name", list(VIEW_URLS))
def test_every_view_draws_with_nothing_from_other_origins(live_server: LiveServer, watch: PageWatch, name: str) -> None:
    watch.page.goto(live_server.url + VIEW_URLS[name])
    watch.wait_stable()
    assert node_count(watch) > 0
    watch.screenshot(name)
    assert_clean(watch, live_server.url)


def test_search_then_click_shows_details(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/")
    watch.wait_stable()
    page.fill("#search-input", "Sunne")
    page.locator("#search-suggestions [role=option]", has_text="Sunne").first.wait_for()
    page.keyboard.press("Enter")  # Sunne is in the overview: it is selected there
    expect(page.locator("#details-body h3")).to_have_text("Sunne")
    click_node(watch, "project:connecting-people")
    expect(page.locator("#details-body h3")).to_have_text("Connecting people")
    details = page.locator("#details-body").inner_text()
    assert "Sunne" in details and ("AMIF" in details or "Asyl" in details)
    watch.screenshot("details")
    assert_clean(watch, live_server.url)


def test_table_rows_select_nodes_by_keyboard(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    page.locator("#node-table button[data-node='project:connecting-people']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#details-body h3")).to_have_text("Connecting people")


def test_details_quote_the_sentence_each_source_says_it_with(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/project?id=project:connecting-people")
    watch.wait_stable()
    page.locator("#node-table button[data-node='project:connecting-people']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#details-body h3")).to_have_text("Connecting people")

    def item(other: str) -> Any:
        return page.locator("#details-body ul.rels > li", has=page.locator(f"button[data-node='{other}']"))

    quote = item("fund:amif").locator(".rel-sources q.evidence")
    expect(quote).to_have_text(re.compile(r"^2,3 miljoner kronor kommer från AMIF"))
    said = item("municipality:1766").locator("q.evidence")  # owner and co-funder: three sources, three sentences
    expect(said).to_have_count(3)
    expect(said.filter(has_text="I Sunne har kommunen drivit projektet Connecting people.")).to_have_count(1)
    quote.scroll_into_view_if_needed()
    watch.screenshot("details-evidence")
    assert_clean(watch, live_server.url)


def test_double_click_expands_neighbours(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    before = node_count(watch)
    click_node(watch, "project:connecting-people", double=True)
    page.wait_for_selector("body[data-expanded]", state="attached")
    assert node_count(watch) > before
    assert page.locator("#node-table tbody tr").count() == node_count(watch)
    watch.screenshot("expanded")
    assert_clean(watch, live_server.url)


def test_path_finder_highlights_a_path(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    for field, name in (("path-from", "Fryksdalens sparbank"), ("path-to", "Värmlandsmodellen")):
        page.fill(f"#{field}", name)  # as a user does: type, then choose the suggestion (it covers the button)
        page.locator(f"#{field}-list [role=option]", has_text=name).first.click()
        expect(page.locator(f"#{field}-list")).to_be_hidden()
    page.click("#path-form button[type=submit]")
    page.wait_for_selector("body[data-path]", state="attached")
    path = page.get_attribute("body", "data-path") or ""
    assert path.startswith("org:fryksdalens-sparbank") and path.endswith("project:varmlandsmodellen")
    assert page.locator("#path-result ol li").count() == len(path.split())
    watch.screenshot("path")
    assert_clean(watch, live_server.url)


def test_hostile_actor_name_is_text_and_runs_nothing(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + f"/views/actor?id={quote(XSS_ID)}")
    watch.wait_stable()
    assert page.locator("#details-body h3").text_content() == XSS_NAME
    page.fill("#search-input", "onerror")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    click_node(watch, XSS_ID, double=True)
    page.wait_for_selector("body[data-expanded]", state="attached")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert XSS_NAME in page.locator("#node-table").inner_text()
    watch.screenshot("hostile-name")
    assert_clean(watch, live_server.url)


def _frame_state(page: Any) -> str | None:
    frame = page.frame_locator("#frame")
    try:
        return frame.locator("body").get_attribute("data-state", timeout=3000)
    except Exception:  # the frame holds Chromium's error page: no body of ours
        return None


def test_embed_works_in_an_iframe_of_an_allowed_origin(live_server: LiveServer, watch: PageWatch) -> None:
    src = quote(live_server.url + "/embed/actor?id=municipality:1766", safe="")
    watch.page.goto(f"http://127.0.0.1:{live_server.host_port}/host.html?src={src}")
    watch.page.frame_locator("#frame").locator("body[data-state=stable]").wait_for(state="attached", timeout=20_000)
    watch.screenshot("embed-in-iframe")


def test_embed_is_refused_in_an_iframe_of_another_origin(live_server: LiveServer, watch: PageWatch) -> None:
    src = quote(live_server.url + "/embed/actor?id=municipality:1766", safe="")
    watch.page.goto(f"http://localhost:{live_server.host_port}/host.html?src={src}")
    watch.page.wait_for_timeout(1500)
    assert _frame_state(watch.page) is None
    frames = [f.url for f in watch.page.frames[1:]]
    assert all("/embed/" not in url or url.startswith("chrome-error") for url in frames) or frames == []


def test_pages_that_are_not_embeds_cannot_be_framed(live_server: LiveServer, watch: PageWatch) -> None:
    src = quote(live_server.url + "/views/actor?id=municipality:1766", safe="")
    watch.page.goto(f"http://127.0.0.1:{live_server.host_port}/host.html?src={src}")
    watch.page.wait_for_timeout(1500)
    assert _frame_state(watch.page) is None


def test_rendered_file_draws_from_file_url(view_store: GraphStore, watch: PageWatch, tmp_path: Path) -> None:
    out = tmp_path / "sunne.html"
    out.write_text(
        render_file(view_store, "actor", {"id": ["municipality:1766"], "depth": ["2"]}, "sv", REFERENCE),
        encoding="utf-8",
    )
    watch.page.goto(out.as_uri())
    watch.wait_stable()
    assert node_count(watch) > 3
    click_node(watch, "municipality:1766")
    expect(watch.page.locator("#details-body h3")).to_have_text("Sunne")
    watch.screenshot("rendered-file")
    assert [url for url in watch.requests if not url.startswith(("file:", "data:"))] == []
    assert not watch.errors and watch.page.evaluate("window.__csp") == []
