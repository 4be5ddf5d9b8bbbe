"""The curators' sessions, kept by the server: a login opens one, a logout ends it.

The cookie holds a random session id, signed (itsdangerous) with a secret made of a random
value kept in the curation folder (``.session-secret``, 32 bytes, created on first use,
readable by its owner only) and the API key: never a constant, shared by the workers, kept
over restarts, and changing the key ends every session. The server keeps the open
sessions with their expiry in ``sessions.json`` beside it, so a logout ends a session for
good: the same cookie sent again is refused, on every worker.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from itsdangerous import BadData, URLSafeTimedSerializer

from graphapp.store.disk import replace_file, writing

__all__ = ["SESSION_SECONDS", "Sessions"]

#: How long a session lasts.
SESSION_SECONDS = 8 * 3600
_SECRET_FILE = ".session-secret"
_SESSIONS_FILE = "sessions.json"


class Sessions:
    """The sessions of curators who logged in with ``key``; their files in ``folder``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self._key = key.encode()
        self._signer: URLSafeTimedSerializer | None = None
        self._kept_secret: bytes | None = None
        self._lock = threading.Lock()
        self._seen: tuple[int, ...] | None = None  #: (inode, times, size) of the sessions file last read
        self._open: dict[str, float] = {}  #: hash of a session id: when it expires

    def open(self) -> str:
        """A new session: the cookie's value (raises ``NotWritten`` if it cannot be kept)."""
        session = secrets.token_urlsafe(32)
        now = time.time()
        with self._changing() as sessions:
            for expired in [h for h, until in sessions.items() if until <= now]:
                del sessions[expired]
            sessions[_hashed(session)] = now + SESSION_SECONDS
        return str(self._signed().dumps({"sid": session}))

    def session_of(self, cookie: str | None) -> str | None:
        """The session id of a cookie that is signed, not expired and not ended; else None."""
        if not cookie or len(cookie) > 512:
            return None
        try:
            data = self._signed().loads(cookie, max_age=SESSION_SECONDS)
        except (BadData, UnicodeError, ValueError):
            return None
        session = data.get("sid") if isinstance(data, dict) else None
        if not isinstance(session, str):
            return None
        until = self._current().get(_hashed(session))
        return session if until is not None and until > time.time() else None

    def end(self, session: str) -> None:
        """End ``session`` on the server (raises ``NotWritten`` if that cannot be kept)."""
        with self._changing() as sessions:
            sessions.pop(_hashed(session), None)

    def csrf_token(self, session: str) -> str:
        return hmac.new(self._secret(), b"csrf\0" + session.encode(), hashlib.sha256).hexdigest()

    def _signed(self) -> URLSafeTimedSerializer:
        if self._signer is None:
            self._signer = URLSafeTimedSerializer(self._secret(), salt="graphapp-curator-session")
        return self._signer

    def _secret(self) -> bytes:
        """HMAC of the API key under the random value of ``.session-secret`` (made on first use)."""
        if self._kept_secret is None:
            self._kept_secret = self._read_secret()
        return self._kept_secret

    def _read_secret(self) -> bytes:
        path = self.folder / _SECRET_FILE
        with writing("the sessions' secret (in the curation folder)"):
            self.folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                try:
                    os.write(handle, secrets.token_bytes(32))
                    os.fsync(handle)
                finally:
                    os.close(handle)
            random = path.read_bytes()
        return hmac.new(random, b"graphapp-curator\0" + self._key, hashlib.sha256).digest()

    def _current(self) -> dict[str, float]:
        """The open sessions as the file says (read again only when it changed)."""
        path = self.folder / _SESSIONS_FILE
        try:
            stat = path.stat()
        except FileNotFoundError:
            return {}
        with self._lock:
            seen = (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
            if self._seen != seen:
                try:
                    loaded = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    loaded = {}
                self._open = {k: float(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
                self._seen = seen
            return dict(self._open)

    @contextlib.contextmanager
    def _changing(self) -> Iterator[dict[str, float]]:
        with writing("the curators' sessions (in the curation folder)"):
            self.folder.mkdir(parents=True, exist_ok=True)
            with (self.folder / ".sessions.lock").open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    self._seen = None
                    sessions = self._current()
                    yield sessions
                    replace_file(self.folder / _SESSIONS_FILE, json.dumps(sessions))
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)


def _hashed(session: str) -> str:
    """What the file keeps of a session id: its sha256 (the file does not open sessions)."""
    return hashlib.sha256(session.encode()).hexdigest()
