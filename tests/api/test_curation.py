"""The curation API: who may curate, what may be uploaded, and drafts from upload to the store and back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphapp.api import create_app
from graphapp.api.auth import COOKIE
from graphapp.model import GraphData
from graphapp.records import load_dataset
from graphapp.store import MemoryStore
from tests.api.conftest import API_KEY, KEY, ORIGIN, api_settings, assert_problem, loaded_neo4j
from tests.conftest import DATA_DIR
from tests.curation.documents import PAGE, PROJECT
from tests.sheets.builders import csv_bytes, project_list, workbook

NEWS = PAGE.encode()


def login(client: TestClient) -> str:
    """Log in on the page; the session's CSRF token, read from the page as its script reads it."""
    done = client.post("/curate/login", data={"key": API_KEY}, headers={"Origin": ORIGIN}, follow_redirects=False)
    assert done.status_code == 303, done.text
    cookie = done.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    page = client.get("/curate").text
    marker = '"csrf": "'
    return page[page.index(marker) + len(marker) :].split('"', 1)[0]


def upload(client: TestClient, name: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    done = client.post("/api/curation/drafts", params={"name": name}, content=body, headers=headers)
    assert done.status_code == 201, done.text
    result: dict[str, Any] = done.json()["drafts"][0]
    return result


def test_curation_is_off_without_a_key(memory: MemoryStore) -> None:
    with TestClient(create_app(api_settings(api_key=None), store=memory), base_url=ORIGIN) as client:
        assert_problem(client.get("/api/curation/drafts", headers=KEY), 403)
        assert "GRAPHAPP_API_KEY" in client.get("/curate").text


def test_an_unauthenticated_upload_is_refused(curator: TestClient) -> None:
    assert_problem(curator.post("/api/curation/drafts", params={"name": "a.txt"}, content=NEWS), 401)
    wrong = {"X-API-Key": "wrong"}
    assert_problem(curator.post("/api/curation/drafts", params={"name": "a.txt"}, content=NEWS, headers=wrong), 401)
    assert_problem(curator.get("/api/curation/drafts"), 401)


def test_a_wrong_key_does_not_log_in(curator: TestClient) -> None:
    done = curator.post("/curate/login", data={"key": "guess"}, headers={"Origin": ORIGIN}, follow_redirects=False)
    assert done.status_code == 401
    assert COOKIE not in done.headers.get("set-cookie", "")


def test_a_session_needs_its_csrf_token_and_this_origin(curator: TestClient) -> None:
    token = login(curator)
    url, params = "/api/curation/drafts", {"name": "a.txt"}
    body = assert_problem(curator.post(url, params=params, content=NEWS), 403)
    assert "CSRF" in body["detail"]
    cross = {"X-CSRF-Token": token, "Origin": "https://evil.example"}
    assert (
        "another site" in assert_problem(curator.post(url, params=params, content=NEWS, headers=cross), 403)["detail"]
    )
    sites = {"X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}
    assert_problem(curator.post(url, params=params, content=NEWS, headers=sites), 403)
    assert upload(curator, "a.txt", NEWS, {"X-CSRF-Token": token, "Origin": ORIGIN})["source"] == "a.txt"
    assert curator.get(url).status_code == 200  # reading drafts needs the session, not the token


def test_a_cross_site_login_is_refused(curator: TestClient) -> None:
    done = curator.post(
        "/curate/login", data={"key": API_KEY}, headers={"Origin": "https://evil.example"}, follow_redirects=False
    )
    assert done.status_code == 403 and "set-cookie" not in done.headers


def test_uploads_have_their_own_limit_above_the_apis_body_limit(curator: TestClient) -> None:
    from graphapp.api.limits import MAX_BODY_BYTES

    long = "Nyanlända får språkstöd och praktik i samverkan. " * 400  # a long description, 20 kB
    rows = [
        ["Projektnamn", "Projektägare", "Beskrivning"],
        *[[f"Projekt {n}", "Växjö kommun", long] for n in range(60)],
    ]
    sheet = csv_bytes(rows)
    assert len(sheet) > MAX_BODY_BYTES  # more than other endpoints take, less than GRAPHAPP_UPLOAD_MAX_MB
    done = curator.post("/api/curation/drafts", params={"name": "stor.csv"}, content=sheet, headers=KEY)
    assert done.status_code == 201, done.text
    assert done.json()["drafts"][0]["nodes"] == 60 + 1  # the projects and their owner
    assert_problem(curator.post("/api/records", content=b"x" * (MAX_BODY_BYTES + 1), headers=KEY), 413)


def test_uploads_are_limited_in_size_and_kind(memory: MemoryStore, data_copy: Path) -> None:
    settings = api_settings(data_dir=data_copy, upload_max_mb=0.01)
    with TestClient(create_app(settings, store=memory), base_url=ORIGIN) as client:
        big = assert_problem(client.post("/api/curation/drafts?name=a.txt", content=b"x" * 20_000, headers=KEY), 413)
        assert "0.01 MB" in big["detail"]
        assert_problem(client.post("/api/curation/drafts?name=a.exe", content=b"MZ", headers=KEY), 415)
        assert_problem(client.post("/api/curation/drafts?name=a.pdf", content=b"<html>", headers=KEY), 415)
        assert_problem(client.post("/api/curation/drafts?name=a.xlsx", content=b"%PDF-1.4", headers=KEY), 415)
        assert_problem(client.post("/api/curation/drafts?name=a.csv", content=b"a\x00b", headers=KEY), 415)
        assert_problem(client.post("/api/curation/drafts?name=.hidden.txt", content=b"x", headers=KEY), 422)


def test_a_document_is_proposed_decided_written_and_undone(
    curator: TestClient, memory: MemoryStore, data_copy: Path
) -> None:
    draft = upload(curator, "sprakvanner.txt", NEWS, KEY)
    full = curator.get(f"/api/curation/drafts/{draft['id']}", headers=KEY).json()
    keys = {r["key"]: r for r in full["relationships"]}
    owns = f"municipality:0764|OWNS|{PROJECT}"
    ljungby = f"municipality:0781|PARTICIPATES_IN|{PROJECT}"
    region = f"org:regionforbundet-sodra-smaland|CO_FUNDS|{PROJECT}"
    assert {owns, ljungby, region} <= set(keys), sorted(keys)
    assert all(r["decision"] == "pending" and r["evidence"] and 0 < r["confidence"] <= 1 for r in keys.values())
    unit = next(n for n in full["nodes"] if n["name"] == "Socialförvaltningen")
    assert unit["resolved"] is False
    edits = [
        {"action": "decide_all", "decision": "accepted"},
        {"action": "decide", "key": region, "decision": "rejected"},
        {"action": "role", "key": ljungby, "role": "host"},
        {"action": "locate", "key": unit["id"], "target": "municipality:0764"},
    ]
    edited = curator.post(f"/api/curation/drafts/{draft['id']}/edits", json=edits, headers=KEY).json()
    placed = "org:alvesta-kommun/socialforvaltningen"
    assert any(r["start"] == placed and r["type"] == "PART_OF" for r in edited["relationships"])
    written = curator.post(f"/api/curation/drafts/{draft['id']}/accept", json={}, headers=KEY)
    assert written.status_code == 200, written.text
    receipt = written.json()["receipt"]
    assert receipt["folder"].startswith("imports/sprakvanner-")
    (rel,) = memory.find_relationships([("municipality:0781", "PARTICIPATES_IN", PROJECT)])
    assert rel.properties["role"] == "host"
    assert memory.find_relationships([("org:regionforbundet-sodra-smaland", "CO_FUNDS", PROJECT)]) == []
    assert memory.get_node(placed).name == "Socialförvaltningen, Alvesta kommun"
    (source,) = rel.sources
    assert memory.get_node(source).name == "Språkvänner Kronoberg"  # the document is the source
    # the files are what the embedded store loads after a restart
    restarted = load_dataset(data_copy)
    assert PROJECT in restarted.nodes and placed in restarted.nodes
    undone = curator.post("/api/curation/undo", headers=KEY)
    assert undone.status_code == 200, undone.text
    assert memory.find_nodes([PROJECT, placed]) == []
    assert not (data_copy / receipt["folder"]).exists()
    again = curator.get(f"/api/curation/drafts/{draft['id']}", headers=KEY).json()
    assert again["status"] == "open"  # the draft can be decided again


def test_drafts_and_decisions_survive_a_restart(memory: MemoryStore, data_copy: Path) -> None:
    settings = api_settings(data_dir=data_copy)
    with TestClient(create_app(settings, store=memory), base_url=ORIGIN) as first:
        draft = upload(first, "sprakvanner.txt", NEWS, KEY)
        first.post(
            f"/api/curation/drafts/{draft['id']}/edits",
            json=[{"action": "decide_all", "decision": "rejected"}],
            headers=KEY,
        )
    with TestClient(create_app(settings, store=MemoryStore()), base_url=ORIGIN) as second:
        listed = second.get("/api/curation/drafts", headers=KEY).json()["drafts"]
        assert [d["id"] for d in listed] == [draft["id"]]
        kept = second.get(f"/api/curation/drafts/{draft['id']}", headers=KEY).json()
        assert {r["decision"] for r in kept["relationships"]} == {"rejected"}


def test_a_spreadsheet_with_bad_cells_writes_nothing_until_they_are_skipped(
    curator: TestClient, memory: MemoryStore, data_copy: Path
) -> None:
    rows = project_list()
    rows[1][10] = "31/12/2018"
    draft = upload(curator, "region.xlsx", workbook({"Projekt": rows}), KEY)
    assert draft["problems"] == 1
    before = memory.counts()
    refused = assert_problem(curator.post(f"/api/curation/drafts/{draft['id']}/accept", json={}, headers=KEY), 422)
    expected = "region.xlsx:Projekt:2:Slutdatum: '31/12/2018' is not a date (expected YYYY-MM-DD, YYYY-MM for a month"
    assert any(error.startswith(expected) for error in refused["errors"]), refused["errors"]
    assert memory.counts() == before and not (data_copy / "imports").exists()
    skipped = curator.post(f"/api/curation/drafts/{draft['id']}/accept", json={"skip_invalid": True}, headers=KEY)
    assert skipped.status_code == 200, skipped.text
    assert skipped.json()["receipt"]["projects"] == ["project:jobbsparet"]


def test_merge_lets_a_known_node_stand_for_a_new_one(curator: TestClient) -> None:
    draft = upload(curator, "sprakvanner.txt", NEWS, KEY)
    new = "org:regionforbundet-sodra-smaland"
    edits = [{"action": "merge", "key": new, "target": "org:fryksdalens-sparbank"}]
    merged = curator.post(f"/api/curation/drafts/{draft['id']}/edits", json=edits, headers=KEY).json()
    assert new not in {n["id"] for n in merged["nodes"]}
    assert any(r["start"] == "org:fryksdalens-sparbank" for r in merged["relationships"])
    url = f"/api/curation/drafts/{draft['id']}/edits"
    resolved = [{"action": "locate", "key": "municipality:0764", "target": "municipality:0780"}]
    assert "resolved already" in assert_problem(curator.post(url, json=resolved, headers=KEY), 400)["detail"]
    unknown = [{"action": "decide", "key": "org:nobody|OWNS|project:x", "decision": "accepted"}]
    assert_problem(curator.post(url, json=unknown, headers=KEY), 404)


def test_records_imported_on_the_embedded_store_survive_a_restart(curator: TestClient, data_copy: Path) -> None:
    from tests.api.test_records import RECORD

    done = curator.post("/api/records", json=RECORD, headers=KEY)
    assert done.status_code == 200, done.text
    files = sorted((data_copy / "imports").glob("api-*/*.yaml"))
    assert [f.name for f in files] == ["test-import.yaml"]
    assert "project:test-import" in load_dataset(data_copy).nodes


def test_a_record_file_stays_in_its_folder_whatever_the_project_id(curator: TestClient, data_copy: Path) -> None:
    import copy

    from tests.api.test_records import RECORD

    record = copy.deepcopy(RECORD)
    record["project"]["id"] = "project:a/../../../escaped"
    for rel in record["relationships"]:
        rel["end"] = record["project"]["id"]
    done = curator.post("/api/records", json=record, headers=KEY)
    assert done.status_code == 200, done.text
    written = [p.relative_to(data_copy).as_posix() for p in data_copy.rglob("*.yaml") if "imports" in p.parts]
    assert len(written) == 1 and written[0].startswith("imports/api-") and written[0].endswith(".yaml")
    assert "escaped" in written[0] and ".." not in written[0]
    assert not list(data_copy.parent.glob("escaped*"))


def test_records_are_refused_when_they_cannot_be_kept(memory: MemoryStore, data_copy: Path) -> None:
    from tests.api.test_records import RECORD

    (data_copy / "imports").write_text("not a folder", encoding="utf-8")
    before = memory.counts()
    with TestClient(create_app(api_settings(data_dir=data_copy), store=memory), base_url=ORIGIN) as client:
        body = assert_problem(client.post("/api/records", json=RECORD, headers=KEY), 409)
    assert "cannot be written" in body["detail"]
    assert memory.counts() == before


@pytest.mark.neo4j
def test_a_draft_is_written_into_neo4j_in_one_transaction(
    request: pytest.FixtureRequest, dataset: GraphData, data_copy: Path
) -> None:
    store = loaded_neo4j(request, dataset)
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url=ORIGIN) as client:
        draft = upload(client, "sprakvanner.txt", NEWS, KEY)
        client.post(
            f"/api/curation/drafts/{draft['id']}/edits",
            json=[{"action": "decide_all", "decision": "accepted"}],
            headers=KEY,
        )
        done = client.post(f"/api/curation/drafts/{draft['id']}/accept", json={}, headers=KEY)
        assert done.status_code == 200, done.text
        assert done.json()["receipt"]["folder"] is None
        assert store.get_node(PROJECT).name == "Språkvänner Kronoberg"
        assert client.post("/api/curation/undo", headers=KEY).status_code == 200
        assert store.find_nodes([PROJECT]) == []
    assert DATA_DIR.is_dir()
