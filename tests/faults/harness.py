"""What the fault suite runs and compares: real ``graphapp`` processes, a served app, the store after a start.

A *state* is what a start of the embedded store finds: every node with its fields and every
relationship with its properties, exactly (:func:`state_after_start` runs the start's own
code, :func:`graphapp.store.open_store`, which tidies up after an interrupted write first).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx2 as httpx

from graphapp.config import Settings
from graphapp.store import open_store
from tests.conftest import DATA_DIR, ROOT

#: A key long enough to turn curation on.
KEY = "fault-suite-key-0123456789"

State = tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str, str, str]]]

_MUNICIPALITIES = ["Växjö", "Alvesta", "Ljungby", "Falun", "Borlänge", "Sunne", "Trelleborg", "Svedala", "Lund"]
_PARTNERS = ["Arbetsförmedlingen Ljungby", "Röda korset", "Region Kronoberg", "Länsstyrelsen i Kronobergs län"]


def fresh_data(folder: Path) -> Path:
    """A data folder of the reference tables, records and documents of ``data/``, nothing imported."""
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA_DIR / part, folder / part)
    return folder


def project_list(rows: int, seed: int = 0) -> bytes:
    """A region's project list as CSV: ``rows`` projects, each a record file of its own when imported."""
    chance = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Projektnamn", "Projektägare", "Kommuner", "Partners", "Fond", "Beviljat ESF-stöd", "Startdatum"])
    for row in range(rows):
        writer.writerow(
            [
                f"Språkprojekt {seed}-{row:05d}",
                f"{chance.choice(_MUNICIPALITIES)} kommun",
                ", ".join(chance.sample(_MUNICIPALITIES, 3)),
                "; ".join(chance.sample(_PARTNERS, 2)),
                "AMIF",
                str(100_000 + row),
                "2019-01-01",
            ]
        )
    return out.getvalue().encode()


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``graphapp`` process on the embedded store over ``data_dir``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    return {**base, "GRAPHAPP_DATA_DIR": str(data_dir), **extra}


def graphapp_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from graphapp.cli import main; main()", *args]


def run_graphapp(
    *args: str, env: Mapping[str, str], limit_file_bytes: int | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``graphapp ARGS`` as a user runs it; ``limit_file_bytes``: no file it writes may grow past
    that many bytes (RLIMIT_FSIZE, as ``ulimit -f`` sets), like a disk that is full."""

    def limit() -> None:
        import resource

        if limit_file_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        graphapp_command(*args),
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=limit if limit_file_bytes is not None else None,
    )


def state_after_start(data_dir: Path) -> State:
    """What the embedded store holds when it starts on ``data_dir`` (the start's own code)."""
    store = open_store(Settings(data_dir=data_dir, _env_file=None))  # type: ignore[call-arg]
    try:
        graph = store.to_networkx()
    finally:
        store.close()
    nodes = frozenset((n, json.dumps(attrs, sort_keys=True, default=str)) for n, attrs in graph.nodes(data=True))
    edges = frozenset(
        (u, v, k, json.dumps(attrs, sort_keys=True, default=str))
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    )
    return nodes, edges


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """``graphapp serve`` in a process of its own (kill it with :meth:`kill`)."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = environment(data_dir, GRAPHAPP_PORT=str(self.port), **settings)
        self.log = data_dir.parent / f"serve-{self.port}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(graphapp_command("serve"), env=env, cwd=ROOT, stdout=log, stderr=log)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"graphapp serve ended at start:\n{self.output()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health/live", timeout=2).status_code == 200:
                    return
            time.sleep(0.2)
        raise AssertionError(f"graphapp serve did not answer in {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def served(data_dir: Path, **settings: str) -> Iterator[Server]:
    server = Server(data_dir, **settings)
    try:
        yield server
    finally:
        server.stop()
