"""Lists: the municipalities a cue introduces (``kommunerna A, B och C``, ``… av länets kommuner -
A, B, C och D``, ``A, B och Cs kommuner``, ``följande kommuner:`` with bullets), three or more known
names listed whatever the words before them (``… är Norrköping, Alingsås, Ljusdal och Borlänge``,
``Migrationsverket, Skatteverket och Arbetsförmedlingen kommer att finnas …``), and bullet items
such as ``• Insteget, Falu kommun, [namn]`` (an earlier project with its actors) or
``• Ludvika kommun, [namn], AME`` (an actor with its department)."""

from __future__ import annotations

import re

from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import DraftNode
from graphapp.extract.findings import Reading
from graphapp.extract.gazetteer import AMBIGUOUS_NAMES, UNIT_AGENCIES, Mention, unit_entity
from graphapp.extract.resolver import entity_actor
from graphapp.extract.roles import Role, list_role, roles_in
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["bullet_items", "listed_names", "municipality_lists"]

_SPLIT = re.compile(r",\s*|\s+och\s+|\s+samt\s+")
_FUNDED_BY = re.compile(r"(?:del)?finansierat? (?:av|med medel från)\s+(?P<fund>.+)", re.IGNORECASE)
#: A word that introduces municipalities: kommuner, kommunerna, medlemskommunerna … (lower-cased text).
_CUE_BEFORE = re.compile(r"kommuner(?:na)?\b(?P<filler>[^.!?\n()]{0,40}?)\s*(?:[:\u2013\u2014(-]\s*)?$")
_CUE_AFTER = re.compile(r"^s?\s+kommuner(?:na)?\b")
_SEPARATOR = re.compile(r"^(?:[\s,]|och/eller|och|samt|eller|&|[\u2022*\u00b7])+$", re.IGNORECASE)
_LIST_ROLE = {
    Role.CO_FUNDER: (RelType.CO_FUNDS, None),
    Role.OWNER: (RelType.PARTICIPATES_IN, "municipality"),
    Role.PARTNER: (RelType.PARTICIPATES_IN, "municipality"),
    Role.RECEIVER: (RelType.PARTICIPATES_IN, "municipality"),
}


def municipality_lists(ctx: DocumentContext) -> None:
    """Municipalities listed after (or before) a word that says they are municipalities, in a sentence
    that gives them a part; a list in a sentence without one (a study area, a flow of movers) gives nothing."""
    municipalities = [m for m in ctx.mentions if m.entity.kind == "municipality" and not ctx.in_bullet_item(m.start)]
    for run in _runs(ctx.text, municipalities):
        cue = _cue(ctx, run)
        if cue is None:
            continue
        sentence = ctx.sentence_of(cue)
        cue_mention = Mention(run[0].entity, "bare", cue, cue + 1)
        role = roles_in(sentence.text, sentence.start, [cue_mention, *run]).get(cue)
        role = role or roles_in(sentence.text, sentence.start, run).get(run[0].start)
        if role is None:
            continue
        rel_type, list_role = _LIST_ROLE[role]
        evidence = ctx.text[min(cue, run[0].start) : max(run[-1].end, cue) + 1]
        for mention in run:
            ctx.add(entity_actor(mention.entity).node)
            ctx.relate(rel_type, mention.entity.id, ctx.project_id, evidence, Reading.LIST_AFTER_CUE, role=list_role)


#: What a list of names is made of: municipalities, agencies and regions (a county is a place, not a party).
_LISTED_KINDS = frozenset({"municipality", "agency", "organization"})


def listed_names(ctx: DocumentContext) -> None:
    """Three or more known names listed (``A, B, C och D``): the list itself says they are parties,
    whatever words introduce it, unless the sentence denies it (see :func:`~graphapp.extract.roles.list_role`)."""
    names = [
        m
        for m in ctx.mentions
        if m.entity.kind in _LISTED_KINDS and not m.entity.id.startswith("agency:regeringskansliet")
    ]
    for run in _runs(ctx.text, names):
        if len({m.entity.id for m in run}) < 3 or "," not in ctx.text[run[0].end : run[-1].start]:
            continue
        sentence = ctx.sentence_of(run[0].start)
        if sentence.start in ctx.other_project_sentences or any(ctx.in_bullet_item(m.start) for m in run):
            continue
        places = [m for m in run if m.entity.kind == "municipality"]
        plain = sum(1 for m in places if not m.ambiguous)
        if any(not (plain >= 2 or _listed_place(ctx, m)) for m in places):
            continue  # Mark och Vara: ordinary words unless listed among plain place names
        role = list_role(sentence.text, sentence.start, run)
        if role is None:
            continue
        for mention in run:
            plural = ctx.text[mention.start : mention.end].lower().endswith("styrelserna")
            if ctx.related(mention.entity.id, end=ctx.project_id) or (plural and role is not Role.PARTNER):
                continue  # "länsstyrelserna delar ut …": all the boards, not one of the project's partners
            rel_type, list_part = _LIST_ROLE[role]
            if mention.entity.kind != "municipality":
                list_part = None if rel_type is RelType.CO_FUNDS else "partner"
            actor_id = ctx.add_actor(entity_actor(mention.entity), sentence.text)
            ctx.relate(rel_type, actor_id, ctx.project_id, sentence.text, Reading.LISTED_NAMES, role=list_part)


def _listed_place(ctx: DocumentContext, mention: Mention) -> bool:
    """A name in a list is a place unless it is also an ordinary word (``Mark``) the context does not make
    one: a name in capitals (a heading's ``ALINGSÅS, BORLÄNGE OCH LJUSDAL``) is one."""
    shouted = ctx.text[mention.start : mention.end].isupper() and mention.entity.name not in AMBIGUOUS_NAMES
    return shouted or ctx.is_place(mention)


def _runs(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions that follow each other with only commas, ``och`` or bullets between them."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs and _SEPARATOR.match(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _cue(ctx: DocumentContext, run: list[Mention]) -> int | None:
    """Where the word that introduces the list is (its start), or None."""
    lower = ctx.lower
    window_start = max(0, run[0].start - 90)
    before = _CUE_BEFORE.search(lower, window_start, run[0].start)
    if before is not None and (len(run) > 1 or run[0].form == "bare") and "." not in before.group("filler"):
        return before.start()
    after = _CUE_AFTER.match(lower[run[-1].end : run[-1].end + 20])
    if after is not None and len(run) > 1:
        return run[-1].end + after.start()
    return None


def bullet_items(ctx: DocumentContext) -> None:
    """Comma-separated bullet items of the body: projects with their actors, actors with their units."""
    for _start, _end, item in ctx.bullet_items:
        cleaned = re.sub(r"[()]", ",", re.sub(r"\[[^\]]*\]", ",", item))
        segments = [s.strip(" .") for s in _SPLIT.split(cleaned) if s.strip(" .")]
        if len(segments) < 2 and "," not in item:
            continue
        _bullet_item(ctx, segments, item)


def _bullet_item(ctx: DocumentContext, segments: list[str], item: str) -> None:
    if not segments:
        return
    head_mentions = ctx.gaz.find(segments[0])
    lead = head_mentions[0] if head_mentions and head_mentions[0].start == 0 else None
    if lead and lead.entity.kind in ("municipality", "agency", "organization") and lead.end >= len(segments[0]) - 1:
        _actor_item(ctx, segments, item, lead)
    elif segments[0][:1].isupper() and all(len(s.split()) <= 6 for s in segments):
        _project_item(ctx, segments, item)


def _actor_item(ctx: DocumentContext, segments: list[str], item: str, lead: Mention) -> None:
    head = segments[0]
    rest = [s for s in segments[1:] if s[:1].isupper() or s.isupper()]
    if lead.entity.id in UNIT_AGENCIES:
        places = [m for s in segments[1:] for m in ctx.gaz.find(s) if m.entity.kind == "municipality"]
        for place in places:
            unit_id = ctx.add_actor(entity_actor(unit_entity(lead.entity, place.entity)), item)
            ctx.relate(RelType.PARTICIPATES_IN, unit_id, ctx.project_id, item, Reading.BULLET_ACTOR, role="stakeholder")
        if places:
            return
    if lead.entity.kind == "municipality" and lead.form == "official" and rest:
        for unit in rest:
            actor = ctx.resolver.actor(f"{head} {unit}")
            if actor:
                ctx.relate(
                    RelType.PARTICIPATES_IN,
                    ctx.add_actor(actor, item),
                    ctx.project_id,
                    item,
                    Reading.BULLET_ACTOR,
                    role="stakeholder",
                )
        return
    actor_id = ctx.add_actor(entity_actor(lead.entity), item)
    ctx.relate(
        RelType.PARTICIPATES_IN,
        actor_id,
        ctx.project_id,
        item,
        Reading.BULLET_ACTOR_ALONE,
        role="stakeholder",
    )


def _project_item(ctx: DocumentContext, segments: list[str], item: str) -> None:
    name = segments[0]
    project = ctx.add(DraftNode(f"project:{slugify(name)}", "project", name, {}))
    ctx.relate(RelType.BUILDS_ON, ctx.project_id, project.id, item, Reading.PROJECT_LINK)
    for segment in segments[1:]:
        funded = _FUNDED_BY.match(segment)
        mentions = ctx.gaz.find(funded.group("fund") if funded else segment)
        if funded and mentions and mentions[0].entity.kind == "fund":
            ctx.relate(RelType.FUNDS, mentions[0].entity.id, project.id, item, Reading.LISTED_FUND)
            continue
        places = [m for m in mentions if m.entity.kind == "municipality"]
        if places and places[0].form == "bare" and not re.search(r"[A-ZÅÄÖ]", segment[: places[0].start]):
            for place in places:
                ctx.add(entity_actor(place.entity).node)
                ctx.relate(
                    RelType.PARTICIPATES_IN, place.entity.id, project.id, item, Reading.LISTED_PLACE, role="sub-project"
                )
            continue
        actor = ctx.resolver.actor(segment, slugify(name), mentions)
        if actor and actor.node.kind != "project":
            ctx.relate(
                RelType.PARTICIPATES_IN,
                ctx.add_actor(actor, item),
                project.id,
                item,
                Reading.LISTED_ACTOR,
                role="listed actor",
            )
