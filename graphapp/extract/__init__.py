"""Extraction: turn project documents into draft graph records for review.

``read_document`` (a file of any supported format -> text) -> ``extract_text`` (text ->
:class:`Draft`) -> ``draft_record`` (drafts of one project -> a record file) -> ``diff_records``.
:class:`Resolver` maps a name to a node id (or says it cannot); spreadsheet import shares it.
``evaluate`` scores the extraction against hand-made gold annotations.
"""

from graphapp.extract.diff import diff_records, find_curated
from graphapp.extract.draft import Draft, DraftNode, DraftRelationship
from graphapp.extract.gazetteer import Gazetteer, load_gazetteer
from graphapp.extract.pipeline import extract_text
from graphapp.extract.readers import SourceText, UnreadableDocument, read_document
from graphapp.extract.record_file import draft_record, record_yaml
from graphapp.extract.resolver import Resolution, Resolver

__all__ = [
    "Draft",
    "DraftNode",
    "DraftRelationship",
    "Gazetteer",
    "Resolution",
    "Resolver",
    "SourceText",
    "UnreadableDocument",
    "diff_records",
    "draft_record",
    "extract_text",
    "find_curated",
    "load_gazetteer",
    "read_document",
    "record_yaml",
]
