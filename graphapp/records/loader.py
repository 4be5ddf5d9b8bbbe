"""Read a data directory into one validated :class:`~graphapp.model.GraphData`.

``reference/*.csv`` gives municipalities, counties, agencies and funds;
``projects/*.yaml`` gives the curated records and ``imports/*/*.yaml`` the
imported ones (spreadsheets, the curator's page, ``POST /api/records``); the seed network's
folder gives the first two, the user's data folder its own records. Every problem in every file is
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
from pydantic import BaseModel, ValidationError

from graphapp.dates import PartialDate, stored
from graphapp.errors import InvalidRecords
from graphapp.model import (
    PROVENANCE_KEYS,
    UNATTRIBUTED_GRANT,
    GraphData,
    Label,
    Node,
    Relationship,
    RelType,
    label_of_id,
    united_provenance,
)
from graphapp.records.placement import actor_placements, project_placements
from graphapp.records.reference import reference_graph
from graphapp.records.schema import RecordFile

__all__ = [
    "CURATED_FOLDER",
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
#: Where curated record files are, in the seed network's folder and the user's.
CURATED_FOLDER = "projects"


_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built with it


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe YAML that leaves dates as text, so the schema parses them and names the field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(\+46[\s-]?|0)\d{1,3}[\s-]\d{2,3}[\s-]?\d{2}[\s-]?\d{2,3}(?![\w-])")


def load_dataset(
    data_dir: Path, progress: Callable[[Iterable[Path]], Iterable[Path]] = iter, *, seed_dir: Path | None = None
) -> GraphData:
    """The reference tables and every record file of ``data_dir``, merged and checked.

    ``seed_dir``, when it is another folder, is the network ``data_dir`` adds to: its reference
    tables and its curated ``projects/`` are read, and ``data_dir`` gives its own record files
    (``projects/`` and ``imports/``; none while it does not exist yet). A record's document ``file``
    is a path under the folder of its record file. ``progress`` wraps the iteration over record
    files (the CLI passes a progress bar).
    """
    seed = seed_dir or data_dir
    if not seed.is_dir():
        variable = "GRAPHAPP_SEED_DIR" if seed_dir else "GRAPHAPP_DATA_DIR"
        raise InvalidRecords([f"{seed}: no such data folder (set {variable})"])
    graph = reference_graph(seed / "reference")
    roots = {path: data_dir for path in record_file_paths(data_dir)}
    if seed.resolve() != data_dir.resolve():
        roots = {path: seed for path in sorted((seed / CURATED_FOLDER).glob("*.yaml"))} | roots
    problems: list[str] = []
    parsed: dict[Path, list[tuple[str, RecordFile]]] = {}
    for path in progress(list(roots)):
        try:
            record = parse_record_file(path.read_text(encoding="utf-8"), _display(path))
            parsed.setdefault(roots[path], []).append((_display(path), record))
        except InvalidRecords as exc:
            problems.extend(exc.problems)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{_display(path)}: cannot read: {exc}")
    for root, records in parsed.items():
        problems += document_file_problems(root, records)
    if problems:
        raise InvalidRecords(problems)
    return merge_record_files(graph, [item for records in parsed.values() for item in records])


def record_file_paths(data_dir: Path) -> list[Path]:
    """The record files of ``data_dir``: the curated ``projects/*.yaml``, then the imported
    ``imports/<batch>/*.yaml`` (written by ``graphapp import`` and the curator's page).

    Hidden names (``.…``) are never read: an import is written into a hidden folder and
    renamed into place in one step (:mod:`graphapp.store.disk`), so what a killed writer
    leaves behind is never loaded."""
    curated = (data_dir / CURATED_FOLDER).glob("*.yaml")
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
    """The nodes and relationships one record file declares, plus its DESCRIBED_IN links and
    the ``IN_COUNTY`` of the actors it declares (:mod:`graphapp.records.placement`).

    A project's ``grant_sek`` (record files before the grant moved onto ``FUNDS``) becomes the
    ``amount_sek`` of the project's one ``FUNDS`` relationship (the schema refuses a file where
    they disagree); a project with no ``FUNDS`` in its file keeps it as ``unattributed_grant_sek``:
    its source does not say which fund gave it."""
    grant = record.project.grant_sek
    funds = [r for r in record.relationships if r.type is RelType.FUNDS and r.end == record.project.id]
    project = {k: v for k, v in _fields(record.project).items() if k != "grant_sek"}
    if grant is not None and not funds:
        project[UNATTRIBUTED_GRANT] = grant
    nodes = [_node(project)]
    nodes += [_node(_fields(d), Label.DOCUMENT) for d in record.documents]
    declared = [_node(_fields(n)) for n in record.nodes]
    nodes += declared
    rels = [
        Relationship(RelType.DESCRIBED_IN, record.project.id, doc.id, {"sources": [doc.id]}) for doc in record.documents
    ]
    for rel in record.relationships:
        props = rel.model_dump(exclude_none=True, exclude={"type", "start", "end", "sources"})
        if grant is not None and funds == [rel]:
            props.setdefault("amount_sek", grant)
        props.update(united_provenance({"sources": rel.documents, "evidence": rel.evidence}))
        rels.append(Relationship(rel.type, rel.start, rel.end, props))
    documents = [doc.id for doc in record.documents]
    return nodes, rels + actor_placements(declared, rels[len(documents) :], documents)


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
    for placed in project_placements(graph.nodes, (rel for _, rel in pending)):
        _add_relationship(graph, placed)
    return graph


def _add_relationship(graph: GraphData, rel: Relationship) -> str | None:
    known = graph.relationships.get(rel.key)
    if known is None:
        graph.relationships[rel.key] = rel
        return None
    mine = {k: v for k, v in rel.properties.items() if k not in PROVENANCE_KEYS}
    theirs = {k: v for k, v in known.properties.items() if k not in PROVENANCE_KEYS}
    if mine != theirs:
        return f"{rel.type.value} {rel.start} -> {rel.end} is declared twice with different properties"
    united = united_provenance(known.properties, rel.properties) if known.sources or rel.sources else {}
    graph.relationships[rel.key] = Relationship(rel.type, rel.start, rel.end, {**mine, **united})
    return None


def _fields(record: BaseModel) -> dict[str, Any]:
    """The fields of a record that are set, as their values (a date stays a PartialDate; model_dump would not)."""
    return {name: value for name in type(record).model_fields if (value := getattr(record, name)) is not None}


def _node(fields: dict[str, Any], label: Label | None = None) -> Node:
    node_id = fields.pop("id")
    fields.pop("label", None)
    label = label or label_of_id(node_id)
    if label is None:  # the schema's id pattern makes this unreachable for valid records
        raise InvalidRecords([f"{node_id}: unknown id prefix"])
    name = fields.pop("title") if label is Label.DOCUMENT else fields.pop("name")
    props: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, PartialDate):
            props.update(stored(key, value))  # a date value, with its precision unless known to the day
        else:
            props[key] = getattr(value, "value", value)
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
        elif part not in ("Project", "Agency", "Organization", "DocumentId", "SourceRecord"):  # discriminator tags
            out += f".{part}" if out else str(part)
    return out


def _line(tree: yaml.Node | None, loc: tuple[Any, ...]) -> int:
    node = tree
    key_line: int | None = None  #: the line of the last key, when its value is an alias
    for part in loc:
        key_line = None
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
            if found is not None:
                key, node = found
                if node.start_mark.line < key.start_mark.line:  # an alias (*doc) is its anchor's node
                    key_line = int(key.start_mark.line)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    if key_line is not None:
        return key_line + 1
    return node.start_mark.line + 1 if node is not None else 1


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
