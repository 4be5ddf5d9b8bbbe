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

from fastapi import APIRouter, Body, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from graphapp.api.auth import CuratorDep
from graphapp.api.deps import CacheDep, SettingsDep, StoreDep
from graphapp.config import Settings
from graphapp.curation import ACCEPTED_SUFFIXES, Draft, Workspace, accept, propose, undo_last
from graphapp.curation.documents import sentences
from graphapp.curation.editing import Edit, apply_edit
from graphapp.errors import Conflict, ContentTooLarge, UnprocessableContent, UnsupportedMediaType
from graphapp.sheets import Resolver
from graphapp.store import GraphStore
from graphapp.textnorm import visible
from graphapp.views.messages import note_text

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
            "reach only one: serve with one worker (GRAPHAPP_WORKERS=1) or on Neo4j to import",
            code="several_workers",
            params={"workers": settings.workers},
        )
    return store


WritableDep = Annotated[GraphStore, Depends(writable)]
#: The language of the page that asks: its notes, problems and answers to errors in its words (else English).
LangQuery = Annotated[Literal["sv", "en"] | None, Query(description="Word notes, problems and errors in sv or en")]


def workspace(settings: SettingsDep) -> Workspace:
    return Workspace(settings.curation_path, settings.data_dir)


WorkspaceDep = Annotated[Workspace, Depends(workspace)]


def resolver(request: Request, settings: SettingsDep) -> Resolver:
    """The gazetteer and reference tables, built on first use and kept by the app."""
    with request.app.state.resolver_lock:
        found: Resolver | None = getattr(request.app.state, "resolver", None)
        if found is None:
            found = request.app.state.resolver = Resolver.load(settings.reference_dir)
        return found


ResolverDep = Annotated[Resolver, Depends(resolver)]


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
def get_draft(
    draft_id: str, _: CuratorDep, space: WorkspaceDep, store: StoreDep, lang: LangQuery = None
) -> dict[str, Any]:
    return _full(space.draft(draft_id), store, lang)


@router.get("/drafts/{draft_id}/text", summary="The text of a draft's document, sentence by sentence")
def get_text(draft_id: str, _: CuratorDep, space: WorkspaceDep) -> dict[str, Any]:
    """The document as the extractor read it (personal data replaced), for choosing evidence beside the draft."""
    proposal = space.draft(draft_id).proposal
    return {
        "documents": [
            {"id": doc_id, "title": proposal.documents.get(doc_id, {}).get("title", ""), "sentences": sentences(text)}
            for doc_id, text in proposal.texts.items()
        ]
    }


@router.post("/drafts/{draft_id}/edits", summary="Decide or edit items of a draft")
def edit_draft(
    draft_id: str,
    _: CuratorDep,
    space: WorkspaceDep,
    store: StoreDep,
    names: ResolverDep,
    edits: Annotated[list[Edit], Body(max_length=1000)],
    lang: LangQuery = None,
) -> dict[str, Any]:
    with space.locked():
        draft = space.draft(draft_id)
        if draft.status != "open":
            raise Conflict("this draft was accepted; undo that import to change it", code="draft_written")
        for item in edits:
            apply_edit(draft.proposal, item, store, names)
        space.save(draft)
    return _full(draft, store, lang)


@router.post("/drafts/{draft_id}/accept", summary="Write what the draft accepts into the store")
def accept_draft(
    draft_id: str,
    _: CuratorDep,
    settings: SettingsDep,
    space: WorkspaceDep,
    store: WritableDep,
    cache: CacheDep,
    options: Annotated[AcceptOptions, Body()] = AcceptOptions(),  # noqa: B008 - a constant default
    lang: LangQuery = None,
) -> dict[str, Any]:
    draft = space.draft(draft_id)
    if draft.status != "open":
        raise Conflict("this draft was accepted already", code="draft_written")
    receipt = accept(store, settings.data_dir, space, draft.proposal, skip_invalid=options.skip_invalid, draft=draft_id)
    cache.invalidate()
    draft.status, draft.receipt = "accepted", receipt
    space.save(draft)
    return {"receipt": receipt.model_dump(), "draft": _full(draft, store, lang)}


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


def _full(draft: Draft, store: GraphStore, lang: str | None = None) -> dict[str, Any]:
    """The draft with its proposals, evidence and decisions; its notes and problems in ``lang`` if asked."""
    proposal = draft.proposal
    held = {n.id for n in store.find_nodes(list(proposal.nodes))}
    nodes = [
        {**n.model_dump(), "resolved": n.resolved, "in_graph": n.id in held or n.known} for n in proposal.nodes.values()
    ]
    rels = [{**r.model_dump(), "key": r.key} for r in proposal.relationships.values()]
    worded = (lambda text: note_text(text, lang)) if lang else (lambda text: text)
    return {
        **_summary(draft),
        "documents": proposal.documents,
        "has_text": bool(proposal.texts),
        "nodes": nodes,
        "relationships": rels,
        "problems": [{**p.model_dump(), "message": worded(p.message), "where": p.where()} for p in proposal.problems],
        "invalid_rows": proposal.invalid_rows,
        "warnings": [worded(w) for w in proposal.warnings],
        "personal_data_dropped": proposal.personal_data_dropped,
        "receipt": draft.receipt.model_dump() if draft.receipt else None,
    }


def _filename(name: str) -> str:
    r"""The upload's own name: its last part, without invisible format characters (a bidi override
    makes ``a\u202evsc.txt`` read as ``atxt.csv``)."""
    base = PurePath(visible(name).replace("\\", "/")).name.strip()
    if not base or any(ord(c) < 32 for c in base) or base.startswith("."):
        raise UnprocessableContent(f"{name!r} is not a file name", code="not_a_file_kind")
    if PurePath(base).suffix.lower() not in ACCEPTED_SUFFIXES:
        raise UnsupportedMediaType(
            f"{base}: not a kind of file the page takes ({', '.join(sorted(ACCEPTED_SUFFIXES))})",
            code="not_a_file_kind",
        )
    return base


async def _body(request: Request, settings: Settings) -> bytes:
    limit = int(settings.upload_max_mb * 1024 * 1024)
    too_large = ContentTooLarge(
        f"the file is larger than the upload limit of {settings.upload_max_mb:g} MB", code="too_large"
    )
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
        raise UnprocessableContent("the file is empty", code="empty_file")
    return b"".join(chunks)


def _check_kind(name: str, raw: bytes) -> None:
    suffix = PurePath(name).suffix.lower()
    starts = _SNIFF.get(suffix)
    if starts is not None and not raw.startswith(starts):
        raise UnsupportedMediaType(f"{name}: the content is not a {suffix} file", code="not_its_kind")
    if starts is None and b"\x00" in raw[:8192]:
        raise UnsupportedMediaType(
            f"{name}: binary content in a {suffix} file, which should be text", code="not_its_kind"
        )
