"""Projects per start year through ``POST /api/cypher`` on Neo4j: ``p.start.year`` against ``date(p.start)``.

The question an analyst asks first of a timeline, at 10 000 generated projects. Before
dates were Neo4j ``DATE`` values, ``start`` was text and the only way to its year was to
parse it in every row, ``date(p.start).year`` (or ``toInteger(left(p.start, 4))``); with
``DATE`` values the year is read off the value, ``p.start.year``. Both forms are sent to
the same database (``date()`` of a ``DATE`` is the date itself, so the old form still
runs), so the same script measures a database loaded by an earlier version (text) and by
this one, and prints each form's p50 and p95 and their ratio.

Needs a Neo4j: ``GRAPHAPP_TEST_NEO4J_URI`` (and ``GRAPHAPP_TEST_NEO4J_PASSWORD``); with
``--load`` its database is REPLACED by ``generate(--projects, seed 1)`` (a load of 10 000
projects needs ``NEO4J_TRANSACTION_MAX=1g``; see docs/operators.md: Memory limits). The API runs
under uvicorn in its own process, as ``graphapp serve`` runs it.

Run from the repository root::

    python benchmarks/bench_dates.py [--load] [--projects 10000] [--rounds 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # the other benchmarks' helpers

from bench_api import SEED, _env, _neo4j_settings, _server  # noqa: E402

from graphapp.paths import default_data_dir  # noqa: E402
from graphapp.store import open_store  # noqa: E402
from graphapp.synthetic import generate  # noqa: E402

#: The two forms of "projects per start year", as an analyst writes them.
QUERIES = {
    "p.start.year": "MATCH (p:Project) WHERE p.start IS NOT NULL "
    "RETURN p.start.year AS year, count(*) AS projects ORDER BY year",
    "date(p.start).year": "MATCH (p:Project) WHERE p.start IS NOT NULL "
    "RETURN date(p.start).year AS year, count(*) AS projects ORDER BY year",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--load", action="store_true", help="Replace the database by the generated network first.")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=60, help="Requests of each form (after 10 of warm-up).")
    args = parser.parse_args()
    if not os.environ.get("GRAPHAPP_TEST_NEO4J_URI"):
        sys.exit("bench_dates.py needs a Neo4j: set GRAPHAPP_TEST_NEO4J_URI (and GRAPHAPP_TEST_NEO4J_PASSWORD)")
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.load:
        data = generate(args.projects, SEED, default_data_dir() / "reference")
        store = open_store(_neo4j_settings())
        started = time.perf_counter()
        store.clear()
        store.load(data)
        print(f"neo4j: {len(data.nodes)} nodes loaded in {time.perf_counter() - started:.1f} s")
        store.close()
    env = _env("neo4j", argparse.Namespace(projects=args.projects))
    with _server("neo4j", env, 1) as base, httpx.Client(base_url=base, timeout=60) as client:
        forms = dict(QUERIES)
        answers = {}
        times: dict[str, list[float]] = {name: [] for name in QUERIES}
        for turn in range(10 + args.rounds):  # the forms take turns, so a slow spell of the machine hits both
            for name, query in list(forms.items()):
                started = time.perf_counter()
                response = client.post("/api/cypher", json={"query": query})
                elapsed = time.perf_counter() - started
                if response.status_code == 400:  # p.start.year on text dates (an earlier version's load)
                    print(f"{name}: refused: {response.json()['detail']}")
                    del forms[name], times[name]
                    continue
                response.raise_for_status()
                answers[name] = response.json()["rows"]
                if turn >= 10:
                    times[name].append(elapsed)
    if len({str(rows) for rows in answers.values()}) > 1:
        sys.exit("the forms answered differently")
    rows = next(iter(answers.values()))
    print(f"{len(rows)} start years, {sum(r[1] for r in rows)} dated projects")
    print(f"{'form':<22} {'p50 ms':>8} {'p95 ms':>8}")
    p50 = {}
    for name, found in times.items():
        ordered = sorted(found)
        p50[name] = statistics.median(ordered)
        print(f"{name:<22} {1000 * p50[name]:>8.1f} {1000 * ordered[int(0.95 * (len(ordered) - 1))]:>8.1f}")
    if len(p50) == 2:
        print(f"date(p.start).year / p.start.year: {p50['date(p.start).year'] / p50['p.start.year']:.2f}")


if __name__ == "__main__":
    main()
