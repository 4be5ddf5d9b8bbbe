"""The Neo4j store: the official driver over Bolt.

One driver per store, short sessions, the database always passed. Reads run in
read transactions (routed to readers on a cluster); writes are idempotent
``UNWIND … MERGE`` batches in one transaction. Every query text is a constant;
values are parameters. Driver errors are translated to :mod:`graphapp.errors`
here and nowhere else.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import count, pairwise
from pathlib import Path as FsPath
from typing import Any, LiteralString
from urllib.parse import quote

import neo4j
import neo4j.exceptions as nex
import neo4j.graph
import neo4j.time
import networkx as nx

from graphapp.dates import DATE_PROPERTIES, plain_properties, year_of
from graphapp.errors import GraphappError, InvalidQuery, InvalidRecords, NotFound, QueryTimeout, StoreUnavailable
from graphapp.model import (
    PROVENANCE_KEYS,
    GraphData,
    Label,
    Node,
    Path,
    Relationship,
    RelType,
    Subgraph,
    label_of_id,
)
from graphapp.store.filters import PROJECT_FILTER, projects_matching
from graphapp.store.kept import KeptFiles
from graphapp.store.neo4j_dates import MIGRATE_DATES
from graphapp.store.neo4j_deadline import run_with_deadline, stuck_queries
from graphapp.store.neo4j_labels import ANY_ACTOR, ANY_NODE, ENDS
from graphapp.store.neo4j_plan import plan_step
from graphapp.store.neo4j_staged import STAGED_FROM, load_in_stages
from graphapp.store.neo4j_traversals import AMONG_IDS, NEIGHBOURHOOD, SHORTEST_PATHS, SUBGRAPH_AROUND
from graphapp.store.protocol import (
    MAX_PATHS,
    MAX_PATHS_SEEN,
    Counts,
    CypherResult,
    NodeDetails,
    ProjectSummary,
    RankedActor,
    SubgraphFilter,
    TimelineEntry,
    check_path_length,
    check_traversal,
    sort_paths,
)

__all__ = ["Neo4jStore"]

BATCH = 5000
#: A load is all or nothing, its publishing step one transaction (graphapp/store/neo4j_staged.py), whose size
#: db.memory.transaction.max bounds.
_LOAD_MEMORY_ADVICE = (
    "nothing was loaded. Give Neo4j a larger per-transaction limit for this load "
    "(NEO4J_TRANSACTION_MAX=1g scripts/neo4j start, or db.memory.transaction.max; see README: Memory limits)"
)
_QUERY_MEMORY_ADVICE = "narrow the query"
#: Connections a store (one per process) keeps at most: one for each thread that may call
#: it at once. The API runs store calls in anyio's thread pool of 40 threads; with the
#: driver's default of 100, connections past 40 would only ever sit idle on the server,
#: which serves 400 at once by default (``server.bolt.thread_pool_max_size``): ten workers.
POOL_SIZE = 40
#: The wait before a read is tried again (see ``Neo4jStore._read``), longer at each try.
READ_RETRY_SECONDS = 0.2


def _merge_nodes(label: LiteralString) -> LiteralString:
    # One constant query per label: MERGE on a dynamic label ($(row.label)) cannot use the
    # label's id index (Neo4j 5.26 plans it as a scan of every node).
    return (
        """
UNWIND $rows AS row
MERGE (n:"""
        + label
        + """ {id: row.id})
SET n.name = row.name, n += row.props
"""
    )


_MERGE_NODES: dict[str, LiteralString] = {
    "Project": _merge_nodes("Project"),
    "Municipality": _merge_nodes("Municipality"),
    "County": _merge_nodes("County"),
    "Agency": _merge_nodes("Agency"),
    "Organization": _merge_nodes("Organization"),
    "Fund": _merge_nodes("Fund"),
    "Document": _merge_nodes("Document"),
}


def _merge_relationships(rel_type: LiteralString, start: LiteralString, end: LiteralString) -> LiteralString:
    # One constant query per type and pair of labels, not MERGE (a)-[r:$(row.type)]->(b):
    # Neo4j 5.26.0 plans a dynamic type once and gives every row (and later runs) the first
    # type, and finds a node by a dynamic label by scanning every node; a label alternative
    # (a:A|B|C {id}) is one index seek per label, half the speed of a load. Sources are
    # united with their evidence as graphapp.model.united_provenance does (the greatest text
    # per source; no evidence property when every text is empty); a row without sources sets none.
    return (
        """
UNWIND $rows AS row
MATCH (a:"""
        + start
        + """ {id: row.start})
MATCH (b:"""
        + end
        + """ {id: row.end})
MERGE (a)-[r:"""
        + rel_type
        + """]->(b)
SET r += row.props
WITH r, row, coalesce(r.sources, []) AS old, coalesce(r.evidence, []) AS said
UNWIND [i IN range(0, size(old) - 1) | [old[i], coalesce(said[i], '')]]
       + [i IN range(0, size(row.sources) - 1) | [row.sources[i], row.evidence[i]]] AS pair
WITH r, pair[0] AS source, max(pair[1]) AS evidence
ORDER BY source
WITH r, collect(source) AS sources, collect(evidence) AS evidence
SET r.sources = sources, r.evidence = CASE WHEN any(text IN evidence WHERE text <> '') THEN evidence END
"""
    )


#: The merge of each (type, start label, end label) the graph may hold (neo4j_labels.ENDS).
_MERGE_RELATIONSHIPS: dict[tuple[str, str, str], LiteralString] = {
    (rel_type, start, end): _merge_relationships(rel_type, start, end)
    for rel_type, (starts, ends) in ENDS.items()
    for start in starts.split("|")
    for end in ends.split("|")
}
_RELATIONSHIPS_BY_KEY: LiteralString = (
    """
UNWIND $rows AS row
MATCH (a:"""
    + ANY_NODE
    + """ {id: row.start})-[r]->(b:"""
    + ANY_NODE
    + """ {id: row.end})
WHERE type(r) = row.type
RETURN [a.id, type(r), b.id, properties(r)] AS relationship
"""
)
#: Take ``row.sources`` (and their evidence) from a relationship's provenance.
_TAKE_SOURCES: LiteralString = (
    """
UNWIND $rows AS row
MATCH (:"""
    + ANY_NODE
    + """ {id: row.start})-[r]->(:"""
    + ANY_NODE
    + """ {id: row.end})
WHERE type(r) = row.type
WITH r, row, coalesce(r.sources, []) AS old, coalesce(r.evidence, []) AS said
WITH r, [i IN range(0, size(old) - 1) WHERE NOT old[i] IN row.sources | [old[i], coalesce(said[i], '')]] AS kept
SET r.sources = [pair IN kept | pair[0]],
    r.evidence = CASE WHEN any(pair IN kept WHERE pair[1] <> '') THEN [pair IN kept | pair[1]] END
"""
)
_DROP_UNSOURCED: LiteralString = (
    """
UNWIND $rows AS row
MATCH (:"""
    + ANY_NODE
    + """ {id: row.start})-[r]->(:"""
    + ANY_NODE
    + """ {id: row.end})
WHERE type(r) = row.type AND size(r.sources) = 0
DELETE r
"""
)
_DROP_LONE_NODES: LiteralString = (
    "UNWIND $ids AS id MATCH (n:" + ANY_NODE + " {id: id}) WHERE NOT EXISTS { (n)--() } DELETE n"
)
_CLEAR: LiteralString = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
#: Nodes per label, from Neo4j's count store (no scan); labels without nodes left out.
_COUNT_LABELS: LiteralString = """
CALL () {
  MATCH (n:Agency) RETURN 'Agency' AS label, count(n) AS n
  UNION ALL MATCH (n:County) RETURN 'County' AS label, count(n) AS n
  UNION ALL MATCH (n:Document) RETURN 'Document' AS label, count(n) AS n
  UNION ALL MATCH (n:Fund) RETURN 'Fund' AS label, count(n) AS n
  UNION ALL MATCH (n:Municipality) RETURN 'Municipality' AS label, count(n) AS n
  UNION ALL MATCH (n:Organization) RETURN 'Organization' AS label, count(n) AS n
  UNION ALL MATCH (n:Project) RETURN 'Project' AS label, count(n) AS n
}
WITH label, n WHERE n > 0
RETURN label, n
"""
#: Between the graph's nodes only: not the relationships of a load being staged (graphapp/store/neo4j_staged.py).
_COUNT_TYPES: LiteralString = (
    "MATCH (a)-[r]->(b) WHERE a:"
    + ANY_NODE
    + " AND b:"
    + ANY_NODE
    + "\nRETURN type(r) AS type, count(*) AS n ORDER BY type"
)
_NODES_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (n:" + ANY_NODE + " {id: id}) RETURN n"
_BEST_CONNECTED: LiteralString = (
    """
MATCH (a:"""
    + ANY_ACTOR
    + """)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p:Project)
WITH a, count(DISTINCT p) AS projects
RETURN a AS n, projects ORDER BY projects DESC, a.id LIMIT $limit
"""
)
_ALL_NODES: LiteralString = "MATCH (n:" + ANY_NODE + ") RETURN labels(n) AS labels, properties(n) AS properties"
_ALL_NODES_WITH_RELATIONSHIPS: LiteralString = (
    """
MATCH (n:"""
    + ANY_NODE
    + """)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties,
       [(n)-[r]->(b) | [type(r), b.id, properties(r)]] AS out
"""
)
_PING: LiteralString = "RETURN 1"
#: The id Neo4j gave the database when it was created: what kept results are filed under.
_DATABASE_ID: LiteralString = "CALL db.info() YIELD id RETURN id"
_IDS_BY_ELEMENT_ID: LiteralString = "UNWIND $ids AS eid MATCH (n) WHERE elementId(n) = eid RETURN eid, n.id AS id"

#: A node, its degree and its source documents (named in its relationships' sources, or
#: linked by DESCRIBED_IN from it); no row for an unknown id.
_NODE_DETAILS: LiteralString = (
    """
MATCH (n:"""
    + ANY_NODE
    + """ {id: $id})
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(m)
  RETURN count(r) AS degree, collect(r.sources) AS sources,
         collect(CASE WHEN type(r) = 'DESCRIBED_IN' AND startNode(r) = n THEN m.id END) AS described
}
CALL (sources, described) {
  UNWIND reduce(ids = described, named IN sources | ids + named) AS id
  WITH DISTINCT id
  MATCH (document:Document {id: id})
  RETURN collect([labels(document), properties(document)]) AS documents
}
RETURN [labels(n), properties(n)] AS node, degree, documents
"""
)
#: After the projects a filter selects (filters.projects_matching): each with its partner count and its grant
#: (store.protocol.ProjectSummary).
_PROJECT_SUMMARIES: LiteralString = """OPTIONAL MATCH (a)-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p)
WITH p, count(DISTINCT a) AS partners
OPTIONAL MATCH (:Fund)-[f:FUNDS]->(p)
WITH p, partners, sum(f.amount_sek) AS funded, count(f.amount_sek) AS amounts
RETURN p AS n, partners,
       CASE WHEN amounts > 0 OR p.unattributed_grant_sek IS NOT NULL
            THEN funded + coalesce(p.unattributed_grant_sek, 0) END AS grant
ORDER BY p.id
"""
#: After the projects a filter selects: each with its actors ([id, county code, type]), funds and
#: outgoing links to projects ([type, id]); every relationship found from the project's side. Unsorted:
#: with ``ORDER BY p.id`` Neo4j 5.26 sorts first and then plans a county's filter from the county's actors,
#: for every project (13.7 million db hits for county 07 of 10 000 projects instead of 231 000).
_TIMELINE: LiteralString = """CALL (p) {
  MATCH (a)-[r:OWNS|PARTICIPATES_IN|CO_FUNDS]->(p)
  RETURN collect([a.id, a.county_code, type(r)]) AS actors
}
CALL (p) {
  MATCH (f:Fund)-[:FUNDS]->(p)
  RETURN collect(f.id) AS funds
}
CALL (p) {
  MATCH (p)-[r:BUILDS_ON|COLLABORATES_WITH]->(q:Project)
  RETURN collect([type(r), q.id]) AS links
}
RETURN [labels(p), properties(p)] AS node, actors, funds, links
"""
#: Of the nodes ``$ids``: those with a project matching the filter (its parameters, the years null)
#: that started before ``$year``.
_SEEN_BEFORE: LiteralString = (
    """UNWIND $ids AS id
MATCH (n:"""
    + ANY_NODE
    + """ {id: id})
WHERE EXISTS { MATCH (n)--(p:Project) WHERE p.start.year < $year AND """
    + PROJECT_FILTER
    + """ }
RETURN collect(id) AS seen
"""
)


def _merge(
    tx: neo4j.ManagedTransaction,
    nodes: Mapping[str, Sequence[dict[str, Any]]],
    rels: Mapping[tuple[str, str, str], Sequence[dict[str, Any]]],
) -> None:
    """Merge node rows (by label) and relationship rows (by type and end labels) in ``tx``: a load's one
    transaction, or a staged load's publishing one."""
    # Text dates of a graph an earlier version loaded become DATE values (neo4j_dates).
    for query in MIGRATE_DATES:
        tx.run(query).consume()
    # The store's version is Neo4j's last committed transaction (version()): a load that
    # changes nothing commits nothing, and keeps it.
    for label, query in _MERGE_NODES.items():
        labelled = nodes.get(label, [])
        for i in range(0, len(labelled), BATCH):
            tx.run(query, rows=labelled[i : i + BATCH]).consume()
    for key, query in _MERGE_RELATIONSHIPS.items():
        typed = rels.get(key, [])
        for i in range(0, len(typed), BATCH):
            tx.run(query, rows=typed[i : i + BATCH]).consume()


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
        kept_dir: FsPath | None = None,
    ) -> None:
        """``kept_dir``: the folder for results derived from the graph (:mod:`~graphapp.store.kept`),
        shared by the processes of this machine; None keeps them in this process only."""
        self._database = database
        self._uri = uri
        self._retry_seconds = connection_timeout
        with _translated():
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
                max_transaction_retry_time=connection_timeout,
                max_connection_pool_size=POOL_SIZE,
                # Our queries are constants checked by tests; the server's advice on them
                # ("label does not exist" on an empty database) is noise for users.
                notifications_min_severity="OFF",
            )
        self._schema_applied = False
        self._cypher_dir = cypher_dir
        self._bookmarks: neo4j.Bookmarks | None = None  #: of this store's last write
        self._kept_dir = kept_dir
        self._kept_files: KeptFiles | None = None
        self._kept_here: dict[str, tuple[str, str]] = {}  #: key -> (version, text) without a kept_dir

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
        nodes: dict[str, list[dict[str, Any]]] = {}
        for n in data.nodes.values():
            nodes.setdefault(n.label.value, []).append({"id": n.id, "name": n.name, "props": n.properties})
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in data.relationships.values():
            key = (r.type.value, _label_of(r.start), _label_of(r.end))
            if key not in _MERGE_RELATIONSHIPS:  # the records' schema refuses it: data built by hand
                raise InvalidRecords([f"{r.type.value} cannot join {r.start} to {r.end} (graphapp.model.ENDPOINTS)"])
            rels.setdefault(key, []).append(
                {
                    "start": r.start,
                    "end": r.end,
                    "props": {k: v for k, v in r.properties.items() if k not in PROVENANCE_KEYS},
                    "sources": r.sources,
                    "evidence": r.evidence,
                }
            )

        with _translated("the load", _LOAD_MEMORY_ADVICE), self._session() as session:
            if sum(map(len, nodes.values())) + sum(map(len, rels.values())) >= STAGED_FROM:
                load_in_stages(session, nodes, rels, _merge)  # too large for one transaction: made visible in one
            else:
                session.execute_write(_merge, nodes, rels)
            self._bookmarks = session.last_bookmarks()
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
            self._bookmarks = session.last_bookmarks()
        return self.counts()

    def clear(self) -> None:
        with _translated(), self._session() as session:
            session.run(_CLEAR).consume()
            self._bookmarks = session.last_bookmarks()

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
        found = self._read(_RELATIONSHIPS_BY_KEY, rows=rows)
        return sorted((_plain_relationship(record["relationship"]) for record in found), key=_key)

    def neighbours(
        self,
        node_id: str,
        depth: int = 1,
        kinds: frozenset[Label] | None = None,
        rel_types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph:
        check_traversal(depth, limit)
        types = sorted(t.value for t in rel_types) if rel_types else None
        labels = sorted(k.value for k in kinds) if kinds else None
        rows = self._read(NEIGHBOURHOOD, id=node_id, depth=depth, limit=limit, types=types, labels=labels)
        if not rows:
            raise NotFound(f"no node with id {node_id!r}")
        found = rows[0]
        if found["nodes"]:  # all found fit: they came with their distances
            nodes = zip(found["extra"], map(_plain_node, found["nodes"]), strict=True)
            return _subgraph([node for _, node in sorted(nodes, key=lambda pair: (pair[0], pair[1].id))], found)
        ranked = sorted(found["extra"], key=lambda pair: (pair[1], pair[0]))
        return self._among_ids([node_id for node_id, _ in ranked[:limit]], types)

    def shortest_paths(
        self,
        start: str,
        end: str,
        max_length: int = 6,
        rel_types: frozenset[RelType] | None = None,
    ) -> list[Path]:
        check_path_length(max_length)
        if start == end:
            return [Path([self.get_node(start)], [])]
        types = sorted(t.value for t in rel_types) if rel_types else None
        (found,) = self._read(
            SHORTEST_PATHS[max_length], start=start, end=end, types=types, seen=MAX_PATHS_SEEN, paths=MAX_PATHS
        )
        for node_id, exists in ((start, found["start_found"]), (end, found["end_found"])):
            if not exists:
                raise NotFound(f"no node with id {node_id!r}")
        nodes = {node.id: node for node in map(_plain_node, found["nodes"])}
        between: dict[frozenset[str], list[Relationship]] = {}
        for rel in sorted(map(_plain_relationship, found["relationships"]), key=_key):
            between.setdefault(frozenset((rel.start, rel.end)), []).append(rel)
        return [
            Path(
                [nodes[i] for i in sequence],
                [r for pair in pairwise(sequence) for r in between.get(frozenset(pair), [])],
            )
            for sequence in sort_paths(tuple(path) for path in found["paths"])
        ]

    def subgraph(self, filters: SubgraphFilter, limit: int = 5000) -> Subgraph:
        labels = sorted(k.value for k in filters.kinds)
        query = projects_matching(filters, SUBGRAPH_AROUND)
        (found,) = self._read(query, **filters.parameters(), labels=labels, limit=limit, types=None)
        if found["extra"] is None:  # all found fit
            nodes = sorted(map(_plain_node, found["nodes"]), key=_projects_first)
            sub = _subgraph(nodes, found)
        else:
            ranked = sorted(found["extra"], key=lambda pair: (not pair[1], pair[0]))
            sub = self._among_ids([node_id for node_id, _ in ranked[:limit]], None)
        return sub if filters.year is None else self._with_new(sub, filters, filters.year)

    def _with_new(self, sub: Subgraph, filters: SubgraphFilter, year: int) -> Subgraph:
        """``sub``, the network as it stood in ``year``, with what is new that year (see graphapp.store.filters)."""
        others = [n.id for n in sub.nodes if n.label is not Label.PROJECT]
        rest = replace(filters, year=None, years=None).parameters()
        (found,) = self._read(_SEEN_BEFORE, ids=others, year=year, **rest)
        seen = set(found["seen"])
        started = [n.id for n in sub.nodes if n.label is Label.PROJECT and year_of(n.properties, "start") == year]
        new = sorted(started + [node_id for node_id in others if node_id not in seen])
        return replace(sub, new=new)

    def best_connected(self, limit: int = 10) -> list[RankedActor]:
        return [RankedActor(_node(r["n"]), r["projects"]) for r in self._read(_BEST_CONNECTED, limit=limit)]

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        # One read, so nodes and relationships are of the same moment; a row per node with its
        # outgoing relationships: a quarter of the records (each costs the driver time), and
        # no result that grows with the graph on the server.
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        records = self._read(_ALL_NODES_WITH_RELATIONSHIPS)
        for record in records:
            node = _plain_node([record["labels"], record["properties"]])
            graph.add_node(node.id, label=node.label.value, name=node.name, **node.properties)
        for record in records:
            for rel_type, end, props in record["out"]:
                graph.add_edge(record["id"], end, key=rel_type, type=rel_type, **props)
        return graph

    def all_nodes(self) -> list[Node]:
        return sorted((_plain_node([r["labels"], r["properties"]]) for r in self._read(_ALL_NODES)), key=_node_id)

    def node_details(self, node_id: str) -> NodeDetails:
        found = self._read(_NODE_DETAILS, id=node_id)
        if not found:
            raise NotFound(f"no node with id {node_id!r}")
        documents = sorted(map(_plain_node, found[0]["documents"]), key=_node_id)
        return NodeDetails(_plain_node(found[0]["node"]), found[0]["degree"], documents)

    def projects(self, filters: SubgraphFilter) -> list[ProjectSummary]:
        records = self._read(projects_matching(filters, _PROJECT_SUMMARIES), **filters.parameters())
        return [ProjectSummary(_node(r["n"]), r["partners"], r["grant"]) for r in records]

    def timeline(self, filters: SubgraphFilter) -> list[TimelineEntry]:
        entries = []
        records = self._read(projects_matching(filters, _TIMELINE), **filters.parameters())
        for record in sorted(records, key=lambda r: str(r["node"][1]["id"])):
            actors = sorted(record["actors"])
            entries.append(
                TimelineEntry(
                    _plain_node(record["node"]),
                    sorted({actor for actor, _, rel_type in actors if rel_type == "OWNS"}),
                    {actor: county for actor, county, _ in actors},
                    sorted(record["funds"]),
                    sorted((rel_type, other) for rel_type, other in record["links"]),
                )
            )
        return entries

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
            summary = result.consume()  # PROFILE: runs to the end, for the counts of the whole query
            collector.resolve(tx)
            raw_plan = summary.profile or summary.plan  # EXPLAIN and PROFILE only
            plan = plan_step(raw_plan) if raw_plan else None
            return CypherResult(columns, rows, truncated, collector.nodes(), collector.relationships(), plan)

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
        """Neo4j's bookmark of the database's last committed transaction, as a read gets it:
        every commit (by any process) changes it, and a write that changes nothing commits
        nothing. Nothing is kept in the graph for it."""
        _, bookmarks = self._read_marked(_PING)
        if not bookmarks:
            raise StoreUnavailable("Neo4j answered without a bookmark: graphapp needs Neo4j 5 or later")
        return ",".join(sorted(bookmarks))

    def derived(self, key: str) -> tuple[str, str] | None:
        kept = self._kept()
        found = kept.get(key) if kept is not None else self._kept_here.get(key)
        return found if found is not None and found[0] == self.version() else None

    def claim_derived(self, key: str, version: str, seconds: float) -> bool:
        if version != self.version():
            return False
        kept = self._kept()
        if kept is None:  # this process only: whoever asks computes
            return self._kept_here.get(key, ("",))[0] != version
        return kept.claim(key, version, seconds)

    def keep_derived(self, key: str, version: str, text: str) -> None:
        if version != self.version():
            return
        kept = self._kept()
        if kept is None:
            self._kept_here[key] = (version, text)
        else:
            kept.keep(key, version, text)

    def close(self) -> None:
        self._driver.close()

    # -- helpers -------------------------------------------------------------

    def _session(self, read: bool = False) -> neo4j.Session:
        # Reads wait for this process's last write (on a cluster a reader may lag behind).
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self._database, default_access_mode=mode, bookmarks=self._bookmarks)

    def _kept(self) -> KeptFiles | None:
        """The files of results kept for this database (None: this process keeps them)."""
        if self._kept_dir is None:
            return None
        if self._kept_files is None:
            database_id = str(self._read(_DATABASE_ID)[0]["id"])
            self._kept_files = KeptFiles(self._kept_dir / quote(database_id, safe=""))
        return self._kept_files

    def _read(self, query: LiteralString, **params: Any) -> list[neo4j.Record]:
        return self._read_marked(query, **params)[0]

    def _read_marked(self, query: LiteralString, **params: Any) -> tuple[list[neo4j.Record], frozenset[str]]:
        """The rows of a read query and the bookmarks it ended with, in one auto-commit
        transaction: one round trip where a managed one (``execute_read``) takes three (BEGIN,
        RUN, COMMIT), some 0.6 ms of a 2-3 ms request. The session's read mode still routes it
        to a reader. Like
        ``execute_read``, it is tried again when the driver calls the failure retryable (a
        reader gone, a leader switch), the rows of a failed try discarded, for as long as
        the driver would retry (``max_transaction_retry_time``)."""
        give_up = time.monotonic() + self._retry_seconds
        with _translated():
            for attempt in count(1):
                try:
                    with self._session(read=True) as session:
                        rows = list(session.run(query, params))
                        return rows, session.last_bookmarks().raw_values
                except (nex.Neo4jError, nex.DriverError) as exc:
                    wait = READ_RETRY_SECONDS * attempt
                    if not exc.is_retryable() or time.monotonic() + wait > give_up:
                        raise
                    time.sleep(wait)
        raise AssertionError("unreachable")

    def _write(self, query: LiteralString, **params: Any) -> list[neo4j.Record]:
        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(query, params))

        with _translated(), self._session() as session:
            found = session.execute_write(work)
            self._bookmarks = session.last_bookmarks()
            return found

    def _nodes(self, ids: list[str]) -> list[Node]:
        return [_node(r["n"]) for r in self._read(_NODES_BY_ID, ids=ids)]

    def _among_ids(self, ids: list[str], types: list[str] | None) -> Subgraph:
        """The nodes of ``ids``, in that order, and every relationship among them: a cut subgraph."""
        (found,) = self._read(AMONG_IDS, ids=ids, types=types)
        by_id = {node.id: node for node in map(_plain_node, found["nodes"])}
        return _subgraph([by_id[node_id] for node_id in ids], found, truncated=True)


def _label_of(node_id: str) -> str:
    label = label_of_id(node_id)
    return label.value if label is not None else node_id.partition(":")[0]


def _node_id(node: Node) -> str:
    return node.id


def _key(rel: Relationship) -> tuple[str, str, str]:
    return rel.key


def _row_key(row: list[Any]) -> tuple[str, str, str]:
    """The key of a relationship returned as ``[start id, type, end id, properties]``."""
    return (row[0], row[1], row[2])


def _projects_first(node: Node) -> tuple[bool, str]:
    return (node.label is not Label.PROJECT, node.id)


def _subgraph(nodes: list[Node], record: neo4j.Record, truncated: bool = False) -> Subgraph:
    """``nodes`` and the relationships of a row of :mod:`~graphapp.store.neo4j_traversals`, sorted."""
    relationships = [_plain_relationship(row) for row in sorted(record["relationships"], key=_row_key)]
    return Subgraph(nodes, relationships, truncated)


def _plain_node(row: list[Any]) -> Node:
    """A node returned as ``[labels, properties]``."""
    labels, props = row
    label = next(_LABELS[lb] for lb in labels if lb in _LABELS)
    node_id = props.pop("id")
    name = props.pop("name", node_id)
    return Node(node_id, label, name, _native_dates(props))


def _native_dates(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` with Neo4j ``DATE`` values as :class:`datetime.date`, as the embedded store holds them."""
    for key in DATE_PROPERTIES.intersection(props):
        value = props[key]
        if isinstance(value, neo4j.time.Date):
            props[key] = value.to_native()
    return props


def _plain_relationship(row: list[Any]) -> Relationship:
    """A relationship returned as ``[start id, type, end id, properties]``."""
    start, rel_type, end, props = row
    return Relationship(_REL_TYPES[rel_type], start, end, props)


_LABELS = {label.value: label for label in Label}
_REL_TYPES = {rel_type.value: rel_type for rel_type in RelType}


def _node(raw: neo4j.graph.Node) -> Node:
    props = dict(raw)
    label = next(_LABELS[lb] for lb in raw.labels if lb in _LABELS)
    node_id = props.pop("id")
    name = props.pop("name", node_id)
    return Node(node_id, label, name, _native_dates(props))


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
            properties = self.plain(plain_properties(node.properties))  # dates as ISO text of their precision
            return {"id": node.id, "kind": node.kind, "name": node.name, "properties": properties}
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
