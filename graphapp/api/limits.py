"""The largest request body the API takes: :data:`MAX_BODY_BYTES`, on every endpoint.

:class:`BodyLimit` answers 413 (``application/problem+json``) before anything reads a
body that is too large: at once when ``Content-Length`` says so (the body is never
read), and as soon as a body sent without a length passes the limit. Cypher and record
files are far smaller; parameters have their own limits
(:func:`graphapp.cypher_guard.check_parameters`).

A path given its own limit (``own_limits``: the curator's uploads, ``GRAPHAPP_UPLOAD_MAX_MB``) is
passed through; its route reads the body with that limit and answers 413 itself.

Starlette's own ``RequestBodyLimitMiddleware`` answers ``text/plain`` when the length
is declared, so the API keeps this one.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphapp.api.problems import problem_for
from graphapp.errors import ContentTooLarge, InvalidRequest

__all__ = ["MAX_BODY_BYTES", "BodyLimit"]

#: 1 MB: some thousand times the largest query or record file the project holds.
MAX_BODY_BYTES = 1_000_000


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413 before reading them."""

    def __init__(
        self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES, own_limits: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: paths that set and check their own, larger limit (the curator's uploads: GRAPHAPP_UPLOAD_MAX_MB)
        self.own_limits = dict(own_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.own_limits:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            error = self._declared_error(declared)
            if error is not None:
                await problem_for(error, Request(scope))(scope, receive, send)
                return
        await self.app(scope, self._counting(receive), send)

    def __str__(self) -> str:
        return _bytes(self.max_bytes)

    def _declared_error(self, declared: str) -> ContentTooLarge | InvalidRequest | None:
        if not declared.isdigit():
            return InvalidRequest(f"Content-Length {declared[:40]!r} is not a number of bytes")
        if int(declared) > self.max_bytes:
            return ContentTooLarge(f"the request body is {_bytes(int(declared))}; the API takes at most {self}")
        return None

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException, which FastAPI lets through while it reads the body.
                    raise HTTPException(413, f"the request body is larger than the API takes, {self}")
            return message

        return counted


def _bytes(count: int) -> str:
    """``1 000 000 bytes``: thousands apart, as the rest of the API's messages."""
    return f"{count:,} bytes".replace(",", " ")
