"""The schema of a curated record file: one project, its documents, its actors.

A record file (``data/projects/*.yaml``) looks like::

    project:                      # the project the file is about
      id: project:connecting-people
      name: Connecting people
      start: 2016-06-01           # or 2016-06 (a month), or 2016 (a year): only what is known
      end: 2018-12-31
    documents:                    # where the facts come from
      - id: &skr document:<sha1 of the text>
        title: Connecting people i Sunne kommun
    nodes:                        # actors and projects first named here
      - {label: Organization, id: org:fryksdalens-sparbank, name: Fryksdalens sparbank, kind: bank}
    relationships:                # each one lists the documents it comes from
      - {type: CO_FUNDS, start: org:fryksdalens-sparbank, end: project:connecting-people,
         amount_sek: 150000, sources: [*skr]}
      - type: FUNDS               # a source may quote the sentence that says so
        start: fund:amif
        end: project:connecting-people
        amount_sek: 2300000
        sources: [{document: *skr, evidence: "AMIF har beviljat projektet 2,3 miljoner kronor."}]

Municipalities, counties, the national agencies and the funds are not declared
here: they come from the reference tables in ``data/reference/``.

A project's ``grant_sek`` is read for record files written before the grant moved onto
``FUNDS``: the loader puts it on the project's one ``FUNDS`` relationship
(:func:`graphapp.records.loader.record_file_graph`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from graphapp.dates import PartialDate
from graphapp.model import RelType
from graphapp.roles import join_note, read_role
from graphapp.textnorm import visible

__all__ = [
    "AgencyRecord",
    "DocumentRecord",
    "OrganizationKind",
    "OrganizationRecord",
    "ProjectRecord",
    "RecordFile",
    "RelationshipRecord",
    "SourceRecord",
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
#: A date known to the day, month or year (:mod:`graphapp.dates`): ``2016-06-01``, ``2016-06``, ``2016``.
Date = Annotated[
    PartialDate,
    PlainValidator(PartialDate.parse),
    PlainSerializer(PartialDate.iso, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "A date to the day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY): only what is known",
        }
    ),
]

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
    start: Date | None = None
    end: Date | None = None
    status: Literal["planned", "ongoing", "completed"] | None = None
    phase: Text | None = None
    programme_area: Text | None = None
    esf_region: Text | None = None
    grant_sek: Amount | None = Field(
        default=None,
        description="the fund's grant, as record files gave it before it moved onto FUNDS.amount_sek; "
        "the loader puts it there (not kept on the project)",
    )
    total_budget_sek: Amount | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> ProjectRecord:
        if self.start and self.end and self.end.last_day() < self.start.first_day():
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
    published: Date | None = None
    url: Text | None = None
    format: Text = "text/plain"
    file: Text | None = Field(
        default=None, description="the document's text, as a path under the data folder (documents/…), for provenance"
    )
    sheet: Text | None = Field(default=None, description="for a row of a workbook: the sheet's name")
    row: int | None = Field(default=None, ge=1, description="for a spreadsheet row: its line in the sheet or CSV file")
    by_hand: bool | None = Field(
        default=None,
        description="true: the curator's own reading of a document or file, the source of what was added by hand",
    )

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


class SourceRecord(_Record):
    """A document a relationship comes from, with the sentence (or spreadsheet cell) that says so."""

    document: DocumentId
    evidence: Text | None = None


def _source_form(value: object) -> str:
    return "DocumentId" if isinstance(value, str) else "SourceRecord"


#: A source: a document id, or a document with its evidence.
Source = Annotated[
    Annotated[DocumentId, Tag("DocumentId")] | Annotated[SourceRecord, Tag("SourceRecord")], Discriminator(_source_form)
]


class RelationshipRecord(_Record):
    type: RelType
    start: NodeId
    end: NodeId
    role: Text | None = Field(
        default=None, description="a code of graphapp.roles for PARTICIPATES_IN; other text is kept as the note"
    )
    amount_sek: Amount | None = None
    sources: list[Source] = Field(
        min_length=1, description="document ids, or {document, evidence}: the document and the sentence that says so"
    )
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _role_from_the_vocabulary(cls, data: Any) -> Any:
        """A role read onto the vocabulary (legacy free text too); text it cannot map goes to the note."""
        if not isinstance(data, dict) or not isinstance(data.get("role"), str):
            return data
        role, rest = read_role(data["role"], str(data.get("type")))
        note = data.get("note")
        return {**data, "role": role, "note": join_note(note, rest) if isinstance(note, str | None) else note}

    @property
    def documents(self) -> list[str]:
        """The ids of the documents of :attr:`sources`, in their order."""
        return [s if isinstance(s, str) else s.document for s in self.sources]

    @property
    def evidence(self) -> list[str]:
        """For each of :attr:`sources`, its evidence (``""`` where none is given)."""
        return ["" if isinstance(s, str) else s.evidence or "" for s in self.sources]

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
            unknown = [s for s in rel.documents if s not in documents]
            if unknown:
                raise ValueError(f"relationships[{index}].sources: {unknown[0]} is not one of this file's documents")
        self._grant_fits_funds()
        return self

    def _grant_fits_funds(self) -> None:
        """A project's ``grant_sek`` goes onto its ``FUNDS`` relationship: refused where they disagree."""
        grant, project = self.project.grant_sek, self.project.id
        funds = [r for r in self.relationships if r.type is RelType.FUNDS and r.end == project]
        amounts = [r.amount_sek for r in funds]
        if grant is None or not funds or amounts == [None]:
            return
        if len(funds) == 1 and amounts[0] != grant:
            raise ValueError(
                f"project.grant_sek {grant} disagrees with amount_sek {amounts[0]} of FUNDS {funds[0].start} -> "
                f"{project}: give the grant once, as amount_sek on FUNDS"
            )
        if len(funds) > 1 and (None in amounts or sum(a or 0 for a in amounts) != grant):
            raise ValueError(
                f"project.grant_sek {grant}: {len(funds)} funds fund {project} and it is not the sum of their "
                "amount_sek; give each fund's grant as amount_sek on its FUNDS relationship instead"
            )
