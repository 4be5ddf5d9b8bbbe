"""One node with its degree and sources, and its neighbourhood."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graphapp.api.deps import StoreDep, call_store, kinds_of
from graphapp.api.schemas import GraphOut, Kind, NodeDetailsOut, json_response, node_out
from graphapp.model import RelType
from graphapp.store.protocol import MAX_DEPTH

router = APIRouter(prefix="/api/nodes", tags=["nodes"])

NodeId = Annotated[
    str, Path(description="A node id such as 'municipality:0780' or 'agency:arbetsformedlingen/ljungby'.")
]


# Registered before the node route: `{node_id:path}` would swallow "/neighbours".
@router.get("/{node_id:path}/neighbours", response_model=GraphOut, summary="Neighbours of a node")
async def neighbours(
    store: StoreDep,
    node_id: NodeId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops from the node.")] = 1,
    kind: Annotated[
        list[Kind] | None, Query(description="Only pass through nodes of these kinds (repeatable).")
    ] = None,
    rel_type: Annotated[list[RelType] | None, Query(alias="type", description="Only these relationship types.")] = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="At most this many nodes, nearest first.")] = 200,
) -> Response:
    """Breadth-first, ignoring direction; nodes ordered by (distance, id), cut at ``limit``."""
    types = frozenset(rel_type) if rel_type else None
    found = await call_store(store, store.neighbours, node_id, depth, kinds_of(kind), types, limit)
    return json_response(found.as_dict())


@router.get("/{node_id:path}", response_model=NodeDetailsOut, summary="A node, its degree and source documents")
async def node(store: StoreDep, node_id: NodeId) -> Response:
    details = await call_store(store, store.node_details, node_id)
    sources = [node_out(d) for d in details.sources]
    return json_response(NodeDetailsOut(node=node_out(details.node), degree=details.degree, sources=sources))
