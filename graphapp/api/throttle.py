"""Failed authentication, throttled per client.

A client (its address as the server sees it) may get the key wrong
:data:`FREE_FAILURES` times; after that each further failure makes it wait before it may
try again: 1 s, then 2, 4, 8 … up to :data:`MAX_WAIT_SECONDS`. While it waits, every
attempt that needs the key is answered 429 with ``Retry-After`` before the key is even
looked at, so guessing gets no answers; a right key afterwards clears the count. Each
failure past the free ones is logged. The counts live in the worker process (each worker
of ``graphapp serve --workers N`` counts its own) and are forgotten an hour after the
last failure.
"""

from __future__ import annotations

import logging
import math
import threading
import time

from graphapp.errors import TooManyAttempts

__all__ = ["FREE_FAILURES", "MAX_WAIT_SECONDS", "Throttle"]

#: Wrong keys a client may send before it has to wait.
FREE_FAILURES = 5
#: The longest wait between two tries.
MAX_WAIT_SECONDS = 300
_FORGET_SECONDS = 3600
_MAX_CLIENTS = 100_000  #: counts kept at most (the oldest go first)

log = logging.getLogger("graphapp.api.auth")


class Throttle:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float, float]] = {}  #: client: (failures, last failure, wait until)

    def check(self, client: str) -> None:
        """Raise :class:`TooManyAttempts` while ``client`` has to wait."""
        with self._lock:
            _, _, until = self._failures.get(client, (0, 0.0, 0.0))
        wait = until - time.monotonic()
        if wait > 0:
            raise TooManyAttempts(
                f"too many wrong keys from this client: try again in {math.ceil(wait)} s", math.ceil(wait)
            )

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            failures, last, _ = self._failures.pop(client, (0, 0.0, 0.0))
            failures = 1 if now - last > _FORGET_SECONDS else failures + 1
            wait = 0.0 if failures <= FREE_FAILURES else min(2.0 ** (failures - FREE_FAILURES - 1), MAX_WAIT_SECONDS)
            self._failures[client] = (failures, now, now + wait)
            if len(self._failures) > _MAX_CLIENTS:
                del self._failures[next(iter(self._failures))]
        if wait:
            log.warning("wrong key from %s (%d failures in a row): it waits %g s", client, failures, wait)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)
