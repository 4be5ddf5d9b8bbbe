"""Spreadsheets to proposals: columns, names, cells, provenance, privacy, and files that must not be trusted."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graphapp.dates import PartialDate
from graphapp.records import parse_record_file
from graphapp.records.proposal import Proposal, record_files, record_yaml
from graphapp.sheets import Resolver, UnreadableSpreadsheet, parse_mapping, read_spreadsheets
from graphapp.sheets.tables import read_tables
from tests.conftest import DATA_DIR
from tests.sheets.builders import KUMU_CONNECTIONS, KUMU_ELEMENTS, csv_bytes, project_list, workbook


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver.load(DATA_DIR / "reference")


def one(files: list[tuple[str, bytes]], resolver: Resolver, **mapping: str) -> Proposal:
    found = read_spreadsheets(files, resolver, parse_mapping(f"{k}={v}" for k, v in mapping.items()))
    assert len(found) == 1
    return found[0]


def rels(proposal: Proposal) -> set[tuple[str, str, str, Any]]:
    return {
        (r.type, r.start, r.end, r.amount_sek if r.amount_sek is not None else r.role)
        for r in proposal.relationships.values()
    }


def test_a_project_list_becomes_projects_and_their_actors(resolver: Resolver) -> None:
    proposal = one([("region.xlsx", workbook({"Projekt": project_list()}))], resolver)
    assert proposal.problems == []
    found = rels(proposal)
    project = "project:sprakbron-kronoberg"
    assert {
        ("OWNS", "municipality:0780", project, None),
        ("PARTICIPATES_IN", "municipality:0764", project, "municipality"),
        ("PARTICIPATES_IN", "municipality:0781", project, "municipality"),
        ("PARTICIPATES_IN", "agency:arbetsformedlingen/ljungby", project, "partner"),
        ("PARTICIPATES_IN", "org:roda-korset", project, "partner"),
        ("CO_FUNDS", "org:region-kronoberg", project, 500_000),
        ("CO_FUNDS", "org:sprakbron-kronoberg/socialforvaltningen", project, 200_000),
        ("FUNDS", "fund:esf-2014-2020", project, 1_200_000),  # plain ESF: the programme of 2016
        ("PART_OF", "agency:arbetsformedlingen/ljungby", "agency:arbetsformedlingen", None),
    } <= found
    assert ("PARTICIPATES_IN", "municipality:0780", project, "municipality") not in found  # the owner owns
    assert ("OWNS", "agency:arbetsformedlingen/ljungby", "project:jobbsparet", None) in found  # from capitals
    assert ("FUNDS", "fund:amif", "project:jobbsparet", 800_000) in found
    props = proposal.nodes[project].properties
    assert props == {
        "start": "2016-01-01",
        "end": "2018-06-30",
        "grant_sek": 1_200_000,
        "total_budget_sek": 2_400_000,
        "summary": "Språkstöd för nyanlända i tre kommuner.",
    }


def test_an_ambiguous_unit_stays_unresolved_and_is_never_guessed(resolver: Resolver) -> None:
    proposal = one([("region.xlsx", workbook({"Projekt": project_list()}))], resolver)
    unit = proposal.nodes["org:sprakbron-kronoberg/socialforvaltningen"]
    assert unit.properties == {"kind": "municipal_unit", "resolved": False}
    assert any("Socialförvaltningen" in w and "unresolved" in w for w in proposal.warnings)


def test_each_row_is_the_source_of_its_relationships(resolver: Resolver) -> None:
    raw = workbook({"Projekt": project_list()})  # once: a workbook saved in another second has other bytes
    proposal = one([("region.xlsx", raw)], resolver)
    owns = proposal.relationships["municipality:0780|OWNS|project:sprakbron-kronoberg"]
    (source,) = owns.sources
    assert proposal.documents[source] == {
        "title": "region.xlsx – Projekt, row 2",  # noqa: RUF001 - a real dash
        "format": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "row": 2,
        "sheet": "Projekt",
    }
    assert owns.evidence == "Projekt row 2, Projektägare: Växjö kommun"
    again = one([("region.xlsx", raw)], resolver)
    assert set(again.documents) == set(proposal.documents)  # the same file gives the same ids


def test_contact_persons_are_dropped_and_counted(resolver: Resolver) -> None:
    rows = project_list()
    rows[1][11] = "Ring Anna på 0470-12 34 56 eller anna.svensson@example.se."
    proposal = one([("region.xlsx", workbook({"Projekt": rows}))], resolver)
    assert proposal.personal_data_dropped == 5 + 2  # 5 filled contact cells, a phone and an e-mail in a description
    text = proposal.model_dump_json()
    for personal in ("Anna Svensson", "0470-12 34 56", "anna.svensson", "Bo Ek", "bo.ek"):
        assert personal not in text


def test_a_person_named_as_a_partner_is_dropped_not_stored(resolver: Resolver) -> None:
    rows = project_list()
    rows[1][4] = "Röda korset; Anna Svensson"
    proposal = one([("region.xlsx", workbook({"Projekt": rows}))], resolver)
    assert ("PARTICIPATES_IN", "org:roda-korset", "project:sprakbron-kronoberg", "partner") in rels(proposal)
    assert "Anna Svensson" not in proposal.model_dump_json()
    assert proposal.personal_data_dropped == 5 + 1


def test_the_accepted_proposal_validates_as_record_files(resolver: Resolver) -> None:
    proposal = one([("region.xlsx", workbook({"Projekt": project_list()}))], resolver)
    files = record_files(proposal)
    assert [name for name, _ in files] == ["jobbsparet.yaml", "sprakbron-kronoberg.yaml"]
    for name, record in files:
        parsed = parse_record_file(record_yaml(record, "test"), name)
        assert parsed.documents[0].sheet == "Projekt"


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8"), (",", "utf-8-sig"), ("\t", "cp1252"), ("|", "utf-8")],
)
def test_csv_delimiter_and_encoding_are_sniffed(resolver: Resolver, delimiter: str, encoding: str) -> None:
    from_xlsx = one([("region.xlsx", workbook({"Projekt": project_list()}))], resolver)
    from_csv = one([("region.csv", csv_bytes(project_list(), delimiter, encoding))], resolver)
    assert from_csv.problems == []
    assert rels(from_csv) == rels(from_xlsx)
    assert {n.name for n in from_csv.nodes.values()} == {n.name for n in from_xlsx.nodes.values()}
    assert next(iter(from_csv.documents.values()))["title"] == "region.csv, row 2"


def test_bad_cells_are_reported_by_sheet_row_and_column(resolver: Resolver) -> None:
    rows = project_list()
    rows[1][9] = "snart"  # Startdatum
    rows[2][7] = "mycket"  # Beviljat ESF-stöd
    rows[2][3] = "Småland"  # Län
    rows[0].append("Kommentar")  # an unknown column
    rows[1].append("ring Anna")
    proposal = one([("region.xlsx", workbook({"Projekt": rows}))], resolver)
    where = sorted((p.sheet, p.row, p.column) for p in proposal.problems)
    assert where == [
        ("Projekt", 1, "Kommentar"),
        ("Projekt", 2, "Startdatum"),
        ("Projekt", 3, "Beviljat ESF-stöd"),
        ("Projekt", 3, "Län"),
    ]
    messages = {p.column: str(p) for p in proposal.problems}
    assert messages["Startdatum"] == (
        "region.xlsx:Projekt:2:Startdatum: 'snart' is not a date "
        "(expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)"
    )
    assert "not an amount of kronor" in messages["Beviljat ESF-stöd"]
    assert "--column 'Kommentar=FIELD'" in messages["Kommentar"]
    assert sorted(proposal.invalid_rows) == ["Projekt:2", "Projekt:3"]
    assert proposal.nodes == {} and record_files(proposal) == []  # an invalid row adds nothing


def test_an_explicit_mapping_reads_an_unknown_header(resolver: Resolver) -> None:
    rows = [["Insats", "Huvudaktör", "Övrigt"], ["Samhällsguider", "Trelleborgs kommun", "x"]]
    unmapped = one([("a.csv", csv_bytes(rows))], resolver)
    assert {p.column for p in unmapped.problems} == {"Insats", "Huvudaktör", "Övrigt", None}
    assert any("no column of project names" in p.message for p in unmapped.problems)
    mapped = one([("a.csv", csv_bytes(rows))], resolver, Insats="name", Huvudaktör="owner", Övrigt="skip")
    assert mapped.problems == []
    assert ("OWNS", "municipality:1287", "project:samhallsguider", None) in rels(mapped)


def test_a_mapping_to_no_field_is_refused() -> None:
    with pytest.raises(ValueError, match="'nonsense' is not a field"):
        parse_mapping(["Insats=nonsense"])


def test_kumu_elements_and_connections_sheets(resolver: Resolver) -> None:
    proposal = one([("karta.xlsx", workbook({"Elements": KUMU_ELEMENTS, "Connections": KUMU_CONNECTIONS}))], resolver)
    assert proposal.problems == []
    project = "project:nyanlandas-vag-in"
    assert rels(proposal) == {
        ("OWNS", "municipality:1766", project, None),
        ("CO_FUNDS", "org:fryksdalens-sparbank", project, 150_000),  # written project -> actor, turned round
        ("FUNDS", "fund:amif", project, 2_000_000),
        ("PARTICIPATES_IN", "agency:migrationsverket", project, "partner"),  # an end that is no element
        ("BUILDS_ON", project, "project:connecting-people", None),
    }
    assert proposal.nodes[project].properties == {
        "start": "2021-02-01",
        "end": "2023-01-31",
        "summary": "Mentorer och praktik.",
    }
    titles = sorted(d["title"] for d in proposal.documents.values())
    assert "karta.xlsx – Connections, row 2" in titles  # noqa: RUF001 - a real dash


def test_kumu_csv_files_given_together_make_one_proposal(resolver: Resolver) -> None:
    from_xlsx = one([("karta.xlsx", workbook({"Elements": KUMU_ELEMENTS, "Connections": KUMU_CONNECTIONS}))], resolver)
    files = [("elements.csv", csv_bytes(KUMU_ELEMENTS, ",")), ("connections.csv", csv_bytes(KUMU_CONNECTIONS, ","))]
    from_csv = one(files, resolver)
    assert from_csv.source == "elements.csv + connections.csv"
    assert rels(from_csv) == rels(from_xlsx)


def test_a_bad_connection_type_is_a_problem_of_its_cell(resolver: Resolver) -> None:
    connections = [*KUMU_CONNECTIONS, ["Sunne kommun", "Nyanländas väg in", "gillar", "", "mycket"]]
    proposal = one([("karta.xlsx", workbook({"Elements": KUMU_ELEMENTS, "Connections": connections}))], resolver)
    assert sorted((p.row, p.column) for p in proposal.problems) == [(7, "Amount"), (7, "Type")]


def test_formulas_are_read_as_saved_never_evaluated(resolver: Resolver) -> None:
    rows = project_list()
    rows[1][7] = "=2*600000"  # no value saved with it: the grant is empty, not computed
    proposal = one([("region.xlsx", workbook({"Projekt": rows}))], resolver)
    assert "grant_sek" not in proposal.nodes["project:sprakbron-kronoberg"].properties


def test_a_file_that_is_no_workbook_is_one_problem(resolver: Resolver) -> None:
    proposal = one([("region.xlsx", b"PK\x03\x04 not really a zip")], resolver)
    assert [str(p) for p in proposal.problems] == ["region.xlsx: not an .xlsx workbook (the file is not a zip archive)"]


@pytest.mark.parametrize("name", ["makro.xlsm", "gammal.xls", "ritning.png"])
def test_macro_workbooks_and_other_formats_are_refused(name: str) -> None:
    with pytest.raises(UnreadableSpreadsheet, match=name):
        read_tables(name, b"whatever")


def test_xml_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    original = workbook({"Projekt": project_list()})
    hostile = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(hostile, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    f'<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret}">]><worksheet'.encode(),
                    1,
                ).replace(b"<v>1200000</v>", b"<v>&x;</v>")
            out.writestr(item, data)
    with pytest.raises(UnreadableSpreadsheet) as refused:
        read_tables("hostile.xlsx", hostile.getvalue())
    assert "TOP-SECRET" not in refused.value.detail


def test_a_zip_bomb_is_refused_unopened(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphapp.sheets import tables

    monkeypatch.setattr(tables, "MAX_UNPACKED", 1_000_000)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/workbook.xml", b"<workbook/>")
        out.writestr("xl/worksheets/sheet1.xml", b"0" * 2_000_000)
    assert len(bomb.getvalue()) < 20_000
    with pytest.raises(UnreadableSpreadsheet, match="unpacks to"):
        read_tables("bomb.xlsx", bomb.getvalue())


def test_a_period_known_to_the_year_or_month_stays_so(resolver: Resolver) -> None:
    rows = project_list()
    header = rows[0]
    rows[1][header.index("Startdatum")] = 2016  # a number cell: a year
    rows[1][header.index("Slutdatum")] = "2018-06"
    proposal = one([("region.xlsx", workbook({"Projekt": rows}))], resolver)
    assert proposal.problems == []
    props = proposal.nodes["project:sprakbron-kronoberg"].properties
    assert (props["start"], props["end"]) == ("2016", "2018-06")  # never an invented 1 January
    name, record = next((n, r) for n, r in record_files(proposal) if n == "sprakbron-kronoberg.yaml")
    parsed = parse_record_file(record_yaml(record, "test"), name)  # the record file written keeps it too
    assert (parsed.project.start, parsed.project.end) == (PartialDate(2016), PartialDate(2018, 6))
