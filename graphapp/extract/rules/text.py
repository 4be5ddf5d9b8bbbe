"""Relationships read from running text, one sentence at a time: the owner, the actors a sentence
gives a part (see :mod:`graphapp.extract.roles`), funds where money is spoken of, amounts with
their funder, and municipal departments.

A place merely mentioned (``i Växjö``, ``Från Bengtsfors till Borås``) gives nothing; a bare
municipality name takes part only as the subject of its own municipality (``I Mölndal kommer
kommunen …``) or by its project (``Marks projekt``); lists are read by
:mod:`graphapp.extract.rules.lists`.
"""

from __future__ import annotations

import re
from collections import Counter

from graphapp.extract.amounts import find_amounts
from graphapp.extract.context import DocumentContext, Sentence
from graphapp.extract.draft import DraftNode
from graphapp.extract.findings import Reading, owner_confidence
from graphapp.extract.gazetteer import Entity, Mention
from graphapp.extract.resolver import MUNICIPAL_UNIT_WORDS, Actor, entity_actor
from graphapp.extract.roles import Role, roles_in
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["amounts", "fund_mentions", "municipal_units", "participants", "text_owner"]

_KOMMUNEN = re.compile(r"\b(?:kommunen|kommunens|staden|stadens)\b(?!\s+[A-ZÅÄÖ])")
_OWN_PROJECT = re.compile(r"\s+(?:projekt|insats|satsning|verksamhet)\w*", re.IGNORECASE)
_THE_MUNICIPALITY = re.compile(r"(?<![\w-])[Kk]ommunen(?!\s+[A-ZÅÄÖ])(?![\wåäö])")
_FROM_ORG = re.compile(r"\bfrån\s+(?P<org>[A-ZÅÄÖ][\w-]+(?:\s+[\w-]+){0,4}?)\s*(?:[.;]|$)")
_UNIT_SUFFIX = re.compile(r"(?:enheten|förvaltningen|nämnden|kontoret|mottagningen|tjänsten|centret|center)(?![\wåäö])")
_WORD_HEAD = re.compile(r"[a-zåäö]+$")
_FUND_COMPOUND = re.compile(
    r"(?<![\w-])(?P<fund>ESF\+?|AMIF|ERUF|[Ss]ocialfonds)-?(?:projekt|medel|stöd|finansier|pengar|utlysning|program)"
)
_MONEY = re.compile(
    r"finansi|medel|stöd|bidrag|pengar|bevilja|satsar|projekt|utlysning|miljon|kronor|\bkr\b|fond", re.IGNORECASE
)
_ROLE_RELATIONSHIP = {
    Role.OWNER: RelType.PARTICIPATES_IN,
    Role.PARTNER: RelType.PARTICIPATES_IN,
    Role.RECEIVER: RelType.PARTICIPATES_IN,
    Role.CO_FUNDER: RelType.CO_FUNDS,
}


def _takes_part(ctx: DocumentContext, mention: Mention, sentence: Sentence) -> bool:
    """Whether a named actor can take part here: bare place names need their municipality as subject."""
    entity = mention.entity
    if ctx.in_bullet_item(mention.start) or sentence.start in ctx.other_project_sentences:
        return False
    if entity.kind == "agency":
        return not mention.ambiguous
    if entity.kind != "municipality" or mention.form == "official":
        return True
    if mention.ambiguous and not ctx.is_place(mention):
        return mention.form == "genitive" and _OWN_PROJECT.match(ctx.text, mention.end) is not None
    if mention.form == "genitive" and _OWN_PROJECT.match(ctx.text, mention.end):
        return True  # "Marks projekt"
    others = [m for m in ctx.mentions_in(sentence.start, sentence.end) if m.entity.kind == "municipality"]
    return len({m.entity.id for m in others}) == 1 and _KOMMUNEN.search(sentence.text) is not None


def _owner_candidate(ctx: DocumentContext, mention: Mention, sentence: Sentence) -> bool:
    """A bare name takes the owner's part from ``kommunen`` (``I Mölndal kommer kommunen stärka …``)."""
    return (
        mention.entity.kind == "municipality"
        and mention.form != "official"
        and (_KOMMUNEN.search(sentence.text) is not None or _OWN_PROJECT.match(ctx.text, mention.end) is not None)
    )


def text_owner(ctx: DocumentContext) -> None:
    """The owner named in running text when no field names one: the actor the most sentences make owner."""
    if ctx.owner is not None:
        return
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    for sentence, actors, roles in ctx.actor_sentences:
        for mention in actors:
            owns = roles.get(mention.start) is Role.OWNER or (
                _owner_candidate(ctx, mention, sentence) and _takes_part(ctx, mention, sentence)
            )
            if not owns or not _takes_part(ctx, mention, sentence) or _plural(ctx, mention):
                continue
            weight = 2 if mention.form == "official" or mention.entity.kind != "municipality" else 1
            votes[mention.entity.id] += weight
            evidence.setdefault(mention.entity.id, sentence.text)
            entities[mention.entity.id] = mention.entity
    if not votes:
        return
    owner, count = votes.most_common(1)[0]
    actor_id = ctx.add_actor(entity_actor(entities[owner]), evidence[owner])
    confidence = owner_confidence(count)
    ctx.relate(RelType.OWNS, actor_id, ctx.project_id, evidence[owner], Reading.OWNER_IN_TEXT, confidence=confidence)
    ctx.owner = actor_id


def participants(ctx: DocumentContext) -> None:
    """Municipalities, agencies and regions that a sentence gives a part: participant or co-funder."""
    for sentence, actors, roles in ctx.actor_sentences:
        for mention in actors:
            role = roles.get(mention.start)
            if role is None and _owner_candidate(ctx, mention, sentence):
                role = Role.PARTNER
            if role is None or mention.entity.id == ctx.owner or not _takes_part(ctx, mention, sentence):
                continue
            if _plural(ctx, mention) and role is not Role.PARTNER:
                continue  # "länsstyrelserna delar ut …": all the boards, not one of the project's partners
            actor_id = ctx.add_actor(entity_actor(mention.entity), sentence.text)
            kind = mention.entity.kind
            reading = Reading.UNIT_IN_ROLE if mention.form == "unit" else Reading.PARTICIPANT_IN_TEXT
            if role is Role.CO_FUNDER:
                if kind == "municipality" and mention.form != "official":
                    continue
                ctx.relate(RelType.CO_FUNDS, actor_id, ctx.project_id, sentence.text, Reading.CO_FUNDER_IN_TEXT)
                continue
            ctx.relate(
                _ROLE_RELATIONSHIP[role],
                actor_id,
                ctx.project_id,
                sentence.text,
                reading,
                role="municipality" if kind == "municipality" else "partner",
            )


def _plural(ctx: DocumentContext, mention: Mention) -> bool:
    return ctx.text[mention.start : mention.end].lower().endswith("styrelserna")


def fund_mentions(ctx: DocumentContext) -> None:
    """A fund named where the sentence speaks of money or projects (``ESF-projekt``, ``medel från AMIF``)."""
    for mention in ctx.mentions:
        if mention.entity.kind != "fund" or ctx.in_bullet_item(mention.start):
            continue
        sentence = ctx.sentence_of(mention.start)
        if _MONEY.search(sentence.text):
            fund = "fund:esf" if mention.entity.id == "fund:esf" else mention.entity.id
            ctx.relate(RelType.FUNDS, fund, ctx.project_id, sentence.text, Reading.FUND_IN_TEXT)
    for match in _FUND_COMPOUND.finditer(ctx.text):
        name = match.group("fund").lower()
        fund = {"esf+": "fund:esf-plus-2021-2027", "amif": "fund:amif", "eruf": "fund:eruf"}.get(name, "fund:esf")
        ctx.relate(RelType.FUNDS, fund, ctx.project_id, ctx.sentence_of(match.start()).text, Reading.FUND_IN_TEXT)


def amounts(ctx: DocumentContext) -> None:
    """An amount and one funder in one clause: the funder's grant or contribution."""
    done: set[int] = set()
    for found in find_amounts(ctx.text):
        sentence = ctx.sentence_of(found.start)
        if sentence.start in done or sentence.start in ctx.other_project_sentences:
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
        actor = ctx.resolver.actor(named.group("org"), ctx.scope, [])
        if actor and actor.resolved:
            actor_id = ctx.add_actor(actor, clause)
            ctx.relate(RelType.CO_FUNDS, actor_id, ctx.project_id, clause, Reading.CO_FUNDER_IN_TEXT)
            ctx.draft.relationships[(actor_id, RelType.CO_FUNDS, ctx.project_id)].properties.setdefault(
                "amount_sek", amounts[0].sek
            )
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
        fund = "fund:esf" if entity.id.startswith("fund:esf") and entity.id != "fund:esf-plus-2021-2027" else entity.id
        ctx.relate(RelType.FUNDS, fund, ctx.project_id, evidence, Reading.AMOUNT_FUND, amount_sek=amount)
        return
    if (entity.kind == "municipality" and funder.form != "official") or _plural(ctx, funder):
        return
    sentence = ctx.sentence_of(funder.start)
    role = next((roles.get(funder.start) for s, _, roles in ctx.actor_sentences if s.start == sentence.start), None)
    if role in (Role.OWNER, Role.RECEIVER):
        return  # "Ale kommun får det största bidraget på drygt 1 miljon": a grant to it, not from it
    actor_id = ctx.add_actor(entity_actor(entity), evidence)
    ctx.relate(RelType.CO_FUNDS, actor_id, ctx.project_id, evidence, Reading.AMOUNT_FUNDER, amount_sek=amount)


def municipal_units(ctx: DocumentContext) -> None:
    """Departments named in a sentence about the project (``näringslivsenheten``, ``flyktingmottagningen``):
    a unit of the document's one municipality, or kept unresolved when the document names several;
    and ``kommunen`` in a sentence that gives it a part, when the document names one municipality."""
    places = {
        m.entity.id
        for m in ctx.mentions
        if m.entity.kind == "municipality" and (m.form == "official" or (not m.ambiguous and m.form != "genitive"))
    }
    only = next(iter(places)) if len(places) == 1 else None
    if ctx.owner and ctx.owner.startswith("municipality:") and places <= {ctx.owner}:
        only = ctx.owner
    if only is not None:
        _the_municipality(ctx, only)
    for match in _UNIT_SUFFIX.finditer(ctx.text):
        head = _WORD_HEAD.search(ctx.text, max(0, match.start() - 30), match.start())
        if head is None or ctx.text[head.start() - 1 : head.start()].isalpha():
            continue
        sentence = ctx.sentence_of(match.start())
        word = head.group() + match.group()
        if not MUNICIPAL_UNIT_WORDS.search(word) or not _about_the_project(sentence.text):
            continue
        name = word[:1].upper() + word[1:]
        unit = _owned_unit(ctx, name, only) if only else _unresolved(ctx, name)
        unit_id = ctx.add_actor(unit, sentence.text)
        ctx.relate(RelType.PARTICIPATES_IN, unit_id, ctx.project_id, sentence.text, Reading.HOST_UNIT, role="host unit")


def _the_municipality(ctx: DocumentContext, municipality: str) -> None:
    """``… och resten står kommunen själva för``: the document's one municipality, by reference."""
    entity = ctx.gaz.entities[municipality]
    for match in _THE_MUNICIPALITY.finditer(ctx.text):
        sentence = ctx.sentence_of(match.start())
        if sentence.start in ctx.other_project_sentences:
            continue
        role = roles_in(sentence.text, sentence.start, [Mention(entity, "alias", match.start(), match.end())]).get(
            match.start()
        )
        if role is None or ctx.owner == municipality:
            continue
        ctx.add(entity_actor(entity).node)
        rel_type = RelType.CO_FUNDS if role is Role.CO_FUNDER else RelType.PARTICIPATES_IN
        ctx.relate(
            rel_type,
            municipality,
            ctx.project_id,
            sentence.text,
            Reading.PARTICIPANT_IN_TEXT,
            role=None if rel_type is RelType.CO_FUNDS else "municipality",
        )


def _about_the_project(sentence: str) -> bool:
    return "projekt" in sentence.lower()


def _unresolved(ctx: DocumentContext, name: str) -> Actor:
    node = DraftNode(
        f"org:{ctx.scope}/{slugify(name)}", "organization", name, {"org_kind": "municipal_unit", "resolved": False}
    )
    return Actor(node, resolved=False)


def _owned_unit(ctx: DocumentContext, name: str, municipality: str) -> Actor:
    """A department of the document's only municipality (``näringslivsenheten`` in Sunne's own text)."""
    parent = ctx.gaz.entities[municipality]
    official = parent.official_name or f"{parent.name} kommun"
    node = DraftNode(
        f"org:{slugify(official)}/{slugify(name)}",
        "organization",
        f"{name}, {official}",
        {"org_kind": "municipal_unit", "county_code": parent.county_code},
    )
    return Actor(node, part_of=municipality)
