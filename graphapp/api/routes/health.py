"""Liveness (the process answers) and readiness (the store answers)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from graphapp.api.deps import StoreDep

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    status: str
    store: str


@router.get("/live", response_model=Health, summary="The process is up")
def live(store: StoreDep) -> Health:
    return Health(status="ok", store=store.name)


@router.get(
    "/ready",
    response_model=Health,
    summary="The store answers",
    responses={503: {"description": "The store cannot be reached; retry after the Retry-After seconds"}},
)
def ready(store: StoreDep) -> Health:
    store.ping()
    return Health(status="ready", store=store.name)
