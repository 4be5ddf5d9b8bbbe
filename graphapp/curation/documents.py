"""A document (pdf, docx, html, txt, md) in, a proposal out, through the extractor's public API.

The upload is written to a temporary file of the same suffix and read by
:func:`graphapp.extract.read_document` (which refuses what it cannot read, with a
message), then :func:`graphapp.extract.extract_text`; its JSON form (the one of
``graphapp extract --json``) becomes a :class:`~graphapp.records.proposal.Proposal`
whose items all wait for the curator's decision. Nothing of the upload is kept but its
text as the extractor read it, with personal data replaced, shown beside the draft so the
curator can choose the evidence of what she adds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath
from typing import Any

from graphapp.extract import UnreadableDocument, extract_text, read_document
from graphapp.extract.privacy import scrub
from graphapp.extract.tokens import SENTENCE_BREAK
from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship
from graphapp.sheets import Resolver
from graphapp.textnorm import slugify

__all__ = ["DOCUMENT_SUFFIXES", "proposal_of", "propose_document", "sentences"]

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".md"})
_LABELS = {
    "project": "Project",
    "municipality": "Municipality",
    "county": "County",
    "agency": "Agency",
    "organization": "Organization",
    "fund": "Fund",
}
_PROJECT_FIELDS = ("summary", "start", "end", "phase", "programme_area", "esf_region", "grant_sek", "total_budget_sek")


def propose_document(name: str, raw: bytes, resolver: Resolver) -> Proposal:
    """The proposal of the document ``name`` (its suffix says the format); raises the extractor's
    ``UnreadableDocument`` for a file it cannot read."""
    suffix = PurePath(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="graphapp-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(raw)
        try:
            source = read_document(path)
        except UnreadableDocument as exc:  # its message names the upload, not where the server put it
            raise UnreadableDocument(exc.detail.replace(str(path), name)) from None
    draft = extract_text(source.text, name, resolver.gazetteer, source.format, source.original, source.url)
    proposal = proposal_of(draft.to_json(), resolver)
    proposal.texts[draft.document_id] = scrub(source.text, resolver.gazetteer.keep_words).text
    return proposal


def sentences(text: str) -> list[dict[str, Any]]:
    """``text`` as the extractor divides it into sentences: ``{"text", "paragraph"}``, where ``paragraph``
    says the sentence starts a new line (a paragraph, a heading, an item of a list)."""
    out: list[dict[str, Any]] = []
    start, new_line = 0, True
    for match in SENTENCE_BREAK.finditer(text):
        end = match.start() + (1 if text[match.start()] in ".!?" else 0)
        if text[start:end].strip():
            out.append({"text": " ".join(text[start:end].split()), "paragraph": new_line})
        start, new_line = match.end(), "\n" in match.group()
    if text[start:].strip():
        out.append({"text": " ".join(text[start:].split()), "paragraph": new_line})
    return out


def proposal_of(data: dict[str, Any], resolver: Resolver) -> Proposal:
    """A proposal from the extractor's JSON of one document (``graphapp extract --json``)."""
    document = data["document"]
    proposal = Proposal(source=data["file"], kind="document", warnings=list(data.get("warnings", [])))
    proposal.documents[document["id"]] = {k: document[k] for k in ("title", "format", "url") if document.get(k)}
    project = next(n["id"] for n in data["nodes"] if n["kind"] == "project")
    renamed: dict[str, str] = {}
    for raw in data["nodes"]:
        node = _node(raw, resolver.reference_ids, project)
        renamed[raw["id"]] = node.id
        node.sources = [document["id"]]
        proposal.add_node(node)
    for raw in data["relationships"]:
        for end in (raw["start"], raw["end"]):
            if renamed.get(end, end) not in proposal.nodes:
                proposal.add_node(resolver.known(end))  # a fund or parent the draft names by id only
        props = raw.get("properties", {})
        proposal.relate(
            ProposedRelationship(
                type=raw["type"],
                start=renamed.get(raw["start"], raw["start"]),
                end=renamed.get(raw["end"], raw["end"]),
                sources=[document["id"]],
                role=props.get("role"),
                amount_sek=props.get("amount_sek"),
                evidence=raw.get("evidence", ""),
                confidence=float(raw.get("confidence", 0.5)),
                mentioned=bool(raw.get("mentioned", False)),
            )
        )
    return proposal


def _node(raw: dict[str, Any], reference_ids: frozenset[str], project: str) -> ProposedNode:
    kind, node_id, name = raw["kind"], raw["id"], raw["name"]
    label = _LABELS.get(kind, "Organization")
    if node_id in reference_ids:
        return ProposedNode(id=node_id, label=label, name=name, known=True)
    if kind == "project":
        props = {k: raw[k] for k in _PROJECT_FIELDS if raw.get(k) is not None}
        return ProposedNode(id=node_id, label="Project", name=name, properties=props)
    properties: dict[str, Any] = {}
    if raw.get("county_code"):
        properties["county_code"] = raw["county_code"]
    if kind == "agency" and "/" in node_id:
        return ProposedNode(
            id=node_id, label="Agency", name=name, properties={"kind": raw.get("agency_kind", "agency"), **properties}
        )
    if kind in ("agency", "organization") and node_id.startswith("org:"):
        properties = {"kind": raw.get("org_kind", "unknown"), **properties}
        if raw.get("resolved") is False:
            properties["resolved"] = False
        return ProposedNode(id=node_id, label="Organization", name=name, properties=properties)
    # an agency the reference tables lack (a plain "Länsstyrelsen"): an unresolved organisation of this project
    return ProposedNode(
        id=f"org:{project.removeprefix('project:')}/{slugify(name)}",
        label="Organization",
        name=name,
        properties={"kind": "unknown", "resolved": False, **properties},
    )
