"""Exports of the whole network or a filtered part, for Gephi, yEd, neo4j-admin and scripts."""

from __future__ import annotations

import io
from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from graphapp.analysis.graphs import subgraph_to_networkx
from graphapp.api.deps import CacheDep, FiltersDep, StoreDep, TableLangDep
from graphapp.api.downloads import table_response
from graphapp.api.schemas import ExportFormat
from graphapp.exports import csv_zip, node_link_json, write_gexf, write_graphml
from graphapp.table_files import MEDIA_TYPES
from graphapp.views.tables import graph_tables

router = APIRouter(prefix="/api", tags=["exports"])

_MEDIA = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "csv": ("application/zip", "zip"),
    "json": ("application/json", "json"),
    "xlsx": (MEDIA_TYPES["xlsx"], "xlsx"),
}
MAX_EXPORT_NODES = 1_000_000


@router.get(
    "/export",
    summary="Export as GraphML, GEXF, neo4j-admin CSV (zip), node-link JSON or an Excel workbook",
    response_class=Response,
    responses={
        200: {
            "description": "The file, as an attachment.",
            "content": {
                "application/graphml+xml": {"schema": {"type": "string"}},
                "application/gexf+xml": {"schema": {"type": "string"}},
                "application/zip": {"schema": {"type": "string", "format": "binary"}},
                "application/json": {"schema": {"type": "object"}},
                MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def export(
    store: StoreDep,
    cache: CacheDep,
    selection: FiltersDep,
    format: Annotated[
        ExportFormat,
        Query(
            description="graphml, gexf, csv (a zip for neo4j-admin), json, or xlsx (the tables of nodes and "
            "relationships for a spreadsheet program)."
        ),
    ],
    lang: TableLangDep,
) -> Response:
    """Without filters: the whole network, documents and counties included. With
    filters: the subgraph ``GET /api/subgraph`` gives for them.

    The csv zip is for ``neo4j-admin database import``, which would keep a ``'`` put before a
    cell: its cells are the data as they are, formula characters included. Open ``xlsx`` in a
    spreadsheet program."""
    if selection.whole:
        graph = cache.graph()
    else:
        graph = subgraph_to_networkx(store.subgraph(selection.filters, MAX_EXPORT_NODES))
    media_type, extension = _MEDIA[format]
    headers = {"Content-Disposition": f'attachment; filename="graphapp.{extension}"'}
    if format == "json":
        return JSONResponse(node_link_json(graph), headers=headers)
    if format == "xlsx":
        return table_response(graph_tables(graph, lang), "xlsx", lang, "graphapp")
    return Response(_bytes(graph, format), media_type=media_type, headers=headers)


def _bytes(graph: nx.MultiDiGraph[str], format: str) -> bytes:
    if format == "csv":
        return csv_zip(graph)
    out = io.BytesIO()
    (write_graphml if format == "graphml" else write_gexf)(graph, out)
    return out.getvalue()
