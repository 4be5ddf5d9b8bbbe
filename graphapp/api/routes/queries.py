"""Cypher for analysts: the saved library in ``cypher/`` and ad-hoc read-only queries.

Both run on Neo4j only (501 on the embedded store), in a READ transaction with a
timeout and a row cap from settings; ad-hoc text first passes
:func:`graphapp.cypher_guard.check_cypher`. Parameters are checked against the types the
query's header declares (:func:`graphapp.cypher_library.check_declared`). ``?format=csv``
or ``xlsx`` answers the rows as a file instead of JSON (flattened by :mod:`graphapp.views.result_rows`,
written by :mod:`graphapp.table_files`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from graphapp.api.deps import SettingsDep, StoreDep, TableLangDep
from graphapp.api.downloads import table_response
from graphapp.api.schemas import (
    CypherIn,
    CypherOut,
    GraphOut,
    PlanStepOut,
    ResultFormat,
    SavedQueriesOut,
    SavedQueryRunIn,
)
from graphapp.cypher_guard import RULES, check_cypher, check_parameters
from graphapp.cypher_library import check_declared, list_queries, parse_saved_query, saved_query
from graphapp.model import Subgraph
from graphapp.store.protocol import CypherResult
from graphapp.table_files import MEDIA_TYPES
from graphapp.views.i18n import words
from graphapp.views.payload import result_layout
from graphapp.views.result_rows import download_name, flat_table
from graphapp.views.tables import rows_table

router = APIRouter(prefix="/api", tags=["cypher"])

FormatQuery = Annotated[
    ResultFormat,
    Query(
        description="json: the result. csv or xlsx: its rows as a file for a spreadsheet program, named after the "
        "query, each node and relationship spread over one column per field and property (m.id, m.name, r.role, "
        "r.amount_sek …)."
    ),
]
_FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The result: JSON, or with `format` a csv or xlsx file of its rows (an attachment).",
        "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_TYPES.values()},
    }
}


@router.get("/queries", response_model=SavedQueriesOut, summary="The saved query library")
def queries(settings: SettingsDep) -> SavedQueriesOut:
    """Each ``cypher/*.cypher`` file with the description and parameters of its header."""
    return SavedQueriesOut.model_validate(
        {
            "queries": [
                {
                    "name": q.name,
                    "description": q.description,
                    "parameters": [{"name": p.name, "type": p.type, "help": p.help} for p in q.parameters],
                }
                for q in list_queries(settings.cypher_dir)
            ]
        }
    )


@router.post("/queries/{name}", response_model=CypherOut, summary="Run a saved query", responses=_FILES)
def run_saved(
    store: StoreDep,
    settings: SettingsDep,
    name: Annotated[
        str, Path(max_length=100, description="File name without .cypher, e.g. 'partners-of-municipality'.")
    ],
    body: SavedQueryRunIn,
    lang: TableLangDep,
    format: FormatQuery = "json",
) -> CypherOut | Response:
    """Parameters must be exactly those the query's header declares, of their types (a string parameter
    given the number 2062 is refused: send "2062")."""
    query = saved_query(settings.cypher_dir, name)
    check_declared(query.parameters, body.parameters)
    check_parameters(body.parameters)
    result = store.run_cypher(query.text, body.parameters, settings.query_timeout, settings.query_row_limit)
    return _answer(result, format, lang, download_name(name, query.source))


@router.post(
    "/cypher",
    response_model=CypherOut,
    summary="Run read-only Cypher (Neo4j only)",
    description="Runs in a READ transaction with a timeout and a row cap (the request may lower the server's "
    "defaults, not raise them). Answers within the timeout plus 2 s whatever the query does; a query given up is "
    "ended on the server too. Values go in `parameters`, never in the text; a `// @param name: type` header in "
    "the text types them. " + RULES,
    responses=_FILES,
)
def run_cypher(
    store: StoreDep, settings: SettingsDep, body: CypherIn, lang: TableLangDep, format: FormatQuery = "json"
) -> CypherOut | Response:
    check_cypher(body.query, body.parameters)
    check_declared(parse_saved_query("", body.query).parameters, body.parameters, exact=False)
    check_parameters(body.parameters)
    timeout = min(body.timeout or settings.query_timeout, settings.query_timeout)
    limit = min(body.limit or settings.query_row_limit, settings.query_row_limit)
    result = store.run_cypher(body.query, body.parameters, timeout, limit)
    return _answer(result, format, lang, download_name(None, body.query))


def cypher_out(result: CypherResult) -> CypherOut:
    """The JSON answer: rows, the graph in them laid out (:func:`graphapp.views.payload.result_layout`, the
    explorer's rules: a page draws it at once, physics off) and the plan."""
    graph = positions = sizes = None
    if result.nodes or result.relationships:
        sub = Subgraph(result.nodes, result.relationships, result.truncated).as_dict()
        graph = GraphOut.model_validate(sub)
        laid = result_layout(sub["nodes"], sub["relationships"])
        positions = {key: (x, y) for key, (x, y, _) in laid.items()}
        sizes = {key: size for key, (_, _, size) in laid.items()}
    return CypherOut(
        columns=result.columns,
        rows=result.rows,
        truncated=result.truncated,
        graph=graph,
        positions=positions,
        sizes=sizes,
        plan=PlanStepOut.model_validate(asdict(result.plan)) if result.plan is not None else None,
    )


def _answer(result: CypherResult, format: ResultFormat, lang: str, name: str) -> CypherOut | Response:
    """The result as JSON, or its rows flattened (one column per property) as a table file named ``name``."""
    if format == "json":
        return cypher_out(result)
    header, rows = flat_table(result.columns, result.rows)
    return table_response([rows_table(words(lang)("results"), header, rows, lang)], format, lang, name)
