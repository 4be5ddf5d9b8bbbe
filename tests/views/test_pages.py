"""Pages, embeds, JSON twins, oEmbed, static files and headers, on the memory store."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.store import GraphStore
from graphapp.views.escaping import script_json
from tests.views.conftest import XSS_ID, XSS_NAME

EMBED_ORIGIN = "https://kommun.example"


@pytest.fixture(scope="module")
def client(view_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(embed_origins=EMBED_ORIGIN), store=view_store)) as test_client:
        yield test_client


PAGES = [
    "/",
    "/views/overview?layout=geo",
    "/views/actor?id=municipality:1766",
    "/views/actor?id=agency:arbetsformedlingen/ljungby&depth=2",
    "/views/project?id=project:integration-pa-g",
    "/views/county?county=07",
    "/views/projection",
    "/views/overview?county=20&fund=fund:esf-2014-2020&from_year=2010&to_year=2020&kind=project&kind=municipality",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_without_any_other_origin(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert 'id="graph-data"' in html and 'rel="alternate" type="application/json"' in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html), "pages load nothing from other origins"
    assert "<script>" not in html, "pages carry no inline script (CSP forbids it)"


def test_page_sends_security_headers_and_cannot_be_framed(client: TestClient) -> None:
    headers = client.get("/views/actor?id=municipality:1766").headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-frame-options"] == "DENY"
    assert "http" not in csp


def test_embed_may_be_framed_by_configured_origins_only(client: TestClient) -> None:
    response = client.get("/embed/actor?id=municipality:1766")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert f"frame-ancestors 'self' {EMBED_ORIGIN}" in csp
    assert "x-frame-options" not in response.headers
    assert 'class="chrome-embed"' in response.text


def test_embed_of_an_app_without_origins_allows_only_itself(view_store: GraphStore) -> None:
    with TestClient(create_app(Settings(), store=view_store)) as local:
        csp = local.get("/embed/overview").headers["content-security-policy"]
    assert csp.endswith("frame-ancestors 'self'")


def test_hostile_names_are_escaped_everywhere(client: TestClient) -> None:
    html = client.get(f"/views/actor?id={XSS_ID}").text
    assert XSS_NAME not in html
    assert "<script>alert(2)" not in html and "</script><script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the table and heading show it as text
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert data is not None
    payload = json.loads(data.group(1))["payload"]
    assert XSS_NAME in {n["name"] for n in payload["nodes"]}


def test_script_json_escapes_everything_that_could_end_a_script() -> None:
    text = str(script_json({"a": "</script><!-- & \u2028\u2029"}))
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_json_twin_is_the_payload_of_the_page(client: TestClient) -> None:
    twin = client.get("/views/actor.json?id=municipality:1766").json()
    same = client.get("/views/actor?id=municipality:1766&format=json").json()
    assert twin == same
    assert twin["focus"] == "municipality:1766"
    assert {"view", "nodes", "relationships", "documents", "layout", "counts"} <= set(twin)
    ids = {n["id"] for n in twin["nodes"]}
    assert all(r["start"] in ids and r["end"] in ids for r in twin["relationships"])


def test_unknown_view_is_a_404_page_and_a_problem_in_json(client: TestClient) -> None:
    page = client.get("/views/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    problem = client.get("/views/nope.json")
    assert problem.status_code == 404 and problem.json()["status"] == 404


BAD_URLS = [
    "/views/actor",
    "/views/county?county=7",
    "/views/overview?from_year=2020&to_year=2010",
    "/views/overview?kind=spaceship",
    "/views/overview?limit=0",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_parameters_are_400(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 400
    assert client.get(url.replace("/views/overview", "/views/overview.json")).status_code == 400


def test_oembed_gives_a_rich_iframe(client: TestClient) -> None:
    body = client.get("/oembed", params={"url": "http://testserver/views/actor?id=municipality:1766&lang=en"}).json()
    assert body["type"] == "rich" and body["version"] == "1.0"
    assert 'src="http://testserver/embed/actor?id=municipality%3A1766&amp;lang=en"' in body["html"]
    assert body["title"] == "Actor's network: Sunne"


@pytest.mark.parametrize("url", ["http://testserver/admin", "javascript:alert(1)", "http://testserver/views/nope"])
def test_oembed_refuses_urls_that_are_not_views(client: TestClient, url: str) -> None:
    assert client.get("/oembed", params={"url": url}).status_code == 404


def test_page_links_its_oembed_and_embed_snippet(client: TestClient) -> None:
    html = client.get("/views/actor?id=municipality:1766").text
    assert 'type="application/json+oembed"' in html
    assert "&lt;iframe src=&#34;http://testserver/embed/actor?id=municipality%3A1766" in html
    # the copy button is labelled by its string, not by the strings dict's own copy method
    assert '<button type="button" id="embed-copy">Kopiera</button>' in html


def test_static_files_are_cached_and_compressed(client: TestClient) -> None:
    response = client.get("/static/vendor/vis-network/vis-network.min.js?v=0.1.0", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
    etag = response.headers["etag"]
    assert client.get("/static/explorer.js").headers["cache-control"] == "no-cache"
    again = client.get("/static/vendor/vis-network/vis-network.min.js", headers={"If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("path", ["../config.py", "..%2F..%2Fconfig.py", "nope.js"])
def test_static_files_stay_in_their_folder(client: TestClient, path: str) -> None:
    assert client.get(f"/static/{path}").status_code == 404


def test_vendored_vis_network_ships_its_licence() -> None:
    folder = Path(__file__).resolve().parents[2] / "graphapp" / "static" / "vendor" / "vis-network"
    assert "MIT License" in (folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_language_switch_is_kept_in_the_url(client: TestClient) -> None:
    swedish = client.get("/views/actor?id=municipality:1766").text
    english = client.get("/views/actor?id=municipality:1766&lang=en").text
    assert '<html lang="sv">' in swedish and "Aktörens nätverk: Sunne" in swedish
    assert '<html lang="en">' in english and "Actor&#39;s network: Sunne" in english
    assert 'href="/views/actor?id=municipality%3A1766&amp;lang=en"' in swedish
    assert 'href="/views/actor?id=municipality%3A1766"' in english
