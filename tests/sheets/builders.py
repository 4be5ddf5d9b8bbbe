"""Spreadsheets made in the tests: the project list a region keeps, and Kumu's two sheets."""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

import openpyxl

#: A project list as project banks publish one: Swedish headers, several municipalities in one
#: cell, co-funders with amounts, a contact person's name, phone and e-mail.
PROJECT_HEADER = [
    "Projektnamn",
    "Projektägare",
    "Kommuner",
    "Län",
    "Partners",
    "Medfinansiärer",
    "Fond",
    "Beviljat ESF-stöd",
    "Total projektbudget",
    "Startdatum",
    "Slutdatum",
    "Beskrivning",
    "Kontaktperson",
    "Telefon",
    "E-post",
]
PROJECT_ROWS: list[list[Any]] = [
    [
        "Språkbron Kronoberg",
        "Växjö kommun",
        "Växjö, Alvesta och Ljungby",
        "Kronobergs län",
        "Arbetsförmedlingen Ljungby; Röda korset",
        "Region Kronoberg 500 000 kr; Socialförvaltningen (200 000)",
        "ESF",
        1_200_000,
        2_400_000,
        dt.date(2016, 1, 1),
        dt.date(2018, 6, 30),
        "Språkstöd för nyanlända i tre kommuner.",
        "Anna Svensson",
        "0470-12 34 56",
        "anna.svensson@example.se",
    ],
    [
        "Jobbspåret",
        "ARBETSFÖRMEDLINGEN LJUNGBY",
        "Ljungby",
        "G",
        "",
        "",
        "AMIF",
        "800 000",
        "",
        "2019-03-01",
        "2020-12-31",
        "",
        "Bo Ek",
        "",
        "bo.ek@example.se",
    ],
]


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    """An .xlsx file with these sheets (first row: the header)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[Any]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """CSV as a spreadsheet program saves it: every cell as text, quoted when needed."""
    import csv

    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return out.getvalue().encode(encoding)


def project_list() -> list[list[Any]]:
    """A fresh copy to change in a test."""
    return copy.deepcopy([PROJECT_HEADER, *PROJECT_ROWS])


KUMU_ELEMENTS = [
    ["Label", "Type", "Description", "Start", "End"],
    ["Nyanländas väg in", "Projekt", "Mentorer och praktik.", "2021-02-01", "2023-01-31"],
    ["Sunne kommun", "Kommun", "", "", ""],
    ["Fryksdalens sparbank", "Organisation", "", "", ""],
    ["AMIF", "Fond", "", "", ""],
    ["Connecting people", "Projekt", "", "", ""],
]
KUMU_CONNECTIONS = [
    ["From", "To", "Type", "Role", "Amount"],
    ["Sunne kommun", "Nyanländas väg in", "äger", "", ""],
    ["Nyanländas väg in", "Fryksdalens sparbank", "medfinansierar", "", "150 000"],
    ["AMIF", "Nyanländas väg in", "finansierar", "", "2 000 000"],
    ["Migrationsverket", "Nyanländas väg in", "deltar i", "partner", ""],
    ["Nyanländas väg in", "Connecting people", "bygger på", "", ""],
]
