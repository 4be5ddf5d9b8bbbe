"""The Cypher workbench in a real headless Chromium, over a real Neo4j (and the embedded store's notice).

Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook
from playwright.sync_api import expect

from graphapp.store import GraphStore
from tests.views.conftest import LiveServer, PageWatch, axe_violations
from tests.views.test_browser import assert_clean


def _run_saved(watch: PageWatch, server: LiveServer, code: str) -> None:
    page = watch.page
    page.goto(server.url + "/cypher/partners-of-municipality")
    expect(page.locator("#saved-description")).to_contain_text("En kommuns partnerkommuner")  # queries.po
    page.locator("#param-code").fill(code)
    page.locator("#param-code").press("Enter")  # the form submits from the keyboard
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)


def _download(watch: PageWatch, kind: str) -> tuple[Path, str]:
    """The file a download button gives, and the name it is offered under."""
    page = watch.page
    page.locator("#download-menu summary").click()
    with page.expect_download() as info:
        page.locator(f"#download-menu button[data-download={kind}]").click()
    path = info.value.path()
    assert path is not None
    return Path(path), info.value.suggested_filename


def test_saved_query_with_parameters_shows_rows(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    _run_saved(watch, neo4j_live_server, "0780")
    page = watch.page
    assert parse_qs(urlsplit(page.url).query) == {"code": ["0780"]}
    partners = page.locator("#result-table tbody tr td:nth-child(2)").all_text_contents()
    expected = neo4j_loaded.run_cypher(
        "MATCH (m:Municipality {code: '0780'})-[:OWNS|PARTICIPATES_IN|CO_FUNDS]->(:Project)"
        "<-[:OWNS|PARTICIPATES_IN|CO_FUNDS]-(o:Municipality) WHERE o <> m RETURN DISTINCT o.name",
        {},
        10,
        1000,
    )
    assert sorted(partners) == sorted(row[0] for row in expected.rows) and "Alvesta" in partners
    expect(page.locator("#results-status")).to_have_text(f"{len(partners)} rader")
    expect(page.locator("#result-table thead th")).to_have_text(["code", "partner", "shared_projects", "projects"])
    watch.screenshot("workbench-saved")
    assert_clean(watch, neo4j_live_server.url)


def test_table_downloads_have_the_rows_for_a_swedish_spreadsheet(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    _run_saved(watch, neo4j_live_server, "0780")
    shown = watch.page.locator("#result-table tbody tr td:nth-child(2)").all_text_contents()
    path, name = _download(watch, "csv")
    assert name == "partners-of-municipality.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel reads åäö"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))  # what Swedish Excel splits on
    assert rows[0] == ["code", "partner", "shared_projects", "projects"]
    assert [row[1] for row in rows[1:]] == shown
    alvesta = next(row for row in rows if row[1] == "Alvesta")
    assert alvesta[0] == "0764" and int(alvesta[2]) >= 1 and "Integration på G!" in alvesta[3]
    sheet = load_workbook(io.BytesIO(_download(watch, "xlsx")[0].read_bytes())).active
    assert sheet is not None and sheet.title == "Resultat"
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0] == ("code", "partner", "shared_projects", "projects")
    assert [row[1] for row in cells[1:]] == shown
    assert all(isinstance(row[2], int) for row in cells[1:]), "counts are numbers"
    document = json.loads(_download(watch, "json")[0].read_text(encoding="utf-8"))
    assert document["columns"] == rows[0] and [r["partner"] for r in document["rows"]] == shown
    assert_clean(watch, neo4j_live_server.url)


def test_shared_url_reproduces_the_result(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch, browser: Any
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/cypher")
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+a")
    page.keyboard.type("MATCH (p:Project)<-[:FUNDS]-(f:Fund {id: $fund}) RETURN p.name AS project ORDER BY project")
    page.keyboard.press("Escape")  # the completion of "$fund"
    page.locator("#param-field-fund").fill("fund:amif")  # a field per $parameter, text unless declared
    page.locator(".CodeMirror textarea").focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    rows = page.locator("#result-table tbody").inner_text()
    assert "Connecting people" in rows
    shared = page.locator("#share-url").input_value()
    assert shared.startswith(neo4j_live_server.url + "/cypher?cypher=")
    assert parse_qs(urlsplit(shared).query)["params"] == ['{"fund":"fund:amif"}']
    other = browser.new_context().new_page()
    other.goto(shared)
    other.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert other.locator("#result-table tbody").inner_text() == rows
    other.context.close()


def test_cypher_is_highlighted_and_refused_cypher_is_explained(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(
        neo4j_live_server.url
        + "/cypher?cypher="
        + "LOAD%20CSV%20FROM%20%27file%3A%2F%2F%2Fetc%2Fpasswd%27%20AS%20r%20RETURN%20r"
    )
    expect(page.locator(".CodeMirror .cm-keyword").first).to_be_visible()
    expect(page.locator("#query-error")).to_contain_text("LOAD CSV")
    expect(page.locator("#limits")).to_contain_text("1000")
    assert page.locator("#result-table").is_hidden()


def test_a_node_of_the_result_network_shows_its_details_on_the_page(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    query = "MATCH (m:Municipality {code: $code})-[r]->(p) RETURN m, r, p"
    page.goto(neo4j_live_server.url + "/cypher?" + _query({"cypher": query, "params": '{"code": "1766"}'}))
    page.wait_for_selector("body[data-network=drawn]", state="attached", timeout=20_000)
    expect(page.locator("#result-table tbody a").first).to_have_text("Sunne")
    page.locator("#result-network").scroll_into_view_if_needed()
    point = page.evaluate(
        "() => { const n = window.graphappWorkbench.drawing().network;"
        " return n.canvasToDOM(n.getPositions(['municipality:1766'])['municipality:1766']); }"
    )
    box = page.locator("#result-network").bounding_box()
    assert box is not None
    before = page.url
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("body[data-details='municipality:1766']", state="attached", timeout=10_000)
    details = page.locator("#node-details")
    expect(details.locator("h4")).to_have_text("Sunne")
    expect(details).to_contain_text("1766")
    expect(details.locator("a")).to_have_attribute("href", "/views/actor?id=municipality%3A1766")
    assert page.url == before  # the workbench stays
    watch.screenshot("workbench-node-details")
    assert_clean(watch, neo4j_live_server.url)


def test_embedded_store_explains_how_to_start_neo4j(live_server: LiveServer, watch: PageWatch) -> None:
    page = watch.page
    page.goto(live_server.url + "/cypher/co-funders?limit=5")
    expect(page.locator("#neo4j-needed")).to_contain_text("scripts/neo4j start")
    expect(page.locator("#neo4j-needed")).to_contain_text("docker compose up")
    expect(page.locator("#results-status")).to_have_text("Ingen fråga har körts än.")
    for button in page.locator("#saved-form button, .run-buttons button").all():
        expect(button).to_be_disabled()
    expect(page.locator("#run-disabled")).to_contain_text("Neo4j")
    page.locator("#param-limit").press("Enter")  # a disabled form does not submit
    assert page.url.endswith("/cypher/co-funders?limit=5")
    expect(page.locator("#download-menu")).to_be_hidden()
    page.locator("#sidebar-labels button[data-insert=':Fund']").click()  # the schema still helps to write
    assert ":Fund" in page.evaluate("window.graphappBench.editor.cm.getValue()")
    watch.screenshot("workbench-embedded-store")
    assert_clean(watch, live_server.url)


def test_saved_query_embeds_in_an_iframe(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/embed/cypher/co-funders?limit=3")
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert page.locator("#result-table tbody tr").count() == 3
    amounts = page.locator("#result-table tbody td:nth-child(3)").all_text_contents()
    stated = [amount for amount in amounts if amount]  # a co-funder whose contribution is not stated shows nothing
    assert stated and all(re.fullmatch(r"\d{1,3}(\u00a0\d{3})*\u00a0kr", amount) for amount in stated), amounts
    expect(page.locator(".embed-link a")).to_have_attribute(
        "href", neo4j_live_server.url + "/cypher/co-funders?limit=3"
    )
    assert page.locator("#adhoc-form").count() == 0


def test_workbench_has_no_serious_accessibility_violations(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    _run_saved(watch, neo4j_live_server, "0780")
    assert axe_violations(watch.page) == []


def _query(pairs: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)
