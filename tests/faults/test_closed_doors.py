"""Doors that must stay shut: keys, sessions, guessing, hostile tokens, uploads, names, paths.

Each test is one way in that was open: an empty key (which ``docker-compose.yml`` gives by
default), a forged or replayed session cookie, unlimited guessing, tokens that broke the
comparison, a Word file that unpacks to gigabytes, error texts that named the server's
folders, names that read backwards.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from graphapp.api import create_app
from graphapp.api.auth import COOKIE
from graphapp.store import MemoryStore
from tests.api.conftest import API_KEY, api_settings, assert_problem

ORIGIN = "https://testserver"
HEADERS = {"X-API-Key": API_KEY}
RECORD = {
    "project": {"id": "project:dorr", "name": "Dörrprojektet"},
    "documents": [{"id": "document:" + "cd" * 20, "title": "Ett dokument"}],
    "relationships": [
        {"type": "OWNS", "start": "municipality:0780", "end": "project:dorr", "sources": ["document:" + "cd" * 20]}
    ],
}


@pytest.fixture
def app_client(dataset: object, data_copy: Path) -> Iterator[TestClient]:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url=ORIGIN) as client:
        yield client


def _login(client: TestClient) -> tuple[str, str]:
    """Log in; the session cookie and its CSRF token (as the page's script reads it)."""
    done = client.post("/curate/login", data={"key": API_KEY}, headers={"Origin": ORIGIN}, follow_redirects=False)
    assert done.status_code == 303, done.text
    page = client.get("/curate").text
    marker = '"csrf": "'
    return client.cookies[COOKIE], page[page.index(marker) + len(marker) :].split('"', 1)[0]


@pytest.mark.parametrize("key", ["", "   ", "short-key", "x" * 15])
def test_an_empty_or_short_key_turns_writing_off_and_the_start_says_so(
    dataset: object, data_copy: Path, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    caplog.set_level(logging.WARNING)
    with TestClient(create_app(api_settings(api_key=key, data_dir=data_copy), store=store), base_url=ORIGIN) as client:
        for header in ({"X-API-Key": key}, {"X-API-Key": ""}, {}):
            assert_problem(client.post("/api/records", json=RECORD, headers=header), 403)
            assert_problem(client.get("/api/curation/drafts", headers=header), 403)
        login = client.post("/curate/login", data={"key": key}, headers={"Origin": ORIGIN}, follow_redirects=False)
        assert login.status_code == 403 and COOKIE not in login.headers.get("set-cookie", "")
    assert any("curation and imports are off" in r.getMessage() for r in caplog.records), caplog.text
    assert store.find_nodes(["project:dorr"]) == []


def test_a_cookie_signed_with_a_secret_derived_from_the_key_alone_is_refused(app_client: TestClient) -> None:
    secret = hashlib.sha256(b"graphapp-curator\0" + API_KEY.encode()).digest()
    forged = URLSafeTimedSerializer(secret, salt="graphapp-curator-session").dumps({"sid": "forged"})
    app_client.cookies.set(COOKIE, str(forged))
    assert_problem(app_client.get("/api/curation/drafts"), 401)


def test_a_session_of_one_installation_does_not_open_another_with_the_same_key(
    dataset: object, data_copy: Path, tmp_path: Path
) -> None:
    store = MemoryStore()
    store.load(dataset)  # type: ignore[arg-type]
    with TestClient(create_app(api_settings(data_dir=data_copy), store=store), base_url=ORIGIN) as first:
        cookie, _ = _login(first)
    other = api_settings(data_dir=data_copy, curation_dir=tmp_path / "elsewhere")
    with TestClient(create_app(other, store=store), base_url=ORIGIN) as second:
        second.cookies.set(COOKIE, cookie)
        assert_problem(second.get("/api/curation/drafts"), 401)


def test_a_cookie_replayed_after_logout_is_refused(app_client: TestClient) -> None:
    cookie, token = _login(app_client)
    assert app_client.get("/api/curation/drafts").status_code == 200
    out = app_client.post(
        "/curate/logout", data={"csrf_token": token}, headers={"Origin": ORIGIN}, follow_redirects=False
    )
    assert out.status_code == 303
    app_client.cookies.set(COOKIE, cookie)  # the same cookie, sent again
    assert_problem(app_client.get("/api/curation/drafts"), 401)
    page = app_client.get("/curate").text
    assert 'name="key"' in page  # the login form, not the curator's page


def test_wrong_keys_are_throttled_per_client_and_logged(
    app_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    wrong = {"X-API-Key": "a-wrong-key-of-some-length"}
    answers = [app_client.get("/api/curation/drafts", headers=wrong).status_code for _ in range(10)]
    assert 429 in answers, answers
    assert answers.index(429) >= 3  # a few mistakes are free
    waiting = assert_problem(app_client.get("/api/curation/drafts", headers=HEADERS), 429)  # even the right key
    assert int(app_client.get("/api/curation/drafts", headers=HEADERS).headers["retry-after"]) >= 1
    assert "too many wrong keys" in waiting["detail"]
    assert_problem(app_client.post("/api/records", json=RECORD, headers=wrong), 429)
    login = app_client.post("/curate/login", data={"key": API_KEY}, headers={"Origin": ORIGIN}, follow_redirects=False)
    assert login.status_code == 429 and "retry-after" in login.headers
    assert any("wrong key from" in r.getMessage() for r in caplog.records)
    time.sleep(1.1)  # the first wait is one second
    assert app_client.get("/api/curation/drafts", headers=HEADERS).status_code == 200


def test_malformed_tokens_are_refused_without_a_server_error(app_client: TestClient) -> None:
    _login(app_client)
    cookie = app_client.cookies[COOKIE]
    tries: list[dict[str, str | bytes]] = [
        {"X-CSRF-Token": "é".encode()},  # the bytes a client sends
        {"X-CSRF-Token": "\u00ff".encode() * 64},
        {"X-CSRF-Token": b"\xff\xfe"},
        {"X-API-Key": "ключ-ключ-ключ-ключ".encode()},
        {"Cookie": f"{COOKIE}={'ä' * 600}".encode()},
        {"Cookie": f"{COOKIE}={cookie[:-3]}\u202e".encode()},
    ]
    for headers in tries:
        app_client.cookies.clear()
        if "Cookie" not in headers:
            app_client.cookies.set(COOKIE, cookie)
        answer = app_client.post(
            "/api/curation/drafts", params={"name": "a.txt"}, content=b"text", headers={**headers, "Origin": ORIGIN}
        )
        assert answer.status_code in (401, 403), (headers, answer.text)


def test_a_malformed_csrf_token_at_logout_is_refused_without_a_server_error(app_client: TestClient) -> None:
    _login(app_client)
    for body in (b"csrf_token=%C3%A9", b"csrf_token=%FF%FE", b"csrf_token=" + b"%E2%80%AE" * 100):
        answer = app_client.post(
            "/curate/logout",
            content=body,
            headers={"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )
        assert answer.status_code == 303
    assert app_client.get("/api/curation/drafts").status_code == 200  # still logged in: the token was wrong


def _docx(paragraphs: Iterator[bytes]) -> bytes:
    """A Word file whose body is ``paragraphs``, deflated as Word does."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        b'+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            for chunk in paragraphs:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def _repeat(chunk: bytes, total: int) -> Iterator[bytes]:
    block = chunk * (1_048_576 // len(chunk))
    for _ in range(total // len(block)):
        yield block


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("name", "paragraphs"),
    [
        # 300 MB of XML in some 300 kB: refused by what it unpacks to, before a byte is parsed
        ("bomb.docx", lambda: _repeat(b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>", 300 * 1_048_576)),
        # 4 MB of XML, 120 000 empty paragraphs in some 20 kB: refused by its count of paragraphs
        ("paragraphs.docx", lambda: _repeat(b"<w:p><w:r><w:t>A</w:t></w:r></w:p>", 4 * 1_048_576)),
    ],
)
def test_a_word_file_bomb_is_refused_quickly(app_client: TestClient, name: str, paragraphs: object) -> None:
    raw = _docx(paragraphs())  # type: ignore[operator]
    assert len(raw) < 2_000_000
    began = time.monotonic()
    answer = app_client.post("/api/curation/drafts", params={"name": name}, content=raw, headers=HEADERS)
    elapsed = time.monotonic() - began
    body = assert_problem(answer, 400)
    assert name in body["detail"] and "more than a Word file should" in body["detail"]
    assert elapsed < 30, f"{elapsed:.1f} s"


def test_no_answer_names_a_folder_of_the_server(app_client: TestClient, data_copy: Path) -> None:
    import tempfile

    broken = b"PK\x03\x04" + b"not really a zip" * 10  # a .docx by its first bytes only
    unreadable = assert_problem(
        app_client.post("/api/curation/drafts", params={"name": "rapport.docx"}, content=broken, headers=HEADERS), 400
    )
    missing = assert_problem(app_client.post("/api/queries/no-such-query", json={"parameters": {}}), 404)
    for body in (unreadable, missing):
        text = str(body)
        for folder in (tempfile.gettempdir(), str(Path.cwd()), str(data_copy), str(Path(__file__).parents[2])):
            assert folder not in text, text
    assert "rapport.docx" in unreadable["detail"]


def test_names_lose_invisible_format_characters_and_have_a_maximum_length(app_client: TestClient) -> None:
    draft = app_client.post(
        "/api/curation/drafts", params={"name": "a\u202evsc.txt"}, content=b"Ett projekt i Alvesta.", headers=HEADERS
    )
    assert draft.status_code == 201, draft.text
    assert draft.json()["drafts"][0]["source"] == "avsc.txt"
    hidden = {**RECORD, "project": {"id": "project:dorr", "name": "D\u200bör\u202erprojektet\u2066"}}
    assert app_client.post("/api/records", json=hidden, headers=HEADERS).status_code == 200
    assert app_client.get("/api/nodes/project:dorr").json()["node"]["name"] == "Dörrprojektet"
    long = {**RECORD, "project": {"id": "project:dorr-2", "name": "Långt namn " * 40}}
    body = assert_problem(app_client.post("/api/records", json=long, headers=HEADERS), 422)
    assert "at most 300" in body["detail"]
