"""Who a name stands for: a municipality, an agency or its local unit, a samordningsförbund, a
university, a municipal department, or another organisation, with the ``PART_OF`` link a unit needs.

:class:`Resolver` is the one resolver that extraction and spreadsheet import share: it maps a
name (a list item, a field value, a cell) to a node id, or says it cannot (``resolved`` false:
``Socialförvaltningen`` without its municipality is kept, never guessed).

>>> from graphapp.extract.gazetteer import load_gazetteer
>>> from graphapp.paths import default_data_dir
>>> resolver = Resolver(load_gazetteer(default_data_dir() / "reference"))
>>> [resolver.resolve(name).id for name in ("Arbetsförmedlingen i Malmö", "Tingsryds kommun", "Malmö högskola")]
['agency:arbetsformedlingen/malmo', 'municipality:0763', 'agency:malmo-universitet']
>>> resolver.resolve("Socialförvaltningen").resolved
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphapp.extract.draft import DraftNode
from graphapp.extract.gazetteer import PLAIN_BOARD, Entity, Gazetteer, Mention
from graphapp.textnorm import slugify

__all__ = ["MUNICIPAL_UNIT_WORDS", "Actor", "Resolution", "Resolver", "entity_actor", "org_kind"]

#: Words that make a name a municipal department, committee or unit.
MUNICIPAL_UNIT_WORDS = re.compile(
    r"(förvaltning|nämnd|kontor(?:et)?$|enhet(?:en)?$|kommunledning|\bame\b|arbetsmarknadsenhet|"
    r"vuxenutbildning|komvux|sfi\b|integrationsenhet|flyktingmottagning|jobbcent|socialtjänst)",
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


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name resolves to: ``id`` is None when it names nothing the resolver can place."""

    name: str
    id: str | None
    kind: str | None = None  # municipality | county | agency | organization | fund
    resolved: bool = False
    part_of: str | None = None


def org_kind(name: str) -> str:
    """The organisation kind a name suggests (``unknown`` when nothing does)."""
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return kind
    return "unknown"


def entity_actor(entity: Entity) -> Actor:
    """The draft node of a known entity (and its parent, for a local unit)."""
    props: dict[str, object] = {"county_code": entity.county_code} if entity.county_code else {}
    if entity.kind == "organization":
        municipal = (entity.parent or "").startswith("municipality:")
        props["org_kind"] = "municipal_unit" if municipal else org_kind(entity.name)
    if entity.kind == "agency":
        props["agency_kind"] = entity.agency_kind or "agency"
        if entity.id == PLAIN_BOARD:
            props["resolved"] = False
    return Actor(DraftNode(entity.id, entity.kind, entity.name, props), part_of=entity.parent)


class Resolver:
    """Names to actors and node ids, from a :class:`~graphapp.extract.gazetteer.Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, name: str) -> Resolution:
        """The node a name stands for, or an unresolved :class:`Resolution`."""
        actor = self.actor(name)
        if actor is None:
            return Resolution(name, None)
        resolved = actor.resolved and actor.node.properties.get("resolved") is not False
        return Resolution(actor.node.name, actor.node.id, actor.node.kind, resolved, actor.part_of)

    def actor(self, phrase: str, scope: str = "", mentions: list[Mention] | None = None) -> Actor | None:
        """The actor a short phrase names; ``scope`` (the project slug) names unresolved departments.

        ``mentions`` are the gazetteer's mentions in ``phrase`` when the caller has them.
        """
        phrase = phrase.strip(" .,;:")
        if not phrase or phrase.startswith("["):
            return None
        if mentions is None:
            mentions = self.gazetteer.find(phrase)
        lead = mentions[0] if mentions and mentions[0].start == 0 else None
        if lead and lead.end >= len(phrase) - 1:
            return entity_actor(lead.entity) if lead.entity.kind != "county" else None
        if lead and lead.entity.kind == "municipality" and lead.form == "official":
            return _municipal_unit(phrase[lead.end :], lead, phrase)
        if lead and lead.entity.kind == "agency" and phrase[lead.end : lead.end + 2].strip(" ,") == "":
            return entity_actor(lead.entity)  # "Länsstyrelsen i Västmanland, Länsstyrelsen i Västmanland"
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
        f"org:{scope}/{slugify(name)}" if scope else f"org:{slugify(name)}",
        "organization",
        name,
        {"org_kind": "municipal_unit", "resolved": False},
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
