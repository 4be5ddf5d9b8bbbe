"""What a page's labelled fields say: owner, fund and grant, co-funders, partners, municipalities,
period and budget (see :mod:`graphapp.extract.fields` for the layouts)."""

from __future__ import annotations

import re

from graphapp.extract.context import DocumentContext
from graphapp.extract.findings import Reading
from graphapp.extract.gazetteer import Mention
from graphapp.extract.resolver import entity_actor
from graphapp.model import RelType

__all__ = ["project_fields"]

_SPLIT = re.compile(r"\s*(?:,|;|\bsamt\b|\boch\b|\n)\s*")
_GENERIC_ESF = "fund:esf"
#: A leftover that can be a name: capitalised, and not a sentence's first words (``För mer information``).
_NAME_LIKE = re.compile(r"(?!(?:För|Om|Se|Läs|Mer|Vid|Med|Till|Från|Kontakta|Ring|Mejla)\b)[A-ZÅÄÖ0-9]")


def project_fields(ctx: DocumentContext) -> None:
    """The owner, fund, co-funders, partners and municipalities the fields name."""
    fields = ctx.fields
    props = ctx.draft.project.properties
    if fields.period:
        props.update(
            start=fields.period.start.isoformat() if fields.period.start else None,
            end=fields.period.end.isoformat() if fields.period.end else None,
        )
    for key, prop in (("phase", "phase"), ("programme_area", "programme_area"), ("region", "esf_region")):
        if fields.first(key):
            props[prop] = fields.first(key)
    for prop, value in (("grant_sek", fields.grant_sek), ("total_budget_sek", fields.total_budget_sek)):
        if value is not None:
            props[prop] = value
    for warning in fields.warnings:
        ctx.draft.warn(warning)
    _owner(ctx)
    _funds(ctx)
    co_funders = fields.items("co_funders")
    for co_funder, occurrence in zip(_items(co_funders), _occurrences(co_funders), strict=True):
        _actors(ctx, co_funder, "Medfinansiär", RelType.CO_FUNDS, None, occurrence)
    for partner in _items(fields.items("partners")):
        _actors(ctx, partner, "Projektpartner", RelType.PARTICIPATES_IN, "partner")
    for place in fields.items("municipalities"):
        _municipalities(ctx, place)


def _owner(ctx: DocumentContext) -> None:
    fields = ctx.fields
    value = fields.first("owner")
    if value is None:
        if "owner" in fields.values and fields.labelled:
            ctx.draft.warn("Projektägare: missing (saknas); no owner proposed")
        return
    parts = [p for p in (p.strip() for p in value.split(",")) if p]
    if len(parts) > 1 and parts[0].casefold() == parts[1].casefold():  # "Owner, Owner": name and unit repeated
        value = parts[0]
    evidence = f"Projektägare: {value}"
    mentions = ctx.gaz.find(value)
    host = mentions[-1] if mentions and mentions[-1].start > 0 and mentions[-1].end >= len(value) - 1 else None
    if host is not None and host.entity.kind == "agency" and not (mentions[0].start == 0 and mentions[0] is host):
        # "Malmö Institute … (MIM) Malmö högskola": an organisation of a university
        name = value[: host.start].strip(" ,")
        actor = ctx.resolver.actor(name, ctx.scope)
        ctx.add(entity_actor(host.entity).node)
        ctx.relate(RelType.PARTICIPATES_IN, host.entity.id, ctx.project_id, evidence, Reading.FIELD, role="host")
    else:
        actor = ctx.resolver.actor(value, ctx.scope, mentions)
    if actor is None:
        return
    owner = ctx.add_actor(actor, evidence)
    ctx.relate(RelType.OWNS, owner, ctx.project_id, evidence, Reading.FIELD)
    ctx.owner = owner


def _funds(ctx: DocumentContext) -> None:
    fields = ctx.fields
    named = [m for value in fields.items("fund") for m in ctx.gaz.find(value) if m.entity.kind == "fund"]
    for mention in named:
        fund = _GENERIC_ESF if mention.entity.id.startswith("fund:esf") else mention.entity.id
        ctx.relate(RelType.FUNDS, fund, ctx.project_id, f"Fond: {mention.entity.name}", Reading.FIELD)
    if "grant" in fields.values and not any(m.entity.id.startswith("fund:esf") for m in named):
        amount = f" {fields.first('grant')}" if fields.first("grant") else ""
        ctx.relate(
            RelType.FUNDS,
            _GENERIC_ESF,
            ctx.project_id,
            f"Beviljat ESF-stöd{amount}",
            Reading.FIELD,
            amount_sek=fields.grant_sek,
        )
    elif fields.grant_sek is not None:
        key = (_GENERIC_ESF, RelType.FUNDS, ctx.project_id)
        if key in ctx.draft.relationships:
            ctx.draft.relationships[key].properties.setdefault("amount_sek", fields.grant_sek)


def _occurrences(values: list[str]) -> list[int | None]:
    """For an item listed more than once, which time this is (1, 2 …); None for an item listed once."""
    seen: dict[str, int] = {}
    out: list[int | None] = []
    for value in values:
        if values.count(value) > 1:
            seen[value] = seen.get(value, 0) + 1
            out.append(seen[value])
        else:
            out.append(None)
    return out


def _items(values: list[str]) -> list[tuple[str, bool]]:
    """``(item, whole)``: a bullet item is one name (whole); a line of running words may hold several."""
    return [(value, len(values) > 1 or not _SPLIT.search(value)) for value in values]


def _actors(
    ctx: DocumentContext,
    item: tuple[str, bool],
    label: str,
    rel_type: RelType,
    role: str | None,
    occurrence: int | None = None,
) -> None:
    value, whole = item
    evidence = f"{label}: {value}"
    if whole:
        actor = ctx.resolver.actor(value, ctx.scope)
        if actor is not None and not actor.resolved and occurrence is not None:
            actor.node.id = f"{actor.node.id}-{occurrence}"  # a department listed twice is two departments
        if actor is not None and actor.node.kind != "county":
            _relate_actor(ctx, ctx.add_actor(actor, evidence), rel_type, evidence, Reading.FIELD, role)
        elif actor is None:
            for mention in ctx.gaz.find(value):
                if mention.entity.kind == "fund":
                    ctx.relate(RelType.FUNDS, _fund_id(mention), ctx.project_id, evidence, Reading.FIELD)
        return
    mentions = [m for m in ctx.gaz.find(value) if m.entity.kind != "county"]
    for mention in mentions:
        if mention.entity.kind == "fund":
            ctx.relate(RelType.FUNDS, _fund_id(mention), ctx.project_id, evidence, Reading.FIELD_LIST)
            continue
        if mention.entity.kind == "municipality" and mention.form != "official" and not _alone(value, mention):
            continue  # "Con Vision, Uppsala": a partner's town
        actor_id = ctx.add_actor(entity_actor(mention.entity), evidence)
        _relate_actor(ctx, actor_id, rel_type, evidence, Reading.FIELD_LIST, role)
    for rest in _rest(value, mentions):
        actor = ctx.resolver.actor(rest, ctx.scope)
        if actor is not None and len(rest.split()) <= 6:
            _relate_actor(ctx, ctx.add_actor(actor, evidence), rel_type, evidence, Reading.FIELD_LIST, role)


def _relate_actor(
    ctx: DocumentContext, actor_id: str, rel_type: RelType, evidence: str, reading: Reading, role: str | None
) -> None:
    if rel_type is RelType.PARTICIPATES_IN and actor_id.startswith("municipality:"):
        role = "municipality"
    ctx.relate(rel_type, actor_id, ctx.project_id, evidence, reading, role=role)


def _municipalities(ctx: DocumentContext, item: str) -> None:
    """``Kommun`` / ``Plats``: each municipality the item names takes part (bare names too)."""
    found = [m for m in ctx.gaz.find(item) if m.entity.kind == "municipality"]
    if not found:
        ctx.draft.warn(f"Kommun: {item!r} is not a known municipality; left out")
        return
    for mention in found:
        ctx.add(entity_actor(mention.entity).node)
        ctx.relate(
            RelType.PARTICIPATES_IN,
            mention.entity.id,
            ctx.project_id,
            f"Kommun: {item}",
            Reading.FIELD,
            role="municipality",
        )


def _fund_id(mention: Mention) -> str:
    return _GENERIC_ESF if mention.entity.id.startswith("fund:esf") else mention.entity.id


def _alone(value: str, mention: Mention) -> bool:
    """Whether the name stands alone between separators (``A, Sala och B``), not beside another word."""
    before = value[: mention.start].rstrip()
    after = value[mention.end :].lstrip()
    return (not before or before.endswith((",", "och", ";"))) and (
        not after or after.startswith((",", ";", "och ", "samt ", "kommun"))
    )


def _rest(value: str, mentions: list[Mention]) -> list[str]:
    """The parts of ``value`` outside the known names, split at commas and ``och``."""
    text = value
    for mention in sorted(mentions, key=lambda m: -m.start):
        text = text[: mention.start] + "," + text[mention.end :]
    parts = [part.strip(" .()") for part in _SPLIT.split(text)]
    return [part for part in parts if len(part) > 2 and _NAME_LIKE.match(part) and ":" not in part]
