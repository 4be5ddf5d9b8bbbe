"""Network metrics (centralities, communities) and brokers between counties."""

from __future__ import annotations

from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query

from graphapp.analysis.brokers import brokers as find_brokers
from graphapp.analysis.centrality import centralities
from graphapp.analysis.communities import communities
from graphapp.analysis.graphs import subgraph_to_networkx
from graphapp.api.deps import CacheDep, FiltersDep, StoreDep
from graphapp.api.schemas import BrokersOut, MetricsOut

router = APIRouter(prefix="/api", tags=["analysis"])

#: Nodes a filtered part of the network may have for metrics.
MAX_METRICS_NODES = 1_000_000


@router.get("/metrics", response_model=MetricsOut, summary="Centralities and communities")
def metrics(
    store: StoreDep,
    cache: CacheDep,
    selection: FiltersDep,
    top: Annotated[int, Query(ge=1, le=200, description="Nodes per centrality measure.")] = 20,
) -> MetricsOut:
    """Degree, betweenness (sampled on large graphs, seeded) and eigenvector centrality,
    and Louvain communities (seed 0), over the whole network or the filtered part."""
    if selection.whole:
        return MetricsOut.model_validate(cache.memo(("metrics", top), lambda graph: _metrics(graph, top)))
    graph = subgraph_to_networkx(store.subgraph(selection.filters, MAX_METRICS_NODES))
    return MetricsOut.model_validate(_metrics(graph, top))


@router.get("/brokers", response_model=BrokersOut, summary="Actors that connect otherwise unconnected counties")
def brokers(cache: CacheDep, top: Annotated[int, Query(ge=1, le=200)] = 20) -> BrokersOut:
    """Actors that are the only link between pairs of counties, most pairs first."""
    return BrokersOut.model_validate({"brokers": cache.memo(("brokers", top), lambda g: find_brokers(g, top))})


def _metrics(graph: nx.MultiDiGraph[str], top: int) -> dict[str, Any]:
    return {**centralities(graph, top), "communities": communities(graph, seed=0)}
