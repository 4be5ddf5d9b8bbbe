"""Time: the projects of a selection over the years (a timeline), and an actor's history.

Included before the nodes router: ``/api/nodes/{id}/history`` would otherwise be read as a
node whose id ends in ``/history``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graphapp.analysis.timeline import Group, actor_history, project_timeline
from graphapp.api.deps import ProjectFiltersDep, StoreDep, call_store
from graphapp.api.schemas import ActorHistoryOut, TimelineOut, json_response
from graphapp.errors import InvalidRequest
from graphapp.model import ACTOR_LABELS

router = APIRouter(prefix="/api", tags=["time"])


@router.get("/timeline", response_model=TimelineOut, summary="Projects over the years, with their lineage")
def timeline(
    store: StoreDep,
    filters: ProjectFiltersDep,
    group: Annotated[Group, Query(description="Rows by the project's owner, fund or county.")] = "owner",
) -> Response:
    """The projects the filters select with their periods (ISO text of the precision known) in rows, their
    BUILDS_ON and COLLABORATES_WITH links in their true direction, and the projects without a period apart."""
    return json_response(project_timeline(store, filters, group))


@router.get("/nodes/{node_id:path}/history", response_model=ActorHistoryOut, summary="How an actor's network grew")
async def history(
    store: StoreDep,
    node_id: Annotated[str, Path(description="An actor id such as 'municipality:1766'.")],
) -> Response:
    """An actor's projects per year and the partners it gained each year (with its first shared project)."""
    node = await call_store(store, store.get_node, node_id)
    if node.label not in ACTOR_LABELS:
        raise InvalidRequest(f"{node_id!r} is a {node.kind}: only an actor (municipality, agency …) has one")
    return json_response(await call_store(store, actor_history, store, node_id))
