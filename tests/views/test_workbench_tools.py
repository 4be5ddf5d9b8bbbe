"""The workbench's tools in a real headless Chromium over a real Neo4j (#26): the schema sidebar, completion,
parameters typed by their declaration, the history, the plan of EXPLAIN and PROFILE, the XLSX download and
errors explained in the page's language. Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

from openpyxl import load_workbook
from playwright.sync_api import expect

from graphapp.store import GraphStore
from tests.views.conftest import LiveServer, PageWatch, axe_violations
from tests.views.test_browser import assert_clean
from tests.views.test_workbench import _download


def _editor(watch: PageWatch) -> str:
    text: str = watch.page.evaluate("window.graphappBench.editor.cm.getValue()")
    return text


def _type_into_editor(watch: PageWatch, text: str) -> None:
    page = watch.page
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def _hints(watch: PageWatch) -> list[str]:
    watch.page.wait_for_selector(".CodeMirror-hints", timeout=5_000)
    return watch.page.locator(".CodeMirror-hint").all_text_contents()


def _run_adhoc(watch: PageWatch, server: LiveServer, query: str, params: str = "") -> None:
    pairs = {"cypher": query} | ({"params": params} if params else {})
    watch.page.goto(server.url + "/cypher?" + urlencode(pairs))
    watch.page.wait_for_selector("body[data-state=stable], body[data-state=error]", state="attached", timeout=20_000)


def test_the_sidebar_inserts_labels_types_and_properties_where_the_cursor_is(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/cypher")
    _type_into_editor(watch, "MATCH (m")
    page.keyboard.press("Escape")
    page.locator("#sidebar-labels button[data-insert=':Municipality']").click()
    page.keyboard.type(")-[r")
    page.locator("#sidebar-types button[data-insert=':IN_COUNTY']").click()
    page.keyboard.type("]->(c) RETURN m")
    page.locator("#sidebar-labels li", has_text=":Municipality").locator("summary").click()  # its properties
    page.locator("#sidebar-labels li", has_text=":Municipality").locator("button[data-insert=code]").click()
    assert _editor(watch) == "MATCH (m:Municipality)-[r:IN_COUNTY]->(c) RETURN m.code"
    titles = page.locator("#sidebar-labels button[data-insert=':Project']").get_attribute("title")
    assert titles and "projekt" in titles.lower()
    assert_clean(watch, neo4j_live_server.url)


def test_completion_offers_labels_types_properties_parameters_and_saved_queries(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/cypher")
    _type_into_editor(watch, "MATCH (m:Mun")
    page.keyboard.press("Control+Space")
    assert [hint.split()[0] for hint in _hints(watch)] == ["Municipality"]
    page.keyboard.press("Enter")
    page.keyboard.type(")-[r:")
    types = [hint.split()[0] for hint in _hints(watch)]
    assert "IN_COUNTY" in types and "PARTICIPATES_IN" in types and "Municipality" not in types  # in [ ]: types only
    page.keyboard.type("IN_C")
    page.keyboard.press("Enter")
    page.keyboard.type("]->(c:County) WHERE m.")
    properties = [hint.split()[0] for hint in _hints(watch)]
    assert {"code", "official_name", "county_code", "lat"} <= set(properties) and "programme" not in properties
    page.keyboard.type("co")
    expect(page.locator(".CodeMirror-hint").first).to_contain_text("code")  # narrowed, still open: Esc closes it
    page.keyboard.press("Escape")
    expect(page.locator(".CodeMirror-hints")).to_have_count(0)
    page.keyboard.type("de = $code RETURN c")  # no parameter yet: nothing to offer after "$"
    assert _editor(watch) == "MATCH (m:Municipality)-[r:IN_COUNTY]->(c:County) WHERE m.code = $code RETURN c"
    page.keyboard.type(" ORDER BY $")
    assert [hint.split()[0] for hint in _hints(watch)] == ["code"]
    page.keyboard.press("Escape")
    _type_into_editor(watch, "partners")
    page.keyboard.press("Control+Space")
    hints = _hints(watch)
    assert any(hint.startswith("partners-of-municipality") and "sparad fråga" in hint for hint in hints), hints
    page.keyboard.press("Enter")  # a saved query's name brings its text, header and all
    assert _editor(watch).startswith("// Partner municipalities of a municipality")
    expect(page.locator("#param-field-code")).to_be_visible()
    watch.screenshot("workbench-completion")
    assert_clean(watch, neo4j_live_server.url)


def test_a_declared_string_parameter_given_digits_is_text_in_the_form(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/cypher/partners-of-municipality")
    code = page.locator("#adhoc-form #param-field-code")  # the editor's form, from the header
    expect(code).to_have_attribute("data-type", "string")
    expect(page.locator("#adhoc-form .param-row")).to_contain_text("kommunens kod från SCB")  # queries.po
    code.fill("2062")  # Mora, in Dalarna: a code without a leading zero
    page.locator("#run-button").click()
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert "Falun" in page.locator("#result-table tbody").inner_text()
    # an undeclared parameter: the form asks for its type, text unless told otherwise
    _type_into_editor(watch, "UNWIND $xs AS x RETURN x * 2 AS twice")
    page.keyboard.press("Escape")
    page.locator("#param-field-xs").wait_for()
    page.locator(".param-row select.param-type").select_option("list")
    page.locator("#param-field-xs").fill("[1, 2, 3]")
    page.locator("#run-button").click()
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert page.locator("#result-table tbody td").all_text_contents() == ["2", "4", "6"]
    page.locator("#param-field-xs").fill("[1, 2")  # not a list: said at once, nothing sent
    page.locator("#run-button").click()
    expect(page.locator("#query-error .error-box")).to_have_attribute("data-error", "parameters")
    expect(page.locator("#query-error")).to_contain_text("xs")
    assert_clean(watch, neo4j_live_server.url)


def test_a_number_in_the_json_for_a_declared_string_is_explained_not_an_empty_result(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    header = "// @param code: string  SCB code\nMATCH (m:Municipality {code: $code}) RETURN m.name AS name"
    _run_adhoc(watch, neo4j_live_server, header, '{"code": 2062}')
    page = watch.page
    expect(page.locator("#query-error")).to_contain_text(
        'parameter code must be a string, not int (2062); write it as "2062"'
    )
    assert page.locator("#result-table").is_hidden()
    expect(page.locator("#param-field-code")).to_have_value("2062")


def test_the_history_keeps_queries_in_the_browser_and_puts_one_back(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    _run_adhoc(watch, neo4j_live_server, "MATCH (c:County) RETURN count(c) AS counties")
    _run_adhoc(watch, neo4j_live_server, "MATCH (m:Municipality {code: $code}) RETURN m.name", '{"code": "0780"}')
    _run_adhoc(watch, neo4j_live_server, "RETURN 1 +")  # a mistake is kept too
    page.goto(neo4j_live_server.url + "/cypher")
    entries = page.locator("#history-list li")
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("RETURN 1 +")
    expect(entries.nth(0)).to_contain_text("Fel")
    expect(entries.nth(1)).to_contain_text("1 rader")
    entries.nth(1).locator("button").click()
    assert _editor(watch) == "MATCH (m:Municipality {code: $code}) RETURN m.name"
    expect(page.locator("#param-field-code")).to_have_value("0780")
    stored: list[dict[str, Any]] = page.evaluate("JSON.parse(localStorage.getItem('graphapp.workbench.history'))")
    assert stored[1]["parameters"] == {"code": "0780"} and stored[2]["rows"] == 1
    page.locator("#history-clear").click()
    expect(entries).to_have_count(0)
    expect(page.locator("#history-empty")).to_be_visible()


def test_explain_and_profile_draw_the_plan_as_a_tree(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    page.goto(neo4j_live_server.url + "/cypher")
    _type_into_editor(watch, "MATCH (m:Municipality)-[:IN_COUNTY]->(c:County {code: '20'}) RETURN m.name")
    page.locator("button[data-prefix=EXPLAIN]").click()
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert _editor(watch).startswith("EXPLAIN MATCH")
    plan = page.locator("#plan")
    expect(plan.locator(".plan-operator").first).to_have_text("ProduceResults")
    expect(plan.locator("#plan-summary")).to_contain_text("kördes inte")
    # Neo4j's own plan, step by step down to the one that reads the counties (a scan, or a seek of the
    # schema's county_code index)
    steps = page.evaluate(
        "() => { const out = []; let s = window.graphappWorkbench.result().plan;"
        " while (s) { out.push(s.operator); s = s.children[0]; } return out; }"
    )
    operators = plan.locator(".plan-operator").all_text_contents()
    assert operators == steps and len(operators) >= 4
    assert operators[0] == "ProduceResults" and operators[-1] in {"NodeByLabelScan", "NodeIndexSeek"}
    assert plan.locator(".badge.hits").count() == 0
    page.locator("button[data-prefix=PROFILE]").click()  # replaces EXPLAIN
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert _editor(watch).startswith("PROFILE MATCH")
    expect(page.locator("#results-status")).to_have_text("15 rader")
    expect(plan.locator(".plan-step").first).to_contain_text("15 rader")
    assert plan.locator(".badge.hits").count() >= 3 and plan.locator(".plan-bar").count() >= 1
    expect(plan.locator("#plan-summary")).to_contain_text("databasträffar")
    watch.screenshot("workbench-profile")
    _type_into_editor(watch, "MATCH (c:County) WITH count(c) AS counties MATCH (f:Fund) RETURN counties, count(f)")
    page.keyboard.press("Escape")
    page.locator("button[data-prefix=EXPLAIN]").click()  # a step that reads from two: branches below it
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    branches = plan.locator(".plan-branches")
    expect(branches).to_have_count(1)
    expect(branches.locator(":scope > .plan-chain")).to_have_count(2)
    assert_clean(watch, neo4j_live_server.url)


def test_xlsx_download_has_one_column_per_property_and_the_querys_name(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    query = (
        "// Grants per fund and project\n"
        "MATCH (f:Fund)-[g:FUNDS]->(p:Project) RETURN f, g, p.name AS project ORDER BY project"
    )
    _run_adhoc(watch, neo4j_live_server, query)
    path, name = _download(watch, "xlsx")
    assert name == "grants-per-fund-and-project.xlsx"
    sheet = load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:4] == ["f.id", "f.kind", "f.name", "f.programme"]
    assert {"g.type", "g.start", "g.end", "g.amount_sek", "g.sources"} <= set(header) and header[-1] == "project"
    amif = next(row for row in rows if row[header.index("f.id")] == "fund:amif")
    assert amif[header.index("project")] == "Connecting people" and isinstance(amif[header.index("g.amount_sek")], int)
    csv_path, csv_name = _download(watch, "csv")
    assert csv_name == "grants-per-fund-and-project.csv"
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0] == ";".join(header)  # the Swedish page's CSV


def test_errors_are_explained_in_the_pages_language_with_neo4js_text_kept(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    _run_adhoc(watch, neo4j_live_server, "MATCH (m:Municipality)\nRETURN m.name LIMT 3")
    box = page.locator("#query-error .error-box")
    expect(box).to_have_attribute("data-error", "syntax")
    expect(box).to_contain_text("Neo4j kunde inte tolka frågan")
    expect(box.locator(".server-text")).to_contain_text("Invalid input 'LIMT'")  # Neo4j's own words
    expect(box).to_contain_text("Rad 2 i frågan")
    expect(page.locator(".CodeMirror .error-line")).to_have_count(1)
    _run_adhoc(watch, neo4j_live_server, "CALL dbms.listConfig()")
    expect(box).to_have_attribute("data-error", "refused")
    expect(box.locator(".server-text")).to_contain_text("procedure dbms.listConfig is not allowed")
    _run_adhoc(watch, neo4j_live_server, "MATCH (n:Fund) SET n.name = 'x'")
    expect(box).to_have_attribute("data-error", "read_only")
    page.goto(neo4j_live_server.url + "/cypher?" + urlencode({"cypher": "RETURN $missing AS m", "lang": "en"}))
    page.wait_for_selector("body[data-state=error]", state="attached", timeout=20_000)
    expect(box).to_have_attribute("data-error", "parameter_missing")
    expect(box).to_contain_text("The query uses a parameter that was given no value.")
    watch.screenshot("workbench-error-explained")


def test_the_workbench_with_its_tools_has_no_serious_accessibility_violations(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    _run_adhoc(
        watch,
        neo4j_live_server,
        "PROFILE MATCH (m:Municipality {code: $code})-[r]->(p) RETURN m, r, p",
        '{"code": "1766"}',
    )
    watch.page.wait_for_selector("body[data-network=drawn]", state="attached", timeout=20_000)
    assert axe_violations(watch.page) == []


def test_without_a_header_the_schema_types_a_parameter_and_explains_an_empty_result(
    neo4j_live_server: LiveServer, neo4j_loaded: GraphStore, watch: PageWatch
) -> None:
    page = watch.page
    _run_adhoc(watch, neo4j_live_server, "MATCH (m:Municipality {code: $code}) RETURN m.name AS name", '{"code": 2062}')
    status = page.locator("#results-status")
    expect(status).to_contain_text("Frågan gav inga rader.")
    expect(status).to_contain_text(
        "Parametern code är heltal men jämförs med Municipality.code, som är text i schemat."
    )
    field = page.locator("#param-field-code")
    expect(field).to_have_attribute("data-type", "string")  # the schema's type: 2062 is sent as "2062"
    expect(page.locator(".param-row")).to_contain_text("typen från schemat (Municipality.code)")
    page.locator("#run-button").click()
    page.wait_for_selector("body[data-state=stable]", state="attached", timeout=20_000)
    assert page.locator("#result-table tbody td").all_text_contents() == ["Mora"]
    assert_clean(watch, neo4j_live_server.url)
