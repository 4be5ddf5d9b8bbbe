"""The allow-list for analysts' Cypher: what passes, what is refused and why, and that
its lists still match the real Neo4j."""

from __future__ import annotations

import pytest

from graphapp.cypher_guard import (
    ALLOWED_PROCEDURES,
    MAX_CLAUSES,
    MAX_NESTING,
    MAX_QUERY_CHARS,
    MAX_RANGE,
    MAX_TOKENS,
    check_cypher,
    tokenize,
)
from graphapp.cypher_library import list_queries
from graphapp.errors import InvalidQuery
from graphapp.model import GraphData
from graphapp.neo4j_functions import BUILTIN_FUNCTIONS, SHOW_BUILTIN_FUNCTIONS
from graphapp.paths import default_cypher_dir
from graphapp.store import GraphStore
from tests.api.conftest import loaded_neo4j

#: Queries an analyst writes: every one passes the guard and runs on Neo4j.
ANALYSTS_QUERIES = [
    "MATCH (n) RETURN n LIMIT 5",
    "CALL db.labels()",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType",
    "CALL db.propertyKeys",
    "CALL db.schema.nodeTypeProperties()",
    "CALL db.schema.relTypeProperties()",
    "CALL db.schema.visualization()",
    "SHOW INDEXES",
    "SHOW RANGE INDEXES YIELD name RETURN name ORDER BY name",
    "SHOW CONSTRAINTS",
    "MATCH p = shortestPath((a:Municipality {code: '0780'})-[*..6]-(b:Municipality {code: '1287'})) RETURN length(p)",
    "MATCH p = SHORTEST 1 (a:Municipality {code: '0780'})--+(b:Fund) RETURN length(p) AS hops",
    "MATCH (n:Project) WHERE exists((n)--(:Fund)) RETURN count(n)",
    "MATCH (n:Project) WHERE EXISTS { (n)--(:Fund) } RETURN n.name, COUNT { (n)--() } AS degree",
    "MATCH (p:Project) RETURN p.name, CASE WHEN p.start IS NULL THEN 'unknown' ELSE toString(p.start.year) END AS year",
    "MATCH (p:Project) WITH p ORDER BY p.start DESC RETURN collect(p.name)[..5] AS latest",
    "UNWIND range(2007, 2024) AS year RETURN year",
    "UNWIND range(1, $n) AS x RETURN sum(x)",
    "MATCH path = (:Fund)-[*1..2]-(:Municipality) "
    "RETURN reduce(total = 0, r IN relationships(path) | total + coalesce(r.amount_sek, 0)) AS s LIMIT 3",
    "MATCH (n:Municipality) RETURN n {.name, .code, kind: labels(n)[0]} LIMIT 3",
    "MATCH (a:Organization)-->(p:Project) WHERE a.name CONTAINS ('a') AND NOT (a)-->(:Fund) RETURN a.name",
    "RETURN date.truncate('year', date('2020-05-17')) AS y, DATE('2020-01-01') AS d, toUpper('växjö') AS v",
    "MATCH (n:Project) CALL (n) { MATCH (n)--(m) RETURN count(m) AS c } RETURN n.name, c",
    "MATCH (n:Fund) RETURN n.name AS name UNION MATCH (m:County) RETURN m.name AS name",
    "OPTIONAL MATCH (n:Fund {id: 'fund:none'}) RETURN n",
    "WITH [x IN [1, 2, 3] WHERE x > 1 | x * 2] AS xs RETURN all(x IN xs WHERE x > 0), any(x IN xs WHERE x = 4)",
    "MATCH (n:Municipality) WHERE n.name =~ '(?i)v.xj.' RETURN n.name",
    "MATCH (a)-[r:OWNS|PARTICIPATES_IN]->(p) RETURN type(r), count(*) ORDER BY type(r)",
    "MATCH (n) WHERE n.name STARTS WITH 'V' RETURN n.name ORDER BY n.name SKIP 1 LIMIT 10;",
    "RETURN " + "(" * MAX_NESTING + "1" + ")" * MAX_NESTING,
    *(
        "MATCH (n) WITH collect(n.name) AS xs RETURN [i IN range(0, size(xs) - 1) WHERE i % 100 = 0 | xs[i]] AS some",
        "MATCH p = (:Fund)-->(:Project) RETURN [i IN range(0, length(p)) | nodes(p)[i].name] AS names",
        "CALL db.ping()",
        "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN count(analyzer) AS analyzers",
        "SHOW PROCEDURES YIELD name, mode WHERE name STARTS WITH 'db.' RETURN name, mode",
        "SHOW BUILT IN FUNCTIONS YIELD name, category RETURN category, count(*) AS n ORDER BY category",
        "SHOW FUNCTIONS EXECUTABLE BY CURRENT USER YIELD name RETURN count(name) AS n",
        "CYPHER 5 planner=cost runtime=slotted EXPLAIN MATCH (m:Municipality) RETURN m.name",
        "PROFILE CYPHER expressionEngine=interpreted MATCH (m:Municipality) RETURN count(m)",
    ),
]
#: Reads an analyst uses that the guard refused until #26: with what each answers on Neo4j.
FORMERLY_REFUSED = [
    ("EXPLAIN MATCH (m:Municipality)-[:IN_COUNTY]->(c:County) RETURN c.name, count(m)", "plan"),
    ("PROFILE MATCH (m:Municipality)-[:IN_COUNTY]->(c:County) RETURN c.name, count(m)", "profile"),
    ("CYPHER 5 MATCH (m:Municipality) RETURN count(m) AS n", "rows"),
    ("CYPHER runtime=slotted MATCH (m:Municipality) RETURN count(m) AS n", "rows"),
    (
        "MATCH (p:Project) WHERE p.start IS NOT NULL AND p.end IS NOT NULL "
        "UNWIND range(date(p.start).year, date(p.end).year) AS y RETURN y, count(p) AS projects ORDER BY y",
        "rows",
    ),
    ("MATCH (p:Project) WITH collect(p.name) AS xs UNWIND range(0, size(xs)-1) AS i RETURN i, xs[i] AS name", "rows"),
    ("SHOW FUNCTIONS", "rows"),
    ("SHOW PROCEDURES", "rows"),
    ("CALL db.info()", "rows"),
]


@pytest.fixture
def neo4j_store(request: pytest.FixtureRequest, dataset: GraphData) -> GraphStore:
    return loaded_neo4j(request, dataset)


@pytest.mark.parametrize("query", [q.text for q in list_queries(default_cypher_dir())])
def test_every_saved_query_passes_the_guard(query: str) -> None:
    check_cypher(query, {"code": "0780", "id": "project:x", "county": "07", "limit": 5})


@pytest.mark.parametrize("query", ANALYSTS_QUERIES)
def test_analysts_queries_pass_the_guard(query: str) -> None:
    check_cypher(query, {"n": 10})


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ANALYSTS_QUERIES)
def test_analysts_queries_run_on_neo4j(neo4j_store: GraphStore, query: str) -> None:
    result = neo4j_store.run_cypher(query, {"n": 10}, 10.0, 100)
    assert result.columns


@pytest.mark.parametrize(("query", "answer"), FORMERLY_REFUSED)
def test_reads_the_guard_once_refused_pass_it(query: str, answer: str) -> None:
    check_cypher(query)


@pytest.mark.neo4j
@pytest.mark.parametrize(("query", "answer"), FORMERLY_REFUSED)
def test_reads_the_guard_once_refused_run_on_neo4j(neo4j_store: GraphStore, query: str, answer: str) -> None:
    result = neo4j_store.run_cypher(query, {}, 10.0, 1000)
    if answer == "plan":  # nothing ran: the plan, estimated rows, no counted ones
        assert result.rows == [] and result.plan is not None and result.plan.operator == "ProduceResults"
        assert result.plan.rows is None and result.plan.estimated_rows
        assert "NodeByLabelScan" in repr(result.plan) and result.plan.arguments["runtime"]
        return
    assert result.rows
    if answer == "profile":  # the rows, and counted rows and db hits on every step
        assert len(result.rows) == 21 and result.plan is not None and result.plan.rows == 21
        steps = [result.plan]
        while steps[-1].children:
            steps.append(steps[-1].children[0])
        assert all(step.rows is not None and step.db_hits is not None for step in steps)
        assert sum(step.db_hits or 0 for step in steps) > 290
    else:
        assert result.plan is None


@pytest.mark.neo4j
def test_explain_of_a_write_plans_it_and_changes_nothing(neo4j_store: GraphStore) -> None:
    before = neo4j_store.counts()
    result = neo4j_store.run_cypher("EXPLAIN MATCH (n:Municipality) DETACH DELETE n", {}, 10.0, 10)
    assert result.plan is not None and "Delete" in repr(result.plan)
    assert neo4j_store.counts() == before


@pytest.mark.neo4j
def test_profile_keeps_the_row_cap(neo4j_store: GraphStore) -> None:
    result = neo4j_store.run_cypher("PROFILE MATCH (m:Municipality) RETURN m.name", {}, 10.0, 7)
    assert len(result.rows) == 7 and result.truncated and result.plan is not None and result.plan.rows == 290


@pytest.mark.parametrize(
    ("query", "parameters", "reason"),
    [
        ("CALL db.stats.retrieve('QUERIES')", {}, "procedure db.stats.retrieve is not allowed"),
        ("CALL DB.LABELS()", {}, "procedure DB.LABELS is not allowed"),  # procedure names are case-sensitive
        ("RETURN apoc.text.join(['a'], '')", {}, "function apoc.text.join() is not allowed"),
        ("RETURN made_up(1)", {}, "function made_up() is not allowed"),
        ("SHOW SERVERS", {}, "SHOW SERVERS is not allowed"),
        ("CYPHER debug=tostring RETURN 1", {}, "CYPHER option debug is not allowed"),
        ("CYPHER runtime=fast RETURN 1", {}, "CYPHER runtime=fast is not allowed: runtime may be"),
        ("CYPHER 4.4 RETURN 1", {}, "CYPHER 4.4 is not a Cypher version"),
        ("PROFILE", {}, "no statement after"),
        ("EXPLAIN DROP DATABASE neo4j", {}, "may not start with DROP"),
        ("MATCH (n) RETURN n UNION PROFILE MATCH (m) RETURN m", {}, "PROFILE may only come before the query"),
        ("WITH 1 AS explain, 2 AS profile RETURN explain + profile AS cypher", {}, ""),
        ("RETURN 1 AS x;", {}, ""),  # a trailing ';' is one statement
        ("RETURN " + "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1), {}, "nests more than"),
        ("RETURN " + "-" * (MAX_NESTING + 1) + "1", {}, "nests more than"),
        ("MATCH " + "()-->" * (MAX_NESTING + 1) + "() RETURN 1", {}, "nests more than"),
        ("RETURN " + "1 + " * (MAX_TOKENS // 2) + "1", {}, f"at most {MAX_TOKENS}"),
        (" ".join(["MATCH (n)"] * MAX_CLAUSES) + " RETURN 1", {}, "clauses"),
        ("RETURN '" + "x" * MAX_QUERY_CHARS + "'", {}, f"at most {MAX_QUERY_CHARS}"),
        (f"RETURN [x IN range(1, {MAX_RANGE}) | x] AS xs", {}, ""),
        (f"RETURN [x IN range(1, {MAX_RANGE + 1}) | x] AS xs", {}, f"this one makes {MAX_RANGE + 1}"),
        (f"RETURN size(range({MAX_RANGE * 2}, 0, -2)) AS n", {}, f"this one makes {MAX_RANGE + 1}"),
        ("RETURN [x IN range(0, $n, $step) | x] AS xs", {"n": 10**9 - 1, "step": 10**5}, ""),
        ("RETURN [x IN range(0, $n) | x] AS xs", {"n": "10"}, "integer literals or parameters"),
        ("RETURN [x IN range(0, toInteger('10')) | x] AS xs", {}, "integer literals or parameters"),
        ("RETURN [x IN range(0, size($xs) + $n) | x] AS xs", {"xs": [1], "n": MAX_RANGE + 1}, "size()/length()"),
        ("RETURN [x IN range(0, size($xs) * 1000) | x] AS xs", {"xs": [1]}, "size()/length()"),
        ("WITH [1, 2] AS xs RETURN [i IN range(0, size(xs) - 1) | xs[i] * 2] AS ys", {}, ""),
        ("UNWIND range(1, 10000000000) AS x RETURN x", {}, ""),  # rows: the timeout stops it between two
        ("UNWIND range(0, toInteger($n)) AS x RETURN x", {"n": "10"}, ""),
        ("UNWIND range(0, 10) + range(0, toInteger('9')) AS x RETURN x", {}, "UNWIND range(…) AS x makes rows"),
        ("MATCH (n {name: 'LOAD CSV FROM x'}) // CALL dbms.listConfig()\nRETURN n.`CALL dbms.x()`", {}, ""),
        ("RETURN 'unterminated", {}, "unterminated string"),
    ],
)
def test_the_guard_says_what_it_refuses(query: str, parameters: dict[str, object], reason: str) -> None:
    if not reason:
        check_cypher(query, parameters)
        return
    with pytest.raises(InvalidQuery) as refused:
        check_cypher(query, parameters)
    assert reason in refused.value.detail


def test_strings_comments_and_back_quoted_names_are_tokens_not_code() -> None:
    tokens = tokenize("MATCH (n:`Odd Label`) /* LOAD CSV */ WHERE n.name = 'it''s' RETURN $`odd param`")
    assert [(t.kind, t.text) for t in tokens if t.kind != "symbol"] == [
        ("word", "MATCH"),
        ("word", "n"),
        ("name", "Odd Label"),
        ("word", "WHERE"),
        ("word", "n"),
        ("word", "name"),
        ("string", "it"),
        ("string", "s"),
        ("word", "RETURN"),
        ("param", "odd param"),
    ]


@pytest.mark.neo4j
def test_the_builtin_functions_are_still_those_of_the_server(neo4j_store: GraphStore) -> None:
    result = neo4j_store.run_cypher(SHOW_BUILTIN_FUNCTIONS, {}, 10.0, 10_000)
    found = {row[0] for row in result.rows}
    assert found == BUILTIN_FUNCTIONS, (
        "graphapp/neo4j_functions.py is out of date for this Neo4j; "
        f"added: {sorted(found - BUILTIN_FUNCTIONS)}, gone: {sorted(BUILTIN_FUNCTIONS - found)}"
    )


@pytest.mark.neo4j
def test_every_allowed_procedure_exists_and_only_reads(neo4j_store: GraphStore) -> None:
    query = "SHOW PROCEDURES YIELD name, mode, admin WHERE name IN $names RETURN name, mode, admin ORDER BY name"
    rows = neo4j_store.run_cypher(query, {"names": sorted(ALLOWED_PROCEDURES)}, 10.0, 100).rows
    assert [row[0] for row in rows] == sorted(ALLOWED_PROCEDURES)
    assert {(row[1], row[2]) for row in rows} == {("READ", False)}
