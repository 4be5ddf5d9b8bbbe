"""A project list: one row per project (or several rows of one project), as project banks publish.

Per row: the project (name, period, grant, budget, programme area, region, phase,
status, description) and its actors: the owner (``OWNS``), the municipalities and
partners (``PARTICIPATES_IN`` with role ``municipality`` or ``partner``), co-funders
with their amounts (``CO_FUNDS``) and the fund with the grant (``FUNDS``). The
counties of a row tell which county board a plain "Länsstyrelsen" is. An owner also
listed among the municipalities takes part by owning (no second relationship). A
row with any problem adds nothing; its problems are reported by cell.
"""

from __future__ import annotations

from typing import Any

from graphapp.dates import PartialDate
from graphapp.extract.privacy import scrub
from graphapp.records.proposal import Problem, Proposal, ProposedNode, ProposedRelationship
from graphapp.sheets.cells import CellError, parse_date, parse_kronor, parse_period, split_funders, split_names, text_of
from graphapp.sheets.columns import PROJECT_HEADERS, ColumnField
from graphapp.sheets.names import CONFIDENCE_UNRESOLVED, Resolved
from graphapp.sheets.rows import ImportContext, RowReader, columns_of, row_document
from graphapp.sheets.tables import Table
from graphapp.textnorm import fold, slugify

__all__ = ["project_properties", "read_project_list"]

_STATUS = {
    "pagaende": "ongoing",
    "ongoing": "ongoing",
    "aktivt": "ongoing",
    "avslutat": "completed",
    "avslutad": "completed",
    "completed": "completed",
    "closed": "completed",
    "finished": "completed",
    "planerat": "planned",
    "planerad": "planned",
    "planned": "planned",
}
_DATE_FIELDS: tuple[tuple[ColumnField, str], ...] = (("start", "start"), ("end", "end"))
_AMOUNT_FIELDS: tuple[tuple[ColumnField, str], ...] = (("grant", "grant_sek"), ("total_budget", "total_budget_sek"))
_TEXT_FIELDS: dict[ColumnField, str] = {
    "programme_area": "programme_area",
    "esf_region": "esf_region",
    "phase": "phase",
}


def read_project_list(table: Table, ctx: ImportContext, proposal: Proposal) -> None:
    """Add the projects of ``table`` to ``proposal``; problems go to ``proposal.problems``."""
    columns = columns_of(table, PROJECT_HEADERS, ctx, proposal)
    if not any(c.field == "name" for c in columns):
        proposal.problems.append(
            _sheet_problem(ctx, table, "no column of project names (Projektnamn, Projekt, Project name …)")
        )
        return
    rows_of_project: dict[str, int] = {}
    for number, cells in table.rows:
        row = RowReader(ctx, table, number, cells, columns)
        part = _read_row(row, ctx)
        if part is not None:
            proposal.personal_data_dropped += part.personal_data_dropped
            _same_project_agrees(row, part, proposal, rows_of_project)
        if row.problems or part is None:
            proposal.problems.extend(row.problems)
            proposal.invalid_rows.append(f"{table.sheet or ''}:{number}")
            continue
        _merge(proposal, part)


def _sheet_problem(ctx: ImportContext, table: Table, message: str) -> Problem:
    return Problem(file=ctx.file, sheet=table.sheet, row=table.header_row, message=message)


def _read_row(row: RowReader, ctx: ImportContext) -> Proposal | None:
    name = text_of(row.value("name"))
    if not name:
        row.problem("name", "empty: every project needs a name")
        return None
    part = Proposal(source=ctx.file, kind="spreadsheet")
    document_id, document = row_document(ctx, row.sheet, row.number)
    part.documents[document_id] = document
    properties = project_properties(row, part)
    project = project_node(name, properties, row, document_id)
    part.add_node(project)
    counties = _counties(row, ctx)
    actors = _Actors(row, ctx, part, project, document_id, counties)
    owner = actors.owner()
    start = properties.get("start")
    actors.municipalities(owner)
    actors.named("partners", "PARTICIPATES_IN", "partner", owner)
    actors.co_funders()
    actors.fund(int(start[:4]) if start else None, properties.get("grant_sek"))
    return part


def project_node(name: str, properties: dict[str, Any], row: RowReader, document_id: str) -> ProposedNode:
    """The project a row names, its id from its name, sourced to the row's document."""
    return ProposedNode(
        id=f"project:{slugify(name) or 'untitled'}",
        label="Project",
        name=name,
        properties=properties,
        evidence=row.evidence("name"),
        sources=[document_id],
        decision="accepted",
    )


def project_properties(row: RowReader, part: Proposal) -> dict[str, Any]:
    props: dict[str, Any] = {}
    dates: dict[str, PartialDate] = {}
    for field, key in _DATE_FIELDS:
        if row.value(field) is not None:
            try:
                dates[key] = parse_date(row.value(field))
            except CellError as exc:
                row.problem(field, str(exc))
    if row.value("period") is not None:
        try:
            start, end = parse_period(row.value("period"))
            dates.setdefault("start", start)
            dates.setdefault("end", end)
        except CellError as exc:
            row.problem("period", str(exc))
    props.update({key: value.iso() for key, value in dates.items()})  # as precise as the cell, no more
    if "start" in dates and "end" in dates and dates["end"].last_day() < dates["start"].first_day():
        row.problem("end", f"{dates['end']} is before the start {dates['start']}")
    for field, key in _AMOUNT_FIELDS:
        if row.value(field) is not None:
            try:
                props[key] = parse_kronor(row.value(field))
            except CellError as exc:
                row.problem(field, str(exc))
    for field, key in _TEXT_FIELDS.items():
        if row.value(field) is not None:
            props[key] = text_of(row.value(field))
    if row.value("status") is not None:
        status = _STATUS.get(fold(text_of(row.value("status"))))
        if status is None:
            row.problem("status", f"{text_of(row.value('status'))!r} is not a status (pågående, avslutat, planerat)")
        else:
            props["status"] = status
    if row.value("description") is not None:
        scrubbed = scrub(text_of(row.value("description")))
        part.personal_data_dropped += sum(scrubbed.dropped.values())
        props["summary"] = scrubbed.text
    if row.value("case_number") is not None:
        props["note"] = f"{row.header('case_number')}: {text_of(row.value('case_number'))}"
    return props


def _counties(row: RowReader, ctx: ImportContext) -> list[str]:
    codes = []
    for name in split_names(row.value("counties")) if row.value("counties") is not None else []:
        try:
            codes.append(ctx.resolver.county(name))
        except CellError as exc:
            row.problem("counties", str(exc))
    return sorted(set(codes))


class _Actors:
    """The actors of one row, related to its project."""

    def __init__(
        self,
        row: RowReader,
        ctx: ImportContext,
        part: Proposal,
        project: ProposedNode,
        document_id: str,
        counties: list[str],
    ) -> None:
        self.row, self.ctx, self.part, self.project = row, ctx, part, project
        self.document_id, self.counties = document_id, counties
        self.scope = project.id.removeprefix("project:")

    def owner(self) -> str | None:
        cell = text_of(self.row.value("owner"))
        if not cell:
            return None
        if any(mark in cell for mark in ("\n", ";", "•")):
            self.row.problem("owner", "give one owner per project (the others are partners)")
            return None
        actor = self._resolve("owner", cell)
        if actor is None:
            return None
        self._relate(actor, "OWNS", "owner", None, None)
        return actor.node.id

    def municipalities(self, owner: str | None) -> None:
        for name in split_names(self.row.value("municipalities")) if self.row.value("municipalities") else []:
            node = self.ctx.resolver.municipality(name)
            if node is None:
                unresolved = self.ctx.resolver.unresolved(name, self.scope)
                self.part.warnings.append(
                    f"{self.row.where}: {name!r} in {self.row.header('municipalities')} is no municipality the "
                    "reference tables know; kept as an unresolved organisation"
                )
                self._relate(Resolved(unresolved, None, CONFIDENCE_UNRESOLVED), "PARTICIPATES_IN", "municipalities")
            elif node.id != owner:
                self._relate(Resolved(node, None, 0.95), "PARTICIPATES_IN", "municipalities", "municipality")

    def named(self, field: ColumnField, rel_type: str, role: str, owner: str | None) -> None:
        for name in split_names(self.row.value(field)) if self.row.value(field) else []:
            actor = self._resolve(field, name)
            if actor is not None and actor.node.id != owner:
                self._relate(actor, rel_type, field, role)

    def co_funders(self) -> None:
        if self.row.value("co_funders") is None:
            return
        try:
            funders = split_funders(self.row.value("co_funders"))
        except CellError as exc:
            self.row.problem("co_funders", str(exc))
            return
        for name, amount in funders:
            actor = self._resolve("co_funders", name)
            if actor is not None:
                self._relate(actor, "CO_FUNDS", "co_funders", None, amount)

    def fund(self, start_year: int | None, grant: int | None) -> None:
        if self.row.value("fund") is None:
            return
        for name in split_names(self.row.value("fund")):
            try:
                fund_id = self.ctx.resolver.fund(name, start_year)
            except CellError as exc:
                if start_year is not None or not self.row.has_problem("start", "period"):
                    self.row.problem("fund", str(exc))  # not when a bad start date is the cause
                continue
            self._relate(Resolved(self.ctx.resolver.known(fund_id), None, 0.95), "FUNDS", "fund", None, grant)

    def _resolve(self, field: ColumnField, name: str) -> Resolved | None:
        if self.ctx.resolver.is_personal(name):
            self.part.personal_data_dropped += 1
            self.part.warnings.append(f"{self.row.where}: a person's details in {self.row.header(field)} dropped")
            return None
        try:
            actor = self.ctx.resolver.actor(name, self.scope, self.counties)
        except CellError as exc:
            self.row.problem(field, str(exc))
            return None
        if actor is None:
            self.row.problem(field, f"{name!r} names no organisation")
        elif not actor.node.resolved:
            self.part.warnings.append(
                f"{self.row.where}: {name!r} ({self.row.header(field)}) is ambiguous; kept unresolved for review"
            )
        return actor

    def _relate(
        self,
        actor: Resolved,
        rel_type: str,
        field: ColumnField,
        role: str | None = None,
        amount: int | None = None,
    ) -> None:
        node = actor.node.model_copy(update={"evidence": self.row.evidence(field), "sources": [self.document_id]})
        self.part.add_node(node)
        evidence = self.row.evidence(field)
        self.part.relate(
            ProposedRelationship(
                type=rel_type,
                start=node.id,
                end=self.project.id,
                sources=[self.document_id],
                role=role,
                amount_sek=amount,
                evidence=evidence,
                confidence=actor.confidence,
                decision="accepted",
            )
        )
        if actor.part_of:
            self.part.relate(
                ProposedRelationship(
                    type="PART_OF",
                    start=node.id,
                    end=actor.part_of,
                    sources=[self.document_id],
                    evidence=evidence,
                    confidence=actor.confidence,
                    decision="accepted",
                )
            )
            if actor.part_of not in self.part.nodes:
                self.part.add_node(self.ctx.resolver.known(actor.part_of))


def _same_project_agrees(row: RowReader, part: Proposal, proposal: Proposal, rows_of: dict[str, int]) -> None:
    """Several rows of one project must not disagree on its facts."""
    project = next(n for n in part.nodes.values() if n.label == "Project")
    known = proposal.nodes.get(project.id)
    if known is None:
        rows_of.setdefault(project.id, row.number)
        return
    for key, value in project.properties.items():
        if key in known.properties and known.properties[key] != value:
            row.problem(
                "name",
                f"same project as row {rows_of.get(project.id, '?')}, whose {key} is {known.properties[key]!r}, "
                f"not {value!r}",
            )


def _merge(proposal: Proposal, part: Proposal) -> None:
    proposal.documents.update(part.documents)
    for node in part.nodes.values():
        known = proposal.add_node(node)
        if known is not node and node.label == "Project":
            known.properties = {**node.properties, **known.properties}
    for rel in part.relationships.values():
        proposal.relate(rel)
    proposal.warnings.extend(part.warnings)
