"""The seeds against their curated records: precision and recall per kind.

Municipalities and funds must be exact (1.0 both ways). The table is printed
(``pytest -s``) for agencies, co-funding organisations and amounts too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graphapp.extract import Gazetteer, extract_text, read_document
from tests.conftest import DATA_DIR

KINDS = ("municipality", "fund", "agency", "org co-funder", "amount")


def _curated() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA_DIR / "projects").glob("*.yaml"))]


def _facts(relationships: list[dict[str, Any]]) -> dict[str, set[Any]]:
    facts: dict[str, set[Any]] = {kind: set() for kind in KINDS}
    for rel in relationships:
        if rel["type"] in ("PART_OF", "IN_COUNTY"):
            continue
        for end in (rel["start"], rel["end"]):
            prefix = end.split(":", 1)[0]
            if prefix in ("municipality", "fund", "agency"):
                facts[prefix].add(end)
        if rel["type"] == "CO_FUNDS" and rel["start"].startswith("org:"):
            facts["org co-funder"].add(rel["start"])
        amount = rel.get("amount_sek", (rel.get("properties") or {}).get("amount_sek"))
        if amount is not None:
            facts["amount"].add((rel["type"], rel["start"], amount))
    return facts


def _extracted(seeds_dir: Path, record: dict[str, Any], gazetteer: Gazetteer) -> dict[str, set[Any]]:
    relationships: list[dict[str, Any]] = []
    for document in record["documents"]:
        source = read_document(seeds_dir / document["seed"])
        draft = extract_text(source.text, document["seed"], gazetteer, source.format, source.original)
        assert draft.document_id == document["id"], "the document id is the sha1 of the text"
        relationships += draft.to_json()["relationships"]
    return _facts(relationships)


def _score(found: set[Any], expected: set[Any]) -> tuple[float, float]:
    hits = len(found & expected)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    return precision, recall


def test_seeds_reproduce_the_curated_records(seeds_dir: Path, gazetteer: Gazetteer) -> None:
    totals: dict[str, list[set[Any]]] = {kind: [set(), set()] for kind in KINDS}
    for record in _curated():
        found = _extracted(seeds_dir, record, gazetteer)
        expected = _facts(record["relationships"])
        for kind in KINDS:
            tag = record["project"]["id"]
            totals[kind][0] |= {(tag, f) for f in found[kind]}
            totals[kind][1] |= {(tag, f) for f in expected[kind]}
    rows = {kind: _score(*totals[kind]) for kind in KINDS}
    print("\nkind              precision  recall  (extracted / curated)")
    for kind, (precision, recall) in rows.items():
        print(f"{kind:<17} {precision:9.2f}  {recall:6.2f}  ({len(totals[kind][0])} / {len(totals[kind][1])})")
    assert rows["municipality"] == (1.0, 1.0)
    assert rows["fund"] == (1.0, 1.0)


def test_two_documents_about_one_project_give_one_project(seeds_dir: Path, gazetteer: Gazetteer) -> None:
    from graphapp.extract import draft_record
    from graphapp.records import parse_record_file

    drafts = []
    for name in ("000_31f3f629f554fd2f.txt", "001_250c904b4f89acbe.txt"):
        source = read_document(seeds_dir / name)
        drafts.append(extract_text(source.text, name, gazetteer, source.format, source.original))
    assert {d.project.id for d in drafts} == {"project:connecting-people"}
    record = draft_record(drafts, set())
    owns = [r for r in record["relationships"] if r["type"] == "OWNS"]
    assert len(owns) == 1 and len(owns[0]["sources"]) == 2
    assert record["project"]["start"] == "2016-06-01"
    parse_record_file(yaml.safe_dump(record, allow_unicode=True), "draft")


@pytest.mark.parametrize("name", ["000_31f3f629f554fd2f.txt", "002_7d4e4a7fde03d5bb.txt",
                                  "003_5f618cd08aa289ed.txt", "004_8d179525cbe56a76.txt"])
def test_no_personal_data_in_the_output(seeds_dir: Path, gazetteer: Gazetteer, name: str) -> None:
    source = read_document(seeds_dir / name)
    out = str(extract_text(source.text, name, gazetteer).to_json())
    assert "@" not in out
    for person in ("Kristina", "Sahlander", "Nyström", "Tosic", "Heidkamp", "Schala"):
        assert person not in out
