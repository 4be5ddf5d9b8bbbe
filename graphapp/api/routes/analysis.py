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
#: The most nodes per measure a request may ask for; the whole network's are kept for it.
MAX_TOP = 200
#: The name the whole network's metrics are kept under (see ``StoreCache.kept``).
WHOLE_NETWORK_METRICS = "metrics"


@router.get("/metrics", response_model=MetricsOut, summary="Centralities and communities")
def metrics(
    store: StoreDep,
    cache: CacheDep,
    selection: FiltersDep,
    top: Annotated[int, Query(ge=1, le=MAX_TOP, description="Nodes per centrality measure.")] = 20,
) -> MetricsOut:
    """Degree, betweenness (sampled on large graphs, seeded) and eigenvector centrality,
    and Louvain communities (seed 0), over the whole network or the filtered part. The
    whole network's are computed once per change of the network and kept."""
    if selection.whole:
        kept = cache.kept(WHOLE_NETWORK_METRICS)
        return MetricsOut.model_validate(
            {key: value[:top] if key in _MEASURES else value for key, value in kept.items()}
        )
    graph = subgraph_to_networkx(store.subgraph(selection.filters, MAX_METRICS_NODES))
    return MetricsOut.model_validate(_metrics(graph, top))


@router.get("/brokers", response_model=BrokersOut, summary="Actors that connect otherwise unconnected counties")
def brokers(cache: CacheDep, top: Annotated[int, Query(ge=1, le=200)] = 20) -> BrokersOut:
    """Actors that are the only link between pairs of counties, most pairs first."""
    return BrokersOut.model_validate({"brokers": cache.memo(("brokers", top), lambda g: find_brokers(g, top))})


def whole_network_metrics(graph: nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The metrics of ``graph`` for the largest ``top``: a smaller one is a prefix of each list."""
    return _metrics(graph, MAX_TOP)


_MEASURES = frozenset({"degree", "betweenness", "eigenvector"})


def _metrics(graph: nx.MultiDiGraph[str], top: int) -> dict[str, Any]:
    return {**centralities(graph, top), "communities": communities(graph, seed=0)}
