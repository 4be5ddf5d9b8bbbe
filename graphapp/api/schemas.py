"""What leaves the API: response models and the one graph payload shape.

Every endpoint that returns a subgraph answers ``GraphOut``:
``{"nodes": [...], "relationships": [...], "truncated": bool}``, the shape
:meth:`graphapp.model.Subgraph.as_dict` gives as plain data.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

import pydantic_core
from fastapi import Response
from pydantic import BaseModel, ConfigDict, Field

from graphapp.api.limits import MAX_BODY_BYTES
from graphapp.cypher_guard import MAX_PARAMETER_NESTING, MAX_PARAMETER_VALUES, MAX_QUERY_CHARS
from graphapp.model import Label, Node
from graphapp.views.payload import MAX_ADDED

__all__ = [
    "ActorHistoryOut",
    "BrokersOut",
    "CypherIn",
    "CypherOut",
    "ExportFormat",
    "GraphOut",
    "ImportOut",
    "Kind",
    "Lang",
    "MetricsOut",
    "NodeDetailsOut",
    "NodeOut",
    "PartnersOut",
    "PathsOut",
    "PlanStepOut",
    "ProjectPageOut",
    "ProjectSort",
    "RelationshipOut",
    "ResultFormat",
    "SavedQueriesOut",
    "SavedQueryRunIn",
    "SearchOut",
    "ShownIn",
    "TimelineOut",
    "node_out",
]


#: How dates leave the API (graphapp.dates).
_DATE_TEXT = "ISO 8601 text of the precision known: a day (2016-06-01), a month (2016-06) or a year (2014)"


class NodeOut(BaseModel):
    id: str = Field(examples=["municipality:0780"])
    kind: str = Field(examples=["municipality"])
    name: str = Field(examples=["Växjö"])
    properties: dict[str, Any] = Field(
        default_factory=dict, description=f"Dates (start, end, published) are {_DATE_TEXT}."
    )


class RelationshipOut(BaseModel):
    type: str = Field(examples=["PARTICIPATES_IN"])
    start: str
    end: str
    properties: dict[str, Any] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list, description="ids of the documents this comes from")
    evidence: list[str] = Field(
        default_factory=list,
        description='for each of sources, the sentence (or spreadsheet cell) that says so; "" where none was recorded',
    )


class GraphOut(BaseModel):
    nodes: list[NodeOut]
    relationships: list[RelationshipOut]
    truncated: bool = Field(description="true when a limit cut the result")
    new: list[str] | None = Field(
        default=None,
        description="With year=: the ids of the nodes new that year (projects that started then, nodes first seen "
        "then); a relationship is new when its project is. Absent without year=.",
    )


def node_out(node: Node) -> NodeOut:
    return NodeOut.model_validate(node.as_dict())


def json_response(content: BaseModel | dict[str, Any]) -> Response:
    """A model, or plain data of a documented shape, as JSON bytes.

    Hot routes return this instead of the model: FastAPI would validate a returned
    model a second time (in another thread hop for sync routes). The route's
    ``response_model`` still documents the shape. Graph payloads are built as plain
    data by :meth:`~graphapp.model.Subgraph.as_dict` and never become models: for a few
    hundred nodes, building and validating the models cost more than the store call.
    """
    body = content.model_dump_json() if isinstance(content, BaseModel) else pydantic_core.to_json(content)
    return Response(body, media_type="application/json")


# -- request vocabularies ------------------------------------------------------


class Kind(StrEnum):
    """A node kind as it appears in URLs and JSON: the lower-case label."""

    PROJECT = "project"
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    AGENCY = "agency"
    ORGANIZATION = "organization"
    FUND = "fund"
    DOCUMENT = "document"

    @property
    def label(self) -> Label:
        return Label.from_kind(self.value)


ProjectSort = Literal["start", "-start", "budget", "-budget", "partners", "-partners", "name", "-name"]
ExportFormat = Literal["graphml", "gexf", "csv", "json", "xlsx"]
#: The languages of the pages, and of the words in downloaded tables (``qps``: the pseudo-locale of the
#: tests, where ``GRAPHAPP_PSEUDO_LOCALE`` allows it; else read as Swedish).
Lang = Literal["sv", "en", "qps"]
#: What a query result may be answered as: JSON, or a table for a spreadsheet program.
ResultFormat = Literal["json", "csv", "xlsx"]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


_PARAMETERS = (
    f"Values for the query's $parameters. At most {MAX_PARAMETER_VALUES} values in all (every list item and map "
    f"entry counts), nested at most {MAX_PARAMETER_NESTING} deep; integers within 64 bits; 400 otherwise. The "
    f"whole request body may have at most {MAX_BODY_BYTES} bytes (413 otherwise)."
)


class CypherIn(_Request):
    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description=f"Read-only Cypher, at most {MAX_QUERY_CHARS} characters; see the operation for what is allowed.",
        examples=["MATCH (m:Municipality {code: $code}) RETURN m"],
    )
    parameters: dict[str, Any] = Field(default_factory=dict, description=_PARAMETERS, examples=[{"code": "0780"}])
    timeout: float | None = Field(
        default=None, gt=0, le=300, description="Seconds; at most the server's GRAPHAPP_QUERY_TIMEOUT (the default)."
    )
    limit: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Row cap; at most the server's GRAPHAPP_QUERY_ROW_LIMIT (the default).",
    )


class SavedQueryRunIn(_Request):
    parameters: dict[str, Any] = Field(default_factory=dict, description=_PARAMETERS, examples=[{"code": "0780"}])


class ShownIn(_Request):
    """What a page added to its view since it was served (neighbours expanded, paths found)."""

    nodes: list[str] = Field(default_factory=list, max_length=MAX_ADDED, description="Ids of the nodes added.")
    relationships: list[tuple[str, str, str]] = Field(
        default_factory=list, max_length=MAX_ADDED, description="(start, type, end) of the relationships added."
    )


# -- responses -----------------------------------------------------------------


class SearchHitOut(BaseModel):
    id: str
    kind: str
    name: str
    score: float = Field(description="Higher is better; 1.0 or more is an exact word match.")


class SearchOut(BaseModel):
    query: str
    results: list[SearchHitOut]


class NodeDetailsOut(BaseModel):
    node: NodeOut
    degree: int = Field(description="Number of relationships touching the node.")
    sources: list[NodeOut] = Field(description="Documents the node's relationships come from.")


class PathsOut(BaseModel):
    length: int | None = Field(description="Relationships in a shortest path; null when there is none.")
    paths: list[GraphOut]


class ProjectItemOut(BaseModel):
    id: str
    name: str
    start: str | None = Field(description=_DATE_TEXT, examples=["2016-06-01", "2016-06", "2014"])
    end: str | None = Field(description=_DATE_TEXT)
    grant_sek: int | None = Field(
        description="The project's grants: the amount_sek of the FUNDS into it, and its unattributed_grant_sek "
        "(a grant whose fund the source does not name), summed; null when it has none."
    )
    total_budget_sek: int | None
    partners: int = Field(description="Distinct actors that own, take part in or co-fund the project.")


class ProjectPageOut(BaseModel):
    items: list[ProjectItemOut]
    total: int
    page: int
    per_page: int


class NamedOut(BaseModel):
    id: str
    name: str


class PartnerOut(BaseModel):
    id: str
    name: str
    shared_projects: int
    projects: list[NamedOut]


class PartnersOut(BaseModel):
    municipality: NodeOut
    partners: list[PartnerOut]


class RankedOut(BaseModel):
    id: str
    name: str
    kind: str
    score: float


class MemberOut(BaseModel):
    id: str
    name: str
    kind: str


class CommunityOut(BaseModel):
    id: int
    size: int
    members: list[MemberOut]


class MetricsOut(BaseModel):
    degree: list[RankedOut]
    betweenness: list[RankedOut]
    eigenvector: list[RankedOut]
    communities: list[CommunityOut]


class BrokerOut(BaseModel):
    id: str
    name: str
    kind: str
    counties: list[str]
    bridged_pairs: int


class BrokersOut(BaseModel):
    brokers: list[BrokerOut]


class QueryParamOut(BaseModel):
    name: str
    type: str
    help: str


class SavedQueryOut(BaseModel):
    name: str
    description: str
    parameters: list[QueryParamOut]


class SavedQueriesOut(BaseModel):
    queries: list[SavedQueryOut]


class PlanStepOut(BaseModel):
    operator: str = Field(examples=["NodeByLabelScan"])
    details: str = Field(examples=["m:Municipality"])
    identifiers: list[str]
    estimated_rows: float | None
    rows: int | None = Field(description="Rows the step produced (PROFILE only).")
    db_hits: int | None = Field(description="Database accesses of the step (PROFILE only).")
    memory_bytes: int | None = Field(description="Memory the step held at most (PROFILE only, some steps).")
    arguments: dict[str, str | int | float | bool] = Field(
        description="What else Neo4j says of the step; on the root runtime, planner and version."
    )
    children: list[PlanStepOut] = Field(description="The steps this one reads from.")


class CypherOut(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="true when the row cap cut the result")
    graph: GraphOut | None = Field(description="The nodes and relationships in the rows, if any.")
    positions: dict[str, tuple[float, float]] | None = Field(
        default=None,
        description="With a graph, where to draw each node (x, y in pixels, by node id), laid out as the explorer "
        "lays out a view, so a page draws it at once; null without a graph.",
    )
    sizes: dict[str, float] | None = Field(
        default=None,
        description="With a graph, how large to draw each node (pixels, by node id): by its links in the graph, as "
        "the explorer sizes them; null without a graph.",
    )
    plan: PlanStepOut | None = Field(
        default=None,
        description="The plan of an EXPLAIN query (nothing ran, no rows) or the profile of a PROFILE query "
        "(rows and db hits per step); null otherwise.",
    )


class ImportOut(BaseModel):
    project: str
    nodes: int = Field(description="Nodes the record file declares (project, documents, actors).")
    relationships: int = Field(description="Relationships it declares (its DESCRIBED_IN links not counted).")
    store_nodes: int
    store_relationships: int


# -- time: a timeline and an actor's history (graphapp.analysis.timeline) ------


class PeriodOut(BaseModel):
    id: str
    name: str
    start: str | None = Field(description=_DATE_TEXT, examples=["2016-06-01", "2016-06", "2014"])
    end: str | None = Field(description=_DATE_TEXT + "; null: no end given (the project runs on)")
    first_day: str | None = Field(description="The first day the period may start (ISO day): where its bar begins.")
    last_day: str | None = Field(description="The last day the period may end (ISO day), or null for no end.")


class ProjectLinkOut(BaseModel):
    type: Literal["BUILDS_ON", "COLLABORATES_WITH"]
    end: str = Field(description="The project this one builds on or collaborates with.")
    name: str


class TimelineProjectOut(PeriodOut):
    row: str | None = Field(description="The key of its row: its owner, fund or county code (null: none).")
    fund: str | None
    owners: list[str]
    links: list[ProjectLinkOut] = Field(description="Its own BUILDS_ON and COLLABORATES_WITH, in their direction.")


class TimelineRowOut(BaseModel):
    key: str | None = Field(description="Owner id, fund id or county code; null for projects without one.")
    label: str | None
    projects: list[str] = Field(description="Ids of the row's projects with a period, by start.")


class TimelineLinkOut(BaseModel):
    type: Literal["BUILDS_ON", "COLLABORATES_WITH"]
    start: str = Field(description="The project that builds on (or collaborates with) the other.")
    end: str


class TimelineOut(BaseModel):
    group: Literal["owner", "county", "fund"]
    years: list[int] | None = Field(description="[first, last] year of the dated periods; null when none is dated.")
    rows: list[TimelineRowOut]
    projects: list[TimelineProjectOut] = Field(description="Projects with a period, by start.")
    undated: list[TimelineProjectOut] = Field(description="Projects without a period: never placed at a year.")
    links: list[TimelineLinkOut] = Field(description="Links among the projects shown, in their true direction.")
    names: dict[str, str] = Field(description="Names of the owners, funds, counties and linked projects named.")
    counts: dict[str, int]


class HistoryYearOut(BaseModel):
    year: int
    projects: list[str] = Field(description="The actor's projects running that year.")
    started: list[str] = Field(description="Those that started that year.")
    partners_gained: list[str] = Field(description="Actors it first worked with that year.")


class ActorOut(BaseModel):
    id: str
    kind: str
    name: str


class NamedIdOut(BaseModel):
    id: str
    name: str


class ActorHistoryOut(BaseModel):
    actor: ActorOut
    years: list[HistoryYearOut]
    projects: list[PeriodOut] = Field(description="Its projects with a period, by start.")
    undated: list[NamedIdOut] = Field(description="Its projects without a period (in no year).")
    names: dict[str, str] = Field(description="Names of every project and partner named.")
    partners: int = Field(description="Other actors of its projects, in all.")
