"""Who a name stands for: a municipality, an agency or its local unit, a municipal
department, or another organisation, with the ``PART_OF`` link a unit needs.

Used on short phrases: a list item (``Asylmottagningen i Alvesta``), the project
owner field, a capitalised run of words in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapp.extract.draft import DraftNode
from graphapp.extract.gazetteer import Entity, Gazetteer, Mention
from graphapp.textnorm import fold, slugify

__all__ = ["MUNICIPAL_UNIT_WORDS", "UNIT_AGENCIES", "Actor", "classify_phrase", "org_kind", "unit_of"]

#: Agencies whose local offices appear as ``<agency> <place>``.
UNIT_AGENCIES = frozenset({"agency:arbetsformedlingen", "agency:migrationsverket", "agency:forsakringskassan"})
_AGENCY_KIND = {
    "agency:arbetsformedlingen": "employment",
    "agency:migrationsverket": "migration",
    "agency:forsakringskassan": "social_insurance",
}
#: Words that make a name a municipal department, committee or unit.
MUNICIPAL_UNIT_WORDS = re.compile(
    r"(förvaltning|nämnd|kontor(?:et)?$|enhet(?:en)?$|kommunledning|\bame\b|arbetsmarknadsenhet|"
    r"vuxenutbildning|komvux|sfi\b|integrationsenhet|flyktingmottagning)",
    re.IGNORECASE,
)
_LEGAL_FORMS = re.compile(r"\s+(ekonomisk förening|ideell förening|ek\.? ?för\.?|AB|HB|KB|i Sverige)$", re.IGNORECASE)
_KINDS = (
    (re.compile(r"^region\b|regionförbund|kommunalförbund|samordningsförbund", re.I), "regional_body"),
    (re.compile(r"sparbank|\bbank", re.I), "bank"),
    (re.compile(r"\bAB\b|aktiebolag|ekonomisk förening|consult|konsult", re.I), "company"),
    (
        re.compile(r"skola\b|skolan\b|universitet|högskola|folkhögskola|utbildning|studieförbund|akademi", re.I),
        "education",
    ),
    (
        re.compile(
            r"förening|förbund|rörelse|kyrka|röda korset|stiftelse|idé- och|kunskapscentrum|centrum|coompanion|"
            r"företagarna|rädda barnen",
            re.I,
        ),
        "ngo",
    ),
)


@dataclass(frozen=True, slots=True)
class Actor:
    node: DraftNode
    part_of: str | None = None  # the parent's id, for a unit
    resolved: bool = True


def org_kind(name: str) -> str:
    """The organisation kind a name suggests (``unknown`` when nothing does)."""
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return kind
    return "unknown"


def unit_of(agency: Entity, place: Entity, gaz: Gazetteer) -> Actor:
    """The local unit of ``agency`` in the municipality ``place`` (``agency:arbetsformedlingen/ljungby``)."""
    parent = gaz.entities.get(agency.id, agency)
    node = DraftNode(
        f"{agency.id}/{slugify(place.name)}",
        "agency",
        f"{parent.name.split(' (')[0]} {place.name}",
        {"agency_kind": _AGENCY_KIND.get(agency.id, "agency"), "county_code": place.county_code},
    )
    return Actor(node, part_of=agency.id)


def entity_actor(entity: Entity) -> Actor:
    props = {"county_code": entity.county_code} if entity.county_code else {}
    if entity.kind == "organization":
        props["org_kind"] = org_kind(entity.name)
    return Actor(DraftNode(entity.id, entity.kind, entity.name, props))


def classify_phrase(phrase: str, mentions: list[Mention], gaz: Gazetteer, scope: str) -> Actor | None:
    """The actor a short phrase names; ``scope`` (the project slug) names unresolved departments."""
    phrase = phrase.strip(" .,;:")
    if not phrase or phrase.startswith("["):
        return None
    lead = mentions[0] if mentions and mentions[0].start == 0 else None
    places = [m for m in mentions if m.entity.kind == "municipality"]
    if lead and lead.entity.id in UNIT_AGENCIES and places:
        return unit_of(lead.entity, places[0].entity, gaz)
    if phrase.upper().startswith("AMO ") and places:
        return unit_of(gaz.entities["agency:arbetsformedlingen"], places[0].entity, gaz)
    if lead and lead.end >= len(phrase) - 1:
        return entity_actor(lead.entity) if lead.entity.kind != "county" else None
    if lead and lead.entity.kind == "municipality" and lead.form == "official":
        return _municipal_unit(phrase[lead.end :], lead, phrase)
    if MUNICIPAL_UNIT_WORDS.search(phrase):
        return _unresolved_unit(phrase, scope)
    return _organization(phrase, mentions)


def _municipal_unit(rest: str, lead: Mention, phrase: str) -> Actor:
    rest = rest.strip(" ,-\u2013()")
    owner = phrase[: lead.end]
    node = DraftNode(
        f"org:{slugify(owner)}/{slugify(rest)}",
        "organization",
        f"{owner} {rest}",
        {"org_kind": "municipal_unit", "county_code": lead.entity.county_code},
    )
    return Actor(node, part_of=lead.entity.id)


def _unresolved_unit(phrase: str, scope: str) -> Actor:
    name = phrase[:1].upper() + phrase[1:]
    node = DraftNode(
        f"org:{scope}/{slugify(name)}", "organization", name, {"org_kind": "municipal_unit", "resolved": False}
    )
    return Actor(node, resolved=False)


def _organization(phrase: str, mentions: list[Mention]) -> Actor | None:
    if not re.search(r"[A-ZÅÄÖ]", phrase) or len(phrase) < 3:
        return None
    counties = [m.entity.county_code for m in mentions if m.entity.county_code]
    props: dict[str, object] = {"org_kind": org_kind(phrase)}
    if counties:
        props["county_code"] = counties[-1]
    slug = slugify(_LEGAL_FORMS.sub("", phrase))
    return Actor(DraftNode(f"org:{slug}", "organization", phrase, props)) if slug else None


def same_words(a: str, b: str) -> bool:
    return fold(a).split() == fold(b).split()
