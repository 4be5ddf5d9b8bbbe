"""Import of one curated record file (the JSON form of ``data/projects/*.yaml``).

Authenticated with ``X-API-Key`` (setting ``GRAPHAPP_API_KEY``; unset: imports are
off). The body is validated like a record file on disk, its relationships must join
nodes that are in the store or in the body, and a node it declares that the store
already holds must be declared identically. Loading is idempotent, all or nothing,
and survives a restart (and a crash): on the embedded store the record is kept as a file
under ``data/imports/api-<hash>/`` (:mod:`graphapp.store.durable`), or refused with the
reason. Its ``documents[].file`` must name a file under the data folder whose sha1 is the
document's id, as ``graphapp load`` requires.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

from fastapi import APIRouter, Body, Depends

from graphapp.api.auth import require_api_key
from graphapp.api.deps import CacheDep, SettingsDep
from graphapp.api.routes.curation import WritableDep
from graphapp.api.schemas import ImportOut
from graphapp.curation import Workspace
from graphapp.records.proposal import record_file_name
from graphapp.records.schema import RecordFile
from graphapp.store.durable import commit

router = APIRouter(prefix="/api", tags=["records"])


@router.post(
    "/records",
    response_model=ImportOut,
    summary="Import one curated record file",
    dependencies=[Depends(require_api_key)],
)
def import_records(
    store: WritableDep,
    cache: CacheDep,
    settings: SettingsDep,
    body: Annotated[RecordFile, Body(description="One record file as JSON, the schema of data/projects/*.yaml.")],
) -> ImportOut:
    """Validate, check against the store, load, keep; importing the same file twice changes nothing."""
    record = body.model_dump(mode="json", exclude_none=True)
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    batch = "api-" + hashlib.sha1(text.encode()).hexdigest()[:12]
    name = record_file_name(record["project"]["id"])
    workspace = Workspace(settings.curation_path, settings.data_dir)
    with workspace.locked():
        receipt = commit(
            store,
            settings.data_dir,
            workspace.journal,
            batch,
            [(name, record)],
            "Imported through POST /api/records.",
            as_written=True,
        )
    cache.invalidate()
    counts = store.counts()
    return ImportOut(
        project=body.project.id,
        nodes=1 + len(body.documents) + len(body.nodes),
        relationships=receipt.relationships,
        store_nodes=counts.nodes,
        store_relationships=counts.relationships,
    )
