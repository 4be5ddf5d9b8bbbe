"""The workbench's result network drawn as the explorer draws a view, in a real Chromium over a real Neo4j:
positions from the server for every result, names by the label layer (never over a name or a node, at the
first picture and after zooming in), the explorer's legend of the kinds and lines drawn, and pictures that
carry the names and the legend.

Names are measured from the label layer's own model (``layer.boxes()``), with the explorer's helpers
(:mod:`tests.views.test_picture`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from graphapp.model import GraphData
from graphapp.store import GraphStore
from tests.views.conftest import REFERENCE, LiveServer, PageWatch
from tests.views.test_browser import assert_clean
from tests.views.test_picture import Drawing, check_zooming, drawn
from tests.views.test_takeaway import _download, _png_size

WORKBENCH = Drawing("window.graphappWorkbench.drawing()", "#result-network")
SUNNE = "MATCH (m:Municipality {code: '1766'})-[r]->(p) RETURN m, r, p"
#: The benchmark's first query (benchmarks/bench_workbench.py): actors, their relationships and projects.
THOUSAND = "MATCH (a)-[r:PARTICIPATES_IN|OWNS|CO_FUNDS]->(p:Project) RETURN a, r, p LIMIT 1000"
_SVG = "{http://www.w3.org/2000/svg}"


def _open(watch: PageWatch, server: LiveServer, query: str, lang: str = "sv") -> dict[str, Any]:
    """The workbench running ``query``, once its network is drawn; the API's answer."""
    watch.page.goto(server.url + "/cypher?" + urlencode({"cypher": query, "lang": lang}))
    watch.page.wait_for_selector("body[data-network=drawn]", state="attached", timeout=60_000)
    answer: dict[str, Any] = watch.page.evaluate("window.graphappWorkbench.result()")
    return answer


def _legend(watch: PageWatch) -> tuple[dict[str, str], dict[str, str]]:
    """The kinds and the lines the legend shows now: {kind or type: its words}."""
    shown = []
    for attribute in ("data-kind", "data-type"):
        items = watch.page.locator(f"#result-legend li[{attribute}]")
        keys = items.evaluate_all(
            f"(all) => all.map((i) => i.checkVisibility() ? i.getAttribute('{attribute}') : null)"
        )
        texts = items.all_text_contents()
        shown.append({key: text.strip() for key, text in zip(keys, texts, strict=True) if key})
    return shown[0], shown[1]


def _assert_legend_fits(watch: PageWatch, answer: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    kinds, lines = _legend(watch)
    graph = answer["graph"]
    assert set(kinds) == {n["kind"] for n in graph["nodes"]}
    assert set(lines) == {r["type"] for r in graph["relationships"]}
    return kinds, lines


@pytest.fixture(scope="module")
def neo4j_generated(_neo4j_view_store: GraphStore, dataset: GraphData) -> Iterator[GraphStore]:
    """The test Neo4j holding a generated network of 300 projects (``data/`` again afterwards)."""
    from graphapp.synthetic import generate

    _neo4j_view_store.clear()
    _neo4j_view_store.load(generate(300, 7, REFERENCE))
    yield _neo4j_view_store
    _neo4j_view_store.clear()
    _neo4j_view_store.load(dataset)


def test_a_small_result_is_laid_out_and_named_as_a_view(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    answer = _open(watch, neo4j_live_server, SUNNE)
    assert set(answer["positions"]) == {n["id"] for n in answer["graph"]["nodes"]}
    first = drawn(watch, WORKBENCH)
    watch.screenshot("workbench-small-names")
    assert {b["text"] for b in first["labels"]} == set(first["names"].values()) >= {"Sunne", "Värmlands län"}
    assert len(first["labels"]) == len(answer["graph"]["nodes"]), "a small result: every name at the first picture"
    check_zooming(watch, WORKBENCH)
    kinds, lines = _assert_legend_fits(watch, answer)
    assert kinds == {"municipality": "Kommun", "county": "Län", "project": "Projekt"}
    assert lines == {
        "IN_COUNTY": "ligger i",
        "PARTICIPATES_IN": "deltar i",
        "OWNS": "äger",
        "CO_FUNDS": "medfinansierar",
    }
    expect(watch.page.locator("#result-legend li[data-type=FUNDS]")).to_be_hidden()
    assert_clean(watch, neo4j_live_server.url)


def test_the_centre_the_hovered_and_the_chosen_node_show_their_whole_names(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    fni = "project:fni-kronoberg"  # "Försöksverksamhet för vissa nyanlända invandrare i Kronobergs län (FNI)"
    _open(watch, neo4j_live_server, "MATCH (p:Project {id: 'project:integration-pa-g'})-[r]-(a) RETURN p, r, a")
    page = watch.page
    name = page.evaluate("(id) => window.graphappWorkbench.drawing().nodeName(id)", fni)
    assert len(name) > 60

    def box_of(picture: dict[str, Any]) -> dict[str, Any] | None:
        return next((b for b in picture["labels"] if b["id"] == fni), None)

    first = drawn(watch, WORKBENCH)
    centre = next(b for b in first["labels"] if b["id"] == "project:integration-pa-g")
    assert centre["full"] and centre["text"] == "Integration på G!", "the middle of a star is named, as a focus"
    shortened = box_of(first)
    assert shortened is None or (shortened["text"].endswith("\u2026") and not shortened["full"])
    point = page.evaluate(
        f"(id) => {{ const n = {WORKBENCH.handle}.network; return n.canvasToDOM(n.getPositions([id])[id]); }}", fni
    )
    page.locator("#result-network").scroll_into_view_if_needed()
    frame = page.locator("#result-network").bounding_box()
    assert frame is not None
    page.mouse.move(frame["x"] + point["x"], frame["y"] + point["y"])
    page.wait_for_function(
        "(id) => window.graphappWorkbench.drawing().labels.boxes().some((b) => b.id === id && b.full)", arg=fni
    )
    hovered = box_of(drawn(watch, WORKBENCH))
    assert hovered is not None and hovered["text"] == name
    page.mouse.click(frame["x"] + point["x"], frame["y"] + point["y"])
    page.wait_for_selector(f"body[data-details='{fni}']", state="attached", timeout=10_000)
    page.mouse.move(frame["x"] + frame["width"] + 5, frame["y"])  # nothing hovered: the chosen node is named in full
    chosen = box_of(drawn(watch, WORKBENCH))
    assert chosen is not None and chosen["full"] and chosen["text"] == name
    expect(page.locator("#node-details h4")).to_have_text(name)
    assert_clean(watch, neo4j_live_server.url)


def test_pictures_carry_the_names_and_the_legend(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    _open(watch, neo4j_live_server, SUNNE, lang="en")
    boxes = watch.page.evaluate("window.graphappWorkbench.drawing().labels.boxes()")
    svg = ElementTree.parse(_download(watch, "svg")).getroot()
    texts = [t.text for t in svg.iter(f"{_SVG}text")]
    assert boxes and {b["text"] for b in boxes} <= set(texts), "the names where the label layer drew them"
    for label in ("Municipality", "County", "Project", "is in", "takes part in", "owns", "co-funds"):
        assert label in texts, label
    assert "funds" not in texts, "a line the network does not have"
    dashes = {line.get("stroke-dasharray") for line in svg.iter(f"{_SVG}line")}
    assert "2 3" in dashes  # CO_FUNDS's dashes, in the network and in the legend
    png = _download(watch, "png").read_bytes()
    canvas = watch.page.locator("#result-network canvas").bounding_box()
    ratio = watch.page.evaluate("window.devicePixelRatio")
    assert canvas is not None
    assert _png_size(png)[1] >= round((canvas["height"] + 44 + 2 * 20) * ratio)  # the title and two legend rows
    assert_clean(watch, neo4j_live_server.url)


def test_a_thousand_rows_are_drawn_with_names_apart(
    neo4j_live_server: LiveServer, neo4j_generated: GraphStore, watch: PageWatch
) -> None:
    answer = _open(watch, neo4j_live_server, THOUSAND)
    assert len(answer["rows"]) == 1000 and len(answer["graph"]["nodes"]) > 300
    sizes = answer["sizes"]
    assert set(sizes) == set(answer["positions"]) and max(sizes.values()) > min(sizes.values())  # by links
    check_zooming(watch, WORKBENCH)
    _, lines = _assert_legend_fits(watch, answer)
    assert lines == {"PARTICIPATES_IN": "deltar i", "OWNS": "äger", "CO_FUNDS": "medfinansierar"}
    svg = ElementTree.parse(_download(watch, "svg")).getroot()
    boxes = watch.page.evaluate("window.graphappWorkbench.drawing().labels.boxes()")
    assert len(boxes) >= 10 and {b["text"] for b in boxes} <= {t.text for t in svg.iter(f"{_SVG}text")}
    watch.screenshot("workbench-1000-rows")
    assert_clean(watch, neo4j_live_server.url)
