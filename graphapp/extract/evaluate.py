"""How well extraction reads real documents: precision, recall and F1 against hand-made gold.

A corpus folder holds ``docs/<name>.<ext>`` (any format :func:`~graphapp.extract.readers.read_document`
reads) and ``gold/<name>.json`` (the annotation schema of ``tests/extract/corpus/README.md``).
Three kinds are scored, summed over all documents:

* municipalities, by SCB code: those linked to a project in any role (owner, participant,
  co-funder, or through a department of theirs that takes part);
* funds, by family (ESF, ESF+, AMIF, EIF, ERF, ERUF): those that fund a project;
* agencies, by agency and local unit (``Arbetsförmedlingen i Malmö`` is not ``Arbetsförmedlingen``),
  samordningsförbund and state universities included, the association SKR not: those linked to a
  project in any role. A gold ``Länsstyrelsen`` without its county matches the one county board
  the extractor names (the gold does not say which).

Only what the draft claims is scored: a relationship proposed because the text merely names an
actor (``mentioned``, for the curator to decide) is not a find; the gold names among those are
counted apart (``decide``). Gold names are resolved with the same
:class:`~graphapp.extract.resolver.Resolver` the extractor uses; a name it cannot place is
compared by its slug.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphapp.errors import GraphappError
from graphapp.extract.gazetteer import PLAIN_BOARD, Gazetteer
from graphapp.extract.pipeline import extract_text
from graphapp.extract.readers import read_document
from graphapp.extract.resolver import Resolver
from graphapp.textnorm import fold, slugify

__all__ = ["KINDS", "DocumentScore", "Evaluation", "KindScore", "evaluate_corpus", "predicted", "score_drafts"]

KINDS = ("municipalities", "funds", "agencies")
_ROLE_TYPES = frozenset({"OWNS", "PARTICIPATES_IN", "CO_FUNDS", "FUNDS"})
_NOT_AGENCIES = frozenset({"municipal_association"})


@dataclass(frozen=True, slots=True)
class KindScore:
    found: int
    expected: int
    hits: int
    #: gold names not found but proposed as mentioned (for the curator to decide): not counted as found
    decide: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_finds: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


@dataclass
class Evaluation:
    folder: str
    kinds: dict[str, KindScore]
    documents: list[DocumentScore]

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "kinds": {
                kind: {
                    "found": s.found,
                    "gold": s.expected,
                    "hits": s.hits,
                    "decide": s.decide,
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                }
                for kind, s in self.kinds.items()
            },
            "documents": [
                {"name": d.name, "misses": d.misses, "false_finds": d.false_finds, "error": d.error}
                for d in self.documents
            ],
        }

    def lines(self) -> list[str]:
        """The report ``graphapp extract --evaluate`` prints."""
        out = [
            f"{self.folder}: {len(self.documents)} documents",
            f"{'kind':<16}{'found':>6}{'gold':>6}{'hits':>6}{'precision':>11}{'recall':>8}{'F1':>7}{'decide':>8}",
        ]
        for kind, s in self.kinds.items():
            out.append(
                f"{kind:<16}{s.found:>6}{s.expected:>6}{s.hits:>6}{s.precision:>11.2f}{s.recall:>8.2f}{s.f1:>7.2f}"
                f"{s.decide:>8}"
            )
        for doc in self.documents:
            if doc.error:
                out.append(f"{doc.name}: error: {doc.error}")
                continue
            parts = [f"miss {kind} {', '.join(v)}" for kind, v in doc.misses.items() if v]
            parts += [f"false {kind} {', '.join(v)}" for kind, v in doc.false_finds.items() if v]
            if parts:
                out.append(f"{doc.name}: " + "; ".join(parts))
        return out


def evaluate_corpus(folder: Path, gaz: Gazetteer) -> Evaluation:
    """Extract every document of ``folder/docs`` and score it against ``folder/gold``."""
    drafts: dict[str, dict[str, Any] | str] = {}
    golds: dict[str, dict[str, Any]] = {}
    for gold_path in sorted((folder / "gold").glob("*.json")):
        golds[gold_path.stem] = json.loads(gold_path.read_text(encoding="utf-8"))
        documents = sorted(p for p in (folder / "docs").glob(f"{gold_path.stem}.*") if p.is_file())
        if not documents:
            drafts[gold_path.stem] = "no document for this gold file"
            continue
        try:
            source = read_document(documents[0])
            draft = extract_text(source.text, documents[0].name, gaz, source.format, source.original, source.url)
            drafts[gold_path.stem] = draft.to_json()
        except GraphappError as exc:
            drafts[gold_path.stem] = exc.detail
    return score_drafts(str(folder), drafts, golds, gaz)


def score_drafts(
    folder: str, drafts: dict[str, dict[str, Any] | str], golds: dict[str, dict[str, Any]], gaz: Gazetteer
) -> Evaluation:
    """Score drafts (the JSON of ``graphapp extract --json``, or an error message) against gold, by name."""
    resolver = Resolver(gaz)
    totals = {kind: [0, 0, 0, 0] for kind in KINDS}
    documents = []
    for name, gold in golds.items():
        draft = drafts.get(name, "not extracted")
        doc = DocumentScore(name)
        documents.append(doc)
        if isinstance(draft, str):
            doc.error = draft
            found = {kind: set[str]() for kind in KINDS}
            named = {kind: set[str]() for kind in KINDS}
        else:
            found = predicted(draft, gaz)
            named = predicted(draft, gaz, mentioned=True)
        expected = _gold(gold, resolver, gaz)
        _lenient_boards(found["agencies"], expected["agencies"])
        _lenient_boards(named["agencies"], expected["agencies"] - found["agencies"])
        for kind in KINDS:
            hits = found[kind] & expected[kind]
            totals[kind][0] += len(found[kind])
            totals[kind][1] += len(expected[kind])
            totals[kind][2] += len(hits)
            totals[kind][3] += len((named[kind] - found[kind]) & expected[kind])
            doc.misses[kind] = sorted(expected[kind] - found[kind])
            doc.false_finds[kind] = sorted(found[kind] - expected[kind])
    return Evaluation(folder, {kind: KindScore(*totals[kind]) for kind in KINDS}, documents)


def predicted(draft: dict[str, Any], gaz: Gazetteer, mentioned: bool = False) -> dict[str, set[str]]:
    """The keys a draft proposes for each scored kind: those it claims, or (``mentioned``) those it
    proposes only because the text names them, for the curator to decide."""
    kinds = {node["id"]: node.get("agency_kind") for node in draft["nodes"]}
    projects = {node["id"] for node in draft["nodes"] if node["kind"] == "project"}
    parents = {r["start"]: r["end"] for r in draft["relationships"] if r["type"] == "PART_OF"}
    out: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for rel in draft["relationships"]:
        if rel["type"] not in _ROLE_TYPES or rel["end"] not in projects or bool(rel.get("mentioned")) != mentioned:
            continue
        start = rel["start"]
        if start.startswith("fund:"):
            out["funds"].add(_family(start, gaz))
        elif start.startswith("agency:") and _agency_kind(start, kinds, gaz) not in _NOT_AGENCIES:
            out["agencies"].add(start)
        elif start.startswith("municipality:"):
            out["municipalities"].add(start.removeprefix("municipality:"))
        parent = parents.get(start, "")
        if parent.startswith("municipality:"):  # a department of a municipality that takes part
            out["municipalities"].add(parent.removeprefix("municipality:"))
    return out


def _agency_kind(agency_id: str, kinds: dict[str, str | None], gaz: Gazetteer) -> str | None:
    known = gaz.entities.get(agency_id)
    return kinds.get(agency_id) or (known.agency_kind if known else None)


def _family(fund_id: str, gaz: Gazetteer) -> str:
    programme = gaz.funds.get(fund_id, (0, 0, "ESF"))[2]
    return programme.split()[0]


def _gold(gold: dict[str, Any], resolver: Resolver, gaz: Gazetteer) -> dict[str, set[str]]:
    by_name = {fold(e.name): e for e in gaz.municipality_by_name.values()}
    by_name.update({fold(e.official_name or ""): e for e in gaz.municipality_by_name.values()})
    municipalities = set()
    for name in gold.get("municipalities", []):
        entity = by_name.get(fold(name))
        municipalities.add(entity.id.removeprefix("municipality:") if entity else f"unknown:{name}")
    agencies = set()
    for name in gold.get("agencies", []):
        resolution = resolver.resolve(name)
        known = resolution.id is not None and resolution.id.startswith("agency:")
        agencies.add(resolution.id if known and resolution.id else f"agency:{slugify(name)}")
    return {"municipalities": municipalities, "funds": set(gold.get("funds", [])), "agencies": agencies}


def _lenient_boards(found: set[str], expected: set[str]) -> None:
    """A gold ``Länsstyrelsen`` (county not given) matches one county board the draft names."""
    if PLAIN_BOARD not in expected or PLAIN_BOARD in found:
        return
    boards = sorted(a for a in found - expected if a.startswith("agency:lansstyrelsen-"))
    if boards:
        found.discard(boards[0])
        found.add(PLAIN_BOARD)
