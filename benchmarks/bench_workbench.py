"""Time to draw a Cypher result of many rows as a network in the workbench (``/cypher``), in headless Chromium.

Usage::

    GRAPHAPP_TEST_NEO4J_URI=bolt://127.0.0.1:7687 python benchmarks/bench_workbench.py [--projects 2000] [--runs 5]

The Neo4j database named by ``GRAPHAPP_TEST_NEO4J_URI`` is REPLACED by a synthetic network
(:func:`graphapp.synthetic.generate`, ``--projects`` projects; ``--keep`` uses what it holds). The app is
served in this process; for each query (``--rows`` rows of actors, their relationships and projects, and
a second one of whole paths) Debian's ``chromium`` opens the workbench on the query's URL in a fresh
context, ``--runs`` times, and the medians are printed, in milliseconds since the navigation started:

- ``answer``: the API's answer to ``POST /api/cypher`` has arrived (Resource Timing);
- ``request``: how long that request took, from the page's asking to the answer's arrival: the query in
  Neo4j and the layout of its graph on the server (:func:`graphapp.views.payload.result_layout`);
- ``drawn``: the network is drawn (``data-network="drawn"`` set on ``<body>``, seen by a MutationObserver);
- ``draw``: ``drawn - answer``, the page's own work on the answer: the table, the network (and the legend).

It measures from outside the page, so the same script times an older workbench: run it with
``PYTHONPATH`` pointing at another checkout.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import sync_playwright

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.store.neo4j import Neo4jStore
from graphapp.synthetic import generate

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
QUERIES = {
    "actor-rel-project": "MATCH (a)-[r:PARTICIPATES_IN|OWNS|CO_FUNDS]->(p:Project) RETURN a, r, p LIMIT {rows}",
    "paths": "MATCH path = (:Municipality)-[:PARTICIPATES_IN]->(:Project)<-[:FUNDS]-(:Fund) RETURN path LIMIT {rows}",
}
#: Installed before the page's scripts: when the network is drawn, as performance.now().
_WATCH = """
new MutationObserver(function () {
  if (document.body && document.body.getAttribute("data-network") === "drawn" && !window.__drawnAt) {
    window.__drawnAt = performance.now();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-network"]});
"""
_TIMES = """() => {
  const answer = performance.getEntriesByType("resource").filter(e => e.name.includes("/api/cypher"))[0];
  const marks = window.graphappMarks || {};
  return {answer: answer ? answer.responseEnd : 0, asked: answer ? answer.startTime : 0, drawn: window.__drawnAt || 0,
          parsed: marks.answer || 0, table: marks.table || 0, built: marks.network || 0,
          nodes: window.graphappWorkbench.result().graph.nodes.length,
          rels: window.graphappWorkbench.result().graph.relationships.length,
          rows: window.graphappWorkbench.result().rows.length};
}"""


def _serve(store: Neo4jStore) -> tuple[uvicorn.Server, int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(_env_file=None), store=store), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, port


def _run(browser: Any, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(_WATCH)
    page.goto(url, timeout=120_000)
    page.wait_for_selector("body[data-network=drawn]", state="attached", timeout=120_000)
    times: dict[str, float] = page.evaluate(_TIMES)
    context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="use what the database holds")
    args = parser.parse_args()
    uri = os.environ.get("GRAPHAPP_TEST_NEO4J_URI")
    if not uri:
        sys.exit("set GRAPHAPP_TEST_NEO4J_URI (its database is replaced by a synthetic network)")
    store = Neo4jStore(uri, "neo4j", os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test"), "neo4j")
    if not args.keep:
        store.clear()
        store.load(generate(args.projects, 7, REFERENCE))
    counts = store.counts()
    print(f"Neo4j: {counts.nodes} nodes, {counts.relationships} relationships; {args.runs} runs, medians in ms")
    server, port = _serve(store)
    print(
        f"{'query':<18} {'rows':>5} {'nodes':>6} {'rels':>5} {'answer':>7} {'request':>7} {'drawn':>7} {'draw':>6} "
        f"{'draw range':>12}"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, text in QUERIES.items():
            url = f"http://127.0.0.1:{port}/cypher?" + urllib.parse.urlencode({"cypher": text.format(rows=args.rows)})
            runs = [_run(browser, url) for _ in range(args.runs)]
            draws = [r["drawn"] - r["answer"] for r in runs]
            first = runs[0]
            answer, drawn = statistics.median(r["answer"] for r in runs), statistics.median(r["drawn"] for r in runs)
            print(
                f"{name:<18} {first['rows']:>5.0f} {first['nodes']:>6.0f} {first['rels']:>5.0f} "
                f"{answer:>7.0f} {statistics.median(r['answer'] - r['asked'] for r in runs):>7.0f} {drawn:>7.0f} "
                f"{statistics.median(draws):>6.0f} {min(draws):>5.0f}-{max(draws):<6.0f}",
                flush=True,
            )
        browser.close()
    server.should_exit = True
    store.close()


if __name__ == "__main__":
    main()
