"""Names in cells to graph nodes, through the same gazetteer and rules as extraction.

The one place the import calls into :mod:`graphapp.extract`: the gazetteer built from
``data/reference/`` and the extraction's :class:`~graphapp.extract.Resolver` decide what a name stands for (a
municipality in any of its forms, a county, an agency or its local unit, a municipal
department, a fund, another organisation). What they cannot resolve stays an
``Organization`` with ``resolved: false``; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphapp.extract import Gazetteer, load_gazetteer
from graphapp.extract import Resolver as NameResolver
from graphapp.extract.privacy import scrub
from graphapp.records.proposal import ProposedNode
from graphapp.records.reference import reference_graph
from graphapp.sheets.cells import CellError
from graphapp.tables import read_table
from graphapp.textnorm import fold, slugify

__all__ = ["Resolved", "Resolver"]

#: How sure a name's reading is: a name of the reference tables, an organisation named by
#: its own name, and a name left unresolved.
CONFIDENCE_REFERENCE = 0.95
CONFIDENCE_NAMED = 0.8
CONFIDENCE_UNRESOLVED = 0.5
_PLAIN_BOARD = "agency:lansstyrelsen"
_LABELS = {"municipality": "Municipality", "county": "County", "agency": "Agency", "fund": "Fund"}


@dataclass(frozen=True, slots=True)
class Resolved:
    node: ProposedNode
    part_of: str | None  #: the parent of a local unit or municipal department
    confidence: float


class Resolver:
    """Built once per import from the reference tables (a quarter of a second)."""

    def __init__(self, gazetteer: Gazetteer, reference: dict[str, tuple[str, str]], counties: dict[str, str]) -> None:
        self.gazetteer = gazetteer
        self._names = NameResolver(gazetteer)  # the extraction's resolver: one for documents and spreadsheets
        self._reference = reference  # id -> (label, name) of every node of the reference tables
        self.reference_ids = frozenset(reference)
        self._counties = counties  # folded name, short name, code or letter -> two-digit code

    @classmethod
    def load(cls, reference_dir: Path) -> Resolver:
        counties: dict[str, str] = {}
        for row in read_table(reference_dir / "counties.csv", ("code", "name", "short_name", "letter")):
            for key in (row["name"], row["short_name"], row["code"], row["letter"], f"{row['short_name']}s län"):
                counties[fold(key)] = row["code"]
            counties[fold(f"county:{row['code']}")] = row["code"]
        reference = {n.id: (n.label.value, n.name) for n in reference_graph(reference_dir).nodes.values()}
        return cls(load_gazetteer(reference_dir), reference, counties)

    def known(self, node_id: str) -> ProposedNode:
        """A node of the reference tables (or, for another id, a node known by id only)."""
        label, name = self._reference.get(node_id, (_label_of(node_id), node_id))
        return ProposedNode(id=node_id, label=label, name=name, known=True)

    @staticmethod
    def is_personal(name: str) -> bool:
        """Whether a cell that should name an organisation names a person, or holds an e-mail address or
        phone number (the extractor's privacy rules decide)."""
        return bool(scrub(name).dropped)

    def county(self, name: str) -> str:
        """The two-digit code of a county named, abbreviated, coded or lettered any usual way."""
        code = self._counties.get(fold(name.strip()))
        if code is None:
            raise CellError(f"{name!r} is not a county (expected a name such as Kronobergs län, a code or a letter)")
        return code

    def municipality(self, name: str) -> ProposedNode | None:
        """A municipality in any of its forms (``Falun``, ``Falu kommun``, ``FALU KOMMUN``), else None."""
        for form in _spellings(name):
            mentions = self.gazetteer.find(form)
            if (
                len(mentions) == 1
                and mentions[0].entity.kind == "municipality"
                and mentions[0].start == 0
                and mentions[0].end >= len(form.rstrip(" ."))
            ):
                entity = mentions[0].entity
                return ProposedNode(id=entity.id, label="Municipality", name=entity.name, known=True)
        return None

    def actor(self, phrase: str, scope: str, counties: list[str]) -> Resolved | None:
        """Who ``phrase`` names; ``scope`` (the project's slug) names unresolved departments, and the
        row's ``counties`` tell which county board a plain "Länsstyrelsen" is, when there is one."""
        best: Resolved | None = None
        for form in _spellings(phrase):
            found = self._names.actor(form, scope)
            if found is None:
                continue
            resolved = self._node(found.node.id, found.node.kind, found.node.name, found.node.properties, counties)
            candidate = Resolved(resolved[0], found.part_of, resolved[1])
            if best is None or candidate.confidence > best.confidence:
                best = candidate
            if candidate.confidence >= CONFIDENCE_REFERENCE:
                break
        if best is not None and best.node.label == "Organization" and best.node.name != phrase.strip():
            best.node.name = phrase.strip()  # keep the spelling of the cell, not a re-cased try
        return best

    def fund(self, text: str, start_year: int | None) -> str:
        """The fund id a cell names (``AMIF``, ``Europeiska socialfonden``, ``ESF 2014-2020``); plain ESF is
        the programme whose years hold the project's start, and a cell that leaves it open is a problem."""
        funds = self.gazetteer.funds
        folded = fold(text.strip())
        for fund_id, (_, _, programme) in funds.items():
            if folded in (fold(fund_id), fold(fund_id.removeprefix("fund:")), fold(programme)):
                return fund_id
        mentions = [m for form in _spellings(text) for m in self.gazetteer.find(form) if m.entity.kind == "fund"]
        if not mentions:
            raise CellError(f"{text!r} is not a fund the reference tables know ({', '.join(sorted(funds))})")
        fund_id = mentions[0].entity.id
        if fund_id in funds:
            return fund_id
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", text)] or ([start_year] if start_year else [])
        programmes = {f: _nominal_years(p) for f, (_, _, p) in funds.items() if f.startswith(f"{fund_id}-")}
        chosen = [f for f, (first, last) in programmes.items() if years and first <= years[0] <= last]
        if len(chosen) != 1:
            raise CellError(
                f"{text!r}: say which programme ({', '.join(funds[f][2] for f in sorted(programmes))}); "
                + ("the project's start does not tell" if years else "the project has no start date to tell")
            )
        return chosen[0]

    def _node(
        self, node_id: str, kind: str, name: str, props: dict[str, object], counties: list[str]
    ) -> tuple[ProposedNode, float]:
        county = props.get("county_code")
        if node_id == _PLAIN_BOARD:
            if len(counties) == 1:
                board = self.gazetteer.board_by_county.get(counties[0])
                if board is not None:
                    return ProposedNode(id=board.id, label="Agency", name=board.name, known=True), CONFIDENCE_NAMED
            unresolved = {"kind": "unknown", "resolved": False}
            return ProposedNode(
                id=f"org:{slugify(name)}-{'-'.join(counties) or 'okand'}",
                label="Organization",
                name=name,
                properties=unresolved,
            ), CONFIDENCE_UNRESOLVED
        if kind == "fund" and node_id not in self.reference_ids:
            raise CellError(f"{name!r} is a fund: give funds in the fund column")
        if node_id in self.reference_ids:
            return ProposedNode(id=node_id, label=_LABELS[kind], name=name, known=True), CONFIDENCE_REFERENCE
        if kind == "agency":
            properties: dict[str, object] = {"kind": props.get("agency_kind", "agency")}
            if county:
                properties["county_code"] = county
            return ProposedNode(id=node_id, label="Agency", name=name, properties=properties), CONFIDENCE_REFERENCE
        properties = {"kind": props.get("org_kind", "unknown")}
        if county:
            properties["county_code"] = county
        if props.get("resolved") is False:
            properties["resolved"] = False
            return ProposedNode(
                id=node_id, label="Organization", name=name, properties=properties
            ), CONFIDENCE_UNRESOLVED
        return ProposedNode(id=node_id, label="Organization", name=name, properties=properties), CONFIDENCE_NAMED

    def unresolved(self, name: str, scope: str) -> ProposedNode:
        """A name that should have been a municipality but is none the tables know."""
        return ProposedNode(
            id=f"org:{scope}/{slugify(name)}",
            label="Organization",
            name=name,
            properties={"kind": "unknown", "resolved": False},
        )


def _label_of(node_id: str) -> str:
    prefix = node_id.split(":", 1)[0]
    return {"org": "Organization", "project": "Project"}.get(prefix, _LABELS.get(prefix, "Organization"))


def _nominal_years(programme: str) -> tuple[int, int]:
    years = [int(y) for y in re.findall(r"\d{4}", programme)]
    return (years[0], years[-1]) if years else (0, 0)


def _spellings(phrase: str) -> list[str]:
    """The cell as written, and for a name in capitals (``SUNNE KOMMUN``) its usual casings."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" .")
    letters = [c for c in phrase if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return [phrase, phrase.capitalize(), phrase.title()]
    return [phrase]
