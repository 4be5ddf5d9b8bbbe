"""Latency of the HTTP API on a synthetic network, both stores in one run, and the ratio.

For each store (the embedded one always; Neo4j when ``GRAPHAPP_TEST_NEO4J_URI`` is set,
whose database is REPLACED by the synthetic network), the API runs under uvicorn in a
separate process on 127.0.0.1, started as ``graphapp serve`` starts it, and ``wrk``
(Debian's ``wrk``, a C load generator: ``apt-get install wrk``) sends, for ``--seconds``
each, with 8 connections and then with 1:

- ``neighbours``: ``GET /api/nodes/{median actor}/neighbours?depth=2`` (the actor with the
  median number of projects);
- ``search``: ``GET /api/search?q=…``: seeded words, prefixes, two-word queries and typos
  of names, each distinct, so the server's memo of answers seldom helps;
- ``paths``: ``GET /api/paths?start=…&end=…`` between seeded pairs of actors;
- ``subgraph``: ``GET /api/subgraph?county=07``: a county's projects and their partners
  (about 1 600 nodes and 4 500 relationships at 10 000 projects).

A C client leaves the two cores of a small machine to the server; Python client threads
would spend as much CPU as the server and count their own waiting in its latency. It
prints p50/p95 at 8 connections and at 1 (the time of one request, no queueing), the
store call alone in this process (``neighbours``, ``SearchIndex.search``,
``shortest_paths``, ``subgraph``, one after another), and the ratio of the API's p50 at 1
client to the store's p50. Then how long the first ``GET /api/metrics`` takes after the
server starts on a freshly loaded store (the whole network's metrics computed from
scratch) and after a restart (kept in the store, for Neo4j), and what the store's change
check (``version()``, every 5 s per worker) costs. With both stores, a last table gives
Neo4j / embedded for each number.

Run from the repository root::

    python benchmarks/bench_api.py [--projects 10000] [--seconds 10] [--clients 8] [--workers 1]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphapp.api.cache import CHANGE_CHECK_SECONDS  # noqa: E402
from graphapp.config import Settings  # noqa: E402
from graphapp.model import ACTOR_LABELS, GraphData, Label  # noqa: E402
from graphapp.paths import default_data_dir  # noqa: E402
from graphapp.search import SearchIndex  # noqa: E402
from graphapp.store import GraphStore, MemoryStore, SubgraphFilter, open_store  # noqa: E402
from graphapp.synthetic import generate  # noqa: E402

SEED = 1
#: The county of the subgraph benchmark: Kronoberg.
SUBGRAPH_COUNTY = "07"


def memory_app() -> Any:
    """The uvicorn factory of the server process: the embedded store with the synthetic network."""
    from graphapp.api import create_app

    store = MemoryStore()
    store.load(generate(int(os.environ["BENCH_PROJECTS"]), SEED, default_data_dir() / "reference"))
    return create_app(Settings(_env_file=None), store=store, long_lived=True)  # type: ignore[call-arg]


def neo4j_app() -> Any:
    from graphapp.api import create_app

    # NEO4J_URI from the environment
    return create_app(Settings(_env_file=None), long_lived=True)  # type: ignore[call-arg]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="Duration of each measurement.")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent connections.")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (graphapp serve --workers).")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench_api.py needs wrk, the C load generator: apt-get install wrk")

    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    data = generate(args.projects, SEED, default_data_dir() / "reference")
    print(
        f"generate --projects {args.projects}: {len(data.nodes)} nodes, {len(data.relationships)} relationships "
        f"({time.perf_counter() - started:.1f} s)"
    )
    work = _workload(data)
    stores: list[tuple[str, Callable[[], GraphStore]]] = [("memory", lambda: _memory(data))]
    if os.environ.get("GRAPHAPP_TEST_NEO4J_URI"):
        stores.append(("neo4j", lambda: _neo4j(data)))
    else:
        print("(neo4j skipped: set GRAPHAPP_TEST_NEO4J_URI to include it; its database is replaced)")
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, opener in stores:
        store = opener()
        try:
            results[name] = _bench_store(name, store, work, args)
        finally:
            store.close()
    if len(results) == 2:
        _print_ratios(results["memory"], results["neo4j"])
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def _workload(data: GraphData, count: int = 60_000) -> dict[str, Any]:
    """The median actor, ``count`` distinct search queries and ``count`` pairs of actors."""
    rng = random.Random(SEED)
    projects_of: dict[str, int] = {}
    for rel in data.relationships.values():
        if data.nodes[rel.start].label in ACTOR_LABELS and data.nodes[rel.end].label is Label.PROJECT:
            projects_of[rel.start] = projects_of.get(rel.start, 0) + 1
    ranked = sorted(projects_of, key=lambda i: (projects_of[i], i))
    median = ranked[len(ranked) // 2]
    words = sorted({w for n in data.nodes.values() if n.label is not Label.DOCUMENT for w in n.name.split()})
    queries: dict[str, None] = {}
    for _ in range(20 * count):
        if len(queries) >= count:
            break
        word = rng.choice(words)
        shape = rng.random()
        if shape < 0.3:  # a prefix, as typed into a search box
            word = word[: rng.randint(min(3, len(word)), len(word))]
        elif shape < 0.6:  # two words
            word = f"{word} {rng.choice(words)[:4]}"
        elif shape < 0.8 and len(word) > 4:  # a typo: one letter replaced
            at = rng.randrange(len(word))
            word = word[:at] + rng.choice("aeiouknrst") + word[at + 1 :]
        queries[word] = None
    pairs = [tuple(rng.sample(ranked, 2)) for _ in range(count)]
    print(
        f"median actor: {median} ({data.nodes[median].name}, {projects_of[median]} projects); "
        f"{len(queries)} distinct search queries"
    )
    return {"median": median, "queries": list(queries), "pairs": pairs}


def _memory(data: GraphData) -> GraphStore:
    store = MemoryStore()
    store.load(data)
    return store


def _neo4j(data: GraphData) -> GraphStore:
    settings = _neo4j_settings()
    store = open_store(settings)
    started = time.perf_counter()
    store.clear()
    store.load(data)
    print(f"neo4j: loaded in {time.perf_counter() - started:.1f} s")
    return store


def _neo4j_settings() -> Settings:
    return Settings(  # type: ignore[call-arg]
        NEO4J_URI=os.environ["GRAPHAPP_TEST_NEO4J_URI"],
        NEO4J_PASSWORD=os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test"),
        _env_file=None,
    )


def _bench_store(
    name: str, store: GraphStore, work: dict[str, Any], args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    """Measure every endpoint on ``store``; the numbers by endpoint, as printed."""
    env = {**os.environ, "BENCH_PROJECTS": str(args.projects), "PYTHONPATH": str(ROOT)}
    if name == "neo4j":
        env["NEO4J_URI"] = os.environ["GRAPHAPP_TEST_NEO4J_URI"]
        env["NEO4J_PASSWORD"] = os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test")
    else:
        env.pop("NEO4J_URI", None)
    results: dict[str, dict[str, float]] = {}
    with _server(name, env, args.workers) as base:
        # The server computes the whole network's metrics in the background as it starts; the
        # first request waits for them, and nothing else is measured meanwhile.
        results["metrics"] = {"fresh_s": _first_metrics(base)}
        index = SearchIndex(store.all_nodes())
        median, queries, pairs = work["median"], work["queries"], work["pairs"]
        county = SubgraphFilter(county=SUBGRAPH_COUNTY)
        cases: list[tuple[str, list[str], Callable[[int], object]]] = [
            (
                "neighbours depth 2",
                [f"/api/nodes/{median}/neighbours?depth=2"],
                lambda i: store.neighbours(median, 2, None, None, 200),
            ),
            ("search", [f"/api/search?q={quote(q)}" for q in queries], lambda i: index.search(queries[i])),
            (
                "shortest path",
                [f"/api/paths?start={quote(a)}&end={quote(b)}" for a, b in pairs],
                lambda i: store.shortest_paths(pairs[i][0], pairs[i][1]),
            ),
            ("subgraph county", [f"/api/subgraph?county={SUBGRAPH_COUNTY}"], lambda i: store.subgraph(county)),
        ]
        print(
            f"\n{name} store, {args.workers} worker(s), wrk with {args.clients} connections, "
            f"{args.seconds:g} s per measurement (ms)"
        )
        print(
            f"{'endpoint':<20} {'requests':>9} {'p50':>8} {'p95':>8} {'1 client p50':>13} {'p95':>6} "
            f"{'store p50':>10} {'p95':>6} {'API/store':>10}"
        )
        for label, urls, call in cases:
            with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
                listing.write("\n".join(urls) + "\n")
                listing.flush()
                # warm-up (caches, connections, query plans), then each run goes on where the last stopped
                sent = _wrk(base, listing.name, 1, min(2.0, args.seconds), 0)["requests"]
                loaded = _wrk(base, listing.name, args.clients, args.seconds, sent)
                single = _wrk(base, listing.name, 1, args.seconds, sent + loaded["requests"] + args.clients)
            alone = _sequential(call, args.seconds)
            results[label] = {
                "p50": loaded["p50_ms"],
                "p95": loaded["p95_ms"],
                "single_p50": single["p50_ms"],
                "single_p95": single["p95_ms"],
                "store_p50": _ms(alone, 50),
                "store_p95": _ms(alone, 95),
            }
            ratio = single["p50_ms"] / max(_ms(alone, 50), 1e-6)
            print(
                f"{label:<20} {loaded['requests']:>9.0f} {loaded['p50_ms']:>8.1f} {loaded['p95_ms']:>8.1f} "
                f"{single['p50_ms']:>13.1f} {single['p95_ms']:>6.1f} {_ms(alone, 50):>10.2f} {_ms(alone, 95):>6.2f} "
                f"{ratio:>10.1f}"
            )
    with _server(name, env, args.workers) as base:
        results["metrics"]["restart_s"] = _first_metrics(base)
    checks = _sequential(lambda i: store.version(), min(args.seconds, 3.0))
    results["version"] = {"store_p50": _ms(checks, 50), "store_p95": _ms(checks, 95)}
    every = 1000 * CHANGE_CHECK_SECONDS
    print(
        f"metrics, first request: {results['metrics']['fresh_s']:.1f} s after a load (computed), "
        f"{results['metrics']['restart_s']:.2f} s after a restart\n"
        f"change check (version()): p50 {_ms(checks, 50):.2f} ms, p95 {_ms(checks, 95):.2f} ms, every "
        f"{CHANGE_CHECK_SECONDS:g} s per worker: {100 * _ms(checks, 50) / every:.3f} % of the time"
    )
    return results


def _print_ratios(memory: dict[str, dict[str, float]], neo4j: dict[str, dict[str, float]]) -> None:
    columns = [
        ("1 client p50", "single_p50"),
        ("p50", "p50"),
        ("p95", "p95"),
        ("store p50", "store_p50"),
    ]
    print("\nNeo4j / embedded")
    print(f"{'endpoint':<20} " + " ".join(f"{title:>13}" for title, _ in columns))
    for endpoint, numbers in memory.items():
        if endpoint in ("metrics", "version"):
            continue
        cells = [f"{neo4j[endpoint][key] / max(numbers[key], 1e-6):>13.1f}" for _, key in columns]
        print(f"{endpoint:<20} " + " ".join(cells))
    fresh = neo4j["metrics"]["fresh_s"] / max(memory["metrics"]["fresh_s"], 1e-6)
    print(f"{'metrics (computed)':<20} {fresh:>13.1f}")


@contextlib.contextmanager
def _server(name: str, env: dict[str, str], workers: int) -> Iterator[str]:
    """The API over the ``name`` store in its own process, as ``graphapp serve`` runs it; its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            f"benchmarks.bench_api:{name}_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _first_metrics(base: str) -> float:
    """Seconds the first ``GET /api/metrics`` takes."""
    started = time.perf_counter()
    response = httpx.get(f"{base}/api/metrics", timeout=900)
    response.raise_for_status()
    return time.perf_counter() - started


def _wrk(base: str, listing: str, connections: int, seconds: float, start: float) -> dict[str, float]:
    """Run wrk (one thread) on ``connections`` connections from line ``start`` of ``listing``;
    its RESULT line as numbers."""
    script = Path(__file__).with_name("wrk_paths.lua")
    done = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            base,
            "--",
            listing,
            str(int(start)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"^RESULT (.*)$", done.stdout, re.M)
    if found is None:
        raise RuntimeError(f"wrk printed no result:\n{done.stdout}{done.stderr}")
    result = {key: float(value) for key, value in (pair.split("=") for pair in found.group(1).split())}
    if result["failed"]:
        raise RuntimeError(f"{result['failed']:.0f} of {result['requests']:.0f} requests failed:\n{done.stdout}")
    return result


def _sequential(call: Callable[[int], object], seconds: float) -> list[float]:
    """Latencies (s) of ``call(i)``, one after another, for up to ``seconds`` (at least 20 calls)."""
    for i in range(8):  # warm-up
        call(i)
    times: list[float] = []
    deadline = time.monotonic() + seconds
    i = 8
    while len(times) < 20 or (time.monotonic() < deadline and len(times) < 5000):
        started = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - started)
        i += 1
    return times


def _ms(times: list[float], percentile: int) -> float:
    ordered = sorted(times)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * percentile / 100))]


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the API server exited")
        try:
            if httpx.get(f"{base}/health/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the API server did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    main()
