"""Documents written for these tests, in both formats: what each must and must not yield."""

from __future__ import annotations

from typing import Any

import pytest

from graphapp.extract import Gazetteer, extract_text, read_document
from tests.extract.conftest import DOCUMENTS

# file -> (relationships that must be there, relationships that must not, words a warning must contain)
CASES: dict[str, tuple[set[tuple[str, str, str]], set[tuple[str, str, str]], list[str]]] = {
    "esf_vastra_gotaland.txt": (
        {
            ("OWNS", "municipality:1494", "project:nya-vagar-till-jobb-i-skaraborg"),
            ("PARTICIPATES_IN", "municipality:1470", "project:nya-vagar-till-jobb-i-skaraborg"),  # Vara, in the list
            ("CO_FUNDS", "agency:arbetsformedlingen/skovde", "project:nya-vagar-till-jobb-i-skaraborg"),
            ("PART_OF", "agency:arbetsformedlingen/skovde", "agency:arbetsformedlingen"),
            ("CO_FUNDS", "org:coompanion-skaraborg", "project:nya-vagar-till-jobb-i-skaraborg"),
            ("FUNDS", "fund:esf-2014-2020", "project:nya-vagar-till-jobb-i-skaraborg"),
        },
        {("PARTICIPATES_IN", "municipality:1463", "project:nya-vagar-till-jobb-i-skaraborg")},  # "mark" the noun
        ["Socialförvaltningen", "personal data dropped"],
    ),
    "learning_example.html": (
        {
            ("OWNS", "municipality:1490", "project:sprakvan-sjuharad"),  # "Borås stad"
            ("PARTICIPATES_IN", "municipality:1491", "project:sprakvan-sjuharad"),  # "Ulricehamns kommun"
            ("PART_OF", "agency:migrationsverket/boras", "agency:migrationsverket"),
            ("CO_FUNDS", "org:sjuharads-sparbank", "project:sprakvan-sjuharad"),
            ("FUNDS", "fund:esf-2014-2020", "project:sprakvan-sjuharad"),
        },
        {
            ("PARTICIPATES_IN", "municipality:2584", "project:sprakvan-sjuharad"),  # Kiruna, only in a script
            ("OWNS", "municipality:1280", "project:sprakvan-sjuharad"),
        },  # Malmö, only in a script
        ["1 e-mail", "1 phone"],
    ),
    "news_board_inferred.md": (
        {
            ("OWNS", "municipality:2580", "project:motesplats-norr"),
            ("PARTICIPATES_IN", "municipality:2582", "project:motesplats-norr"),  # "Bodens kommun"
            ("CO_FUNDS", "agency:lansstyrelsen-norrbotten", "project:motesplats-norr"),
        },
        {("PARTICIPATES_IN", "municipality:2581", "project:motesplats-norr")},  # Piteå: a place merely mentioned
        ["personal name"],
    ),
    "ambiguous_names.txt": (
        {
            ("OWNS", "municipality:1463", "project:grona-jobb"),  # "Marks kommun"
            ("PARTICIPATES_IN", "municipality:1443", "project:grona-jobb"),
            ("PARTICIPATES_IN", "municipality:1490", "project:grona-jobb"),
        },
        {
            ("PARTICIPATES_IN", "municipality:2062", "project:grona-jobb"),  # Mora Träff is a café
            ("PARTICIPATES_IN", "municipality:1883", "project:grona-jobb"),  # Nora Lind is a person
            ("PARTICIPATES_IN", "municipality:1470", "project:grona-jobb"),
        },  # "vara med"
        [],
    ),
    "latin1_report.txt": (
        {
            ("OWNS", "municipality:1780", "project:varmlandsk-samverkan"),
            ("PARTICIPATES_IN", "municipality:1784", "project:varmlandsk-samverkan"),
            ("PARTICIPATES_IN", "municipality:1785", "project:varmlandsk-samverkan"),
        },
        set(),
        [],
    ),
    "unresolved_board.txt": (
        {("PARTICIPATES_IN", "agency:lansstyrelsen", "project:brobyggarna")},
        set(),
        ["Länsstyrelsen"],
    ),
    "no_actor.txt": (set(), set(), ["no actor found"]),
}


def _extract(name: str, gazetteer: Gazetteer) -> dict[str, Any]:
    source = read_document(DOCUMENTS / name)
    return extract_text(source.text, name, gazetteer, source.format, source.original).to_json()


@pytest.mark.parametrize("name", sorted(CASES))
def test_document(name: str, gazetteer: Gazetteer) -> None:
    must, must_not, warnings = CASES[name]
    out = _extract(name, gazetteer)
    found = {(r["type"], r["start"], r["end"]) for r in out["relationships"]}
    assert must <= found, f"missing: {must - found}"
    assert not (must_not & found), f"should not be there: {must_not & found}"
    for words in warnings:
        assert any(words in w for w in out["warnings"]), out["warnings"]
    if name == "no_actor.txt":
        assert out["relationships"] == []


def test_json_shape(gazetteer: Gazetteer) -> None:
    out = _extract("esf_vastra_gotaland.txt", gazetteer)
    assert set(out) >= {"file", "nodes", "relationships", "warnings"}
    kinds = {n["kind"] for n in out["nodes"]}
    assert kinds <= {"project", "municipality", "county", "agency", "organization", "fund"}
    for rel in out["relationships"]:
        assert set(rel) == {"type", "start", "end", "properties", "evidence", "confidence"}
        assert 0 < rel["confidence"] <= 1
    project = next(n for n in out["nodes"] if n["kind"] == "project")
    assert project["grant_sek"] == 3_400_000 and project["total_budget_sek"] == 6_800_500
    assert (project["start"], project["end"]) == ("2016-03-01", "2018-02-28")


def test_unresolved_units_are_marked(gazetteer: Gazetteer) -> None:
    out = _extract("esf_vastra_gotaland.txt", gazetteer)
    unit = next(n for n in out["nodes"] if n["name"] == "Socialförvaltningen")
    assert unit["resolved"] is False


def test_latin1_is_decoded() -> None:
    source = read_document(DOCUMENTS / "latin1_report.txt")
    assert "Värmländsk" in source.text and source.encoding in ("windows-1252", "latin-1")


def test_html_scripts_are_dropped() -> None:
    source = read_document(DOCUMENTS / "learning_example.html")
    assert "Kiruna" not in source.text and "alert" not in source.text and source.format == "text/html"
