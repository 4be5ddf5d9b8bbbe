"""One error shape for the whole API: ``application/problem+json`` (RFC 9457).

graphapp's own errors carry their status; request validation becomes 422 with the
offending fields; unknown routes 404; anything unexpected a 500 without internals.
``detail`` is English; a request with ``?lang=sv`` (or ``en``) also gets ``message``, the
answer in that language (:mod:`graphapp.views.messages`), as the pages show it.

No answer names a folder of the server: a path under the data, curation, Cypher or
temporary folder, the working or home folder or the installation is cut to what follows
it (``imports/x/p.yaml``), so messages stay useful without telling where things live.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from graphapp.errors import ContentTooLarge, GraphappError, StoreUnavailable, TooManyAttempts
from graphapp.views.messages import error_text, note_text

__all__ = ["PROBLEM_JSON", "install", "problem_for", "problem_response"]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("graphapp.api")


def problem_response(
    status: int, title: str, detail: str, request: Request, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    folders = _server_folders(request)
    detail = _without(folders, detail)
    if isinstance(extra.get("errors"), list):
        extra["errors"] = [_without(folders, e) if isinstance(e, str) else e for e in extra["errors"]]
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": request.url.path}
    return JSONResponse({**body, **extra}, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _server_folders(request: Request) -> list[str]:
    """The server's folders an answer must not name, deepest first."""
    settings = getattr(getattr(request, "app", None), "state", None)
    settings = getattr(settings, "settings", None)
    folders = [Path(tempfile.gettempdir()), Path.cwd(), Path.home(), Path(sys.prefix), Path(__file__).parents[2]]
    if settings is not None:
        folders += [settings.data_dir, settings.curation_path, settings.cypher_dir]
    found = {str(f) for folder in folders for f in (folder, folder.resolve()) if len(f.parts) > 1}
    return sorted(found, key=len, reverse=True)


def _without(folders: list[str], text: str) -> str:
    for folder in folders:
        if folder in text:  # where a path starts (not inside a URL), up to its end
            text = re.sub(rf"(?<![\w.:/-]){re.escape(folder)}(/|(?![\w.-]))", _cut, text)
    return text


def _cut(match: re.Match[str]) -> str:
    return "" if match.group(1) == "/" else "(a server folder)"


def problem_for(exc: GraphappError, request: Request) -> JSONResponse:
    """The problem+json answer to one of graphapp's errors."""
    headers = None
    if isinstance(exc, (StoreUnavailable, TooManyAttempts)):  # the answer says when to ask again
        headers = {"Retry-After": str(exc.retry_after_seconds)}
    if exc.status == 500:  # 501 and 503 are expected answers, not our bugs
        log.error("internal error on %s: %s", request.url.path, exc.detail)
    extra: dict[str, Any] = {"errors": exc.problems} if hasattr(exc, "problems") else {}
    if exc.code is not None:
        extra.update(code=exc.code, params=exc.params)
    lang = request.query_params.get("lang")
    if lang:  # a page asked for its language: the answer in its words, the problems too
        worded = note_text(exc.detail, lang)
        extra["message"] = error_text(exc.code, exc.params, lang) or (
            worded if worded != exc.detail else error_text(None, {}, lang, exc.status) or exc.detail
        )
        if "errors" in extra:
            extra["errors"] = [note_text(problem, lang) for problem in extra["errors"]]
    return problem_response(exc.status, exc.title, exc.detail, request, headers, **extra)


async def _graphapp_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphappError)
    return problem_for(exc, request)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return problem_response(422, "Invalid request", detail, request, errors=errors, **_worded(request, 422))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    return problem_response(status, _title(status), str(exc.detail), request, exc.headers, **_worded(request, status))


def _worded(request: Request, status: int) -> dict[str, Any]:
    """``message``: the status in the words of the page that asked (``?lang=``), if it asked."""
    lang = request.query_params.get("lang")
    message = error_text(None, {}, lang, status) if lang else None
    return {"message": message} if message else {}


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    return problem_response(500, "Internal error", "Something went wrong on our side; it has been logged.", request)


def _title(status: int) -> str:
    from http import HTTPStatus

    if status == ContentTooLarge.status:  # raised as an HTTPException while FastAPI reads a body
        return ContentTooLarge.title
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install(app: FastAPI) -> None:
    app.add_exception_handler(GraphappError, _graphapp_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
