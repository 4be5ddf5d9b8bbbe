"""One role vocabulary: records, extraction, spreadsheets and the pages speak its codes; free text maps onto it."""

from __future__ import annotations

import pytest

from graphapp.extract import extract_text
from graphapp.extract.draft import Draft, DraftNode, DraftRelationship
from graphapp.extract.gazetteer import load_gazetteer
from graphapp.model import GraphData, RelType
from graphapp.records import parse_record_file
from graphapp.records.proposal import ProposedRelationship
from graphapp.roles import ROLES, Role, read_role, roles_of
from graphapp.views.i18n import LANGS, role_name, strings, value_name
from tests.conftest import DATA_DIR

_DOC = "document:0123456789abcdef0123456789abcdef01234567"


def _record(role: str, rel_type: str = "PARTICIPATES_IN", note: str | None = None) -> str:
    extra = f", note: {note}" if note else ""
    return f"""\
project: {{id: project:p, name: P}}
documents:
  - {{id: &doc {_DOC}, title: A note}}
relationships:
  - {{type: {rel_type}, start: municipality:0780, end: project:p, role: "{role}"{extra}, sources: [*doc]}}
"""


@pytest.mark.parametrize(
    ("legacy", "code"),
    [
        ("municipality", "municipality"),
        ("partner", "partner"),
        ("listed actor", "participant"),
        ("stakeholder", "stakeholder"),
        ("sub-project", "sub_project"),
        ("host unit", "host"),
        ("dialogue partner", "dialogue_partner"),
        ("Samverkanspartner", "partner"),
        ("DELTAGANDE KOMMUN", "municipality"),
    ],
)
def test_a_record_file_with_a_free_text_role_loads_with_its_code(legacy: str, code: str) -> None:
    rel = parse_record_file(_record(legacy), "old.yaml").relationships[0]
    assert (rel.role, rel.note) == (code, None)


def test_text_that_names_no_role_is_kept_as_the_note_never_lost() -> None:
    text = "funder and co-host of the regional conference"
    rel = parse_record_file(_record(text, note="Named in the news item."), "old.yaml").relationships[0]
    assert rel.role is None
    assert rel.note == f"Named in the news item.; role: {text}"


def test_a_role_of_another_type_is_kept_as_the_note_and_the_type_own_role_is_implied() -> None:
    co_funds = parse_record_file(_record("partner", "CO_FUNDS"), "old.yaml").relationships[0]
    assert (co_funds.role, co_funds.note) == (None, "role: partner")
    owns = parse_record_file(_record("projektägare", "OWNS"), "old.yaml").relationships[0]
    assert (owns.role, owns.note) == (None, None)


def test_every_role_of_the_curated_records_is_a_code_of_the_vocabulary(dataset: GraphData) -> None:
    roles = {r.properties["role"] for r in dataset.relationships.values() if "role" in r.properties}
    assert roles <= {role.value for role in roles_of(RelType.PARTICIPATES_IN)}
    assert {"municipality", "partner", "participant", "stakeholder", "sub_project", "host"} <= roles
    raw = "\n".join(p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "projects").glob("*.yaml")))
    for legacy in ("listed actor", "host unit", "sub-project", "dialogue partner", "co-host of the regional"):
        assert f"role: {legacy}" not in raw


def test_every_role_belongs_to_one_type_and_has_a_word_in_every_language() -> None:
    assert {role.rel_type for role in ROLES} == {
        RelType.OWNS,
        RelType.FUNDS,
        RelType.CO_FUNDS,
        RelType.PARTICIPATES_IN,
    }
    for lang in LANGS:
        words = [role_name(role, lang) for role in ROLES]
        assert len(set(words)) == len(ROLES) and all(w and "_" not in w for w in words)
    assert role_name(Role.CO_FUNDER, "sv") == "medfinansiär"
    assert role_name("municipality", "en") == "participating municipality"
    assert value_name("sub_project", "sv") == "driver ett delprojekt"
    assert strings("sv")["role.dialogue_partner"] == "dialogpartner"
    assert role_name("something else", "sv") == "something else"


def test_the_extractor_parts_map_onto_the_vocabulary() -> None:
    assert read_role("co-funder", "CO_FUNDS") == (None, None)
    assert read_role("receiver", "PARTICIPATES_IN") == ("participant", None)
    assert read_role("owner", "PARTICIPATES_IN") == (None, "role: owner")
    draft = Draft("f.txt", _DOC, "T", "text/plain", DraftNode("project:p", "project", "P"))
    draft.relate(DraftRelationship(RelType.PARTICIPATES_IN, "org:a", "project:p", {"role": "dialogue partner"}))
    draft.relate(DraftRelationship(RelType.PARTICIPATES_IN, "org:b", "project:p", {"role": "listed actor"}))
    assert [r.properties["role"] for r in draft.relationships.values()] == ["dialogue_partner", "participant"]


def test_a_proposal_reads_a_spreadsheet_role_onto_the_vocabulary() -> None:
    rel = ProposedRelationship(
        type="PARTICIPATES_IN", start="org:a", end="project:p", sources=[_DOC], role="Samarbetspartner"
    )
    assert (rel.role, rel.note) == ("partner", None)
    odd = ProposedRelationship(type="PARTICIPATES_IN", start="org:a", end="project:p", sources=[_DOC], role="coach")
    assert (odd.role, odd.note) == (None, "role: coach")
    assert ProposedRelationship.model_validate(odd.model_dump()) == odd  # a saved draft reads back the same


def test_the_seed_drafts_speak_the_vocabulary() -> None:
    gazetteer = load_gazetteer(DATA_DIR / "reference")
    codes = {role.value for role in roles_of(RelType.PARTICIPATES_IN)}
    for path in sorted((DATA_DIR / "documents").glob("*.txt")):
        draft = extract_text(path.read_text(encoding="utf-8"), path.name, gazetteer)
        roles = {r.properties["role"] for r in draft.relationships.values() if "role" in r.properties}
        assert roles <= codes, path.name
