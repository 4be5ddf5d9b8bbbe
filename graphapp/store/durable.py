"""Writes that survive a restart, and a crash: accepted record files into the configured store.

A database server (Neo4j) keeps what is loaded into it. The embedded store lives in
this process's memory, so every write it accepts is also kept as record files under
``<data dir>/imports/<batch>/``, which it loads at start (and ``graphapp load`` loads
with the curated records). Either way a write is validated exactly like
``graphapp load`` (:func:`~graphapp.records.parse_record_file`, the document files,
then :func:`~graphapp.records.merge_record_files` against the nodes the store holds), is
all or nothing, and returns a :class:`Receipt` of what it added, which :func:`undo`
takes back.

A write is crash-safe. Its :class:`~graphapp.store.journal.JournalEntry` is written
first, so every write that becomes visible can be undone; then its record files are
written and flushed into a hidden folder the loader never reads, and renamed into place:
the one step that makes the import visible (:func:`graphapp.store.disk.publish_folder`).
An undo hides the folder in one step too. Killed at any instant, the next start finds the
store exactly as before or exactly as after; :func:`recover` removes what the killed
writer left and reports it in one line. A write that cannot be written (a full disk, a
file-size limit) raises :class:`~graphapp.errors.NotWritten` with nothing changed.

Rules of a write: the project of each file must be new or agree with every field the
store holds for it (a file that gives fewer fields is completed from the store); any
other node the store holds already is referred to, not declared again; a relationship
the store holds must keep its role and amount (a write adds sources, it does not change
facts). Writing the same batch twice changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphapp.errors import Conflict, GraphappError, InvalidRecords, NotWritten, StoreUnavailable
from graphapp.model import GraphData, Node, Relationship, RelType
from graphapp.records.loader import (
    IMPORTS_FOLDER,
    document_file_problems,
    merge_record_files,
    parse_record_file,
    record_file_graph,
)
from graphapp.records.placement import county_of
from graphapp.records.proposal import record_yaml
from graphapp.records.schema import RecordFile
from graphapp.store.disk import hidden_leftovers, hide_folder, publish_folder, writing
from graphapp.store.journal import JOURNAL_FILE, Journal, JournalEntry, Receipt
from graphapp.store.protocol import Counts, GraphStore

__all__ = ["Receipt", "commit", "imports_dir", "recover", "undo"]

log = logging.getLogger(__name__)


#: Relationships a write adds beside those its records declare (provenance, and counties by placement), which
#: its count leaves out, so that the command line, the API and the curator's page count a file alike.
_DERIVED_TYPES = frozenset({RelType.DESCRIBED_IN, RelType.IN_COUNTY})


def imports_dir(data_dir: Path) -> Path:
    return data_dir / IMPORTS_FOLDER


def commit(
    store: GraphStore,
    data_dir: Path,
    journal: Journal,
    batch: str,
    records: Sequence[tuple[str, dict[str, Any]]],
    header: str,
    *,
    as_written: bool = False,
    draft: str | None = None,
) -> Receipt:
    """Validate ``records`` (``(file name, record mapping)``) and write them into ``store``,
    keeping them as files under ``imports/<batch>/`` when the store is not persistent, and
    noting the write in ``journal`` (with the ``draft`` it came from). Call it holding
    ``journal.locked()``.

    ``as_written``: the records are a person's (``POST /api/records``), so a node the store holds
    must be declared exactly as it is held; otherwise (proposals of files the app read) a node
    the store holds is referred to, and the store's declaration stands.

    Raises :class:`~graphapp.errors.InvalidRecords` with every problem of every file,
    :class:`~graphapp.errors.Conflict` when the batch was written before with other contents
    or the imports folder cannot be written, and :class:`~graphapp.errors.NotWritten` when the
    journal or the record files could not be written (nothing was).
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
    _check_names(texts)
    origin = f"{IMPORTS_FOLDER}/{batch}"
    parsed = _parse(texts, origin)
    problems = document_file_problems(data_dir, parsed)
    if problems:
        raise InvalidRecords(problems)
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
    entry = JournalEntry(receipt=receipt, draft=draft)
    journal.append(entry)  # first: every write that becomes visible can be undone
    _write(store, data, folder, texts, journal, entry)
    return receipt


def _write(
    store: GraphStore,
    data: GraphData,
    folder: Path | None,
    texts: dict[str, str],
    journal: Journal,
    entry: JournalEntry,
) -> None:
    """Publish the record files (one rename) and load ``data``; on failure take both back."""
    published = False
    try:
        if folder is not None:
            with writing(f"the import's record files ({entry.receipt.folder})"):
                publish_folder(folder, texts)
            published = True
        store.load(data)
    except BaseException as exc:
        if published and folder is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(hide_folder(folder), ignore_errors=True)
        # The entry stays while the write may be visible: its folder is still there, or the database
        # could not be asked (an entry of a write that never was is harmless: it undoes nothing).
        maybe_visible = journal.in_effect(entry) if folder is not None else isinstance(exc, StoreUnavailable)
        if not maybe_visible:
            with contextlib.suppress(GraphappError):
                journal.remove(entry)
        raise


def undo(store: GraphStore, data_dir: Path, journal: Journal, entry: JournalEntry) -> Counts:
    """Take back what ``entry``'s write added, and its record files, and drop ``entry`` from the
    journal. Call it holding ``journal.locked()``."""
    receipt = entry.receipt
    folder = (data_dir / receipt.folder).resolve() if receipt.folder is not None else None
    hidden = None
    if folder is not None and folder.is_relative_to(imports_dir(data_dir).resolve()) and folder.is_dir():
        with writing(f"the import's folder ({receipt.folder})"):
            hidden = hide_folder(folder)  # the one step that takes the import out of the next start
    try:
        counts = store.retract(receipt.nodes, {(s, t, e): taken for s, t, e, taken in receipt.sources})
    except BaseException:
        if hidden is not None and folder is not None:
            (hidden / folder.name).rename(folder)
        raise
    try:
        journal.remove(entry)
    except NotWritten as exc:
        if journal.in_effect(entry):  # Neo4j: the entry would still offer this undo
            raise NotWritten(f"the import {receipt.batch} was taken back, but {exc.detail}") from None
        log.warning("the import %s was taken back; its journal entry goes at the next start: %s", receipt.batch, exc)
    if hidden is not None:
        shutil.rmtree(hidden, ignore_errors=True)
    return counts


def recover(data_dir: Path, journal: Journal) -> str | None:
    """Tidy up after writes that were interrupted (the process killed): remove the hidden folders
    and files they left, and drop the journal entries of imports that never became visible (or
    were undone). Returns one line saying what was done, or None when there was nothing to do,
    or another process is writing (it holds the lock). Never raises: a start must not fail here.
    """
    imports = imports_dir(data_dir)
    if not journal.path.is_file() and not hidden_leftovers(imports) + hidden_leftovers(journal.folder, JOURNAL_FILE):
        return None  # nothing was ever imported here, or nothing was left: touch nothing
    try:
        with journal.locked(wait=False) as mine:
            if not mine:
                return None
            leftovers = hidden_leftovers(imports) + hidden_leftovers(journal.folder, JOURNAL_FILE)
            for path in leftovers:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            entries = journal.all_entries()
            kept = [e for e in entries if journal.in_effect(e)]
            if len(kept) < len(entries):
                journal.keep_only(kept)
    except (OSError, GraphappError) as exc:
        detail = exc.detail if isinstance(exc, GraphappError) else (exc.strerror or str(exc))
        return f"could not tidy up after an interrupted import: {detail}"
    if not leftovers and len(kept) == len(entries):
        return None
    dropped = [e.receipt.batch for e in entries if e not in kept]
    return (
        f"recovered from an interrupted import: removed {len(leftovers)} unfinished file(s) or folder(s)"
        f" ({', '.join(p.name for p in leftovers) or 'none'}), dropped {len(dropped)} journal entry(ies)"
        f" of imports that were not in place ({', '.join(dropped) or 'none'})"
    )


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
        f"the embedded store keeps every write as record files in the data folder's {folder.name}/, which "
        f"cannot be written ({why}): "
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


def _check_names(texts: dict[str, str]) -> None:
    unsafe = [n for n in texts if Path(n).name != n or n.startswith(".") or not n.endswith(".yaml")]
    if unsafe:
        raise InvalidRecords([f"{unsafe[0]!r} is not a record file's name"])
