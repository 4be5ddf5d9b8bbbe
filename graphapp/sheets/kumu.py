"""Kumu's way in: an Elements sheet (one row per node: Label, Type, fields) and a Connections
sheet (one row per relationship: From, To, Type), as two sheets of a workbook or two CSV files.

Element types (Swedish or English) say how a label is resolved: ``Project``/``Projekt``,
``Municipality``/``Kommun``, ``County``/``Län``, ``Agency``/``Myndighet``, ``Fund``/``Fond``,
``Organization``/``Organisation``; an element without a type is resolved by its name.
A connection names its ends by their labels (an end that is no element is resolved by
its name) and its type in words (``owns``/``äger``, ``participates in``/``deltar i``,
``funds``/``finansierar``, ``co-funds``/``medfinansierar``, ``collaborates with``/
``samverkar med``, ``builds on``/``bygger på``, ``part of``/``del av``). A connection
written from the project to the actor is turned the model's way round. Each
connection row is the source of its relationship; each project's element row is a
source of the project.
"""

from __future__ import annotations

from graphapp.extract.privacy import scrub
from graphapp.records.proposal import Proposal, ProposedNode, ProposedRelationship
from graphapp.sheets.cells import CellError, parse_kronor, text_of
from graphapp.sheets.columns import CONNECTION_HEADERS, ELEMENT_HEADERS, ColumnField, normalise_header
from graphapp.sheets.names import CONFIDENCE_NAMED, CONFIDENCE_UNRESOLVED
from graphapp.sheets.project_list import project_node, project_properties
from graphapp.sheets.rows import ImportContext, RowReader, columns_of, row_document
from graphapp.sheets.tables import Table
from graphapp.textnorm import fold

__all__ = ["is_connections", "is_elements", "read_kumu"]

_ELEMENT_TYPES = {
    **dict.fromkeys(("project", "projekt"), "Project"),
    **dict.fromkeys(("municipality", "kommun"), "Municipality"),
    **dict.fromkeys(("county", "lan"), "County"),
    **dict.fromkeys(("agency", "myndighet", "authority"), "Agency"),
    **dict.fromkeys(("fund", "fond", "eu fund"), "Fund"),
    **dict.fromkeys(
        ("organization", "organisation", "org", "company", "foretag", "ngo", "forening", "organisation ovrig"),
        "Organization",
    ),
}
_CONNECTION_TYPES = {
    **dict.fromkeys(("owns", "owner", "ager", "projektagare", "owner of"), "OWNS"),
    **dict.fromkeys(
        ("participates in", "participates", "partner", "deltar i", "deltar", "medverkar i", "medverkar", "member"),
        "PARTICIPATES_IN",
    ),
    **dict.fromkeys(("funds", "fund", "finansierar", "funding"), "FUNDS"),
    **dict.fromkeys(("co funds", "cofunds", "co funder", "medfinansierar", "medfinansiar"), "CO_FUNDS"),
    **dict.fromkeys(
        ("collaborates with", "collaborates", "samverkar med", "samverkar", "samarbetar med", "samarbetar"),
        "COLLABORATES_WITH",
    ),
    **dict.fromkeys(("builds on", "bygger pa", "based on", "continues"), "BUILDS_ON"),
    **dict.fromkeys(("part of", "del av", "unit of", "enhet i"), "PART_OF"),
}
_ACTOR_TO_PROJECT = frozenset({"OWNS", "PARTICIPATES_IN", "FUNDS", "CO_FUNDS"})


def is_connections(table: Table) -> bool:
    headers = {normalise_header(h) for h in table.header}
    return {"from", "to"} <= headers or {"fran", "till"} <= headers


def is_elements(table: Table) -> bool:
    headers = {normalise_header(h) for h in table.header}
    return "label" in headers and not is_connections(table)


def read_kumu(
    elements: list[tuple[ImportContext, Table]], connections: list[tuple[ImportContext, Table]], proposal: Proposal
) -> None:
    """Add the nodes of ``elements`` and the relationships of ``connections`` to ``proposal``."""
    reader = _KumuReader(proposal)
    for ctx, table in elements:
        reader.elements(ctx, table)
    for ctx, table in connections:
        reader.connections(ctx, table)


class _KumuReader:
    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal
        self.by_label: dict[str, ProposedNode] = {}  #: folded label -> node
        self.parents: dict[str, str] = {}  #: unit id -> its parent's id

    def elements(self, ctx: ImportContext, table: Table) -> None:
        columns = columns_of(table, ELEMENT_HEADERS, ctx, self.proposal)
        for number, cells in table.rows:
            row = RowReader(ctx, table, number, cells, columns)
            node = self._element(row, ctx)
            if row.problems or node is None:
                self._invalid(row)
                continue
            self.by_label[fold(text_of(row.value("name")))] = self.proposal.add_node(node)

    def connections(self, ctx: ImportContext, table: Table) -> None:
        columns = columns_of(table, CONNECTION_HEADERS, ctx, self.proposal)
        for number, cells in table.rows:
            row = RowReader(ctx, table, number, cells, columns)
            document_id, document = row_document(ctx, row.sheet, row.number)
            rels = self._connection(row, ctx, document_id)
            if row.problems or not rels:
                self._invalid(row)
                continue
            self.proposal.documents[document_id] = document
            for rel in rels:
                self.proposal.relate(rel)

    def _invalid(self, row: RowReader) -> None:
        self.proposal.problems.extend(row.problems)
        self.proposal.invalid_rows.append(f"{row.sheet or ''}:{row.number}")

    def _element(self, row: RowReader, ctx: ImportContext) -> ProposedNode | None:
        name = text_of(row.value("name"))
        if not name:
            row.problem("name", "empty: every element needs a label")
            return None
        kind_text = text_of(row.value("type"))
        label = _ELEMENT_TYPES.get(normalise_header(kind_text)) if kind_text else None
        if kind_text and label is None:
            row.problem("type", f"{kind_text!r} is not an element type ({', '.join(sorted(set(_ELEMENT_TYPES)))})")
            return None
        if label == "Project":
            document_id, document = row_document(ctx, row.sheet, row.number)
            properties = project_properties(row, self.proposal)
            if not row.problems:
                self.proposal.documents[document_id] = document
            return project_node(name, properties, row, document_id)
        try:
            node = self._resolve(name, label, ctx, row)
        except CellError as exc:
            row.problem("name", str(exc))
            return None
        if node is None:
            row.problem("name", f"{name!r} names no organisation")
            return None
        node = node.model_copy(update={"evidence": row.evidence("name")})
        if row.value("kind") is not None and node.label == "Organization" and not node.known:
            kind = normalise_header(text_of(row.value("kind"))).replace(" ", "_")
            node.properties = {**node.properties, "kind": kind}
        return node

    def _resolve(self, name: str, label: str | None, ctx: ImportContext, row: RowReader) -> ProposedNode | None:
        resolver = ctx.resolver
        if label in (None, "Organization") and resolver.is_personal(name):
            self.proposal.personal_data_dropped += 1
            raise CellError("a person's name, e-mail address or phone number: people are not stored")
        if label == "County":
            return resolver.known(f"county:{resolver.county(name)}")
        if label == "Fund":
            return resolver.known(resolver.fund(name, None))
        if label == "Municipality":
            found = resolver.municipality(name)
            if found is None:
                self.proposal.warnings.append(f"{row.where}: {name!r} is no municipality; kept unresolved")
                return resolver.unresolved(name, "kumu")
            return found
        actor = resolver.actor(name, "kumu", [])
        if actor is None:
            return None
        if actor.part_of:
            self.parents[actor.node.id] = actor.part_of
        if not actor.node.resolved:
            self.proposal.warnings.append(f"{row.where}: {name!r} is ambiguous; kept unresolved for review")
        return actor.node

    def _connection(self, row: RowReader, ctx: ImportContext, document_id: str) -> list[ProposedRelationship]:
        start, end = self._end(row, "from", ctx), self._end(row, "to", ctx)
        type_text = text_of(row.value("type"))
        rel_type = _CONNECTION_TYPES.get(normalise_header(type_text))
        if rel_type is None:
            row.problem("type", f"{type_text!r} is not a connection type ({', '.join(sorted(set(_CONNECTION_TYPES)))})")
        amount = None
        if row.value("amount") is not None:
            try:
                amount = parse_kronor(row.value("amount"))
            except CellError as exc:
                row.problem("amount", str(exc))
        if start is None or end is None or rel_type is None:
            return []
        if rel_type in _ACTOR_TO_PROJECT and start.label == "Project" and end.label != "Project":
            start, end = end, start
        said = f"{text_of(row.value('from'))} – {type_text} – {text_of(row.value('to'))}"  # noqa: RUF001 - a real dash
        evidence = f"{row.where}: {scrub(said).text}"
        confidence = min(_confidence(start), _confidence(end))
        common = {"sources": [document_id], "evidence": evidence, "confidence": confidence, "decision": "accepted"}
        rels = [
            ProposedRelationship(
                type=rel_type,
                start=start.id,
                end=end.id,
                role=text_of(row.value("role")) or None,
                amount_sek=amount,
                **common,  # type: ignore[arg-type]
            )
        ]
        for node in (start, end):
            parent = self.parents.get(node.id)
            if parent:
                rels.append(ProposedRelationship(type="PART_OF", start=node.id, end=parent, **common))  # type: ignore[arg-type]
                if parent not in self.proposal.nodes:
                    self.proposal.add_node(ctx.resolver.known(parent))
        return rels

    def _end(self, row: RowReader, field: ColumnField, ctx: ImportContext) -> ProposedNode | None:
        name = text_of(row.value(field))
        if not name:
            row.problem(field, "empty: a connection joins two elements")
            return None
        node = self.by_label.get(fold(name))
        if node is not None:
            return node
        try:
            found = self._resolve(name, None, ctx, row)
        except CellError as exc:
            row.problem(field, str(exc))
            return None
        if found is None:
            row.problem(field, f"{name!r} is no element of the Elements sheet and names no organisation")
            return None
        self.by_label[fold(name)] = node = self.proposal.add_node(found)
        return node


def _confidence(node: ProposedNode) -> float:
    if node.known or node.label == "Project":
        return 0.95
    return CONFIDENCE_NAMED if node.resolved else CONFIDENCE_UNRESOLVED
