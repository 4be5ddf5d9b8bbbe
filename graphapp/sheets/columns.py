"""Which column holds what: the usual Swedish and English headers, and explicit mappings.

A header is compared folded (case, diacritics and punctuation ignored:
``Beviljat ESF-stöd`` = ``beviljat esf stod``). A header the tables below do not know
is a problem, unless the import maps it (``--column "Header=field"``, or ``=skip``):
an unknown column may hold anything, personal data included, so it is never guessed.
Columns of contact persons' names, phone numbers and e-mail addresses are recognised
so that they can be dropped, and counted in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal, get_args

from graphapp.textnorm import fold

__all__ = [
    "CONNECTION_HEADERS",
    "ELEMENT_HEADERS",
    "PROJECT_HEADERS",
    "ColumnField",
    "column_field",
    "normalise_header",
    "parse_mapping",
]

ColumnField = Literal[
    "name",
    "owner",
    "municipalities",
    "counties",
    "partners",
    "co_funders",
    "fund",
    "grant",
    "total_budget",
    "start",
    "end",
    "period",
    "description",
    "programme_area",
    "esf_region",
    "phase",
    "status",
    "case_number",
    # Kumu's Elements and Connections
    "type",
    "from",
    "to",
    "role",
    "amount",
    "kind",
    # not read
    "personal",
    "skip",
]
FIELDS: frozenset[str] = frozenset(get_args(ColumnField))

#: Headers of a project list (one row per project), folded.
PROJECT_HEADERS: dict[str, ColumnField] = {
    **dict.fromkeys(
        ("projektnamn", "projekt", "projektets namn", "namn", "project", "project name", "name", "projekttitel"),
        "name",
    ),
    **dict.fromkeys(
        (
            "projektagare",
            "stodmottagare",
            "agare",
            "huvudman",
            "sokande",
            "owner",
            "project owner",
            "beneficiary",
            "lead partner",
            "lead organisation",
            "lead organization",
        ),
        "owner",
    ),
    **dict.fromkeys(
        (
            "kommuner",
            "kommun",
            "deltagande kommuner",
            "berorda kommuner",
            "municipalities",
            "municipality",
            "participating municipalities",
        ),
        "municipalities",
    ),
    **dict.fromkeys(("lan", "berorda lan", "county", "counties"), "counties"),
    **dict.fromkeys(
        (
            "partner",
            "partners",
            "samverkanspartner",
            "samverkanspartners",
            "samarbetspartner",
            "samarbetspartners",
            "deltagande organisationer",
            "medverkande",
            "medverkande organisationer",
            "participants",
            "participating organisations",
            "participating organizations",
        ),
        "partners",
    ),
    **dict.fromkeys(
        ("medfinansiarer", "medfinansiar", "medfinansiering", "co funders", "cofunders", "co funder", "co financing"),
        "co_funders",
    ),
    **dict.fromkeys(("fond", "eu fond", "berord fond", "fund", "eu fund"), "fund"),
    **dict.fromkeys(
        (
            "beviljat belopp",
            "beviljat esf stod",
            "beviljat stod",
            "beviljade medel",
            "beviljat",
            "eu stod",
            "stodbelopp",
            "grant",
            "granted",
            "grant sek",
            "granted amount",
        ),
        "grant",
    ),
    **dict.fromkeys(
        (
            "total projektbudget",
            "total budget",
            "totalbudget",
            "budget",
            "total kostnad",
            "total budget sek",
            "budget sek",
        ),
        "total_budget",
    ),
    **dict.fromkeys(("start", "startdatum", "projektstart", "start date", "fran och med", "from date"), "start"),
    **dict.fromkeys(("slut", "slutdatum", "projektslut", "end", "end date", "till och med", "to date"), "end"),
    **dict.fromkeys(("projektperiod", "period", "project period"), "period"),
    **dict.fromkeys(
        (
            "beskrivning",
            "projektbeskrivning",
            "kort beskrivning",
            "sammanfattning",
            "description",
            "summary",
            "syfte",
        ),
        "description",
    ),
    **dict.fromkeys(("programomrade", "insatsomrade", "programme area", "program area"), "programme_area"),
    **dict.fromkeys(("region", "esf region"), "esf_region"),
    **dict.fromkeys(("projektfas", "fas", "phase"), "phase"),
    **dict.fromkeys(("status", "projektstatus"), "status"),
    **dict.fromkeys(
        ("arendenummer", "diarienummer", "projektnummer", "project number", "case number", "reference number", "id"),
        "case_number",
    ),
}

#: Contact persons' details, in any kind of sheet: dropped, counted.
PERSONAL_HEADERS: frozenset[str] = frozenset(
    {
        "kontaktperson",
        "kontaktpersoner",
        "kontakt",
        "projektledare",
        "handlaggare",
        "namn pa kontaktperson",
        "telefon",
        "telefonnummer",
        "tel",
        "mobil",
        "mobilnummer",
        "e post",
        "epost",
        "e postadress",
        "mejl",
        "mail",
        "email",
        "e mail",
        "contact",
        "contact person",
        "contact name",
        "project manager",
        "phone",
        "phone number",
        "telephone",
        "mobile",
        "email address",
        "e mail address",
    }
)

#: Kumu's Elements sheet: Label and Type, then any fields (project fields are read as above).
ELEMENT_HEADERS: dict[str, ColumnField] = {
    **PROJECT_HEADERS,
    "label": "name",
    "type": "type",
    "element type": "type",
    "typ": "type",
    "kind": "kind",
    "slag": "kind",
    "tags": "skip",
    "image": "skip",
}

#: Kumu's Connections sheet.
CONNECTION_HEADERS: dict[str, ColumnField] = {
    "from": "from",
    "fran": "from",
    "to": "to",
    "till": "to",
    "type": "type",
    "connection type": "type",
    "typ": "type",
    "role": "role",
    "roll": "role",
    "amount": "amount",
    "amount sek": "amount",
    "belopp": "amount",
    "label": "description",
    "description": "description",
    "beskrivning": "description",
    "direction": "skip",
    "tags": "skip",
}

_NON_ALNUM = re.compile(r"[^a-z0-9+]+")


def normalise_header(header: str) -> str:
    """``"Beviljat ESF-stöd (kr)"`` -> ``"beviljat esf stod kr"``, then known unit suffixes dropped."""
    words = _NON_ALNUM.sub(" ", fold(header)).split()
    while len(words) > 1 and words[-1] in ("kr", "sek", "kronor", "yyyy", "mm", "dd", "datum"):
        words.pop()
    return " ".join(words)


def column_field(
    header: str, known: Mapping[str, ColumnField], mapping: Mapping[str, ColumnField]
) -> ColumnField | None:
    """The field a header stands for: the explicit ``mapping`` first, then ``known``, then
    personal-data headers; None for an unknown column."""
    key = normalise_header(header)
    if key in mapping:
        return mapping[key]
    if key in known:
        return known[key]
    if key in PERSONAL_HEADERS:
        return "personal"
    return None


def parse_mapping(pairs: Iterable[str]) -> dict[str, ColumnField]:
    """``["Header=field", …]`` as a mapping of folded headers; ValueError naming a bad pair."""
    out: dict[str, ColumnField] = {}
    for pair in pairs:
        header, sep, field = pair.rpartition("=")
        field = field.strip().lower()
        if not sep or not header.strip():
            raise ValueError(f"{pair!r}: expected HEADER=FIELD")
        if field not in FIELDS:
            raise ValueError(f"{pair!r}: {field!r} is not a field; one of {', '.join(sorted(FIELDS))}")
        out[normalise_header(header)] = field  # type: ignore[assignment]  # checked against FIELDS above
    return out
