"""Fixtures of the view tests: a store with a hostile actor, a live server, a real Chromium.

Browser tests run Debian's ``chromium`` through Python ``playwright`` (never
``playwright install``). Without either they skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.model import GraphData, Label, Node, Relationship, RelType
from graphapp.store import GraphStore, MemoryStore

CHROMIUM = os.environ.get("GRAPHAPP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ID = "org:xss-test"


def hostile_actor() -> GraphData:
    """An organisation named like an HTML injection, taking part in Connecting people."""
    data = GraphData()
    node = Node(XSS_ID, Label.ORGANIZATION, XSS_NAME, {"kind": "ngo", "note": "</script><script>alert(2)</script>"})
    data.nodes[node.id] = node
    rel = Relationship(RelType.PARTICIPATES_IN, XSS_ID, "project:connecting-people", {"role": "<b>role</b>"})
    data.relationships[rel.key] = rel
    return data


@pytest.fixture(scope="session")
def view_store(dataset: GraphData) -> GraphStore:
    store = MemoryStore()
    store.load(dataset)
    store.load(hostile_actor())
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveServer:
    url: str
    port: int
    host_port: int  #: a second local server whose 127.0.0.1 origin may frame embeds


class _HostPage(http.server.BaseHTTPRequestHandler):
    """Serves /host.html?src=…: a page that frames the given URL (``&hidden=1``: in a frame not shown yet,
    as a page shows one in a closed tab or a collapsed section)."""

    def do_GET(self) -> None:
        from urllib.parse import parse_qs, urlsplit

        from markupsafe import escape

        query = parse_qs(urlsplit(self.path).query)
        src = query.get("src", [""])[0]
        hidden = ' style="display:none"' if query.get("hidden") == ["1"] else ""
        frame = f'<iframe id="frame" src="{escape(src)}" width="800" height="500"{hidden}></iframe>'
        body = f"<!doctype html><title>host</title>{frame}"
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture(scope="session")
def big_store() -> GraphStore:
    """A generated network whose overview is above ``AGGREGATE_THRESHOLD`` (about 3 700 nodes)."""
    from graphapp.synthetic import generate

    store = MemoryStore()
    store.load(generate(2500, 7, REFERENCE))
    return store


def _serve(store: GraphStore, settings: Settings) -> Iterator[int]:
    """Run the app on a free local port until the generator is closed; yields the port."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, store=store), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def live_server(view_store: GraphStore) -> Iterator[LiveServer]:
    host_port = free_port()
    host = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), _HostPage)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    for port in _serve(view_store, Settings(embed_origins=f"http://127.0.0.1:{host_port}")):
        yield LiveServer(f"http://127.0.0.1:{port}", port, host_port)
    host.shutdown()
    host.server_close()


@pytest.fixture(scope="session")
def store_2000() -> GraphStore:
    """A generated network whose overview has about 2 000 nodes, drawn in full (below ``AGGREGATE_THRESHOLD``)."""
    from graphapp.synthetic import generate

    store = MemoryStore()
    store.load(generate(1050, 7, REFERENCE))
    return store


@pytest.fixture(scope="session")
def live_server_2000(store_2000: GraphStore) -> Iterator[LiveServer]:
    for port in _serve(store_2000, Settings()):
        yield LiveServer(f"http://127.0.0.1:{port}", port, port)


@pytest.fixture(scope="session")
def big_live_server(big_store: GraphStore) -> Iterator[LiveServer]:
    for port in _serve(big_store, Settings()):
        yield LiveServer(f"http://127.0.0.1:{port}", port, port)


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing_browser(
            "browser tests need Python playwright: pip install playwright "
            "(never `playwright install`: they use Debian's chromium)"
        )
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing_browser(
            f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium (or set GRAPHAPP_CHROMIUM)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageWatch:
    """A page and what it did: requests, console errors, dialogs, CSP violations."""

    page: Any
    requests: list[str]
    errors: list[str]
    dialogs: list[str]

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def wait_stable(self, timeout: float = 20_000) -> None:
        self.page.wait_for_selector("body[data-state=stable]", timeout=timeout, state="attached")


@pytest.fixture
def watch(browser: Any) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = PageWatch(page, [], [], [])
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
    )
    yield seen
    context.close()


@pytest.fixture(scope="session")
def _neo4j_view_store(_neo4j_store: GraphStore) -> GraphStore:
    return _neo4j_store


@pytest.fixture(scope="session")
def neo4j_live_server(_neo4j_view_store: GraphStore) -> Iterator[LiveServer]:
    """The app over the test Neo4j (for the workbench's Cypher); tests reload its data with ``neo4j_loaded``."""
    for port in _serve(_neo4j_view_store, Settings()):
        yield LiveServer(f"http://127.0.0.1:{port}", port, port)


@pytest.fixture
def neo4j_loaded(_neo4j_view_store: GraphStore, dataset: GraphData) -> GraphStore:
    """The test Neo4j holding ``data/`` (reloaded when another test changed it)."""
    expected = MemoryStore()
    expected.load(dataset)
    if _neo4j_view_store.counts() != expected.counts():
        _neo4j_view_store.clear()
        _neo4j_view_store.load(dataset)
    return _neo4j_view_store


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """axe-core's violations of ``impacts`` on the page as it is now.

    axe-core (bundled by the axe-playwright-python test dependency) goes in through the DevTools
    protocol (``page.evaluate``), which the page's Content-Security-Policy does not govern, so the
    policy under test stays as it is.
    """
    from importlib.resources import files

    script = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    page.evaluate(script)
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
