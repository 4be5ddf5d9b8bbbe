"""Curated records: the file schema, the reference tables, and the loader."""

from graphapp.records.loader import load_dataset, merge_record_files, parse_record_file, record_file_graph
from graphapp.records.reference import reference_graph
from graphapp.records.schema import RecordFile

__all__ = [
    "RecordFile",
    "load_dataset",
    "merge_record_files",
    "parse_record_file",
    "record_file_graph",
    "reference_graph",
]
