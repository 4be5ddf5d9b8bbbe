"""Extraction: turn project documents into draft graph records for review.

``read_document`` (bytes -> text) -> ``extract_text`` (text -> :class:`Draft`) ->
``draft_record`` (drafts of one project -> a record file) -> ``diff_records``.
"""

from graphapp.extract.decode import UnreadableDocument, read_document
from graphapp.extract.diff import diff_records, find_curated
from graphapp.extract.draft import Draft, DraftNode, DraftRelationship
from graphapp.extract.gazetteer import Gazetteer, load_gazetteer
from graphapp.extract.pipeline import extract_text
from graphapp.extract.records import draft_record, record_yaml

__all__ = [
    "Draft",
    "DraftNode",
    "DraftRelationship",
    "Gazetteer",
    "UnreadableDocument",
    "diff_records",
    "draft_record",
    "extract_text",
    "find_curated",
    "load_gazetteer",
    "read_document",
    "record_yaml",
]
