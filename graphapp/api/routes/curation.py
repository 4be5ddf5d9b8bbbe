"""The curation API behind ``/curate``: upload, review, decide, accept, undo.

Every route needs a curator (:mod:`graphapp.api.auth`: the API key, or the page's
session with its CSRF token). Uploads are the file's bytes as the request body with
its name in ``?name=``, at most ``GRAPHAPP_UPLOAD_MAX_MB``, of the kinds
:data:`~graphapp.curation.ACCEPTED_SUFFIXES` names, and their first bytes must fit
their suffix. Drafts and decisions are kept in the curation folder; accepting writes
into the configured store through :func:`graphapp.curation.accept`.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graphapp.api.auth import CuratorDep
from graphapp.api.deps import CacheDep, SettingsDep, StoreDep
from graphapp.config import Settings
from graphapp.curation import ACCEPTED_SUFFIXES, Draft, Workspace, accept, propose, undo_last
from graphapp.errors import Conflict, ContentTooLarge
from graphapp.records.edits import decide, decide_all, locate, merge, set_role
from graphapp.records.proposal import Decision
from graphapp.sheets import Resolver
from graphapp.store import GraphStore
from graphapp.textnorm import visible

__all__ = ["UPLOAD_PATH", "router", "writable"]

router = APIRouter(prefix="/api/curation", tags=["curation"])
#: Where uploads go: the one path whose body may be larger than the API's 1 MB (GRAPHAPP_UPLOAD_MAX_MB).
UPLOAD_PATH = "/api/curation/drafts"
_SNIFF = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",)}


def writable(store: StoreDep, settings: SettingsDep) -> GraphStore:
    """The store, if a write to it can reach every worker and survive a restart."""
    if not store.persistent and settings.workers > 1:
        raise Conflict(
            f"the embedded store lives in each of the {settings.workers} worker processes and a write would "
            "reach only one: serve with one worker (GRAPHAPP_WORKERS=1) or on Neo4j to import"
        )
    return store


WritableDep = Annotated[GraphStore, Depends(writable)]


def workspace(settings: SettingsDep) -> Workspace:
    return Workspace(settings.curation_path, settings.data_dir)


WorkspaceDep = Annotated[Workspace, Depends(workspace)]


def resolver(request: Request, settings: SettingsDep) -> Resolver:
    """The gazetteer and reference tables, built on first use and kept by the app."""
    with request.app.state.resolver_lock:
        found: Resolver | None = getattr(request.app.state, "resolver", None)
        if found is None:
            found = request.app.state.resolver = Resolver.load(settings.data_dir / "reference")
        return found


ResolverDep = Annotated[Resolver, Depends(resolver)]


class Edit(BaseModel):
    """One decision or edit of a draft."""

    action: Literal["decide", "decide_all", "role", "locate", "merge"]
    key: str | None = Field(default=None, description="a relationship's key (start|TYPE|end) or a node's id")
    decision: Decision | None = None
    role: str | None = Field(default=None, max_length=80)
    target: str | None = Field(default=None, description="locate: the municipality's id; merge: the node's id")


class AcceptOptions(BaseModel):
    skip_invalid: bool = Field(default=False, description="write the valid rows and skip those with problems")


@router.get("/drafts", summary="The drafts, newest first")
def list_drafts(_: CuratorDep, space: WorkspaceDep) -> dict[str, Any]:
    entries = space.journal.entries()
    return {
        "drafts": [_summary(d) for d in space.drafts()],
        "last_import": entries[-1].receipt.model_dump() if entries else None,
    }


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "description": "The file's bytes, as they are on disk.",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/drafts", status_code=201, summary="Upload a document or spreadsheet; its drafts", openapi_extra=_UPLOAD_BODY
)
async def upload(
    request: Request,
    _: CuratorDep,
    settings: SettingsDep,
    space: WorkspaceDep,
    names: ResolverDep,
    name: Annotated[str, Query(min_length=1, max_length=200, description="The file's name; its suffix says its kind")],
) -> dict[str, Any]:
    filename = _filename(name)
    raw = await _body(request, settings)
    _check_kind(filename, raw)
    proposals = await run_in_threadpool(propose, [(filename, raw)], names)
    drafts = [space.new_draft(p) for p in proposals]
    return {"drafts": [_summary(d) for d in drafts]}


@router.get("/drafts/{draft_id}", summary="One draft with its proposals, evidence and decisions")
def get_draft(draft_id: str, _: CuratorDep, space: WorkspaceDep, store: StoreDep) -> dict[str, Any]:
    return _full(space.draft(draft_id), store)


@router.post("/drafts/{draft_id}/edits", summary="Decide or edit items of a draft")
def edit_draft(
    draft_id: str,
    _: CuratorDep,
    space: WorkspaceDep,
    store: StoreDep,
    edits: Annotated[list[Edit], Body(max_length=1000)],
) -> dict[str, Any]:
    with space.locked():
        draft = space.draft(draft_id)
        if draft.status != "open":
            raise Conflict("this draft was accepted; undo that import to change it")
        for item in edits:
            _apply(draft, item, store)
        space.save(draft)
    return _full(draft, store)


@router.post("/drafts/{draft_id}/accept", summary="Write what the draft accepts into the store")
def accept_draft(
    draft_id: str,
    _: CuratorDep,
    settings: SettingsDep,
    space: WorkspaceDep,
    store: WritableDep,
    cache: CacheDep,
    options: Annotated[AcceptOptions, Body()] = AcceptOptions(),  # noqa: B008 - a constant default
) -> dict[str, Any]:
    draft = space.draft(draft_id)
    if draft.status != "open":
        raise Conflict("this draft was accepted already")
    receipt = accept(store, settings.data_dir, space, draft.proposal, skip_invalid=options.skip_invalid, draft=draft_id)
    cache.invalidate()
    draft.status, draft.receipt = "accepted", receipt
    space.save(draft)
    return {"receipt": receipt.model_dump(), "draft": _full(draft, store)}


@router.delete("/drafts/{draft_id}", status_code=204, summary="Throw a draft away")
def delete_draft(draft_id: str, _: CuratorDep, space: WorkspaceDep) -> None:
    space.delete(draft_id)


@router.post("/undo", summary="Take back the last accepted import")
def undo(
    _: CuratorDep, settings: SettingsDep, space: WorkspaceDep, store: WritableDep, cache: CacheDep
) -> dict[str, Any]:
    receipt, counts = undo_last(store, settings.data_dir, space)
    cache.invalidate()
    return {"undone": receipt.model_dump(), "store_nodes": counts.nodes, "store_relationships": counts.relationships}


def _apply(draft: Draft, item: Edit, store: GraphStore) -> None:
    proposal = draft.proposal
    if item.action == "decide_all":
        decide_all(proposal, _need(item.decision, "decision"))
    elif item.action == "decide":
        decide(proposal, _need(item.key, "key"), _need(item.decision, "decision"))
    elif item.action == "role":
        set_role(proposal, _need(item.key, "key"), item.role)
    elif item.action == "locate":
        locate(proposal, _need(item.key, "key"), store.get_node(_need(item.target, "target")))
    else:
        merge(proposal, _need(item.key, "key"), store.get_node(_need(item.target, "target")))


def _need(value: Any, what: str) -> Any:
    if value is None:
        raise HTTPException(422, f"this edit needs {what!r}")
    return value


def _summary(draft: Draft) -> dict[str, Any]:
    proposal = draft.proposal
    return {
        "id": draft.id,
        "created": draft.created,
        "status": draft.status,
        "source": proposal.source,
        "kind": proposal.kind,
        "nodes": len(proposal.nodes),
        "relationships": len(proposal.relationships),
        "problems": len(proposal.problems),
    }


def _full(draft: Draft, store: GraphStore) -> dict[str, Any]:
    proposal = draft.proposal
    held = {n.id for n in store.find_nodes(list(proposal.nodes))}
    nodes = [
        {**n.model_dump(), "resolved": n.resolved, "in_graph": n.id in held or n.known} for n in proposal.nodes.values()
    ]
    rels = [{**r.model_dump(), "key": r.key} for r in proposal.relationships.values()]
    return {
        **_summary(draft),
        "documents": proposal.documents,
        "nodes": nodes,
        "relationships": rels,
        "problems": [{**p.model_dump(), "where": p.where()} for p in proposal.problems],
        "invalid_rows": proposal.invalid_rows,
        "warnings": proposal.warnings,
        "personal_data_dropped": proposal.personal_data_dropped,
        "receipt": draft.receipt.model_dump() if draft.receipt else None,
    }


def _filename(name: str) -> str:
    r"""The upload's own name: its last part, without invisible format characters (a bidi override
    makes ``a\u202evsc.txt`` read as ``atxt.csv``)."""
    base = PurePath(visible(name).replace("\\", "/")).name.strip()
    if not base or any(ord(c) < 32 for c in base) or base.startswith("."):
        raise HTTPException(422, f"{name!r} is not a file name")
    if PurePath(base).suffix.lower() not in ACCEPTED_SUFFIXES:
        raise HTTPException(415, f"{base}: not a kind of file the page takes ({', '.join(sorted(ACCEPTED_SUFFIXES))})")
    return base


async def _body(request: Request, settings: Settings) -> bytes:
    limit = int(settings.upload_max_mb * 1024 * 1024)
    too_large = ContentTooLarge(f"the file is larger than the upload limit of {settings.upload_max_mb:g} MB")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    if size == 0:
        raise HTTPException(422, "the file is empty")
    return b"".join(chunks)


def _check_kind(name: str, raw: bytes) -> None:
    suffix = PurePath(name).suffix.lower()
    starts = _SNIFF.get(suffix)
    if starts is not None and not raw.startswith(starts):
        raise HTTPException(415, f"{name}: the content is not a {suffix} file")
    if starts is None and b"\x00" in raw[:8192]:
        raise HTTPException(415, f"{name}: binary content in a {suffix} file, which should be text")
