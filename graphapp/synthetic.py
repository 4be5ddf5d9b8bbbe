"""A reproducible synthetic partnership network at any size, for load tests and demos.

The geography is real: the 290 municipalities, 21 counties, national agencies,
county administrative boards and funds of ``data/reference/``. Everything else is
invented, but shaped like the real thing:

- local units of Arbetsförmedlingen (in about 70 % of municipalities) and
  Migrationsverket (about 30 %), ``agency:<parent>/<municipality slug>``, PART_OF
  their parent, with the municipality's ``county_code``;
- organisations in every county: one regional body (``Region <county>``) and NGOs,
  companies and education providers, in proportion to the county's municipalities;
- projects from 2007 to 2027 (1 to 4 years, most starting 2014-2019; known to the month,
  :mod:`graphapp.dates`; one in :data:`UNDATED_EVERY` without a period), owned by one
  actor of a home county, with 2-15 partners of whom about 85 % are from that
  county, funded by an EU fund whose ``first_year``/``last_year`` cover the project
  (ESF grants 0.5-15 MSEK, AMIF 0.3-5 MSEK), a few co-funders with amounts, and now
  and then BUILDS_ON or COLLABORATES_WITH an earlier project of the same county;
- one synthetic Document per project (``document:<sha1 of "seed:i">``), DESCRIBED_IN,
  and every relationship of the project carrying ``sources = [that document]``;
- ``IN_COUNTY`` for every invented actor and every project, by the rules of
  :mod:`graphapp.records.placement`.

The unit PART_OF relationships, the invented actors' IN_COUNTY and the reference tables'
relationships carry no ``sources``: they come from no project's document. Invented nodes have
``synthetic: true``. The same ``(projects, seed)`` gives an equal :class:`GraphData`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

from graphapp.dates import PartialDate, stored
from graphapp.model import GraphData, Label, Node, Relationship, RelType
from graphapp.records.placement import actor_placements, project_placements
from graphapp.records.reference import reference_graph
from graphapp.textnorm import slugify

__all__ = ["generate"]

FIRST_YEAR = 2007
LAST_DAY = dt.date(2027, 12, 31)
#: Projects that end before this day are "completed": fixed, so output never depends on the clock.
AS_OF = dt.date(2025, 6, 1)
HOME_SHARE = 0.85
#: One project in this many has no period, as a news item that gives none (by its number: no draw of the
#: random generator, so the rest of the network is the same with or without them).
UNDATED_EVERY = 50

_UNITS = (
    ("arbetsformedlingen", "Arbetsförmedlingen {town}", "employment", 0.7),
    ("migrationsverket", "Migrationsverket mottagningsenhet {town}", "migration", 0.3),
)
_ORG_NAMES = {
    "ngo": (
        "{town} Röda Korset-krets",
        "Rädda Barnen {town}",
        "IM {town}",
        "ABF {town}",
        "Studieförbundet Vuxenskolan {town}",
        "Föreningen Nya Vänner {town}",
        "Kvinnojouren {town}",
        "{town} idrottsförening",
    ),
    "company": (
        "{town} Bemanning AB",
        "Jobbcentrum {town} AB",
        "Kompetensutveckling {town} AB",
        "{town} Språkcenter AB",
        "Vård & Omsorg {town} AB",
        "{town} Bygg & Service AB",
    ),
    "education": ("{town} folkhögskola", "Lärcentrum {town}", "Komvux {town}", "Yrkeshögskolan {town}"),
}
_ORG_KIND_WEIGHTS = (("ngo", 4), ("company", 3), ("education", 3))
_THEMES = (
    "Vägen till arbete",
    "Nya steg",
    "Språkbron",
    "Etablering",
    "Framtidsvägar",
    "Jobbsprånget",
    "Samverkan för nyanlända",
    "Mötesplats",
    "Starta eget",
    "Hälsa och integration",
    "Validering",
    "Mentorskap",
    "Kompetenslyftet",
    "Integration i praktiken",
    "Steget vidare",
    "Arbetsplatsnära svenska",
    "Samhällsorientering",
    "Unga nyanlända",
    "Kvinnor i arbete",
    "Yrkesspår",
)
_FOCUS = (
    "language training at the workplace",
    "validation of foreign skills",
    "civic orientation",
    "mentoring by local employers",
    "health and rehabilitation",
    "start-your-own-business courses",
    "support for young newcomers",
    "pathways into vocational education",
)
_FUND_WEIGHTS = {
    "fund:esf-2007-2013": 6,
    "fund:esf-2014-2020": 6,
    "fund:esf-plus-2021-2027": 6,
    "fund:amif": 3,
    "fund:eif": 1,
    "fund:erf": 0.5,
    "fund:eruf": 0.5,
}
_GRANT_RANGES = {
    "fund:amif": (300_000, 5_000_000),
    "fund:eif": (300_000, 5_000_000),
    "fund:erf": (300_000, 5_000_000),
    "fund:eruf": (1_000_000, 10_000_000),
}
_ESF_RANGE = (500_000, 15_000_000)
_ESF_REGIONS = {
    "Övre Norrland": "24 25",
    "Mellersta Norrland": "22 23",
    "Norra Mellansverige": "17 20 21",
    "Östra Mellansverige": "03 04 05 18 19",
    "Stockholm": "01",
    "Västsverige": "13 14",
    "Småland och Öarna": "06 07 08 09",
    "Sydsverige": "10 12",
}
_PROGRAMME_AREAS = ("Programområde 1 Kompetensförsörjning", "Programområde 2 Ökat arbetskraftsutbud")
_OWNER_KINDS = (("municipality", 50), ("regional", 12), ("org", 18), ("board", 8), ("employment", 7), ("migration", 5))
_NATIONAL = (
    "agency:forsakringskassan",
    "agency:skolverket",
    "agency:socialstyrelsen",
    "agency:tillvaxtverket",
    "agency:skr",
)


def generate(projects: int, seed: int, reference_dir: Path) -> GraphData:
    """A synthetic partnership network of ``projects`` projects on the real geography.

    Parameters
    ----------
    projects : int
        How many projects to invent (0 gives the reference graph, units and organisations).
    seed : int
        Seeds ``random.Random``; the same ``(projects, seed)`` gives an equal result.
    reference_dir : pathlib.Path
        The folder of the reference tables (``data/reference``).

    Returns
    -------
    GraphData
        The reference graph plus the invented units, organisations, projects and
        documents (see the module docstring for the shape).

    Notes
    -----
    O(projects); about 0.15 s per 1 000 projects. About 13 relationships and 2 nodes
    per project.

    Examples
    --------
    >>> from graphapp.paths import default_data_dir
    >>> data = generate(5, seed=1, reference_dir=default_data_dir() / "reference")
    >>> sum(1 for node in data.nodes.values() if node.label is Label.PROJECT)
    5
    >>> data == generate(5, seed=1, reference_dir=default_data_dir() / "reference")
    True
    """
    if projects < 0:
        raise ValueError(f"projects must be 0 or more, not {projects}")
    world = _World(reference_graph(reference_dir), random.Random(seed))
    world.add_units()
    world.add_organisations(max(60, projects // 4))
    for number in range(projects):
        world.add_project(number, hashlib.sha1(f"{seed}:{number}".encode()).hexdigest())
    world.place()
    return world.data


class _Pool:
    """Actors with activity weights, drawn with replacement in O(log n)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.weights: list[float] = []
        self._cumulative: list[float] | None = None

    def add(self, node_id: str, weight: float) -> None:
        self.ids.append(node_id)
        self.weights.append(weight)
        self._cumulative = None

    def draw(self, rng: random.Random) -> str:
        if self._cumulative is None:
            self._cumulative = list(accumulate(self.weights))
        return self.ids[bisect_right(self._cumulative, rng.random() * self._cumulative[-1])]


class _World:
    def __init__(self, data: GraphData, rng: random.Random) -> None:
        self.data = data
        self.rng = rng
        self.towns: dict[str, list[Node]] = {}
        for node in sorted(data.nodes.values(), key=lambda n: n.id):
            if node.label is Label.MUNICIPALITY:
                self.towns.setdefault(node.properties["county_code"], []).append(node)
        self.counties = sorted(self.towns)
        self.county_weights = list(accumulate(len(self.towns[c]) for c in self.counties))
        self.partners = {code: _Pool() for code in self.counties}
        self.owners: dict[tuple[str, str], list[str]] = {}
        self.history: dict[str, list[tuple[str, dt.date, dt.date]]] = {code: [] for code in self.counties}
        self.funds = sorted((n for n in data.nodes.values() if n.label is Label.FUND), key=lambda n: n.id)
        self.names: set[str] = set()
        for code, towns in self.towns.items():
            for town in towns:
                self._actor(code, town.id, "municipality", 3.0)
        for node in sorted(data.nodes.values(), key=lambda n: n.id):
            if node.label is Label.AGENCY and node.properties.get("kind") == "county_board":
                self._actor(node.properties["county_code"], node.id, "board", 5.0)

    # -- actors ----------------------------------------------------------------

    def _actor(self, county: str, node_id: str, owner_kind: str, weight: float) -> None:
        self.partners[county].add(node_id, weight * min(self.rng.paretovariate(1.5), 20.0))
        self.owners.setdefault((county, owner_kind), []).append(node_id)

    def _add_node(self, node: Node) -> None:
        self.data.nodes[node.id] = node

    def _link(self, rel_type: RelType, start: str, end: str, **properties: object) -> None:
        rel = Relationship(rel_type, start, end, dict(properties))
        self.data.relationships.setdefault(rel.key, rel)

    def add_units(self) -> None:
        for code in self.counties:
            for town in self.towns[code]:
                for parent, template, kind, share in _UNITS:
                    if self.rng.random() < share:
                        unit = f"agency:{parent}/{slugify(town.name)}"
                        self._add_node(
                            Node(
                                unit,
                                Label.AGENCY,
                                template.format(town=town.name),
                                {"kind": kind, "county_code": code, "synthetic": True},
                            )
                        )
                        self._link(RelType.PART_OF, unit, f"agency:{parent}")
                        self._actor(code, unit, kind, 2.0)

    def add_organisations(self, total: int) -> None:
        kinds = [kind for kind, _ in _ORG_KIND_WEIGHTS]
        weights = [weight for _, weight in _ORG_KIND_WEIGHTS]
        for code in self.counties:
            short = self.data.nodes[f"county:{code}"].properties["short_name"]
            self._organisation(code, f"Region {short}", "regional_body", "regional", 8.0)
            for _ in range(max(3, round(total * len(self.towns[code]) / 290))):
                kind = self.rng.choices(kinds, weights)[0]
                town = self.rng.choice(self.towns[code]).name
                self._organisation(code, self.rng.choice(_ORG_NAMES[kind]).format(town=town), kind, "org", 1.0)

    def _organisation(self, county: str, name: str, kind: str, owner_kind: str, weight: float) -> None:
        node_id = f"org:{slugify(name)}"
        if name in self.names or node_id in self.data.nodes:
            return
        self.names.add(name)
        self._add_node(
            Node(node_id, Label.ORGANIZATION, name, {"kind": kind, "county_code": county, "synthetic": True})
        )
        self._actor(county, node_id, owner_kind, weight)

    def place(self) -> None:
        """``IN_COUNTY`` for the invented actors (from no document: no sources) and the projects."""
        data = self.data
        invented = [n for n in data.nodes.values() if n.properties.get("synthetic") and n.label is not Label.PROJECT]
        for rel in actor_placements(invented, ()) + project_placements(data.nodes, data.relationships.values()):
            data.relationships[rel.key] = rel

    # -- projects --------------------------------------------------------------

    def add_project(self, number: int, digest: str) -> None:
        rng = self.rng
        home = self.counties[bisect_right(self.county_weights, rng.random() * self.county_weights[-1])]
        start, end = self._period()
        fund, grant = self._fund(start, end)
        owner = self._owner(home)
        partners = self._partners(home, owner)
        project = f"project:synthetic-{number + 1:05d}"
        document = f"document:{digest}"
        name = self._project_name(home, start)
        dated = number % UNDATED_EVERY != UNDATED_EVERY - 1
        properties = self._project_properties(home, owner, len(partners), (start, end), (fund, grant), dated)
        self._add_node(Node(project, Label.PROJECT, name, properties))
        document_properties: dict[str, object] = {
            "title": f"{name} (synthetic project description)",
            "publisher": "graphapp generate",
            **(stored("published", PartialDate(start.year, start.month)) if dated else {}),
            "format": "text/plain",
            "synthetic": True,
        }
        self._add_node(Node(document, Label.DOCUMENT, name, document_properties))
        sources = [document]
        self._link(RelType.DESCRIBED_IN, project, document, sources=sources)
        self._link(RelType.FUNDS, fund.id, project, amount_sek=grant, sources=sources)
        self._link(RelType.OWNS, owner, project, sources=sources)
        for partner in partners:
            role = "municipality" if partner.startswith("municipality:") else "partner"
            self._link(RelType.PARTICIPATES_IN, partner, project, role=role, sources=sources)
        for cofunder in rng.sample([owner, *partners], rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]):
            amount = int(round(rng.uniform(50_000, 2_000_000), -3))
            self._link(RelType.CO_FUNDS, cofunder, project, amount_sek=amount, sources=sources)
        self._link_earlier(home, project, start, sources)
        self.history[home].append((project, start, end))

    def _period(self) -> tuple[dt.date, dt.date]:
        rng = self.rng
        years = range(FIRST_YEAR, LAST_DAY.year)
        year = rng.choices(years, [1 + 3 * math.exp(-(((y - 2016.5) / 2.5) ** 2)) for y in years])[0]
        start = dt.date(year, rng.randint(1, 12), 1)
        end = dt.date(year + rng.randint(1, 4), start.month, 1) - dt.timedelta(days=1)
        return start, min(end, LAST_DAY)

    def _fund(self, start: dt.date, end: dt.date) -> tuple[Node, int]:
        """A fund whose years cover the period (else at least its start), and a grant."""

        def years(fund: Node) -> tuple[int, int]:
            return fund.properties.get("first_year", FIRST_YEAR), fund.properties.get("last_year", LAST_DAY.year)

        eligible = [f for f in self.funds if years(f)[0] <= start.year and end.year <= years(f)[1]]
        eligible = eligible or [f for f in self.funds if years(f)[0] <= start.year <= years(f)[1]]
        fund = self.rng.choices(eligible, [_FUND_WEIGHTS.get(f.id, 1) for f in eligible])[0]
        low, high = _GRANT_RANGES.get(fund.id, _ESF_RANGE)
        return fund, int(math.exp(self.rng.uniform(math.log(low), math.log(high))))

    def _owner(self, home: str) -> str:
        kinds = [kind for kind, _ in _OWNER_KINDS]
        weights = [weight for _, weight in _OWNER_KINDS]
        pool = self.owners.get((home, self.rng.choices(kinds, weights)[0])) or self.owners[(home, "municipality")]
        return self.rng.choice(pool)

    def _partners(self, home: str, owner: str) -> list[str]:
        rng = self.rng
        wanted = min(15, 2 + int(rng.expovariate(1 / 4)))
        chosen: dict[str, None] = {}
        attempts = 0
        while len(chosen) < wanted and attempts < 6 * wanted:
            attempts += 1
            away = attempts > 4 * wanted or rng.random() > HOME_SHARE
            county = self.counties[bisect_right(self.county_weights, rng.random() * self.county_weights[-1])]
            candidate = self.partners[county if away else home].draw(rng)
            if candidate != owner:
                chosen.setdefault(candidate)
        if rng.random() < 0.08:
            chosen.setdefault(rng.choice(_NATIONAL))
        return list(chosen)

    def _project_name(self, home: str, start: dt.date) -> str:
        place = self.data.nodes[f"county:{home}"].properties["short_name"]
        if self.rng.random() < 0.4:
            place = self.rng.choice(self.towns[home]).name
        name = f"{self.rng.choice(_THEMES)} {place}"
        for candidate in (name, f"{name} {start.year}", f"{name} {start.year}:{start.month}"):
            if candidate not in self.names:
                break
        self.names.add(candidate)
        return candidate

    def _project_properties(
        self,
        home: str,
        owner: str,
        partners: int,
        period: tuple[dt.date, dt.date],
        funding: tuple[Node, int],
        dated: bool,
    ) -> dict[str, object]:
        (start, end), (fund, grant) = period, funding
        owner_name = self.data.nodes[owner].name
        # Periods run from the first of a month to the last of one: known to the month.
        shown = {
            **stored("start", PartialDate(start.year, start.month)),
            **stored("end", PartialDate(end.year, end.month)),
        }
        properties: dict[str, object] = {
            "summary": f"Synthetic project: {owner_name} and {partners} partners work on "
            f"{self.rng.choice(_FOCUS)} for newly arrived people.",
            **(shown if dated else {}),
            "status": "completed" if end < AS_OF else "ongoing",
            "phase": "Genomförande",
            "total_budget_sek": int(grant * self.rng.uniform(1.0, 2.6)),
            "synthetic": True,
        }
        if fund.id.startswith("fund:esf"):
            properties["programme_area"] = self.rng.choice(_PROGRAMME_AREAS)
            properties["esf_region"] = next(r for r, codes in _ESF_REGIONS.items() if home in codes.split())
        return properties

    def _link_earlier(self, home: str, project: str, start: dt.date, sources: list[str]) -> None:
        earlier = self.history[home]
        if not earlier:
            return
        if self.rng.random() < 0.12:
            for other, _, other_end in (self.rng.choice(earlier) for _ in range(3)):
                if other_end < start:
                    self._link(RelType.BUILDS_ON, project, other, sources=sources)
                    break
        if self.rng.random() < 0.06:
            other, other_start, other_end = self.rng.choice(earlier)
            if other_start <= start <= other_end:
                self._link(RelType.COLLABORATES_WITH, project, other, sources=sources)
