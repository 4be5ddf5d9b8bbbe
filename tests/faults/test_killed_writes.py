"""``kill -9`` in the middle of a write: the next start finds the store exactly as before, or exactly
as after with the write undoable, never half of it, and always starts.

Each test first lets one write run to its end (the *after* state, and how long the write takes),
then kills real processes at a seeded spread of moments over that time: the ``graphapp import``
command while it validates, journals, writes and publishes 150 record files; the server while
it accepts a 150-row draft; ``graphapp import --undo`` while it takes one back.
"""

from __future__ import annotations

import random
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import ROOT
from tests.faults.harness import (
    KEY,
    State,
    environment,
    fresh_data,
    graphapp_command,
    project_list,
    run_graphapp,
    served,
    state_after_start,
)

ROWS = 150
KILLS = 8
#: An undo removes a folder of this many record files (files deleted one by one would take a while).
UNDO_ROWS = 400
SEED = 22


def _reset(data_dir: Path, curation: Path | None = None) -> None:
    shutil.rmtree(data_dir / "imports", ignore_errors=True)
    shutil.rmtree(data_dir / "curation", ignore_errors=True)
    if curation is not None:
        shutil.copytree(curation, data_dir / "curation")


def _outcome(data_dir: Path, before: State, after: State) -> str:
    """``before`` or ``after`` (then undone with ``graphapp import --undo``, which must give ``before``);
    anything else fails."""
    found = state_after_start(data_dir)
    if found == before:
        return "before"
    imports = sorted(p.name for p in (data_dir / "imports").iterdir())
    assert found == after, (
        f"the start found neither the state before nor after the write: {len(found[0])} nodes "
        f"(before {len(before[0])}, after {len(after[0])}); imports: {imports}"
    )
    undone = run_graphapp("import", "--undo", env=environment(data_dir))
    assert undone.returncode == 0, f"the write is visible but cannot be undone: {undone.stderr}"
    assert state_after_start(data_dir) == before, "the write was visible but its undo did not take it all back"
    return "after"


def _killed_at(command: list[str], env: dict[str, str], started: Callable[[], bool], delay: float) -> None:
    """Run ``command``; ``delay`` seconds after ``started()`` holds (the write's first trace), kill -9 it."""
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and not started():
        time.sleep(0.0005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.timeout(900)
def test_a_killed_import_command_leaves_the_store_before_or_after_it(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    sheet = tmp_path / "projects.csv"
    sheet.write_bytes(project_list(ROWS))
    env = environment(data_dir)
    before = state_after_start(data_dir)
    lock = data_dir / "curation" / ".lock"  # taken when the write begins: validation, journal, files
    process = subprocess.Popen(
        graphapp_command("import", str(sheet)), env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    while process.poll() is None and not lock.exists():
        time.sleep(0.002)
    began = time.monotonic()
    _, err = process.communicate(timeout=180)
    span = time.monotonic() - began
    assert process.returncode == 0, err
    after = state_after_start(data_dir)
    assert len(after[0]) >= len(before[0]) + ROWS
    chance = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for _ in range(KILLS):
        _reset(data_dir)
        _killed_at(graphapp_command("import", str(sheet)), env, lock.exists, chance.uniform(0, span * 1.2))
        outcomes[_outcome(data_dir, before, after)] += 1
    print(f"graphapp import killed {KILLS} times over {span:.2f} s of writing: {dict(outcomes)}")
    assert sum(outcomes.values()) == KILLS


@pytest.mark.timeout(900)
def test_a_killed_undo_leaves_the_import_there_or_gone(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    sheet = tmp_path / "projects.csv"
    sheet.write_bytes(project_list(UNDO_ROWS, seed=1))
    env = environment(data_dir)
    before = state_after_start(data_dir)
    done = run_graphapp("import", str(sheet), env=env)
    assert done.returncode == 0, done.stderr
    after = state_after_start(data_dir)
    imported = data_dir / "imports"
    (folder,) = imported.iterdir()
    kept = tmp_path / "kept"
    shutil.copytree(data_dir / "imports", kept / "imports")
    shutil.copytree(data_dir / "curation", kept / "curation")
    began = time.monotonic()
    undone = run_graphapp("import", "--undo", env=env)
    span = time.monotonic() - began
    assert undone.returncode == 0, undone.stderr
    assert state_after_start(data_dir) == before
    chance = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for kill in range(6):
        _reset(data_dir, kept / "curation")
        shutil.copytree(kept / "imports", imported)
        assert folder.is_dir()
        # half of the kills anywhere in the command's run, half as soon as the folder begins to go
        if kill % 2:
            _killed_at(graphapp_command("import", "--undo"), env, lambda: True, chance.uniform(0, span * 1.1))
        else:
            going = lambda: not folder.exists() or len(list(folder.iterdir())) < UNDO_ROWS  # noqa: E731
            _killed_at(graphapp_command("import", "--undo"), env, going, chance.uniform(0, 0.005))
        found = state_after_start(data_dir)
        assert found in (before, after), "a killed undo left part of the import"
        outcomes["after" if found == after else "before"] += 1
    print(f"graphapp import --undo killed 6 times: {dict(outcomes)}")


def _entries(data_dir: Path) -> int:
    imports = data_dir / "imports"
    return len(list(imports.iterdir())) if imports.is_dir() else 0


def _when(condition: Callable[[], bool], timeout: float) -> float:
    """The moment ``condition()`` first held (or ``timeout`` s passed)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.002)
    return time.monotonic()


def _answer(connection: socket.socket) -> bytes:
    connection.settimeout(120)
    with connection:
        return connection.recv(65536)


def _send_accept(port: int, draft: str) -> socket.socket:
    """The accept request, sent; the answer is never read (the server is killed)."""
    body = b"{}"
    request = (
        f"POST /api/curation/drafts/{draft}/accept HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-API-Key: {KEY}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(request)
    return connection


@pytest.mark.timeout(900)
def test_a_server_killed_while_it_accepts_a_draft_starts_again_before_or_after_it(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    before = state_after_start(data_dir)
    with served(data_dir, GRAPHAPP_API_KEY=KEY) as server:
        uploaded = httpx.post(
            f"{server.url}/api/curation/drafts",
            params={"name": "projects.csv"},
            content=project_list(ROWS, seed=2),
            headers={"X-API-Key": KEY},
            timeout=120,
        )
        assert uploaded.status_code == 201, uploaded.text
        (draft,) = [d["id"] for d in uploaded.json()["drafts"]]
        kept = tmp_path / "curation"
        shutil.copytree(data_dir / "curation", kept)
        began = time.monotonic()
        connection = _send_accept(server.port, draft)
        writing = _when(lambda: _entries(data_dir) > 0, timeout=120) - began  # the first file or folder
        answer = _answer(connection)
        span = time.monotonic() - began
        assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
    after = state_after_start(data_dir)
    chance = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for kill in range(4):
        _reset(data_dir, kept)
        with served(data_dir, GRAPHAPP_API_KEY=KEY) as server:
            connection = _send_accept(server.port, draft)
            if kill % 2:  # anywhere in the accept
                time.sleep(chance.uniform(0, span * 1.2))
            else:  # while it writes
                _when(lambda: _entries(data_dir) > 0, timeout=span * 3)
                time.sleep(chance.uniform(0, (span - writing) * 1.1))
            server.kill()
            connection.close()
        outcomes[_outcome(data_dir, before, after)] += 1
    print(f"graphapp serve killed 4 times while accepting ({span:.2f} s): {dict(outcomes)}")
