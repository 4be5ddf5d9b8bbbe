"""Search nodes by name: case- and diacritics-insensitive, prefix and fuzzy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from graphapp.api.deps import CacheDep, kinds_of
from graphapp.api.schemas import Kind, SearchHitOut, SearchOut, json_response
from graphapp.search import MAX_QUERY_LENGTH

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchOut, summary="Find nodes by name")
async def search(
    cache: CacheDep,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description="Words of a name: 'vaxjo', 'arbetsf'.")
    ],
    kind: Annotated[list[Kind] | None, Query(description="Only these kinds (repeatable).")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """Every word of ``q`` must match a word of the name (or official name): exactly,
    as a prefix, or fuzzily. Ranked by score, then name."""
    index = cache.built_search_index()
    if index is None:
        index = await run_in_threadpool(cache.search_index)
    hits = index.search(q, kinds_of(kind), limit)
    hits_out = [SearchHitOut(id=h.id, kind=h.kind, name=h.name, score=h.score) for h in hits]
    return json_response(SearchOut(query=q, results=hits_out))
