"""The saved query library and ad-hoc Cypher: 501 on the embedded store, guarded on Neo4j."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphapp.cypher_library import SavedQuery, coerce_parameter, list_queries, saved_query
from graphapp.model import GraphData
from graphapp.paths import default_cypher_dir
from graphapp.store import GraphStore
from graphapp.views.workbench import example_of
from tests.api.conftest import assert_problem


def test_queries_list_names_descriptions_and_parameters(client: TestClient) -> None:
    queries = {q["name"]: q for q in client.get("/api/queries").json()["queries"]}
    assert "schema" not in queries
    partners = queries["partners-of-municipality"]
    assert partners["description"].startswith("Partner municipalities")
    assert partners["parameters"] == [
        {"name": "code", "type": "string", "help": 'SCB code of the municipality, e.g. "0780" for Växjö'}
    ]


def test_saved_query_runs_on_neo4j_and_is_501_on_memory(client: TestClient, loaded_store: GraphStore) -> None:
    response = client.post("/api/queries/partners-of-municipality", json={"parameters": {"code": "1287"}})
    if loaded_store.name == "memory":
        assert_problem(response, 501)
        return
    body = response.json()
    assert body["columns"] == ["code", "partner", "shared_projects", "projects"]
    assert body["rows"] == [["1263", "Svedala", 1, ["Arbetsmarknadsinriktad samhällsorientering i Trelleborg"]]]
    assert body["graph"] is None and body["truncated"] is False


@pytest.mark.parametrize(
    ("name", "parameters", "status"),
    [
        ("no-such-query", {}, 404),
        ("schema", {}, 400),
        ("../etc/passwd", {}, 404),
        ("partners-of-municipality", {}, 400),
        ("partners-of-municipality", {"code": "0780", "other": 1}, 400),
        ("partners-of-municipality", {"code": 780}, 400),
    ],
)
def test_saved_query_refuses_bad_names_and_parameters(
    client: TestClient, name: str, parameters: dict[str, object], status: int
) -> None:
    assert_problem(client.post(f"/api/queries/{name}", json={"parameters": parameters}), status)


def test_cypher_is_501_on_the_embedded_store(memory_client: TestClient) -> None:
    body = assert_problem(memory_client.post("/api/cypher", json={"query": "RETURN 1"}), 501)
    assert "Neo4j" in body["detail"]


def test_cypher_returns_columns_rows_and_graph(neo4j_client: TestClient) -> None:
    query = "MATCH (m:Municipality {code: $code})-[r]->(p:Project) RETURN m, r, p.name AS project"
    body = neo4j_client.post("/api/cypher", json={"query": query, "parameters": {"code": "1287"}}).json()
    assert body["columns"] == ["m", "r", "project"]
    assert body["rows"][0][0]["id"] == "municipality:1287"
    assert body["rows"][0][2] == "Arbetsmarknadsinriktad samhällsorientering i Trelleborg"
    assert [n["id"] for n in body["graph"]["nodes"]] == ["municipality:1287"]
    assert body["graph"]["relationships"][0]["end"] == "project:trelleborg-samhallsorientering"


def test_cypher_row_limit_truncates(neo4j_client: TestClient) -> None:
    body = neo4j_client.post("/api/cypher", json={"query": "UNWIND range(1, 100) AS x RETURN x", "limit": 7}).json()
    assert len(body["rows"]) == 7 and body["truncated"] is True


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"query": ""},
        {"query": "RETURN 1", "timeout": 0},
        {"query": "RETURN 1", "limit": 0},
        {"query": "RETURN 1", "unexpected": True},
        {"query": "RETURN 1", "parameters": []},
    ],
)
def test_cypher_refuses_malformed_bodies(client: TestClient, payload: dict[str, object]) -> None:
    assert_problem(client.post("/api/cypher", json=payload), 422)


def test_cypher_refuses_invalid_json(client: TestClient) -> None:
    response = client.post("/api/cypher", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(response, 422)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
        ("CALL dbms.components()", "dbms"),
        ("SHOW USERS", "SHOW USERS"),
        ("USE system MATCH (n) RETURN n", "USE"),
    ],
)
def test_cypher_guard_says_why_on_every_store(client: TestClient, query: str, reason: str) -> None:
    body = assert_problem(client.post("/api/cypher", json={"query": query}), 400)
    assert reason in body["detail"]


def test_cypher_refuses_a_syntax_error_with_400(neo4j_client: TestClient) -> None:
    assert_problem(neo4j_client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}), 400)


def test_cypher_refuses_huge_integers(client: TestClient) -> None:
    body = assert_problem(client.post("/api/cypher", json={"query": "RETURN $x", "parameters": {"x": 2**70}}), 400)
    assert "64-bit" in body["detail"]


# -- parameters typed by their declaration (#26) ------------------------------------------------


def test_a_number_for_a_declared_string_is_refused_naming_the_parameter(client: TestClient) -> None:
    response = client.post("/api/queries/partners-of-municipality", json={"parameters": {"code": 2062}})
    body = assert_problem(response, 400)
    assert 'parameter code must be a string, not int (2062); write it as "2062"' in body["detail"]


def test_adhoc_text_with_a_header_types_its_parameters(client: TestClient) -> None:
    query = "// @param code: string  SCB code\nMATCH (m:Municipality {code: $code}) RETURN m.name AS name"
    body = assert_problem(client.post("/api/cypher", json={"query": query, "parameters": {"code": 2062}}), 400)
    assert "parameter code must be a string" in body["detail"]
    bad = "// @param code: text\nMATCH (m:Municipality {code: $code}) RETURN m.name"
    body = assert_problem(client.post("/api/cypher", json={"query": bad, "parameters": {"code": "2062"}}), 400)
    assert "line 1: unknown parameter type 'text'" in body["detail"]


def test_adhoc_text_with_a_header_runs_with_the_declared_type(neo4j_client: TestClient) -> None:
    query = "// @param code: string  SCB code\nMATCH (m:Municipality {code: $code}) RETURN m.name AS name"
    body = neo4j_client.post("/api/cypher", json={"query": query, "parameters": {"code": "2062"}}).json()
    assert body["rows"] == [["Mora"]]


# -- EXPLAIN, PROFILE, positions, downloads (#26) ----------------------------------------------


def test_explain_answers_the_plan_without_rows(neo4j_client: TestClient) -> None:
    query = "EXPLAIN MATCH (m:Municipality {code: $code})-[:IN_COUNTY]->(c:County) RETURN c.name"
    body = neo4j_client.post("/api/cypher", json={"query": query, "parameters": {"code": "2062"}}).json()
    assert body["rows"] == [] and body["columns"] == ["c.name"]
    plan = body["plan"]
    assert plan["operator"] == "ProduceResults" and plan["rows"] is None and plan["arguments"]["planner"] == "COST"
    assert plan["children"] and plan["children"][0]["estimated_rows"] is not None


def test_profile_answers_rows_and_the_counted_plan(neo4j_client: TestClient) -> None:
    query = "PROFILE MATCH (m:Municipality)-[:IN_COUNTY]->(c:County {code: '20'}) RETURN count(m) AS n"
    body = neo4j_client.post("/api/cypher", json={"query": query}).json()
    assert body["rows"] == [[15]] and body["plan"]["rows"] == 1 and body["plan"]["db_hits"] is not None


def test_every_result_graph_comes_laid_out_as_a_view(neo4j_client: TestClient) -> None:
    query = "MATCH (m:Municipality)-[r:IN_COUNTY]->(c:County) RETURN m, r, c"
    body = neo4j_client.post("/api/cypher", json={"query": query}).json()
    ids = {node["id"] for node in body["graph"]["nodes"]}
    assert len(ids) == 311 and set(body["positions"]) == ids == set(body["sizes"])
    assert len({tuple(xy) for xy in body["positions"].values()}) == 311  # no two nodes on one spot
    # a small one too, each node sized by its links in the result as the explorer sizes them
    small = neo4j_client.post("/api/cypher", json={"query": "MATCH (m {code: '1766'})-[r]->(p) RETURN m, r, p"}).json()
    assert len(small["positions"]) == len(small["graph"]["nodes"]) == len(small["sizes"]) == 4
    assert small["sizes"]["municipality:1766"] > max(v for k, v in small["sizes"].items() if k != "municipality:1766")
    alone = neo4j_client.post("/api/cypher", json={"query": "MATCH (c:County {code: '20'}) RETURN c"}).json()
    assert alone["positions"] == {"county:20": [0.0, 0.0]} and alone["sizes"] == {"county:20": 10.0}
    rows = neo4j_client.post("/api/cypher", json={"query": "RETURN 1 AS one"}).json()
    assert rows["graph"] is None and rows["positions"] is None and rows["sizes"] is None


def test_rows_download_as_csv_named_after_the_saved_query(neo4j_client: TestClient) -> None:
    response = neo4j_client.post(
        "/api/queries/partners-of-municipality?format=csv", json={"parameters": {"code": "1287"}}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="partners-of-municipality.csv"'
    text = response.content.decode("utf-8")  # Swedish by default: what Swedish Excel splits on
    assert text.startswith("\ufeffcode;partner;shared_projects;projects\r\n")
    assert "1263;Svedala;1;Arbetsmarknadsinriktad samhällsorientering i Trelleborg" in text
    english = neo4j_client.post(
        "/api/queries/partners-of-municipality?format=csv&lang=en", json={"parameters": {"code": "1287"}}
    )
    assert english.content.decode("utf-8").startswith("\ufeffcode,partner,shared_projects,projects\r\n")


def test_rows_download_as_xlsx_with_one_column_per_property(neo4j_client: TestClient) -> None:
    import io

    from openpyxl import load_workbook

    query = (
        "// Participants of Integration på G!\n"
        "MATCH (a)-[r:PARTICIPATES_IN]->(p:Project {id: 'project:integration-pa-g'}) RETURN a, r, p.name AS project"
    )
    response = neo4j_client.post("/api/cypher?format=xlsx", json={"query": query})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="participants-of-integration-pa-g.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:3] == ["a.id", "a.kind", "a.name"] and header[-1] == "project"
    assert {"r.type", "r.start", "r.end", "r.role", "r.sources"} <= set(header)
    alvesta = next(row for row in rows if row[header.index("a.id")] == "municipality:0764")
    # coded values in the table's language (Swedish by default)
    assert alvesta[header.index("a.code")] == "0764" and alvesta[header.index("r.role")] == "deltagande kommun"
    assert alvesta[header.index("r.type")] == "PARTICIPATES_IN" and alvesta[header.index("a.lat")] > 56


def test_a_download_of_refused_cypher_is_the_same_problem(client: TestClient) -> None:
    assert_problem(client.post("/api/cypher?format=xlsx", json={"query": "SHOW USERS"}), 400)
    assert_problem(client.post("/api/cypher?format=pdf", json={"query": "RETURN 1"}), 422)


# -- the analyst's questions as saved queries (#26) --------------------------------------------

#: Saved queries whose answer on the seeds is empty: no project of the seeds spans two counties, and no two
#: share a co-funder. They answer on a generated network (below).
_EMPTY_ON_THE_SEEDS = {"cross-county-actors", "cross-county-pairs", "shared-co-funders"}


def _examples(query: SavedQuery) -> dict[str, object]:
    return {p.name: coerce_parameter(p, example_of(p.help)) for p in query.parameters}


@pytest.mark.parametrize("query", list_queries(default_cypher_dir()), ids=lambda q: q.name)
def test_each_saved_query_is_short_and_answers_with_the_examples_of_its_header(
    neo4j_client: TestClient, query: SavedQuery
) -> None:
    assert len(query.text.splitlines()) <= 8, "an analyst's question in at most 8 lines"
    assert query.description and all(example_of(p.help) for p in query.parameters)
    body = neo4j_client.post(f"/api/queries/{query.name}", json={"parameters": _examples(query)}).json()
    assert body["columns"] and (bool(body["rows"]) != (query.name in _EMPTY_ON_THE_SEEDS)), body


@pytest.mark.neo4j
def test_the_cross_county_questions_answer_on_a_generated_network(
    request: pytest.FixtureRequest, dataset: GraphData
) -> None:
    from graphapp.synthetic import generate
    from tests.conftest import DATA_DIR

    store: GraphStore = request.getfixturevalue("_neo4j_store")
    store.clear()
    store.load(generate(200, 7, DATA_DIR / "reference"))
    try:
        for name in sorted(_EMPTY_ON_THE_SEEDS):
            query = saved_query(default_cypher_dir(), name)
            result = store.run_cypher(query.text, _examples(query), 10.0, 1000)
            assert result.rows, name
        pairs = store.run_cypher(saved_query(default_cypher_dir(), "cross-county-pairs").text, {}, 10.0, 1000)
        assert all(row[1] < row[3] for row in pairs.rows)  # each pair once, counties apart
    finally:
        store.clear()
        store.load(dataset)


def test_the_lineage_query_says_which_way_each_step_goes(neo4j_client: TestClient) -> None:
    """Insteget is built on by Dalarna, not the other way round; Dalarna builds on seven projects."""

    def lineage(project: str) -> list[list[object]]:
        body = neo4j_client.post("/api/queries/project-lineage", json={"parameters": {"id": project}}).json()
        assert body["columns"] == ["project", "id", "steps", "direction", "via"]
        return body["rows"]

    insteget = lineage("project:insteget")
    dalarna = next(row for row in insteget if row[1] == "project:dalarna-implementering-integration")
    assert dalarna[2:] == [1, ["built_on_by"], ["BUILDS_ON"]]
    siblings = [row for row in insteget if row[2] == 2]
    assert len(siblings) == 6 and all(row[3] == ["built_on_by", "builds_on"] for row in siblings)
    earlier = lineage("project:dalarna-implementering-integration")
    assert len(earlier) == 7 and all(row[3] == ["builds_on"] for row in earlier)
    people = lineage("project:connecting-people")
    assert [row[1:4] for row in people] == [["project:varmlandsmodellen", 1, ["collaborates_with"]]]
