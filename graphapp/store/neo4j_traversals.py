"""The Cypher of the Neo4j store's traversals: one query, one round trip, per request.

Each query finds its nodes and every relationship among them on the server and returns
them in one row, so a request costs one read transaction whatever its depth. They keep
the semantics of :mod:`graphapp.store.protocol` exactly (``tests/store`` holds the two
stores to it); what they add is how Neo4j gets there:

- **Relationships among chosen nodes** (``_AMONG``, shared by neighbourhoods and
  subgraphs) are found from the low-degree side. Neo4j has no hash map of a node's
  neighbours: asking whether two nodes are joined walks one node's relationships, and a
  fund or a national agency has thousands. Neo4j keeps the relationships of a node with
  more than 50 (a dense node) in groups by type and direction, so a node can walk only
  its incoming ones; each chosen node does, and every relationship is found once, at
  its end. In graphapp's model relationships point from actors to projects, from funds
  to projects and from units to their parents: a hub's relationships are outgoing (a
  fund with 3 700 has no incoming one), so hubs are never walked. The one exception is a
  county, which every project and actor placed in it points to (``IN_COUNTY``, the only
  type that ends at a county; 3 000 at 10 000 projects): its relationships are found
  from their start instead, the other chosen nodes' outgoing ``IN_COUNTY``. The most
  incoming relationships another node has are a national agency's units (189).
  Choosing per node needs its degree, and a sparse node's degree is one more walk of
  its chain: walking incoming relationships alone costs a third less server time.
- **Breadth-first search** expands layer by layer inside the query and stops expanding,
  as :func:`~graphapp.store.protocol.breadth_first` does, once more nodes than the limit
  were found. When they are more, the cut by (distance, id) is left to the caller and a
  second query (:data:`AMONG_IDS`): nothing here sorts rows that carry node lists (see
  ``_AMONG``).
- **Shortest paths** are Neo4j's bidirectional ``allShortestPaths``, bounded by the
  requested length (a variable-length bound cannot be a parameter, so there is one
  query text per length), with the relationships between consecutive nodes and the
  nodes of the first :data:`~graphapp.store.protocol.MAX_PATHS` paths in the same query.
  They pass through the graph's labelled nodes only (checked during the search, the same plan):
  not through the unlabelled nodes of a load being staged (``neo4j_staged``).

Measured with ``PROFILE`` on 10 000 generated projects (22 586 nodes, 97 158
relationships): the depth-2 neighbourhood of the median actor (112 nodes, 154
relationships) took five queries and 46 197 db hits, 44 717 of them finding the
relationships through funds and agencies; it now takes one query and 3 402.

Rows come back as plain lists and maps: ``[labels, properties]`` per node and
``[start id, type, end id, properties]`` per relationship, which the driver decodes
faster than node and relationship structures with their element ids.
"""

from __future__ import annotations

from typing import LiteralString

from graphapp.store.neo4j_labels import ANY_NODE

__all__ = ["AMONG_IDS", "NEIGHBOURHOOD", "SHORTEST_PATHS", "SUBGRAPH_AROUND"]

#: Every relationship among ``chosen`` (a list of nodes) of the types ``$types`` (or any),
#: and the chosen nodes; ``extra`` is returned as it is. Each chosen node walks its
#: incoming relationships only, so each relationship is found once, at its end; a
#: county's, at their start.
#: Nothing here sorts: a Sort or Top operator holds its rows whole, and rows that carry a
#: list of thousands of nodes are estimated at the list's size each, past any memory limit.
_AMONG: LiteralString = """
CALL (chosen) {
  CALL (chosen) {
    UNWIND chosen AS b
    MATCH (b)<-[r]-(a)
    WHERE NOT b:County AND a IN chosen AND ($types IS NULL OR type(r) IN $types)
    RETURN r
    UNION ALL
    UNWIND chosen AS a
    MATCH (a)-[r:IN_COUNTY]->(b:County)
    WHERE b IN chosen AND ($types IS NULL OR 'IN_COUNTY' IN $types)
    RETURN r
  }
  RETURN collect(r) AS found
}
RETURN [n IN chosen | [labels(n), properties(n)]] AS nodes, extra,
       [r IN found | [startNode(r).id, type(r), endNode(r).id, properties(r)]] AS relationships
"""

#: The nodes of ``$ids`` (in no particular order) and every relationship among them.
AMONG_IDS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (n:"""
    + ANY_NODE
    + """ {id: id})
WITH collect(n) AS chosen, null AS extra
"""
    + _AMONG
)

#: One layer of breadth-first search from ``frontier`` to nodes not in ``seen``: any
#: relationship of ``$types`` (or any type) to a node with a label in ``$labels`` (or any).
_LAYER_FILTER: LiteralString = """
  WHERE NOT b IN seen AND ($types IS NULL OR type(r) IN $types)
    AND ($labels IS NULL OR any(label IN labels(b) WHERE label IN $labels))
  RETURN collect(DISTINCT b) AS"""

#: The neighbourhood of ``$id`` to ``$depth`` (1-3) hops, layer by layer, expanding no
#: further once more than ``$limit`` nodes were found. If they are at most ``$limit``:
#: every node (``extra`` holds their distances, in the same order) and every relationship
#: among them. If more: no nodes, and ``extra`` holds ``[id, distance]`` of each, to be cut
#: by (distance, id) and asked for with :data:`AMONG_IDS`. No row when ``$id`` does not exist.
NEIGHBOURHOOD: LiteralString = (
    """
MATCH (origin:"""
    + ANY_NODE
    + """ {id: $id})
CALL (origin) {
  WITH origin, [origin] AS seen
  MATCH (origin)-[r]-(b)"""
    + _LAYER_FILTER
    + """ layer1
}
CALL (origin, layer1) {
  WITH [origin] + layer1 AS seen, CASE WHEN $depth >= 2 AND 1 + size(layer1) <= $limit THEN layer1 END AS frontier
  UNWIND frontier AS a
  MATCH (a)-[r]-(b)"""
    + _LAYER_FILTER
    + """ layer2
}
CALL (origin, layer1, layer2) {
  WITH [origin] + layer1 + layer2 AS seen,
       CASE WHEN $depth >= 3 AND 1 + size(layer1) + size(layer2) <= $limit THEN layer2 END AS frontier
  UNWIND frontier AS a
  MATCH (a)-[r]-(b)"""
    + _LAYER_FILTER
    + """ layer3
}
WITH [origin] + layer1 + layer2 + layer3 AS found,
     [0] + [b IN layer1 | 1] + [b IN layer2 | 2] + [b IN layer3 | 3] AS distances
WITH CASE WHEN size(found) <= $limit THEN found ELSE [] END AS chosen,
     CASE WHEN size(found) <= $limit THEN distances
          ELSE [i IN range(0, size(found) - 1) | [found[i].id, distances[i]]] END AS extra
"""
    + _AMONG
)

#: Projects matched by the filter (bound as ``p``, one row each) with their direct
#: neighbours that are not projects, of the labels ``$labels``. If they are at most
#: ``$limit``: every node and every relationship among them. If more: no nodes, and
#: ``extra`` holds ``[id, is a project]`` of each, to be cut (projects first, by id) and
#: asked for with :data:`AMONG_IDS`.
SUBGRAPH_AROUND: LiteralString = (
    """
WITH collect(p) AS projects
CALL (projects) {
  UNWIND projects AS p
  MATCH (p)--(n)
  WHERE NOT n:Project AND any(label IN labels(n) WHERE label IN $labels)
  RETURN collect(DISTINCT n) AS around
}
WITH CASE WHEN 'Project' IN $labels THEN projects ELSE [] END + around AS found
WITH CASE WHEN size(found) <= $limit THEN found ELSE [] END AS chosen,
     CASE WHEN size(found) > $limit THEN [n IN found | [n.id, n:Project]] END AS extra
"""
    + _AMONG
)


def _shortest_paths(max_length: LiteralString) -> LiteralString:
    return (
        """
OPTIONAL MATCH (a:"""
        + ANY_NODE
        + """ {id: $start})
OPTIONAL MATCH (b:"""
        + ANY_NODE
        + """ {id: $end})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = allShortestPaths((a)-[*.."""
        + max_length
        + """]-(b))
  WHERE all(r IN relationships(p) WHERE $types IS NULL OR type(r) IN $types)
    AND all(n IN nodes(p) WHERE n:"""
        + ANY_NODE
        + """)
  WITH DISTINCT nodes(p) AS path
  LIMIT $seen
  WITH path
  ORDER BY [n IN path | n.id]
  LIMIT $paths
  RETURN collect(path) AS paths
}
CALL (paths) {
  UNWIND paths AS path
  UNWIND range(0, size(path) - 2) AS i
  WITH DISTINCT path[i] AS x, path[i + 1] AS y
  MATCH (x)-[r]-(y)
  WHERE $types IS NULL OR type(r) IN $types
  RETURN collect(DISTINCT r) AS relationships
}
CALL (paths) {
  UNWIND paths AS path
  UNWIND path AS n
  WITH DISTINCT n
  RETURN collect([labels(n), properties(n)]) AS nodes
}
RETURN a IS NOT NULL AS start_found, b IS NOT NULL AS end_found, nodes,
       [path IN paths | [n IN path | n.id]] AS paths,
       [r IN relationships | [startNode(r).id, type(r), endNode(r).id, properties(r)]] AS relationships
"""
    )


#: Every shortest path from ``$start`` to ``$end`` of at most N relationships, by N
#: (1-10): the first ``$seen`` distinct node sequences found, sorted, the first ``$paths``.
#: (Two nodes joined by two relationships give two paths with one sequence: they count once,
#: as in the embedded store's simple view.)
SHORTEST_PATHS: dict[int, LiteralString] = {
    1: _shortest_paths("1"),
    2: _shortest_paths("2"),
    3: _shortest_paths("3"),
    4: _shortest_paths("4"),
    5: _shortest_paths("5"),
    6: _shortest_paths("6"),
    7: _shortest_paths("7"),
    8: _shortest_paths("8"),
    9: _shortest_paths("9"),
    10: _shortest_paths("10"),
}
