"""What leaves the API: response models and the one graph payload shape.

Every endpoint that returns a subgraph answers ``GraphOut``:
``{"nodes": [...], "relationships": [...], "truncated": bool}``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graphapp.model import Node, Relationship, Subgraph

__all__ = ["GraphOut", "NodeOut", "RelationshipOut", "graph_out", "node_out", "relationship_out"]


class NodeOut(BaseModel):
    id: str = Field(examples=["municipality:0780"])
    kind: str = Field(examples=["municipality"])
    name: str = Field(examples=["Växjö"])
    properties: dict[str, Any] = Field(default_factory=dict)


class RelationshipOut(BaseModel):
    type: str = Field(examples=["PARTICIPATES_IN"])
    start: str
    end: str
    properties: dict[str, Any] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list, description="ids of the documents this comes from")


class GraphOut(BaseModel):
    nodes: list[NodeOut]
    relationships: list[RelationshipOut]
    truncated: bool = Field(description="true when a limit cut the result")


def node_out(node: Node) -> NodeOut:
    return NodeOut(id=node.id, kind=node.kind, name=node.name, properties=node.properties)


def relationship_out(rel: Relationship) -> RelationshipOut:
    props = {k: v for k, v in rel.properties.items() if k != "sources"}
    return RelationshipOut(type=rel.type.value, start=rel.start, end=rel.end, properties=props, sources=rel.sources)


def graph_out(sub: Subgraph) -> GraphOut:
    return GraphOut(
        nodes=[node_out(n) for n in sub.nodes],
        relationships=[relationship_out(r) for r in sub.relationships],
        truncated=sub.truncated,
    )
