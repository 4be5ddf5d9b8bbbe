"""Who may write: the API key, or a curator's session with CSRF protection.

Reading is open. Writing (``POST /api/records``, the curation API) needs either the
header ``X-API-Key`` with the key of ``GRAPHAPP_API_KEY``, or the session cookie the
curator's page sets after a login with that key. The cookie is ``__Host-`` prefixed,
``Secure``, ``HttpOnly``, ``SameSite=Strict``, signed (itsdangerous, with a secret
derived from the key, so changing the key ends every session) and expires after
:data:`SESSION_SECONDS`. A request that relies on the cookie to change anything must
also carry the session's CSRF token in ``X-CSRF-Token`` (or the form field
``csrf_token``) and must not come from another origin (``Origin`` and
``Sec-Fetch-Site`` are checked when the browser sends them). With no key set, writing
is off.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from graphapp.api.deps import SettingsDep
from graphapp.config import Settings

__all__ = [
    "COOKIE",
    "SESSION_SECONDS",
    "Curator",
    "CuratorDep",
    "csrf_token",
    "new_session",
    "require_api_key",
    "same_origin",
    "session_of",
]

COOKIE = "__Host-graphapp-curator"
SESSION_SECONDS = 8 * 3600
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _secret(settings: Settings) -> bytes:
    if settings.api_key is None:
        raise HTTPException(403, "curation and imports are off: set GRAPHAPP_API_KEY on the server to allow them")
    return hashlib.sha256(b"graphapp-curator\0" + settings.api_key.get_secret_value().encode()).digest()


def _signer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_secret(settings), salt="graphapp-curator-session")


def key_matches(settings: Settings, key: str | None) -> bool:
    if settings.api_key is None or key is None:
        return False
    return secrets.compare_digest(key.encode(), settings.api_key.get_secret_value().encode())


def new_session(settings: Settings) -> str:
    """A signed cookie value naming a fresh session."""
    return str(_signer(settings).dumps({"sid": secrets.token_urlsafe(16)}))


def session_of(settings: Settings, request: Request) -> str | None:
    """The session id of the request's cookie, if it is valid and not expired."""
    cookie = request.cookies.get(COOKIE)
    if not cookie or settings.api_key is None:
        return None
    try:
        data = _signer(settings).loads(cookie, max_age=SESSION_SECONDS)
    except BadSignature:
        return None
    sid = data.get("sid") if isinstance(data, dict) else None
    return sid if isinstance(sid, str) else None


def csrf_token(settings: Settings, session: str) -> str:
    return hmac.new(_secret(settings), b"csrf\0" + session.encode(), hashlib.sha256).hexdigest()


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


async def require_curator(
    request: Request,
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The key set in GRAPHAPP_API_KEY.")] = None,
    x_csrf_token: Annotated[
        str | None, Header(description="The CSRF token of the curator's session (when the cookie is used).")
    ] = None,
) -> Curator:
    _secret(settings)  # 403 when writing is off
    if x_api_key is not None:
        if not key_matches(settings, x_api_key):
            raise HTTPException(401, "a valid X-API-Key header is required", headers={"WWW-Authenticate": "X-API-Key"})
        return Curator("api-key")
    session = session_of(settings, request)
    if session is None:
        raise HTTPException(
            401,
            "log in on /curate (or send the X-API-Key header) to curate",
            headers={"WWW-Authenticate": "X-API-Key"},
        )
    if request.method not in _SAFE_METHODS:
        if not same_origin(request):
            raise HTTPException(403, "refused: a request from another site may not change anything here")
        expected = csrf_token(settings, session)
        if x_csrf_token is None or not secrets.compare_digest(x_csrf_token, expected):
            raise HTTPException(403, "refused: the request lacks this session's CSRF token (X-CSRF-Token)")
    return Curator("session", session)


CuratorDep = Annotated[Curator, Depends(require_curator)]


async def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The key set in GRAPHAPP_API_KEY.")] = None,
) -> None:
    """The key itself (``POST /api/records`` is for programs, not the page)."""
    _secret(settings)
    if not key_matches(settings, x_api_key):
        raise HTTPException(401, "a valid X-API-Key header is required", headers={"WWW-Authenticate": "X-API-Key"})
