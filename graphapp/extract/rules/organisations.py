"""Organisations named only in running text, and the part each sentence gives them.

A name is recognised from its shape, not from a list:

* a run of capitalised words ending in an organisation word (``Fryksdalens sparbank``,
  ``Handikapprörelsens Idé- och KunskapsCentrum``, ``Mångkulturell Kunskap MK Ekonomisk
  förening``, ``Linnéuniversitetet``) or starting with one (``Regionförbundet södra Småland``,
  ``Studieförbundet Vuxenskolan Värmland``);
* a capitalised word directly before a county or municipality name, inside a sentence
  (``Validering Kronoberg``, ``Företagarna Värmland``);
* a few well-known names without such a word (``Röda Korset``, ``Rädda Barnen``).

An acronym in brackets after the name (``… KunskapsCentrum i Växjö (HIKC)``) is remembered,
and later mentions of it count as mentions of the full name.

Only a sentence that says the organisation takes part makes it a participant: role
``partner`` (samverkar, samarbetar, deltar, parter, medverkar, tillsammans med, i
samverkan med) or ``dialogue partner`` (i dialog med), the cue nearest before the name
deciding. An organisation merely mentioned is left to :mod:`graphapp.extract.rules.mentioned`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapp.extract.context import DocumentContext, Sentence
from graphapp.extract.findings import Reading
from graphapp.extract.gazetteer import Entity, Mention
from graphapp.extract.project_names import same_project
from graphapp.extract.roles import Role, roles_in
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["OrgMention", "find_organisations", "organisations"]

_L = "A-Za-zÀ-ÖØ-öø-ÿ0-9"
#: An organisation word ending a word (``…förening``, ``…centrum``), searched in the lower-cased text:
#: a case-sensitive alternation without a look-behind in front lets the regex engine skip ahead.
_ANCHOR = re.compile(
    r"(?:f(?:örening|örbund|öretagarna|örsamling)|bank|stiftelse|cent(?:rum|er|ret)|universitet|högskola|"
    r"bolag|akademi|institut|kooperativ|pastorat)(?:en|et|n|a)?(?![a-zà-ÿ0-9-])"
)
#: Names without such a word, searched in the text as written: a few well-known ones, and the marks of
#: a sports club (``Mora IK``, ``Färnäs SK``, ``IFK Mora``).
_FIXED = re.compile(
    r"(?:AB|Röda Korset|Rädda Barnen|Svenska kyrkan|Coompanion|IFK|AIK|IK|IF|SK|BK|FF|GIF|IBK|GoIF|BoIS)"
    r"(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])"
)
_WORD_START = re.compile(rf"[{_L}&-]*$")
_TOKEN = re.compile(rf"[{_L}&]+(?:[-'\u2019][{_L}]+)*-?")
_DIRECTION = frozenset(
    {
        "norra",
        "södra",
        "östra",
        "västra",
        "mellersta",
        "nordvästra",
        "nordöstra",
        "sydvästra",
        "sydöstra",
        "mellannorrland",
    }
)
_QUALIFIERS = frozenset({"ekonomisk", "ideell", "ideella", "ekonomiska"})
#: Capitalised words that do not start a name (sentence openers, pronouns, prepositions).
_OPENERS = frozenset(
    {
        "Alla",
        "Andra",
        "Av",
        "Både",
        "De",
        "Den",
        "Denna",
        "Dessa",
        "Dessutom",
        "Det",
        "Detta",
        "Där",
        "Efter",
        "En",
        "Enligt",
        "Ett",
        "Flera",
        "Fler",
        "Från",
        "För",
        "Genom",
        "Hela",
        "Här",
        "Hos",
        "I",
        "Inom",
        "Med",
        "Mellan",
        "Men",
        "Många",
        "När",
        "Nu",
        "Ny",
        "Nya",
        "Nytt",
        "Och",
        "Om",
        "På",
        "Projektet",
        "Projektets",
        "Samtidigt",
        "Som",
        "Tack",
        "Till",
        "Under",
        "Varje",
        "Vi",
        "Vid",
        "Vår",
        "Våra",
        "Vårt",
        "Även",
        "Övriga",
        "Kommun",
        "Kommunen",
        "Kommunerna",
        "Länets",
        "Regionens",
        "Stadens",
    }
)
#: A single capitalised word that names no one in particular.
_GENERIC = frozenset(
    {
        "banken",
        "sparbanken",
        "föreningen",
        "förbundet",
        "stiftelsen",
        "högskolan",
        "universitetet",
        "centrum",
        "centret",
        "center",
        "bolaget",
        "akademin",
        "institutet",
        "företagarna",
        "studieförbundet",
        "samordningsförbundet",
        "kommunalförbundet",
        "regionförbundet",
    }
)
_SINGLE_OK = (
    "förening",
    "föreningen",
    "förbundet",
    "universitetet",
    "universitet",
    "högskola",
    "högskolan",
    "bank",
    "banken",
    "företagarna",
    "kooperativ",
)
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9})\)")
_LOCATION = re.compile(r"\s+i\s+(?=[A-ZÅÄÖ])")
_PARTNER = re.compile(
    r"samverk|samarb|\bdeltar\b|\bdeltog\b|\bdelta\b|medverk|\bparter|partner|tillsammans med", re.IGNORECASE
)
_DIALOGUE = re.compile(r"\bdialog med\b", re.IGNORECASE)


@dataclass(slots=True)
class OrgMention:
    name: str
    start: int
    end: int  # end of the name (the location and acronym after it are not part of it)
    acronym: str | None = None
    county_code: str | None = None


def _gap_ok(gap: str) -> bool:
    return gap == " " or gap == "  "


def _sentence_start(ctx: DocumentContext, offset: int) -> int:
    return ctx.sentence_of(offset).start


def _backward(ctx: DocumentContext, word_start: int, anchor_lower: str) -> int:
    """Start of the name that ends with the anchor word at ``word_start``."""
    floor = max(_sentence_start(ctx, word_start), word_start - 160)
    tokens = list(_TOKEN.finditer(ctx.text, floor, word_start))
    start, after = word_start, anchor_lower
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        word = token.group()
        if not _gap_ok(ctx.text[token.end() : start]):
            break
        previous = tokens[index - 1].group() if index else ""
        conjunction = word in ("och", "&") and (previous.endswith("-") or word == "&") and previous[:1].isupper()
        qualifier = word.lower() in _QUALIFIERS and after.startswith("förening")
        if not (conjunction or qualifier or (word[:1].isupper() and word not in _OPENERS)):
            break
        start = token.start()
        after = word.lower()
    return start


def _forward(ctx: DocumentContext, end: int, official_starts: set[int]) -> int:
    """End of a name that starts with its organisation word (``Regionförbundet södra Småland``)."""
    for _ in range(4):
        token = _TOKEN.match(ctx.text, end + 1) if ctx.text[end : end + 1] == " " else None
        if token is None or token.start() in official_starts:
            break
        word = token.group()
        if word in _DIRECTION:
            following = _TOKEN.match(ctx.text, token.end() + 1)
            if following is None or not following.group()[:1].isupper():
                break
            end = following.end()
        elif word[:1].isupper() and word not in _OPENERS and not word.endswith("-"):
            end = token.end()
        else:
            break
    return end


def find_organisations(ctx: DocumentContext) -> list[OrgMention]:
    """Every organisation name the text spells out, in order (acronym mentions not included)."""
    text = ctx.text
    found: list[OrgMention] = []
    last_end = -1
    anchors = [m.span() for m in _ANCHOR.finditer(ctx.lower)]
    anchors += [m.span() for m in _FIXED.finditer(text) if not text[m.start() - 1 : m.start()].isalnum()]
    known: list[tuple[int, int]] = []
    official_starts: set[int] = set()
    if anchors:  # most documents have few or none: skip the scans of every mention otherwise
        known = [(m.start, m.end) for m in ctx.mentions if m.entity.kind in ("agency", "fund", "organization")]
        official_starts = {m.start for m in ctx.mentions if m.form == "official" or m.entity.kind == "agency"}
    for anchor_start, anchor_end in sorted(anchors):
        head = _WORD_START.search(text, max(0, anchor_start - 40), anchor_start)
        word_start = anchor_start - len(head.group() if head else "")
        if word_start < last_end or any(s <= word_start < e for s, e in known):
            continue
        word = text[word_start:anchor_end]
        start = _backward(ctx, word_start, word.lower())
        end = _forward(ctx, anchor_end, official_starts) if word[:1].isupper() else anchor_end
        name = text[start:end]
        if not _plausible(ctx, name, start, word) and not (name.lower() in _GENERIC and _LOCATION.match(text, end)):
            continue
        found.append(_complete(ctx, OrgMention(name, start, end)))
        last_end = end
    found += _before_places(ctx, [(m.start, m.end) for m in found])
    found.sort(key=lambda m: m.start)
    return [org for org in found if not _names_a_project(ctx, org)]


def _names_a_project(ctx: DocumentContext, org: OrgMention) -> bool:
    """``Språkbron Halland`` is the project itself; ``projektet Jobbsteget Halland`` another project."""
    return same_project(org.name, ctx.draft.project.name) or ctx.text[max(0, org.start - 10) : org.start].endswith(
        ("rojektet ", "rojekt ")
    )


def _plausible(ctx: DocumentContext, name: str, start: int, anchor: str) -> bool:
    words = name.split()
    if not any(w[:1].isupper() for w in words):
        return False
    if len(words) >= 2:
        return True
    at_sentence_start = (
        _sentence_start(ctx, start) == start or not ctx.text[max(0, start - 20) : start].rstrip(" ")[-1:].isalnum()
    )
    return (
        anchor[:1].isupper()
        and not at_sentence_start
        and anchor.lower() not in _GENERIC
        and anchor.lower().endswith(_SINGLE_OK)
        and len(anchor) >= 8
    )


def _complete(ctx: DocumentContext, org: OrgMention) -> OrgMention:
    """Read ``i <place>`` and ``(ACRONYM)`` after the name."""
    position = org.end
    located = _LOCATION.match(ctx.text, position)
    if located:
        place = next((m for m in ctx.mentions if m.start == located.end() and m.entity.kind == "municipality"), None)
        if place:
            org.county_code = place.entity.county_code
            position = place.end
            if org.name.lower() in _GENERIC:  # Högskolan i Halmstad: the place is part of the name
                org.name, org.end = ctx.text[org.start : place.end], place.end
    acronym = _ACRONYM.match(ctx.text, position)
    if acronym and acronym.group("acr") not in org.name.split():
        org.acronym = acronym.group("acr")
    return org


def _before_places(ctx: DocumentContext, taken: list[tuple[int, int]]) -> list[OrgMention]:
    """``Validering Kronoberg``: one capitalised word right before a bare place name, mid-sentence."""
    out = []
    ends = {m.end for m in ctx.mentions}
    for place in ctx.mentions:
        if place.entity.kind not in ("county", "municipality") or place.form != "bare" or place.ambiguous:
            continue
        head = re.search(rf"(?<![{_L}-])([A-ZÅÄÖ][a-zåäöéü]{{3,}}) $", ctx.text[max(0, place.start - 40) : place.start])
        if head is None:
            continue
        start = place.start - len(head.group())
        word = head.group(1)
        before = ctx.text[max(0, start - 3) : start]
        inside_other = any(s <= start < e for s, e in taken)
        if (
            word in _OPENERS
            or inside_other
            or start + len(word) in ends
            or _sentence_start(ctx, start) == start
            or not before.strip(" ")[-1:].isalnum()
            or ctx.text[place.end : place.end + 1].isalnum()
        ):
            continue
        out.append(
            _complete(
                ctx,
                OrgMention(f"{word} {place.surface(ctx.text)}", start, place.end, county_code=place.entity.county_code),
            )
        )
    return out


def _role(ctx: DocumentContext, sentence: Sentence, offset: int) -> str | None:
    before = ctx.text[sentence.start : offset]
    cues = [(m.end(), "partner") for m in _PARTNER.finditer(before)]
    cues += [(m.end(), "dialogue partner") for m in _DIALOGUE.finditer(before)]
    if cues:
        return max(cues)[1]
    if _PARTNER.search(sentence.text):
        return "partner"
    return "dialogue partner" if _DIALOGUE.search(sentence.text) else None


_RANK = {"owner": 4, "co-funder": 3, "partner": 2, "dialogue partner": 1}
_PARTS = {Role.OWNER: "owner", Role.CO_FUNDER: "co-funder", Role.PARTNER: "partner", Role.RECEIVER: "partner"}


def _part(ctx: DocumentContext, sentence: Sentence, mention: OrgMention) -> str | None:
    """The part the words around the name give it (owner, co-funder, partner), as for any other actor,
    else the partner or dialogue cue of the sentence."""
    end = mention.end
    located = _LOCATION.match(ctx.text, end)  # Svenska kyrkan i Mora startar …: the words after the place
    if located:
        end = next((m.end for m in ctx.mentions if m.start == located.end()), end)
    entity = Entity(f"org:{slugify(mention.name)}", "organization", mention.name)
    role = roles_in(sentence.text, sentence.start, [Mention(entity, "official", mention.start, end)]).get(mention.start)
    if role in (Role.OWNER, Role.CO_FUNDER):
        return _PARTS[role]
    return _role(ctx, sentence, mention.start)


def organisations(ctx: DocumentContext) -> None:
    """Add the organisations that take part (named in full or by their acronym); an organisation
    taking part in a sentence set inside another project takes part in that project."""
    inside = ctx.other_project_sentences
    orgs = find_organisations(ctx)
    by_acronym = {org.acronym: org for org in orgs if org.acronym}
    mentions = list(orgs)
    for acronym, org in by_acronym.items():
        for match in re.finditer(rf"(?<![{_L}(-]){re.escape(acronym)}(?![{_L})-])", ctx.text):
            mentions.append(OrgMention(org.name, match.start(), match.end(), acronym, org.county_code))
    full = {org.acronym: org for org in orgs if org.acronym}
    best: dict[tuple[str, str], tuple[int, str, str, OrgMention]] = {}
    for mention in mentions:
        sentence = ctx.sentence_of(mention.start)
        role = _part(ctx, sentence, mention)
        named = full.get(mention.acronym, mention) if mention.acronym and mention.name != mention.acronym else mention
        key = (slugify(named.name), inside.get(sentence.start, ctx.project_id))
        rank = _RANK.get(role or "", 0)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, role or "", sentence.text, named)
    for (_, project_id), (rank, role, evidence, org) in best.items():
        if rank:
            _participant(ctx, org, role, evidence, project_id)
        elif not _in_draft(ctx, org) and org.name not in ctx.unplaced:
            ctx.unplaced.append(org.name)


def _in_draft(ctx: DocumentContext, org: OrgMention) -> bool:
    """Whether another rule (a co-funder list, an amount) already gave the organisation a relationship."""
    actor = ctx.resolver.actor(org.name, "", [])
    return actor is None or any(actor.node.id in key for key in ctx.draft.relationships)


def _participant(ctx: DocumentContext, org: OrgMention, role: str, evidence: str, project_id: str) -> None:
    actor = ctx.resolver.actor(org.name, ctx.scope)
    if actor is None or not actor.resolved or actor.node.kind != "organization":
        return
    name = f"{org.name} ({org.acronym})" if org.acronym else org.name
    actor.node.name = name
    if org.county_code:
        actor.node.properties.setdefault("county_code", org.county_code)
    actor_id = ctx.add_actor(actor, evidence)
    node = ctx.draft.nodes[actor_id]
    if org.acronym and f"({org.acronym})" not in node.name:  # known from a list without its acronym
        node.name = name
    if ctx.draft.relationships.get((actor_id, RelType.OWNS, project_id)):
        return
    if role == "owner" and ctx.owner is None and project_id == ctx.project_id:
        ctx.relate(RelType.OWNS, actor_id, project_id, evidence, Reading.OWNER_IN_TEXT)
        ctx.owner = actor_id
        return
    if role == "co-funder":
        ctx.relate(RelType.CO_FUNDS, actor_id, project_id, evidence, Reading.CO_FUNDER_IN_TEXT)
        return
    reading = Reading.ORGANISATION_DIALOGUE if role == "dialogue partner" else Reading.ORGANISATION_PARTNER
    part = "dialogue partner" if role == "dialogue partner" else "partner"
    ctx.relate(RelType.PARTICIPATES_IN, actor_id, project_id, evidence, reading, role=part)
