"""The reference tables of ``data/reference/``: the 290 municipalities, the 21
counties, the national agencies and the funds, as graph nodes.

Codes are read as strings so leading zeros stay (``0114``, ``01``).
"""

from __future__ import annotations

from pathlib import Path

from graphapp.errors import InvalidRecords
from graphapp.model import GraphData, Label, Node, Relationship, RelType
from graphapp.tables import read_table

__all__ = ["reference_graph"]


def reference_graph(reference_dir: Path) -> GraphData:
    graph = GraphData()

    def add(node: Node) -> None:
        graph.nodes[node.id] = node

    def link(rel: Relationship) -> None:
        graph.relationships[rel.key] = rel

    counties = read_table(reference_dir / "counties.csv", ("code", "name", "short_name", "letter", "lat", "lon"))
    for row in counties:
        add(
            Node(
                f"county:{row['code']}",
                Label.COUNTY,
                row["name"],
                {
                    "code": row["code"],
                    "short_name": row["short_name"],
                    "letter": row["letter"],
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                },
            )
        )
    municipalities = read_table(
        reference_dir / "municipalities.csv", ("code", "name", "official_name", "county_code", "lat", "lon")
    )
    for row in municipalities:
        node = Node(
            f"municipality:{row['code']}",
            Label.MUNICIPALITY,
            row["name"],
            {
                "code": row["code"],
                "official_name": row["official_name"],
                "county_code": row["county_code"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
            },
        )
        add(node)
        link(Relationship(RelType.IN_COUNTY, node.id, f"county:{row['county_code']}"))
    for row in read_table(reference_dir / "agencies.csv", ("id", "name", "kind")):
        props: dict[str, str] = {"kind": row["kind"]}
        if row.get("county_code"):
            props["county_code"] = row["county_code"]
        add(Node(row["id"], Label.AGENCY, row["name"], props))
        if row.get("county_code"):
            link(Relationship(RelType.IN_COUNTY, row["id"], f"county:{row['county_code']}"))
        if row.get("parent"):
            link(Relationship(RelType.PART_OF, row["id"], row["parent"]))
    funds = read_table(reference_dir / "funds.csv", ("id", "name", "programme"))
    names = [row["name"] for row in funds]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:  # a name is what a reader tells funds apart by: one per programme
        raise InvalidRecords([f"{reference_dir / 'funds.csv'}: two funds are named {name!r}" for name in repeated])
    for row in funds:
        props_fund: dict[str, str | int] = {"programme": row["programme"]}
        for year in ("first_year", "last_year"):
            if row.get(year):
                props_fund[year] = int(row[year])
        add(Node(row["id"], Label.FUND, row["name"], props_fund))
    dangling = [
        f"{reference_dir}: {rel.type.value} {rel.start} -> {rel.end}: unknown node"
        for rel in graph.relationships.values()
        if rel.start not in graph.nodes or rel.end not in graph.nodes
    ]
    if dangling:
        raise InvalidRecords(dangling)
    return graph
