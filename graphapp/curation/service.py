"""What the ``graphapp import`` command and the curator's page both do.

``propose`` turns an uploaded or named file into proposals; ``accept`` writes the
accepted part of one into the store (:func:`graphapp.store.durable.commit`: validated
like ``graphapp load``, all or nothing, crash-safe, kept as record files on the embedded
store, noted in the workspace's journal first); ``undo_last`` takes the last accepted
write back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from graphapp.curation.documents import DOCUMENT_SUFFIXES, propose_document
from graphapp.curation.workspace import Workspace
from graphapp.errors import GraphappError, InvalidRecords, InvalidRequest, NotFound
from graphapp.records.proposal import Proposal, record_files
from graphapp.sheets import SPREADSHEET_SUFFIXES, ColumnField, Resolver, read_spreadsheets
from graphapp.store.durable import Receipt, commit, undo
from graphapp.store.protocol import Counts, GraphStore
from graphapp.textnorm import slugify

__all__ = ["ACCEPTED_SUFFIXES", "accept", "batch_name", "propose", "undo_last"]

ACCEPTED_SUFFIXES = SPREADSHEET_SUFFIXES | DOCUMENT_SUFFIXES


def propose(
    files: Sequence[tuple[str, bytes]], resolver: Resolver, mapping: Mapping[str, ColumnField] | None = None
) -> list[Proposal]:
    """Proposals of ``files``: spreadsheets read together (Kumu's CSV pairs), each document alone."""
    unknown = [name for name, _ in files if PurePath(name).suffix.lower() not in ACCEPTED_SUFFIXES]
    if unknown:
        raise InvalidRequest(
            f"{unknown[0]}: not a file graphapp reads (expected {', '.join(sorted(ACCEPTED_SUFFIXES))})"
        )
    sheets = [(n, raw) for n, raw in files if PurePath(n).suffix.lower() in SPREADSHEET_SUFFIXES]
    proposals = read_spreadsheets(sheets, resolver, mapping) if sheets else []
    for name, raw in files:
        if PurePath(name).suffix.lower() in DOCUMENT_SUFFIXES:
            proposals.append(propose_document(name, raw, resolver))
    return proposals


def accept(
    store: GraphStore,
    data_dir: Path,
    workspace: Workspace,
    proposal: Proposal,
    *,
    skip_invalid: bool = False,
    draft: str | None = None,
) -> Receipt:
    """Write what ``proposal`` has accepted; nothing unless every row is valid or ``skip_invalid``."""
    if proposal.problems and not skip_invalid:
        raise InvalidRecords([str(p) for p in proposal.problems])
    files = record_files(proposal)
    if not files:
        raise InvalidRequest(
            f"{proposal.source}: nothing is accepted, so there is nothing to write", code="nothing_accepted"
        )
    when = dt.date.today().isoformat()
    header = f"Imported from {proposal.source} on {when}; review it like the curated records."
    batch = batch_name(proposal.source, files)
    with workspace.locked():
        return commit(store, data_dir, workspace.journal, batch, files, header, draft=draft)


def undo_last(store: GraphStore, data_dir: Path, workspace: Workspace) -> tuple[Receipt, Counts]:
    """Take back the last accepted write on record; its draft, if any, opens again (first: killed
    between the two, the draft is open beside its import, which accepting again leaves as it is)."""
    with workspace.locked():
        entry = workspace.journal.last()
        if entry.receipt.store != store.name:
            raise InvalidRequest(
                f"the last import went into the {entry.receipt.store} store, not this {store.name} store",
                code="undo_other_store",
                params={"store": entry.receipt.store},
            )
        draft = None
        if entry.draft is not None:
            with contextlib.suppress(NotFound):  # the draft was deleted meanwhile: nothing to reopen
                draft = workspace.draft(entry.draft)
                workspace.save(draft.model_copy(update={"status": "open", "receipt": None}))
        try:
            counts = undo(store, data_dir, workspace.journal, entry)
        except BaseException:
            if draft is not None:
                with contextlib.suppress(GraphappError):
                    workspace.save(draft)
            raise
    return entry.receipt, counts


def batch_name(source: str, files: Sequence[tuple[str, object]]) -> str:
    """``<source stem>-<8 hex>``: the same file with the same decisions gives the same batch."""
    digest = hashlib.sha1(json.dumps(list(files), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:8]
    stem = slugify(PurePath(source.split(" + ")[0]).stem)[:40] or "import"
    return f"{stem}-{digest}"
