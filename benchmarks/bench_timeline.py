"""The timeline view of a large network: navigation to a stable picture in headless Chromium, and its parts.

Usage: ``python benchmarks/bench_timeline.py [--projects 10000] [--county 01] [--runs 5] [--neo4j]``.
Generates ``--projects`` projects (seed 1, as ``bench_api.py``), serves them on the embedded store
as ``graphapp serve`` does, and measures in Debian's ``chromium`` (playwright) the milliseconds
from the start of navigation until the page reports ``data-state="stable"`` (the timeline drawn,
in the frame after its SVG is built), for ``/views/timeline?county=…`` (a county's projects, one
bar each: county 01 has about 1 600 at 10 000 projects) and ``/views/timeline`` (all of them:
summarised rows of projects per year). Each navigation is in a fresh browser context; the first
is the server's first build of the page (the app keeps large pages until the data changes), the
median is of the later ones. Also: the server's build of the payload and of the page (median of
5), the bytes on the wire (gzip), and the store's ``timeline()`` call alone, on the embedded
store and with ``--neo4j`` on Neo4j (``GRAPHAPP_TEST_NEO4J_URI``; its database is REPLACED, and a
load of 10 000 projects needs ``NEO4J_TRANSACTION_MAX=1g``).
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # the other benchmarks' helpers

from bench_api import SEED, _free_port, _neo4j_settings  # noqa: E402
from bench_views import ARGS  # noqa: E402

from graphapp.api.app import create_app  # noqa: E402
from graphapp.config import Settings  # noqa: E402
from graphapp.store import GraphStore, MemoryStore, SubgraphFilter, open_store  # noqa: E402
from graphapp.synthetic import generate  # noqa: E402
from graphapp.views.html import PageContext  # noqa: E402
from graphapp.views.page import render_page  # noqa: E402
from graphapp.views.params import parse_params  # noqa: E402
from graphapp.views.payload import build_payload  # noqa: E402
from graphapp.views.urls import Urls  # noqa: E402

REFERENCE = ROOT / "data" / "reference"
_TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0], marks = window.graphappMarks || {};
  const count = (selector) => document.querySelectorAll(selector).length;
  return {html: nav.responseEnd, script: marks.script || 0, drawn: marks.drawn || 0, stable: window.graphappStableAt,
          frame: marks.frame || 0, doc: nav.domContentLoadedEventStart,
          bars: count("#timeline .bar"), rows: count("#timeline .row-label")};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--county", default="01", help="The county of the filtered timeline.")
    parser.add_argument("--runs", type=int, default=5, help="Navigations per page (fresh browser context each).")
    parser.add_argument("--neo4j", action="store_true", help="Also time the store call on Neo4j (its data replaced).")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    data = generate(args.projects, SEED, REFERENCE)
    store = MemoryStore()
    store.load(data)
    pages = {"county": f"/views/timeline?county={args.county}", "all": "/views/timeline"}
    filters = {"county": SubgraphFilter(county=args.county), "all": SubgraphFilter()}
    stores: dict[str, GraphStore] = {"embedded": store}
    if args.neo4j:
        neo4j = open_store(_neo4j_settings())
        neo4j.clear()
        neo4j.load(data)
        stores["neo4j"] = neo4j
    for name, query in filters.items():
        count = len(store.timeline(query))
        calls = "; ".join(f"{kind} {_median(partial(s.timeline, query)):.0f} ms" for kind, s in stores.items())
        print(f"{name}: {count} projects; store timeline() alone: {calls}")
    ctx = PageContext(Urls(), "explorer", "sv", REFERENCE)
    for name, path in pages.items():
        params = parse_params("timeline", _query(path))
        payload_ms = _median(partial(build_payload, store, "timeline", params))
        payload = build_payload(store, "timeline", params)
        render_ms = _median(partial(render_page, payload, params, ctx))
        print(f"{name}: payload {payload_ms:.0f} ms, page {render_ms:.0f} ms, summarised {payload['summarised']}")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(_env_file=None), store=store), port=port, log_level="warning")  # type: ignore[call-arg]
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        columns = ("bars", "rows", "first stable", "stable", "drawn", "html", "wire kB")
        print("page     " + " ".join(f"{c:>{w}}" for c, w in zip(columns, (6, 5, 13, 8, 7, 6, 8), strict=True)))
        for name, path in pages.items():
            runs = [_navigate(browser, base + path) for _ in range(args.runs)]
            later = runs[1:] or runs
            wire = _wire(base + path)
            stable, drawn, html = (statistics.median(r[key] for r in later) for key in ("stable", "drawn", "html"))
            print(
                f"{name:<8} {runs[0]['bars']:>6} {runs[0]['rows']:>5} {runs[0]['stable']:>10.0f} ms "
                f"{stable:>5.0f} ms {drawn:>4.0f} ms {html:>3.0f} ms {wire / 1024:>7.0f}"
            )
        browser.close()
    server.should_exit = True
    for kind, s in stores.items():
        if kind != "embedded":
            s.close()
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def _query(path: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(path).query)


def _median(call: Callable[[], object], times: int = 5) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        taken.append(1000 * (time.perf_counter() - started))
    return statistics.median(taken)


def _navigate(browser: Any, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=120_000)
    page.wait_for_function("window.graphappMarks.frame > 0", timeout=120_000)
    times: dict[str, float] = page.evaluate(_TIMES)
    context.close()
    return times


def _wire(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body))


if __name__ == "__main__":
    main()
