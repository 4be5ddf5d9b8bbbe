"""Extraction on real documents, scored as ``graphapp extract --evaluate`` scores it: a floor at the
figures reached (README, "Extracting records from documents"), so that nothing slips back.

``corpus/`` is the development set the rules were written against; ``heldout/``, ``heldout2/`` and
``final/`` are real documents of the same kinds, annotated before the rules were changed and never
tuned to (``final/`` measured only before and after issue 25's rules).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphapp.cli import cli
from graphapp.extract import Gazetteer
from graphapp.extract.evaluate import KINDS, evaluate_corpus, score_drafts

HERE = Path(__file__).parent
#: (precision, recall, F1) reached per kind; the issue's targets are F1 >= 0.90 (municipalities,
#: funds) and >= 0.85 (agencies), each with precision >= 0.90.
FLOORS = {
    "corpus": {"municipalities": (1.0, 1.0, 1.0), "funds": (1.0, 1.0, 1.0), "agencies": (1.0, 0.98, 0.99)},
    "heldout": {"municipalities": (1.0, 0.93, 0.96), "funds": (1.0, 1.0, 1.0), "agencies": (1.0, 1.0, 1.0)},
    "heldout2": {"municipalities": (0.89, 1.0, 0.94), "funds": (1.0, 1.0, 1.0), "agencies": (1.0, 0.82, 0.90)},
    "final": {"municipalities": (1.0, 0.84, 0.91), "funds": (1.0, 1.0, 1.0), "agencies": (0.95, 0.83, 0.89)},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_do_not_slip_back(gazetteer: Gazetteer, corpus: str) -> None:
    evaluation = evaluate_corpus(HERE / corpus, gazetteer)
    print("\n" + "\n".join(evaluation.lines()))
    assert not [d.name for d in evaluation.documents if d.error]
    for kind in KINDS:
        score = evaluation.kinds[kind]
        reached = (round(score.precision, 2), round(score.recall, 2), round(score.f1, 2))
        assert all(v >= f for v, f in zip(reached, FLOORS[corpus][kind], strict=True)), (kind, reached)


def test_scoring_counts_by_code_family_and_unit(gazetteer: Gazetteer) -> None:
    gold = {
        "municipalities": ["Tingsryd", "Malmö"],
        "funds": ["ESF", "AMIF"],
        "agencies": ["Arbetsförmedlingen i Malmö", "Länsstyrelsen", "Sveriges lantbruksuniversitet"],
    }
    draft = {
        "nodes": [
            {"id": "project:p", "kind": "project"},
            {"id": "agency:skr", "kind": "agency", "agency_kind": "municipal_association"},
        ],
        "relationships": [
            {"type": "OWNS", "start": "municipality:0763", "end": "project:p"},
            {"type": "PARTICIPATES_IN", "start": "org:malmo-stad/socialtjansten", "end": "project:p"},
            {"type": "PART_OF", "start": "org:malmo-stad/socialtjansten", "end": "municipality:1280"},
            {"type": "FUNDS", "start": "fund:esf-2014-2020", "end": "project:p"},
            {"type": "FUNDS", "start": "fund:esf-plus-2021-2027", "end": "project:p"},
            {"type": "PARTICIPATES_IN", "start": "agency:arbetsformedlingen", "end": "project:p"},
            {"type": "CO_FUNDS", "start": "agency:lansstyrelsen-skane", "end": "project:p"},
            {"type": "PARTICIPATES_IN", "start": "agency:skr", "end": "project:p"},
            {"type": "PARTICIPATES_IN", "start": "agency:sveriges-lantbruksuniversitet", "end": "project:p"},
        ],
    }
    evaluation = score_drafts("test", {"doc": draft}, {"doc": gold}, gazetteer)
    doc = evaluation.documents[0]
    assert doc.misses == {
        "municipalities": [],
        "funds": ["AMIF"],
        "agencies": ["agency:arbetsformedlingen/malmo"],  # the unit, not the agency
    }
    assert doc.false_finds == {"municipalities": [], "funds": ["ESF+"], "agencies": ["agency:arbetsformedlingen"]}
    assert evaluation.kinds["agencies"].hits == 2  # a plain Länsstyrelsen matches the one board named; SKR not scored


def test_evaluate_command_prints_the_table_and_each_documents_misses() -> None:
    result = CliRunner().invoke(cli, ["extract", "--evaluate", str(HERE / "heldout")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["kind", "found", "gold", "hits", "precision", "recall", "F1", "decide"]
    assert [line.split()[0] for line in lines[2:5]] == list(KINDS)
    assert any(re.match(r"h\d\d_\w+: miss ", line) for line in lines[5:])
    as_json = json.loads(CliRunner().invoke(cli, ["extract", "--evaluate", str(HERE / "heldout"), "--json"]).output)
    assert set(as_json["kinds"]) == set(KINDS) and len(as_json["documents"]) == 17


@pytest.mark.parametrize("corpus", ["corpus", "heldout", "heldout2", "final"])
def test_no_personal_data_comes_out(corpus: str) -> None:
    """The corpora name real contact persons with e-mail addresses and phone numbers: none is printed."""
    files = [str(p) for p in sorted((HERE / corpus / "docs").iterdir())]
    result = CliRunner().invoke(cli, ["extract", "--json", *files])
    assert result.exit_code == 0, result.output
    people = {
        "corpus": [
            "Lina Bergström",
            "Lamme Lindh",
            "Uddling",
            "Zayat",
            "Fryklund",
            "Sjöberg",
            "Wendleby",
            "Westerdahl",
        ],
        "heldout": ["Susanne Persson", "Lindelöf", "Ellingsen", "Wiklund", "Saur Hedlund", "Mikkelson"],
        "heldout2": ["Micko", "Tommy Pettersson", "Mannheimer", "Winman", "Sahlander", "Bringlöv"],
        "final": ["Louise Andersson", "Thunholm", "Bylund Lindman", "Söderström", "Nyström", "Boman", "Norling"],
    }[corpus]
    for person in people:
        assert person not in result.output
    assert "@" not in result.output
    without_addresses = re.sub(r'"url": "[^"]*"', "", result.output)  # a page's address may hold a date
    assert not re.search(r"\b0\d{1,3}[- ]\d{2,3}[ -]?\d{2}[ -]?\d{2}\b", without_addresses)
