"""Clients that send their request too slowly are cut off by ``graphapp serve``, with real slow sockets.

``GRAPHAPP_CLIENT_TIMEOUT`` (2 s here) bounds the time for a request's headers, and for its
body beyond one second per KiB; the server stays quick for everyone else meanwhile.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.faults.harness import fresh_data, served

TIMEOUT = 2.0
#: How long past the timeout a connection may stay open (a loaded CI machine is slow to schedule).
GRACE = 4.0


def _trickle(port: int, first: bytes, then: bytes, every: float = 0.25) -> tuple[float, bytes]:
    """Send ``first``, then ``then`` every ``every`` s until the server closes; (seconds it took, what it said)."""
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.settimeout(every)
        connection.sendall(first)
        said = b""
        while time.monotonic() - began < TIMEOUT + GRACE + 5:
            try:
                chunk = connection.recv(1024)
                if not chunk:
                    break
                said += chunk
            except TimeoutError:
                try:
                    connection.sendall(then)
                except OSError:
                    break
            except OSError:
                break
        return time.monotonic() - began, said


def _run(results: dict[str, tuple[float, bytes]], name: str, work: Callable[[], tuple[float, bytes]]) -> None:
    results[name] = work()


@pytest.mark.timeout(300)
def test_connections_that_send_headers_or_bodies_too_slowly_are_closed(tmp_path: Path) -> None:
    data_dir = fresh_data(tmp_path / "data")
    with served(data_dir, GRAPHAPP_CLIENT_TIMEOUT=str(TIMEOUT)) as server:
        port = server.port
        body_head = (
            b"POST /api/cypher HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n"
        )
        cases: dict[str, Callable[[], tuple[float, bytes]]] = {
            "idle": lambda: _trickle(port, b"", b""),
            "headers": lambda: _trickle(port, b"GET /health/live HTTP/1.1\r\nHost: x\r\n", b"X-Slow: 1\r\n"),
            "body": lambda: _trickle(port, body_head + b'{"query": "', b"a"),
        }
        cases |= {f"crowd-{n}": cases["headers"] for n in range(30)}
        results: dict[str, tuple[float, bytes]] = {}
        threads = [threading.Thread(target=_run, args=(results, name, work)) for name, work in cases.items()]
        for thread in threads:
            thread.start()
        time.sleep(TIMEOUT / 2)
        began = time.monotonic()
        assert httpx.get(f"{server.url}/health/live", timeout=5).status_code == 200  # the others are served
        assert time.monotonic() - began < 2
        for thread in threads:
            thread.join(timeout=TIMEOUT + GRACE + 10)
    slow = {name: round(took, 1) for name, (took, _) in results.items() if took > TIMEOUT + GRACE}
    assert not slow, f"connections left open past {TIMEOUT} s (+{GRACE} s): {slow}"
    assert len(results) == len(cases)
    for name, (took, said) in results.items():
        assert took >= TIMEOUT * 0.9, f"{name} was closed too early ({took:.1f} s)"
        assert said.startswith(b"HTTP/1.1 408"), f"{name}: {said[:80]!r}"
