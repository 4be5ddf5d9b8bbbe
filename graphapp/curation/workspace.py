"""The curator's workspace on disk: drafts with their decisions, and the journal of writes.

``<curation dir>/drafts/<id>.json`` holds one upload's proposal and every decision made
on it, saved after each change, so the work survives a restart; ``journal.json``
(:class:`~graphapp.store.journal.Journal`) lists the receipts of accepted writes, newest
last, so the last one can be undone (from the page or ``graphapp import --undo``). Files
are replaced in one step and flushed to disk (:mod:`graphapp.store.disk`), and changes
are serialised by the journal's lock file, so several workers can share the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from graphapp.errors import NotFound
from graphapp.records.proposal import Proposal
from graphapp.store.disk import replace_file, writing
from graphapp.store.journal import Journal, JournalEntry, Receipt

__all__ = ["Draft", "JournalEntry", "Workspace"]


class Draft(BaseModel):
    id: str
    created: str
    status: Literal["open", "accepted"] = "open"
    proposal: Proposal
    receipt: Receipt | None = None


class Workspace:
    """The curation folder ``folder``; ``data_dir`` holds the embedded store's imports its journal names."""

    def __init__(self, folder: Path, data_dir: Path) -> None:
        self.folder = folder
        self.journal = Journal(folder, data_dir)

    # -- drafts ---------------------------------------------------------------

    def new_draft(self, proposal: Proposal) -> Draft:
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        draft = Draft(id=secrets.token_hex(8), created=created, proposal=proposal)
        self.save(draft)
        return draft

    def save(self, draft: Draft) -> None:
        with writing("the draft"):
            replace_file(self._drafts() / f"{draft.id}.json", draft.model_dump_json())

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

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Serialise changes to the workspace (and the writes they make) across processes."""
        with self.journal.locked():
            yield

    def _drafts(self) -> Path:
        folder = self.folder / "drafts"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
