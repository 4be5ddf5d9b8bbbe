"""Time from navigation to a stable network in headless Chromium, and page weight.

Usage: ``python benchmarks/bench_views.py [--sizes 500,2000,10000] [--layout force|geo]``. Builds synthetic
networks with :func:`graphapp.synthetic.generate`, serves the overview of each and
measures, in Debian's ``chromium`` driven by playwright, the milliseconds from the
start of navigation until the page reports ``data-state="stable"`` (the first drawing,
names included, in a canvas that has a size: every layout comes from the server). ``--layout geo``
measures the geographic overview (``/?layout=geo``) instead of the default one. ``--county 07`` measures that
county's view (``/views/county?county=07``) at ``--projects`` generated projects (10 000) instead, and then
the same view asked again: the page (the page cache), its embed, its JSON and the page in English (each a
new page built from the layout the app kept for the store's revision; the embed and the JSON once more, from
the page cache), and its nodes table (no layout).

Each row says what was drawn (``full``: every node; ``aggregated``: one node per
county, above ``AGGREGATE_THRESHOLD``), the nodes and relationships of the full
view and of the drawing, and where the time went (medians, ms since navigation):
``html`` the page received (server render + transfer; ``first html`` is the first
navigation, before the server's page cache), ``script`` the page script started (the HTML above it parsed,
vis-network loaded), ``vis`` the network built, ``stable`` the first drawing after it. Two more, so that
work moved past ``stable`` still shows: ``frame`` the end of the browser frame that shows that drawing
(style, layout and paint of the rest of the page included), ``doc`` the whole HTML parsed (the table
below the network included; DOMContentLoaded). With ``--layout geo`` also ``map``, when the map of
Sweden under the network is drawn (fetched from /static/ after ``stable``), and ``redraw`` / ``no map``,
the milliseconds of one redraw of the whole network (as every pan and zoom costs) with and without the map.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.store import MemoryStore
from graphapp.synthetic import generate
from graphapp.views.params import MAX_LIMIT, parse_params
from graphapp.views.payload import build_payload

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def store_of_size(nodes: int) -> tuple[MemoryStore, int]:
    """A store whose overview has about ``nodes`` nodes (projects tuned in two steps)."""
    projects = max(1, nodes // 3)
    for _ in range(3):
        store = MemoryStore()
        store.load(generate(projects, 7, REFERENCE))
        params = parse_params("overview", {"limit": [str(MAX_LIMIT)]})
        count = build_payload(store, "overview", params)["full_counts"]["nodes"]
        if abs(count - nodes) / nodes < 0.08:
            break
        projects = max(1, round(projects * nodes / count))
    return store, count


def weight(url: str) -> tuple[int, int]:
    """Bytes on the wire (gzip) and uncompressed of a URL."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        wire = response.read()
    import gzip

    raw = gzip.decompress(wire) if wire[:2] == b"\x1f\x8b" else wire
    return len(wire), len(raw)


_TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0], marks = window.graphappMarks || {};
  return {html: nav.responseEnd, script: marks.script || 0, vis: marks.network || 0, stable: window.graphappStableAt,
          frame: marks.frame || 0, doc: nav.domContentLoadedEventStart, map: marks.map || 0};
}"""
_REDRAW = """() => {
  const network = window.graphapp.network, map = window.graphapp.map;
  const time = () => { const start = performance.now(); for (let i = 0; i < 20; i++) { network.redraw(); }
                       return (performance.now() - start) / 20; };
  time();
  const withMap = time();
  const paths = map ? map.paths : null;
  if (map) { map.paths = null; }
  const without = time();
  if (map) { map.paths = paths; }
  return {redraw: withMap, nomap: without};
}"""


def _run(browser: Any, url: str) -> dict[str, float]:
    """One navigation in a fresh context (nothing cached): milliseconds of each step."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=120_000)
    page.wait_for_function("window.graphappMarks.frame > 0 && document.readyState !== 'loading'", timeout=120_000)
    if "layout=geo" in url:
        page.wait_for_selector("body[data-map=drawn]", state="attached", timeout=120_000)
    times: dict[str, float] = page.evaluate(_TIMES)
    times.update(page.evaluate(_REDRAW))
    context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--runs", type=int, default=3, help="navigations per size (fresh browser context each)")
    parser.add_argument(
        "--layout",
        choices=("force", "geo"),
        default="force",
        help="the overview's layout parameter (force: the default; geo: the geographic layout)",
    )
    parser.add_argument("--county", help="measure this county's view instead of the overview (e.g. 07)")
    parser.add_argument("--projects", type=int, default=10_000, help="generated projects (with --county)")
    args = parser.parse_args()
    if args.county:
        county_view(args.county, args.projects, args.layout, args.runs)
        return
    query: dict[str, list[str]] = {"limit": [str(MAX_LIMIT)]}
    if args.layout != "force":
        query["layout"] = [args.layout]
    print(
        f"{'asked':>6} {'nodes':>6} {'rels':>6} {'drawn':>10} {'shown':>11} {'first html':>10} {'html':>5} "
        f"{'script':>6} {'vis':>5} {'stable':>6} {'frame':>5} {'doc':>5} {'HTML kB wire/raw':>17} "
        f"{'page kB wire':>12}" + (f" {'map':>5} {'redraw':>6} {'no map':>6}" if args.layout == "geo" else "")
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size in (int(s) for s in args.sizes.split(",")):
            store, _ = store_of_size(size)
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
            server = uvicorn.Server(
                uvicorn.Config(create_app(Settings(), store=store), host="127.0.0.1", port=port, log_level="warning")
            )
            threading.Thread(target=server.run, daemon=True).start()
            while not server.started:
                time.sleep(0.05)
            url = f"http://127.0.0.1:{port}/?{urllib.parse.urlencode(query, doseq=True)}"
            payload = build_payload(store, "overview", parse_params("overview", query))
            runs = [_run(browser, url) for _ in range(args.runs)]
            html_wire, html_raw = weight(url)
            static_wire = sum(
                weight(f"http://127.0.0.1:{port}/static/{name}")[0]
                for name in ("vendor/vis-network/vis-network.min.js", "kit.js", "explorer.js", "explorer.css")
                + (("map/sweden.geojson",) if args.layout == "geo" else ())
            )
            server.should_exit = True
            median = {key: sorted(r[key] for r in runs)[len(runs) // 2] for key in runs[0]}
            full, shown = payload["full_counts"], payload["counts"]
            drawn = "aggregated" if payload["aggregated"] else f"full/{payload['layout']}"
            print(
                f"{size:>6} {full['nodes']:>6} {full['relationships']:>6} {drawn:>10} "
                f"{shown['nodes']:>5}/{shown['relationships']:<5} {runs[0]['html']:>10.0f} {median['html']:>5.0f} "
                f"{median['script']:>6.0f} {median['vis']:>5.0f} {median['stable']:>6.0f} {median['frame']:>5.0f} "
                f"{median['doc']:>5.0f} "
                f"{html_wire / 1024:>8.0f}/{html_raw / 1024:<8.0f} {(html_wire + static_wire) / 1024:>12.0f}"
                + (
                    f" {median['map']:>5.0f} {median['redraw']:>6.1f} {median['nomap']:>6.1f}"
                    if args.layout == "geo"
                    else ""
                ),
                flush=True,
            )
        browser.close()


def _served(store: MemoryStore) -> tuple[uvicorn.Server, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(), store=store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


def _fetched_ms(url: str) -> float:
    started = time.perf_counter()
    weight(url)
    return (time.perf_counter() - started) * 1000


def county_view(county: str, projects: int, layout: str, runs: int) -> None:
    """The county view at ``projects`` generated projects: the first, uncached page; navigations to a stable
    picture (median of ``runs``); the same view asked again in other forms (ms)."""
    store = MemoryStore()
    store.load(generate(projects, 1, REFERENCE))
    query = f"county={county}" + ("&layout=geo" if layout == "geo" else "")
    payload = build_payload(store, "county", parse_params("county", urllib.parse.parse_qs(query)))
    server, port = _served(store)
    base = f"http://127.0.0.1:{port}"
    first = _fetched_ms(f"{base}/views/county?{query}")
    again = {
        "page again": _fetched_ms(f"{base}/views/county?{query}"),
        "embed": _fetched_ms(f"{base}/embed/county?{query}"),
        "embed again": _fetched_ms(f"{base}/embed/county?{query}"),
        "json": _fetched_ms(f"{base}/views/county.json?{query}"),
        "json again": _fetched_ms(f"{base}/views/county.json?{query}"),
        "page, en": _fetched_ms(f"{base}/views/county?{query}&lang=en"),
        "nodes.csv": _fetched_ms(f"{base}/views/county.nodes.csv?{query}"),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        navigations = [_run(browser, f"{base}/views/county?{query}") for _ in range(runs)]
        browser.close()
    server.should_exit = True
    median = {key: sorted(r[key] for r in navigations)[len(navigations) // 2] for key in navigations[0]}
    counts = payload["counts"]
    print(f"county {county} at {projects} projects: {counts['nodes']} nodes, {counts['relationships']} relationships")
    stable = median["stable"]
    print(f"first, uncached page (html): {first:.0f} ms; navigation -> stable (median of {runs}): {stable:.0f} ms")
    print("asked again: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in again.items()), flush=True)


if __name__ == "__main__":
    main()
