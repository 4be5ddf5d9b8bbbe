"""Loads larger than one Neo4j transaction may hold: all of them or nothing, as every reader sees it.

The test Neo4j runs with the project's default limit, 256 MiB per transaction
(``scripts/neo4j``, ``docker-compose.yml``), which 10 000 generated projects exceed in one
transaction; a load that large is staged and published in one step
(:mod:`graphapp.store.neo4j_staged`).
"""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from collections import Counter
from typing import Any

import neo4j
import pytest

import graphapp.store.neo4j as neo4j_store
from graphapp.config import Settings
from graphapp.model import GraphData
from graphapp.paths import default_data_dir
from graphapp.store import GraphStore
from graphapp.store.protocol import Counts
from graphapp.synthetic import generate
from tests.conftest import ROOT
from tests.faults.harness import environment, graphapp_command, run_graphapp

pytestmark = pytest.mark.neo4j

#: Projects whose nodes and relationships (21 000) are just past the staging threshold.
STAGED_PROJECTS = 1700


def _whole(store: GraphStore) -> tuple[frozenset[Any], frozenset[Any]]:
    """Every node and relationship the app reads, with all their fields."""
    graph = store.to_networkx()
    return (
        frozenset((n, repr(sorted(d.items()))) for n, d in graph.nodes(data=True)),
        frozenset((u, v, k, repr(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True)),
    )


def _driver(settings: Settings) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        settings.neo4j_uri or "", auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value())
    )


def _unlabelled(settings: Settings) -> int:
    with _driver(settings) as driver:
        records = driver.execute_query("MATCH (n) WHERE size(labels(n)) = 0 RETURN count(n) AS n").records
        return int(records[0]["n"])


def test_a_staged_load_gives_exactly_the_graph_of_a_one_transaction_load(
    _neo4j_store: GraphStore, dataset: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _neo4j_store
    store.clear()
    store.load(dataset)
    once = _whole(store)
    store.clear()
    monkeypatch.setattr(neo4j_store, "STAGED_FROM", 0)  # stage even this small load
    store.load(dataset)
    assert _whole(store) == once
    version = store.version()
    store.load(dataset)  # again: nothing changes, not even the version
    assert _whole(store) == once and store.version() == version
    store.clear()


def test_readers_see_a_staged_load_all_or_nothing(_neo4j_store: GraphStore, neo4j_settings: Settings) -> None:
    store = _neo4j_store
    data = generate(STAGED_PROJECTS, 3, default_data_dir() / "reference")
    assert data.node_count() + data.relationship_count() >= neo4j_store.STAGED_FROM
    store.clear()
    sample = sorted(data.nodes)[::97]
    seen: list[tuple[int, int, int]] = []
    done = threading.Event()

    def read() -> None:  # one query, one snapshot: the nodes, the sample's, the relationships the app sees
        with _driver(neo4j_settings) as driver:
            while not done.is_set():
                (row,) = driver.execute_query(_VIEW, ids=sample, routing_="r").records
                seen.append((row["nodes"], row["sample"], row["relationships"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        store.load(data)
    finally:
        done.set()
        reader.join()
    after = (data.node_count(), len(sample), data.relationship_count())
    views = ["before" if v == (0, 0, 0) else "after" if v == after else repr(v) for v in seen]
    assert views.count("before") > 1, Counter(views)  # the reader did read while the load was staged
    # Neo4j reads "read committed": a query running while the publishing transaction commits may see
    # part of it (as with any transaction). Staged, that is one commit: nothing before, all after.
    last_before = len(views) - 1 - views[::-1].index("before")
    first_after = views.index("after") if "after" in views else len(views)
    between = views[last_before + 1 : first_after]
    assert first_after > last_before and len(between) <= 2, Counter(views)
    assert set(views[:last_before]) == {"before"} and set(views[first_after:]) <= {"after"}, Counter(views)
    assert _unlabelled(neo4j_settings) == 0
    store.clear()


#: What a reader of the app sees: the graph's labelled nodes (a staged load's nodes have no label yet).
_LABELS = "Project|Municipality|County|Agency|Organization|Fund|Document"
_VIEW = f"""
CALL () {{ MATCH (n:{_LABELS}) RETURN count(n) AS nodes }}
CALL () {{ UNWIND $ids AS id MATCH (n:{_LABELS} {{id: id}}) RETURN count(n) AS sample }}
CALL () {{ MATCH (:{_LABELS})-[r]->(:{_LABELS}) RETURN count(r) AS relationships }}
RETURN nodes, sample, relationships
"""


@pytest.mark.timeout(900)
def test_ten_thousand_projects_load_into_a_neo4j_with_256_mib_per_transaction(
    _neo4j_store: GraphStore, neo4j_settings: Settings
) -> None:
    with _driver(neo4j_settings) as driver:
        (limit,) = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value"
        ).records
    assert limit["value"] not in ("0", "0B") and _bytes(limit["value"]) <= 256 * 1024 * 1024, limit["value"]
    _neo4j_store.clear()
    env = _neo4j_env(neo4j_settings)
    done = run_graphapp("generate", "--projects", "10000", "--seed", "1", "--load", env=env, timeout=850)
    assert done.returncode == 0, done.stderr
    counts = _neo4j_store.counts()
    assert counts.labels["Project"] == 10_000
    assert _unlabelled(neo4j_settings) == 0
    _neo4j_store.clear()


@pytest.mark.timeout(900)
def test_a_load_killed_at_any_point_leaves_neo4j_before_or_after_it(
    _neo4j_store: GraphStore, neo4j_settings: Settings
) -> None:
    store = _neo4j_store
    env = _neo4j_env(neo4j_settings)
    args = ("generate", "--projects", str(STAGED_PROJECTS), "--seed", "4", "--load")
    store.clear()
    before = store.counts()
    began = time.monotonic()
    assert run_graphapp(*args, env=env).returncode == 0
    span = time.monotonic() - began
    after = store.counts()
    chance = random.Random(22)
    outcomes: Counter[str] = Counter()
    for _ in range(3):
        process = subprocess.Popen(
            graphapp_command(*args), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(chance.uniform(span * 0.3, span))  # after the generating, in the load
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        found = store.counts()
        assert found in (before, after), found
        outcomes["after" if found == after else "before"] += 1
        if found == after:
            store.clear()
    print(f"graphapp generate --load killed 3 times over {span:.1f} s: {dict(outcomes)}")
    assert run_graphapp(*args, env=env).returncode == 0  # a load after a killed one: complete, nothing left over
    assert store.counts() == after and _unlabelled(neo4j_settings) == 0
    store.clear()


def _neo4j_env(settings: Settings) -> dict[str, str]:
    return environment(
        default_data_dir(),
        NEO4J_URI=settings.neo4j_uri or "",
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password.get_secret_value(),
        NEO4J_DATABASE=settings.neo4j_database,
    )


def _key(counts: Counts) -> tuple[tuple[tuple[str, int], ...], ...]:
    return tuple(sorted(counts.labels.items())), tuple(sorted(counts.relationship_types.items()))


def _bytes(value: str) -> float:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    value = value.strip().lower().removesuffix("ib").removesuffix("b")
    return float(value[:-1]) * units[value[-1]] if value[-1] in units else float(value)
