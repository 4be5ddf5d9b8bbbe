"""Drafts to record files of the same schema as ``data/projects/*.yaml``.

Nodes the reference tables already hold (municipalities, counties, national
agencies, funds) are not declared; each source of a relationship carries its evidence
(``{document, evidence}``), and the confidence goes into the relationship's ``note``. An
actor the text only names (``mentioned``) waits for a curator's decision and is left out
of the file.
"""

from __future__ import annotations

from typing import Any

import yaml

from graphapp.extract.draft import Draft, DraftNode

__all__ = ["draft_record", "group_by_project", "record_yaml"]

_REFERENCE_KINDS = {"municipality", "county", "fund"}
_PROJECT_FIELDS = ("start", "end", "phase", "programme_area", "esf_region", "grant_sek", "total_budget_sek")
_DATES = ("start", "end")


def _declared(node: DraftNode, reference_ids: set[str]) -> dict[str, Any] | None:
    if node.kind in _REFERENCE_KINDS or node.id in reference_ids:
        return None
    if node.kind == "project":
        return {"label": "Project", "id": node.id, "name": node.name}
    if node.kind == "agency":
        out: dict[str, Any] = {
            "label": "Agency",
            "id": node.id,
            "name": node.name,
            "kind": node.properties.get("agency_kind", "agency"),
        }
    else:
        out = {
            "label": "Organization",
            "id": node.id,
            "name": node.name,
            "kind": node.properties.get("org_kind", "unknown"),
        }
        if node.properties.get("resolved") is False:
            out["resolved"] = False
    if node.properties.get("county_code"):
        out["county_code"] = node.properties["county_code"]
    return out


def draft_record(drafts: list[Draft], reference_ids: set[str]) -> dict[str, Any]:
    """One record (a plain mapping) from the drafts of documents about one project."""
    first = drafts[0]
    project: dict[str, Any] = {"id": first.project.id, "name": first.project.name}
    for draft in drafts:
        for key in _PROJECT_FIELDS:
            value = draft.project.properties.get(key)
            if value is None:
                continue
            if key in _DATES and len(str(value)) > len(str(project.get(key, ""))):
                project[key] = value  # the most precise of the documents' dates: a day over a month or a year
            project.setdefault(key, value)
    documents = list({d.document_id: _document(d) for d in drafts}.values())  # the same text in two formats
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[tuple[str, str, str], dict[str, Any]] = {}
    for draft in drafts:
        claimed = [rel for rel in draft.relationships.values() if not rel.mentioned]  # a mention awaits a decision
        for node in draft.nodes.values():
            declared = _declared(node, reference_ids)
            used = any(node.id in (r.start, r.end) for r in claimed)
            if declared and used and node.id != project["id"]:
                nodes.setdefault(node.id, declared)
        for rel in claimed:
            _add_relationship(rels, rel.to_json(), draft.document_id)
    return {
        "project": project,
        "documents": documents,
        "nodes": list(nodes.values()),
        "relationships": list(rels.values()),
    }


def group_by_project(drafts: list[Draft]) -> dict[str, list[Draft]]:
    """Drafts grouped by project id: documents about one project become one record."""
    groups: dict[str, list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(draft.project.id, []).append(draft)
    return groups


def _document(draft: Draft) -> dict[str, Any]:
    out: dict[str, Any] = {"id": draft.document_id, "title": draft.title, "format": draft.format}
    if draft.url:
        out["url"] = draft.url
    return out


def _add_relationship(rels: dict[tuple[str, str, str], dict[str, Any]], rel: dict[str, Any], source: str) -> None:
    key = (rel["start"], rel["type"], rel["end"])
    cited: str | dict[str, str] = {"document": source, "evidence": rel["evidence"]} if rel["evidence"] else source
    known = rels.get(key)
    if known:
        if all((s if isinstance(s, str) else s["document"]) != source for s in known["sources"]):
            known["sources"].append(cited)
        for field in ("role", "amount_sek"):
            if field in rel["properties"]:
                known.setdefault(field, rel["properties"][field])
        return
    out: dict[str, Any] = {"type": rel["type"], "start": rel["start"], "end": rel["end"]}
    out.update({k: v for k, v in rel["properties"].items() if k in ("role", "amount_sek")})
    out["sources"] = [cited]
    out["note"] = f"draft (confidence {rel['confidence']:.2f})"
    rels[key] = out


def record_yaml(record: dict[str, Any], warnings: list[str]) -> str:
    header = "# Draft written by `graphapp extract`: review every line before committing.\n"
    header += "".join(f"# warning: {w}\n" for w in warnings)
    return header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120)
