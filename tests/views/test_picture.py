"""The picture a coordinator reads, in a real Chromium: names never over names or nodes, at the first stable
picture and after zooming in; the whole name on hover; legends for the lines; embeds that fit their frame;
details in words.

Names are measured from the label layer's own model (``window.graphapp.labels.boxes()``: the boxes it drew
last, in pixels of the canvas); nodes from vis-network's own bounding boxes of the shapes it drew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from graphapp.store import GraphStore
from graphapp.views.page import render_file
from tests.views.conftest import REFERENCE, LiveServer, PageWatch
from tests.views.test_browser import assert_clean
from tests.views.test_takeaway import _download, _png_size

VIEWS = {
    "overview": "/",
    "dalarna-network": "/views/county?county=20",
    "dalarna-map": "/views/county?county=20&layout=geo",
    "sunne": "/views/actor?id=municipality:1766",
}

#: What is drawn now: the names (the label layer's boxes) and every node on screen (vis-network's bounding
#: box of the shape it drew, in the same pixels), and the canvas's size; ``app`` is a page's drawing
#: (:class:`Drawing`).
_DRAWN = """(app) => {
  const network = app.network, canvas = network.canvas.frame.canvas;
  const nodes = network.body.nodeIndices.map((id) => {
    const box = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: box.left, y: box.top}), b = network.canvasToDOM({x: box.right, y: box.bottom});
    return {id: id, name: app.nodeName(id), x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y};
  }).filter((n) => n.x + n.width > 0 && n.y + n.height > 0 && n.x < canvas.clientWidth && n.y < canvas.clientHeight);
  const labels = app.labels.boxes();
  const names = Object.fromEntries(labels.map((b) => [b.id, app.nodeName(b.id)]));
  return {labels: labels, names: names, nodes: nodes, width: canvas.clientWidth, height: canvas.clientHeight,
          obstacles: app.map ? app.map.obstacles() : []};
}"""


@dataclass(frozen=True)
class Drawing:
    """Where a page keeps its network: a script expression for ``{network, labels, nodeName, map}`` and the
    network's element."""

    handle: str
    element: str


EXPLORER = Drawing("window.graphapp", "#network")


def _meet(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (
        a["x"] + slack < b["x"] + b["width"]
        and b["x"] + slack < a["x"] + a["width"]
        and a["y"] + slack < b["y"] + b["height"]
        and b["y"] + slack < a["y"] + a["height"]
    )


def drawn(watch: PageWatch, drawing: Drawing = EXPLORER) -> dict[str, Any]:
    """The picture after the next drawing."""
    watch.page.evaluate(
        f"() => new Promise((done) => {{ const n = {drawing.handle}.network; n.once('afterDrawing', () => done());"
        " n.redraw(); })"
    )
    result: dict[str, Any] = watch.page.evaluate(f"() => ({_DRAWN})({drawing.handle})")
    return result


def assert_names_apart(picture: dict[str, Any]) -> None:
    labels, nodes = picture["labels"], picture["nodes"]
    assert labels, "no name is drawn"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not _meet(a, b), f"{a['text']!r} over {b['text']!r}"
        assert a["x"] >= 0 and a["x"] + a["width"] <= picture["width"] + 0.01, f"{a['text']!r} cut at a side"
        assert a["y"] >= 0 and a["y"] + a["height"] <= picture["height"] + 0.01, (
            f"{a['text']!r} cut at the top or bottom"
        )
        over = [n["name"] for n in nodes if n["id"] != a["id"] and _meet(a, n)]
        assert not over, f"{a['text']!r} over the node of {over}"
        assert not any(_meet(a, box) for box in picture["obstacles"]), f"{a['text']!r} over the map's caption"
    for box in labels:  # a name, or its start and an ellipsis
        name = picture["names"][box["id"]]
        assert box["text"] == name or (box["text"].endswith("\u2026") and name.startswith(box["text"][:-1])), box


def named_among(picture: dict[str, Any], ids: set[str]) -> int:
    """How many of ``ids`` are named in ``picture``."""
    return sum(1 for b in picture["labels"] if b["id"] in ids)


def well_inside(picture: dict[str, Any], margin: float = 80) -> set[str]:
    """The nodes wholly on screen, away from its edges (where a name may find no room for the edge)."""
    return {
        n["id"]
        for n in picture["nodes"]
        if n["x"] >= margin
        and n["y"] >= margin
        and n["x"] + n["width"] <= picture["width"] - margin
        and n["y"] + n["height"] <= picture["height"] - margin
    }


def zoom_in(watch: PageWatch, drawing: Drawing = EXPLORER) -> None:
    """Zoom in as a person does: the wheel, over the middle of the network (scrolled into view)."""
    watch.page.locator(drawing.element).scroll_into_view_if_needed()
    box = watch.page.locator(drawing.element).bounding_box()
    watch.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    scale = f"{drawing.handle}.network.getScale()"
    before = watch.page.evaluate(scale)
    for _ in range(5):
        watch.page.mouse.wheel(0, -120)
        watch.page.wait_for_timeout(60)
    watch.page.mouse.move(box["x"] + box["width"] + 5, box["y"])  # off the network: no node is hovered
    assert watch.page.evaluate(scale) > before * 1.5


def check_zooming(watch: PageWatch, drawing: Drawing = EXPLORER) -> None:
    """No name over a name or a node at the first picture and after zooming in twice; and zooming in names
    more of the nodes still in view at the end (or all of them already)."""
    pictures = [drawn(watch, drawing)]
    assert_names_apart(pictures[0])
    for _ in range(2):
        zoom_in(watch, drawing)
        pictures.append(drawn(watch, drawing))
        assert_names_apart(pictures[-1])
    kept = well_inside(pictures[-1])
    was, now = named_among(pictures[0], kept), named_among(pictures[-1], kept)
    assert now > was or was == len(kept), (was, now, len(kept))


@pytest.mark.parametrize("name", list(VIEWS))
def test_no_name_over_a_name_or_a_node_at_any_zoom(live_server: LiveServer, watch: PageWatch, name: str) -> None:
    watch.page.goto(live_server.url + VIEWS[name])
    watch.wait_stable()
    if "layout=geo" in VIEWS[name]:
        watch.page.wait_for_selector("body[data-map=drawn]", state="attached")
    check_zooming(watch)
    watch.screenshot(f"names-{name}")
    assert_clean(watch, live_server.url)


def test_no_name_over_a_name_in_2000_nodes(live_server_2000: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(live_server_2000.url + "/")
    watch.wait_stable(120_000)
    assert watch.page.evaluate("window.graphapp.nodes.length") > 1800
    check_zooming(watch)
    watch.screenshot("names-2000")
    assert_clean(watch, live_server_2000.url)


def test_hover_and_focus_show_the_whole_name(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/")
    watch.wait_stable()
    picture = drawn(watch)
    named = {b["id"] for b in picture["labels"]}
    unnamed = next(n for n in picture["nodes"] if n["id"] not in named and len(n["name"]) > 30)
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + unnamed["x"] + unnamed["width"] / 2, box["y"] + unnamed["y"] + unnamed["height"] / 2)
    page.wait_for_function(
        "(id) => window.graphapp.labels.boxes().some((b) => b.id === id && b.full)", arg=unnamed["id"], timeout=5000
    )
    hovered = drawn(watch)
    shown = next(b for b in hovered["labels"] if b["id"] == unnamed["id"])
    assert shown["text"] == unnamed["name"] and shown["full"]
    others = [b for b in hovered["labels"] if b is not shown]
    assert not any(_meet(shown, b) for b in others)  # it may cover a node, on its white box, never a name
    assert_names_apart({**hovered, "labels": others})
    # a node chosen (from the table, by keyboard) shows its whole name too
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    long_one = next(n for n in picture["nodes"] if len(n["name"]) > 40)
    page.evaluate("(id) => window.graphapp.select(id)", long_one["id"])
    chosen = drawn(watch)
    assert any(b["id"] == long_one["id"] and b["text"] == long_one["name"] for b in chosen["labels"])
    assert_clean(watch, live_server.url)


def test_names_stay_apart_after_dragging_and_laying_out_again(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766&depth=2")
    watch.wait_stable()
    where = "(id) => { const n = window.graphapp.network; return n.canvasToDOM(n.getPositions([id])[id]); }"
    start = page.evaluate(where, "project:connecting-people")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + start["x"], box["y"] + start["y"])
    page.mouse.down()
    page.mouse.move(box["x"] + start["x"] + 90, box["y"] + start["y"] + 60, steps=8)
    page.mouse.up()
    moved = page.evaluate(where, "project:connecting-people")
    assert abs(moved["x"] - start["x"] - 90) < 3 and abs(moved["y"] - start["y"] - 60) < 3
    assert_names_apart(drawn(watch))
    before = page.evaluate("() => window.graphapp.network.getPositions()")
    page.click("#relayout")
    page.wait_for_selector("body[data-relayout]", state="attached", timeout=20_000)
    after = page.evaluate("() => window.graphapp.network.getPositions()")
    assert after != before and set(after) == set(before)
    assert_names_apart(drawn(watch))
    assert_clean(watch, live_server.url)


def test_legends_say_what_the_lines_mean(live_server: LiveServer, watch: PageWatch, view_store: GraphStore) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766&lang=en")
    watch.wait_stable()
    lines = page.locator(".legend ul.lines li")
    assert dict(
        zip(lines.evaluate_all("(items) => items.map((i) => i.dataset.type)"), lines.all_inner_texts(), strict=True)
    ) == {
        "OWNS": "owns",
        "PARTICIPATES_IN": "takes part in",
        "CO_FUNDS": "co-funds",
        "COLLABORATES_WITH": "collaborates with",
        "PART_OF": "part of",
    }
    # the dashes differ: the legend's swatches are drawn as the lines are
    dashes = lines.locator("line").evaluate_all("(ls) => ls.map((l) => l.getAttribute('stroke-dasharray'))")
    assert dashes[0] is None and dashes[2] == "2 3"
    # the SVG picture: the same legend under it, and the names where the label layer drew them
    svg = ElementTree.parse(_download(watch, "svg")).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    for label in ("owns", "takes part in", "co-funds", "collaborates with", "part of", "Project", "Municipality"):
        assert label in texts, label
    assert any(line.get("stroke-dasharray") == "2 3" for line in svg.findall(".//svg:g/svg:line", ns))
    drawn_names = {b["text"] for b in page.evaluate("window.graphapp.labels.boxes()")}
    assert drawn_names and drawn_names <= set(texts)
    # the PNG picture is taller than the canvas by the title and a legend of two rows or more
    png = _download(watch, "png").read_bytes()
    canvas = page.locator("#network canvas").bounding_box()
    ratio = page.evaluate("window.devicePixelRatio")
    assert _png_size(png)[1] >= round((canvas["height"] + 44 + 2 * 20) * ratio)
    # and a rendered file carries the same legend
    html = render_file(view_store, "actor", {"id": ["municipality:1766"]}, "en", REFERENCE)
    assert 'class="lines"' in html and 'data-type="CO_FUNDS"' in html and ">co-funds</li>" in html


def test_embed_fits_a_small_frame_with_nothing_over_its_controls(live_server: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 600, "height": 400})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/embed/county?county=17&layout=geo")
        page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
        boxes = page.evaluate(
            """() => Object.fromEntries(['#download-menu summary', '.notice', '#network', '.legend', '.embed-link a']
                 .map((s) => [s, document.querySelector(s).getBoundingClientRect().toJSON()]))"""
        )
        names = list(boxes)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                assert not _meet(boxes[a], boxes[b]), (a, b)
        summary = boxes["#download-menu summary"]
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('summary') !== null",
            [summary["x"] + summary["width"] / 2, summary["y"] + summary["height"] / 2],
        )
        assert hit, "the download menu can be clicked"
        network = boxes["#network"]
        assert network["width"] >= 590 and network["height"] >= 0.45 * 400
        assert boxes[".embed-link a"]["y"] + boxes[".embed-link a"]["height"] <= 400  # all of it in the frame
    finally:
        context.close()


def test_embed_picture_fills_a_large_frame(live_server: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/embed/actor?id=municipality:1766")
        page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
        extent = page.evaluate(
            """() => { const n = window.graphapp.network, canvas = n.canvas.frame.canvas;
                 const at = n.body.nodeIndices.map((id) => n.getBoundingBox(id)).flatMap((b) =>
                   [n.canvasToDOM({x: b.left, y: b.top}), n.canvasToDOM({x: b.right, y: b.bottom})]);
                 const xs = at.map((p) => p.x), ys = at.map((p) => p.y);
                 return {w: (Math.max(...xs) - Math.min(...xs)) / canvas.clientWidth,
                         h: (Math.max(...ys) - Math.min(...ys)) / canvas.clientHeight,
                         frame: canvas.clientHeight / window.innerHeight}; }"""
        )
        assert extent["frame"] > 0.75, extent
        assert max(extent["w"], extent["h"]) > 0.6, extent
    finally:
        context.close()


def test_embed_is_stable_only_once_it_is_drawn(live_server: LiveServer, watch: PageWatch) -> None:
    """An embed in a frame that is not shown yet (a closed tab of the host page) has nothing to draw on: it
    says it is stable once it is shown and drawn, with its names."""
    src = quote(live_server.url + "/embed/actor?id=municipality:1766", safe="")
    page = watch.page
    page.goto(f"http://127.0.0.1:{live_server.host_port}/host.html?src={src}&hidden=1")
    frame = page.frame_locator("#frame")
    frame.locator("body[data-state]").wait_for(state="attached", timeout=20_000)
    page.wait_for_timeout(1500)
    assert frame.locator("body").get_attribute("data-state") != "stable"
    page.evaluate("() => { document.getElementById('frame').style.display = 'block'; }")
    frame.locator("body[data-state=stable]").wait_for(state="attached", timeout=20_000)
    inner = page.frames[1]
    assert inner.evaluate("() => window.graphapp.labels.boxes().length") >= 3
    assert inner.evaluate(
        """() => { const n = window.graphapp.network, c = n.canvas.frame.canvas;
             return Object.values(n.getPositions()).every((p) => { const d = n.canvasToDOM(p);
               return d.x > 0 && d.y > 0 && d.x < c.clientWidth && d.y < c.clientHeight; }); }"""
    )


def test_details_read_in_words(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/views/actor?id=municipality:1766")
    watch.wait_stable()
    details = page.locator("#details-body")
    props = details.locator("dl.props").first
    expect(props.locator("dt:text-is('Län') + dd")).to_have_text("Värmlands län")
    assert not {"Länskod", "Latitud", "Longitud"} & set(props.locator("dt").all_text_contents())
    assert not re.search(r"59[,.]\d{3}", props.inner_text()), "no raw coordinates"
    items = details.locator("ul.rels > li .rel-phrase").all_inner_texts()
    assert "Äger Connecting people" in items and "Deltar i Värmlandsmodellen" in items
    page.goto(live_server.url + "/views/project?id=project:dalarna-implementering-integration")
    watch.wait_stable()
    items = page.locator("#details-body ul.rels > li .rel-phrase").all_inner_texts()
    assert "Ägs av Region Dalarna" in items and "Falun deltar" in items
    assert "Finansieras av Europeiska socialfonden (ESF) 2007\u20132013" in items
    page.goto(live_server.url + "/views/project?id=project:dalarna-implementering-integration&lang=en")
    watch.wait_stable()
    items = page.locator("#details-body ul.rels > li .rel-phrase").all_inner_texts()
    assert "Owned by Region Dalarna" in items and "Falun takes part" in items
    assert_clean(watch, live_server.url)
