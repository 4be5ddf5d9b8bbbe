"""The part of the network around the projects a filter selects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from graphapp.api.deps import FiltersDep, StoreDep
from graphapp.api.schemas import GraphOut, json_response

router = APIRouter(prefix="/api", tags=["subgraph"])


@router.get("/subgraph", response_model=GraphOut, summary="A subgraph by county, fund, years and kinds")
def subgraph(
    store: StoreDep,
    selection: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=20_000, description="At most this many nodes, projects first.")] = 5000,
) -> Response:
    """The projects the filters select (a county's actors take part; the fund funds
    them; their period overlaps the years), their direct neighbours of the given
    kinds, and every relationship among them."""
    return json_response(store.subgraph(selection.filters, limit).as_dict())
