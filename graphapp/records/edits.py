"""A curator's edits of a proposal: decide, change a role, place a unit, merge into a known node.

What a curator adds by hand (a relationship, an organisation, the project's fields) is
:mod:`graphapp.records.by_hand`.

Each function changes the proposal in place and raises
:class:`~graphapp.errors.InvalidRequest` (with what to do) for an edit that makes no
sense; the result is still validated like ``graphapp load`` when it is accepted.
"""

from __future__ import annotations

from graphapp.errors import InvalidRequest, NotFound
from graphapp.model import ACTOR_PROJECT_TYPES, FUNDING_TYPES, Label, Node, RelType
from graphapp.records.proposal import Decision, Proposal, ProposedNode, ProposedRelationship, curator_document
from graphapp.roles import ROLES, Role
from graphapp.textnorm import slugify

__all__ = ["decide", "decide_all", "locate", "merge", "rewire", "set_role"]


def decide(proposal: Proposal, key: str, decision: Decision) -> None:
    """Accept, reject or reopen the relationship ``key`` (``start|TYPE|end``), or a project node by id."""
    if key in proposal.relationships:
        proposal.relationships[key].decision = decision
    elif key in proposal.nodes and proposal.nodes[key].label == "Project":
        proposal.nodes[key].decision = decision
    else:
        raise NotFound(f"the draft proposes no relationship or project {key!r}", code="not_in_draft")


def decide_all(proposal: Proposal, decision: Decision) -> None:
    proposal.decide_all(decision)


def set_role(proposal: Proposal, key: str, role: str | None) -> str:
    """Give the relationship ``key`` a role of the vocabulary (:mod:`graphapp.roles`); a role of another
    type between an actor and a project (owner, co-funder, a part taken) changes its type. Returns its key."""
    rel = _relationship(proposal, key)
    if not role:
        if rel.type != RelType.PARTICIPATES_IN:
            raise InvalidRequest(
                f"a {rel.type} relationship has the role its type says; choose another role", code="role_needed"
            )
        rel.role = None
        return key
    if role not in Role.__members__.values():
        raise InvalidRequest(
            f"{role!r} is not a role: choose one of {', '.join(ROLES)}", code="not_a_role", params={"role": role}
        )
    chosen = Role(role)
    if chosen.rel_type != rel.type:
        if rel.type not in ACTOR_PROJECT_TYPES or chosen.rel_type not in ACTOR_PROJECT_TYPES:
            raise InvalidRequest(
                f"a {rel.type} relationship cannot take the role {role!r} ({chosen.rel_type})",
                code="role_not_for_type",
                params={"role": role},
            )
        del proposal.relationships[key]
        keeps_amount = chosen.rel_type in FUNDING_TYPES
        rel = rel.model_copy(
            update={"type": chosen.rel_type.value, "amount_sek": rel.amount_sek if keeps_amount else None}
        )
        rel = proposal.relate(rel)
    rel.role = chosen.value if chosen.stored else None
    return rel.key


def locate(proposal: Proposal, node_id: str, municipality: Node) -> str:
    """Make an unresolved municipal unit ("Socialförvaltningen") the unit of ``municipality``:
    a resolved node of its own with a ``PART_OF`` link there. Returns the unit's new id."""
    node = _node(proposal, node_id)
    if node.label != "Organization" or node.resolved or node.known:
        raise InvalidRequest(
            f"{node.name!r} is resolved already; only an unresolved unit is given a municipality",
            code="resolved_already",
            params={"name": node.name},
        )
    if municipality.label is not Label.MUNICIPALITY:
        raise InvalidRequest(f"{municipality.id!r} is not a municipality", code="not_a_municipality")
    official = str(municipality.properties.get("official_name") or f"{municipality.name} kommun")
    unit = ProposedNode(
        id=f"org:{slugify(official)}/{slugify(node.name)}",
        label="Organization",
        name=f"{node.name}, {official}",
        properties={"kind": "municipal_unit", "county_code": municipality.properties.get("county_code")},
        evidence=node.evidence,
        sources=node.sources,
    )
    unit.properties = {k: v for k, v in unit.properties.items() if v is not None}
    rewire(proposal, node_id, unit)
    if municipality.id not in proposal.nodes:
        proposal.nodes[municipality.id] = ProposedNode(
            id=municipality.id, label="Municipality", name=municipality.name, known=True
        )
    proposal.relate(
        ProposedRelationship(
            type="PART_OF",
            start=unit.id,
            end=municipality.id,
            sources=[curator_document(proposal)],
            evidence=node.evidence or node.name,
            confidence=1.0,
            decision="accepted",
            by_hand=True,
        )
    )
    return unit.id


def merge(proposal: Proposal, node_id: str, into: Node | str) -> None:
    """Let the graph's node ``into`` (or another actor the draft proposes, by id) stand for the proposed
    ``node_id`` in every relationship."""
    node = _node(proposal, node_id)
    target = _merge_target(proposal, node_id, into)
    if node.label == "Project" or target.label == "Project":
        raise InvalidRequest("projects are not merged; only actors are", code="merge_projects")
    if target.label in ("Document", "County", "Fund") and node.label != target.label:
        raise InvalidRequest(f"{target.name!r} is not an actor", code="merge_not_actor", params={"name": target.name})
    rewire(proposal, node_id, target.model_copy(update={"sources": sorted({*target.sources, *node.sources})}))


def _merge_target(proposal: Proposal, node_id: str, into: Node | str) -> ProposedNode:
    if isinstance(into, Node):
        return ProposedNode(id=into.id, label=into.label.value, name=into.name, known=True)
    if into == node_id:
        raise InvalidRequest("an actor is not merged into itself", code="merge_itself")
    return _node(proposal, into)


def rewire(proposal: Proposal, old: str, new: ProposedNode) -> None:
    """Let ``new`` stand for the proposed node ``old`` in every relationship (two that become one unite)."""
    touching = _touching(proposal, old)
    for rel in touching:
        del proposal.relationships[rel.key]
    del proposal.nodes[old]
    proposal.add_node(new)
    for rel in touching:
        moved = rel.model_copy(
            update={"start": new.id if rel.start == old else rel.start, "end": new.id if rel.end == old else rel.end}
        )
        if moved.start != moved.end:
            proposal.relate(moved)


def _touching(proposal: Proposal, node_id: str) -> list[ProposedRelationship]:
    return [r for r in proposal.relationships.values() if node_id in (r.start, r.end)]


def _relationship(proposal: Proposal, key: str) -> ProposedRelationship:
    rel = proposal.relationships.get(key)
    if rel is None:
        raise NotFound(f"the draft proposes no relationship {key!r}", code="not_in_draft")
    return rel


def _node(proposal: Proposal, node_id: str) -> ProposedNode:
    node = proposal.nodes.get(node_id)
    if node is None:
        raise NotFound(f"the draft proposes no node {node_id!r}", code="not_in_draft")
    return node
