"""Every name of every place, agency and fund the reference tables know, and where a text uses them.

Built from ``data/reference/``: all municipalities with their bare, genitive and
official forms (``Sunne``, ``Sunnes``, ``Falu kommun``, ``Göteborgs stad``), all
counties (``Kronobergs län``) and their boards (``Länsstyrelsen i Kronobergs län``),
the regions (``Region Dalarna``), the Swedish state agencies of ``state_agencies.csv``
(names, former names, short forms such as ``SLU``; universities among them), the
agencies of ``agencies.csv`` and the funds with their usual Swedish names.

Names the tables cannot list are read from their shape after the words are matched:
an agency's local unit (``Arbetsförmedlingen i Malmö``, ``AMO Ljungby``,
``Migrationsverkets mottagningsenhet i Alvesta``), a ministry of the Government Offices
(``Regeringskansliet, Arbetsmarknadsdepartementet``) and a samordningsförbund
(``Samordningsförbundet Värend``, ``Sunnerbo samordningsförbund``).

A title of office stands for its agency: ``landshövdingen`` for the county board (``landshövdingen
i Värmland`` for Värmland's), ``länsarbetsdirektören`` for Arbetsförmedlingen.

Words written in capitals (``STOCKHOLMS KOMMUN``) match too. A municipality whose name
is also an ordinary word or a person's name (``Vara``, ``Mark``, ``Boden`` …) is marked
``ambiguous`` in its bare forms, and so is any bare name written in capitals (a heading);
callers accept such a mention only where the context makes it a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphapp.extract.tokens import INLINE_GAP, WORD, tokenize
from graphapp.tables import read_table
from graphapp.textnorm import slugify

__all__ = [
    "AMBIGUOUS_NAMES",
    "PLAIN_BOARD",
    "UNIT_AGENCIES",
    "Entity",
    "EntityKind",
    "Gazetteer",
    "Mention",
    "load_gazetteer",
    "unit_entity",
]

#: Municipality names that are also Swedish words, first names or surnames.
AMBIGUOUS_NAMES = frozenset(
    {
        "Ale",
        "Berg",
        "Bjuv",
        "Boden",
        "Dorotea",
        "Eda",
        "Flen",
        "Habo",
        "Hjo",
        "Kil",
        "Kinda",
        "Lund",
        "Mark",
        "Mora",
        "Nora",
        "Nybro",
        "Orsa",
        "Sala",
        "Salem",
        "Skara",
        "Tanum",
        "Vara",
        "Vilhelmina",
        "Ydre",
        "Åre",
    }
)
#: A county board whose county the text has to tell.
PLAIN_BOARD = "agency:lansstyrelsen"
#: Agencies whose local offices appear as ``<agency> <place>`` (id -> agency kind).
UNIT_AGENCIES: dict[str, str] = {
    "agency:arbetsformedlingen": "employment",
    "agency:migrationsverket": "migration",
    "agency:forsakringskassan": "social_insurance",
}
EntityKind = str  # municipality | county | agency | fund | organization

#: A word that may start a known name: capitalised, or one of the few lower-case first words.
_CANDIDATE = re.compile(
    r"(?<![\w\u00c0-\u00ff-])(?:[A-Z\u00c0-\u00de][\w\u00c0-\u00ff+'-]*|arbetsförmedlingen|"
    r"asylmottagningen|länsstyrelsens?|länsstyrelserna|socialfonden|migrationsverket|försäkringskassan|"
    r"landshövding(?:en|ens)?|länsarbetsdirektör(?:en|ens)?)"
    r"(?![\w\u00c0-\u00ff])"
)
#: Other names of the agencies in ``agencies.csv`` that the state register does not give.
_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "agency:arbetsformedlingen": ("arbetsförmedlingen", "Arbetsförmedlingens"),
    "agency:migrationsverket": ("migrationsverket", "Asylmottagningen", "asylmottagningen"),
    "agency:forsakringskassan": ("försäkringskassan",),
    "agency:esf-radet": ("ESF-rådet", "Svenska ESF-rådets", "ESF-rådets", "Svenska Esf-rådet"),
    "agency:skr": ("SKR", "Sveriges Kommuner och Regioner", "SKL", "Sveriges Kommuner och Landsting"),
}
_FUND_ALIASES: dict[str, tuple[str, ...]] = {
    "fund:esf": (
        "ESF",
        "Europeiska socialfonden",
        "Socialfonden",
        "socialfonden",
        "Socialfondens",
        "socialfondens",
        "Europeiska Socialfonden",
        "Europeiska socialfondens",
        "Socialfondsprogrammet",
    ),
    "fund:esf-plus-2021-2027": (
        "ESF+",
        "Europeiska socialfonden+",
        "Europeiska socialfonden plus",
        "Socialfonden+",
        "socialfonden+",
    ),
    "fund:amif": (
        "AMIF",
        "Asyl migrations och integrationsfonden",
        "Asyl migrations och integrationsfond",
        "Asyl- migrations- och integrationsfonden",
    ),
    "fund:eif": ("EIF", "Integrationsfonden", "Europeiska integrationsfonden"),
    "fund:erf": ("ERF", "Flyktingfonden", "Europeiska flyktingfonden"),
    "fund:eruf": ("ERUF", "Regionalfonden", "Europeiska regionala utvecklingsfonden", "Europeiska regionalfonden"),
}
#: Words between an agency and the place of its local unit (``Arbetsförmedlingen i Malmö``).
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
_DEPARTMENT = re.compile(r"(?<![\w-])(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:-,?\s(?:och\s)?[a-zåäö]+)*departementet)(?![\w])")
_GOVERNMENT_OFFICES = re.compile(r"Regeringskansliet\s*[,(]\s*$")
_COORDINATION_BEFORE = re.compile(
    r"[Ss]amordningsförbundet\s+(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+(?:[A-ZÅÄÖ][\w-]*|i|och|&)){0,4})"
)
_COORDINATION_AFTER = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*){0,2})\s+[Ss]amordningsförbund(?:et)?(?![\w])"
)
#: In capitals (a heading, a table of contents) the name is its one word, or two with a direction first.
_SHOUTED_DIRECTION = r"(?:(?:NORRA|SÖDRA|ÖSTRA|VÄSTRA|MELLERSTA)\s+)?"
_COORDINATION_BEFORE_SHOUTED = re.compile(
    rf"SAMORDNINGSFÖRBUNDET\s+(?P<name>{_SHOUTED_DIRECTION}[A-ZÅÄÖ][A-ZÅÄÖ-]+)(?![\w])"
)
_COORDINATION_AFTER_SHOUTED = re.compile(
    rf"(?<![\w-])(?P<name>{_SHOUTED_DIRECTION}[A-ZÅÄÖ][A-ZÅÄÖ-]+)\s+SAMORDNINGSFÖRBUND(?:ET)?(?![\w])"
)
_NOT_A_NAME = frozenset(
    {
        "Alla",
        "Andra",
        "Båda",
        "De",
        "Den",
        "Det",
        "Ett",
        "En",
        "Flera",
        "Fyra",
        "Tre",
        "Två",
        "Sju",
        "Vårt",
        "Vart",
        "Varje",
    }
)


#: Agency names that are also ordinary words at the start of a sentence (``Sida 2 av 5``).
_ORDINARY_WORDS = frozenset({"Sida"})


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: EntityKind
    name: str
    county_code: str | None = None
    official_name: str | None = None
    agency_kind: str | None = None  # employment, county_board, university, coordination_association, …
    parent: str | None = None  # a local unit's agency


@dataclass(frozen=True, slots=True)
class Mention:
    entity: Entity
    form: str  # official | bare | genitive | alias | acronym | unit
    start: int  # character offsets in the text
    end: int
    ambiguous: bool = False

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
    folded: tuple[str, ...]
    entity: Entity
    form: str
    ambiguous: bool


class Gazetteer:
    """Surface forms indexed by their first word; see :func:`load_gazetteer`."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Form]] = {}
        self.entities: dict[str, Entity] = {}
        self.municipality_by_name: dict[str, Entity] = {}
        self.county_by_code: dict[str, Entity] = {}
        self.board_by_county: dict[str, Entity] = {}
        self.funds: dict[str, tuple[int, int, str]] = {}  # id -> (first_year, last_year, programme)
        self.keep_words: frozenset[str] = frozenset()  # words of known names: never part of a person's name

    def add(self, phrase: str, entity: Entity, form: str, ambiguous: bool = False) -> None:
        words = tuple(t.text for t in tokenize(phrase))
        if not words:
            return
        self.entities.setdefault(entity.id, entity)
        forms = self._index.setdefault(words[0], [])
        if any(f.words == words for f in forms):
            return
        forms.append(_Form(words, tuple(w.casefold() for w in words), entity, form, ambiguous))
        forms.sort(key=lambda f: -len(f.words))

    def finish(self) -> None:
        """Freeze what is derived from the forms (call once after the last :meth:`add`)."""
        self.keep_words = frozenset(w for forms in self._index.values() for form in forms for w in form.words)

    def find(self, text: str) -> list[Mention]:
        """Longest, left-most mentions of known names in ``text``, in order, with local units, ministries
        and samordningsförbund read from their shape.

        Only capitalised words (and the few lower-case first words of known names)
        can start a name, so only those are looked up; the words after a hit are
        read one at a time.
        """
        mentions: list[Mention] = []
        resume = 0
        index = self._index
        for match in _CANDIDATE.finditer(text):
            if match.start() < resume:
                continue
            key = match.group().rstrip("-'")
            shouted = False
            if key not in index:
                if not (key.isupper() and len(key) > 2):
                    continue
                key = key[0] + key[1:].lower()
                if key not in index:
                    continue
                shouted = True
            mention = self._match_at(text, match.start(), key, shouted)
            if mention and mention.form == "acronym" and _acronym_of_another(text, mention):
                continue
            if mention:
                mentions.append(mention)
                resume = mention.end
        if not mentions and "amordningsförbund" not in text and "AMORDNINGSFÖRBUND" not in text:
            return mentions
        return _compounds(text, mentions, self)

    def _match_at(self, text: str, start: int, key: str, shouted: bool) -> Mention | None:
        """The longest form starting with the word ``key`` at ``start``: the words after it are read one
        regex step at a time, only as many as the longest such form has."""
        forms = self._index[key]
        words: list[str] = []
        ends: list[int] = []
        position = start
        for _ in range(len(forms[0].words)):  # forms are sorted longest first
            gap = INLINE_GAP.match(text, position)
            word = WORD.match(text, gap.end() if words and gap else position)
            if word is None:
                break
            words.append(word.group())
            ends.append(position := word.end())
        folded = tuple(w.casefold() for w in words) if shouted else ()
        for form in forms:
            size = len(form.words)
            if size > len(words):
                continue
            if shouted:
                same = folded[:size] == form.folded
            else:  # the first word as written (Mark, not mark); the words after it in any case (Malmö Stad)
                same = words[0] == form.words[0] and (
                    size == 1 or tuple(w.casefold() for w in words[1:size]) == form.folded[1:]
                )
            if same:
                bare = form.form in ("bare", "genitive")
                return Mention(form.entity, form.form, start, ends[size - 1], form.ambiguous or (shouted and bare))
        return None


def _acronym_of_another(text: str, mention: Mention) -> bool:
    """``Institute for Samfunnsforskning (ISF)``: an acronym in brackets after another name is that name's."""
    if text[mention.start - 1 : mention.start] != "(" or text[mention.end : mention.end + 1] != ")":
        return False
    before = text[max(0, mention.start - 80) : mention.start - 1].rstrip()
    words = re.findall(r"[\w-]+", before)[-4:]
    initials = "".join(w[0] for w in words if w[:1].isupper()).upper()
    folded = mention.entity.name.casefold()
    return (
        bool(words)
        and words[-1][:1].isupper()
        and not any(w.casefold() in folded for w in words[-2:])
        and (initials != text[mention.start : mention.end])
    )


def _compounds(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions with each agency-and-place pair made one local unit, ministries and samordningsförbund added."""
    out: list[Mention] = []
    skip: set[int] = set()
    for index, mention in enumerate(mentions):
        if index in skip:
            continue
        entity = mention.entity
        if entity.kind == "municipality" and text[max(0, mention.start - 4) : mention.start] == "AMO ":
            out.append(_unit(gaz.entities["agency:arbetsformedlingen"], mention, mention.start - 4, mention.end))
            continue
        if entity.kind == "municipality" and (unit := _municipal_unit(text, mention, gaz)) is not None:
            out.append(unit)
            continue
        if entity.id in UNIT_AGENCIES:
            places = _unit_places(text, mentions, index)
            if places:
                skip.update(places)
                if len(places) == 1:
                    out.append(_unit(entity, mentions[places[0]], mention.start, mentions[places[0]].end))
                else:  # Arbetsförmedlingen (Ljungby och Växjö): one unit at each place
                    out.extend(_unit(entity, mentions[i], mentions[i].start, mentions[i].end) for i in places)
                continue
        out.append(mention)
    out.extend(_departments(text, out))
    out.extend(_coordination_associations(text, out))
    out.sort(key=lambda m: m.start)
    return _acronyms(text, out)


#: A municipal unit after its place in the genitive (``Kungsörs arbetsmarknadsenhet``, ``Växjö kommuns
#: flyktingmottagning``, ``KRISTINEHAMNS SOCIALTJÄNST``).
_UNIT_AFTER = re.compile(
    r"[ \t]+(?P<unit>[a-zåäö]*(?:enhet|förvaltning|avdelning|mottagning|socialtjänst|nämnd|vuxenutbildning|"
    r"jobbcent(?:er|rum))(?:en|et)?|ame|(?P<agency>arbetsförmedling|försäkringskassa)(?:en|n)?)(?![\wåäö])",
    re.IGNORECASE,
)
#: Agencies with local offices named after their place in the genitive (``Kristinehamns arbetsförmedling``).
_LOCAL_OFFICE = {"arbetsförmedling": "agency:arbetsformedlingen", "försäkringskassa": "agency:forsakringskassan"}


def _municipal_unit(text: str, mention: Mention, gaz: Gazetteer) -> Mention | None:
    """The unit a municipality in the genitive names (``Kungsörs arbetsmarknadsenhet``, ``Sundsvalls
    arbetsförmedling``: the agency's local office), or None."""
    surface = text[mention.start : mention.end]
    if not (mention.form == "genitive" or (mention.form == "official" and surface[-1:] in "sS")):
        return None
    after = _UNIT_AFTER.match(text, mention.end)
    if after is None:
        return None
    place = mention.entity
    office = _LOCAL_OFFICE.get((after.group("agency") or "").lower())
    if office and office in gaz.entities:
        return Mention(unit_entity(gaz.entities[office], place), "unit", mention.start, after.end())
    official = place.official_name or f"{place.name} kommun"
    unit = after.group("unit").lower()
    unit = unit.upper() if unit == "ame" else unit
    entity = Entity(
        f"org:{slugify(official)}/{slugify(unit)}",
        "organization",
        f"{unit if unit.isupper() else unit.capitalize()}, {official}",
        place.county_code,
        parent=place.id,
    )
    return Mention(entity, "unit", mention.start, after.end())


_BRACKETED = re.compile(r"\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,9})\)")


def _acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Samordningsförbundet Halland (SFH)``: later mentions of ``SFH`` are the same agency."""
    known: dict[str, Entity] = {}
    for mention in mentions:
        bracketed = _BRACKETED.match(text, mention.end) if mention.entity.kind == "agency" else None
        if bracketed and bracketed.group("acr") not in mention.entity.name.split():
            known.setdefault(bracketed.group("acr"), mention.entity)
    if not known:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = [
        Mention(entity, "acronym", match.start(), match.end())
        for acronym, entity in known.items()
        for match in re.finditer(rf"(?<![\w(-]){re.escape(acronym)}(?![\w)-])", text)
        if not any(s < match.end() and match.start() < e for s, e in taken)
    ]
    return sorted([*mentions, *extra], key=lambda m: m.start) if extra else mentions


def unit_entity(agency: Entity, place: Entity) -> Entity:
    """The local unit of ``agency`` in the municipality ``place`` (``agency:arbetsformedlingen/ljungby``)."""
    return Entity(
        f"{agency.id}/{slugify(place.name)}",
        "agency",
        f"{agency.name.split(' (')[0]} {place.name}",
        place.county_code,
        agency_kind=UNIT_AGENCIES.get(agency.id, agency.agency_kind),
        parent=agency.id,
    )


def _unit(agency: Entity, place: Mention, start: int, end: int) -> Mention:
    return Mention(unit_entity(agency, place.entity), "unit", start, end)


def _unit_places(text: str, mentions: list[Mention], index: int) -> list[int]:
    """Indexes of the municipalities that make ``mentions[index]`` (an agency) a local unit."""
    mention = mentions[index]
    following = range(index + 1, min(len(mentions), index + 12))
    if following and (nxt := mentions[index + 1]).entity.kind == "municipality":
        gap = text[mention.end : nxt.start]
        if len(gap) < 60 and "\n" not in gap and all(w in _UNIT_NOUNS for w in gap.replace(",", " ").split()):
            return [index + 1]
    window = text[mention.end : mention.end + 160]
    opening, closing = window.find("("), window.find(")")
    if 0 <= opening < 50 and closing > opening and "." not in window[:opening]:
        end = mention.end + closing
        return [i for i in following if mentions[i].end <= end and mentions[i].entity.kind == "municipality"]
    return []


def _departments(text: str, mentions: list[Mention]) -> list[Mention]:
    if "departementet" not in text:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for match in _DEPARTMENT.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        name = " ".join(match.group("name").split())
        entity = Entity(
            f"agency:regeringskansliet/{slugify(name)}",
            "agency",
            f"Regeringskansliet, {name}",
            agency_kind="ministry",
            parent="agency:regeringskansliet",
        )
        before = _GOVERNMENT_OFFICES.search(text, max(0, match.start() - 25), match.start())
        out.append(Mention(entity, "unit", before.start() if before else match.start(), match.end()))
    if out:  # the Government Offices' own mention is part of its ministry's
        spans = [(m.start, m.end) for m in out]
        mentions[:] = [m for m in mentions if not any(s <= m.start < e for s, e in spans)]
    return out


def _coordination_associations(text: str, mentions: list[Mention]) -> list[Mention]:
    """``Samordningsförbundet Värend``, ``Sunnerbo samordningsförbund``, ``SAMORDNINGSFÖRBUNDET SKELLEFTEÅ``:
    one agency per place name."""
    if "amordningsförbund" not in text and "AMORDNINGSFÖRBUND" not in text:
        return []
    found: list[Mention] = []
    patterns = (
        (_COORDINATION_BEFORE, False),
        (_COORDINATION_AFTER, True),
        (_COORDINATION_BEFORE_SHOUTED, False),
        (_COORDINATION_AFTER_SHOUTED, True),
    )
    for pattern, genitive in patterns:
        for match in pattern.finditer(text):
            words = [(w.group(), match.start("name") + w.start()) for w in re.finditer(r"\S+", match.group("name"))]
            if not genitive and text[match.end() :].lstrip().lower().startswith("samordningsförbund"):
                for index, (word, _) in enumerate(
                    words
                ):  # "Samordningsförbundet Värend och Sunnerbo samordningsförbund"
                    if word in ("och", "&"):
                        words = words[:index]
                        break
            while words and words[-1][0] in ("i", "och", "&"):
                words.pop()
            while words and words[0][0] in _NOT_A_NAME:
                words.pop(0)
            if not words:
                continue
            core = " ".join(word for word, _ in words)
            if genitive and core.lower().endswith("s") and not core.lower().endswith("ss") and len(words[-1][0]) > 4:
                core = core[:-1]
            start = match.start() if not genitive else words[0][1]
            end = match.end() if genitive else words[-1][1] + len(words[-1][0])
            if any(m.start < end and start < m.end for m in found):
                continue
            name = " ".join(text[start:end].split())
            if name.isupper():  # SAMORDNINGSFÖRBUNDET SKELLEFTEÅ: named as people write it
                name = " ".join(w.capitalize() if w != "SAMORDNINGSFÖRBUND" else w.lower() for w in name.split())
            entity = Entity(
                f"agency:samordningsforbundet-{slugify(core)}",
                "agency",
                name,
                agency_kind="coordination_association",
            )
            found.append(Mention(entity, "official", start, end))
    spans = [(m.start, m.end) for m in found]
    mentions[:] = [m for m in mentions if not any(s <= m.start < e for s, e in spans)]
    return found


def _genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


def _add_municipalities(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    names = {row["name"] for row in rows}
    for row in rows:
        name, official = row["name"], row["official_name"]
        entity = Entity(f"municipality:{row['code']}", "municipality", name, row["county_code"], official)
        gaz.municipality_by_name[name] = entity
        ambiguous = name in AMBIGUOUS_NAMES
        stem = official.removesuffix(" kommun")
        for phrase in {
            official,
            f"{stem} kommun",
            f"{stem} stad",
            f"{name} kommun",
            f"{_genitive(name)} kommun",
            f"{_genitive(name)} stad",
            f"{_genitive(stem)} kommuns",
            f"{_genitive(name)} kommuns",
            f"{_genitive(name)} stads",
            f"{official}s",  # Växjö kommuns, Malmö stads: the official name in the genitive
            f"{stem} kommuns",
            f"{stem} stads",
            f"{name} kommuns",
            f"{name} stad",  # STOCKHOLM STAD, as headings write it
        }:
            gaz.add(phrase, entity, "official")
        gaz.add(name, entity, "bare", ambiguous)
        if _genitive(name) != name:
            gaz.add(_genitive(name), entity, "genitive", ambiguous)
        head = name.split("-")[0]
        if head != name and len(head) > 3 and not any(n.startswith(head) and n != name for n in names):
            gaz.add(head, entity, "bare", ambiguous)


def _add_counties(gaz: Gazetteer, rows: list[dict[str, str]], municipality_names: set[str]) -> None:
    for row in rows:
        code, name, short = row["code"], row["name"], row["short_name"]
        county = Entity(f"county:{code}", "county", name, code)
        gaz.county_by_code[code] = county
        gaz.add(name, county, "official")
        if short not in municipality_names:
            gaz.add(short, county, "bare")
        region = Entity(f"org:region-{slugify(short)}", "organization", f"Region {short}", code)
        gaz.add(f"Region {short}", region, "official")  # Region Gotland stays the municipality


def _add_agencies(gaz: Gazetteer, rows: list[dict[str, str]], counties: list[dict[str, str]]) -> None:
    """The agencies of the graph's own table (the national ones the network uses, SKR, the county boards)."""
    short_of = {row["code"]: row for row in counties}
    for row in rows:
        entity = Entity(row["id"], "agency", row["name"], row.get("county_code") or None, agency_kind=row["kind"])
        gaz.add(row["name"], entity, "official")
        for alias in _AGENCY_ALIASES.get(row["id"], ()):
            gaz.add(alias, entity, "alias")
        county = short_of.get(row.get("county_code") or "")
        if row["kind"] == "county_board" and county:
            gaz.board_by_county[county["code"]] = entity
            short = county["short_name"]
            for phrase in (
                f"Länsstyrelsen {short}",
                f"Länsstyrelsen i {short}",
                f"länsstyrelsen i {short}",
                f"Länsstyrelsen i {county['name']}",
                f"länsstyrelsen i {county['name']}",
                f"Länsstyrelsens i {county['name']}",
                f"Länsstyrelsen {county['name']}",
                f"{_genitive(short)} länsstyrelse",
            ):
                gaz.add(phrase, entity, "official")
            for title in _titles("landshövding"):  # the governor stands for the county board
                for place in (short, county["name"]):
                    gaz.add(f"{title} i {place}", entity, "title")
                gaz.add(f"{_genitive(short)} {title.lower()}", entity, "title")
    board = Entity(PLAIN_BOARD, "agency", "Länsstyrelsen", agency_kind="county_board")
    for alias in (
        "Länsstyrelsen",
        "Länsstyrelsens",
        "länsstyrelsen",
        "länsstyrelsens",
        "Länsstyrelserna",
        "länsstyrelserna",
    ):
        gaz.add(alias, board, "alias")
    for title in _titles("landshövding"):
        gaz.add(title, board, "title")
    employment = gaz.entities.get("agency:arbetsformedlingen")
    if employment is not None:  # the county labour director stands for the employment service
        for title in _titles("länsarbetsdirektör"):
            gaz.add(title, employment, "title")


def _titles(word: str) -> list[str]:
    """A title of office as a text writes it: ``landshövding``, ``Landshövdingen``, ``landshövdingens`` …"""
    forms = (word, f"{word}en", f"{word}ens")
    return [*forms, *(form.capitalize() for form in forms)]


def _add_state_agencies(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    """The register of state agencies: each name, former name and short form (``SLU``, ``Malmö högskola``)."""
    for row in rows:
        known = gaz.entities.get(row["id"])
        entity = known or Entity(
            row["id"], "agency", row["name"], row.get("county_code") or None, row["official_name"], row["kind"]
        )
        names = [row["name"], row["official_name"], *(a for a in row["aliases"].split("|") if a)]
        for name in names:
            acronym = name.isupper() and " " not in name
            gaz.add(name, entity, "acronym" if acronym else "official", ambiguous=name in _ORDINARY_WORDS)
            if not acronym and name[-1] not in "sxz" and " " not in name:
                gaz.add(_genitive(name), entity, "official")


def _add_funds(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    for row in rows:
        gaz.funds[row["id"]] = (int(row.get("first_year") or 0), int(row.get("last_year") or 9999), row["programme"])
        gaz.entities[row["id"]] = Entity(row["id"], "fund", row["name"])
    for fund_id, aliases in _FUND_ALIASES.items():
        entity = Entity(fund_id, "fund", aliases[1] if len(aliases) > 1 else aliases[0])
        for alias in aliases:
            gaz.add(alias, entity, "alias")


def load_gazetteer(reference_dir: Path) -> Gazetteer:
    """Build the gazetteer from the reference tables of ``reference_dir``."""
    gaz = Gazetteer()
    municipalities = read_table(reference_dir / "municipalities.csv", ("code", "name", "official_name", "county_code"))
    counties = read_table(reference_dir / "counties.csv", ("code", "name", "short_name"))
    _add_municipalities(gaz, municipalities)
    _add_counties(gaz, counties, {row["name"] for row in municipalities})
    _add_agencies(gaz, read_table(reference_dir / "agencies.csv", ("id", "name", "kind")), counties)
    state_agencies = reference_dir / "state_agencies.csv"
    if state_agencies.exists():
        _add_state_agencies(gaz, read_table(state_agencies, ("id", "name", "official_name", "kind")))
    _add_funds(gaz, read_table(reference_dir / "funds.csv", ("id", "name", "programme")))
    gaz.finish()
    return gaz
