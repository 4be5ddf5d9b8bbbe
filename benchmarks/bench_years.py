"""The network year by year on the 2 000-node generated network: a year step in the page, against asking the
server for each year.

Usage: ``python benchmarks/bench_years.py [--size 2000] [--rounds 2]``. Serves the overview of a generated
network of about ``--size`` nodes (:func:`bench_views.store_of_size`) and, in Debian's ``chromium`` driven by
playwright, for the default and the geographic layout:

- **step**: the milliseconds from a move of the year slider to the picture of that year drawn (the page
  hides what is not shown that year, rings what is new, places the names again and draws: ``years.js``), and
  to the words and the accessible table under it updated too (after the picture is on screen), for every year
  the view covers, ``--rounds`` times; median, 90th percentile and the slowest;
- **redraw**: one drawing of the whole network as it is (what every pan and zoom costs), for comparison.

Then what the other design, a page that asks the server for each year, would wait for before it could draw:

- ``/api/subgraph?year=`` (the store's answer for the year, nothing laid out) and
  ``/views/overview.json?year=`` (the year's picture where the whole view puts it: the view built and laid
  out again), the median over the years;
- and what the page carries for the years: the bytes of every node's ``years`` and ``since``, raw and gzipped,
  and the page on the wire.
"""

from __future__ import annotations

import argparse
import gzip
import json
import socket
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # the other benchmarks' helpers

from bench_views import ARGS, store_of_size, weight  # noqa: E402

from graphapp.api.app import create_app  # noqa: E402
from graphapp.config import Settings  # noqa: E402
from graphapp.views.params import parse_params  # noqa: E402
from graphapp.views.payload import page_payload  # noqa: E402

_STEP = """(year) => new Promise((done) => {
  const slider = document.getElementById("year-slider");
  slider.value = String(year);
  slider.dispatchEvent(new Event("input"));
  const marks = window.graphappMarks;
  const wait = () => document.body.getAttribute("data-year") === String(year) && marks.yearTable > marks.yearAsked
    ? done([marks.yearDrawn - marks.yearAsked, marks.yearTable - marks.yearAsked]) : setTimeout(wait, 5);
  wait();
})"""
_REDRAW = """() => {
  const network = window.graphapp.network, start = performance.now();
  for (let i = 0; i < 20; i++) { network.redraw(); }
  return (performance.now() - start) / 20;
}"""


def _steps(browser: Any, url: str, rounds: int) -> tuple[list[list[float]], float, int, int]:
    """The milliseconds of each year step (to the picture drawn, and to the words and table under it too), of a
    redraw, and the first and last year of the page at ``url``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=120_000)
    page.wait_for_function("document.readyState !== 'loading'")
    first, last = page.evaluate(
        "() => { const s = document.getElementById('year-slider'); return [Number(s.min), Number(s.max)]; }"
    )
    times = [page.evaluate(_STEP, year) for _ in range(rounds) for year in range(first, last + 1)]
    redraw: float = page.evaluate(_REDRAW)
    context.close()
    return times, redraw, first, last


def _get_ms(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2, help="steps through every year, per layout")
    args = parser.parse_args()
    store, count = store_of_size(args.size)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(), store=store), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    print(f"overview of {count} nodes")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for layout in ("force", "geo"):
            steps, redraw, first, last = _steps(browser, f"{base}/?layout={layout}", args.rounds)
            print(f"{layout:>5}: {len(steps)} steps over {first}-{last}; one redraw {redraw:.0f} ms", flush=True)
            for name, times in (("picture", [s[0] for s in steps]), ("and table", [s[1] for s in steps])):
                ordered = sorted(times)
                print(
                    f"{name:>16}: median {statistics.median(times):.0f} ms, "
                    f"90th percentile {ordered[int(0.9 * (len(ordered) - 1))]:.0f} ms, slowest {ordered[-1]:.0f} ms",
                    flush=True,
                )
        browser.close()
    years = range(first, last + 1)
    subgraph = statistics.median(_get_ms(f"{base}/api/subgraph?year={y}&limit=20000") for y in years)
    twin = statistics.median(_get_ms(f"{base}/views/overview.json?year={y}") for y in list(years)[::4])
    print(f"asking the server per year: /api/subgraph {subgraph:.0f} ms, /views/overview.json {twin:.0f} ms (medians)")
    payload = page_payload(store, "overview", parse_params("overview", {}))
    data = json.dumps([[n["years"], n["since"]] for n in payload["nodes"]], separators=(",", ":")).encode()
    wire, raw = weight(f"{base}/")
    print(
        f"the years in the page: {len(data) / 1024:.0f} kB raw, {len(gzip.compress(data)) / 1024:.0f} kB gzipped; "
        f"the page {wire / 1024:.0f} kB on the wire ({raw / 1024:.0f} kB raw)"
    )
    server.should_exit = True


if __name__ == "__main__":
    main()
