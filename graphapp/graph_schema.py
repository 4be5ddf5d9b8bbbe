"""The analysts' graph as they see it in Neo4j: labels, relationship types and their properties.

This is the one description of the schema the pages read: the schema page (``/schema``), the
workbench's sidebar and its completion. It holds the domain only (no bookkeeping such as the
store's revision). When the data model changes, change it here; ``tests/test_graph_schema.py``
checks it against what the records produce and against a loaded Neo4j
(``db.schema.nodeTypeProperties()``), and that the pages have words for every entry
(the catalogues' ``schema.*``).

Property types are named as Neo4j's ``db.schema.*`` procedures and ``valueType()`` name them
(``String``, ``Integer``, ``Float``, ``Boolean``, ``Date``, ``List<String>``). A date known only to the
month or year is stored as its widest day with ``<name>_precision`` beside it (:mod:`graphapp.dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphapp.model import ENDPOINTS, Label, RelType

__all__ = ["LABELS", "RELATIONSHIPS", "LabelSpec", "PropertySpec", "RelationshipSpec", "schema_dict"]


@dataclass(frozen=True, slots=True)
class PropertySpec:
    key: str
    type: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class LabelSpec:
    label: Label
    id_prefix: str  #: ids start with it: ``municipality:1766``
    example: str  #: the id of a node in the seed data
    properties: tuple[PropertySpec, ...]


@dataclass(frozen=True, slots=True)
class RelationshipSpec:
    type: RelType
    properties: tuple[PropertySpec, ...]

    @property
    def starts(self) -> tuple[Label, ...]:
        """The labels its relationships start at (:data:`graphapp.model.ENDPOINTS`, the one rule)."""
        return tuple(label for label in Label if label in ENDPOINTS[self.type][0])

    @property
    def ends(self) -> tuple[Label, ...]:
        return tuple(label for label in Label if label in ENDPOINTS[self.type][1])


_S, _I, _F, _B, _D, _LS = "String", "Integer", "Float", "Boolean", "Date", "List<String>"
_ID = PropertySpec("id", _S, True)
_NAME = PropertySpec("name", _S, True)
_SYNTHETIC = PropertySpec("synthetic", _B)  #: on generated test networks only
_SOURCES = PropertySpec("sources", _LS, True)
#: The sentence (or file, sheet and row) each of ``sources`` says it in, in the same order.
_EVIDENCE = PropertySpec("evidence", _LS)
_NOTE = PropertySpec("note", _S)
_ACTORS = (Label.MUNICIPALITY, Label.AGENCY, Label.ORGANIZATION)

LABELS: tuple[LabelSpec, ...] = (
    LabelSpec(
        Label.PROJECT,
        "project",
        "project:connecting-people",
        (
            _ID,
            _NAME,
            PropertySpec("summary", _S),
            PropertySpec("start", _D),
            PropertySpec("start_precision", _S),
            PropertySpec("end", _D),
            PropertySpec("end_precision", _S),
            PropertySpec("status", _S),
            PropertySpec("phase", _S),
            PropertySpec("programme_area", _S),
            PropertySpec("esf_region", _S),
            PropertySpec("unattributed_grant_sek", _I),
            PropertySpec("total_budget_sek", _I),
            PropertySpec("note", _S),
            _SYNTHETIC,
        ),
    ),
    LabelSpec(
        Label.MUNICIPALITY,
        "municipality",
        "municipality:1766",
        (
            _ID,
            _NAME,
            PropertySpec("code", _S, True),
            PropertySpec("official_name", _S, True),
            PropertySpec("county_code", _S, True),
            PropertySpec("lat", _F, True),
            PropertySpec("lon", _F, True),
        ),
    ),
    LabelSpec(
        Label.COUNTY,
        "county",
        "county:17",
        (
            _ID,
            _NAME,
            PropertySpec("code", _S, True),
            PropertySpec("short_name", _S, True),
            PropertySpec("letter", _S, True),
            PropertySpec("lat", _F, True),
            PropertySpec("lon", _F, True),
        ),
    ),
    LabelSpec(
        Label.AGENCY,
        "agency",
        "agency:arbetsformedlingen/ljungby",
        (
            _ID,
            _NAME,
            PropertySpec("kind", _S, True),
            PropertySpec("county_code", _S),
            PropertySpec("note", _S),
            _SYNTHETIC,
        ),
    ),
    LabelSpec(
        Label.ORGANIZATION,
        "org",
        "org:fryksdalens-sparbank",
        (
            _ID,
            _NAME,
            PropertySpec("kind", _S, True),
            PropertySpec("resolved", _B),
            PropertySpec("county_code", _S),
            PropertySpec("note", _S),
            _SYNTHETIC,
        ),
    ),
    LabelSpec(
        Label.FUND,
        "fund",
        "fund:amif",
        (
            _ID,
            _NAME,
            PropertySpec("programme", _S, True),
            PropertySpec("first_year", _I, True),
            PropertySpec("last_year", _I, True),
        ),
    ),
    LabelSpec(
        Label.DOCUMENT,
        "document",
        "document:1341166b5c71a7dcc0bebcc1df495f36465a2473",
        (
            _ID,
            _NAME,
            PropertySpec("title", _S, True),
            PropertySpec("publisher", _S),
            PropertySpec("published", _D),
            PropertySpec("published_precision", _S),
            PropertySpec("url", _S),
            PropertySpec("format", _S, True),
            PropertySpec("file", _S),
            PropertySpec("sheet", _S),
            PropertySpec("row", _I),
            _SYNTHETIC,
        ),
    ),
)

RELATIONSHIPS: tuple[RelationshipSpec, ...] = (
    RelationshipSpec(RelType.OWNS, (_SOURCES, _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.PARTICIPATES_IN, (PropertySpec("role", _S), _SOURCES, _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.FUNDS, (PropertySpec("amount_sek", _I), _SOURCES, _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.CO_FUNDS, (PropertySpec("amount_sek", _I), _SOURCES, _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.COLLABORATES_WITH, (_SOURCES, _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.BUILDS_ON, (_SOURCES, _EVIDENCE, _NOTE)),
    #: derived at load (graphapp.records.placement); no sources for the reference tables' actors
    RelationshipSpec(RelType.IN_COUNTY, (PropertySpec("sources", _LS), _EVIDENCE)),
    RelationshipSpec(RelType.PART_OF, (PropertySpec("sources", _LS), _EVIDENCE, _NOTE)),
    RelationshipSpec(RelType.DESCRIBED_IN, (_SOURCES, _NOTE)),
)


def schema_dict() -> dict[str, Any]:
    """The schema as plain data for the pages' scripts and the JSON twin of ``/schema``.

    >>> [spec["label"] for spec in schema_dict()["labels"]][:2]
    ['Project', 'Municipality']
    """
    return {
        "labels": [
            {
                "label": spec.label.value,
                "kind": spec.label.kind,
                "id_prefix": spec.id_prefix,
                "example": spec.example,
                "properties": [_property(p) for p in spec.properties],
            }
            for spec in LABELS
        ],
        "relationships": [
            {
                "type": spec.type.value,
                "starts": [label.value for label in spec.starts],
                "ends": [label.value for label in spec.ends],
                "properties": [_property(p) for p in spec.properties],
            }
            for spec in RELATIONSHIPS
        ],
    }


def _property(spec: PropertySpec) -> dict[str, Any]:
    return {"key": spec.key, "type": spec.type, "required": spec.required}
