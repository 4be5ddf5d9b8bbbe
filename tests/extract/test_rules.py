"""The general mechanisms, one table each, on short texts written for these tests: the parts a
sentence gives, lists after cues, names in capitals and genitives, local units, ministries,
samordningsförbund, and the labelled fields of each project-bank layout."""

from __future__ import annotations

from typing import Any

import pytest

from graphapp.extract import Gazetteer, Resolver, extract_text
from graphapp.extract.fields import parse_fields
from graphapp.extract.readers import decode_bytes
from graphapp.extract.roles import Role, roles_in

P = "project:testet"


def _rels(text: str, gazetteer: Gazetteer, mentioned: bool = False) -> set[tuple[str, str]]:
    """What the text claims takes part in the project (or, ``mentioned``, what it only names)."""
    out: dict[str, Any] = extract_text(f"Projektet Testet\n\n{text}\n", "t.txt", gazetteer).to_json()
    return {
        (r["type"], r["start"])
        for r in out["relationships"]
        if r["end"] == P and r.get("mentioned", False) == mentioned
    }


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Projektet drivs av Växjö kommun.", "Växjö kommun", Role.OWNER),
        ("Projektet genomförs med Stockholms stad som huvudman.", "Stockholms stad", Role.OWNER),
        ("Regeringen uppdrar åt Skolverket att utreda frågan.", "Skolverket", Role.OWNER),
        ("Projektet finansieras av Region Skåne.", "Region Skåne", Role.CO_FUNDER),
        ("Länsstyrelsen i Skåne län har beviljat 2 miljoner kronor.", "Länsstyrelsen i Skåne län", Role.CO_FUNDER),
        ("Europeiska socialfonden har beviljat Lunds kommun 3 miljoner.", "Lunds kommun", Role.RECEIVER),
        ("Arbetet sker i samråd med Försäkringskassan.", "Försäkringskassan", Role.PARTNER),
        ("Arbetsförmedlingen och Migrationsverket ska gemensamt redovisa.", "Arbetsförmedlingen", Role.PARTNER),
        ("Rapporten lämnas till Arbetsförmedlingen senast i maj.", "Arbetsförmedlingen", None),
        ("Vi har tagit upp detta med Skolverket utan resultat.", "Skolverket", None),
        ("Det samverkar vi om, säger [namn], chef på Försäkringskassan.", "Försäkringskassan", None),
        ("Mötet hölls i Växjö kommun i maj.", "Växjö kommun", None),
    ],
)
def test_the_part_a_sentence_gives(gazetteer: Gazetteer, sentence: str, name: str, role: Role | None) -> None:
    mentions = gazetteer.find(sentence)
    mention = next(m for m in mentions if sentence[m.start : m.end] == name)
    assert roles_in(sentence, 0, mentions).get(mention.start) == role


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Projektet sker i samverkan med kommunerna Avesta, Hedemora och Säter.",
            {("PARTICIPATES_IN", "municipality:2084"), ("PARTICIPATES_IN", "municipality:2082")},
            set(),
        ),
        (
            "Projektet är ett samarbete mellan Länsstyrelsen och fyra av länets kommuner \u2013 "
            "Vara, Skara, Mark och Ale.",
            {("PARTICIPATES_IN", "municipality:1470"), ("PARTICIPATES_IN", "municipality:1440")},
            set(),
        ),
        (
            "Verksamheten finansieras gemensamt av kommunerna Salem, Nacka och Tyresö.",
            {("CO_FUNDS", "municipality:0128"), ("CO_FUNDS", "municipality:0182")},
            set(),
        ),
        (
            "Flyttströmmarna har gått mellan kommunerna Stockholm, Solna och Sundbyberg.",  # no part: a flow of movers
            set(),
            {("PARTICIPATES_IN", "municipality:0180")},
        ),
        (
            "Plats: Fagersta, Köping och Skinnskattebergs kommuner",  # a field, an elided genitive list
            {("PARTICIPATES_IN", "municipality:1982"), ("PARTICIPATES_IN", "municipality:1904")},
            set(),
        ),
    ],
)
def test_lists_after_cues(gazetteer: Gazetteer, text: str, present: set[Any], absent: set[Any]) -> None:
    found = _rels(text, gazetteer)
    assert present <= found and not (absent & found), found


@pytest.mark.parametrize(
    ("name", "node_id", "part_of"),
    [
        ("Arbetsförmedlingen i Malmö", "agency:arbetsformedlingen/malmo", "agency:arbetsformedlingen"),
        ("AMO Ljungby", "agency:arbetsformedlingen/ljungby", "agency:arbetsformedlingen"),
        ("Migrationsverkets mottagningsenhet i Alvesta", "agency:migrationsverket/alvesta", "agency:migrationsverket"),
        (
            "Regeringskansliet, Arbetsmarknadsdepartementet",
            "agency:regeringskansliet/arbetsmarknadsdepartementet",
            "agency:regeringskansliet",
        ),
        ("Samordningsförbundet Värend", "agency:samordningsforbundet-varend", None),
        ("Norra Västmanlands Samordningsförbund", "agency:samordningsforbundet-norra-vastmanland", None),
        ("Samordningsförbundet Norra Västmanland", "agency:samordningsforbundet-norra-vastmanland", None),
        ("Sveriges lantbruksuniversitet", "agency:sveriges-lantbruksuniversitet", None),
        ("SLU", "agency:sveriges-lantbruksuniversitet", None),
        ("Malmö högskola", "agency:malmo-universitet", None),
        ("Integrationsverket", "agency:integrationsverket", None),
        ("STOCKHOLMS KOMMUN", "municipality:0180", None),
        ("Tingsryds kommun", "municipality:0763", None),
        ("Malmö Stad", "municipality:1280", None),
        (
            "Höörs kommun, Kultur, arbete och folkhälsa",
            "org:hoors-kommun/kultur-arbete-och-folkhalsa",
            "municipality:1267",
        ),
    ],
)
def test_resolver(gazetteer: Gazetteer, name: str, node_id: str, part_of: str | None) -> None:
    resolution = Resolver(gazetteer).resolve(name)
    assert (resolution.id, resolution.part_of) == (node_id, part_of)


def test_an_acronym_in_brackets_is_the_name_before_it(gazetteer: Gazetteer) -> None:
    text = "Projektet samverkar med Institute for Samhällsforskning (ISF) och Samordningsförbundet Halland (SFH)."
    ids = [m.entity.id for m in gazetteer.find(text)]
    assert "agency:inspektionen-for-socialforsakringen" not in ids  # ISF here is not the inspectorate
    assert ids.count("agency:samordningsforbundet-halland") == 1
    later = gazetteer.find(text + " SFH bjuder in.")
    assert [m.entity.id for m in later].count("agency:samordningsforbundet-halland") == 2


def test_the_municipality_by_reference(gazetteer: Gazetteer) -> None:
    found = _rels(
        "Projektet ska kartlägga arbetslösa i Bjurholms kommun. Kommunen samverkar med föreningarna.", gazetteer
    )
    assert ("PARTICIPATES_IN", "municipality:2403") in found


@pytest.mark.parametrize(
    "page",
    [
        "Testet\n\nProjektägare:\nSTOCKHOLMS KOMMUN\nFond:\nESF+\nBeviljat ESF-stöd:\n1 000 000\n"
        "Projektperiod:\n2023-09-01 - 2026-08-31\n\nText om projektet.\n",
        "Testet\n\nProgramområdeA\nProjektägareSTOCKHOLMS KOMMUN\nBeviljat ESF-stöd1 000 000 kr\n"
        "Projektperiod2023-09-01 till 2026-08-31\nBerörd fondEuropeiska socialfonden+\n\nText om projektet.\n",
        "1 Slutrapport Projektnamn: Testet Projektägare: Stockholms stad Fond: ESF+ Medfinansiärer: "
        "Arbetsförmedlingen Projektperiod: 2023-09-01 - 2026-08-31\n\nText om projektet.\n",
    ],
)
def test_field_layouts(gazetteer: Gazetteer, page: str) -> None:
    fields = parse_fields(page)
    assert fields.labelled and fields.period is not None and fields.period.start is not None
    out = extract_text(page, "t.txt", gazetteer).to_json()
    rels = {(r["type"], r["start"]) for r in out["relationships"]}
    assert ("OWNS", "municipality:0180") in rels
    assert ("FUNDS", "fund:esf-plus-2021-2027") in rels
    assert out["nodes"][0]["name"] == "Testet"


def test_a_project_bank_page_saved_as_html_table(gazetteer: Gazetteer) -> None:
    html = (
        "<html><head><title>Projekt</title><script>var x = 'Malmö kommun';</script></head><body>"
        "<h1>Testet</h1><table><tr><th>Projektägare</th> <td>Höörs kommun, Kultur</td></tr>"
        "<tr><th>Beviljat ESF-stöd</th><td>1 981 742</td></tr>"
        "<tr><th>Projektperiod</th><td>2022-09-01 - 2023-09-30</td></tr>"
        "<tr><th>Specifikt mål</th><td>2.4</td></tr></table>"
        "<p>Projektet samverkar med Arbetsförmedlingen i Hässleholm.</p></body></html>"
    )
    source = decode_bytes(html.encode("utf-8"), "page.html", ".html")
    out = extract_text(source.text, "page.html", gazetteer, source.format).to_json()
    rels = {(r["type"], r["start"], r["end"]) for r in out["relationships"]}
    assert ("OWNS", "org:hoors-kommun/kultur", P) in rels and (
        "PART_OF",
        "org:hoors-kommun/kultur",
        "municipality:1267",
    )
    assert ("PARTICIPATES_IN", "agency:arbetsformedlingen/hassleholm", P) in rels
    assert ("FUNDS", "fund:esf-2014-2020", P) in rels  # specific objective 2.4: the 2014-2020 programme
    assert not any("1280" in r["start"] for r in out["relationships"])  # Malmö only in a script


def test_a_header_block_of_label_space_value_lines(gazetteer: Gazetteer) -> None:
    text = (
        "Testet\n\nProjektägare Höörs kommun\nBeviljat ESF-stöd 1 981 742 kr\n"
        "Projektperiod 2022-09-01 - 2023-09-30\n\nRegion Skåne deltar.\nRegion Halland deltar.\n"
    )
    out = extract_text(text, "t.txt", gazetteer).to_json()
    rels = {(r["type"], r["start"]) for r in out["relationships"]}
    assert ("OWNS", "municipality:1267") in rels
    assert {("PARTICIPATES_IN", "org:region-skane"), ("PARTICIPATES_IN", "org:region-halland")} <= rels


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (  # a list of known names introduced by wording no rule names
            "Försöket pågår under 2015 och de kommuner som är med är Norrköping, Alingsås, Ljusdal och Borlänge.",
            {("PARTICIPATES_IN", f"municipality:{code}") for code in ("0581", "1489", "2161", "2081")},
            set(),
        ),
        (  # an ordinary word (Eda) listed among plain place names is one; the office-holder is the agency
            "Arvika, Eda och Säffle kan få en gemensam arbetsmarknadsnämnd. Förslaget har undertecknats av "
            "kommunalråden och länsarbetsdirektören och gått på remiss till Region Värmland.",
            {("PARTICIPATES_IN", "municipality:1730"), ("PARTICIPATES_IN", "agency:arbetsformedlingen")},
            {("PARTICIPATES_IN", "org:region-varmland")},
        ),
        (  # … in capitals, a heading's list
            "DELTAGARE\n\nALINGSÅS, BORLÄNGE, LJUSDAL OCH NORRKÖPING\n\nProjektet startar i maj.",
            {("PARTICIPATES_IN", "municipality:1489"), ("PARTICIPATES_IN", "municipality:0581")},
            set(),
        ),
        (  # national agencies named together without a partnership cue
            "På de nya kontoren kommer Migrationsverket, Skatteverket, Arbetsförmedlingen och "
            "Försäkringskassan att finnas.",
            {("PARTICIPATES_IN", a) for a in ("agency:migrationsverket", "agency:skatteverket")},
            set(),
        ),
        (  # genitive names listed before their common noun
            "Kontor etableras i Haparanda, Strömsunds, Botkyrka och Malmö kommuner.",
            {("PARTICIPATES_IN", "municipality:2583"), ("PARTICIPATES_IN", "municipality:2313")},
            set(),
        ),
        (  # places as places: pilot sites, a study's area, a report's receivers
            "Projektet har haft fyra pilotorter: Alingsås, Borlänge, Ljusdal och Norrköping.",
            set(),
            {("PARTICIPATES_IN", "municipality:1489")},
        ),
        (
            "Kartläggningen gäller åtgärderna i kommunerna Fagersta, Norberg och Skinnskatteberg.",
            set(),
            {("PARTICIPATES_IN", "municipality:1982")},
        ),
        (
            "Rapporten lämnas till Arbetsmarknadsdepartementet med kopia till Migrationsverket, Skatteverket "
            "och Försäkringskassan.",
            set(),
            {("PARTICIPATES_IN", "agency:skatteverket")},
        ),
        (  # titles of office stand for their agency
            "Förslaget har tagits fram tillsammans med landshövdingen i Värmland och länsarbetsdirektören.",
            {("PARTICIPATES_IN", "agency:lansstyrelsen-varmland"), ("PARTICIPATES_IN", "agency:arbetsformedlingen")},
            set(),
        ),
        (  # a place in the genitive before its unit's name: the unit takes part, its municipality with it
            "Projektet genomförs i samverkan med Kristinehamns flyktingmottagning och Ljusdals AME.",
            {
                ("PARTICIPATES_IN", "org:kristinehamns-kommun/flyktingmottagning"),
                ("PARTICIPATES_IN", "org:ljusdals-kommun/ame"),
            },
            set(),
        ),
        (  # … and before an agency's name: its local office
            "Projektet drivs tillsammans med Sundsvalls arbetsförmedling.",
            {("PARTICIPATES_IN", "agency:arbetsformedlingen/sundsvall")},
            set(),
        ),
        (  # the other forms of a cue's verb
            "I år kommer kommunerna Norrköping, Ljusdal och Växjö att deltaga. "
            "Avtalet undertecknades av Region Gävleborg.",
            {("PARTICIPATES_IN", "municipality:0581"), ("PARTICIPATES_IN", "org:region-gavleborg")},
            set(),
        ),
    ],
)
def test_lists_titles_and_units(gazetteer: Gazetteer, text: str, present: set[Any], absent: set[Any]) -> None:
    found = _rels(text, gazetteer)
    assert present <= found and not (absent & found), found


def test_a_unit_of_a_place_in_the_genitive_is_part_of_it(gazetteer: Gazetteer) -> None:
    out = extract_text("Testet\n\nProjektet samverkar med Växjö kommuns flyktingmottagning.\n", "t.txt", gazetteer)
    rels = {(r["type"], r["start"], r["end"]) for r in out.to_json()["relationships"]}
    assert ("PART_OF", "org:vaxjo-kommun/flyktingmottagning", "municipality:0780") in rels


def test_headings_in_capitals_name_projects_and_their_owners(gazetteer: Gazetteer) -> None:
    text = (
        "Rapport\n\nGODA EXEMPEL FAMU STOCKHOLM STAD REPRISEN - PITEÅ KOMMUN SOLKRAFT - SKELLEFTEÅ KOMMUN "
        "PROJEKT OLIKA LÄNDER - KUNGSÖRS ARBETSMARKNADSENHET SPRÅKMOBILISERING - SAMORDNINGSFÖRBUNDET "
        "SÖDERTÄLJE PRIMÄRVÅRDBASERAD HÄLSOINFORMATION - NORRKÖPING 38\n\n"
        "Arbetet - Umeå kommun har inget med saken att göra.\n"
    )
    out = extract_text(text, "t.txt", gazetteer).to_json()
    rels = {(r["type"], r["start"], r["end"]) for r in out["relationships"] if not r.get("mentioned")}
    assert {
        ("OWNS", "municipality:2581", "project:reprisen"),
        ("OWNS", "municipality:2482", "project:solkraft"),
        ("OWNS", "org:kungsors-kommun/arbetsmarknadsenhet", "project:projekt-olika-lander"),
        ("PART_OF", "org:kungsors-kommun/arbetsmarknadsenhet", "municipality:1960"),
        ("OWNS", "agency:samordningsforbundet-sodertalje", "project:sprakmobilisering"),
        ("OWNS", "municipality:0581", "project:primarvardbaserad-halsoinformation"),
    } <= rels
    assert not any("2480" in r[1] for r in rels)  # a dash in running text joins no owner
    names = {n["id"]: n["name"] for n in out["nodes"]}
    assert names["agency:samordningsforbundet-sodertalje"] == "Samordningsförbundet Södertälje"


def test_a_short_item_without_parts_proposes_what_it_names(gazetteer: Gazetteer) -> None:
    """No sentence gives anyone a part: every actor named is proposed for the curator to decide."""
    text = (
        "Språkcafé i Ludvika\n\nSvenska kyrkan bjuder in nyanlända till språkcafé varje tisdag. "
        "Ludvika kommun och Arbetsförmedlingen finns på plats.\n"
    )
    out = extract_text(text, "t.txt", gazetteer).to_json()
    assert not _rels(text, gazetteer)  # nothing is claimed
    mentioned = {r["start"]: r for r in out["relationships"] if r.get("mentioned")}
    assert set(mentioned) == {"municipality:2085", "agency:arbetsformedlingen", "org:svenska-kyrkan"}
    assert all(r["type"] == "PARTICIPATES_IN" and not r["properties"].get("role") for r in mentioned.values())
    assert mentioned["municipality:2085"]["evidence"] == "Ludvika kommun och Arbetsförmedlingen finns på plats."
    assert not any("left out" in w for w in out["warnings"])  # the organisation is proposed, not left out


def test_when_an_actor_takes_part_nothing_is_guessed(gazetteer: Gazetteer) -> None:
    text = "Testet\n\nProjektet drivs av Ludvika kommun. Svenska kyrkan bjuder in till språkcafé.\n"
    out = extract_text(text, "t.txt", gazetteer).to_json()
    assert not any(r.get("mentioned") for r in out["relationships"])
    assert any("left out" in w and "Svenska kyrkan" in w for w in out["warnings"])
