"""The Neo4j store: the official driver over Bolt.

One driver per store, short sessions, the database always passed. Reads run in
read transactions (routed to readers on a cluster); writes are idempotent
``UNWIND … MERGE`` batches in one transaction. Every query text is a constant;
values are parameters. Driver errors are translated to :mod:`graphapp.errors`
here and nowhere else.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Mapping
from itertools import pairwise
from pathlib import Path as FsPath
from typing import Any, LiteralString

import neo4j
import neo4j.exceptions as nex
import neo4j.graph
import networkx as nx

from graphapp.errors import GraphappError, InvalidQuery, NotFound, QueryTimeout, StoreUnavailable
from graphapp.model import GraphData, Label, Node, Path, Relationship, RelType, Subgraph
from graphapp.store.filters import PROJECTS_MATCHING
from graphapp.store.neo4j_deadline import run_with_deadline, stuck_queries
from graphapp.store.protocol import (
    Counts,
    CypherResult,
    NodeDetails,
    ProjectSummary,
    RankedActor,
    SubgraphFilter,
    breadth_first,
    check_path_length,
    check_traversal,
    sort_paths,
)

__all__ = ["Neo4jStore"]

BATCH = 5000
#: A load is one transaction (all or nothing), so its size is bounded by db.memory.transaction.max.
_LOAD_MEMORY_ADVICE = (
    "nothing was loaded. A load is one transaction: give Neo4j a larger per-transaction limit for it "
    "(NEO4J_TRANSACTION_MAX=1g scripts/neo4j start, or db.memory.transaction.max; see README: Memory limits)"
)
_QUERY_MEMORY_ADVICE = "narrow the query"

_MERGE_NODES: LiteralString = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label), n.name = row.name, n += row.props
"""


def _merge_relationships(rel_type: LiteralString) -> LiteralString:
    # One constant query per type, not MERGE (a)-[r:$(row.type)]->(b): Neo4j 5.26.0
    # plans a dynamic type once and gives every row (and later runs) the first type.
    return (
        """
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:"""
        + rel_type
        + """]->(b)
SET r += row.props
WITH r, row
UNWIND coalesce(r.sources, []) + row.sources AS source
WITH r, source ORDER BY source
WITH r, collect(DISTINCT source) AS sources
SET r.sources = sources
"""
    )


_MERGE_RELATIONSHIPS: dict[str, LiteralString] = {
    "OWNS": _merge_relationships("OWNS"),
    "PARTICIPATES_IN": _merge_relationships("PARTICIPATES_IN"),
    "FUNDS": _merge_relationships("FUNDS"),
    "CO_FUNDS": _merge_relationships("CO_FUNDS"),
    "COLLABORATES_WITH": _merge_relationships("COLLABORATES_WITH"),
    "BUILDS_ON": _merge_relationships("BUILDS_ON"),
    "IN_COUNTY": _merge_relationships("IN_COUNTY"),
    "PART_OF": _merge_relationships("PART_OF"),
    "DESCRIBED_IN": _merge_relationships("DESCRIBED_IN"),
}
_RELATIONSHIPS_BY_KEY: LiteralString = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})-[r]->(b:Entity {id: row.end})
WHERE type(r) = row.type
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""
_TAKE_SOURCES: LiteralString = """
UNWIND $rows AS row
MATCH (:Entity {id: row.start})-[r]->(:Entity {id: row.end})
WHERE type(r) = row.type
SET r.sources = [s IN coalesce(r.sources, []) WHERE NOT s IN row.sources]
"""
_DROP_UNSOURCED: LiteralString = """
UNWIND $rows AS row
MATCH (:Entity {id: row.start})-[r]->(:Entity {id: row.end})
WHERE type(r) = row.type AND size(r.sources) = 0
DELETE r
"""
_DROP_LONE_NODES: LiteralString = "UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE NOT EXISTS { (n)--() } DELETE n"
_CLEAR: LiteralString = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
_COUNT_LABELS: LiteralString = """
MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label <> 'Entity'
RETURN label, count(*) AS n ORDER BY label
"""
_COUNT_TYPES: LiteralString = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
_NODES_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n"
_EXPAND: LiteralString = """
UNWIND $frontier AS fid
MATCH (:Entity {id: fid})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND ($labels IS NULL OR any(label IN labels(b) WHERE label IN $labels))
RETURN DISTINCT b.id AS id
"""
_AMONG: LiteralString = """
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE $chosen[b.id] AND ($types IS NULL OR type(r) IN $types)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""  # $chosen maps each id to true: a map lookup, where `b.id IN $ids` scans the list per row
_SHORTEST: LiteralString = """
MATCH (a:Entity {id: $start}), (b:Entity {id: $end})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE $types IS NULL OR all(r IN relationships(p) WHERE type(r) IN $types)
RETURN [n IN nodes(p) | n.id] AS ids
LIMIT 1000
"""
_BETWEEN: LiteralString = """
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]})-[r]->(b:Entity {id: pair[1]})
WHERE $types IS NULL OR type(r) IN $types
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""
_SELECT_PROJECTS: LiteralString = PROJECTS_MATCHING + "RETURN p.id AS id ORDER BY id\n"
_AROUND: LiteralString = """
UNWIND $ids AS id
MATCH (:Entity {id: id})--(n:Entity)
RETURN DISTINCT n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label
"""
_BEST_CONNECTED: LiteralString = """
MATCH (a:Entity)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
WHERE a:Municipality OR a:Agency OR a:Organization
WITH a, count(DISTINCT p) AS projects
RETURN a AS n, projects ORDER BY projects DESC, a.id LIMIT $limit
"""
_ALL_NODES: LiteralString = "MATCH (n:Entity) RETURN n"
_PING: LiteralString = "RETURN 1"
_IDS_BY_ELEMENT_ID: LiteralString = "UNWIND $ids AS eid MATCH (n) WHERE elementId(n) = eid RETURN eid, n.id AS id"
_ALL_RELATIONSHIPS: LiteralString = (
    "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props"
)

_NODE_DETAILS: LiteralString = """
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(m:Entity)
RETURN count(r) AS degree, collect(r.sources) AS sources,
       collect(CASE WHEN type(r) = 'DESCRIBED_IN' AND startNode(r) = n THEN m.id END) AS described
"""
_DOCUMENTS_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (n:Document {id: id}) RETURN n ORDER BY n.id"
_PROJECT_SUMMARIES: LiteralString = (
    PROJECTS_MATCHING
    + """OPTIONAL MATCH (a:Entity)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p)
WITH p, count(DISTINCT a) AS partners
RETURN p AS n, partners ORDER BY p.id
"""
)


class Neo4jStore:
    name = "neo4j"
    persistent = True
    waits_on_network = True
    runs_cypher = True

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        cypher_dir: FsPath | None = None,
        connection_timeout: float = 5.0,
    ) -> None:
        self._database = database
        self._uri = uri
        with _translated():
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
                max_transaction_retry_time=connection_timeout,
                # Our queries are constants checked by tests; the server's advice on them
                # ("label does not exist" on an empty database) is noise for users.
                notifications_min_severity="OFF",
            )
        self._schema_applied = False
        self._cypher_dir = cypher_dir

    # -- writing -------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Apply ``cypher/schema.cypher`` (idempotent) once per store."""
        if self._schema_applied:
            return
        from graphapp.paths import default_cypher_dir

        text = ((self._cypher_dir or default_cypher_dir()) / "schema.cypher").read_text(encoding="utf-8")
        statements = [s.strip() for s in _strip_comments(text).split(";") if s.strip()]
        with _translated(), self._driver.session(database=self._database) as session:
            for statement in statements:
                # Read from our own cypher/schema.cypher, so not a literal: the one write that is not.
                session.run(statement).consume()  # pyright: ignore[reportArgumentType]
        self._schema_applied = True

    def load(self, data: GraphData) -> Counts:
        self.ensure_schema()
        nodes = [
            {"id": n.id, "label": n.label.value, "name": n.name, "props": n.properties} for n in data.nodes.values()
        ]
        rels = [
            {
                "start": r.start,
                "end": r.end,
                "type": r.type.value,
                "props": {k: v for k, v in r.properties.items() if k != "sources"},
                "sources": r.sources,
            }
            for r in data.relationships.values()
        ]

        def write(tx: neo4j.ManagedTransaction) -> None:
            for i in range(0, len(nodes), BATCH):
                tx.run(_MERGE_NODES, rows=nodes[i : i + BATCH]).consume()
            for rel_type, query in _MERGE_RELATIONSHIPS.items():
                typed = [r for r in rels if r["type"] == rel_type]
                for i in range(0, len(typed), BATCH):
                    tx.run(query, rows=typed[i : i + BATCH]).consume()

        with _translated("the load", _LOAD_MEMORY_ADVICE), self._session() as session:
            session.execute_write(write)
        return self.counts()

    def retract(self, node_ids: Collection[str], sources: Mapping[tuple[str, str, str], Collection[str]]) -> Counts:
        rows = [{"start": s, "type": t, "end": e, "sources": sorted(taken)} for (s, t, e), taken in sources.items()]
        ids = sorted(node_ids)

        def write(tx: neo4j.ManagedTransaction) -> None:
            for i in range(0, len(rows), BATCH):
                tx.run(_TAKE_SOURCES, rows=rows[i : i + BATCH]).consume()
                tx.run(_DROP_UNSOURCED, rows=rows[i : i + BATCH]).consume()
            for i in range(0, len(ids), BATCH):
                tx.run(_DROP_LONE_NODES, ids=ids[i : i + BATCH]).consume()

        with _translated(), self._session() as session:
            session.execute_write(write)
        return self.counts()

    def clear(self) -> None:
        with _translated(), self._session() as session:
            session.run(_CLEAR).consume()

    # -- reading -------------------------------------------------------------

    def counts(self) -> Counts:
        labels = {r["label"]: r["n"] for r in self._read(_COUNT_LABELS)}
        types = {r["type"]: r["n"] for r in self._read(_COUNT_TYPES)}
        return Counts(labels, types)

    def get_node(self, node_id: str) -> Node:
        found = self._nodes([node_id])
        if not found:
            raise NotFound(f"no node with id {node_id!r}")
        return found[0]

    def find_nodes(self, ids: Collection[str]) -> list[Node]:
        return sorted(self._nodes(sorted(set(ids))), key=lambda n: n.id)

    def find_relationships(self, keys: Collection[tuple[str, str, str]]) -> list[Relationship]:
        rows = [{"start": s, "type": t, "end": e} for s, t, e in sorted(set(keys))]
        return sorted(self._relationships(_RELATIONSHIPS_BY_KEY, rows=rows), key=_key)

    def neighbours(
        self,
        node_id: str,
        depth: int = 1,
        kinds: frozenset[Label] | None = None,
        rel_types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        check_traversal(depth, limit)
        self.get_node(node_id)
        types = sorted(t.value for t in rel_types) if rel_types else None
        labels = sorted(k.value for k in kinds) if kinds else None

        def expand(frontier: list[str]) -> list[str]:
            return [r["id"] for r in self._read(_EXPAND, frontier=frontier, types=types, labels=labels)]

        ids, truncated = breadth_first(node_id, depth, limit, expand)
        return Subgraph(self._nodes(ids), self._among(ids, types), truncated)

    def shortest_paths(
        self,
        start: str,
        end: str,
        max_length: int = 6,
        rel_types: frozenset[RelType] | None = None,
    ) -> list[Path]:
        check_path_length(max_length)
        self.get_node(start)
        self.get_node(end)
        if start == end:
            return [Path([self.get_node(start)], [])]
        types = sorted(t.value for t in rel_types) if rel_types else None
        sequences = [tuple(r["ids"]) for r in self._read(_SHORTEST, start=start, end=end, types=types)]
        if not sequences or len(sequences[0]) - 1 > max_length:
            return []
        chosen = sort_paths(sequences)
        pairs = {tuple(sorted(pair)) for sequence in chosen for pair in pairwise(sequence)}
        both_ways = [list(p) for pair in sorted(pairs) for p in (pair, pair[::-1])]
        between: dict[tuple[str, ...], list[Relationship]] = {}
        for rel in self._relationships(_BETWEEN, pairs=both_ways, types=types):
            between.setdefault(tuple(sorted((rel.start, rel.end))), []).append(rel)
        nodes = {node.id: node for node in self._nodes(sorted({i for sequence in chosen for i in sequence}))}
        return [
            Path(
                [nodes[i] for i in sequence],
                [r for pair in pairwise(sequence) for r in sorted(between.get(tuple(sorted(pair)), []), key=_key)],
            )
            for sequence in chosen
        ]

    def subgraph(self, filters: SubgraphFilter, limit: int = 5000) -> Subgraph:
        first, last = filters.years or (None, None)
        projects = [
            r["id"]
            for r in self._read(_SELECT_PROJECTS, fund=filters.fund, county=filters.county, first=first, last=last)
        ]
        kinds = {k.value for k in filters.kinds}
        around = sorted(
            r["id"] for r in self._read(_AROUND, ids=projects) if r["label"] in kinds and r["label"] != "Project"
        )
        ids = (projects if Label.PROJECT.value in kinds else []) + around
        kept = ids[:limit]
        return Subgraph(self._nodes(kept), self._among(kept, None), len(ids) > limit)

    def best_connected(self, limit: int = 10) -> list[RankedActor]:
        return [RankedActor(_node(r["n"]), r["projects"]) for r in self._read(_BEST_CONNECTED, limit=limit)]

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        for record in self._read(_ALL_NODES):
            node = _node(record["n"])
            graph.add_node(node.id, label=node.label.value, name=node.name, **node.properties)
        for rel in self._relationships(_ALL_RELATIONSHIPS):
            graph.add_edge(rel.start, rel.end, key=rel.type.value, type=rel.type.value, **rel.properties)
        return graph

    def all_nodes(self) -> list[Node]:
        return sorted((_node(r["n"]) for r in self._read(_ALL_NODES)), key=lambda n: n.id)

    def node_details(self, node_id: str) -> NodeDetails:
        node = self.get_node(node_id)
        record = self._read(_NODE_DETAILS, id=node_id)[0]
        documents = {s for sources in record["sources"] for s in sources or []} | set(record["described"])
        sources = [_node(r["n"]) for r in self._read(_DOCUMENTS_BY_ID, ids=sorted(documents))]
        return NodeDetails(node, record["degree"], sources)

    def projects(self, filters: SubgraphFilter) -> list[ProjectSummary]:
        first, last = filters.years or (None, None)
        records = self._read(_PROJECT_SUMMARIES, fund=filters.fund, county=filters.county, first=first, last=last)
        return [ProjectSummary(_node(r["n"]), r["partners"]) for r in records]

    def run_cypher(self, query: str, parameters: dict[str, Any], timeout: float, row_limit: int) -> CypherResult:
        # An explicit READ transaction, not execute_read: an analyst's query is run once,
        # never retried (a query that exhausts memory must not run again and again); and
        # with a deadline that holds even where Neo4j does not stop the query (neo4j_deadline).
        def work(tx: neo4j.Transaction) -> CypherResult:
            # An analyst's text, not a literal: read-only by this READ transaction and cypher_guard.
            result = tx.run(query, parameters)  # pyright: ignore[reportArgumentType]
            columns = list(result.keys())
            collector = _GraphCollector()
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if len(rows) >= row_limit:
                    truncated = True
                    break
                rows.append([collector.plain(value) for value in record.values()])
            result.consume()
            collector.resolve(tx)
            return CypherResult(columns, rows, truncated, collector.nodes(), collector.relationships())

        with _translated():
            stuck = stuck_queries(self._driver, self._database)
            if stuck:
                raise StoreUnavailable(
                    f"Neo4j is still running an earlier analyst's query past its time limit ({', '.join(stuck)}): "
                    "Neo4j cannot interrupt a loop inside one expression. New queries wait until it ends "
                    "(or Neo4j restarts)."
                )
            return run_with_deadline(self._driver, self._database, work, timeout)

    def ping(self) -> None:
        # One auto-commit query: no retries, and it proves the database answers (not just the
        # server); verify_connectivity(database=...) is a preview feature that warns.
        with _translated(), self._session(read=True) as session:
            session.run(_PING).consume()

    def version(self) -> str:
        # A read's bookmark names the last transaction that committed a change to the database.
        with _translated(), self._session(read=True) as session:
            session.run(_PING).consume()
            return " ".join(sorted(session.last_bookmarks().raw_values))

    def close(self) -> None:
        self._driver.close()

    # -- helpers -------------------------------------------------------------

    def _session(self, read: bool = False) -> neo4j.Session:
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self._database, default_access_mode=mode)

    def _read(self, query: LiteralString, **params: Any) -> list[neo4j.Record]:
        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(query, params))

        with _translated(), self._session(read=True) as session:
            return session.execute_read(work)

    def _nodes(self, ids: list[str]) -> list[Node]:
        return [_node(r["n"]) for r in self._read(_NODES_BY_ID, ids=ids)]

    def _relationships(self, query: LiteralString, **params: Any) -> list[Relationship]:
        return [
            Relationship(RelType(r["type"]), r["start"], r["end"], dict(r["props"]))
            for r in self._read(query, **params)
        ]

    def _among(self, ids: list[str], types: list[str] | None) -> list[Relationship]:
        chosen = dict.fromkeys(ids, True)
        return sorted(self._relationships(_AMONG, ids=ids, chosen=chosen, types=types), key=lambda r: r.key)


def _key(rel: Relationship) -> tuple[str, str, str]:
    return rel.key


def _node(raw: neo4j.graph.Node) -> Node:
    props = dict(raw)
    label = next(Label(lb) for lb in raw.labels if lb != "Entity")
    node_id = props.pop("id")
    name = props.pop("name", node_id)
    return Node(node_id, label, name, props)


class _GraphCollector:
    """Turns driver values into JSON-able ones and remembers nodes and relationships seen.

    A relationship returned without its nodes only knows their element ids; they are
    resolved to our ids by :meth:`resolve` once the result has been read.
    """

    def __init__(self) -> None:
        self._nodes: dict[str, Node] = {}
        self._ids: dict[str, str] = {}  #: element id -> our id
        self._raw: list[tuple[str, str, str, dict[str, Any]]] = []  #: (type, start eid, end eid, properties)
        self._pending: list[tuple[dict[str, Any], str]] = []  #: (output dict, "start" | "end") to patch

    def plain(self, value: Any) -> Any:
        if isinstance(value, neo4j.graph.Node):
            try:
                node = _node(value)
            except (KeyError, StopIteration, ValueError):  # not one of ours
                return {
                    "element_id": value.element_id,
                    "labels": sorted(value.labels),
                    "properties": self.plain(dict(value)),
                }
            self._nodes[node.id] = node
            self._ids[value.element_id] = node.id
            return {"id": node.id, "kind": node.kind, "name": node.name, "properties": self.plain(node.properties)}
        if isinstance(value, neo4j.graph.Relationship):
            start = value.start_node.element_id if value.start_node is not None else ""
            end = value.end_node.element_id if value.end_node is not None else ""
            out = {"type": value.type, "start": start, "end": end, "properties": self.plain(dict(value))}
            self._pending += [(out, "start"), (out, "end")]
            self._raw.append((value.type, start, end, dict(value)))
            return out
        if isinstance(value, neo4j.graph.Path):
            return {
                "nodes": [self.plain(n) for n in value.nodes],
                "relationships": [self.plain(r) for r in value.relationships],
            }
        if isinstance(value, list):
            return [self.plain(v) for v in value]
        if isinstance(value, dict):
            return {k: self.plain(v) for k, v in value.items()}
        if value is None or isinstance(value, str | int | float | bool):
            return value
        return str(value)  # temporal and spatial values, bytes

    def resolve(self, tx: neo4j.Transaction) -> None:
        """Replace the element ids of relationships' ends by our ids (one query)."""
        unknown = sorted({eid for _, s, e, _ in self._raw for eid in (s, e) if eid and eid not in self._ids})
        if unknown:
            for record in tx.run(_IDS_BY_ELEMENT_ID, ids=unknown):
                if record["id"] is not None:
                    self._ids[record["eid"]] = record["id"]
        for out, key in self._pending:
            out[key] = self._ids.get(out[key], out[key])

    def nodes(self) -> list[Node]:
        return sorted(self._nodes.values(), key=lambda n: n.id)

    def relationships(self) -> list[Relationship]:
        rels = {
            rel.key: rel
            for rel in (
                Relationship(RelType(kind), self._ids[start], self._ids[end], props)
                for kind, start, end, props in self._raw
                if kind in RelType._value2member_map_ and start in self._ids and end in self._ids
            )
        }
        return sorted(rels.values(), key=lambda r: r.key)


def _reason(exc: BaseException) -> str:
    """The first line of the driver's message and the operating system's reason, once."""
    first = str(exc).splitlines()[0].rstrip(":") if str(exc) else type(exc).__name__
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, OSError) and cause.strerror and cause is not exc:
        return f"{first}: {cause.strerror}"
    return first


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


@contextlib.contextmanager
def _translated(what: str = "the query", memory_advice: str = _QUERY_MEMORY_ADVICE) -> Iterator[None]:
    """Translate driver errors into graphapp's, once, at the edge of the store."""
    try:
        yield
    except GraphappError:
        raise
    except (nex.ServiceUnavailable, nex.SessionExpired, OSError) as exc:
        raise StoreUnavailable(f"Neo4j cannot be reached: {_reason(exc)}") from exc
    except nex.AuthError as exc:
        raise StoreUnavailable("Neo4j refused the credentials: check NEO4J_USER and NEO4J_PASSWORD") from exc
    except nex.ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code or "Transaction.TransactionTimedOut" in code or "Timeout" in code:
            raise QueryTimeout(f"the query ran past its time limit and was stopped ({code})") from exc
        if code.startswith("Neo.ClientError.Database.DatabaseNotFound"):
            raise StoreUnavailable(f"Neo4j has no such database: {exc.message}") from exc
        if "OutOfMemory" in code:
            raise InvalidQuery(f"{what} {_memory(exc)}; {memory_advice} ({code})") from exc
        raise InvalidQuery(f"{exc.message or exc} ({code})") from exc
    except nex.TransientError as exc:
        if "Memory" in (exc.code or ""):
            raise InvalidQuery(f"{what} {_memory(exc)}; {memory_advice} ({exc.code})") from exc
        raise StoreUnavailable(f"Neo4j is busy, try again: {exc.message}") from exc
    except nex.DriverError as exc:
        raise StoreUnavailable(f"Neo4j driver error: {exc}") from exc
    except nex.Neo4jError as exc:
        raise GraphappError(f"Neo4j error: {exc.message or exc}") from exc
    except RecursionError as exc:  # the driver reading an answer nested deeper than Python's stack
        raise InvalidQuery("Neo4j's answer to this query is nested too deeply to read; simplify the query") from exc


def _memory(exc: nex.Neo4jError) -> str:
    """What ran out: one transaction's limit (the message names the setting) or the server's heap."""
    message = (exc.message or "").strip().rstrip(".")
    if "db.memory.transaction" in message or "dbms.memory.transaction" in message:
        return f"needs more memory than one transaction may use: {message}"
    return f"needs more memory than the server has: {message or exc.code}"
