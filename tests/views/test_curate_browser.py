"""The curator's page in a real headless Chromium: log in, upload, decide, edit, write, find, restart, undo.

Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from graphapp.config import Settings
from graphapp.records import load_dataset
from graphapp.store import MemoryStore
from tests.curation.documents import PROJECT, page_pdf
from tests.sheets.builders import project_list, workbook
from tests.views.conftest import PageWatch, _HostPage, _serve, free_port
from tests.views.test_browser import assert_clean

KEY = "curator-key-0123456789"
LJUNGBY = f"municipality:0781|PARTICIPATES_IN|{PROJECT}"
REGION = f"org:regionforbundet-sodra-smaland|CO_FUNDS|{PROJECT}"


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    """Uploads are parsed and extracted on the server: allow for a loaded machine (two cores, whole suite)."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """The app over an embedded store loaded from ``data_dir``, as `graphapp serve` starts it."""
    store = MemoryStore()
    store.load(load_dataset(data_dir))
    settings = Settings(_env_file=None, api_key=KEY, data_dir=data_dir)  # type: ignore[call-arg]
    server = _serve(store, settings)
    port = next(server)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        next(server, None)


def log_in(watch: PageWatch, url: str) -> None:
    page = watch.page
    page.goto(url + "/curate")
    page.fill("#login-key", KEY)
    page.click("form[action^='/curate/login'] button[type=submit]")
    expect(page.locator("#upload-heading")).to_be_visible()


def row(watch: PageWatch, key: str) -> Any:
    return watch.page.locator(f'#rel-table tr[data-key="{key}"]')


def test_upload_decide_edit_write_find_restart_and_undo(watch: PageWatch, data_copy: Path, tmp_path: Path) -> None:
    pdf = page_pdf(tmp_path / "sprakvanner-kronoberg.pdf")
    page = watch.page
    with serving(data_copy) as url:
        log_in(watch, url)
        page.set_input_files("#upload-file", str(pdf))
        page.click("#upload-form button[type=submit]")
        page.wait_for_selector("body[data-state=stable]")
        expect(page.locator("#review-heading")).to_contain_text("sprakvanner-kronoberg.pdf")
        expect(row(watch, LJUNGBY).locator(".evidence")).not_to_be_empty()
        page.click("#accept-all")
        expect(row(watch, LJUNGBY).locator(".decision")).to_have_text("godtagen")
        row(watch, REGION).locator("button.reject").click()
        expect(row(watch, REGION).locator(".decision")).to_have_text("avvisad")
        row(watch, LJUNGBY).locator(".role-select").select_option(label="värd")
        expect(row(watch, LJUNGBY).locator(".role-select")).to_have_value("host")
        unit = page.locator("#node-table tr", has_text="Socialförvaltningen")
        unit.locator("select").select_option("municipality:0764")
        unit.locator("button", has_text="Placera").click()
        expect(page.locator("#node-table tr", has_text="Socialförvaltningen, Alvesta kommun")).to_have_count(1)
        watch.screenshot("curate-review")
        page.click("#write")
        expect(page.locator("#write-status .written")).to_contain_text("Skrivet")
        page.locator("#write-status a").first.click()
        watch.wait_stable()
        rels = page.locator("#rel-table tbody tr")
        ljungby = rels.filter(has=page.locator("td:first-child", has_text=re.compile("^Ljungby$")))
        expect(ljungby).to_have_count(1)
        expect(ljungby.locator("td").last).to_have_text("Språkvänner Kronoberg")  # the source document
        expect(ljungby).to_contain_text("värd")  # the role as edited, in the page's words
        expect(rels.filter(has_text="Regionförbundet södra Småland")).to_have_count(0)  # rejected
        expect(page.locator("#node-table tbody")).to_contain_text("Socialförvaltningen, Alvesta kommun")
        watch.screenshot("curate-in-explorer")
        assert_clean(watch, url)
    with serving(data_copy) as url:  # a restart: a new process's store, loaded from data/
        page.goto(url + f"/views/project?id={PROJECT}")
        watch.wait_stable()
        first_cells = page.locator("td:first-child", has_text=re.compile("^Ljungby$"))
        again = page.locator("#rel-table tbody tr").filter(has=first_cells)
        expect(again.locator("td").last).to_have_text("Språkvänner Kronoberg")
        page.goto(url + "/curate")  # the session survives a restart too, and so does the draft
        expect(page.locator("#draft-list li", has_text="sprakvanner-kronoberg.pdf")).to_contain_text("importerat")
        page.click("#undo")
        expect(page.locator("#undo-status")).to_contain_text("ångrad")
        gone = page.goto(url + f"/views/project?id={PROJECT}")
        assert gone is not None and gone.status == 404
    assert list((data_copy / "imports").glob("*/*.yaml")) == []


def test_a_spreadsheet_with_bad_cells_is_reported_per_cell_and_nothing_written(
    watch: PageWatch, data_copy: Path, tmp_path: Path
) -> None:
    rows = project_list()
    rows[1][9] = "snart"  # Startdatum
    rows[2][7] = "mycket"  # Beviljat ESF-stöd
    sheet = tmp_path / "region.xlsx"
    sheet.write_bytes(workbook({"Projekt": rows}))
    page = watch.page
    with serving(data_copy) as url:
        log_in(watch, url)
        page.set_input_files("#upload-file", str(sheet))
        page.click("#upload-form button[type=submit]")
        problems = page.locator("#problem-table tbody tr")
        expect(problems).to_have_count(2)
        expect(problems.nth(0)).to_contain_text("region.xlsx:Projekt:2:Startdatum")
        expect(problems.nth(0)).to_contain_text("'snart' är inget datum")  # in the page's language
        expect(problems.nth(1)).to_contain_text("region.xlsx:Projekt:3:Beviljat ESF-stöd")
        page.click("#write")
        expect(page.locator("#write-status .error")).to_have_text("2 problem i posterna; inget skrevs:")
        expect(page.locator("#write-status .error-lines li").first).to_contain_text("Projekt:2:Startdatum")
        watch.screenshot("curate-bad-cells")
        assert not (data_copy / "imports").exists()


def test_unauthenticated_and_cross_site_uploads_are_refused(watch: PageWatch, data_copy: Path) -> None:
    host_port = free_port()
    host = http.server.ThreadingHTTPServer(("127.0.0.1", host_port), _HostPage)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    page = watch.page
    try:
        with serving(data_copy) as url:
            upload = url + "/api/curation/drafts?name=evil.txt"
            page.goto(url + "/curate")  # not logged in: the form, no upload
            expect(page.locator("#login-key")).to_be_visible()
            status = page.evaluate(
                "(u) => fetch(u, {method: 'POST', body: 'Alvesta kommun driver projektet.'}).then(r => r.status)",
                upload,
            )
            assert status == 401
            log_in(watch, url)  # logged in, then another site's page posts with the curator's cookie
            page.goto(f"http://127.0.0.1:{host_port}/host.html")
            page.evaluate(
                """(u) => { const f = document.createElement('form'); f.method = 'post'; f.action = u;
                f.enctype = 'text/plain'; const i = document.createElement('input'); i.name = 'x';
                i.value = 'Alvesta kommun driver projektet.'; f.appendChild(i); document.body.appendChild(f);
                f.submit(); }""",
                upload,
            )
            page.wait_for_url(upload)
            expect(page.locator("body")).to_contain_text("403")
            page.goto(url + "/curate")
            expect(page.locator("#draft-list")).to_contain_text("Inga utkast")
    finally:
        host.shutdown()
        host.server_close()


@pytest.mark.parametrize("lang", ["en"])
def test_the_page_speaks_english_too(watch: PageWatch, data_copy: Path, lang: str) -> None:
    with serving(data_copy) as url:
        watch.page.goto(url + f"/curate?lang={lang}")
        expect(watch.page.locator("#login-heading")).to_have_text("Log in to curate")
