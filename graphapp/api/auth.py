"""Who may write: the API key, or a curator's session with CSRF protection.

Reading is open. Writing (``POST /api/records``, the curation API) needs either the
header ``X-API-Key`` with the key of ``GRAPHAPP_API_KEY``, or the session cookie the
curator's page sets after a login with that key. A key shorter than
:data:`~graphapp.config.MIN_API_KEY_LENGTH` characters (an empty one above all) counts as
none: with no usable key, writing is off (403). Wrong keys are throttled per client
(:mod:`graphapp.api.throttle`: 429 with ``Retry-After``).

The cookie is ``__Host-`` prefixed, ``Secure``, ``HttpOnly``, ``SameSite=Strict``, and
names a session the server keeps (:mod:`graphapp.api.sessions`): signed with a secret that
is random and tied to the key, ended on the server by the logout, expired after
:data:`SESSION_SECONDS`. A request that relies on the cookie to change anything must also
carry the session's CSRF token in ``X-CSRF-Token`` (or the form field ``csrf_token``) and
must not come from another origin (``Origin`` and ``Sec-Fetch-Site`` are checked when the
browser sends them). Tokens and keys are compared as bytes, whatever characters they hold.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from graphapp.api.deps import SettingsDep
from graphapp.api.sessions import SESSION_SECONDS, Sessions
from graphapp.api.throttle import Throttle
from graphapp.config import MIN_API_KEY_LENGTH, Settings

__all__ = [
    "COOKIE",
    "SESSION_SECONDS",
    "Curator",
    "CuratorDep",
    "check_key",
    "csrf_matches",
    "require_api_key",
    "same_origin",
    "sessions_of",
]

COOKIE = "__Host-graphapp-curator"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def sessions_of(request: Request) -> Sessions | None:
    """The app's curators' sessions, or None when writing is off (no usable key)."""
    found: Sessions | None = getattr(request.app.state, "sessions", None)
    return found


def _writing_on(settings: Settings, request: Request) -> Sessions:
    sessions = sessions_of(request)
    if settings.api_key is None or sessions is None:
        raise HTTPException(
            403,
            "curation and imports are off: set GRAPHAPP_API_KEY on the server "
            f"(at least {MIN_API_KEY_LENGTH} characters) to allow them",
        )
    return sessions


def key_matches(settings: Settings, key: str | None) -> bool:
    if settings.api_key is None or key is None:
        return False
    return secrets.compare_digest(key.encode(), settings.api_key.get_secret_value().encode())


def check_key(request: Request, settings: Settings, key: str | None) -> bool:
    """Whether ``key`` is the key; a client that got it wrong too often gets
    :class:`~graphapp.errors.TooManyAttempts` before the key is looked at."""
    throttle: Throttle = request.app.state.throttle
    client = request.client.host if request.client else "unknown"
    throttle.check(client)
    if key is None:
        return False  # no guess
    if key_matches(settings, key):
        throttle.succeeded(client)
        return True
    throttle.failed(client)
    return False


def csrf_matches(sessions: Sessions, session: str, token: str | None) -> bool:
    return token is not None and secrets.compare_digest(token.encode(), sessions.csrf_token(session).encode())


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another origin or site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin == own


class Curator:
    """Who is writing: ``"api-key"`` or ``"session"``."""

    def __init__(self, how: str, session: str | None = None) -> None:
        self.how = how
        self.session = session


def _wrong_key() -> HTTPException:
    return HTTPException(401, "a valid X-API-Key header is required", headers={"WWW-Authenticate": "X-API-Key"})


async def require_curator(
    request: Request,
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The key set in GRAPHAPP_API_KEY.")] = None,
    x_csrf_token: Annotated[
        str | None, Header(description="The CSRF token of the curator's session (when the cookie is used).")
    ] = None,
) -> Curator:
    sessions = _writing_on(settings, request)  # 403 when writing is off
    if x_api_key is not None:
        if not check_key(request, settings, x_api_key):
            raise _wrong_key()
        return Curator("api-key")
    session = sessions.session_of(request.cookies.get(COOKIE))
    if session is None:
        raise HTTPException(
            401,
            "log in on /curate (or send the X-API-Key header) to curate",
            headers={"WWW-Authenticate": "X-API-Key"},
        )
    if request.method not in _SAFE_METHODS:
        if not same_origin(request):
            raise HTTPException(403, "refused: a request from another site may not change anything here")
        if not csrf_matches(sessions, session, x_csrf_token):
            raise HTTPException(403, "refused: the request lacks this session's CSRF token (X-CSRF-Token)")
    return Curator("session", session)


CuratorDep = Annotated[Curator, Depends(require_curator)]


async def require_api_key(
    request: Request,
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The key set in GRAPHAPP_API_KEY.")] = None,
) -> None:
    """The key itself (``POST /api/records`` is for programs, not the page)."""
    _writing_on(settings, request)
    if not check_key(request, settings, x_api_key):
        raise _wrong_key()
