"""A curator's edits of a draft, as the curation API receives them.

:class:`Edit` is one decision or change (decide, decide all, role, place a unit, merge, add a
relationship, edit the project); :func:`apply_edit` makes it on a proposal, reading the graph
for the nodes it names and the gazetteer for names typed by hand. What is typed by hand passes
the extractor's privacy rules: a person's name, e-mail address or phone number in the evidence
is replaced, and an "organisation" that is a person is refused.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from graphapp.errors import InvalidRequest, NotFound
from graphapp.extract.privacy import scrub
from graphapp.model import Node
from graphapp.records.by_hand import (
    EVIDENCE_MAX,
    add_relationship,
    edit_project,
    known_node,
    new_organisation,
    the_project,
)
from graphapp.records.edits import decide, decide_all, locate, merge, set_role
from graphapp.records.proposal import Decision, Proposal, ProposedNode
from graphapp.sheets import Resolver
from graphapp.store.protocol import GraphStore

__all__ = ["Edit", "NewOrganisation", "ProjectFields", "apply_edit"]

T = TypeVar("T")


class NewOrganisation(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    kind: str = Field(default="unknown", description="regional_body, company, bank, ngo, education, municipal_unit …")
    municipality: str | None = Field(default=None, description="the municipality's id: where it works")


class ProjectFields(BaseModel):
    """The project's fields to set; a field left out is kept, one given as null is cleared."""

    name: str | None = Field(default=None, max_length=300)
    start: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY: the precision known")
    end: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    grant_sek: int | None = Field(default=None, ge=0)
    status: Literal["planned", "ongoing", "completed"] | None = None


class Edit(BaseModel):
    """One decision or edit of a draft."""

    action: Literal["decide", "decide_all", "role", "locate", "merge", "add", "project"]
    key: str | None = Field(
        default=None, description="a relationship's key (start|TYPE|end) or a node's id (project: the project's)"
    )
    decision: Decision | None = None
    role: str | None = Field(default=None, max_length=80, description="a code of the role vocabulary")
    target: str | None = Field(
        default=None, description="locate: the municipality's id; merge: the graph's or the draft's node"
    )
    actor: str | None = Field(default=None, description="add: the id of a node of the graph or the draft")
    organisation: NewOrganisation | None = Field(default=None, description="add: a new organisation instead")
    amount_sek: int | None = Field(default=None, ge=0, description="add: a grant or a co-funder's share")
    evidence: str | None = Field(
        default=None, max_length=4 * EVIDENCE_MAX, description="add: the sentence that says so"
    )
    project: ProjectFields | None = Field(default=None, description="project: the fields to set")


def apply_edit(proposal: Proposal, edit: Edit, store: GraphStore, resolver: Resolver) -> None:
    """Make ``edit`` on ``proposal``."""
    if edit.action == "decide_all":
        decide_all(proposal, _need(edit.decision, "decision"))
    elif edit.action == "decide":
        decide(proposal, _need(edit.key, "key"), _need(edit.decision, "decision"))
    elif edit.action == "role":
        set_role(proposal, _need(edit.key, "key"), edit.role)
    elif edit.action == "locate":
        locate(proposal, _need(edit.key, "key"), _node(store, _need(edit.target, "target")))
    elif edit.action == "merge":
        target = _need(edit.target, "target")
        merge(proposal, _need(edit.key, "key"), target if target in proposal.nodes else _node(store, target))
    elif edit.action == "add":
        _add(proposal, edit, store, resolver)
    else:
        fields = _need(edit.project, "project")
        edit_project(proposal, the_project(proposal, edit.key), fields.model_dump(exclude_unset=True))


def _add(proposal: Proposal, edit: Edit, store: GraphStore, resolver: Resolver) -> None:
    evidence = scrub(edit.evidence or "", resolver.gazetteer.keep_words).text
    role = _need(edit.role, "role")
    project = the_project(proposal, None if edit.key is None else edit.key)
    if edit.actor is not None:
        actor = proposal.nodes.get(edit.actor) or known_node(_node(store, edit.actor))
    elif edit.organisation is not None:
        actor = _organisation(proposal, edit.organisation, evidence, store, resolver, project)
    else:
        raise InvalidRequest("say who: an actor of the graph, or a new organisation", code="add_who")
    add_relationship(proposal, actor, role, evidence, project=project, amount_sek=edit.amount_sek)


def _organisation(
    proposal: Proposal, given: NewOrganisation, evidence: str, store: GraphStore, resolver: Resolver, project: str
) -> ProposedNode:
    """The node for an organisation the curator names: one the reference tables or the graph know by that
    name, or a new one (a municipal unit with its ``PART_OF`` link, added to the proposal)."""
    if Resolver.is_personal(given.name):
        raise InvalidRequest(
            "that looks like a person's name or contact details; the graph holds organisations only",
            code="personal_name",
        )
    municipality = _node(store, given.municipality) if given.municipality else None
    county = (
        [str(municipality.properties["county_code"])]
        if municipality and municipality.properties.get("county_code")
        else []
    )
    found = resolver.actor(given.name, project.removeprefix("project:"), county)
    if found is not None and found.node.known:  # a municipality, an agency, a fund the tables know
        return found.node
    node, part_of = new_organisation(proposal, given.name, given.kind, municipality, evidence)
    held = store.find_nodes([node.id])
    if held:  # the graph has it: the graph's declaration stands
        return known_node(held[0])
    drafted = proposal.nodes.get(node.id)
    if drafted is not None and not drafted.known:  # the extractor proposed it too: the curator's facts stand
        kept = {k: v for k, v in drafted.properties.items() if k not in ("kind", "county_code", "resolved")}
        drafted.properties = {**kept, **node.properties}
        drafted.by_hand, drafted.evidence = True, node.evidence or drafted.evidence
    if part_of is not None:
        proposal.add_node(known_node(_node(store, part_of.end)))
        proposal.relate(part_of)
    return node


def _node(store: GraphStore, node_id: str) -> Node:
    try:
        return store.get_node(node_id)
    except NotFound:
        raise NotFound(f"the graph has no node {node_id!r}", code="not_in_graph", params={"id": node_id}) from None


def _need(value: T | None, what: str) -> T:
    if value is None:
        raise InvalidRequest(f"this edit needs {what!r}", code="edit_needs", params={"what": what})
    return value
