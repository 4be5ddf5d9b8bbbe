"""Build the FastAPI application. Nothing is created at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from graphapp import __version__
from graphapp.api import openapi, problems
from graphapp.api.cache import StoreCache
from graphapp.api.routes import (
    analysis,
    exports,
    health,
    municipalities,
    nodes,
    paths,
    projects,
    queries,
    records,
    search,
    subgraph,
)
from graphapp.config import Settings
from graphapp.store import GraphStore, open_store

__all__ = ["create_app"]

#: The JSON API, one router per resource.
API_ROUTERS = (
    health.router,
    search.router,
    nodes.router,
    paths.router,
    subgraph.router,
    projects.router,
    municipalities.router,
    analysis.router,
    queries.router,
    exports.router,
    records.router,
)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """An app over ``store`` (or the store ``settings`` name, opened at start-up and
    closed at shutdown). A store passed in stays the caller's to close."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        if owned:
            _attach(app, open_store(settings))
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
        _attach(app, store)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    problems.install(app)
    openapi.install(app)
    for router in API_ROUTERS:
        app.include_router(router)
    from graphapp.api.routes import pages  # the HTML face (graphapp.views): /, /views, /embed, /oembed, /static

    app.include_router(pages.router)
    return app


def _attach(app: FastAPI, store: GraphStore) -> None:
    app.state.store = store
    app.state.cache = StoreCache(store)
