"""The analyst's pages: the workbench ``/cypher``, ``/cypher/{name}`` and a saved query's embed
``/embed/cypher/{name}``; the schema page ``/schema`` and its JSON twin ``/schema.json``.

Handlers only read the URL and render (:mod:`graphapp.views.workbench`); the page script runs the query
through ``POST /api/queries/{name}`` or ``POST /api/cypher`` (:mod:`graphapp.api.routes.queries`).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from graphapp.api.deps import SettingsDep, StoreDep, page_lang
from graphapp.api.routes.pages import compressed, page_headers, query_of, site_origin
from graphapp.config import Settings
from graphapp.cypher_library import list_queries
from graphapp.errors import NotFound
from graphapp.store import GraphStore
from graphapp.views.page import render_error
from graphapp.views.schema_page import render_schema, schema_payload
from graphapp.views.urls import Urls
from graphapp.views.workbench import read_request, render_workbench

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/cypher", response_class=HTMLResponse)
def workbench(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The library and the editor; ``?cypher=…&params={json}`` runs ad-hoc text."""
    return _page(request, store, settings, None, "explorer")


@router.get("/cypher/{name}", response_class=HTMLResponse)
def workbench_saved(name: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """A saved query's form; with every parameter in the URL, its result."""
    return _page(request, store, settings, name, "explorer")


@router.get("/embed/cypher/{name}", response_class=HTMLResponse)
def workbench_embed(name: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """A saved query's result alone, to be framed (ad-hoc text is never embedded)."""
    return _page(request, store, settings, name, "embed")


@router.get("/schema", response_class=HTMLResponse)
def schema(request: Request, settings: SettingsDep) -> Response:
    """The labels, relationship types and properties of the graph, with what they mean."""
    lang = page_lang(request)
    response = HTMLResponse(render_schema(lang, Urls()))
    response.headers.update(page_headers(settings, embed=False))
    return compressed(request, response)


@router.get("/schema.json")
def schema_json(request: Request) -> Response:
    """The schema page as data (``?lang=en`` for the meanings in English)."""
    return compressed(request, JSONResponse(schema_payload(page_lang(request))))


def _page(
    request: Request, store: GraphStore, settings: Settings, name: str | None, chrome: Literal["explorer", "embed"]
) -> Response:
    lang = page_lang(request)
    urls = Urls()
    queries = list_queries(settings.cypher_dir)
    page = read_request(queries, name, query_of(request), lang, chrome)
    if name is not None and page.selected is None:
        known = ", ".join(q.name for q in queries)
        error = NotFound(f"no saved query {name!r}; known: {known}")
        html = render_error(error, lang, urls)
        response: Response = HTMLResponse(html, status_code=error.status)
    else:
        html = render_workbench(
            page, urls, site_origin(request), store.runs_cypher, settings.query_timeout, settings.query_row_limit
        )
        response = HTMLResponse(html)
    response.headers.update(page_headers(settings, embed=chrome == "embed"))
    return compressed(request, response)
