"""Projects: list, filter, sort, paginate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from graphapp.api.deps import ProjectFiltersDep, StoreDep
from graphapp.api.schemas import ProjectItemOut, ProjectPageOut, ProjectSort
from graphapp.dates import iso_text
from graphapp.store.protocol import ProjectSummary

router = APIRouter(prefix="/api", tags=["projects"])


@router.get("/projects", response_model=ProjectPageOut, summary="Projects, filtered, sorted and paginated")
def projects(
    store: StoreDep,
    filters: ProjectFiltersDep,
    sort: Annotated[ProjectSort, Query(description="Field, '-' for descending; budget is total_budget_sek.")] = "start",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> ProjectPageOut:
    """Projects without the sorted value come last in either direction; ties by id."""
    ordered = sort_projects(store.projects(filters), sort)
    first = (page - 1) * per_page
    return ProjectPageOut(
        items=[_item(p) for p in ordered[first : first + per_page]], total=len(ordered), page=page, per_page=per_page
    )


_SORT_FIELDS = {"start": "start", "budget": "total_budget_sek", "name": "name", "partners": "partners"}


def sort_projects(summaries: list[ProjectSummary], sort: str) -> list[ProjectSummary]:
    field = _SORT_FIELDS[sort.lstrip("-")]
    descending = sort.startswith("-")

    def value(summary: ProjectSummary) -> Any:
        if field == "partners":
            return summary.partners
        if field == "name":
            return summary.node.name.casefold()
        return summary.node.properties.get(field)

    by_id = sorted(summaries, key=lambda s: s.node.id)
    present = [s for s in by_id if value(s) is not None]
    missing = [s for s in by_id if value(s) is None]
    return sorted(present, key=value, reverse=descending) + missing


def _item(summary: ProjectSummary) -> ProjectItemOut:
    props = summary.node.properties
    return ProjectItemOut(
        id=summary.node.id,
        name=summary.node.name,
        start=iso_text(props, "start"),
        end=iso_text(props, "end"),
        grant_sek=summary.grant_sek,
        total_budget_sek=props.get("total_budget_sek"),
        partners=summary.partners,
    )
