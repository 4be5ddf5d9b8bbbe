"""The curation API adds what extraction missed: relationships to known actors and new organisations,
the project's fields, merges, and decides what the text only mentions; all of it with the curator's
evidence and a source that says it was added by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphapp.curation import Workspace
from graphapp.records import load_dataset
from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship
from graphapp.store import MemoryStore
from tests.api.conftest import KEY, assert_problem
from tests.api.test_curation import upload
from tests.curation.documents import NEWS_ITEM, VANSBRO

PROJECT = "project:vanskap"  # the name the extractor takes: half the project's name


def edit(client: TestClient, draft: str, *edits: dict[str, Any]) -> dict[str, Any]:
    done = client.post(f"/api/curation/drafts/{draft}/edits", json=list(edits), headers=KEY)
    assert done.status_code == 200, done.text
    result: dict[str, Any] = done.json()
    return result


def refused(client: TestClient, draft: str, status: int, *edits: dict[str, Any]) -> dict[str, Any]:
    return assert_problem(client.post(f"/api/curation/drafts/{draft}/edits", json=list(edits), headers=KEY), status)


def sentence(client: TestClient, draft: str, words: str) -> str:
    """The sentence of the draft's document that holds ``words``, as the page offers it."""
    text = client.get(f"/api/curation/drafts/{draft}/text", headers=KEY).json()
    found: str = next(s["text"] for doc in text["documents"] for s in doc["sentences"] if words in s["text"])
    return found


def by_hand(draft: dict[str, Any]) -> str:
    (doc_id,) = [i for i, d in draft["documents"].items() if d.get("by_hand")]
    return doc_id


def test_the_document_is_offered_sentence_by_sentence_beside_the_draft(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    text = curator.get(f"/api/curation/drafts/{draft}/text", headers=KEY).json()
    (doc,) = text["documents"]
    assert doc["title"] == "Idrott och gemenskap för nyanlända i Vansbro"
    assert [s["paragraph"] for s in doc["sentences"][:3]] == [True, True, False]
    assert doc["sentences"][2]["text"] == "Vansbro kommun bidrar med 150 000 kronor till projektet."


def test_relationships_are_added_to_a_known_actor_and_a_new_organisation_and_written(
    curator: TestClient, memory: MemoryStore, data_copy: Path
) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    clubs = sentence(curator, draft, "Järna SK")
    owner = sentence(curator, draft, "Svenska kyrkan")
    edited = edit(
        curator,
        draft,
        {"action": "add", "actor": VANSBRO, "role": "municipality", "evidence": clubs},
        {
            "action": "add",
            "organisation": {"name": "Järna SK", "kind": "ngo", "municipality": VANSBRO},
            "role": "partner",
            "evidence": clubs,
        },
        {
            "action": "add",
            "organisation": {"name": "Svenska kyrkan i Vansbro", "kind": "ngo"},
            "role": "owner",
            "evidence": owner,
        },
    )
    rels = {r["key"]: r for r in edited["relationships"]}
    curator_doc = by_hand(edited)
    partner = rels[f"org:jarna-sk|PARTICIPATES_IN|{PROJECT}"]
    assert (partner["role"], partner["decision"], partner["by_hand"]) == ("partner", "accepted", True)
    # the extractor may have found the club too: the curator's reading is one more source of it
    assert partner["evidence"] == clubs and curator_doc in partner["sources"]
    assert rels[f"org:svenska-kyrkan-i-vansbro|OWNS|{PROJECT}"]["role"] is None  # the type says it
    assert rels[f"{VANSBRO}|PARTICIPATES_IN|{PROJECT}"]["role"] == "municipality"
    club = next(n for n in edited["nodes"] if n["id"] == "org:jarna-sk")
    assert (club["properties"], club["by_hand"], club["in_graph"]) == (
        {"kind": "ngo", "county_code": "20"},
        True,
        False,
    )
    assert edited["documents"][curator_doc]["title"] == "Idrott och gemenskap för nyanlända i Vansbro"

    written = curator.post(f"/api/curation/drafts/{draft}/accept", json={}, headers=KEY)
    assert written.status_code == 200, written.text
    (rel,) = memory.find_relationships([("org:jarna-sk", "PARTICIPATES_IN", PROJECT)])
    assert curator_doc in rel.sources and rel.properties["role"] == "partner"
    document = memory.get_node(curator_doc)
    assert document.properties["by_hand"] is True and document.name == "Idrott och gemenskap för nyanlända i Vansbro"
    assert memory.get_node("org:jarna-sk").properties.items() >= {"kind": "ngo", "county_code": "20"}.items()
    assert "org:svenska-kyrkan-i-vansbro" in load_dataset(data_copy).nodes  # kept for the next start


def test_a_relationship_the_draft_proposes_already_is_accepted_with_the_curators_word(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    key = f"{VANSBRO}|CO_FUNDS|{PROJECT}"
    proposed = curator.get(f"/api/curation/drafts/{draft}", headers=KEY).json()
    extracted = {r["key"]: r for r in proposed["relationships"]}[key]
    said = sentence(curator, draft, "bidrar med")
    edited = edit(
        curator,
        draft,
        {"action": "add", "actor": VANSBRO, "role": "co_funder", "amount_sek": 160_000, "evidence": said},
    )
    rel = {r["key"]: r for r in edited["relationships"]}[key]
    assert (rel["amount_sek"], rel["decision"], rel["by_hand"]) == (160_000, "accepted", True)
    assert set(rel["sources"]) == {*extracted["sources"], by_hand(edited)}
    assert len(edited["relationships"]) == len(proposed["relationships"])


def test_a_unit_is_placed_in_its_municipality_and_a_known_name_is_not_made_anew(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    said = sentence(curator, draft, "bidrar med")
    unit = {"name": "Fritidsförvaltningen", "kind": "municipal_unit", "municipality": VANSBRO}
    kommun = {"name": "Vansbro kommun", "kind": "company"}  # the tables know it: the municipality, not a company
    edited = edit(
        curator,
        draft,
        {"action": "add", "organisation": unit, "role": "host", "evidence": said},
        {"action": "add", "organisation": kommun, "role": "owner", "evidence": said},
    )
    rels = {r["key"]: r for r in edited["relationships"]}
    placed = "org:vansbro-kommun/fritidsforvaltningen"
    assert rels[f"{placed}|PART_OF|{VANSBRO}"]["by_hand"] is True
    assert rels[f"{placed}|PARTICIPATES_IN|{PROJECT}"]["role"] == "host"
    assert next(n for n in edited["nodes"] if n["id"] == placed)["name"] == "Fritidsförvaltningen, Vansbro kommun"
    assert f"{VANSBRO}|OWNS|{PROJECT}" in rels


def test_the_project_is_renamed_and_given_its_period_grant_and_status(curator: TestClient, memory: MemoryStore) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    fields = {
        "name": "Vänskap på planen",
        "start": "2024-08",  # known to the month
        "end": "2025-06-30",
        "status": "ongoing",
        "grant_sek": 400_000,
    }
    edited = edit(curator, draft, {"action": "project", "project": fields})
    new = "project:vanskap-pa-planen"
    project = next(n for n in edited["nodes"] if n["label"] == "Project")
    assert project["id"] == new and project["name"] == "Vänskap på planen" and project["by_hand"] is True
    assert project["properties"]["start"] == "2024-08" and project["properties"]["grant_sek"] == 400_000
    assert all(r["end"] == new for r in edited["relationships"])  # every relationship follows the new id
    assert by_hand(edited) in project["sources"]
    cleared = edit(curator, draft, {"action": "project", "project": {"grant_sek": None}})
    assert "grant_sek" not in next(n for n in cleared["nodes"] if n["id"] == new)["properties"]
    edit(curator, draft, {"action": "decide_all", "decision": "accepted"})
    assert curator.post(f"/api/curation/drafts/{draft}/accept", json={}, headers=KEY).status_code == 200
    node = memory.get_node(new)
    props = node.properties
    assert (node.name, props["start"], props["start_precision"], props["end"]) == (
        "Vänskap på planen",
        dt.date(2024, 8, 1),  # a month is stored as its first day, with its precision beside it
        "month",
        dt.date(2025, 6, 30),
    )
    assert "end_precision" not in props
    assert by_hand(edited) in {doc.id for doc in memory.neighbours(new).nodes}


def test_a_proposed_actor_is_merged_into_the_graphs_or_into_another_of_the_draft(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    said = sentence(curator, draft, "Järna SK")
    edit(
        curator,
        draft,
        {"action": "add", "organisation": {"name": "Järna SK", "kind": "ngo"}, "role": "partner", "evidence": said},
        {
            "action": "add",
            "organisation": {"name": "Järna sportklubb", "kind": "ngo"},
            "role": "stakeholder",
            "evidence": said,
        },
    )
    merged = edit(curator, draft, {"action": "merge", "key": "org:jarna-sportklubb", "target": "org:jarna-sk"})
    ids = {n["id"] for n in merged["nodes"]}
    assert "org:jarna-sportklubb" not in ids and "org:jarna-sk" in ids
    into_graph = edit(curator, draft, {"action": "merge", "key": "org:jarna-sk", "target": "org:fryksdalens-sparbank"})
    assert f"org:fryksdalens-sparbank|PARTICIPATES_IN|{PROJECT}" in {r["key"] for r in into_graph["relationships"]}
    body = refused(curator, draft, 400, {"action": "merge", "key": "org:fryksdalens-sparbank", "target": PROJECT})
    assert body["code"] == "merge_projects"


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({"action": "add", "actor": VANSBRO, "role": "partner", "evidence": "  "}, "no_evidence"),
        ({"action": "add", "actor": VANSBRO, "role": "värdkommun", "evidence": "x"}, "not_a_role"),
        ({"action": "add", "actor": VANSBRO, "role": "partner", "amount_sek": 5, "evidence": "x"}, "amount_not_here"),
        ({"action": "add", "actor": "fund:amif", "role": "partner", "evidence": "x"}, "role_not_for_actor"),
        (
            {
                "action": "add",
                "organisation": {"name": "Anna Andersson", "kind": "ngo"},
                "role": "partner",
                "evidence": "x",
            },
            "personal_name",
        ),
        (
            {"action": "add", "organisation": {"name": "Klubben", "kind": "club"}, "role": "partner", "evidence": "x"},
            "not_a_kind",
        ),
        ({"action": "add", "role": "partner", "evidence": "x"}, "add_who"),
        ({"action": "project", "project": {"start": "snart"}}, "not_a_date"),
        ({"action": "project", "project": {"start": "2025-06-30", "end": "2024-08-01"}}, "end_before_start"),
        ({"action": "role", "key": f"{VANSBRO}|CO_FUNDS|{PROJECT}", "role": "funder"}, "role_not_for_type"),
    ],
)
def test_what_makes_no_sense_is_refused_with_a_code_the_page_words(
    curator: TestClient, bad: dict[str, Any], code: str
) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    before = curator.get(f"/api/curation/drafts/{draft}", headers=KEY).json()
    assert refused(curator, draft, 400, bad)["code"] == code
    assert curator.get(f"/api/curation/drafts/{draft}", headers=KEY).json() == before


def test_evidence_typed_by_hand_passes_the_privacy_rules_and_a_fund_gets_its_grant(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    said = "Beslut om stöd, fråga anna.berg@example.se eller ring 010-486 00 16."
    edited = edit(curator, draft, {"action": "add", "actor": "fund:amif", "role": "funder", "amount_sek": 900_000,
                                   "evidence": said})  # fmt: skip
    rel = {r["key"]: r for r in edited["relationships"]}[f"fund:amif|FUNDS|{PROJECT}"]
    assert rel["amount_sek"] == 900_000 and rel["role"] is None
    assert "@" not in rel["evidence"] and "486" not in rel["evidence"] and "[e-post]" in rel["evidence"]


def test_a_missing_node_is_refused_with_its_id(curator: TestClient) -> None:
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    body = refused(curator, draft, 404, {"action": "add", "actor": "org:nobody", "role": "partner", "evidence": "x"})
    assert (body["code"], body["params"]) == ("not_in_graph", {"id": "org:nobody"})


def test_mentioned_actors_are_decided_with_a_type_and_role_or_rejected(curator: TestClient, data_copy: Path) -> None:
    doc = "document:" + "a" * 40
    proposal = Proposal(source="kort.txt", kind="document", documents={doc: {"title": "Kort nyhet"}})
    proposal.add_node(ProposedNode(id="project:p", label="Project", name="P"))
    for actor, name in ((VANSBRO, "Vansbro"), ("agency:arbetsformedlingen", "Arbetsförmedlingen")):
        proposal.add_node(ProposedNode(id=actor, label="Municipality", name=name, known=True))
        proposal.relate(
            ProposedRelationship(
                type="PARTICIPATES_IN",
                start=actor,
                end="project:p",
                sources=[doc],
                evidence=f"{name} nämns.",
                mentioned=True,
            )
        )
    draft = Workspace(data_copy / "curation", data_copy).new_draft(proposal).id
    mentioned = f"{VANSBRO}|PARTICIPATES_IN|project:p"
    decided = edit(
        curator,
        draft,
        {"action": "role", "key": mentioned, "role": "co_funder"},
        {"action": "decide", "key": f"{VANSBRO}|CO_FUNDS|project:p", "decision": "accepted"},
        {"action": "decide", "key": "agency:arbetsformedlingen|PARTICIPATES_IN|project:p", "decision": "rejected"},
    )
    rels = {r["key"]: r for r in decided["relationships"]}
    funder = rels[f"{VANSBRO}|CO_FUNDS|project:p"]
    assert (funder["mentioned"], funder["decision"], funder["role"], funder["evidence"]) == (
        True,
        "accepted",
        None,
        "Vansbro nämns.",
    )
    assert mentioned not in rels
    assert rels["agency:arbetsformedlingen|PARTICIPATES_IN|project:p"]["decision"] == "rejected"
