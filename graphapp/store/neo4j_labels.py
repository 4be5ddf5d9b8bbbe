"""The graph's labels in the Neo4j store's Cypher: literal label expressions, so that every
lookup by id is an index seek without a label of graphapp's own on the nodes.

Each label has its own ``id`` constraint (``cypher/schema.cypher``). A node found by id
alone is asked for under every label (:data:`ANY_NODE`): Neo4j plans ``(n:A|B|… {id: $id})``
as one unique-index seek per label, seven where one was before, still a few db hits. A
relationship's ends are asked for under the labels its type may join (:data:`ENDS`, the
rules of :data:`graphapp.model.ENDPOINTS`, checked by ``tests/store``), a load one label at
a time (the id's prefix names it).
"""

from __future__ import annotations

from typing import LiteralString

__all__ = ["ANY_ACTOR", "ANY_NODE", "ENDS"]

#: Every label of the graph (:class:`graphapp.model.Label`).
ANY_NODE: LiteralString = "Project|Municipality|County|Agency|Organization|Fund|Document"
#: The labels of actors (:data:`graphapp.model.ACTOR_LABELS`).
ANY_ACTOR: LiteralString = "Municipality|Agency|Organization"

#: The labels each relationship type joins: (start, end).
ENDS: dict[LiteralString, tuple[LiteralString, LiteralString]] = {
    "OWNS": (ANY_ACTOR, "Project"),
    "PARTICIPATES_IN": (ANY_ACTOR, "Project"),
    "CO_FUNDS": (ANY_ACTOR, "Project"),
    "FUNDS": ("Fund", "Project"),
    "COLLABORATES_WITH": ("Project", "Project"),
    "BUILDS_ON": ("Project", "Project"),
    "IN_COUNTY": ("Municipality|Agency|Organization|Project", "County"),
    "PART_OF": ("Agency|Organization", ANY_ACTOR),
    "DESCRIBED_IN": ("Project", "Document"),
}
