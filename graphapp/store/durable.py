"""Writes that survive a restart: accepted record files into the configured store.

A database server (Neo4j) keeps what is loaded into it. The embedded store lives in
this process's memory, so every write it accepts is also kept as record files under
``<data dir>/imports/<batch>/``, which it loads at start (and ``graphapp load`` loads
with the curated records). Either way a write is validated exactly like
``graphapp load`` (:func:`~graphapp.records.parse_record_file`, then
:func:`~graphapp.records.merge_record_files` against the nodes the store holds), is
all or nothing, and returns a :class:`Receipt` of what it added, which :func:`undo`
takes back.

Rules of a write: the project of each file must be new or agree with every field the
store holds for it (a file that gives fewer fields is completed from the store); any
other node the store holds already is referred to, not declared again; a relationship
the store holds must keep its role and amount (a write adds sources, it does not change
facts). Writing the same batch twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graphapp.errors import Conflict, InvalidRecords
from graphapp.model import GraphData, Node, Relationship, RelType
from graphapp.records.loader import IMPORTS_FOLDER, merge_record_files, parse_record_file, record_file_graph
from graphapp.records.placement import county_of
from graphapp.records.proposal import record_yaml
from graphapp.records.schema import RecordFile
from graphapp.store.protocol import Counts, GraphStore

__all__ = ["Receipt", "commit", "imports_dir", "undo"]


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
    #: links of the write's documents, which every record file adds, are not counted
    relationships: int = 0
    unchanged: bool = False  #: the same batch was written before: nothing changed


#: Relationships a write adds beside those its records declare (provenance, and counties by placement), which
#: its count leaves out, so that the command line, the API and the curator's page count a file alike.
_DERIVED_TYPES = frozenset({RelType.DESCRIBED_IN, RelType.IN_COUNTY})


def imports_dir(data_dir: Path) -> Path:
    return data_dir / IMPORTS_FOLDER


def commit(
    store: GraphStore,
    data_dir: Path,
    batch: str,
    records: Sequence[tuple[str, dict[str, Any]]],
    header: str,
    *,
    as_written: bool = False,
) -> Receipt:
    """Validate ``records`` (``(file name, record mapping)``) and write them into ``store``,
    keeping them as files under ``imports/<batch>/`` when the store is not persistent.

    ``as_written``: the records are a person's (``POST /api/records``), so a node the store holds
    must be declared exactly as it is held; otherwise (proposals of files the app read) a node
    the store holds is referred to, and the store's declaration stands.

    Raises :class:`~graphapp.errors.InvalidRecords` with every problem of every file, and
    :class:`~graphapp.errors.Conflict` when the batch was written before with other contents
    or the imports folder cannot be written.
    """
    folder = None if store.persistent else _writable(imports_dir(data_dir)) / batch
    earlier = _declared_in(folder) if folder is not None and folder.is_dir() else set()
    mentioned = {i for _, record in records for i in _ids(record)}
    held = {node.id: node for node in store.find_nodes(mentioned)}
    # the counties the actors are placed in (graphapp.records.placement), which no record names
    placed = {county for node in held.values() if (county := county_of(node)) is not None}
    held.update({node.id: node for node in store.find_nodes(placed - held.keys())})
    known = set(held) - earlier
    referred = {} if as_written else {i: held[i] for i in known}
    texts = {name: record_yaml(_referring(record, referred), header) for name, record in records}
    origin = f"{IMPORTS_FOLDER}/{batch}"
    parsed = _parse(texts, origin)
    graph = merge_record_files(GraphData({i: n for i, n in held.items() if i in known}), parsed)
    declared = {n.id for _, record in parsed for n in record_file_graph(record)[0]}
    data = GraphData({i: graph.nodes[i] for i in sorted(declared)}, graph.relationships)
    stored = {r.key: r for r in store.find_relationships(list(data.relationships))}
    _check_facts(origin, data.relationships.values(), stored)
    receipt = Receipt(
        batch=batch,
        store=store.name,
        when=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        files=sorted(texts),
        projects=sorted(record.project.id for _, record in parsed),
        nodes=sorted(i for i in declared if i not in held),
        sources=_added_sources(data.relationships.values(), stored),
        relationships=sum(1 for rel in data.relationships.values() if rel.type not in _DERIVED_TYPES),
    )
    if folder is None and not receipt.nodes and not receipt.sources:
        return receipt.model_copy(update={"unchanged": True})  # the database holds all of it already
    if folder is not None:
        receipt.folder = folder.relative_to(data_dir).as_posix()
        if folder.is_dir():
            if _same_files(folder, texts):
                return receipt.model_copy(update={"nodes": [], "sources": [], "unchanged": True})
            raise Conflict(
                f"{receipt.folder} holds an earlier import of {batch} with other contents: "
                "undo that import (or delete the folder and restart) before importing it again"
            )
        _write_folder(folder, texts)
    try:
        store.load(data)
    except BaseException:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return receipt


def undo(store: GraphStore, data_dir: Path, receipt: Receipt) -> Counts:
    """Take back what ``receipt``'s write added, and delete its record files."""
    counts = store.retract(receipt.nodes, {(s, t, e): taken for s, t, e, taken in receipt.sources})
    if receipt.folder is not None:
        folder = (data_dir / receipt.folder).resolve()
        if folder.is_relative_to(imports_dir(data_dir).resolve()) and folder.is_dir():
            shutil.rmtree(folder)
    return counts


def _writable(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _not_writable(folder, exc.strerror or str(exc)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _not_writable(folder, "permission denied")
    return folder


def _not_writable(folder: Path, why: str) -> Conflict:
    return Conflict(
        f"the embedded store keeps every write as record files in {folder}, which cannot be written ({why}): "
        "set GRAPHAPP_DATA_DIR to a writable copy of the data folder, or use Neo4j (NEO4J_URI)"
    )


def _ids(record: dict[str, Any]) -> set[str]:
    """The ids a record names: its nodes, the ends of its relationships and the counties of its actors."""
    nodes = record.get("nodes", [])
    ids = {record["project"]["id"], *(n["id"] for n in (*nodes, *record.get("documents", [])))}
    ids |= {f"county:{n['county_code']}" for n in nodes if n.get("county_code")}
    return ids | {end for r in record.get("relationships", []) for end in (r["start"], r["end"])}


def _referring(record: dict[str, Any], known: dict[str, Node]) -> dict[str, Any]:
    """``record`` without declarations of nodes the store holds; its project, when the store holds it
    and the record agrees with every field it gives, declared as the store holds it."""
    project = record["project"]
    held = known.get(project["id"])
    if held is not None and held.name == project.get("name", held.name):
        given = {k: v for k, v in project.items() if k not in ("id", "name", "label")}
        if all(held.properties.get(k) == v for k, v in given.items()):
            project = {"id": held.id, "name": held.name, **held.properties}
    return {**record, "project": project, "nodes": [n for n in record.get("nodes", []) if n["id"] not in known]}


def _parse(texts: dict[str, str], origin: str) -> list[tuple[str, RecordFile]]:
    parsed, problems = [], []
    for name, text in texts.items():
        try:
            parsed.append((f"{origin}/{name}", parse_record_file(text, f"{origin}/{name}")))
        except InvalidRecords as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidRecords(problems)
    return parsed


def _declared_in(folder: Path) -> set[str]:
    """Node ids declared by the record files of an earlier write of the same batch."""
    ids: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            record = parse_record_file(path.read_text(encoding="utf-8"), str(path))
        except (InvalidRecords, OSError, UnicodeDecodeError):
            continue
        ids |= {n.id for n in record_file_graph(record)[0]}
    return ids


def _check_facts(origin: str, rels: Any, stored: dict[tuple[str, str, str], Relationship]) -> None:
    problems = []
    for rel in rels:
        held = stored.get(rel.key)
        if held is None:
            continue
        mine = {k: v for k, v in rel.properties.items() if k not in ("sources", "evidence", "note")}
        theirs = {k: v for k, v in held.properties.items() if k not in ("sources", "evidence", "note")}
        if mine != theirs:
            problems.append(
                f"{origin}: {rel.type.value} {rel.start} -> {rel.end} is already stored with {theirs or 'no role'}, "
                f"not {mine or 'no role'}"
            )
    if problems:
        raise InvalidRecords(problems)


def _added_sources(
    rels: Any, stored: dict[tuple[str, str, str], Relationship]
) -> list[tuple[str, str, str, list[str]]]:
    added = []
    for rel in rels:
        before = set(stored[rel.key].sources) if rel.key in stored else set()
        new = sorted(set(rel.sources) - before)
        if new:
            added.append((rel.start, rel.type.value, rel.end, new))
    return sorted(added)


def _same_files(folder: Path, texts: dict[str, str]) -> bool:
    present = {p.name for p in folder.glob("*.yaml")}
    return present == set(texts) and all((folder / n).read_text(encoding="utf-8") == t for n, t in texts.items())


def _write_folder(folder: Path, texts: dict[str, str]) -> None:
    """All files or none: written into a hidden sibling folder, then renamed into place."""
    unsafe = [n for n in texts if Path(n).name != n or n.startswith(".") or not n.endswith(".yaml")]
    if unsafe:
        raise InvalidRecords([f"{unsafe[0]!r} is not a record file's name"])
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8")
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
