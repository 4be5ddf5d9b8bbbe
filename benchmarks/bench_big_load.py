"""Load N generated projects into a Neo4j and print the time and the most memory a transaction held.

Clears the database named by ``NEO4J_URI`` (and ``NEO4J_PASSWORD``), generates ``--projects``
projects, loads them as ``graphapp generate --load`` does (staged when large, see
``graphapp/store/neo4j_staged.py``), and meanwhile polls ``SHOW TRANSACTIONS`` every 50 ms
for the largest ``estimatedUsedHeapMemory`` of the load's transactions. Prints the server's
``db.memory.transaction.max``, then ``--runs`` loads: a fresh one and, with ``--again``, the
same load into the loaded database.

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=graphapp-test python benchmarks/bench_big_load.py --projects 10000
"""

from __future__ import annotations

import argparse
import os
import threading
import time

import neo4j

from graphapp.model import GraphData
from graphapp.paths import default_data_dir
from graphapp.store.neo4j import Neo4jStore
from graphapp.synthetic import generate

_LOAD_TRANSACTIONS = (
    "SHOW TRANSACTIONS YIELD estimatedUsedHeapMemory, currentQuery "
    "WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN max(estimatedUsedHeapMemory) AS most"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--again", action="store_true", help="load the same projects a second time")
    args = parser.parse_args()
    uri, password = os.environ["NEO4J_URI"], os.environ.get("NEO4J_PASSWORD", "graphapp-test")
    data = generate(args.projects, 0, default_data_dir() / "reference")
    print(f"{args.projects} projects: {data.node_count()} nodes, {data.relationship_count()} relationships")
    with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        (limit,) = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value"
        ).records
        print(f"db.memory.transaction.max = {limit['value']}")
        store = Neo4jStore(uri, "neo4j", password)
        try:
            store.clear()
            for run in ("fresh", "again")[: 2 if args.again else 1]:
                seconds, most = _timed_load(store, driver, data)
                print(f"{run:6} load: {seconds:6.1f} s, most held by one transaction {most / 2**20:6.1f} MiB")
        finally:
            store.close()


def _timed_load(store: Neo4jStore, driver: neo4j.Driver, data: GraphData) -> tuple[float, int]:
    most = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal most
        while not done.is_set():
            (row,) = driver.execute_query(_LOAD_TRANSACTIONS).records
            most = max(most, row["most"] or 0)
            time.sleep(0.05)

    watcher = threading.Thread(target=poll)
    watcher.start()
    began = time.monotonic()
    try:
        store.load(data)
    finally:
        done.set()
        watcher.join()
    return time.monotonic() - began, most


if __name__ == "__main__":
    main()
