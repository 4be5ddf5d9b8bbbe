"""Loads too large for one Neo4j transaction, made visible to the app's readers in one step.

Neo4j holds a transaction's changes in memory until it commits, within
``db.memory.transaction.max`` (256 MiB as the project's launcher and compose file start it).
Measured on Neo4j 5.26 (``SHOW TRANSACTIONS``' ``estimatedUsedHeapMemory``): a new node with
the fields a project has takes some 3.5 KiB of it, a relationship with its role and sources
some 1.6 KiB, whatever the Cypher (``CREATE`` or ``MERGE``); 10 000 generated projects (22 600
nodes, 97 000 relationships) need more than 256 MiB in one transaction. So a load of more than
:data:`STAGED_FROM` nodes and relationships goes in three steps:

1. **Stage**, in transactions of :data:`BATCH` rows: the new nodes are created without any
   label (nothing the app reads starts at them, counts them or ends a path at them)
   and with ``graphapp_load`` set to the load's id; then every relationship with a new end.
2. **Publish**, in one transaction: the staged nodes get their label (their kind) and lose
   ``graphapp_load``; changed nodes that were there before, and relationships between such
   nodes, are merged as a one-transaction load merges them (with the dates of an earlier
   version's graph made ``DATE`` values, :mod:`graphapp.store.neo4j_dates`). This is what
   readers see change, all at once (the store's version is the commit's bookmark); it needs
   some 2 KiB per new node (50 MiB for 10 000 projects; 256 MiB are enough for about 50 000).
3. **On failure**, the staged nodes and their relationships are deleted. A load that is killed
   leaves unlabelled staged nodes, which no read of the app sees (ad-hoc Cypher that matches
   unlabelled nodes does) and the next staged load deletes, like ``clear``. Two staged loads
   at once: the later deletes the earlier's staging, and the earlier fails at publish with
   nothing of it visible.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, LiteralString

import neo4j
import neo4j.exceptions

from graphapp.errors import Conflict
from graphapp.model import united_provenance
from graphapp.store.neo4j_labels import ANY_NODE

__all__ = ["BATCH", "STAGED_FROM", "load_in_stages"]

#: Nodes and relationships from which a load is staged (below: one transaction, some 40 MiB at most).
STAGED_FROM = 20_000
#: Rows per query, and per staging transaction.
BATCH = 5000

_EXISTING: LiteralString = (
    """
UNWIND $ids AS id
MATCH (n:"""
    + ANY_NODE
    + """ {id: id})
RETURN n.id AS id, elementId(n) AS element, labels(n) AS labels, properties(n) AS properties
"""
)
_STAGE_NODES: LiteralString = """
UNWIND $rows AS row
CREATE (n {graphapp_load: $load})
SET n.id = row.id, n.name = row.name, n += row.props
RETURN row.id AS id, elementId(n) AS element
"""
_PUBLISH_NODES: LiteralString = """
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.element AND n.graphapp_load = $load
SET n:$(row.label)
REMOVE n.graphapp_load
RETURN count(n) AS published
"""
_DROP_STAGED: LiteralString = """
MATCH (n) WHERE n.graphapp_load = $load AND size(labels(n)) = 0
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""
_DROP_LEFTOVERS: LiteralString = """
MATCH (n) WHERE n.graphapp_load IS NOT NULL AND size(labels(n)) = 0
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""


def _stage_relationships(rel_type: LiteralString) -> LiteralString:
    # One constant query per type, as for merging (a dynamic type is planned once in 5.26.0).
    return (
        """
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:"""
        + rel_type
        + """]->(b)
SET r = row.props
RETURN count(r) AS created
"""
    )


_STAGE_RELATIONSHIPS: dict[str, LiteralString] = {
    "OWNS": _stage_relationships("OWNS"),
    "PARTICIPATES_IN": _stage_relationships("PARTICIPATES_IN"),
    "FUNDS": _stage_relationships("FUNDS"),
    "CO_FUNDS": _stage_relationships("CO_FUNDS"),
    "COLLABORATES_WITH": _stage_relationships("COLLABORATES_WITH"),
    "BUILDS_ON": _stage_relationships("BUILDS_ON"),
    "IN_COUNTY": _stage_relationships("IN_COUNTY"),
    "PART_OF": _stage_relationships("PART_OF"),
    "DESCRIBED_IN": _stage_relationships("DESCRIBED_IN"),
}


class _Interrupted(Conflict):
    """Another load deleted this one's staged nodes, or changed the graph under it."""


#: Node rows by label (id, name, props) and relationship rows by (type, start label, end label) (start,
#: end, props, sources, evidence), as :meth:`~graphapp.store.neo4j.Neo4jStore.load` groups them.
NodeRows = Mapping[str, Sequence[dict[str, Any]]]
RelationshipRows = Mapping[tuple[str, str, str], Sequence[dict[str, Any]]]


def load_in_stages(
    session: neo4j.Session,
    nodes: NodeRows,
    rels: RelationshipRows,
    merge: Callable[[neo4j.ManagedTransaction, NodeRows, RelationshipRows], None],
) -> None:
    """Load the rows of :meth:`~graphapp.store.neo4j.Neo4jStore.load` in stages; ``merge`` is the
    one-transaction load's, for what was there before (run in the publishing transaction)."""
    session.run(_DROP_LEFTOVERS).consume()
    load = secrets.token_hex(8)
    labelled = [{**row, "label": label} for label, rows in nodes.items() for row in rows]
    existing = _existing(session, [row["id"] for row in labelled])
    try:
        staged = _stage_nodes(session, [row for row in labelled if row["id"] not in existing], load)
        elements = {**{i: element for i, (element, _) in existing.items()}, **staged}
        new_rels: list[dict[str, Any]] = []
        old_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for key, rows in rels.items():
            for row in rows:
                if row["start"] in staged or row["end"] in staged:
                    new_rels.append({**row, "type": key[0]})
                else:
                    old_rels.setdefault(key, []).append(row)
        _stage_relationships_of(session, new_rels, elements)
        changed_nodes: dict[str, list[dict[str, Any]]] = {}
        for row in labelled:
            if row["id"] in existing and _differs(row, existing[row["id"]][1]):
                changed_nodes.setdefault(row["label"], []).append(row)
        published = [{"element": staged[row["id"]], "label": row["label"]} for row in labelled if row["id"] in staged]

        def publish(tx: neo4j.ManagedTransaction) -> None:
            count = sum(
                tx.run(_PUBLISH_NODES, rows=rows, load=load).single(strict=True)["published"]
                for rows in _batches(published)
            )
            if count != len(published):
                raise _Interrupted(
                    f"another load removed {len(published) - count} of this load's staged nodes: nothing of this "
                    "load was made visible; load it again"
                )
            merge(tx, changed_nodes, old_rels)

        session.execute_write(publish)
    except BaseException:
        with contextlib.suppress(neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError):
            session.run(_DROP_STAGED, load=load).consume()  # else the next staged load deletes them
        raise
    session.run(_DROP_STAGED, load=load).consume()  # nodes of a staging batch the driver tried twice


def _existing(session: neo4j.Session, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """The nodes of ``ids`` the graph holds: id -> (element id, {"labels", "properties"})."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for rows in _batches(ids):
        for record in session.run(_EXISTING, ids=rows):
            found[record["id"]] = (record["element"], {"labels": record["labels"], "properties": record["properties"]})
    return found


def _stage_nodes(session: neo4j.Session, rows: list[dict[str, Any]], load: str) -> dict[str, str]:
    """Create ``rows`` as staged nodes, a transaction per batch; id -> element id."""
    staged: dict[str, str] = {}
    for batch in _batches(rows):
        staged.update(session.execute_write(_staged_nodes, batch, load))
    return staged


def _staged_nodes(tx: neo4j.ManagedTransaction, rows: list[dict[str, Any]], load: str) -> list[tuple[str, str]]:
    return [(r["id"], r["element"]) for r in tx.run(_STAGE_NODES, rows=rows, load=load)]


def _stage_relationships_of(session: neo4j.Session, rels: list[dict[str, Any]], elements: dict[str, str]) -> int:
    """Create ``rels`` (each with a staged end) between the nodes' element ids; how many."""
    created = 0
    for rel_type, query in _STAGE_RELATIONSHIPS.items():
        typed = [
            {"start": elements[r["start"]], "end": elements[r["end"]], "props": _properties(r)}
            for r in rels
            if r["type"] == rel_type
        ]
        for batch in _batches(typed):
            created += session.execute_write(_staged_relationships, query, batch)
    return created


def _properties(row: dict[str, Any]) -> dict[str, Any]:
    """A relationship row's properties as merging leaves them: its sources sorted and unique with their evidence
    (:func:`graphapp.model.united_provenance`), none if it has no sources."""
    provenance = united_provenance({"sources": row["sources"], "evidence": row["evidence"]})
    return {**row["props"], **provenance} if provenance["sources"] else dict(row["props"])


def _staged_relationships(tx: neo4j.ManagedTransaction, query: LiteralString, rows: list[dict[str, Any]]) -> int:
    created: int = tx.run(query, rows=rows).single(strict=True)["created"]
    if created != len(rows):
        raise _Interrupted("another load removed nodes this load joins: nothing of it was made visible; load it again")
    return created


def _differs(row: dict[str, Any], held: dict[str, Any]) -> bool:
    """Whether merging ``row`` into the node the graph holds would change it."""
    properties = held["properties"]
    wanted = {"id": row["id"], "name": row["name"], **row["props"]}
    return row["label"] not in held["labels"] or any(properties.get(k) != v for k, v in wanted.items())


def _batches(rows: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BATCH):
        yield list(rows[start : start + BATCH])
