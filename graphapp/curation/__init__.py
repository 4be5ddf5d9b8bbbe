"""Curation: files in, proposals reviewed, accepted records written, the last write undone."""

from graphapp.curation.service import ACCEPTED_SUFFIXES, accept, batch_name, propose, undo_last
from graphapp.curation.workspace import Draft, JournalEntry, Workspace

__all__ = [
    "ACCEPTED_SUFFIXES",
    "Draft",
    "JournalEntry",
    "Workspace",
    "accept",
    "batch_name",
    "propose",
    "undo_last",
]
