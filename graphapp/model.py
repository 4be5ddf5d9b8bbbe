"""The neutral property-graph model that every layer speaks.

Records are validated into a :class:`GraphData`; stores load it and answer with
:class:`Node`, :class:`Relationship`, :class:`Subgraph` and :class:`Path`. None of
these know which store produced them. Their ``as_dict()`` is the one JSON shape of
a graph that the API and the views share::

    {"nodes": [{id, kind, name, properties}],
     "relationships": [{type, start, end, properties, sources, evidence}], "truncated": bool}

A relationship's provenance is two aligned lists: ``sources``, the ids of the documents it
comes from (sorted), and ``evidence``, for each of them the sentence (or spreadsheet cell)
that says so, ``""`` where none was recorded. Stores keep ``evidence`` only when one of its
entries is not empty (Neo4j lists hold no nulls, and no maps): :func:`united_provenance`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graphapp.dates import plain_properties

__all__ = [
    "ACTOR_LABELS",
    "ACTOR_PROJECT_TYPES",
    "ENDPOINTS",
    "FUNDING_TYPES",
    "PROVENANCE_KEYS",
    "UNATTRIBUTED_GRANT",
    "DerivedType",
    "GraphData",
    "Label",
    "Node",
    "Path",
    "PropertyValue",
    "RelType",
    "Relationship",
    "Subgraph",
    "label_of_id",
    "united_provenance",
]

PropertyValue = str | int | float | bool | list[str] | dt.date | None


class Label(StrEnum):
    PROJECT = "Project"
    MUNICIPALITY = "Municipality"
    COUNTY = "County"
    AGENCY = "Agency"
    ORGANIZATION = "Organization"
    FUND = "Fund"
    DOCUMENT = "Document"

    @property
    def kind(self) -> str:
        """The lower-case name used in URLs and JSON (``"municipality"``)."""
        return _KINDS[self]

    @classmethod
    def from_kind(cls, kind: str) -> Label:
        for label in cls:
            if label.kind == kind.lower() or label.value == kind:
                return label
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(lb.kind for lb in cls)}")


class RelType(StrEnum):
    OWNS = "OWNS"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    FUNDS = "FUNDS"
    CO_FUNDS = "CO_FUNDS"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    BUILDS_ON = "BUILDS_ON"
    IN_COUNTY = "IN_COUNTY"
    PART_OF = "PART_OF"
    DESCRIBED_IN = "DESCRIBED_IN"


class DerivedType(StrEnum):
    """Types of relationships that views derive and never store."""

    #: Two municipalities (or counties) that take part in the same projects; ``weight`` counts them.
    SHARES_PROJECTS = "SHARES_PROJECTS"


#: Labels of the nodes that act in projects (own, take part, co-fund).
ACTOR_LABELS: frozenset[Label] = frozenset({Label.MUNICIPALITY, Label.AGENCY, Label.ORGANIZATION})
#: Relationship types that tie an actor to a project.
ACTOR_PROJECT_TYPES: frozenset[RelType] = frozenset({RelType.OWNS, RelType.PARTICIPATES_IN, RelType.CO_FUNDS})
FUNDING_TYPES: frozenset[RelType] = frozenset({RelType.FUNDS, RelType.CO_FUNDS})
#: A project's grant whose source names no fund; a grant whose fund is known is that FUNDS's ``amount_sek``.
UNATTRIBUTED_GRANT = "unattributed_grant_sek"
#: Properties of a relationship that say where it comes from, not what it states.
PROVENANCE_KEYS: frozenset[str] = frozenset({"sources", "evidence"})

#: Which labels each relationship type joins in the graph: (start labels, end labels).
ENDPOINTS: dict[RelType, tuple[frozenset[Label], frozenset[Label]]] = {
    RelType.OWNS: (ACTOR_LABELS, frozenset({Label.PROJECT})),
    RelType.PARTICIPATES_IN: (ACTOR_LABELS, frozenset({Label.PROJECT})),
    RelType.CO_FUNDS: (ACTOR_LABELS, frozenset({Label.PROJECT})),
    RelType.FUNDS: (frozenset({Label.FUND}), frozenset({Label.PROJECT})),
    RelType.COLLABORATES_WITH: (frozenset({Label.PROJECT}), frozenset({Label.PROJECT})),
    RelType.BUILDS_ON: (frozenset({Label.PROJECT}), frozenset({Label.PROJECT})),
    # a placed actor, and a project where its actors are (graphapp.records.placement)
    RelType.IN_COUNTY: (ACTOR_LABELS | {Label.PROJECT}, frozenset({Label.COUNTY})),
    RelType.PART_OF: (frozenset({Label.AGENCY, Label.ORGANIZATION}), ACTOR_LABELS),
    RelType.DESCRIBED_IN: (frozenset({Label.PROJECT}), frozenset({Label.DOCUMENT})),
}

_KINDS = {label: label.value.lower() for label in Label}
_PREFIX_LABELS = {
    "project": Label.PROJECT,
    "municipality": Label.MUNICIPALITY,
    "county": Label.COUNTY,
    "agency": Label.AGENCY,
    "org": Label.ORGANIZATION,
    "fund": Label.FUND,
    "document": Label.DOCUMENT,
}


def label_of_id(node_id: str) -> Label | None:
    """The label an id's prefix stands for, or None: ``"org:x"`` -> Organization."""
    prefix, _, rest = node_id.partition(":")
    return _PREFIX_LABELS.get(prefix) if rest else None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: Label
    name: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return _KINDS[self.label]

    def as_dict(self) -> dict[str, Any]:
        """The node in the JSON shape of a graph; dates as ISO text of their precision (:mod:`graphapp.dates`)."""
        return {
            "id": self.id,
            "kind": _KINDS[self.label],
            "name": self.name,
            "properties": plain_properties(self.properties),
        }


@dataclass(frozen=True, slots=True)
class Relationship:
    type: RelType
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a relationship unique: at most one of a type between two nodes."""
        return (self.start, self.type.value, self.end)

    @property
    def sources(self) -> list[str]:
        return list(self.properties.get("sources") or [])

    @property
    def evidence(self) -> list[str]:
        """For each of :attr:`sources`, the sentence or cell that says so (``""`` where none was recorded)."""
        said = list(self.properties.get("evidence") or [])
        return [said[i] if i < len(said) else "" for i in range(len(self.sources))]

    def as_dict(self) -> dict[str, Any]:
        """The relationship in the JSON shape of a graph: its ``sources`` and ``evidence`` apart from the
        other properties."""
        return {
            "type": self.type.value,
            "start": self.start,
            "end": self.end,
            "properties": {k: v for k, v in self.properties.items() if k not in PROVENANCE_KEYS},
            "sources": self.sources,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Subgraph:
    nodes: list[Node]
    relationships: list[Relationship]
    truncated: bool = False
    #: Of a subgraph as it stood in a year (``SubgraphFilter.year``): the ids of its nodes new that year, sorted.
    new: list[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a graph, as plain data (with ``new`` when it is set)."""
        out: dict[str, Any] = {
            "nodes": [n.as_dict() for n in self.nodes],
            "relationships": [r.as_dict() for r in self.relationships],
            "truncated": self.truncated,
        }
        if self.new is not None:
            out["new"] = self.new
        return out


@dataclass(frozen=True, slots=True)
class Path:
    nodes: list[Node]
    relationships: list[Relationship]

    @property
    def length(self) -> int:
        return len(self.nodes) - 1


@dataclass(slots=True)
class GraphData:
    """A validated, de-duplicated set of nodes and relationships ready to load."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str], Relationship] = field(default_factory=dict)

    def node_count(self) -> int:
        return len(self.nodes)

    def relationship_count(self) -> int:
        return len(self.relationships)


def united_provenance(*declarations: Mapping[str, Any]) -> dict[str, list[str]]:
    """The provenance of several declarations of one relationship (each a mapping with ``sources``
    and maybe ``evidence``): the sources united and sorted, and for each source its evidence, the
    greatest text given for it when two differ (so the order of loading does not matter).
    ``evidence`` is left out when no source has any.

    >>> united_provenance({"sources": ["document:b"]}, {"sources": ["document:a"], "evidence": ["Fond: AMIF"]})
    {'sources': ['document:a', 'document:b'], 'evidence': ['Fond: AMIF', '']}
    >>> united_provenance({"sources": ["document:a"], "evidence": [""]})
    {'sources': ['document:a']}
    """
    said: dict[str, str] = {}
    for declaration in declarations:
        evidence = list(declaration.get("evidence") or [])
        for index, source in enumerate(declaration.get("sources") or []):
            text = evidence[index] if index < len(evidence) else ""
            said[source] = max(said.get(source, ""), text)
    sources = sorted(said)
    united: dict[str, list[str]] = {"sources": sources}
    if any(said.values()):
        united["evidence"] = [said[source] for source in sources]
    return united
