"""The journal of accepted writes: what each one added, newest last, so the last can be undone.

``<folder>/journal.json`` lists one :class:`JournalEntry` per write. It is written *before*
the write becomes visible (a write-ahead journal), so every import the store shows can be
undone, whenever the writer was killed. An entry whose import never became visible (killed
before the one step that publishes it, or undone but killed before the entry went) counts
for nothing: on the embedded store an entry is in effect while its record folder exists
(:meth:`Journal.entries`), and the start's recovery drops the others
(:func:`graphapp.store.durable.recover`). The file is replaced in one step and flushed
(:mod:`graphapp.store.disk`); changes are serialised by the lock file ``.lock`` beside it,
so several processes can share the folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from graphapp.errors import Conflict, NotWritten
from graphapp.store.disk import replace_file, writing

__all__ = ["JOURNAL_FILE", "Journal", "JournalEntry", "Receipt"]

JOURNAL_FILE = "journal.json"


class Receipt(BaseModel):
    """What one write added: enough to undo it."""

    batch: str
    store: str
    when: str
    folder: str | None = None  #: the record files' folder, relative to the data folder (embedded store)
    files: list[str] = []
    projects: list[str] = []
    nodes: list[str] = []  #: nodes the write created
    sources: list[tuple[str, str, str, list[str]]] = []  #: (start, type, end, sources the write added)
    #: relationships written (new or given another source), as a proposal counts them: the DESCRIBED_IN
    #: links of the write's documents and the counties placement derives, which a write adds, are not counted
    relationships: int = 0
    unchanged: bool = False  #: the same batch was written before: nothing changed


class JournalEntry(BaseModel):
    receipt: Receipt
    draft: str | None = None  #: the draft it came from (None: the command line or the records API)


class Journal:
    """The journal in ``folder``; ``data_dir`` is where the embedded store's record folders are."""

    def __init__(self, folder: Path, data_dir: Path) -> None:
        self.folder = folder
        self.data_dir = data_dir
        self.path = folder / JOURNAL_FILE

    def all_entries(self) -> list[JournalEntry]:
        """Every entry on file, in effect or not."""
        if not self.path.is_file():
            return []
        try:
            return [JournalEntry.model_validate(e) for e in json.loads(self.path.read_text(encoding="utf-8"))]
        except (ValueError, ValidationError, UnicodeDecodeError) as exc:
            raise Conflict(
                f"the journal of imports ({JOURNAL_FILE} in the curation folder) cannot be read: {exc}"
            ) from None

    def entries(self) -> list[JournalEntry]:
        """The entries in effect: those of writes that became visible and were not undone."""
        return [e for e in self.all_entries() if self.in_effect(e)]

    def in_effect(self, entry: JournalEntry) -> bool:
        """Whether ``entry``'s write is visible: on the embedded store, while its folder exists."""
        folder = entry.receipt.folder
        return folder is None or (self.data_dir / folder).is_dir()

    def last(self) -> JournalEntry:
        entries = self.entries()
        if not entries:
            raise Conflict("nothing to undo: no accepted import is on record")
        return entries[-1]

    def append(self, entry: JournalEntry) -> None:
        """Add ``entry`` (flushed to disk before this returns), or raise ``NotWritten``."""
        self._write([*self.all_entries(), entry])

    def remove(self, entry: JournalEntry) -> None:
        self._write([e for e in self.all_entries() if e != entry])

    def keep_only(self, entries: list[JournalEntry]) -> None:
        self._write(entries)

    @contextlib.contextmanager
    def locked(self, *, wait: bool = True) -> Iterator[bool]:
        """Serialise writes (and the journal's changes) across processes. Without ``wait``, yields
        False at once when another process holds the lock (or the folder cannot be written)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = (self.folder / ".lock").open("a")
        except OSError as exc:
            if wait:
                raise NotWritten(
                    f"the curation folder's lock file could not be written ({exc.strerror or exc}); nothing was changed"
                ) from None
            yield False
            return
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, entries: list[JournalEntry]) -> None:
        text = json.dumps([e.model_dump(mode="json") for e in entries], indent=1)
        with writing(f"the journal of imports ({JOURNAL_FILE} in the curation folder)"):
            replace_file(self.path, text)
