"""Relationships read from running text: owner, participants, agency units, amounts, funds.

Each rule looks at one sentence at a time; a place merely mentioned (``i Växjö``)
gives no relationship, an actor doing something (``Svedala kommun har valt att
samarbeta med Trelleborg``) does.
"""

from __future__ import annotations

import re
from collections import Counter

from graphapp.extract.actors import MUNICIPAL_UNIT_WORDS, UNIT_AGENCIES, Actor, classify_phrase, entity_actor, unit_of
from graphapp.extract.amounts import find_amounts
from graphapp.extract.context import FUNDING_CUES, OWNER_CUES, DocumentContext
from graphapp.extract.draft import DraftNode
from graphapp.extract.gazetteer import Mention
from graphapp.textnorm import slugify

__all__ = ["add_actor", "read_free_text"]

_UNIT_NOUNS = frozenset(
    {
        "arbetsmarknadsområde",
        "arbetsmarknadsområdet",
        "mottagningsenhet",
        "mottagningsenheten",
        "enhet",
        "enheten",
        "kontor",
        "kontoret",
        "lokalkontor",
        "i",
        "på",
        "AMO",
        "s",
    }
)
_LIST_HEAD = re.compile(r"kommuner(?:na)?\b[^.()\n]{0,60}?(?:\(|:)")  # on the lower-cased text
_FROM_ORG = re.compile(r"\bfrån\s+(?P<org>[A-ZÅÄÖ][\w-]+(?:\s+[\w-]+){0,4}?)\s*(?:[.;]|$)")
_KOMMUNEN_OWNER = re.compile(r"\bkommunen\b", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"(?:enheten|förvaltningen|nämnden|kontoret)(?![\wåäö])")
_WORD_HEAD = re.compile(r"[a-zåäö]+$")


def add_actor(ctx: DocumentContext, actor: Actor, evidence: str) -> str:
    """Put ``actor`` (and its parent link) into the draft; its id."""
    node = ctx.add(actor.node)
    if actor.part_of:
        ctx.relate("PART_OF", node.id, actor.part_of, evidence, 0.9)
    if not actor.resolved:
        ctx.draft.warn(
            f"unresolved: {node.name!r} does not say which municipality it belongs to; kept as "
            f"{node.id} with resolved: false"
        )
    return node.id


def read_free_text(ctx: DocumentContext, owner_known: bool = False) -> None:
    _agency_units(ctx)
    _municipality_lists(ctx)
    if not owner_known:
        _owner(ctx)
    _participants(ctx)
    _amounts(ctx)
    _municipal_units(ctx)


def _agency_units(ctx: DocumentContext) -> None:
    for index, mention in enumerate(ctx.mentions):
        agency = mention.entity
        if agency.kind == "municipality" and ctx.text[max(0, mention.start - 4) : mention.start] == "AMO ":
            _amo_unit(ctx, mention)
        if agency.id not in UNIT_AGENCIES:
            continue
        for place in _unit_places(ctx, index):
            ctx.consumed.add(place.start)
            sentence = ctx.sentence_of(mention.start)
            unit_id = add_actor(ctx, unit_of(agency, place.entity, ctx.gaz), sentence.text)
            if ctx.has_cue(sentence):
                ctx.relate("PARTICIPATES_IN", unit_id, ctx.project_id, sentence.text, 0.7, role="partner")
        ctx.consumed.add(mention.start)


def _amo_unit(ctx: DocumentContext, place: Mention) -> None:
    """``AMO Växjö``: the employment service's labour-market area, named by its town."""
    ctx.consumed.add(place.start)
    sentence = ctx.sentence_of(place.start)
    unit_id = add_actor(
        ctx, unit_of(ctx.gaz.entities["agency:arbetsformedlingen"], place.entity, ctx.gaz), sentence.text
    )
    if ctx.has_cue(sentence):
        ctx.relate("PARTICIPATES_IN", unit_id, ctx.project_id, sentence.text, 0.7, role="partner")


def _unit_places(ctx: DocumentContext, index: int) -> list[Mention]:
    mention = ctx.mentions[index]
    following = ctx.mentions[index + 1 : index + 12]
    near = [
        m
        for m in following[:1]
        if m.entity.kind == "municipality"
        and m.start - mention.end < 60
        and all(w in _UNIT_NOUNS for w in ctx.text[mention.end : m.start].split())
    ]
    if near:
        return near
    window = ctx.text[mention.end : mention.end + 90]
    opening, closing = window.find("("), window.find(")")
    if 0 <= opening < 40 and closing > opening and "." not in window[:opening]:
        end = mention.end + closing
        return [m for m in following if m.end <= end and m.entity.kind == "municipality"]
    return []


def _municipality_lists(ctx: DocumentContext) -> None:
    for match in _LIST_HEAD.finditer(ctx.lower):
        if ctx.lower[match.start() - 1 : match.start()].isalnum():
            continue
        closing = ")" if match.group().endswith("(") else "\n"
        end = ctx.text.find(closing, match.end())
        end = end if end > 0 else len(ctx.text)
        for mention in ctx.mentions_in(match.end(), end):
            if mention.entity.kind == "municipality":
                ctx.consumed.add(mention.start)
                ctx.relate(
                    "PARTICIPATES_IN",
                    mention.entity.id,
                    ctx.project_id,
                    ctx.text[match.start() : end + 1],
                    0.85,
                    role="municipality",
                )
                ctx.add(entity_actor(mention.entity).node)


def _owner(ctx: DocumentContext) -> None:
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    seen: set[int] = set()
    for actor in ctx.mentions:
        sentence = ctx.sentence_of(actor.start)
        if actor.entity.kind != "municipality" or sentence.start in seen:
            continue
        seen.add(sentence.start)
        if not OWNER_CUES.search(sentence.text):
            continue
        found = [m for m in ctx.mentions_in(sentence.start, sentence.end) if m.entity.kind == "municipality"]
        official = [m for m in found if m.form == "official"]
        pick = official[:1] or (found[:1] if _KOMMUNEN_OWNER.search(sentence.text) else [])
        for mention in pick:
            votes[mention.entity.id] += 1
            evidence.setdefault(mention.entity.id, sentence.text)
    if votes:
        owner, count = votes.most_common(1)[0]
        ctx.add(entity_actor(ctx.gaz.entities[owner]).node)
        ctx.relate("OWNS", owner, ctx.project_id, evidence[owner], min(0.95, 0.6 + 0.15 * count))
        ctx.draft.project.properties.setdefault("_owner", owner)


def _participants(ctx: DocumentContext) -> None:
    owner = ctx.draft.project.properties.get("_owner")
    for mention in ctx.mentions:
        if mention.start in ctx.consumed or mention.entity.kind in ("county", "fund"):
            continue
        if mention.entity.kind == "municipality" and (mention.form != "official" or mention.entity.id == owner):
            continue
        sentence = ctx.sentence_of(mention.start)
        if not ctx.has_cue(sentence):
            continue
        ctx.add(entity_actor(mention.entity).node)
        ctx.relate(
            "PARTICIPATES_IN",
            mention.entity.id,
            ctx.project_id,
            sentence.text,
            0.6,
            role="municipality" if mention.entity.kind == "municipality" else "partner",
        )
        before = ctx.text[sentence.start : mention.start]
        if FUNDING_CUES.search(before[-40:]) and mention.entity.kind != "municipality":
            ctx.relate("CO_FUNDS", mention.entity.id, ctx.project_id, sentence.text, 0.7)


def _amounts(ctx: DocumentContext) -> None:
    done: set[int] = set()
    for found in find_amounts(ctx.text):
        sentence = ctx.sentence_of(found.start)
        if sentence.start in done:
            continue
        done.add(sentence.start)
        for clause_start, clause in _clauses(sentence.text, sentence.start):
            _clause_amounts(ctx, clause_start, clause)


def _clause_amounts(ctx: DocumentContext, clause_start: int, clause: str) -> None:
    amounts = list(find_amounts(clause))
    if not amounts:
        return
    funders = [
        m
        for m in ctx.mentions_in(clause_start, clause_start + len(clause))
        if m.entity.kind in ("fund", "municipality", "agency", "organization")
    ]
    if len(amounts) == 1 and len(funders) == 1:
        _funding(ctx, funders[0], amounts[0].sek, clause)
    elif len(amounts) == 1 and not funders and (named := _FROM_ORG.search(clause)):
        actor = classify_phrase(named.group("org"), [], ctx.gaz, slugify(ctx.draft.project.name))
        if actor and actor.resolved:
            actor_id = add_actor(ctx, actor, clause)
            ctx.relate("CO_FUNDS", actor_id, ctx.project_id, clause, 0.7, amount_sek=amounts[0].sek)
    elif funders and len(amounts) > 1:
        ctx.draft.warn(f"several amounts in one clause, not attached: {clause.strip()[:80]!r}")


def _clauses(text: str, offset: int) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in re.finditer(r",\s+|;\s+|\s+och\s+(?=\d)", text):
        out.append((offset + start, text[start : match.start()]))
        start = match.end()
    out.append((offset + start, text[start:]))
    return out


def _funding(ctx: DocumentContext, funder: Mention, amount: int, evidence: str) -> None:
    entity = funder.entity
    if entity.kind == "fund":
        ctx.relate("FUNDS", entity.id, ctx.project_id, evidence, 0.85, amount_sek=amount)
        return
    ctx.add(entity_actor(entity).node)
    ctx.relate("CO_FUNDS", entity.id, ctx.project_id, evidence, 0.8, amount_sek=amount)


def _municipal_units(ctx: DocumentContext) -> None:
    owner = ctx.draft.project.properties.get("_owner")
    actors = {m.entity.id for m in ctx.mentions if m.entity.kind == "municipality" and m.form == "official"}
    for match in _UNIT_SUFFIX.finditer(ctx.text):
        head = _WORD_HEAD.search(ctx.text, max(0, match.start() - 30), match.start())
        if head is None:
            continue
        sentence = ctx.sentence_of(match.start())
        word = head.group() + match.group()
        if "projekt" in sentence.text.lower() and MUNICIPAL_UNIT_WORDS.search(word):
            name = word[:1].upper() + word[1:]
            unit = (
                _owned_unit(ctx, name, owner)
                if owner and actors <= {owner}
                else Actor(
                    DraftNode(
                        f"org:{slugify(ctx.draft.project.name)}/{slugify(name)}",
                        "organization",
                        name,
                        {"org_kind": "municipal_unit", "resolved": False},
                    ),
                    resolved=False,
                )
            )
            unit_id = add_actor(ctx, unit, sentence.text)
            ctx.relate("PARTICIPATES_IN", unit_id, ctx.project_id, sentence.text, 0.6, role="host unit")


def _owned_unit(ctx: DocumentContext, name: str, owner: str) -> Actor:
    """A department of the document's only municipality (``näringslivsenheten`` in Sunne's own text)."""
    parent = ctx.gaz.entities[owner]
    official = parent.official_name or f"{parent.name} kommun"
    node = DraftNode(
        f"org:{slugify(official)}/{slugify(name)}",
        "organization",
        f"{name}, {official}",
        {"org_kind": "municipal_unit", "county_code": parent.county_code},
    )
    return Actor(node, part_of=owner)
