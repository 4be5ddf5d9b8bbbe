"""Build the FastAPI application. Nothing is created at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from graphapp import __version__
from graphapp.api import problems
from graphapp.api.routes import health
from graphapp.config import Settings
from graphapp.store import GraphStore, open_store

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """An app over ``store`` (or the store ``settings`` name, opened at start-up and
    closed at shutdown). A store passed in stays the caller's to close."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(settings)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="graphapp",
        version=__version__,
        summary="Partnership networks of Swedish integration projects: search, traverse, analyse, export.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    problems.install(app)
    app.include_router(health.router)
    return app
