"""Spreadsheet import and the curator's review page, timed.

Usage: ``python benchmarks/bench_import.py [--rows 500] [--runs 3] [--no-browser]``.

1. A generated project list of ``--rows`` rows (an .xlsx like a project bank's: owner, 1-6
   municipalities, a partner, co-funders with amounts, fund, grant, budget, dates, a
   description and a contact person's name, phone and e-mail) is imported as
   ``graphapp import`` does it: read and resolve (``resolve``), then validate like
   ``graphapp load``, write the record files and load the embedded store (``write``),
   into a fresh copy of ``data/``. Best of ``--runs``; target under 5 s in all.
2. The same into Neo4j when ``GRAPHAPP_TEST_NEO4J_URI`` is set (its database is
   replaced by ``data/``); target under 15 s.
3. A running server on the embedded store seeing the import (``DataFolderStore``): the look for a
   change when there is none (every few seconds), and loading the folder again after the import
   (``follow``); best of ``--runs``.
4. The review page of a draft of 50 relationships, in headless Chromium: milliseconds
   from navigation to ``/curate?draft=…`` until the page reports ``data-state="stable"``
   (the draft's network drawn once its layout settled); median of ``--runs``, target under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import openpyxl

from graphapp.config import Settings
from graphapp.curation import Workspace, accept, propose
from graphapp.records import load_dataset
from graphapp.records.reference import read_table
from graphapp.sheets import Resolver
from graphapp.store import DataFolderStore, GraphStore, MemoryStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
HEADER = [
    "Projektnamn",
    "Projektägare",
    "Kommuner",
    "Län",
    "Partners",
    "Medfinansiärer",
    "Fond",
    "Beviljat belopp",
    "Total projektbudget",
    "Startdatum",
    "Slutdatum",
    "Beskrivning",
    "Kontaktperson",
    "Telefon",
    "E-post",
]
WORDS = ["Språk", "Jobb", "Vägen", "Bron", "Steg", "Nyckel", "Framtid", "Start", "Kompass", "Mötet", "Lotsen"]
PARTNERS = ["Röda korset", "Folkhögskolan Väst", "Studieförbundet Vuxenskolan", "Coompanion", "Rädda Barnen"]


def project_list(rows: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    municipalities = read_table(DATA / "reference" / "municipalities.csv", ("code", "name", "county_code"))
    counties = {r["code"]: r["name"] for r in read_table(DATA / "reference" / "counties.csv", ("code", "name"))}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Projekt"
    sheet.append(HEADER)
    for number in range(rows):
        county = rng.choice(sorted(counties))
        local = [m for m in municipalities if m["county_code"] == county]
        chosen = rng.sample(local, min(len(local), rng.randint(1, 6)))
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
        owner = chosen[0]["name"] + " kommun" if rng.random() < 0.7 else "Arbetsförmedlingen " + chosen[0]["name"]
        sheet.append(
            [
                f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {number}",
                owner,
                ", ".join(m["name"] for m in chosen),
                counties[county],
                rng.choice(PARTNERS),
                f"Region {counties[county].removesuffix(' län').rstrip('s')} {rng.randint(1, 9) * 50_000} kr",
                rng.choice(["ESF", "AMIF", "ESF+"]) if start.year >= 2021 else rng.choice(["ESF", "AMIF"]),
                rng.randint(5, 80) * 50_000,
                rng.randint(100, 200) * 50_000,
                start,
                start + dt.timedelta(days=rng.randint(180, 1000)),
                "Insatser för nyanlända kvinnor och män: språk, praktik och vägledning.",
                "Anna Andersson",
                "070-123 45 67",
                "anna.andersson@example.se",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fresh_data(folder: Path) -> Path:
    target = folder / "data"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA / part, target / part)
    return target


def import_once(raw: bytes, store_factory: Any, folder: Path) -> tuple[float, float, int, int]:
    data_dir = fresh_data(folder)
    store: GraphStore = store_factory(data_dir)
    resolver = Resolver.load(data_dir / "reference")
    started = time.perf_counter()
    (proposal,) = propose([("projektlista.xlsx", raw)], resolver)
    resolved = time.perf_counter()
    assert not proposal.problems, proposal.problems[:3]
    receipt = accept(store, data_dir, Workspace(data_dir / "curation", data_dir), proposal)
    written = time.perf_counter()
    return resolved - started, written - resolved, len(receipt.projects), receipt.relationships


def embedded(data_dir: Path) -> GraphStore:
    store = MemoryStore()
    store.load(load_dataset(data_dir))
    return store


def neo4j(data_dir: Path) -> GraphStore:
    from graphapp.store.neo4j import Neo4jStore

    store = Neo4jStore(
        os.environ["GRAPHAPP_TEST_NEO4J_URI"],
        os.environ.get("GRAPHAPP_TEST_NEO4J_USER", "neo4j"),
        os.environ.get("GRAPHAPP_TEST_NEO4J_PASSWORD", "graphapp-test"),
    )
    store.clear()
    store.load(load_dataset(data_dir))
    return store


def bench_import(rows: int, runs: int) -> None:
    raw = project_list(rows)
    print(f"project list: {rows} rows, {len(raw) / 1024:.0f} kB .xlsx")
    stores = [("embedded", embedded)]
    if os.environ.get("GRAPHAPP_TEST_NEO4J_URI"):
        stores.append(("neo4j", neo4j))
    for name, factory in stores:
        results = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                results.append(import_once(raw, factory, Path(folder)))
        best = min(results, key=lambda r: r[0] + r[1])
        totals = ", ".join(f"{r[0] + r[1]:.2f}" for r in results)
        print(
            f"{name:8s}: {best[2]} projects, {best[3]} relationships; resolve {best[0]:.2f} s, "
            f"validate+write {best[1]:.2f} s, total {best[0] + best[1]:.2f} s (runs: {totals} s)"
        )


def bench_follow(rows: int, runs: int) -> None:
    raw = project_list(rows)
    looks, reloads = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            data_dir = fresh_data(Path(folder))
            store = DataFolderStore(data_dir)
            resolver = Resolver.load(data_dir / "reference")
            (proposal,) = propose([("projektlista.xlsx", raw)], resolver)
            writer = MemoryStore()  # another process's store: `graphapp import` beside the server
            writer.load(load_dataset(data_dir))
            accept(writer, data_dir, Workspace(data_dir / "curation", data_dir), proposal)
            started = time.perf_counter()
            assert store.follow()
            reloads.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.version()
            looks.append(time.perf_counter() - started)
    print(
        f"follow  : a look with nothing changed {min(looks) * 1000:.1f} ms; loading the folder again after "
        f"{rows} rows were imported {min(reloads):.2f} s"
    )


def bench_page(runs: int) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from graphapp.api.app import create_app
    from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship

    with tempfile.TemporaryDirectory() as folder:
        data_dir = fresh_data(Path(folder))
        store = embedded(data_dir)
        proposal = Proposal(source="femtio.txt", kind="document")
        document = "document:" + "a" * 40
        proposal.documents[document] = {"title": "Femtio relationer"}
        proposal.add_node(ProposedNode(id="project:femtio", label="Project", name="Femtio"))
        for node in sorted(store.find_nodes([f"municipality:{c}" for c in _codes()]), key=lambda n: n.id)[:50]:
            proposal.add_node(ProposedNode(id=node.id, label="Municipality", name=node.name, known=True))
            proposal.relate(
                ProposedRelationship(
                    type="PARTICIPATES_IN",
                    start=node.id,
                    end="project:femtio",
                    sources=[document],
                    role="municipality",
                    evidence=f"{node.name} deltar i projektet.",
                    confidence=0.9,
                )
            )
        assert len(proposal.relationships) == 50
        draft = Workspace(data_dir / "curation", data_dir).new_draft(proposal)
        settings = Settings(_env_file=None, api_key="bench-key-0123456789", data_dir=data_dir)  # type: ignore[call-arg]
        server = uvicorn.Server(uvicorn.Config(create_app(settings, store=store), port=0, log_level="warning"))
        server.config.port = _free_port()
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{server.config.port}"
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url + "/curate")
            page.fill("#login-key", "bench-key-0123456789")
            page.click("form[action^='/curate/login'] button[type=submit]")
            page.wait_for_selector("#upload-heading")
            for _ in range(runs + 1):  # the first warms the browser's cache of the scripts
                page.goto(url + f"/curate?draft={draft.id}")
                page.wait_for_selector("body[data-state=stable]", state="attached", timeout=30_000)
                times.append(page.evaluate("window.graphappStableAt"))
            browser.close()
        server.should_exit = True
        thread.join(10)
    median = statistics.median(times[1:])
    print(
        f"review page, 50 relationships: navigation -> stable {median:.0f} ms (median of {runs}; first {times[0]:.0f})"
    )


def _codes() -> list[str]:
    return [r["code"] for r in read_table(DATA / "reference" / "municipalities.csv", ("code",))]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    bench_import(args.rows, args.runs)
    bench_follow(args.rows, args.runs)
    if not args.no_browser:
        bench_page(args.runs)


if __name__ == "__main__":
    main()
