"""The schema of a curated record file: one project, its documents, its actors.

A record file (``data/projects/*.yaml``) looks like::

    project:                      # the project the file is about
      id: project:connecting-people
      name: Connecting people
      start: 2016-06-01
      end: 2018-12-31
    documents:                    # where the facts come from
      - id: &skr document:<sha1 of the text>
        title: Connecting people i Sunne kommun
    nodes:                        # actors and projects first named here
      - {label: Organization, id: org:fryksdalens-sparbank, name: Fryksdalens sparbank, kind: bank}
    relationships:                # each one lists the documents it comes from
      - {type: CO_FUNDS, start: org:fryksdalens-sparbank, end: project:connecting-people,
         amount_sek: 150000, sources: [*skr]}

Municipalities, counties, the national agencies and the funds are not declared
here: they come from the reference tables in ``data/reference/``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from graphapp.model import RelType
from graphapp.textnorm import visible

__all__ = [
    "AgencyRecord",
    "DocumentRecord",
    "OrganizationKind",
    "OrganizationRecord",
    "ProjectRecord",
    "RecordFile",
    "RelationshipRecord",
]

#: The longest name or title a record may give (the longest in data/ has 71 characters).
MAX_NAME_LENGTH = 300

_ID_REST = r"[a-z0-9][a-z0-9._/-]*$"  # one pattern per id: a second StringConstraints would replace the first


def _text_only(text: str) -> str:
    """Text, not control characters (which XML, and so GraphML and GEXF exports, cannot carry)."""
    bad = next((c for c in text if c in _CONTROL or "\ud800" <= c <= "\udfff"), None)
    if bad is not None:
        raise ValueError(f"contains the control character U+{ord(bad):04X}; give text only")
    return text


def _name(text: str) -> str:
    """A name or title: without invisible format characters (bidi overrides, zero-width; see
    :func:`~graphapp.textnorm.visible`), and not longer than :data:`MAX_NAME_LENGTH`."""
    text = visible(text).strip()
    if not text:
        raise ValueError("has no visible characters")
    if len(text) > MAX_NAME_LENGTH:
        raise ValueError(f"is {len(text)} characters long; a name has at most {MAX_NAME_LENGTH}")
    return text


_CONTROL = frozenset(chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0xFFFE, 0xFFFF))
NodeId = Annotated[
    str, StringConstraints(pattern=rf"^(project|municipality|county|agency|org|fund|document):{_ID_REST}")
]
ProjectId = Annotated[str, StringConstraints(pattern=rf"^project:{_ID_REST}")]
AgencyId = Annotated[str, StringConstraints(pattern=rf"^agency:{_ID_REST}")]
OrganizationId = Annotated[str, StringConstraints(pattern=rf"^org:{_ID_REST}")]
DocumentId = Annotated[str, StringConstraints(pattern=r"^document:[0-9a-f]{40}$")]
Amount = Annotated[int, Field(ge=0, description="Swedish kronor, whole")]
CountyCode = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(_text_only)]
Name = Annotated[Text, AfterValidator(_name)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrganizationKind(StrEnum):
    REGIONAL_BODY = "regional_body"
    COMPANY = "company"
    BANK = "bank"
    NGO = "ngo"
    EDUCATION = "education"
    MUNICIPAL_UNIT = "municipal_unit"
    FOREIGN = "foreign"
    UNKNOWN = "unknown"


class ProjectRecord(_Record):
    label: Literal["Project"] = "Project"
    id: ProjectId
    name: Name
    summary: Text | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: Literal["planned", "ongoing", "completed"] | None = None
    phase: Text | None = None
    programme_area: Text | None = None
    esf_region: Text | None = None
    grant_sek: Amount | None = None
    total_budget_sek: Amount | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> ProjectRecord:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class AgencyRecord(_Record):
    """An agency's local unit, or an agency the reference table lacks."""

    label: Literal["Agency"]
    id: AgencyId
    name: Name
    kind: Text
    county_code: CountyCode | None = None
    note: Text | None = None


class OrganizationRecord(_Record):
    """Any other actor. ``resolved: false`` marks a name the text leaves ambiguous."""

    label: Literal["Organization"]
    id: OrganizationId
    name: Name
    kind: OrganizationKind
    resolved: bool = True
    county_code: CountyCode | None = None
    note: Text | None = None


class DocumentRecord(_Record):
    id: DocumentId
    title: Name
    publisher: Text | None = None
    published: dt.date | None = None
    url: Text | None = None
    format: Text = "text/plain"
    file: Text | None = Field(
        default=None, description="the document's text, as a path under the data folder (documents/…), for provenance"
    )
    sheet: Text | None = Field(default=None, description="for a row of a workbook: the sheet's name")
    row: int | None = Field(default=None, ge=1, description="for a spreadsheet row: its line in the sheet or CSV file")

    @model_validator(mode="after")
    def _sheet_with_its_row(self) -> DocumentRecord:
        if self.sheet is not None and self.row is None:
            raise ValueError("sheet names the sheet of a row: give the row too")
        return self


# Which relationship types may join which id prefixes: (start prefixes, end prefixes).
_ACTORS = ("municipality", "agency", "org")
_ENDPOINTS: dict[RelType, tuple[tuple[str, ...], tuple[str, ...]]] = {
    RelType.OWNS: (_ACTORS, ("project",)),
    RelType.PARTICIPATES_IN: (_ACTORS, ("project",)),
    RelType.CO_FUNDS: (_ACTORS, ("project",)),
    RelType.FUNDS: (("fund",), ("project",)),
    RelType.COLLABORATES_WITH: (("project",), ("project",)),
    RelType.BUILDS_ON: (("project",), ("project",)),
    RelType.IN_COUNTY: (("municipality", "agency", "org"), ("county",)),
    RelType.PART_OF: (("agency", "org"), _ACTORS),
    RelType.DESCRIBED_IN: (("project",), ("document",)),
}


class RelationshipRecord(_Record):
    type: RelType
    start: NodeId
    end: NodeId
    role: Text | None = None
    amount_sek: Amount | None = None
    sources: list[DocumentId] = Field(min_length=1)
    note: Text | None = None

    @model_validator(mode="after")
    def _fits_the_model(self) -> RelationshipRecord:
        starts, ends = _ENDPOINTS[self.type]
        if self.start.split(":", 1)[0] not in starts:
            raise ValueError(f"{self.type.value} cannot start at {self.start!r} (expected {' or '.join(starts)})")
        if self.end.split(":", 1)[0] not in ends:
            raise ValueError(f"{self.type.value} cannot end at {self.end!r} (expected {' or '.join(ends)})")
        if self.amount_sek is not None and self.type not in (RelType.FUNDS, RelType.CO_FUNDS):
            raise ValueError("amount_sek belongs on FUNDS or CO_FUNDS only")
        if self.start == self.end:
            raise ValueError("a relationship cannot join a node to itself")
        return self


NodeRecord = Annotated[ProjectRecord | AgencyRecord | OrganizationRecord, Field(discriminator="label")]


class RecordFile(_Record):
    project: ProjectRecord
    documents: list[DocumentRecord] = Field(min_length=1)
    nodes: list[NodeRecord] = []
    relationships: list[RelationshipRecord] = []

    @model_validator(mode="after")
    def _consistent(self) -> RecordFile:
        ids = [self.project.id, *(d.id for d in self.documents), *(n.id for n in self.nodes)]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"ids declared twice in this file: {', '.join(duplicates)}")
        documents = {d.id for d in self.documents}
        for index, rel in enumerate(self.relationships):
            unknown = [s for s in rel.sources if s not in documents]
            if unknown:
                raise ValueError(f"relationships[{index}].sources: {unknown[0]} is not one of this file's documents")
        return self
