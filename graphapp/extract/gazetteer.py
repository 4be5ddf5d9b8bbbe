"""Every name of every place, agency and fund the reference tables know, and where a text uses them.

Built from ``data/reference/``: all municipalities with their bare, genitive and
official forms (``Sunne``, ``Sunnes``, ``Falu kommun``, ``Göteborgs stad``), all
counties (``Kronobergs län``) and their boards (``Länsstyrelsen i Kronobergs län``),
the regions (``Region Dalarna``), the national agencies and the funds with their
usual Swedish names and abbreviations.

A municipality whose name is also an ordinary word or a person's name (``Vara``,
``Mark``, ``Berg``, ``Mora`` …) is marked ``ambiguous`` in its bare forms; callers
accept such a mention only where the context makes it a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphapp.extract.tokens import INLINE_GAP as _INLINE_GAP
from graphapp.extract.tokens import WORD as _WORD
from graphapp.extract.tokens import tokenize
from graphapp.tables import read_table
from graphapp.textnorm import slugify

__all__ = ["AMBIGUOUS_NAMES", "Entity", "Gazetteer", "Mention", "load_gazetteer"]

#: Municipality names that are also Swedish words, first names or surnames.
AMBIGUOUS_NAMES = frozenset(
    {
        "Ale",
        "Berg",
        "Bjuv",
        "Boden",
        "Dorotea",
        "Eda",
        "Habo",
        "Hjo",
        "Kil",
        "Kinda",
        "Lund",
        "Mark",
        "Mora",
        "Nora",
        "Orsa",
        "Sala",
        "Salem",
        "Skara",
        "Vara",
        "Vilhelmina",
        "Ydre",
        "Åre",
        "Nybro",
        "Tanum",
        "Flen",
    }
)

#: A word that may start a known name: capitalised, or one of the few lower-case first words.
_CANDIDATE = re.compile(
    r"(?<![\w\u00c0-\u00ff-])(?:[A-Z\u00c0-\u00de][\w\u00c0-\u00ff+'-]*|arbetsförmedlingen|"
    r"asylmottagningen|länsstyrelsens?|socialfonden)(?![\w\u00c0-\u00ff])"
)
#: Other names of the agencies in ``agencies.csv`` (id -> surface forms).
_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "agency:arbetsformedlingen": ("Arbetsförmedlingen", "Arbetsförmedlingens", "arbetsförmedlingen"),
    "agency:migrationsverket": ("Migrationsverket", "Migrationsverkets", "Asylmottagningen", "asylmottagningen"),
    "agency:forsakringskassan": ("Försäkringskassan", "Försäkringskassans"),
    "agency:esf-radet": ("ESF-rådet", "Svenska ESF-rådet", "Svenska ESF-rådets", "ESF-rådets"),
    "agency:skr": ("SKR", "Sveriges Kommuner och Regioner", "SKL", "Sveriges Kommuner och Landsting"),
}
_BOARD = "agency:lansstyrelsen"  # a county board whose county the text has to tell
_FUND_ALIASES: dict[str, tuple[str, ...]] = {
    "fund:esf": ("ESF", "Europeiska socialfonden", "Socialfonden", "socialfonden", "Europeiska Socialfonden"),
    "fund:esf-plus-2021-2027": ("ESF+", "Europeiska socialfonden+", "Socialfonden+"),
    "fund:amif": (
        "AMIF",
        "Asyl migrations och integrationsfonden",
        "Asyl migrations och integrationsfond",
        "Asyl- migrations- och integrationsfonden",
    ),
    "fund:eif": ("EIF", "Integrationsfonden", "Europeiska integrationsfonden"),
    "fund:erf": ("ERF", "Flyktingfonden", "Europeiska flyktingfonden"),
    "fund:eruf": ("ERUF", "Regionalfonden", "Europeiska regionala utvecklingsfonden"),
}


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    kind: str  # municipality | county | agency | fund | organization
    name: str
    county_code: str | None = None
    official_name: str | None = None


@dataclass(slots=True)
class Mention:
    entity: Entity
    form: str  # official | bare | genitive | alias
    start: int  # character offsets in the text
    end: int
    ambiguous: bool = False

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]
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

    def add(self, phrase: str, entity: Entity, form: str, ambiguous: bool = False) -> None:
        words = tuple(t.text for t in tokenize(phrase))
        if not words:
            return
        self.entities.setdefault(entity.id, entity)
        forms = self._index.setdefault(words[0], [])
        if any(f.words == words for f in forms):
            return
        forms.append(_Form(words, entity, form, ambiguous))
        forms.sort(key=lambda f: -len(f.words))

    def find(self, text: str) -> list[Mention]:
        """Longest, left-most mentions of known names in ``text``, in order.

        Only capitalised words (and the few lower-case first words of known names)
        can start a name, so only those are looked up; the words after a hit are
        tokenised in a short window.
        """
        mentions: list[Mention] = []
        resume = 0
        index = self._index
        for match in _CANDIDATE.finditer(text):
            key = match.group().rstrip("-'")
            if match.start() < resume or key not in index:
                continue
            mention = self._match_at(text, match.start(), key)
            if mention:
                mentions.append(mention)
                resume = mention.end
        return mentions

    def _match_at(self, text: str, start: int, key: str) -> Mention | None:
        """The longest form starting with the word ``key`` at ``start``: the words after it are read one
        regex step at a time, only as many as the longest such form has (no tokenising of a window)."""
        forms = self._index[key]
        words: list[str] = []
        ends: list[int] = []
        position = start
        for _ in range(len(forms[0].words)):  # forms are sorted longest first
            word = _WORD.match(text, _INLINE_GAP.match(text, position).end() if words else position)  # type: ignore[union-attr]
            if word is None:
                break
            words.append(word.group())
            ends.append(position := word.end())
        for form in forms:
            size = len(form.words)
            if size <= len(words) and tuple(words[:size]) == form.words:
                return Mention(form.entity, form.form, start, ends[size - 1], form.ambiguous)
        return None


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
    short_of = {row["code"]: row for row in counties}
    for row in rows:
        entity = Entity(row["id"], "agency", row["name"], row.get("county_code") or None)
        gaz.add(row["name"], entity, "official")
        for alias in _AGENCY_ALIASES.get(row["id"], ()):
            gaz.add(alias, entity, "alias")
        county = short_of.get(row.get("county_code") or "")
        if row["kind"] == "county_board" and county:
            gaz.board_by_county[county["code"]] = entity
            for phrase in (
                f"Länsstyrelsen {county['short_name']}",
                f"Länsstyrelsen i {county['short_name']}",
                f"länsstyrelsen i {county['name']}",
                f"Länsstyrelsens i {county['name']}",
            ):
                gaz.add(phrase, entity, "official")
    board = Entity(_BOARD, "agency", "Länsstyrelsen")
    for alias in ("Länsstyrelsen", "Länsstyrelsens", "länsstyrelsen", "länsstyrelsens"):
        gaz.add(alias, board, "alias")


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
    _add_funds(gaz, read_table(reference_dir / "funds.csv", ("id", "name", "programme")))
    return gaz
