"""A proposal: draft records with their evidence, before a person accepts them.

Extraction (one document) and spreadsheet import (one row per project, or Kumu's
Elements and Connections) both yield a :class:`Proposal`: proposed nodes, proposed
relationships each with the sentence or row it comes from and a confidence, the
documents (a document, or one per spreadsheet row) that are their sources, and the
problems found per cell. A curator accepts, rejects or edits each item
(:mod:`graphapp.records.edits`); :func:`record_files` turns what was accepted into
record files of the schema of ``data/projects/*.yaml``, one per project.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, Field, model_validator

from graphapp.model import RelType
from graphapp.roles import join_note, read_role
from graphapp.textnorm import slugify, visible

__all__ = [
    "Decision",
    "Problem",
    "Proposal",
    "ProposedNode",
    "ProposedRelationship",
    "curator_document",
    "record_file_name",
    "record_files",
    "record_yaml",
]

Decision = Literal["pending", "accepted", "rejected"]
#: libyaml's emitter when PyYAML was built with it (ten times faster for a 500-row import)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Relationship types that belong to the project at their start (project-to-project links).
_PROJECT_LINKS = frozenset({RelType.COLLABORATES_WITH.value, RelType.BUILDS_ON.value})


class Problem(BaseModel):
    """Something wrong with one cell (or row, or sheet, or the whole file) of the input."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    message: str

    def where(self) -> str:
        """``file:sheet:row:column`` with what is known."""
        parts = [self.file, self.sheet, str(self.row) if self.row is not None else None, self.column]
        return ":".join(p for p in parts if p)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"


class ProposedNode(BaseModel):
    id: str
    label: str  #: Project | Municipality | County | Agency | Organization | Fund
    #: shown without invisible format characters (a bidi override would show it reversed), as it is stored
    name: Annotated[str, AfterValidator(visible)]
    #: record fields besides id, label and name (kind, county_code, resolved, start, grant_sek …)
    properties: dict[str, Any] = {}
    #: from the reference tables or already in the store: referred to, never declared
    known: bool = False
    evidence: str = ""
    #: a project's own decision (its file is written when it, or one of its relationships, is accepted)
    decision: Decision = "pending"
    sources: list[str] = []  #: documents that name it (a project's own rows)
    by_hand: bool = False  #: created or edited by the curator (its source is :func:`curator_document`)

    @property
    def resolved(self) -> bool:
        return self.properties.get("resolved", True) is not False


class ProposedRelationship(BaseModel):
    type: str
    start: str
    end: str
    sources: list[str] = Field(min_length=1)
    #: a code of :mod:`graphapp.roles`; other text given as a role is kept in ``note``
    role: str | None = None
    amount_sek: int | None = None
    evidence: str = ""
    #: the evidence of each source (``evidence`` is the first one's, shown for review)
    evidence_of: dict[str, str] = {}
    confidence: float = 1.0
    decision: Decision = "pending"
    #: proposed only because the text names the actor (no sentence gives it a part): the curator decides
    mentioned: bool = False
    note: str | None = None
    #: added by the curator, with the curator's evidence; its source is :func:`curator_document`
    by_hand: bool = False

    @model_validator(mode="before")
    @classmethod
    def _role_from_the_vocabulary(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("role"), str):
            return data
        role, rest = read_role(data["role"], str(data.get("type")))
        return {**data, "role": role, "note": join_note(data.get("note"), rest)}

    def model_post_init(self, context: Any, /) -> None:
        if self.evidence:  # a proposal's evidence is that of the sources it was made with
            self.evidence_of = {**{s: self.evidence for s in self.sources}, **self.evidence_of}

    @property
    def key(self) -> str:
        return f"{self.start}|{self.type}|{self.end}"

    @property
    def project(self) -> str | None:
        """The project whose record file holds this relationship."""
        if self.type in _PROJECT_LINKS or self.start.startswith("project:"):
            return self.start
        return self.end if self.end.startswith("project:") else None


class Proposal(BaseModel):
    """What one uploaded or imported file proposes."""

    source: str  #: the file's name
    kind: Literal["document", "spreadsheet"]
    documents: dict[str, dict[str, Any]] = {}  #: document id -> DocumentRecord fields
    nodes: dict[str, ProposedNode] = {}
    relationships: dict[str, ProposedRelationship] = {}
    problems: list[Problem] = []
    #: rows with a problem, as "sheet:row"; skipped when the curator says so
    invalid_rows: list[str] = []
    warnings: list[str] = []
    personal_data_dropped: int = 0
    #: document id -> its text as the extractor read it (personal data replaced), shown beside the draft
    texts: dict[str, str] = {}

    def add_node(self, node: ProposedNode) -> ProposedNode:
        """Add ``node``, or keep the one already there and add the sources it lacked."""
        known = self.nodes.get(node.id)
        if known is None:
            self.nodes[node.id] = node
            return node
        known.sources = sorted({*known.sources, *node.sources})
        return known

    def relate(self, rel: ProposedRelationship) -> ProposedRelationship:
        """Add ``rel``; a repeated one gains the other's sources and any amount or role it lacked."""
        known = self.relationships.get(rel.key)
        if known is None:
            self.relationships[rel.key] = rel
            return rel
        known.sources = sorted({*known.sources, *rel.sources})
        known.evidence_of = {**rel.evidence_of, **known.evidence_of}
        known.role = known.role or rel.role
        known.amount_sek = known.amount_sek if known.amount_sek is not None else rel.amount_sek
        known.confidence = max(known.confidence, rel.confidence)
        known.mentioned = known.mentioned and rel.mentioned  # one document that gives it a part is enough
        return known

    def decide_all(self, decision: Decision) -> None:
        for node in self.nodes.values():
            node.decision = decision
        for rel in self.relationships.values():
            rel.decision = decision


def curator_document(proposal: Proposal) -> str:
    """The id of the document that stands for the curator's own reading of this upload, added to the
    proposal's documents: the source of every relationship added, and every project edited, by hand.

    It bears the title (and address) of the document read, or the file's name, and ``by_hand: true``,
    so the explorer and an analyst's query tell what a person added from what was read by the tool.
    """
    for doc_id, known in proposal.documents.items():
        if known.get("by_hand"):
            return doc_id
    read = sorted(proposal.documents)
    digest = hashlib.sha1(json.dumps(["by hand", proposal.source, read], ensure_ascii=False).encode()).hexdigest()
    first = proposal.documents[read[0]] if proposal.kind == "document" and read else {}
    fields: dict[str, Any] = {"title": first.get("title") or proposal.source, "by_hand": True}
    fields["format"] = first.get("format", "text/plain")
    if first.get("url"):
        fields["url"] = first["url"]
    proposal.documents[f"document:{digest}"] = fields
    return f"document:{digest}"


def record_files(proposal: Proposal) -> list[tuple[str, dict[str, Any]]]:
    """The accepted part of ``proposal`` as record mappings, one per project: ``(file name, record)``.

    A project's file holds its accepted relationships (project-to-project links go with the
    project they start at), the ``PART_OF`` links of the units it names, the documents they
    come from, and every node they name that is neither known nor the project itself.
    """
    accepted = [r for r in proposal.relationships.values() if r.decision == "accepted"]
    by_project: dict[str, list[ProposedRelationship]] = {
        n.id: [] for n in proposal.nodes.values() if n.label == "Project" and n.decision == "accepted"
    }
    for rel in accepted:
        home = rel.project
        if home is not None and home in proposal.nodes and not proposal.nodes[home].known:
            by_project.setdefault(home, []).append(rel)
    parents = {r.start: r for r in accepted if r.type == RelType.PART_OF.value}
    files = []
    for project_id in sorted(by_project):
        rels = by_project[project_id]
        named = {end for r in rels for end in (r.start, r.end)}
        rels += [parents[unit] for unit in sorted(named) if unit in parents]
        named |= {r.end for r in rels}
        files.append((record_file_name(project_id), _record(proposal, project_id, rels, named)))
    return files


def record_file_name(project_id: str) -> str:
    """A safe file name for a project's record file: its id's slug (``project:a/../b`` cannot climb out
    of its folder), with a short hash when the slug lost characters, so two ids never share a name."""
    rest = project_id.removeprefix("project:")
    slug = slugify(rest) or "project"
    return f"{slug}.yaml" if slug == rest else f"{slug}-{hashlib.sha1(rest.encode()).hexdigest()[:8]}.yaml"


def _record(proposal: Proposal, project_id: str, rels: list[ProposedRelationship], named: set[str]) -> dict[str, Any]:
    project = proposal.nodes[project_id]
    document_ids = sorted({*project.sources, *(s for r in rels for s in r.sources)})
    nodes = [
        _declared(proposal.nodes[i])
        for i in sorted(named)
        if i != project_id and i in proposal.nodes and not proposal.nodes[i].known
    ]
    return {
        "project": {"id": project.id, "name": project.name, **project.properties},
        "documents": [{"id": d, **proposal.documents[d]} for d in document_ids if d in proposal.documents],
        "nodes": nodes,
        "relationships": [_relationship(r) for r in rels],
    }


def _declared(node: ProposedNode) -> dict[str, Any]:
    return {"label": node.label, "id": node.id, "name": node.name, **node.properties}


def _relationship(rel: ProposedRelationship) -> dict[str, Any]:
    out: dict[str, Any] = {"type": rel.type, "start": rel.start, "end": rel.end}
    if rel.role:
        out["role"] = rel.role
    if rel.amount_sek is not None:
        out["amount_sek"] = rel.amount_sek
    out["sources"] = [
        {"document": s, "evidence": rel.evidence_of[s]} if rel.evidence_of.get(s, "").strip() else s
        for s in sorted(rel.sources)
    ]
    if rel.note:
        out["note"] = rel.note
    return out


def record_yaml(record: dict[str, Any], header: str) -> str:
    """One record mapping as the YAML of a record file, under ``header`` comment lines."""
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + str(yaml.dump(record, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, width=120))
