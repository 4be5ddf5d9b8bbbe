"""The workbench page and its URLs without a browser: what a URL asks, typed parameters, embeds, oEmbed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphapp.api.app import create_app
from graphapp.config import Settings
from graphapp.cypher_library import QueryParam, coerce_parameter, list_queries
from graphapp.errors import InvalidRequest
from graphapp.graph_schema import schema_dict
from graphapp.store import GraphStore
from graphapp.views.urls import Urls, parse_workbench_url
from graphapp.views.workbench import example_of, read_request

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"


@pytest.fixture(scope="module")
def client(view_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(_env_file=None), store=view_store)) as test_client:
        yield test_client


def _config(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="page-config">(.*?)</script>', html, re.S)
    assert match is not None
    config: dict[str, Any] = json.loads(match.group(1))
    return config


@pytest.mark.parametrize(
    ("type_", "text", "value"),
    [
        ("string", "0780", "0780"),
        ("integer", "25", 25),
        ("float", "2.5", 2.5),
        ("boolean", "true", True),
        ("list", '["a", 1]', ["a", 1]),
        ("map", '{"a": 1}', {"a": 1}),
    ],
)
def test_url_text_is_typed_by_the_query_header(type_: str, text: str, value: Any) -> None:
    assert coerce_parameter(QueryParam("p", type_, ""), text) == value


@pytest.mark.parametrize(("type_", "text"), [("integer", "many"), ("boolean", "yes"), ("list", "{}"), ("float", "")])
def test_text_that_does_not_fit_its_type_is_refused_by_name(type_: str, text: str) -> None:
    with pytest.raises(InvalidRequest, match=r"parameter p must be an? " + type_):
        coerce_parameter(QueryParam("p", type_, ""), text)


def test_examples_in_the_help_become_placeholders() -> None:
    examples = {q.name: [example_of(p.help) for p in q.parameters] for q in list_queries(CYPHER_DIR)}
    assert examples["partners-of-municipality"] == ["0780"] and examples["co-funders"] == ["25"]
    assert all(all(e for e in found) for found in examples.values()), examples


def test_a_saved_query_runs_only_with_every_parameter() -> None:
    queries = list_queries(CYPHER_DIR)
    waiting = read_request(queries, "co-funders", {}, "sv")
    assert waiting.run is None and waiting.fields[0].example == "25"
    ready = read_request(queries, "co-funders", {"limit": ["5"], "lang": ["en"]}, "en")
    assert ready.run == {"kind": "saved", "name": "co-funders", "parameters": {"limit": 5}}
    wrong = read_request(queries, "co-funders", {"limit": ["five"]}, "sv")
    assert wrong.run is None and "limit" in wrong.errors[0].original
    assert wrong.errors[0].message.startswith("Parametern limit har fel typ")
    extra = read_request(queries, "co-funders", {"limit": ["5"], "code": ["1"]}, "sv")
    assert extra.run is None and "code" in extra.errors[0].original and "code" in extra.errors[0].message


def test_adhoc_text_runs_with_its_json_parameters() -> None:
    page = read_request([], None, {"cypher": ["RETURN $x AS x"], "params": ['{"x": 1}']}, "sv")
    assert page.run == {"kind": "adhoc", "query": "RETURN $x AS x", "parameters": {"x": 1}}
    bad = read_request([], None, {"cypher": ["RETURN 1"], "params": ["[1]"]}, "sv")
    assert bad.run is None and bad.errors


def test_adhoc_json_of_the_wrong_declared_type_is_a_word_on_the_page_not_a_run() -> None:
    header = "// @param code: string\nMATCH (m:Municipality {code: $code}) RETURN m"
    page = read_request([], None, {"cypher": [header], "params": ['{"code": 2062}']}, "sv")
    assert page.run is None and "parameter code must be a string" in page.errors[0].original
    assert page.errors[0].message.startswith("Parametern code har fel typ")
    fine = read_request([], None, {"cypher": [header], "params": ['{"code": "2062"}']}, "sv")
    assert fine.run is not None and fine.run["parameters"] == {"code": "2062"}


def test_workbench_urls_round_trip() -> None:
    urls = Urls("https://example.org")
    url = urls.workbench("partners-of-municipality", {"code": "0780"}, "en")
    assert url == "https://example.org/cypher/partners-of-municipality?code=0780&lang=en"
    assert parse_workbench_url(url) == ("partners-of-municipality", {"code": ["0780"], "lang": ["en"]})
    assert parse_workbench_url(urls.workbench_embed("co-funders", {"limit": "5"})) == ("co-funders", {"limit": ["5"]})
    assert parse_workbench_url(urls.workbench_adhoc("RETURN 1", None)) is None  # ad-hoc text is never embedded


def test_page_hands_the_script_one_api_request(client: TestClient) -> None:
    html = client.get("/cypher/co-funders?limit=5").text
    config = _config(html)
    assert config["run"] is None  # the embedded store: nothing to run, and the page says why
    assert "scripts/neo4j start" in html and "docker compose up" in html
    assert 'placeholder="25"' in html and 'type="number"' in html
    assert "Längsta körtid: 10 s." in html and "Högst 1000 rader." in html


def test_unknown_saved_query_is_a_404_page(client: TestClient) -> None:
    response = client.get("/cypher/no-such-query")
    assert response.status_code == 404 and "co-funders" in response.text


def test_only_embeds_of_saved_queries_exist(client: TestClient) -> None:
    embed = client.get("/embed/cypher/co-funders?limit=5")
    assert embed.status_code == 200 and "frame-ancestors 'self'" in embed.headers["content-security-policy"]
    assert client.get("/cypher?cypher=RETURN%201").headers["x-frame-options"] == "DENY"
    assert client.get("/embed/cypher?cypher=RETURN%201").status_code == 404


def test_oembed_of_a_saved_query(client: TestClient) -> None:
    body = client.get("/oembed", params={"url": "http://testserver/cypher/co-funders?limit=5&lang=en"}).json()
    assert body["title"] == "Query workbench: co-funders"
    assert 'src="http://testserver/embed/cypher/co-funders?limit=5&amp;lang=en"' in body["html"]
    assert client.get("/oembed", params={"url": "http://testserver/cypher/nope"}).status_code == 404


def test_the_map_is_served_from_this_site(client: TestClient) -> None:
    response = client.get("/static/map/sweden.geojson")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/geo+json")
    layers = {f["properties"]["layer"] for f in response.json()["features"]}
    assert layers == {"land", "county", "municipality"}
    assert len(response.content) < 400_000


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_limits_shown_are_the_guards_own(client: TestClient, lang: str) -> None:
    from graphapp.cypher_guard import ALLOWED_PROCEDURES, MAX_NESTING

    html = client.get(f"/cypher?lang={lang}").text
    listed = re.search(r"(?:procedurerna|the procedures) ([\w., ]+?)\. ", html)
    assert listed is not None
    assert set(listed.group(1).split(", ")) == ALLOWED_PROCEDURES
    assert f" {MAX_NESTING} " in html


def test_the_legend_can_show_every_kind_and_relationship_type_of_the_schema(client: TestClient) -> None:
    """The page lists the explorer's legend whole and hidden (its script shows what a result draws): every
    label and type an analyst's query can return has its item, and the pictures take the same words."""
    html = client.get("/cypher?lang=en").text
    schema = schema_dict()
    kinds = set(re.findall(r'<li data-kind="(\w+)" hidden>', html))
    types = set(re.findall(r'<li data-type="(\w+)" hidden>', html))
    assert {spec["kind"] for spec in schema["labels"]} <= kinds
    assert {spec["type"] for spec in schema["relationships"]} <= types
    config = _config(html)
    assert {item["kind"] for item in config["legend"]} == kinds and {line["type"] for line in config["lines"]} == types
    assert '<li data-type="CO_FUNDS" hidden><svg class="line-swatch"' in html and "co-funds</li>" in html
