"""The neutral property-graph model that every layer speaks.

Records are validated into a :class:`GraphData`; stores load it and answer with
:class:`Node`, :class:`Relationship`, :class:`Subgraph` and :class:`Path`. None of
these know which store produced them. Their ``as_dict()`` is the one JSON shape of
a graph that the API and the views share::

    {"nodes": [{id, kind, name, properties}],
     "relationships": [{type, start, end, properties, sources}], "truncated": bool}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graphapp.dates import plain_properties

__all__ = [
    "ACTOR_LABELS",
    "ACTOR_PROJECT_TYPES",
    "FUNDING_TYPES",
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

    def as_dict(self) -> dict[str, Any]:
        """The relationship in the JSON shape of a graph: its ``sources`` apart from the other properties."""
        return {
            "type": self.type.value,
            "start": self.start,
            "end": self.end,
            "properties": {k: v for k, v in self.properties.items() if k != "sources"},
            "sources": self.sources,
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
