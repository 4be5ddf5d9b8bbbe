"""Slow clients: the connection of one that sends a request's headers or body too slowly is closed.

uvicorn (and h11, httptools) waits for a request's bytes as long as a client likes, so a few
hundred connections that trickle a byte now and then hold the server's sockets for good
("slowloris"). :class:`ClientTimeouts`, the HTTP protocol ``graphapp serve`` runs (uvicorn's
httptools one, with a deadline), gives each request ``GRAPHAPP_CLIENT_TIMEOUT`` seconds
(:data:`DEFAULT_SECONDS`) from its first byte, or from the connection's opening, for its
headers, and for its body that time plus one second per KiB received (at least 1 KiB/s on
average after the first seconds). A connection past its deadline gets ``408 Request
Timeout`` (unless an answer has begun) and is closed; the application, if it was reading
the body, sees the client disconnect. The time the server itself holds the body back (it reads no further
while the application is busy with what it has) never counts, and neither does the time
the application takes to answer; between requests uvicorn's own keep-alive timeout (5 s)
applies.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

__all__ = ["DEFAULT_SECONDS", "PROTOCOL", "TIMEOUT_VARIABLE", "ClientTimeouts"]

#: Seconds for a request's headers, and its body beyond one second per KiB.
DEFAULT_SECONDS = 15.0
#: Where the protocol reads its timeout (``graphapp serve`` sets it from the settings for every worker).
TIMEOUT_VARIABLE = "GRAPHAPP_CLIENT_TIMEOUT"
#: What ``uvicorn.run(http=…)`` imports, in each worker.
PROTOCOL = "graphapp.api.timeouts:ClientTimeouts"
_BODY_BYTES_PER_SECOND = 1024
_REQUEST_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class ClientTimeouts(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.client_timeout = float(os.environ.get(TIMEOUT_VARIABLE) or DEFAULT_SECONDS)
        self._deadline: float | None = None  #: monotonic time by which the awaited bytes must be in
        self._timer: asyncio.TimerHandle | None = None
        self._in_headers = False
        self._body_start = 0.0
        self._body_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._await_headers()

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._in_headers = False
        self._body_start, self._body_bytes = time.monotonic(), 0
        self._wait_until(self._body_start + self.client_timeout)

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._body_bytes += len(body)
        self._deadline = self._body_start + self.client_timeout + self._body_bytes / _BODY_BYTES_PER_SECOND

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._stop()

    def _await_headers(self) -> None:
        self._in_headers = True
        self._wait_until(time.monotonic() + self.client_timeout)

    def _wait_until(self, deadline: float) -> None:
        self._deadline = deadline
        if self._timer is None:
            self._timer = self.loop.call_later(max(deadline - time.monotonic(), 0), self._check)

    def _stop(self) -> None:
        self._deadline = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _check(self) -> None:
        self._timer = None
        if self._deadline is None or self.transport is None or self.transport.is_closing():
            return
        now = time.monotonic()
        if self.flow is not None and self.flow.read_paused:  # we hold the body back, not the client
            self._deadline = max(self._deadline, now + self.client_timeout)
        if now < self._deadline:
            self._timer = self.loop.call_later(self._deadline - now, self._check)
            return
        if self._in_headers or (self.cycle is not None and not self.cycle.response_started):
            self.transport.write(_REQUEST_TIMEOUT)
        self.logger.info("closed a connection from %s: too slow to send its request", self.client)
        self.transport.close()
