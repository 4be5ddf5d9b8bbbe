"""The organisation recogniser and project links, on documents written for these tests.

``esf_sprakbron_halland.txt`` is a project-bank page, ``news_natverk_gavleborg.html`` a news
item; both are invented. Each names organisations that take part (partner, dialogue
partner), one only mentioned, one first spelled out and later called by its acronym, an
earlier project with its acronym, and another project with its own participants.
"""

from __future__ import annotations

from typing import Any

import pytest

from graphapp.extract import Gazetteer, extract_text, read_document
from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import Draft, DraftNode
from graphapp.extract.rules.organisations import find_organisations
from tests.extract.conftest import DOCUMENTS

HALLAND = "project:sprakbron-halland"
GAVLE = "project:etableringslyftet"


def _extract(name: str, gazetteer: Gazetteer) -> dict[str, Any]:
    source = read_document(DOCUMENTS / name)
    return extract_text(source.text, name, gazetteer, source.format, source.original).to_json()


def _roles(out: dict[str, Any]) -> dict[tuple[str, str], str | None]:
    return {
        (r["start"], r["end"]): r["properties"].get("role")
        for r in out["relationships"]
        if r["type"] == "PARTICIPATES_IN"
    }


def _links(out: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(r["type"], r["start"], r["end"]) for r in out["relationships"]}


def test_esf_page_participants_and_roles(gazetteer: Gazetteer) -> None:
    roles = _roles(_extract("esf_sprakbron_halland.txt", gazetteer))
    assert roles[("org:studieforbundet-vuxenskolan-halland", HALLAND)] == "partner"  # "tillsammans med"
    assert roles[("agency:hogskolan-i-halmstad", HALLAND)] == "partner"  # a state university: an agency
    assert roles[("org:foretagarna-halland", HALLAND)] == "dialogue_partner"  # "i nära dialog med"
    assert roles[("agency:samordningsforbundet-halland", HALLAND)] == "partner"  # only through its acronym
    assert ("org:vuxenskolan-halland", HALLAND) not in roles  # no second, shorter name inside the first
    assert ("org:sprakbron-halland", HALLAND) not in roles  # the project's own name is not an organisation


def test_mentioned_only_gives_no_relationship_but_a_warning(gazetteer: Gazetteer) -> None:
    out = _extract("esf_sprakbron_halland.txt", gazetteer)
    assert not any("fastighets" in r["start"] for r in out["relationships"])
    assert not any("fastighets" in n["id"] for n in out["nodes"])
    assert any("mentioned without a role" in w and "Halmstads Fastighets AB" in w for w in out["warnings"])


def test_acronym_resolves_to_the_full_name(gazetteer: Gazetteer) -> None:
    out = _extract("esf_sprakbron_halland.txt", gazetteer)
    node = next(n for n in out["nodes"] if n["id"] == "agency:samordningsforbundet-halland")
    assert node["name"] == "Samordningsförbundet Halland" and node["agency_kind"] == "coordination_association"
    assert not any(n["id"] in ("org:sfh", "org:samordningsforbundet-halland") for n in out["nodes"])


def test_esf_page_project_links(gazetteer: Gazetteer) -> None:
    out = _extract("esf_sprakbron_halland.txt", gazetteer)
    links = _links(out)
    assert ("BUILDS_ON", HALLAND, "project:sprakstegen-i-halmstad") in links  # "bygger vidare på erfarenheterna från"
    assert ("COLLABORATES_WITH", HALLAND, "project:jobbsteget") in links  # name cut before "kring"
    # "I projektet Jobbsteget deltar Laholms kommun och Hylte kommun": they take part in Jobbsteget ...
    assert ("PARTICIPATES_IN", "municipality:1315", "project:jobbsteget") in links
    assert ("PARTICIPATES_IN", "municipality:1381", "project:jobbsteget") in links
    # ... Hylte not in Språkbron (Laholm is, from the page's own list of municipalities)
    assert ("PARTICIPATES_IN", "municipality:1315", HALLAND) not in links
    assert ("PARTICIPATES_IN", "municipality:1381", HALLAND) in links
    assert ("PARTICIPATES_IN", "municipality:1380", HALLAND) not in links  # the owner takes part by owning
    earlier = next(n for n in out["nodes"] if n["id"] == "project:sprakstegen-i-halmstad")
    assert earlier["name"] == "Språkstegen i Halmstad (SSH)"


def test_news_html_participants(gazetteer: Gazetteer) -> None:
    out = _extract("news_natverk_gavleborg.html", gazetteer)
    roles = _roles(out)
    assert roles[("org:roda-korset", GAVLE)] == "partner"
    assert roles[("org:folkuniversitetet", GAVLE)] == "partner"  # one word, capitalised mid-sentence
    assert roles[("org:halsingelands-utbildningsforbund", GAVLE)] == "partner"  # "HUF deltar"
    assert roles[("org:gavle-folkhogskola", GAVLE)] == "dialogue_partner"
    assert not any(key[0] == "org:radda-barnen" for key in roles)  # only in a script
    names = {n["id"]: n for n in out["nodes"]}
    assert names["org:halsingelands-utbildningsforbund"]["name"] == "Hälsingelands Utbildningsförbund (HUF)"
    assert names["org:gavle-folkhogskola"]["county_code"] == "21"
    assert not any("sandvik-coromant" in key or "gavle-energi" in key for key in names)
    assert any("Sandvik Coromant AB" in w and "Gävle Energi AB" in w for w in out["warnings"])
    assert ("BUILDS_ON", GAVLE, "project:integration-i-gavleborg") in _links(out)


def _orgs(text: str, gazetteer: Gazetteer) -> list[tuple[str, str | None]]:
    draft = Draft("t.txt", "document:x", "t", "text/plain", DraftNode("project:testet", "project", "Testet", {}))
    ctx = DocumentContext.build(text, gazetteer, draft)
    return [(org.name, org.acronym) for org in find_organisations(ctx)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi samverkar med Fryksdalens sparbank.", [("Fryksdalens sparbank", None)]),
        (
            "Parter är Mångkulturell Kunskap MK Ekonomisk förening och Region Dalarna.",
            [("Mångkulturell Kunskap MK Ekonomisk förening", None)],
        ),
        (
            "Projektet samarbetar med Handikapprörelsens Idé- och KunskapsCentrum i Växjö (HIKC).",
            [("Handikapprörelsens Idé- och KunskapsCentrum", "HIKC")],
        ),
        ("Regionförbundet södra Småland och Länsstyrelsen deltar.", [("Regionförbundet södra Småland", None)]),
        ("Arbetet sker i dialog med Validering Kronoberg.", [("Validering Kronoberg", None)]),
        ("Deltagarna studerar vid Linnéuniversitetet och Sunne kommun.", []),  # a state university: an agency
        ("Föreningen har många medlemmar och en stiftelse stöttar.", []),  # generic words name no one
        ("Länets s.k. Lärcenter prövas.", []),
        ("I Sunne finns en bank.", []),
        (  # sports clubs by their marks, a parish
            "Projektet drivs med Mora IK, Färnäs SK, IFK Mora och Mora församling.",
            [("Mora IK", None), ("Färnäs SK", None), ("IFK Mora", None), ("Mora församling", None)],
        ),
    ],
)
def test_recogniser(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _orgs(text, gazetteer) == expected


def test_a_church_led_item_with_a_co_funding_municipality_and_three_clubs(gazetteer: Gazetteer) -> None:
    """An organisation is owner or co-funder by the same words as any other actor."""
    text = (
        "Kyrkan startar språkcafé\n\nSvenska kyrkan i Mora startar ett integrationsprojekt för nyanlända. "
        "Projektet medfinansieras av Mora kommun och drivs tillsammans med Mora IK, Färnäs SK och IFK Mora.\n"
    )
    out = extract_text(text, "t.txt", gazetteer).to_json()
    project = out["nodes"][0]["id"]
    rels = {(r["type"], r["start"]) for r in out["relationships"] if r["end"] == project}
    assert {
        ("OWNS", "org:svenska-kyrkan"),
        ("CO_FUNDS", "municipality:2062"),
        ("PARTICIPATES_IN", "org:mora-ik"),
        ("PARTICIPATES_IN", "org:farnas-sk"),
        ("PARTICIPATES_IN", "org:ifk-mora"),
    } <= rels
