"""The curation API answers in the page's language when the page asks (``?lang=``), English otherwise."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import KEY, assert_problem
from tests.api.test_curation import upload
from tests.curation.documents import NEWS_ITEM, PAGE
from tests.sheets.builders import project_list, workbook


def test_the_curation_api_speaks_the_pages_language(curator: TestClient) -> None:
    page = upload(curator, "sprakvanner.txt", PAGE.encode(), KEY)["id"]  # warns of an unresolved unit
    sv = curator.get(f"/api/curation/drafts/{page}", params={"lang": "sv"}, headers=KEY).json()
    assert sv["warnings"] and all("does not say which municipality" not in w for w in sv["warnings"])
    en = curator.get(f"/api/curation/drafts/{page}", headers=KEY).json()  # an API client: English
    assert any("does not say which municipality" in w for w in en["warnings"])
    draft = upload(curator, "vansbro.txt", NEWS_ITEM.encode(), KEY)["id"]
    nothing = curator.post(f"/api/curation/drafts/{draft}/accept?lang=sv", json={}, headers=KEY)
    body = assert_problem(nothing, 400)
    assert body["message"] == "Inget är godtaget, så det finns inget att skriva."
    assert "nothing is accepted" in body["detail"]  # the English kept for whoever reads the API
    unauthorised = assert_problem(curator.get("/api/curation/drafts?lang=sv"), 401)
    assert unauthorised["message"] == "Du är inte inloggad längre: ladda om sidan och logga in."
    rows = project_list()
    rows[1][9] = "snart"
    sheet = upload(curator, "region.xlsx", workbook({"Projekt": rows}), KEY)["id"]
    problems = curator.get(f"/api/curation/drafts/{sheet}?lang=sv", headers=KEY).json()["problems"]
    assert (
        problems[0]["message"]
        == "'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ för ett år)"
    )
    refused = assert_problem(curator.post(f"/api/curation/drafts/{sheet}/accept?lang=sv", json={}, headers=KEY), 422)
    assert refused["message"] == "1 problem i posterna; inget skrevs:"
    assert refused["errors"] == [
        (
            "region.xlsx:Projekt:2:Startdatum: 'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller "
            "ÅÅÅÅ för ett år)"
        )
    ]
