"""Dependencies a handler names in its signature: ``store: StoreDep``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graphapp.config import Settings
from graphapp.store import GraphStore

__all__ = ["SettingsDep", "StoreDep"]


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
