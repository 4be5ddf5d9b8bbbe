"""Every word a person reads goes through the catalogues: each page and flow rendered under the pseudo-locale
(``?lang=qps``, every catalogue word marked ``⟦…⟧``) in real Chromium, and every visible text that is neither
marked nor data fails, named with its page and element (:mod:`tests.views.pseudo` says what counts as data).

The flows: the explorer's views (overview, county, actor with its details, history and a path, project,
projection, geographic), embeds, the timeline, the workbench on the embedded store and on Neo4j (a saved query,
its result, a node's details, a plan, an error), the schema page, the curator's page (the login, a wrong key,
an upload of a spreadsheet with a bad cell and of a document, a draft), error pages, and the downloads'
headers and sheet names.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from graphapp.config import Settings
from graphapp.records import load_dataset
from graphapp.store import GraphStore, MemoryStore
from tests.conftest import DATA_DIR
from tests.curation.documents import page_pdf
from tests.sheets.builders import project_list, workbook
from tests.views.conftest import LiveServer, PageWatch, _serve
from tests.views.pseudo import OPEN, Leaks
from tests.views.test_browser import assert_clean, click_node

KEY = "curator-key-0123456789"
QPS = "lang=qps"


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(scope="module")
def pseudo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, GraphStore]]:
    """The app on the embedded store of ``data/``, the pseudo-locale on, curation on."""
    data_dir = tmp_path_factory.mktemp("pseudo") / "data"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(DATA_DIR / part, data_dir / part)
    store = MemoryStore()
    store.load(load_dataset(data_dir))
    settings = Settings(_env_file=None, api_key=KEY, data_dir=data_dir, pseudo_locale=True)  # type: ignore[call-arg]
    for port in _serve(store, settings):
        yield LiveServer(f"http://127.0.0.1:{port}", port, port), store


@pytest.fixture
def leaks(pseudo_server: tuple[LiveServer, GraphStore], watch: PageWatch) -> Leaks:
    found = Leaks()
    found.add_graph(pseudo_server[1])
    found.watch(watch.page)
    return found


def _open(watch: PageWatch, url: str, stable: bool = True) -> None:
    watch.page.goto(url)
    if stable:
        watch.wait_stable(30_000)
    watch.page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")


def _assert_none(leaks: Leaks, watch: PageWatch, origin: str, answered: tuple[int, ...] = ()) -> None:
    """No leak, and a clean page; ``answered``: the error statuses the flow asked for (its console says so)."""
    assert leaks.texts > 100, "the collector reads the pages"
    assert not leaks.found, "words that went past the catalogues:\n" + leaks.report()
    said = re.compile(r"status of (" + "|".join(map(str, answered)) + r") ") if answered else None
    watch.errors[:] = [e for e in watch.errors if not (said and said.search(e))]
    assert_clean(watch, origin)


def test_the_explorer_its_views_and_embeds_say_every_word_from_the_catalogues(
    pseudo_server: tuple[LiveServer, GraphStore], watch: PageWatch, leaks: Leaks
) -> None:
    url = pseudo_server[0].url
    page = watch.page
    _open(watch, f"{url}/?{QPS}")
    page.fill("#search-input", "Sun")
    page.locator("#search-suggestions [role=option]").first.wait_for()
    leaks.check(page, "overview, searching")
    for name, path in {
        "county": "/views/county?county=20",
        "project": "/views/project?id=project:connecting-people",
        "projection": "/views/projection",
        "geographic": "/?layout=geo",
        "embed of a project": "/embed/project?id=project:connecting-people",
        "embed of the overview": "/embed/overview",
        "embed of the map": "/embed/overview?layout=geo",
        "overview sized by funding, in years": "/views/overview?size=funding&from_year=2016&to_year=2020",
    }.items():
        _open(watch, f"{url}{path}{'&' if '?' in path else '?'}{QPS}")
        leaks.check(page, name)
    _open(watch, f"{url}/views/actor?id=municipality:1766&{QPS}")
    click_node(watch, "municipality:1766")
    page.locator("#details-body h3").first.wait_for()
    page.wait_for_timeout(500)  # the actor's history comes from the API
    leaks.check(page, "actor, the details of Sunne")
    click_node(watch, "project:connecting-people")
    page.locator("#details-body h3").first.wait_for()
    leaks.check(page, "actor, the details of a project")
    for field, name in (("path-from", "Fryksdalens sparbank"), ("path-to", "Värmlandsmodellen")):
        page.fill(f"#{field}", name)
        page.locator(f"#{field}-list [role=option]", has_text=name).first.click()
    page.click("#path-form button[type=submit]")
    page.wait_for_selector("body[data-path]", state="attached")
    leaks.check(page, "actor, a path found")
    page.fill("#path-to", "Nowhere at all")
    page.click("#path-form button[type=submit]")
    page.wait_for_timeout(500)
    leaks.check(page, "actor, a path to a name that is none")
    _assert_none(leaks, watch, url)


def test_the_timeline_the_schema_page_and_the_error_pages_say_every_word_from_the_catalogues(
    pseudo_server: tuple[LiveServer, GraphStore], watch: PageWatch, leaks: Leaks
) -> None:
    url = pseudo_server[0].url
    page = watch.page
    _open(watch, f"{url}/views/timeline?{QPS}")
    page.locator("button[data-project]").first.click()
    page.locator("#details-body h3").first.wait_for()
    leaks.check(page, "timeline, a project's details")
    _open(watch, f"{url}/views/timeline?id=municipality:1766&group=fund&{QPS}")
    leaks.check(page, "timeline of an actor, by fund")
    _open(watch, f"{url}/views/timeline?year=2018&{QPS}")
    leaks.check(page, "timeline, the network in a year")
    _open(watch, f"{url}/embed/timeline?{QPS}")
    leaks.check(page, "embed of the timeline")
    _open(watch, f"{url}/schema?{QPS}")
    leaks.check(page, "schema")
    for name, path in {
        "an id that is not in the graph": "/views/actor?id=municipality:9999",
        "years the wrong way round": "/views/overview?from_year=2020&to_year=2010",
        "a saved query that is none": "/cypher/no-such-query",
    }.items():
        page.goto(f"{url}{path}&{QPS}" if "?" in path else f"{url}{path}?{QPS}")
        expect(page.locator("#error-message")).not_to_be_empty()
        page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
        leaks.check(page, f"error page: {name}")
    _assert_none(leaks, watch, url, answered=(400, 404))


def test_the_workbench_on_the_embedded_store_says_every_word_from_the_catalogues(
    pseudo_server: tuple[LiveServer, GraphStore], watch: PageWatch, leaks: Leaks
) -> None:
    url = pseudo_server[0].url
    page = watch.page
    for name, path in {
        "the library": "/cypher",
        "a saved query with parameters": "/cypher/partners-of-municipality?code=0780",
        "a saved query's embed": "/embed/cypher/partners-of-municipality?code=0780",
        "a parameter of the wrong type": "/cypher/co-funders?limit=many",
        "ad-hoc text with parameters that are not JSON": "/cypher?"
        + urlencode({"cypher": "RETURN $x", "params": "{x"}),
    }.items():
        page.goto(f"{url}{path}{'&' if '?' in path else '?'}{QPS}")
        page.wait_for_selector("body[data-state]", state="attached")
        leaks.check(page, f"workbench on the embedded store: {name}")
    _assert_none(leaks, watch, url)


def test_the_curators_page_says_every_word_from_the_catalogues(
    pseudo_server: tuple[LiveServer, GraphStore], watch: PageWatch, leaks: Leaks, tmp_path: Path
) -> None:
    url = pseudo_server[0].url
    page = watch.page
    page.goto(f"{url}/curate?{QPS}")
    leaks.check(page, "curator's login")
    page.fill("#login-key", "not the key")
    page.click("form[action^='/curate/login'] button[type=submit]")
    expect(page.locator("#login-error")).to_be_visible()
    leaks.check(page, "curator's login, a wrong key")
    page.fill("#login-key", KEY)
    page.click("form[action^='/curate/login'] button[type=submit]")
    expect(page.locator("#upload-heading")).to_be_visible()
    leaks.check(page, "curator's page, logged in")
    rows = project_list()
    rows[1][9] = "snart"  # a start date that is none
    sheet = tmp_path / "region.xlsx"
    sheet.write_bytes(workbook({"Projekt": rows}))
    page.set_input_files("#upload-file", str(sheet))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#problem-table tbody tr")).to_have_count(1)
    page.wait_for_selector("body[data-state=stable]", state="attached")
    leaks.check(page, "curator's draft of a spreadsheet with a bad cell")
    page.click("#write")
    expect(page.locator("#write-status .error")).to_be_visible()
    leaks.check(page, "curator's draft, written with a problem left")
    pdf = page_pdf(tmp_path / "sprakvanner-kronoberg.pdf")
    page.set_input_files("#upload-file", str(pdf))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#review-heading")).to_contain_text("sprakvanner-kronoberg.pdf")
    page.wait_for_selector("body[data-state=stable]", state="attached")
    page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    leaks.check(page, "curator's draft of a document")
    with page.expect_response(lambda answer: answer.url.split("?")[0].endswith("/edits")):
        page.click("#accept-all")  # decided before the write, not raced by it
    page.click("#write")
    expect(page.locator("#write-status .written")).to_be_visible()
    leaks.check(page, "curator's draft, written")
    _assert_none(leaks, watch, url, answered=(401, 422))  # the wrong key, the write with a problem left


def test_the_downloads_headers_and_sheet_names_are_the_catalogues(pseudo_server: tuple[LiveServer, GraphStore]) -> None:
    """The tables of a view, of a timeline and of the whole graph, as xlsx (sheet names, headers) and CSV."""
    url = pseudo_server[0].url
    for path in ("/views/overview.xlsx", "/views/timeline.xlsx", "/api/export?format=xlsx"):
        book = load_workbook(io.BytesIO(_get(f"{url}{path}{'&' if '?' in path else '?'}{QPS}")))
        for sheet in book.worksheets:
            assert sheet.title.startswith(OPEN), (path, sheet.title)
            header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
            assert header and all(str(h).startswith(OPEN) for h in header), (path, sheet.title, header)
    for path in ("/views/overview.nodes.csv", "/views/timeline.nodes.csv"):
        header = next(csv.reader(io.StringIO(_get(f"{url}{path}?{QPS}").decode("utf-8-sig"))))
        assert all(h.startswith(OPEN) for h in header), (path, header)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:
        body: bytes = answer.read()
        return body


def test_the_pseudo_locale_is_off_unless_the_settings_allow_it(live_server: LiveServer, watch: PageWatch) -> None:
    watch.page.goto(f"{live_server.url}/?{QPS}")
    assert watch.page.get_attribute("html", "lang") == "sv"
    assert OPEN not in watch.page.locator("#filters-heading").inner_text()


@pytest.fixture(scope="module")
def pseudo_neo4j_server(_neo4j_view_store: GraphStore) -> Iterator[LiveServer]:
    for port in _serve(_neo4j_view_store, Settings(_env_file=None, pseudo_locale=True)):  # type: ignore[call-arg]
        yield LiveServer(f"http://127.0.0.1:{port}", port, port)


@pytest.mark.neo4j
def test_the_workbench_on_neo4j_says_every_word_from_the_catalogues(
    pseudo_neo4j_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    leaks = Leaks()
    leaks.add_graph(neo4j_loaded)
    leaks.watch(watch.page)
    url = pseudo_neo4j_server.url
    page = watch.page
    _open(watch, f"{url}/cypher/partners-of-municipality?code=0780&{QPS}")
    page.locator("#result-table tbody tr").first.wait_for()
    leaks.check(page, "workbench on Neo4j: a saved query's result")
    _run(watch, url, "MATCH (m:Municipality {code: '0780'})-[r]-(p:Project) RETURN m, r, p LIMIT 5")
    page.locator("#result-network canvas").first.wait_for()
    leaks.check(page, "workbench on Neo4j: a result with nodes")
    _run(watch, url, "PROFILE MATCH (m:Municipality)-[:IN_COUNTY]->(c:County) RETURN c.name, count(m) AS n")
    page.locator("#plan-tree").first.wait_for()
    leaks.check(page, "workbench on Neo4j: a profiled plan")
    for name, query in {
        "a syntax error": "MATCH (m:Municipality)\nRETURN m.name LIMT 3",
        "a refused query": "CALL dbms.listConfig()",
        "a write": "MATCH (n:Fund) SET n.name = 'x'",
        "a missing parameter": "RETURN $missing AS m",
    }.items():
        page.goto(f"{url}/cypher?" + urlencode({"cypher": query, "lang": "qps"}))
        page.wait_for_selector("body[data-state=error]", state="attached", timeout=20_000)
        leaks.check(page, f"workbench on Neo4j: {name}")
    _assert_none(leaks, watch, url, answered=(400,))  # the queries Neo4j or the guard refuse


def _run(watch: PageWatch, url: str, query: str) -> None:
    watch.page.goto(f"{url}/cypher?" + urlencode({"cypher": query, "lang": "qps"}))
    watch.page.wait_for_selector("body[data-state=stable]", state="attached", timeout=30_000)
    watch.page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
