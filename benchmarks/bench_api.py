"""Latency of the HTTP API on a synthetic network, at 8 concurrent clients over loopback.

For each store (the embedded one always; Neo4j when ``GRAPHAPP_TEST_NEO4J_URI`` is set,
whose database is REPLACED by the synthetic network), the API runs under uvicorn in a
separate process on 127.0.0.1, and 8 client threads (httpx, one client each) send:

- ``neighbours``: ``GET /api/nodes/{median actor}/neighbours?depth=2`` (the actor with the
  median number of projects);
- ``search``: ``GET /api/search?q=…`` (words and prefixes of names, seeded);
- ``paths``: ``GET /api/paths?start=…&end=…`` between seeded pairs of actors.

It prints p50/p95 per endpoint and the ratio of the API's p50 to the store call alone
(the same call, 8 threads, in this process: ``neighbours``, ``SearchIndex.search``,
``shortest_paths``). Bounded by ``--requests`` per endpoint and ``--max-seconds``.

Run from the repository root::

    python benchmarks/bench_api.py [--projects 10000] [--requests 400] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphapp.config import Settings  # noqa: E402
from graphapp.model import ACTOR_LABELS, GraphData, Label  # noqa: E402
from graphapp.paths import default_data_dir  # noqa: E402
from graphapp.search import SearchIndex  # noqa: E402
from graphapp.store import GraphStore, MemoryStore, open_store  # noqa: E402
from graphapp.synthetic import generate  # noqa: E402

SEED = 1


def memory_app() -> Any:
    """The uvicorn factory of the server process: the embedded store with the synthetic network."""
    from graphapp.api import create_app

    store = MemoryStore()
    store.load(generate(int(os.environ["BENCH_PROJECTS"]), SEED, default_data_dir() / "reference"))
    return create_app(Settings(_env_file=None), store=store)  # type: ignore[call-arg]


def neo4j_app() -> Any:
    from graphapp.api import create_app

    return create_app(Settings(_env_file=None))  # type: ignore[call-arg]  # NEO4J_URI from the environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400, help="Requests per endpoint (all clients together).")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (graphapp serve --workers).")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="Time budget per endpoint.")
    args = parser.parse_args()

    started = time.perf_counter()
    data = generate(args.projects, SEED, default_data_dir() / "reference")
    print(f"generate --projects {args.projects}: {len(data.nodes)} nodes, {len(data.relationships)} relationships "
          f"({time.perf_counter() - started:.1f} s)")
    work = _workload(data, args.requests)
    stores: list[tuple[str, Callable[[], GraphStore]]] = [("memory", lambda: _memory(data))]
    if os.environ.get("GRAPHAPP_TEST_NEO4J_URI"):
        stores.append(("neo4j", lambda: _neo4j(data)))
    else:
        print("(neo4j skipped: set GRAPHAPP_TEST_NEO4J_URI to include it; its database is replaced)")
    for name, opener in stores:
        store = opener()
        try:
            _bench_store(name, store, work, args)
        finally:
            store.close()


def _workload(data: GraphData, count: int) -> dict[str, Any]:
    rng = random.Random(SEED)
    projects_of: dict[str, int] = {}
    for rel in data.relationships.values():
        if data.nodes[rel.start].label in ACTOR_LABELS and data.nodes[rel.end].label is Label.PROJECT:
            projects_of[rel.start] = projects_of.get(rel.start, 0) + 1
    ranked = sorted(projects_of, key=lambda i: (projects_of[i], i))
    median = ranked[len(ranked) // 2]
    names = [n.name for n in data.nodes.values() if n.label is not Label.DOCUMENT]
    queries = []
    for _ in range(count):
        word = rng.choice(rng.choice(names).split())
        queries.append(word if rng.random() < 0.5 else word[: max(3, len(word) // 2)])
    pairs = [tuple(rng.sample(ranked, 2)) for _ in range(count)]
    print(f"median actor: {median} ({data.nodes[median].name}, {projects_of[median]} projects)")
    return {"median": median, "queries": queries, "pairs": pairs}


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


def _bench_store(name: str, store: GraphStore, work: dict[str, Any], args: argparse.Namespace) -> None:
    port = _free_port()
    env = {**os.environ, "BENCH_PROJECTS": str(args.projects), "PYTHONPATH": str(ROOT)}
    if name == "neo4j":
        env["NEO4J_URI"] = os.environ["GRAPHAPP_TEST_NEO4J_URI"]
        env["NEO4J_PASSWORD"] = os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test")
    else:
        env.pop("NEO4J_URI", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", f"benchmarks.bench_api:{name}_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log", "--workers", str(args.workers)],
        env=env, cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base, server)
        index = SearchIndex(store.all_nodes())
        median, queries, pairs = work["median"], work["queries"], work["pairs"]
        cases: list[tuple[str, Callable[[int], str], Callable[[int], object]]] = [
            ("neighbours depth 2", lambda i: f"/api/nodes/{median}/neighbours?depth=2",
             lambda i: store.neighbours(median, 2, None, None, 200)),
            ("search", lambda i: f"/api/search?q={quote(queries[i])}", lambda i: index.search(queries[i])),
            ("shortest path", lambda i: f"/api/paths?start={quote(pairs[i][0])}&end={quote(pairs[i][1])}",
             lambda i: store.shortest_paths(pairs[i][0], pairs[i][1])),
        ]
        print(f"\n{name} store, {args.workers} worker(s), {args.clients} concurrent clients, "
              f"{args.requests} requests per endpoint")
        print(f"{'endpoint':<20} {'p50 ms':>8} {'p95 ms':>8} {'store p50':>10} {'store p95':>10} {'API/store':>10}")
        for label, url, call in cases:
            api = _run(args, lambda i, url=url: _get(base, url(i)))  # type: ignore[misc]
            alone = _run(args, call)
            ratio = statistics.median(api) / max(statistics.median(alone), 1e-9)
            print(f"{label:<20} {_ms(api, 50):>8.1f} {_ms(api, 95):>8.1f} {_ms(alone, 50):>10.2f} "
                  f"{_ms(alone, 95):>10.2f} {ratio:>10.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


_clients: dict[int, httpx.Client] = {}


def _get(base: str, path: str) -> None:
    import threading

    key = threading.get_ident()
    client = _clients.get(key)
    if client is None:
        client = _clients[key] = httpx.Client(base_url=base, timeout=60)
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")


def _run(args: argparse.Namespace, call: Callable[[int], object]) -> list[float]:
    """Latencies (s) of ``call(i)`` for i in range(requests), on ``clients`` threads."""
    for i in range(min(8, args.requests)):  # warm-up: caches, connections, query plans
        call(i)
    deadline = time.monotonic() + args.max_seconds

    def timed(i: int) -> float | None:
        if time.monotonic() > deadline:
            return None
        started = time.perf_counter()
        call(i)
        return time.perf_counter() - started

    with ThreadPoolExecutor(args.clients) as pool:
        times = [t for t in pool.map(timed, range(args.requests)) if t is not None]
    for client in _clients.values():
        client.close()
    _clients.clear()
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
