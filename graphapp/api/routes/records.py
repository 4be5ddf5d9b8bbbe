"""Import of one curated record file (the JSON form of ``data/projects/*.yaml``).

Authenticated with ``X-API-Key`` (setting ``GRAPHAPP_API_KEY``; unset: imports are
off). The body is validated like a record file on disk, its relationships must join
nodes that are in the store or in the body, and a node it declares that the store
already holds must be declared identically. Loading is idempotent.
"""

from __future__ import annotations

import json
import secrets
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, HTTPException

from graphapp.api.deps import CacheDep, SettingsDep, StoreDep
from graphapp.api.schemas import ImportOut
from graphapp.errors import Conflict, NotFound
from graphapp.model import GraphData, Node
from graphapp.records import merge_record_files, parse_record_file, record_file_graph
from graphapp.records.schema import RecordFile
from graphapp.store import GraphStore

router = APIRouter(prefix="/api", tags=["records"])


def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The key set in GRAPHAPP_API_KEY.")] = None,
) -> None:
    if settings.api_key is None:
        raise HTTPException(403, "imports are off: set GRAPHAPP_API_KEY on the server to allow them")
    expected = settings.api_key.get_secret_value().encode()
    if x_api_key is None or not secrets.compare_digest(x_api_key.encode(), expected):
        raise HTTPException(401, "a valid X-API-Key header is required", headers={"WWW-Authenticate": "X-API-Key"})


@router.post(
    "/records",
    response_model=ImportOut,
    summary="Import one curated record file",
    dependencies=[Depends(require_api_key)],
)
def import_records(
    store: StoreDep,
    cache: CacheDep,
    settings: SettingsDep,
    body: Annotated[RecordFile, Body(description="One record file as JSON, the schema of data/projects/*.yaml.")],
) -> ImportOut:
    """Validate, check against the store, load; importing the same file twice changes nothing."""
    if not store.waits_on_network and settings.workers > 1:
        raise Conflict(
            f"the embedded store lives in each of the {settings.workers} worker processes and an import would "
            "reach only one: serve with one worker (GRAPHAPP_WORKERS=1) or on Neo4j to import"
        )
    origin = "request body"
    # JSON is YAML: the same checks as a file on disk (personal data, schema).
    record = parse_record_file(json.dumps(body.model_dump(mode="json", exclude_none=True)), origin)
    nodes, rels = record_file_graph(record)
    mentioned = {n.id for n in nodes} | {end for r in rels for end in (r.start, r.end)}
    base = GraphData({node.id: node for node in _existing(store, sorted(mentioned))})
    merged = merge_record_files(base, [(origin, record)])
    declared = {n.id for n in nodes}
    data = GraphData({i: n for i, n in merged.nodes.items() if i in declared}, merged.relationships)
    counts = store.load(data)
    cache.invalidate()
    return ImportOut(
        project=record.project.id,
        nodes=len(data.nodes),
        relationships=len(data.relationships),
        store_nodes=counts.nodes,
        store_relationships=counts.relationships,
    )


def _existing(store: GraphStore, ids: list[str]) -> list[Node]:
    found = []
    for node_id in ids:
        try:
            found.append(store.get_node(node_id))
        except NotFound:
            continue
    return found
