"""The curator's page ``/curate`` and its login and logout (see :mod:`graphapp.api.auth`).

The login form posts the key; a right key from this origin gets the session cookie and
a redirect back to the page (303), a wrong one the form again with a message (401), a
client that got it wrong too often the form with how long to wait (429, ``Retry-After``).
The logout ends the session on the server. The page itself is plain HTML whose script
works through the curation API.
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from graphapp.api.auth import COOKIE, SESSION_SECONDS, check_key, csrf_matches, same_origin, sessions_of
from graphapp.api.deps import SettingsDep
from graphapp.api.routes.pages import page_headers
from graphapp.config import Settings
from graphapp.errors import TooManyAttempts
from graphapp.views.curate import curate_strings, render_curate
from graphapp.views.i18n import pick_lang
from graphapp.views.urls import Urls

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
#: A login form is a few hundred bytes; anything longer is refused unread.
_FORM_LIMIT = 4096
#: Seconds a wrong key waits before its answer (guessing gets slow).
_WRONG_KEY_DELAY = 0.5


@router.get("/curate", response_class=HTMLResponse)
def curate(request: Request, settings: SettingsDep) -> Response:
    """The curator's page, or its login form."""
    return _page(request, settings, _session(request))


@router.post("/curate/login", response_class=HTMLResponse)
async def login(request: Request, settings: SettingsDep) -> Response:
    lang = pick_lang(request.query_params.get("lang"))
    sessions = sessions_of(request)
    if settings.api_key is None or sessions is None:
        return _page(request, settings, None, status=403)
    if not same_origin(request):
        return _page(request, settings, None, curate_strings(lang)["error"] + ": cross-site login refused", 403)
    form = await _form(request)
    try:
        right = form is not None and check_key(request, settings, form.get("key", ""))
    except TooManyAttempts as exc:
        wait = curate_strings(lang)["login_wait"].format(seconds=exc.retry_after_seconds)
        response = _page(request, settings, None, wait, 429)
        response.headers["Retry-After"] = str(exc.retry_after_seconds)
        return response
    if not right:
        await asyncio.sleep(_WRONG_KEY_DELAY)
        return _page(request, settings, None, curate_strings(lang)["login_failed"], 401)
    target = "/curate" + ("" if lang == "sv" else f"?lang={lang}")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        sessions.open(),
        max_age=SESSION_SECONDS,
        path="/",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/curate/logout")
async def logout(request: Request) -> Response:
    """End the session on the server (the same cookie sent again is refused) and in the browser."""
    sessions = sessions_of(request)
    session = _session(request)
    form = await _form(request) or {}
    if sessions and session and same_origin(request) and csrf_matches(sessions, session, form.get("csrf_token")):
        sessions.end(session)
        response = RedirectResponse("/curate", status_code=303)
        response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="strict")
        return response
    return RedirectResponse("/curate", status_code=303)


def _session(request: Request) -> str | None:
    sessions = sessions_of(request)
    return sessions.session_of(request.cookies.get(COOKIE)) if sessions is not None else None


def _page(
    request: Request, settings: Settings, session: str | None, message: str | None = None, status: int = 200
) -> Response:
    lang = pick_lang(request.query_params.get("lang"))
    host = request.url.hostname or ""
    sessions = sessions_of(request)
    html = render_curate(
        lang=lang,
        urls=Urls(),
        logged_in=session is not None,
        csrf=sessions.csrf_token(session) if session and sessions else None,
        reference_dir=settings.reference_dir,
        upload_max_mb=settings.upload_max_mb,
        message=message,
        writing_off=settings.api_key is None,
        insecure=request.url.scheme != "https" and host not in ("localhost", "127.0.0.1", "::1"),
    )
    response = HTMLResponse(html, status_code=status)
    response.headers.update(page_headers(settings, embed=False))
    response.headers["Cache-Control"] = "no-store"
    return response


async def _form(request: Request) -> dict[str, str] | None:
    """A small urlencoded form, or None."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _FORM_LIMIT:
            return None
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in fields.items()}
