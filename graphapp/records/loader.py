"""Read a data directory into one validated :class:`~graphapp.model.GraphData`.

``data/reference/*.csv`` gives municipalities, counties, agencies and funds;
``data/projects/*.yaml`` gives the curated records and ``data/imports/*/*.yaml`` the
imported ones (spreadsheets, the curator's page, ``POST /api/records``). Every problem in every file is
collected first and reported together as :class:`~graphapp.errors.InvalidRecords`
(``file:line: field: message``); nothing is returned, so nothing is written,
unless the whole set is valid.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graphapp.errors import InvalidRecords
from graphapp.model import GraphData, Label, Node, Relationship, RelType, label_of_id
from graphapp.records.reference import reference_graph
from graphapp.records.schema import RecordFile

__all__ = [
    "IMPORTS_FOLDER",
    "document_file_problems",
    "load_dataset",
    "merge_record_files",
    "parse_record_file",
    "record_file_graph",
    "record_file_paths",
]

#: Where imported record files go under the data folder, one sub-folder per import.
IMPORTS_FOLDER = "imports"


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built with it


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe YAML that leaves dates as text, so the schema parses them and names the field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(\+46[\s-]?|0)\d{1,3}[\s-]\d{2,3}[\s-]?\d{2}[\s-]?\d{2,3}(?![\w-])")


def load_dataset(data_dir: Path, progress: Callable[[Iterable[Path]], Iterable[Path]] = iter) -> GraphData:
    """The reference tables and every record file of ``data_dir``, merged and checked.

    ``progress`` wraps the iteration over record files (the CLI passes a progress bar).
    """
    if not data_dir.is_dir():
        raise InvalidRecords([f"{data_dir}: no such data folder (set GRAPHAPP_DATA_DIR)"])
    graph = reference_graph(data_dir / "reference")
    files = record_file_paths(data_dir)
    problems: list[str] = []
    parsed: list[tuple[str, RecordFile]] = []
    for path in progress(files):
        try:
            parsed.append((_display(path), parse_record_file(path.read_text(encoding="utf-8"), _display(path))))
        except InvalidRecords as exc:
            problems.extend(exc.problems)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{_display(path)}: cannot read: {exc}")
    problems += document_file_problems(data_dir, parsed)
    if problems:
        raise InvalidRecords(problems)
    return merge_record_files(graph, parsed)


def record_file_paths(data_dir: Path) -> list[Path]:
    """The record files of ``data_dir``: the curated ``projects/*.yaml``, then the imported
    ``imports/<batch>/*.yaml`` (written by ``graphapp import`` and the curator's page).

    Hidden names (``.…``) are never read: an import is written into a hidden folder and
    renamed into place in one step (:mod:`graphapp.store.disk`), so what a killed writer
    leaves behind is never loaded."""
    curated = (data_dir / "projects").glob("*.yaml")
    imported = (data_dir / IMPORTS_FOLDER).glob("*/*.yaml")
    return sorted(p for p in curated if not _hidden(p.name)) + sorted(
        p for p in imported if not _hidden(p.name) and not _hidden(p.parent.name)
    )


def _hidden(name: str) -> bool:
    return name.startswith(".")


def document_file_problems(data_dir: Path, parsed: Iterable[tuple[str, RecordFile]]) -> list[str]:
    """A document's ``file`` must exist under ``data_dir`` and be the text its id is the sha1 of."""
    problems = []
    for origin, record in parsed:
        for index, doc in enumerate(record.documents):
            if doc.file is None:
                continue
            path = (data_dir / doc.file).resolve()
            where = f"{origin}: documents[{index}].file"
            if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
                problems.append(f"{where}: no such file under the data folder: {doc.file}")
            elif doc.id != "document:" + hashlib.sha1(path.read_bytes()).hexdigest():
                problems.append(f"{where}: {doc.file} is not the text of {doc.id} (its sha1 differs)")
    return problems


def parse_record_file(text: str, origin: str) -> RecordFile:
    """Validate one record file's YAML text; ``origin`` names it in messages."""
    try:
        tree, raw = _compose_and_construct(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise InvalidRecords([f"{origin}{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from exc
    if not isinstance(raw, dict):
        raise InvalidRecords([f"{origin}: expected a mapping with project, documents, nodes, relationships"])
    problems = [f"{origin}:{_line(tree, loc)}: {_field(loc)}: {why}" for loc, why in _personal_data(raw)]
    try:
        record = RecordFile.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            problems.append(f"{origin}:{_line(tree, loc)}: {_field(loc) or '(file)'}: {error['msg']}")
        raise InvalidRecords(problems) from None
    if problems:
        raise InvalidRecords(problems)
    return record


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data of one YAML document, parsed once."""
    loader = _Loader(text)
    try:
        tree = loader.get_single_node()
        return tree, (loader.construct_document(tree) if tree is not None else None)
    finally:
        loader.dispose()


def record_file_graph(record: RecordFile) -> tuple[list[Node], list[Relationship]]:
    """The nodes and relationships one record file declares, plus DESCRIBED_IN links."""
    nodes = [_node(record.project.model_dump(exclude_none=True))]
    nodes += [_node(d.model_dump(exclude_none=True), Label.DOCUMENT) for d in record.documents]
    nodes += [_node(n.model_dump(exclude_none=True)) for n in record.nodes]
    rels = [
        Relationship(RelType.DESCRIBED_IN, record.project.id, doc.id, {"sources": [doc.id]}) for doc in record.documents
    ]
    for rel in record.relationships:
        props = rel.model_dump(exclude_none=True, exclude={"type", "start", "end"})
        rels.append(Relationship(rel.type, rel.start, rel.end, props))
    return nodes, rels


def merge_record_files(base: GraphData, files: Iterable[tuple[str, RecordFile]]) -> GraphData:
    """Add record files to ``base``: same id twice must mean the same node, and every
    relationship must join known nodes. Sources of a repeated relationship are united."""
    graph = GraphData(dict(base.nodes), dict(base.relationships))
    origin_of: dict[str, str] = {}
    problems: list[str] = []
    pending: list[tuple[str, Relationship]] = []
    for origin, record in files:
        nodes, rels = record_file_graph(record)
        for node in nodes:
            known = graph.nodes.get(node.id)
            if known is None:
                graph.nodes[node.id] = node
                origin_of[node.id] = origin
            elif known != node:
                where = origin_of.get(node.id, "the reference tables")
                problems.append(f"{origin}: {node.id} is declared differently in {where}")
        pending.extend((origin, rel) for rel in rels)
    for origin, rel in pending:
        missing = [end for end in (rel.start, rel.end) if end not in graph.nodes]
        if missing:
            problems.append(f"{origin}: {rel.type.value} {rel.start} -> {rel.end}: unknown node {missing[0]!r}")
            continue
        problem = _add_relationship(graph, rel)
        if problem:
            problems.append(f"{origin}: {problem}")
    if problems:
        raise InvalidRecords(problems)
    return graph


def _add_relationship(graph: GraphData, rel: Relationship) -> str | None:
    known = graph.relationships.get(rel.key)
    if known is None:
        graph.relationships[rel.key] = rel
        return None
    mine = {k: v for k, v in rel.properties.items() if k != "sources"}
    theirs = {k: v for k, v in known.properties.items() if k != "sources"}
    if mine != theirs:
        return f"{rel.type.value} {rel.start} -> {rel.end} is declared twice with different properties"
    sources = sorted({*known.sources, *rel.sources})
    graph.relationships[rel.key] = Relationship(rel.type, rel.start, rel.end, {**known.properties, "sources": sources})
    return None


def _node(fields: dict[str, Any], label: Label | None = None) -> Node:
    node_id = fields.pop("id")
    fields.pop("label", None)
    label = label or label_of_id(node_id)
    if label is None:  # the schema's id pattern makes this unreachable for valid records
        raise InvalidRecords([f"{node_id}: unknown id prefix"])
    name = fields.pop("title") if label is Label.DOCUMENT else fields.pop("name")
    props = {k: (v.isoformat() if hasattr(v, "isoformat") else getattr(v, "value", v)) for k, v in fields.items()}
    if label is Label.DOCUMENT:
        props["title"] = name
    return Node(node_id, label, name, props)


def _personal_data(raw: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield from _personal_data(value, (*loc, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from _personal_data(value, (*loc, index))
    elif isinstance(raw, str) and loc[-1:] != ("url",):
        if _EMAIL.search(raw):
            yield loc, "looks like an e-mail address; contact persons' details are not stored"
        elif _PHONE.search(raw):
            yield loc, "looks like a phone number; contact persons' details are not stored"


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part not in ("Project", "Agency", "Organization"):  # discriminator tags
            out += f".{part}" if out else str(part)
    return out


def _line(tree: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    node = tree
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    return node.start_mark.line + 1 if node is not None else 1


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
