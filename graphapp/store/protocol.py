"""The :class:`GraphStore` protocol and the plain types it takes and returns.

Two backends implement it: :mod:`graphapp.store.memory` (networkx, the embedded
default) and :mod:`graphapp.store.neo4j` (Bolt). Both pass ``tests/store/``.
Semantics every backend keeps, so that both give identical answers:

- traversal ignores direction; a relationship is unique per (start, type, end);
- ``neighbours`` is a breadth-first search that only passes through nodes of the
  requested kinds; results are ordered by (distance, id) and cut at ``limit``. A county
  (other than the origin) is reached but not passed through unless asked for
  (:func:`through_counties`): everything placed in a county points to it, so going
  through it would bring in the whole county;
- ``shortest_paths`` gives every shortest path (as node sequences), sorted, at most
  ``MAX_PATHS``; the relationships of a path are all those joining consecutive nodes;
- ``subgraph`` selects projects by the filters (:mod:`graphapp.store.filters` says which),
  adds their direct neighbours that are
  not projects (a project that does not match stays out), keeps the nodes of the
  requested kinds and every relationship among them; projects first, then by id. With
  ``filters.year`` it also says which of its nodes are new that year (``Subgraph.new``);
- ``timeline`` gives the projects the filters select with their actors, funds and links
  to other projects (what a timeline or an actor's history is drawn from), by id;
- dates are :class:`datetime.date` values with their ``_precision`` (:mod:`graphapp.dates`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import networkx as nx

from graphapp.errors import InvalidRequest
from graphapp.model import GraphData, Label, Node, Path, Relationship, RelType, Subgraph
from graphapp.store.filters import DEFAULT_KINDS, SubgraphFilter

__all__ = [
    "DEFAULT_KINDS",
    "MAX_DEPTH",
    "MAX_PATHS",
    "MAX_PATHS_SEEN",
    "MAX_PATH_LENGTH",
    "Counts",
    "CypherResult",
    "GraphStore",
    "NodeDetails",
    "PlanStep",
    "ProjectSummary",
    "RankedActor",
    "SubgraphFilter",
    "TimelineEntry",
    "breadth_first",
    "through_counties",
]

MAX_DEPTH = 3
MAX_PATH_LENGTH = 10
MAX_PATHS = 10
#: Shortest paths read before sorting and keeping ``MAX_PATHS``: a bound on the work when
#: two nodes are joined by thousands of them (both stores stop at the same count).
MAX_PATHS_SEEN = 1000


@dataclass(frozen=True, slots=True)
class Counts:
    labels: dict[str, int]
    relationship_types: dict[str, int]

    @property
    def nodes(self) -> int:
        return sum(self.labels.values())

    @property
    def relationships(self) -> int:
        return sum(self.relationship_types.values())


@dataclass(frozen=True, slots=True)
class RankedActor:
    node: Node
    projects: int


@dataclass(frozen=True, slots=True)
class NodeDetails:
    """A node with its degree (relationships touching it) and its source documents:
    the Document nodes named in the ``sources`` of those relationships or linked by
    DESCRIBED_IN, sorted by id."""

    node: Node
    degree: int
    sources: list[Node]


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """A project, its number of partners (distinct actors that own, take part in or co-fund it)
    and its grant: the ``amount_sek`` of the ``FUNDS`` into it and its ``unattributed_grant_sek``,
    summed (None when it has none of them)."""

    node: Node
    partners: int
    grant_sek: int | None = None


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One operator of a query plan (``EXPLAIN``) or profile (``PROFILE``), with the steps it reads from.

    ``rows`` and ``db_hits`` are counted by ``PROFILE`` only (None under ``EXPLAIN``); ``arguments``
    holds what else the database says of the step (on the root: runtime, planner, version).
    """

    operator: str
    details: str
    identifiers: list[str]
    estimated_rows: float | None
    rows: int | None
    db_hits: int | None
    memory_bytes: int | None
    arguments: dict[str, str | int | float | bool]
    children: list[PlanStep]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A project with what a timeline draws of it.

    ``actors`` maps each actor that owns, takes part in or co-funds it to the actor's
    ``county_code`` (or None); ``owners`` are those that own it, ``funds`` the funds that
    fund it, sorted; ``links`` its outgoing ``BUILDS_ON`` and ``COLLABORATES_WITH``
    relationships as (type, other project id), sorted (in their true direction: this
    project builds on, or works with, the other).
    """

    node: Node
    owners: list[str]
    actors: dict[str, str | None]
    funds: list[str]
    links: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    nodes: list[Node]
    relationships: list[Relationship]
    #: The plan of an ``EXPLAIN`` (nothing ran) or ``PROFILE`` query; None for other queries.
    plan: PlanStep | None = None


@runtime_checkable
class GraphStore(Protocol):
    """What graphapp asks of a graph database."""

    name: str
    #: True when what is loaded outlives this process (a database server); False for the
    #: embedded store, whose every write must also go to record files to survive a restart.
    persistent: bool
    #: True when calls wait on a network (the API then runs them in its thread pool);
    #: False for in-process stores, whose short calls the API runs inline.
    waits_on_network: bool
    #: True when :meth:`run_cypher` runs Cypher (Neo4j); False when it answers CypherNotSupported.
    runs_cypher: bool

    def load(self, data: GraphData) -> Counts:
        """Merge ``data`` into the store (idempotent: loading twice changes nothing)
        in one transaction, and return the counts afterwards."""
        ...

    def retract(self, node_ids: Collection[str], sources: Mapping[tuple[str, str, str], Collection[str]]) -> Counts:
        """Take back what a load added, in one transaction: remove ``sources[key]`` from the
        sources of the relationship ``key`` (start, type, end), deleting it when none are left;
        then delete each node of ``node_ids`` that is left without relationships. Ids and keys
        the store does not hold are passed over. Returns the counts afterwards."""
        ...

    def clear(self) -> None: ...

    def counts(self) -> Counts: ...

    def get_node(self, node_id: str) -> Node:
        """The node, or :class:`~graphapp.errors.NotFound`."""
        ...

    def find_nodes(self, ids: Collection[str]) -> list[Node]:
        """The nodes of ``ids`` that the store holds, sorted by id (unknown ids are passed over)."""
        ...

    def find_relationships(self, keys: Collection[tuple[str, str, str]]) -> list[Relationship]:
        """The relationships of ``keys`` (start, type, end) that the store holds, sorted by key."""
        ...

    def neighbours(
        self,
        node_id: str,
        depth: int = 1,
        kinds: frozenset[Label] | None = None,
        rel_types: frozenset[RelType] | None = None,
        limit: int = 500,
    ) -> Subgraph: ...

    def shortest_paths(
        self,
        start: str,
        end: str,
        max_length: int = 6,
        rel_types: frozenset[RelType] | None = None,
    ) -> list[Path]: ...

    def subgraph(self, filters: SubgraphFilter, limit: int = 5000) -> Subgraph: ...

    def best_connected(self, limit: int = 10) -> list[RankedActor]:
        """Actors ranked by the number of projects they own, take part in or co-fund."""
        ...

    def to_networkx(self) -> nx.MultiDiGraph[str]: ...

    def all_nodes(self) -> list[Node]:
        """Every node, sorted by id (what the search index is built from)."""
        ...

    def node_details(self, node_id: str) -> NodeDetails:
        """The node, its degree and source documents, or :class:`~graphapp.errors.NotFound`."""
        ...

    def projects(self, filters: SubgraphFilter) -> list[ProjectSummary]:
        """The projects ``filters`` select (kinds ignored) with their partner counts, sorted by id."""
        ...

    def timeline(self, filters: SubgraphFilter) -> list[TimelineEntry]:
        """The projects ``filters`` select (kinds ignored) with their actors, funds and links, sorted by id."""
        ...

    def run_cypher(self, query: str, parameters: dict[str, Any], timeout: float, row_limit: int) -> CypherResult:
        """Run read-only Cypher; :class:`~graphapp.errors.CypherNotSupported` on the embedded store."""
        ...

    def ping(self) -> None:
        """Return if the store answers, else raise :class:`~graphapp.errors.StoreUnavailable`."""
        ...

    def version(self) -> str:
        """A token that changes whenever a change to the stored graph is committed (a load
        that changed something, a clear), by this process or any other writing through a
        GraphStore: what was derived from the store can tell it is stale."""
        ...

    def derived(self, key: str) -> tuple[str, str] | None:
        """The text kept as ``key`` by :meth:`keep_derived` and the version it was computed
        at, or None. Stale when that version is not :meth:`version` any more."""
        ...

    def claim_derived(self, key: str, version: str, seconds: float) -> bool:
        """Claim computing ``key`` at ``version`` for ``seconds``, so that of several
        processes sharing the store only one does. False when another holds the claim, the
        result is kept already or the store has moved on from ``version``."""
        ...

    def keep_derived(self, key: str, version: str, text: str) -> None:
        """Keep ``text`` as ``key``, computed at ``version``, if the store is still there
        (shared by every process using the store; nothing is kept otherwise)."""
        ...

    def close(self) -> None: ...


def check_traversal(depth: int, limit: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidRequest(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    if limit < 1:
        raise InvalidRequest(f"limit must be at least 1, not {limit}")


def check_path_length(max_length: int) -> None:
    if not 1 <= max_length <= MAX_PATH_LENGTH:
        raise InvalidRequest(f"max_length must be between 1 and {MAX_PATH_LENGTH}, not {max_length}")


def through_counties(kinds: Collection[Label] | None, rel_types: Collection[RelType] | None) -> bool:
    """Whether a neighbourhood passes through counties: when ``kinds`` names County or ``rel_types``
    names IN_COUNTY (otherwise a county is where a search stops)."""
    return (kinds is not None and Label.COUNTY in kinds) or (rel_types is not None and RelType.IN_COUNTY in rel_types)


def breadth_first(
    origin: str, depth: int, limit: int, expand: Callable[[list[str]], Iterable[str]]
) -> tuple[list[str], bool]:
    """Ids within ``depth`` hops of ``origin`` ordered by (distance, id), cut at ``limit``.

    ``expand`` maps a frontier to its allowed neighbours; each backend supplies its own.
    Returns the ids and whether any were cut.
    """
    seen = {origin}
    ordered = [origin]
    frontier = [origin]
    for _ in range(depth):
        if not frontier or len(ordered) > limit:
            break
        layer = sorted(set(expand(frontier)) - seen)
        seen.update(layer)
        ordered.extend(layer)
        frontier = layer
    return ordered[:limit], len(ordered) > limit


def sort_paths(sequences: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Distinct shortest node sequences in a stable order, at most ``MAX_PATHS``."""
    return sorted(set(sequences))[:MAX_PATHS]
