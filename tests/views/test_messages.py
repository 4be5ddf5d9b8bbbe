"""Every note, problem and answer the curator reads has words in Swedish: none is left in English."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

import pytest

from graphapp.views.messages import _ERRORS, NOTES, error_text, note_text
from tests.conftest import ROOT

#: Calls whose text argument (at this position) is a note or a problem a person reads.
_SAYING = {
    "warn": 0,
    "problem": 1,
    "CellError": 0,
    "_sheet_problem": 2,
    "_header_problem": 3,
    "UnreadableDocument": 0,
    "UnreadableSpreadsheet": 0,
}


def _templates(node: ast.expr) -> Iterator[str]:
    """The template of a message as its source writes it: literal text, ``{}`` for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = list(_templates(node.left)), list(_templates(node.right))
        yield (left[0] if len(left) == 1 else "{}") + (right[0] if len(right) == 1 else "{}")
        for side in (node.left, node.right):
            if isinstance(side, ast.IfExp):  # "…; " + ("this" if … else "that"): each branch is worded too
                yield from _templates(side.body)
                yield from _templates(side.orelse)


def source_messages() -> set[str]:
    """The notes and problems the extractor and the spreadsheet reader write, as templates."""
    found = set()
    for path in sorted([*(ROOT / "graphapp" / "extract").rglob("*.py"), *(ROOT / "graphapp" / "sheets").rglob("*.py")]):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            is_note = (
                name == "append" and isinstance(func, ast.Attribute) and getattr(func.value, "attr", "") == "warnings"
            )
            position = 0 if is_note else _SAYING.get(name or "")
            if position is None or len(call.args) <= position:
                continue
            for template in _templates(call.args[position]):
                if len(re.sub(r"[^a-zA-Z]", "", template.replace("{}", ""))) > 3:  # words, not just "{}: {}"
                    found.add(template)
    return found


def test_every_note_and_problem_in_the_source_has_swedish_words() -> None:
    found = source_messages()
    assert len(found) > 50  # the finder finds them
    missing = sorted(found - set(NOTES))
    assert not missing, f"notes or problems without Swedish words in graphapp/views/messages.py: {missing}"


def test_every_template_has_a_value_for_each_place_and_every_error_both_languages() -> None:
    for english, swedish in NOTES.items():
        places = english.count("{}")
        assert sorted(set(re.findall(r"\{(\d)\}", swedish))) == [str(i) for i in range(places)], english
    assert set(_ERRORS["sv"]) == set(_ERRORS["en"])


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("organisations mentioned without a role in the project, left out: Svenska kyrkan",
         "organisationer som nämns utan roll i projektet, utelämnade: Svenska kyrkan"),
        ("Projekt row 3: 'Socialförvaltningen' (Medfinansiärer) is ambiguous; kept unresolved for review",
         "Projekt rad 3: 'Socialförvaltningen' (Medfinansiärer) är tvetydigt; sparas som oklar för granskning"),
        ("region.xlsx:Projekt:2:Startdatum: 'snart' is not a date (expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)",
         "region.xlsx:Projekt:2:Startdatum: 'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ för ett år)"),
        ("personal data dropped: 1 contact field(s), 2 personal name(s)",
         "personuppgifter borttagna: 1 kontaktfält, 2 personnamn"),
        ("'ESF': say which programme (ESF 2007-2013, ESF 2014-2020); the project has no start date to tell",
         "'ESF': säg vilket program (ESF 2007-2013, ESF 2014-2020); projektet har inget startdatum som säger det"),
        ("a text no template knows", "a text no template knows"),
    ],
)  # fmt: skip
def test_a_note_is_worded_in_swedish_with_its_values(english: str, swedish: str) -> None:
    assert note_text(english, "sv") == swedish
    assert note_text(english, "en") == english


def test_an_error_is_answered_by_its_code_else_its_status() -> None:
    assert error_text("not_a_date", {"value": "snart"}, "sv") == (
        "Ange ett datum (ÅÅÅÅ-MM-DD), en månad (ÅÅÅÅ-MM) eller ett år (ÅÅÅÅ), inte ”snart”."
    )
    assert error_text("unknown", {}, "sv", 409) == "Det går inte just nu."
    assert error_text(None, {}, "en", 418) is None
