"""The curator's workspace on disk: drafts with their decisions, and the journal of writes.

``<curation dir>/drafts/<id>.json`` holds one upload's proposal and every decision made
on it, saved after each change, so the work survives a restart; ``journal.json`` lists
the receipts of accepted writes, newest last, so the last one can be undone (from the
page or ``graphapp import --undo``). Files are replaced atomically, and changes are
serialised by a lock file, so several workers can share the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from graphapp.errors import Conflict, NotFound
from graphapp.records.proposal import Proposal
from graphapp.store.durable import Receipt

__all__ = ["Draft", "JournalEntry", "Workspace"]


class Draft(BaseModel):
    id: str
    created: str
    status: Literal["open", "accepted"] = "open"
    proposal: Proposal
    receipt: Receipt | None = None


class JournalEntry(BaseModel):
    receipt: Receipt
    draft: str | None = None  #: the draft it came from (None: the command line or the records API)


class Workspace:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # -- drafts ---------------------------------------------------------------

    def new_draft(self, proposal: Proposal) -> Draft:
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        draft = Draft(id=secrets.token_hex(8), created=created, proposal=proposal)
        self.save(draft)
        return draft

    def save(self, draft: Draft) -> None:
        _replace(self._drafts() / f"{draft.id}.json", draft.model_dump_json())

    def draft(self, draft_id: str) -> Draft:
        path = self._drafts() / f"{draft_id}.json"
        if not draft_id.isalnum() or not path.is_file():
            raise NotFound(f"no draft {draft_id!r}", code="no_draft")
        return Draft.model_validate_json(path.read_text(encoding="utf-8"))

    def drafts(self) -> list[Draft]:
        """Every readable draft, newest first."""
        found = []
        for path in self._drafts().glob("*.json"):
            try:
                found.append(Draft.model_validate_json(path.read_text(encoding="utf-8")))
            except (OSError, ValidationError):
                continue
        return sorted(found, key=lambda d: (d.created, d.id), reverse=True)

    def delete(self, draft_id: str) -> None:
        self.draft(draft_id)
        (self._drafts() / f"{draft_id}.json").unlink(missing_ok=True)

    # -- journal --------------------------------------------------------------

    def journal(self) -> list[JournalEntry]:
        path = self.folder / "journal.json"
        if not path.is_file():
            return []
        return [JournalEntry.model_validate(e) for e in json.loads(path.read_text(encoding="utf-8"))]

    def record(self, receipt: Receipt, draft: str | None = None) -> None:
        """Note an accepted write (one that changed nothing is not noted)."""
        if receipt.unchanged:
            return
        entries = [*self.journal(), JournalEntry(receipt=receipt, draft=draft)]
        _replace(self.folder / "journal.json", json.dumps([e.model_dump(mode="json") for e in entries], indent=1))

    def last(self) -> JournalEntry:
        entries = self.journal()
        if not entries:
            raise Conflict("nothing to undo: no accepted import is on record", code="nothing_to_undo")
        return entries[-1]

    def forget_last(self) -> None:
        entries = self.journal()[:-1]
        _replace(self.folder / "journal.json", json.dumps([e.model_dump(mode="json") for e in entries], indent=1))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Serialise changes to the workspace (and the writes they make) across processes."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _drafts(self) -> Path:
        folder = self.folder / "drafts"
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
