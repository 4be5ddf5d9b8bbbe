"""What a coordinator takes away from a view, in a real headless Chromium: pictures (PNG, SVG) and tables
(CSV) of the network, the map under the geographic layout, words instead of keys in the details panel,
names in the path finder; and no serious accessibility violation.
"""

from __future__ import annotations

import base64
import csv
import io
import struct
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from graphapp.store import GraphStore
from graphapp.views.formatting import number, sek
from graphapp.views.page import render_file
from tests.views.conftest import XSS_ID, XSS_NAME, LiveServer, PageWatch, axe_violations
from tests.views.test_browser import REFERENCE, assert_clean

PROJECT_ORANGE = (0xE6, 0x9F, 0x00)
LAND_FILL = (0xF1, 0xF4, 0xEE)


def _download(watch: PageWatch, kind: str, frame: Any = None) -> Path:
    scope = frame or watch.page
    scope.locator("#download-menu summary").click()
    with watch.page.expect_download() as info:
        scope.locator(f"#download-menu button[data-download={kind}]").click()
    path = info.value.path()
    assert path is not None
    return Path(path)


def _pixels_like(browser: Any, png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    """How many pixels of ``png`` are within ``tolerance`` of ``colour`` (decoded by Chromium on a blank page)."""
    page = browser.new_page()
    try:
        count: int = page.evaluate(
            """async ([data, colour, tolerance]) => {
                const image = new Image();
                image.src = "data:image/png;base64," + data;
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = image.width; canvas.height = image.height;
                const ctx = canvas.getContext("2d");
                ctx.drawImage(image, 0, 0);
                const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
                let n = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                    if (Math.abs(pixels[i] - colour[0]) <= tolerance && Math.abs(pixels[i + 1] - colour[1]) <= tolerance
                        && Math.abs(pixels[i + 2] - colour[2]) <= tolerance) { n++; }
                }
                return n;
            }""",
            [base64.b64encode(png).decode("ascii"), list(colour), tolerance],
        )
    finally:
        page.close()
    return count


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_download_is_a_picture_of_the_network(live_server: LiveServer, watch: PageWatch, browser: Any) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/project?id=project:integration-pa-g")
    watch.wait_stable()
    png = _download(watch, "png").read_bytes()
    width, height = _png_size(png)
    canvas = page.locator("#network canvas").bounding_box()
    assert canvas is not None
    assert width >= canvas["width"] and height > canvas["height"], "the network plus a title and a legend"
    assert _pixels_like(browser, png, PROJECT_ORANGE) > 200, "the project diamonds are in the picture"
    expect(page.locator("body")).to_have_attribute("data-downloaded", "png")
    assert_clean(watch, live_server.url)


def test_svg_download_draws_the_nodes_in_view_with_their_names(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    svg = ElementTree.parse(_download(watch, "svg")).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [text.text for text in svg.iterfind(".//svg:text", ns)]
    shapes = svg.findall(".//svg:circle", ns) + svg.findall(".//svg:polygon", ns)
    shown = page.evaluate("window.graphapp.nodes.length")
    assert "Aktörens nätverk: Sunne" in texts and "Sunne" in texts and "Connecting people" in texts
    assert len(shapes) >= shown, "every node in view, and the legend"
    assert len(svg.findall(".//svg:line", ns)) >= 1


def test_node_and_relationship_tables_as_csv(live_server: LiveServer, watch: PageWatch, view_store: GraphStore) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766&lang=en")
    watch.wait_stable()
    raw = _download(watch, "nodes_csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    nodes = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert nodes[0][:4] == ["Id", "Name", "Kind", "Links"]
    assert ["municipality:1766", "Sunne", "Municipality"] in [row[:3] for row in nodes]
    assert len(nodes) - 1 == page.evaluate("window.graphapp.nodes.length")
    rels = list(csv.reader(io.StringIO(_download(watch, "rels_csv").read_text(encoding="utf-8-sig"))))
    assert rels[0][:5] == ["From (Id)", "From", "Relationship", "To", "To (Id)"]
    assert ["municipality:1766", "Sunne", "owns", "Connecting people", "project:connecting-people"] in [
        row[:5] for row in rels
    ]
    assert_clean(watch, live_server.url)


def test_tables_in_excel_are_what_the_page_shows_after_expanding(live_server: LiveServer, watch: PageWatch) -> None:
    """Swedish page: the workbook's sheets and the ';'-separated CSV hold the nodes expanded since it loaded."""
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    page.evaluate("window.graphapp.expand('project:connecting-people')")
    page.wait_for_selector("body[data-expanded]", state="attached")
    shown = set(page.evaluate("window.graphapp.nodes.getIds()"))
    assert XSS_ID in shown, "the expansion brought in a participant of Connecting people"
    book = load_workbook(io.BytesIO(_download(watch, "xlsx").read_bytes()))
    assert book.sheetnames == ["Noder", "Relationer"]
    nodes = list(book["Noder"].iter_rows(values_only=True))
    assert nodes[0][:4] == ("Id", "Namn", "Typ", "Kopplingar")
    assert {row[0] for row in nodes[1:]} == shown
    assert all(isinstance(row[3], int) for row in nodes[1:]), "links are numbers"
    rels = list(book["Relationer"].iter_rows(values_only=True))
    assert (XSS_ID, XSS_NAME, "deltar i", "Connecting people") in [row[:4] for row in rels]
    raw = _download(watch, "nodes_csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {row[0] for row in rows[1:]} == shown and rows[0][:2] == ["Id", "Namn"]
    assert_clean(watch, live_server.url)


def test_geographic_view_draws_borders_from_this_site(live_server: LiveServer, watch: PageWatch, browser: Any) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/overview?layout=geo")
    watch.wait_stable()
    page.wait_for_selector("body[data-map=drawn]", state="attached")
    assert any(url.startswith(live_server.url + "/static/map/sweden.geojson") for url in watch.requests)
    expect(page.locator(".map-credit")).to_contain_text("SCB:s digitala gränser (CC0)")
    shot = page.locator("#network").screenshot(type="png")
    assert _pixels_like(browser, shot, LAND_FILL, tolerance=3) > 5000, "the land of the map under the network"
    before = _pixels_like(browser, shot, (0x6D, 0x7A, 0x69), tolerance=10)
    assert before > 50, "county borders"
    watch.screenshot("geographic-map")
    assert_clean(watch, live_server.url)


def test_map_zooms_with_the_network(live_server: LiveServer, watch: PageWatch, browser: Any) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/county?county=07&layout=geo")
    watch.wait_stable()
    page.wait_for_selector("body[data-map=drawn]", state="attached")
    where = (
        "() => { const n = window.graphapp.network;"
        " return n.canvasToDOM(n.getPositions(['municipality:0780'])['municipality:0780']); }"
    )
    before = page.evaluate(where)
    page.evaluate("() => window.graphapp.network.moveTo({scale: 0.2, animation: false})")
    assert page.evaluate(where) != before
    shot = page.locator("#network").screenshot(type="png")
    assert _pixels_like(browser, shot, LAND_FILL, tolerance=3) > 5000, "zoomed out: the whole of Sweden is drawn"


def test_rendered_geographic_file_has_its_map_and_credit(
    view_store: GraphStore, watch: PageWatch, tmp_path: Path
) -> None:
    out = tmp_path / "geo.html"
    out.write_text(render_file(view_store, "overview", {"layout": ["geo"]}, "en", REFERENCE), encoding="utf-8")
    watch.page.goto(out.as_uri())
    watch.wait_stable()
    watch.page.wait_for_selector("body[data-map=drawn]", state="attached")
    expect(watch.page.locator(".map-credit")).to_contain_text("Statistics Sweden's digital boundaries (CC0)")
    expect(watch.page.locator("#download-menu")).to_be_attached()
    assert [url for url in watch.requests if not url.startswith(("file:", "data:"))] == []
    assert not watch.errors and watch.page.evaluate("window.__csp") == []


def test_embed_has_a_small_download_menu(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/embed/project?id=project:connecting-people")
    watch.wait_stable()
    png = _download(watch, "png").read_bytes()
    assert _png_size(png)[0] > 100
    assert_clean(watch, live_server.url)
    book = load_workbook(io.BytesIO(_download(watch, "xlsx").read_bytes()))
    ids = [row[0] for row in book["Noder"].iter_rows(min_row=2, values_only=True)]
    assert "project:connecting-people" in ids and len(ids) == page.evaluate("window.graphapp.nodes.length")


def test_rendered_file_gives_its_tables_with_no_server(
    view_store: GraphStore, watch: PageWatch, tmp_path: Path
) -> None:
    out = tmp_path / "sunne.html"
    out.write_text(render_file(view_store, "actor", {"id": ["municipality:1766"]}, "en", REFERENCE), encoding="utf-8")
    watch.page.goto(out.as_uri())
    watch.wait_stable()
    book = load_workbook(io.BytesIO(_download(watch, "xlsx").read_bytes()))
    ids = [row[0] for row in book["Nodes"].iter_rows(min_row=2, values_only=True)]
    assert len(ids) == watch.page.evaluate("window.graphapp.nodes.length") and "municipality:1766" in ids
    rows = list(csv.reader(io.StringIO(_download(watch, "rels_csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["From (Id)", "From", "Relationship"] and len(rows) > 2
    assert [url for url in watch.requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert not watch.errors and watch.page.evaluate("window.__csp") == []


def test_details_panel_shows_words_and_formatted_values(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/project?id=project:integration-pa-g")
    watch.wait_stable()
    details = page.locator("#details-body")
    labels = details.locator("dl.props").first.locator("dt").all_text_contents()
    assert "Total projektbudget" in labels and "Projektperiod" in labels and "ESF-region" in labels
    assert not {"total_budget_sek", "programme_area", "esf_region", "start"} & set(labels)
    budget = details.locator("dl.props").first.locator("dt:text-is('Total projektbudget') + dd").text_content() or ""
    assert budget == sek(12929174, "sv") == "12\u00a0929\u00a0174\u00a0kr", budget  # CLDR: no-break spaces
    period = details.locator("dl.props").first.locator("dt:text-is('Projektperiod') + dd").text_content() or ""
    months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober")
    assert "\u2013" in period and any(month in period for month in (*months, "november", "december")), period
    raw = details.locator("details.raw")
    raw.locator("summary").click()
    expect(raw).to_contain_text("total_budget_sek")
    expect(raw).to_contain_text("project:integration-pa-g")
    watch.screenshot("details-localised")
    page.goto(live_server.url + "/views/project?id=project:integration-pa-g&lang=en")
    watch.wait_stable()
    english = page.locator("#details-body dl.props").first.locator("dt").all_text_contents()
    assert "Total project budget" in english and "Project period" in english
    budget_en = (
        page.locator("#details-body dl.props").first.locator("dt:text-is('Total project budget') + dd").text_content()
    )
    assert budget_en == sek(12929174, "en") == "SEK\u00a012,929,174", budget_en


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_and_server_format_numbers_alike(live_server: LiveServer, watch: PageWatch, lang: str) -> None:
    values = [0, 7, 999, 1000, 12929174, -2500, 2.5, 1234.75]
    watch.page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    shown = watch.page.evaluate(
        "([values, lang]) => { const w = window.graphappKit.make({sek: '{amount}'}, lang);"
        " return values.map((v) => w.number(v)); }",
        [values, lang],
    )
    assert shown == [number(v, lang) for v in values]
    assert sek(12929174, "sv") == "12\u00a0929\u00a0174\u00a0kr" and sek(5, "en") == "SEK\u00a05"


def test_path_finder_takes_names_and_keeps_ids_in_the_url(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    expect(page.locator("#path-from")).to_have_value("Sunne")
    page.locator("#path-to").fill("Fryksdalens")
    page.locator("#path-to-list [role=option]").first.wait_for()
    page.locator("#path-to").press("ArrowDown")
    page.locator("#path-to").press("Enter")
    expect(page.locator("#path-to")).to_have_value("Fryksdalens sparbank")
    page.locator("#path-form button[type=submit]").click()
    page.wait_for_selector("body[data-path]", state="attached")
    asked = parse_qs(urlsplit(page.url).query)
    assert asked["path_from"] == ["municipality:1766"] and asked["path_to"] == ["org:fryksdalens-sparbank"]
    shared = page.url
    page.goto(shared)
    watch.wait_stable()
    page.wait_for_selector("body[data-path]", state="attached")
    expect(page.locator("#path-to")).to_have_value("Fryksdalens sparbank")
    assert (page.get_attribute("body", "data-path") or "").startswith("municipality:1766")


def test_actor_and_geographic_views_have_no_serious_accessibility_violations(
    live_server: LiveServer, watch: PageWatch
) -> None:
    for path in ("/views/actor?id=municipality:1766", "/views/overview?layout=geo"):
        watch.page.goto(live_server.url + path)
        watch.wait_stable()
        assert axe_violations(watch.page) == [], path
