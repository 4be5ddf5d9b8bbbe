"""A draft: what one document proposes, before review.

It turns into the JSON object of ``graphapp extract --json`` and, merged with the
drafts of other documents about the same project, into a record file of the
same schema as ``data/projects/*.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphapp.model import RelType
from graphapp.roles import read_role

__all__ = ["Draft", "DraftNode", "DraftRelationship"]


@dataclass
class DraftNode:
    id: str
    kind: str  # project | municipality | county | agency | organization | fund
    name: str
    properties: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, **self.properties}


@dataclass
class DraftRelationship:
    type: RelType
    start: str
    end: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""
    confidence: float = 0.5
    #: proposed only because the text names the actor: no sentence gives it a part, the curator decides
    mentioned: bool = False

    @property
    def key(self) -> tuple[str, RelType, str]:
        return (self.start, self.type, self.end)

    def to_json(self) -> dict[str, Any]:
        out = {
            "type": self.type.value,
            "start": self.start,
            "end": self.end,
            "properties": dict(self.properties),
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
        }
        if self.mentioned:
            out["mentioned"] = True
        return out


@dataclass
class Draft:
    file: str
    document_id: str
    title: str
    format: str
    project: DraftNode
    url: str | None = None
    nodes: dict[str, DraftNode] = field(default_factory=dict)
    relationships: dict[tuple[str, RelType, str], DraftRelationship] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add_node(self, node: DraftNode) -> DraftNode:
        known = self.nodes.get(node.id)
        if known is None:
            self.nodes[node.id] = node
            return node
        for key, value in node.properties.items():
            known.properties.setdefault(key, value)
        return known

    def relate(self, rel: DraftRelationship) -> None:
        """Add ``rel``; a repeated one keeps the higher confidence and any amount or role it lacked, and a
        relationship a sentence gives replaces one proposed only because the text names the actor."""
        if rel.start == rel.end:
            return
        role, rest = read_role(rel.properties.get("role"), rel.type)
        if role is not None or rest is None:  # the vocabulary's code for the extractor's word
            rel.properties = {k: v for k, v in rel.properties.items() if k != "role"} | ({"role": role} if role else {})
        known = self.relationships.get(rel.key)
        if known is None or (known.mentioned and not rel.mentioned):
            self.relationships[rel.key] = rel
            return
        if rel.mentioned:
            return
        for key, value in rel.properties.items():
            known.properties.setdefault(key, value)
        if rel.confidence > known.confidence:
            known.confidence, known.evidence = rel.confidence, rel.evidence or known.evidence

    def remove(self, rel: DraftRelationship) -> None:
        self.relationships.pop(rel.key, None)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def to_json(self) -> dict[str, Any]:
        used = {end for rel in self.relationships.values() for end in (rel.start, rel.end)}
        nodes = [self.project, *(n for n in self.nodes.values() if n.id in used and n.id != self.project.id)]
        document: dict[str, Any] = {"id": self.document_id, "title": self.title, "format": self.format}
        if self.url:
            document["url"] = self.url
        return {
            "file": self.file,
            "document": document,
            "nodes": [n.to_json() for n in nodes],
            "relationships": [r.to_json() for r in self.relationships.values()],
            "warnings": list(self.warnings),
        }
