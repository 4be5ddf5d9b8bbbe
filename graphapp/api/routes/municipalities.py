"""The municipality collaboration projection: who shares projects with whom."""

from __future__ import annotations

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Path, Query

from graphapp.analysis.projection import collaboration_projection, municipality_partners
from graphapp.api.deps import CacheDep, StoreDep
from graphapp.api.schemas import GraphOut, NodeOut, PartnersOut, RelationshipOut, node_out
from graphapp.model import DerivedType, Label

router = APIRouter(prefix="/api", tags=["municipalities"])


@router.get("/municipalities/{node_id:path}/partners", response_model=PartnersOut, summary="Partner municipalities")
def partners(
    store: StoreDep,
    cache: CacheDep,
    node_id: Annotated[str, Path(description="A municipality id such as 'municipality:0780'.")],
) -> PartnersOut:
    """The municipalities that share projects with this one, most shared first, with the projects."""
    municipality = store.get_node(node_id)
    rows = municipality_partners(cache.graph(), node_id)
    return PartnersOut.model_validate({"municipality": node_out(municipality).model_dump(), "partners": rows})


@router.get("/projection", response_model=GraphOut, summary="Municipalities joined by shared projects")
def projection(
    store: StoreDep,
    cache: CacheDep,
    county: Annotated[
        str | None, Query(pattern=r"^(county:)?\d{2}$", description="Only links touching this county's municipalities.")
    ] = None,
) -> GraphOut:
    """Relationships of type SHARES_PROJECTS with ``weight`` (shared projects) and
    ``projects`` (their ids); each municipality's ``projects`` property counts the
    projects it is in."""
    code = county.removeprefix("county:") if county else None
    if code is not None:
        store.get_node(f"county:{code}")
    graph = cache.graph()
    shared = cache.memo("projection", collaboration_projection)
    return _projection_out(graph, shared, code)


def _projection_out(graph: nx.MultiDiGraph[str], shared: nx.Graph[str], county: str | None) -> GraphOut:
    def in_county(node: str) -> bool:
        return county is None or shared.nodes[node].get("county_code") == county

    edges = sorted(
        (tuple(sorted((u, v))), attrs) for u, v, attrs in shared.edges(data=True) if in_county(u) or in_county(v)
    )
    ids = {node for (u, v), _ in edges for node in (u, v)} | {n for n in shared.nodes if in_county(n)}
    nodes = []
    for node_id in sorted(ids):
        attrs = graph.nodes[node_id]
        props = {k: v for k, v in attrs.items() if k not in ("label", "name")}
        props["projects"] = shared.nodes[node_id].get("projects", 0)
        name = attrs.get("name", node_id)
        nodes.append(NodeOut(id=node_id, kind=Label.MUNICIPALITY.kind, name=name, properties=props))
    rels = [
        RelationshipOut(
            type=DerivedType.SHARES_PROJECTS.value,
            start=u,
            end=v,
            properties={"weight": a["weight"], "projects": list(a["projects"])},
        )
        for (u, v), a in edges
    ]
    return GraphOut(nodes=nodes, relationships=rels, truncated=False)
