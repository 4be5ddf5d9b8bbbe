"""Time ``generate(10000, seed=1)`` and the analyses, exports and spreadsheet tables on the result.

Run from the repository root::

    python benchmarks/bench_generate.py [--projects 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from typing import TypeVar

from graphapp.analysis import (
    actor_project_view,
    brokers,
    centralities,
    collaboration_projection,
    communities,
    graph_from_data,
    municipality_partners,
)
from graphapp.exports import csv_zip, node_link_json, write_gexf, write_graphml
from graphapp.paths import default_data_dir
from graphapp.synthetic import generate
from graphapp.table_files import csv_bytes, table_file
from graphapp.views.tables import graph_tables

T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<36} {wall:8.2f} s wall {cpu:8.2f} s cpu", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    data = timed(
        f"generate({args.projects}, seed={args.seed})",
        lambda: generate(args.projects, args.seed, default_data_dir() / "reference"),
    )
    print(f"  {data.node_count()} nodes, {data.relationship_count()} relationships")
    graph = timed("graph_from_data", lambda: graph_from_data(data))
    view = timed("actor_project_view", lambda: actor_project_view(graph))
    print(f"  view: {view.number_of_nodes()} nodes, {view.number_of_edges()} edges")
    projection = timed("collaboration_projection", lambda: collaboration_projection(graph))
    print(f"  projection: {projection.number_of_nodes()} nodes, {projection.number_of_edges()} edges")
    timed("municipality_partners(Växjö)", lambda: municipality_partners(graph, "municipality:0780"))
    timed("brokers", lambda: brokers(graph))
    found = timed("communities(seed=0)", lambda: communities(graph))
    print(f"  {len(found)} communities, largest {found[0]['size'] if found else 0}")
    timed("centralities (sampled betweenness)", lambda: centralities(graph))
    timed("write_graphml", lambda: write_graphml(graph, io.BytesIO()))
    timed("write_gexf", lambda: write_gexf(graph, io.BytesIO()))
    timed("node_link_json", lambda: node_link_json(graph))
    payload = timed("csv_zip", lambda: csv_zip(graph))
    print(f"  zip: {len(payload) / 1e6:.1f} MB")
    nodes, relationships = timed("graph_tables (sv)", lambda: graph_tables(graph, "sv"))
    print(f"  {len(nodes.rows)} x {len(nodes.columns)} and {len(relationships.rows)} x {len(relationships.columns)}")
    workbook = timed("xlsx of both (export?format=xlsx)", lambda: table_file([nodes, relationships], "xlsx", "sv"))
    print(f"  xlsx: {len(workbook) / 1e6:.1f} MB")
    both = timed(
        "csv, Swedish (nodes and relationships)", lambda: csv_bytes(nodes, "sv") + csv_bytes(relationships, "sv")
    )
    print(f"  csv: {len(both) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
