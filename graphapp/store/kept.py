"""Results derived from a database's graph, kept in files outside the database.

The Neo4j store keeps the whole-network metrics (and any result named by
:meth:`~graphapp.store.GraphStore.keep_derived`) in a folder of the machine
(``GRAPHAPP_CACHE_DIR``, by default the user's cache folder), one sub-folder per
database, so that the analysts' graph holds the domain only. Per key:

- ``<key>.json``: ``{"version", "value"}``, the result and the store's version it was
  computed at;
- ``<key>.claim``: ``{"version", "until"}``, who computes it: of several processes sharing
  the folder, the one whose ``os.link`` of a finished file gave it that name (atomic, and
  refused when the name exists). A claim of another version, or past ``until``, is taken
  over by renaming it away first (of several renames of one name, one succeeds).

Every file is written whole before it gets its name (a temporary file, then
``os.replace`` or ``os.link``): a process killed mid-write leaves a stray temporary file,
never half a result. A folder that cannot be written keeps nothing (logged once per
failure): results are computed again, as if never kept.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

__all__ = ["KeptFiles"]

log = logging.getLogger(__name__)


class KeptFiles:
    """Results by key, each with the version it was computed at, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> tuple[str, str] | None:
        """``(version, text)`` kept as ``key``, or None."""
        found = _read(self._path(key, ".json"))
        version, value = (found or {}).get("version"), (found or {}).get("value")
        return (version, value) if isinstance(version, str) and isinstance(value, str) else None

    def claim(self, key: str, version: str, seconds: float) -> bool:
        """Claim computing ``key`` at ``version`` for ``seconds``: False when it is kept at that
        version already, or another process holds an unexpired claim on it. True, with no
        claim made, when the folder cannot be written (every process computes)."""
        kept = self.get(key)
        if kept is not None and kept[0] == version:
            return False
        path = self._path(key, ".claim")
        for _ in range(2):
            made = self._create(path, {"version": version, "until": time.time() + seconds})
            if made is not False:
                return True
            held = _read(path) or {}
            until = held.get("until")
            if held.get("version") == version and isinstance(until, int | float) and until > time.time():
                return False
            with contextlib.suppress(OSError):  # when another process took it over first, its claim stands
                away = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.stale")
                os.rename(path, away)
                away.unlink()
        return False

    def keep(self, key: str, version: str, text: str) -> None:
        """Keep ``text`` as ``key``, computed at ``version``, and end the claim on it."""
        try:
            os.replace(self._written({"version": version, "value": text}), self._path(key, ".json"))
        except OSError as exc:
            log.warning("cannot keep %s in %s: %s", key, self.folder, exc)
            return
        claim = self._path(key, ".claim")
        if (_read(claim) or {}).get("version") == version:
            claim.unlink(missing_ok=True)

    # -- helpers -------------------------------------------------------------

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{quote(key, safe='')}{suffix}"

    def _written(self, content: dict[str, object]) -> Path:
        """A new file in the folder holding ``content``, under a temporary name."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(content, out)
        return Path(name)

    def _create(self, path: Path, content: dict[str, object]) -> bool | None:
        """Give ``content`` the name ``path`` unless the name is taken: True when this call did,
        False when the name was taken, None when the folder cannot be written."""
        written = None
        try:
            written = self._written(content)
            os.link(written, path)
            return True
        except FileExistsError:
            return False
        except OSError as exc:
            log.warning("cannot claim %s in %s: %s", path.name, self.folder, exc)
            return None
        finally:
            if written is not None:
                written.unlink(missing_ok=True)


def _read(path: Path) -> dict[str, object] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
