"""Cypher for analysts: the saved library in ``cypher/`` and ad-hoc read-only queries.

Both run on Neo4j only (501 on the embedded store), in a READ transaction with a
timeout and a row cap from settings; ad-hoc text first passes
:func:`graphapp.cypher_guard.check_cypher`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from graphapp.api.deps import SettingsDep, StoreDep
from graphapp.api.downloads import table_response
from graphapp.api.schemas import (
    CypherIn,
    CypherOut,
    Lang,
    ResultFormat,
    SavedQueriesOut,
    SavedQueryRunIn,
    graph_out,
)
from graphapp.cypher_guard import RULES, check_cypher, check_parameters
from graphapp.cypher_library import QueryParam, list_queries, saved_query
from graphapp.errors import InvalidRequest
from graphapp.model import Subgraph
from graphapp.store.protocol import CypherResult
from graphapp.table_files import MEDIA_TYPES
from graphapp.views.i18n import strings
from graphapp.views.tables import rows_table

router = APIRouter(prefix="/api", tags=["cypher"])

_TABLE_RESPONSES: dict[int | str, dict[str, Any]] = {
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


_FORMAT = Query(description="json, or the rows as a table for a spreadsheet program: csv or xlsx.")
_LANG = Query(description="Language of a csv or xlsx table: its dialect (sv: ';' and a decimal comma) and words.")


@router.post("/queries/{name}", response_model=CypherOut, summary="Run a saved query", responses=_TABLE_RESPONSES)
def run_saved(
    store: StoreDep,
    settings: SettingsDep,
    name: Annotated[
        str, Path(max_length=100, description="File name without .cypher, e.g. 'partners-of-municipality'.")
    ],
    body: SavedQueryRunIn,
    format: Annotated[ResultFormat, _FORMAT] = "json",
    lang: Annotated[Lang, _LANG] = "sv",
) -> CypherOut | Response:
    """Parameters must be exactly those the query's header declares, of their types."""
    query = saved_query(settings.cypher_dir, name)
    _check_declared(query.parameters, body.parameters)
    check_parameters(body.parameters)
    result = store.run_cypher(query.text, body.parameters, settings.query_timeout, settings.query_row_limit)
    return _answer(result, format, lang, name)


@router.post(
    "/cypher",
    response_model=CypherOut,
    summary="Run read-only Cypher (Neo4j only)",
    description="Runs in a READ transaction with a timeout and a row cap (the request may lower the server's "
    "defaults, not raise them). Answers within the timeout plus 2 s whatever the query does; a query given up is "
    "ended on the server too. Values go in `parameters`, never in the text. " + RULES,
    responses=_TABLE_RESPONSES,
)
def run_cypher(
    store: StoreDep,
    settings: SettingsDep,
    body: CypherIn,
    format: Annotated[ResultFormat, _FORMAT] = "json",
    lang: Annotated[Lang, _LANG] = "sv",
) -> CypherOut | Response:
    check_cypher(body.query, body.parameters)
    check_parameters(body.parameters)
    timeout = min(body.timeout or settings.query_timeout, settings.query_timeout)
    limit = min(body.limit or settings.query_row_limit, settings.query_row_limit)
    return _answer(store.run_cypher(body.query, body.parameters, timeout, limit), format, lang, "cypher")


def _answer(result: CypherResult, format: ResultFormat, lang: Lang, name: str) -> CypherOut | Response:
    """The result as JSON, or its rows as a table file (the workbench's downloads)."""
    if format == "json":
        return cypher_out(result)
    table = rows_table(strings(lang)["results"], result.columns, result.rows, lang)
    return table_response([table], format, lang, name)


def cypher_out(result: CypherResult) -> CypherOut:
    graph = None
    if result.nodes or result.relationships:
        graph = graph_out(Subgraph(result.nodes, result.relationships, result.truncated))
    return CypherOut(columns=result.columns, rows=result.rows, truncated=result.truncated, graph=graph)


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "str": (str,),
    "int": (int,),
    "integer": (int,),
    "float": (int, float),
    "number": (int, float),
    "bool": (bool,),
    "boolean": (bool,),
    "list": (list,),
    "map": (dict,),
}


def _check_declared(declared: list[QueryParam], given: dict[str, Any]) -> None:
    names = {p.name for p in declared}
    missing = sorted(names - given.keys())
    unknown = sorted(given.keys() - names)
    if missing or unknown:
        parts = [f"missing: {', '.join(missing)}"] if missing else []
        parts += [f"unknown: {', '.join(unknown)}"] if unknown else []
        expected = ", ".join(f"{p.name} ({p.type})" for p in declared) or "none"
        raise InvalidRequest(f"parameters do not match the query's ({'; '.join(parts)}); it takes {expected}")
    for param in declared:
        types = _TYPES.get(param.type.lower())
        value = given[param.name]
        wrong_bool = isinstance(value, bool) and bool not in (types or ())
        if types is not None and (not isinstance(value, types) or wrong_bool):
            raise InvalidRequest(f"parameter {param.name} must be a {param.type}, not {type(value).__name__}")
