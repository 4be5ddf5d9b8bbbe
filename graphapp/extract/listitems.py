"""Bullet lists: co-funders, participating municipalities, and items such as
``• Insteget, Falu kommun, [namn]`` (an earlier project with its actors) or
``• Ludvika kommun, [namn], AME`` (an actor with its department)."""

from __future__ import annotations

import re

from graphapp.extract.actors import UNIT_AGENCIES, classify_phrase, entity_actor, unit_of
from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import DraftNode
from graphapp.extract.freetext import add_actor
from graphapp.textnorm import slugify

__all__ = ["read_bullets", "read_co_funders", "read_municipality_list"]

_BULLET = re.compile(r"^[ \t]*[•*·][ \t]*(?P<item>\S.*)$", re.MULTILINE)
_SPLIT = re.compile(r",\s*|\s+och\s+|\s+samt\s+")
_FUNDED_BY = re.compile(r"(?:del)?finansierat? (?:av|med medel från)\s+(?P<fund>.+)", re.IGNORECASE)


def read_co_funders(ctx: DocumentContext, items: list[str]) -> None:
    seen: dict[str, int] = {}
    for item in items:
        actor = classify_phrase(item, ctx.gaz.find(item), ctx.gaz, slugify(ctx.draft.project.name))
        if actor is None:
            continue
        if not actor.resolved:  # a department listed twice is two departments, not one
            seen[actor.node.id] = seen.get(actor.node.id, 0) + 1
            if items.count(item) > 1:
                actor.node.id = f"{actor.node.id}-{seen[actor.node.id]}"
        actor_id = add_actor(ctx, actor, f"Medfinansiärer: {item}")
        ctx.relate("CO_FUNDS", actor_id, ctx.project_id, f"Medfinansiärer: {item}", 0.95)


def read_municipality_list(ctx: DocumentContext, items: list[str]) -> None:
    for item in items:
        mentions = [m for m in ctx.gaz.find(item) if m.entity.kind == "municipality"]
        if not mentions:
            ctx.draft.warn(f"Kommun: {item!r} is not a known municipality; left out")
            continue
        ctx.add(entity_actor(mentions[0].entity).node)
        ctx.relate(
            "PARTICIPATES_IN", mentions[0].entity.id, ctx.project_id, f"Kommun: {item}", 0.95, role="municipality"
        )


def read_bullets(ctx: DocumentContext, text: str) -> None:
    """Comma-separated bullet items of the body: projects with their actors, actors with their units."""
    for match in _BULLET.finditer(text):
        cleaned = re.sub(r"[()]", ",", re.sub(r"\[[^\]]*\]", ",", match.group("item")))
        segments = [s.strip(" .") for s in _SPLIT.split(cleaned) if s.strip(" .")]
        if len(segments) < 2 and "," not in match.group("item"):
            continue
        ctx.consumed.update(m.start for m in ctx.mentions_in(match.start(), match.end()))
        _bullet_item(ctx, segments, match.group("item"))


def _bullet_item(ctx: DocumentContext, segments: list[str], item: str) -> None:
    if not segments:
        return
    head_mentions = ctx.gaz.find(segments[0])
    lead = head_mentions[0] if head_mentions and head_mentions[0].start == 0 else None
    if lead and lead.entity.kind in ("municipality", "agency", "organization") and lead.end >= len(segments[0]) - 1:
        _actor_item(ctx, segments, item)
    elif segments[0][:1].isupper() and all(len(s.split()) <= 6 for s in segments):
        _project_item(ctx, segments, item)


def _actor_item(ctx: DocumentContext, segments: list[str], item: str) -> None:
    head = segments[0]
    mentions = ctx.gaz.find(head)
    lead = mentions[0]
    rest = [s for s in segments[1:] if s[:1].isupper() or s.isupper()]
    if lead.entity.id in UNIT_AGENCIES:
        places = [m for s in segments[1:] for m in ctx.gaz.find(s) if m.entity.kind == "municipality"]
        for place in places:
            unit_id = add_actor(ctx, unit_of(lead.entity, place.entity, ctx.gaz), item)
            ctx.relate("PARTICIPATES_IN", unit_id, ctx.project_id, item, 0.75, role="stakeholder")
        if places:
            return
    if lead.entity.kind == "municipality" and lead.form == "official" and rest:
        for unit in rest:
            actor = classify_phrase(f"{head} {unit}", ctx.gaz.find(f"{head} {unit}"), ctx.gaz, "")
            if actor:
                ctx.relate(
                    "PARTICIPATES_IN", add_actor(ctx, actor, item), ctx.project_id, item, 0.75, role="stakeholder"
                )
        return
    ctx.add(entity_actor(lead.entity).node)
    ctx.relate("PARTICIPATES_IN", lead.entity.id, ctx.project_id, item, 0.7, role="stakeholder")


def _project_item(ctx: DocumentContext, segments: list[str], item: str) -> None:
    name = segments[0]
    project = ctx.add(DraftNode(f"project:{slugify(name)}", "project", name, {}))
    ctx.relate("BUILDS_ON", ctx.project_id, project.id, item, 0.6)
    for segment in segments[1:]:
        funded = _FUNDED_BY.match(segment)
        mentions = ctx.gaz.find(funded.group("fund") if funded else segment)
        if funded and mentions and mentions[0].entity.kind == "fund":
            ctx.relate("FUNDS", mentions[0].entity.id, project.id, item, 0.8)
            continue
        places = [m for m in mentions if m.entity.kind == "municipality"]
        if places and places[0].form == "bare" and not re.search(r"[A-ZÅÄÖ]", segment[: places[0].start]):
            for place in places:
                ctx.add(entity_actor(place.entity).node)
                ctx.relate("PARTICIPATES_IN", place.entity.id, project.id, item, 0.6, role="sub-project")
            continue
        actor = classify_phrase(segment, mentions, ctx.gaz, slugify(name))
        if actor and actor.node.kind != "project":
            ctx.relate("PARTICIPATES_IN", add_actor(ctx, actor, item), project.id, item, 0.65, role="listed actor")
