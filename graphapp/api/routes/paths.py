"""Shortest paths between two nodes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from graphapp.api.deps import StoreDep, call_store
from graphapp.api.schemas import PathsOut, json_response
from graphapp.model import RelType, Subgraph
from graphapp.store.protocol import MAX_PATH_LENGTH

router = APIRouter(prefix="/api", tags=["paths"])


@router.get("/paths", response_model=PathsOut, summary="Shortest paths between two nodes")
async def paths(
    store: StoreDep,
    start: Annotated[str, Query(min_length=1, max_length=300, description="Id of the first node.")],
    end: Annotated[str, Query(min_length=1, max_length=300, description="Id of the second node.")],
    max_length: Annotated[int, Query(ge=1, le=MAX_PATH_LENGTH, description="Longest path, in relationships.")] = 6,
    rel_type: Annotated[list[RelType] | None, Query(alias="type", description="Only these relationship types.")] = None,
) -> Response:
    """Every shortest path (ignoring direction), sorted, at most 10; none when the
    shortest is longer than ``max_length``."""
    types = frozenset(rel_type) if rel_type else None
    found = await call_store(store, store.shortest_paths, start, end, max_length, types)
    paths_out = [Subgraph(p.nodes, p.relationships).as_dict() for p in found]
    return json_response({"length": found[0].length if found else None, "paths": paths_out})
