"""A note, problem or answer the curator reads is worded in her language (the catalogues' ``notes`` and
``error.*``; that every one has words is ``test_catalogues.py``'s)."""

from __future__ import annotations

import pytest

from graphapp.views.messages import error_text, explain, note_text


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("organisations mentioned without a role in the project, left out: Svenska kyrkan",
         "organisationer som nämns utan roll i projektet, utelämnade: Svenska kyrkan"),
        ("Projekt row 3: 'Socialförvaltningen' (Medfinansiärer) is ambiguous; kept unresolved for review",
         "Projekt rad 3: 'Socialförvaltningen' (Medfinansiärer) är tvetydigt; sparas som oklar för granskning"),
        ("region.xlsx:Projekt:2:Startdatum: 'snart' is not a date (expected YYYY-MM-DD, YYYY-MM for a month or "
         "YYYY for a year)",
         "region.xlsx:Projekt:2:Startdatum: 'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller "
         "ÅÅÅÅ för ett år)"),
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
    assert error_text("no_such_code", {}, "sv", 409) == "Det går inte just nu."
    assert error_text(None, {}, "en", 418) is None


def test_an_error_is_explained_by_its_code_else_as_a_note_else_by_its_status() -> None:
    assert explain("the file is empty", "empty_file", {}, 422, "sv") == "Filen är tom."
    assert explain("'x' is not an amount of kronor", None, {}, 400, "sv") == "'x' är inget belopp i kronor"
    assert explain("depth must be between 1 and 3, not 9", None, {}, 400, "en") == "That cannot be done."
    assert explain("Neo.ClientError.Statement.SyntaxError", "syntax", {"line": 2}, 400, "qps").startswith("⟦Néó4j")
