"""What a curator adds to a proposal by hand: a relationship, an organisation, the project's fields.

Everything added here carries the curator's evidence (the sentence chosen in the document,
or words of the curator's own) and has :func:`~graphapp.records.proposal.curator_document`
among its sources, so its provenance says a person added it. Each function raises
:class:`~graphapp.errors.InvalidRequest` with what to do (and a ``code`` the page words in
its language) for an edit that makes no sense; the result is validated like ``graphapp load``
when it is accepted.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import FUNDING_TYPES, Node, RelType
from graphapp.records.edits import rewire
from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship, curator_document
from graphapp.records.schema import OrganizationKind, ProjectRecord, RelationshipRecord
from graphapp.roles import Role
from graphapp.textnorm import slugify

__all__ = ["EVIDENCE_MAX", "add_relationship", "edit_project", "known_node", "new_organisation", "the_project"]

#: The longest evidence a curator may give (a few sentences).
EVIDENCE_MAX = 1000
_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_STATUSES = ("planned", "ongoing", "completed")


def add_relationship(
    proposal: Proposal,
    actor: ProposedNode,
    role: str,
    evidence: str,
    *,
    project: str | None = None,
    amount_sek: int | None = None,
) -> str:
    """Add ``actor`` in ``role`` (a code of :mod:`graphapp.roles`; its type follows) to the project,
    accepted, with ``evidence``. A relationship the draft proposes already is accepted with the curator's
    role, amount and evidence. Returns its key."""
    chosen = _role(role)
    said = _evidence(evidence)
    project_id = the_project(proposal, project)
    if amount_sek is not None and chosen.rel_type not in FUNDING_TYPES:
        raise InvalidRequest("an amount belongs to a fund's grant or a co-funder's share", code="amount_not_here")
    rel = ProposedRelationship(
        type=chosen.rel_type.value,
        start=actor.id,
        end=project_id,
        sources=[curator_document(proposal)],
        role=chosen.value if chosen.stored else None,
        amount_sek=amount_sek,
        evidence=said,
        confidence=1.0,
        decision="accepted",
        by_hand=True,
    )
    _check(rel, actor.name)
    proposal.add_node(actor)
    known = proposal.relationships.get(rel.key)
    if known is None:
        proposal.relationships[rel.key] = rel
        return rel.key
    known.sources = sorted({*known.sources, *rel.sources})
    known.role, known.evidence, known.by_hand, known.decision = rel.role, said, True, "accepted"
    known.amount_sek = amount_sek if amount_sek is not None else known.amount_sek
    return known.key


def new_organisation(
    proposal: Proposal, name: str, kind: str, municipality: Node | None, evidence: str
) -> tuple[ProposedNode, ProposedRelationship | None]:
    """A new organisation named by the curator, of ``kind`` (``OrganizationKind``), working in
    ``municipality``: its county; a municipal unit is also given a ``PART_OF`` link there (returned,
    not yet added). The caller has checked that the name is no person's and not a node the graph has."""
    name = " ".join(name.split())
    if not 2 <= len(name) <= 200:
        raise InvalidRequest("an organisation's name is 2 to 200 characters", code="name_length")
    if kind not in OrganizationKind.__members__.values():
        raise InvalidRequest(
            f"{kind!r} is not a kind of organisation ({', '.join(OrganizationKind)})",
            code="not_a_kind",
            params={"kind": kind},
        )
    properties: dict[str, Any] = {"kind": kind}
    node_id = f"org:{slugify(name)}"
    if municipality is not None:
        if municipality.properties.get("county_code"):
            properties["county_code"] = municipality.properties["county_code"]
        if kind == OrganizationKind.MUNICIPAL_UNIT:
            official = str(municipality.properties.get("official_name") or f"{municipality.name} kommun")
            node_id = f"org:{slugify(official)}/{slugify(name)}"
            name = name if municipality.name in name else f"{name}, {official}"
    elif kind == OrganizationKind.MUNICIPAL_UNIT:
        raise InvalidRequest("say which municipality the unit belongs to", code="unit_needs_municipality")
    if not slugify(name):
        raise InvalidRequest("an organisation's name needs letters or digits", code="name_length")
    node = ProposedNode(
        id=node_id, label="Organization", name=name, properties=properties, evidence=_evidence(evidence), by_hand=True
    )
    if kind != OrganizationKind.MUNICIPAL_UNIT or municipality is None:
        return node, None
    part_of = ProposedRelationship(
        type=RelType.PART_OF.value,
        start=node_id,
        end=municipality.id,
        sources=[curator_document(proposal)],
        evidence=node.evidence,
        decision="accepted",
        by_hand=True,
    )
    return node, part_of


def known_node(node: Node) -> ProposedNode:
    """A node the graph holds, as a proposal refers to it."""
    return ProposedNode(id=node.id, label=node.label.value, name=node.name, known=True)


def edit_project(proposal: Proposal, project_id: str, fields: dict[str, Any]) -> str:
    """Set the project's ``name``, ``start`` and ``end`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: the
    precision known), ``grant_sek`` and ``status``; a field given as None is cleared, one not given kept.
    A new project renamed takes the id of its new name. Returns the project's id."""
    project = proposal.nodes.get(project_id)
    if project is None or project.label != "Project":
        raise NotFound(f"the draft proposes no project {project_id!r}", code="no_project")
    props = dict(project.properties)
    for key in ("start", "end"):
        if key in fields:
            props[key] = _date(key, fields[key])
    if "status" in fields:
        if fields["status"] not in (None, *_STATUSES):
            raise InvalidRequest(f"status is one of {', '.join(_STATUSES)}", code="not_a_status")
        props["status"] = fields["status"]
    props = {k: v for k, v in props.items() if v is not None}
    name = " ".join(str(fields.get("name") or project.name).split())
    new_id = f"project:{slugify(name)}" if name != project.name and not project.known else project_id
    if new_id != project_id and (new_id == "project:" or new_id in proposal.nodes):
        raise InvalidRequest(f"the draft has a project {name!r} already", code="project_exists")
    _valid_project(new_id, name, props)
    if "grant_sek" in fields:
        _grant(proposal, project_id, props, fields["grant_sek"])
    project.name, project.properties, project.by_hand = name, props, True
    project.sources = sorted({*project.sources, curator_document(proposal)})
    if new_id != project_id:
        rewire(proposal, project_id, project.model_copy(update={"id": new_id}))
    return new_id


def the_project(proposal: Proposal, project: str | None) -> str:
    """``project`` if the draft proposes it, else the draft's one project."""
    projects = [n.id for n in proposal.nodes.values() if n.label == "Project" and not n.known]
    if project is not None:
        if project not in proposal.nodes or proposal.nodes[project].label != "Project":
            raise NotFound(f"the draft proposes no project {project!r}", code="no_project")
        return project
    if len(projects) != 1:
        raise InvalidRequest("the draft has several projects: say which one", code="which_project")
    return projects[0]


def _grant(proposal: Proposal, project_id: str, props: dict[str, Any], grant: int | None) -> None:
    """The grant goes on the project's one ``FUNDS`` relationship when it has one, else on the project."""
    if grant is not None and grant < 0:
        raise InvalidRequest("a grant is a whole number of kronor, 0 or more", code="not_an_amount")
    funds = [r for r in proposal.relationships.values() if r.type == RelType.FUNDS and r.end == project_id]
    if len(funds) == 1:
        funds[0].amount_sek = grant
        props.pop("grant_sek", None)
    elif grant is None:
        props.pop("grant_sek", None)
    else:
        props["grant_sek"] = grant


def _role(role: str) -> Role:
    if role not in Role.__members__.values():
        raise InvalidRequest(
            f"{role!r} is not a role: choose one of {', '.join(Role)}", code="not_a_role", params={"role": role}
        )
    return Role(role)


def _evidence(text: str) -> str:
    said = " ".join(text.split())
    if not said:
        raise InvalidRequest(
            "give the evidence: select the sentence of the document that says so, or say where it comes from",
            code="no_evidence",
        )
    if len(said) > EVIDENCE_MAX:
        raise InvalidRequest(f"evidence is {EVIDENCE_MAX} characters at most", code="evidence_too_long")
    return said


def _date(key: str, value: Any) -> str | None:
    text = None if value is None else str(value).strip()
    if not text:
        return None
    if not _PERIOD.match(text):
        raise InvalidRequest(
            f"{key}: give a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY), not {text!r}",
            code="not_a_date",
            params={"value": text},
        )
    return text


def _valid_project(project_id: str, name: str, props: dict[str, Any]) -> None:
    """The project's fields as the record schema takes them (one validation: ``graphapp load``'s)."""
    start, end = str(props.get("start") or ""), str(props.get("end") or "")
    if start and end and end[: len(start)] < start[: len(end)]:  # ISO text of any precision compares as text
        raise InvalidRequest(f"end {end} is before start {start}", code="end_before_start")
    try:
        ProjectRecord.model_validate({"id": project_id, "name": name, **props})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "project"
        raise InvalidRequest(
            f"{where}: {first['msg']}", code="invalid_project", params={"field": where, "message": first["msg"]}
        ) from None


def _check(rel: ProposedRelationship, actor: str) -> None:
    """The relationship fits the model (which types join which kinds of node), as ``graphapp load`` checks."""
    fields = {"type": rel.type, "start": rel.start, "end": rel.end, "sources": rel.sources, "role": rel.role}
    try:
        RelationshipRecord.model_validate({**fields, "amount_sek": rel.amount_sek})
    except ValidationError:
        raise InvalidRequest(
            f"{actor} cannot have that role in a project ({rel.type} {rel.start} -> {rel.end})",
            code="role_not_for_actor",
            params={"actor": actor},
        ) from None
