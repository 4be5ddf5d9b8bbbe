"""Latency of the HTTP API on a synthetic network, both stores in one run, and the ratio.

For each store (the embedded one always; Neo4j when ``GRAPHAPP_TEST_NEO4J_URI`` is set,
whose database is REPLACED by the synthetic network), the API runs under uvicorn in a
separate process on 127.0.0.1, started as ``graphapp serve`` starts it; both servers are
up at once. ``wrk`` (Debian's ``wrk``, a C load generator: ``apt-get install wrk``) sends
each endpoint's requests to each server for ``--warmup`` seconds at 1 client (the
warm-up), then for ``--seconds`` with 8 connections, and then for ``--seconds`` at 1
client in 5 s rounds, the servers taking turns:

- ``neighbours``: ``GET /api/nodes/{median actor}/neighbours?depth=2`` (the actor with the
  median number of projects);
- ``search``: ``GET /api/search?q=…``: seeded words, prefixes, two-word queries and typos
  of names, each distinct, so the server's memo of answers seldom helps;
- ``paths``: ``GET /api/paths?start=…&end=…`` between seeded pairs of actors;
- ``subgraph``: ``GET /api/subgraph?county=07``: a county's projects and their partners
  (about 1 600 nodes and 4 500 relationships at 10 000 projects).

A C client leaves the two cores of a small machine to the server; Python client threads
would spend as much CPU as the server and count their own waiting in its latency. It
prints the p50 of the warm-up's first and last rounds, p50/p95 at 8 connections and at
1 (the time of one request, no queueing: the median of the rounds' p50s, and their
range), the store call alone in this process (``neighbours``, ``SearchIndex.search``,
``shortest_paths``, ``subgraph``, one after another), and the ratio of the API's p50 at 1
client to the store's p50. Then how long the first ``GET /api/metrics`` takes after the
server starts on a freshly loaded store (the whole network's metrics computed from
scratch) and after a restart (kept in the store, for Neo4j), and what the store's change
check (``version()``, every 5 s per worker) costs. With both stores, a last table gives
Neo4j / embedded for each number, and at 1 client also round by round: the median and
range of the ratios of rounds run one after the other, which a machine slowing down for a
while (a shared host does) slows alike.

Run from the repository root::

    python benchmarks/bench_api.py [--projects 10000] [--seconds 10] [--warmup 60] [--clients 8] [--workers 1]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
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
#: How long each endpoint is sent requests, at 1 client, before it is measured. A JVM
#: compiles a program's hot code as it runs it: a Neo4j just started answers a shortest
#: path in 9 ms at the p50 over its first 5 s, 4 ms over the fifth 5 s and 2-3 ms from the
#: tenth on. The embedded store needs no warm-up; it gets the same, to be measured alike.
WARM_UP_SECONDS = 60.0
#: Requests at 1 client are sent in rounds this long (the warm-up, and the measurement,
#: whose p50 is the median of its rounds' p50s: a 5 s p50 on Neo4j moves by ±20 % from
#: one round to the next, within a band of 2.0-3.1 ms for shortest paths).
ROUND_SECONDS = 5.0
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
    parser.add_argument(
        "--warmup",
        type=float,
        default=WARM_UP_SECONDS,
        help="Seconds of each endpoint's requests, at 1 client, before it is measured.",
    )
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
    stores: dict[str, GraphStore] = {"memory": _memory(data)}
    if os.environ.get("GRAPHAPP_TEST_NEO4J_URI"):
        stores["neo4j"] = _neo4j(data)
    else:
        print("(neo4j skipped: set GRAPHAPP_TEST_NEO4J_URI to include it; its database is replaced)")
    try:
        results = _bench(stores, work, args)
    finally:
        for store in stores.values():
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


def _env(name: str, args: argparse.Namespace) -> dict[str, str]:
    """The environment of the server process of the ``name`` store."""
    env = {**os.environ, "BENCH_PROJECTS": str(args.projects), "PYTHONPATH": str(ROOT)}
    env.pop("NEO4J_URI", None)
    if name == "neo4j":
        env["NEO4J_URI"] = os.environ["GRAPHAPP_TEST_NEO4J_URI"]
        env["NEO4J_PASSWORD"] = os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test")
    return env


def _cases(
    stores: dict[str, GraphStore], work: dict[str, Any]
) -> list[tuple[str, list[str], dict[str, Callable[[int], object]]]]:
    """Per endpoint: its label, the URLs to request, and the store call alone on each store."""
    median, queries, pairs = work["median"], work["queries"], work["pairs"]
    county = SubgraphFilter(county=SUBGRAPH_COUNTY)
    indexes = {name: SearchIndex(store.all_nodes()) for name, store in stores.items()}

    def each(call: Callable[[GraphStore, int], object]) -> dict[str, Callable[[int], object]]:
        return {name: partial(call, store) for name, store in stores.items()}

    def searching(index: SearchIndex) -> Callable[[int], object]:
        return lambda i: index.search(queries[i])

    return [
        (
            "neighbours depth 2",
            [f"/api/nodes/{median}/neighbours?depth=2"],
            each(lambda s, i: s.neighbours(median, 2, None, None, 200)),
        ),
        (
            "search",
            [f"/api/search?q={quote(q)}" for q in queries],
            {name: searching(index) for name, index in indexes.items()},
        ),
        (
            "shortest path",
            [f"/api/paths?start={quote(a)}&end={quote(b)}" for a, b in pairs],
            each(lambda s, i: s.shortest_paths(*pairs[i])),
        ),
        (
            "subgraph county",
            [f"/api/subgraph?county={SUBGRAPH_COUNTY}"],
            each(lambda s, i: s.subgraph(county)),
        ),
    ]


def _bench(
    stores: dict[str, GraphStore], work: dict[str, Any], args: argparse.Namespace
) -> dict[str, dict[str, dict[str, float]]]:
    """Measure every endpoint on each store, both servers up at once; the numbers by store and
    endpoint, as printed."""
    results: dict[str, dict[str, dict[str, float]]] = {name: {} for name in stores}
    with contextlib.ExitStack() as servers:
        bases: dict[str, str] = {}
        for name in stores:
            # The server computes the whole network's metrics in the background as it starts;
            # the first request waits for them, and nothing else is measured meanwhile.
            bases[name] = servers.enter_context(_server(name, _env(name, args), args.workers))
            results[name]["metrics"] = {"fresh_s": _first_metrics(bases[name])}
        print(
            f"\n{args.workers} worker(s); warm-up {args.warmup:g} s at 1 client; wrk with {args.clients} "
            f"connections for {args.seconds:g} s; then 1 client for {args.seconds:g} s in {ROUND_SECONDS:g} s "
            "rounds, the stores taking turns (ms)"
        )
        print(
            f"{'endpoint':<20} {'store':<7} {'warm-up p50':>12} {'requests':>9} {'p50':>8} {'p95':>8} "
            f"{'1 client p50':>13} {'rounds':>12} {'p95':>6} {'store p50':>10} {'p95':>6} {'API/store':>10}"
        )
        for label, urls, calls in _cases(stores, work):
            with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
                listing.write("\n".join(urls) + "\n")
                listing.flush()
                warm_ups: dict[str, list[dict[str, float]]] = {}
                loaded: dict[str, dict[str, float]] = {}
                # warm-up (caches, connections, query plans, a JVM's compiler), then each run
                # goes on where the last stopped
                starts = dict.fromkeys(bases, 0.0)
                for name, base in bases.items():
                    warm_ups[name] = _rounds({name: base}, listing.name, args.warmup, starts)[name]
                    loaded[name] = _wrk(base, listing.name, args.clients, args.seconds, starts[name])
                    starts[name] += loaded[name]["requests"] + args.clients
                single = _rounds(bases, listing.name, args.seconds, starts)
            for name in stores:
                alone = _sequential(calls[name], args.seconds)
                singles = sorted(r["p50_ms"] for r in single[name])
                numbers = results[name][label] = {
                    "first_p50": warm_ups[name][0]["p50_ms"],
                    "p50": loaded[name]["p50_ms"],
                    "p95": loaded[name]["p95_ms"],
                    "single_p50": statistics.median(singles),
                    "single_p95": statistics.median(r["p95_ms"] for r in single[name]),
                    "store_p50": _ms(alone, 50),
                    "store_p95": _ms(alone, 95),
                }
                warmed = f"{warm_ups[name][0]['p50_ms']:.1f}→{warm_ups[name][-1]['p50_ms']:.1f}"
                print(
                    f"{label:<20} {name:<7} {warmed:>12} {loaded[name]['requests']:>9.0f} "
                    f"{numbers['p50']:>8.1f} {numbers['p95']:>8.1f} {numbers['single_p50']:>13.1f} "
                    f"{f'{singles[0]:.1f}-{singles[-1]:.1f}':>12} {numbers['single_p95']:>6.1f} "
                    f"{numbers['store_p50']:>10.2f} {numbers['store_p95']:>6.2f} "
                    f"{numbers['single_p50'] / max(numbers['store_p50'], 1e-6):>10.1f}"
                )
            if len(stores) == 2:
                # Neo4j / embedded round by round: each pair of rounds ran within seconds of
                # each other, so a machine that slows down for a while slows both
                paired = sorted(
                    n["p50_ms"] / m["p50_ms"] for m, n in zip(single["memory"], single["neo4j"], strict=True)
                )
                results["neo4j"][label]["paired"] = statistics.median(paired)
                results["neo4j"][label]["paired_low"], results["neo4j"][label]["paired_high"] = paired[0], paired[-1]
    for name, store in stores.items():
        with _server(name, _env(name, args), args.workers) as base:
            results[name]["metrics"]["restart_s"] = _first_metrics(base)
        checks = _sequential(partial(_version, store), min(args.seconds, 3.0))
        results[name]["version"] = {"store_p50": _ms(checks, 50), "store_p95": _ms(checks, 95)}
        every = 1000 * CHANGE_CHECK_SECONDS
        print(
            f"{name}: metrics, first request: {results[name]['metrics']['fresh_s']:.1f} s after a load "
            f"(computed), {results[name]['metrics']['restart_s']:.2f} s after a restart; change check "
            f"(version()): p50 {_ms(checks, 50):.2f} ms, p95 {_ms(checks, 95):.2f} ms, every "
            f"{CHANGE_CHECK_SECONDS:g} s per worker: {100 * _ms(checks, 50) / every:.3f} % of the time"
        )
    return results


def _print_ratios(memory: dict[str, dict[str, float]], neo4j: dict[str, dict[str, float]]) -> None:
    columns = [
        (f"first {ROUND_SECONDS:g} s p50", "first_p50"),
        ("1 client p50", "single_p50"),
        ("p50", "p50"),
        ("p95", "p95"),
        ("store p50", "store_p50"),
    ]
    print("\nNeo4j / embedded")
    print(f"{'endpoint':<20} " + " ".join(f"{title:>13}" for title, _ in columns) + f" {'1 client, by turn':>20}")
    for endpoint, numbers in memory.items():
        if endpoint in ("metrics", "version"):
            continue
        cells = [f"{neo4j[endpoint][key] / max(numbers[key], 1e-6):>13.1f}" for _, key in columns]
        ours = neo4j[endpoint]
        turns = f"{ours['paired']:.1f} ({ours['paired_low']:.1f}-{ours['paired_high']:.1f})"
        print(f"{endpoint:<20} " + " ".join(cells) + f" {turns:>20}")
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


def _version(store: GraphStore, i: int) -> str:
    return store.version()


def _rounds(
    bases: dict[str, str], listing: str, seconds: float, starts: dict[str, float]
) -> dict[str, list[dict[str, float]]]:
    """wrk at 1 client on each server in turn, a round of ``ROUND_SECONDS`` each, until each
    had ``seconds`` (at least one round), from line ``starts[server]`` of ``listing`` on
    (moved past the requests sent); the result of each round, by server."""
    results: dict[str, list[dict[str, float]]] = {name: [] for name in bases}
    left = seconds
    while not results[next(iter(bases))] or left > 0:
        for name, base in bases.items():
            result = _wrk(base, listing, 1, min(ROUND_SECONDS, max(left, 1.0)), starts[name])
            starts[name] += result["requests"]
            results[name].append(result)
        left -= ROUND_SECONDS
    return results


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
