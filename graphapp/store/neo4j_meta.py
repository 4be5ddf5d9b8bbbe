"""What the Neo4j store keeps beside the graph: the graph's revision, and results derived
from the graph (whole-network metrics) with the revision they were computed at.

Both are ``GraphappMeta`` nodes keyed by ``key`` (unique, ``cypher/schema.cypher``). They
carry no ``Entity`` label, so nothing that reads the graph (traversals, counts, exports,
search) sees them; ad-hoc Cypher that matches every node does.

- ``{key: 'revision', value}``: a random id that every load changing the graph, and every
  clear, replaces in the same transaction as the change. It is the store's
  :meth:`~graphapp.store.neo4j.Neo4jStore.version`: loading what is there already keeps it.
- ``{key: 'derived:<name>', revision, value, claimed_until, claim_revision}``: a result
  (text) computed at ``revision``, valid while the graph's revision is the same; and who
  is computing it, so that of several app processes only one does.
"""

from __future__ import annotations

from typing import LiteralString

__all__ = ["CLAIM_DERIVED", "DERIVED", "FIRST_REVISION", "KEEP_DERIVED", "NEW_REVISION", "REVISION"]

#: A new revision; results derived from the graph before are dropped.
NEW_REVISION: LiteralString = """
MERGE (revision:GraphappMeta {key: 'revision'})
SET revision.value = randomUUID()
WITH revision
OPTIONAL MATCH (derived:GraphappMeta) WHERE derived.key STARTS WITH 'derived:'
DELETE derived
"""

#: A revision if the database has none yet (a graph loaded before revisions existed).
FIRST_REVISION: LiteralString = """
MERGE (revision:GraphappMeta {key: 'revision'})
ON CREATE SET revision.value = randomUUID()
"""

#: The graph's revision (null when none was ever written).
REVISION: LiteralString = "OPTIONAL MATCH (revision:GraphappMeta {key: 'revision'}) RETURN revision.value AS revision"

#: The result kept as ``$key`` and the revision it was computed at.
DERIVED: LiteralString = """
MATCH (derived:GraphappMeta {key: 'derived:' + $key})
WHERE derived.value IS NOT NULL
RETURN derived.revision AS revision, derived.value AS value
"""

#: Claim the computation of ``$key`` at revision ``$revision`` for ``$seconds``: one row if
#: this caller got it; none if the graph moved on, the result is kept already, or another
#: caller's claim on the same revision has not run out.
CLAIM_DERIVED: LiteralString = """
OPTIONAL MATCH (revision:GraphappMeta {key: 'revision'})
WITH revision WHERE coalesce(revision.value, '') = $revision
MERGE (derived:GraphappMeta {key: 'derived:' + $key})
WITH derived
WHERE (derived.value IS NULL OR derived.revision <> $revision)
  AND (derived.claim_revision IS NULL OR derived.claim_revision <> $revision OR derived.claimed_until < timestamp())
SET derived.claim_revision = $revision, derived.claimed_until = timestamp() + toInteger($seconds * 1000)
RETURN derived.key AS key
"""

#: Keep ``$value`` as ``$key``, computed at ``$revision``, if that is still the graph's.
KEEP_DERIVED: LiteralString = """
OPTIONAL MATCH (revision:GraphappMeta {key: 'revision'})
WITH revision WHERE coalesce(revision.value, '') = $revision
MERGE (derived:GraphappMeta {key: 'derived:' + $key})
SET derived.revision = $revision, derived.value = $value, derived.claimed_until = null, derived.claim_revision = null
"""
