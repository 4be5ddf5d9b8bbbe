"""Build the FastAPI application. Nothing is created at import time."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from graphapp import __version__
from graphapp.api import cache as cache_module
from graphapp.api import openapi, problems
from graphapp.api.cache import StoreCache
from graphapp.api.limits import BodyLimit
from graphapp.api.routes import (
    analysis,
    curation,
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
    timeline,
)
from graphapp.api.sessions import Sessions
from graphapp.api.throttle import Throttle
from graphapp.config import Settings, load_settings
from graphapp.errors import StoreUnavailable
from graphapp.store import GraphStore, open_store

__all__ = ["app_from_environment", "create_app"]

log = logging.getLogger(__name__)

#: Results of the whole network kept in the store (``StoreCache.kept``), by name.
KEPT_RESULTS = {analysis.WHOLE_NETWORK_METRICS: analysis.whole_network_metrics}

#: The JSON API, one router per resource.
API_ROUTERS = (
    health.router,
    search.router,
    timeline.router,  # before nodes: /api/nodes/{id}/history
    nodes.router,
    paths.router,
    subgraph.router,
    projects.router,
    municipalities.router,
    analysis.router,
    queries.router,
    exports.router,
    records.router,
    curation.router,
)


def create_app(
    settings: Settings | None = None, store: GraphStore | None = None, *, long_lived: bool = False
) -> FastAPI:
    """An app over ``store`` (or the store ``settings`` name, opened at start-up and
    closed at shutdown). A store passed in stays the caller's to close.

    ``long_lived`` is for a process that serves this app until it exits (``graphapp
    serve``): at start-up it builds the search index (not during the first searches,
    which would wait a second or more for it at 10 000 projects), then moves everything
    loaded, the embedded graph above all, out of the garbage collector's sight
    (:func:`gc.freeze`). Otherwise every full collection walks the whole graph, some
    150 ms at 10 000 projects, stalling the requests in flight. Then, and after every
    change to the store, a background thread warms the cache up
    (:meth:`StoreCache.warm_up`): the whole network's metrics are read from the store, or
    computed and kept there, before a visitor asks for them.
    """
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.key_refused:
            log.warning("graphapp: curation and imports are off: %s", settings.writing_off)
        owned = store is None
        if owned:
            _attach(app, open_store(settings))
        if long_lived:
            with contextlib.suppress(StoreUnavailable):  # Neo4j not up yet: built on first use
                app.state.cache.search_index()
            gc.collect()
            gc.freeze()
            _start_warm_up(app.state.cache)
        following = asyncio.create_task(_follow_changes(app.state.cache, warm=long_lived))
        try:
            yield
        finally:
            following.cancel()
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="graphapp",
        version=__version__,
        summary="Partnership networks of Swedish integration projects: search, traverse, analyse, export.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.throttle = Throttle()
    key = settings.api_key
    app.state.sessions = Sessions(settings.curation_path, key.get_secret_value()) if key is not None else None
    app.state.resolver_lock = threading.Lock()  # the curation API's gazetteer is built on first use
    if store is not None:
        _attach(app, store)
    uploads = {curation.UPLOAD_PATH: int(settings.upload_max_mb * 1024 * 1024)}
    app.add_middleware(BodyLimit, own_limits=uploads)  # inside CORS, so a browser can read the 413
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    problems.install(app)
    openapi.install(app)
    for router in API_ROUTERS:
        app.include_router(router)
    from graphapp.api.routes import curate_page, pages, workbench  # the HTML face (graphapp.views): /, /views,
    # /embed, /oembed, /static; the Cypher workbench /cypher; the curator's page /curate

    app.include_router(pages.router)
    app.include_router(workbench.router)
    app.include_router(curate_page.router)
    return app


def app_from_environment() -> FastAPI:
    """The app factory each worker of ``graphapp serve --workers N`` calls (settings from the environment)."""
    return create_app(load_settings(), long_lived=True)


async def _follow_changes(cache: StoreCache, warm: bool) -> None:
    """Drop what the app derived from the store whenever the store changed (see StoreCache),
    and if ``warm``, build it again at once."""
    while True:
        try:
            if await run_in_threadpool(cache.refresh) and warm:
                _start_warm_up(cache)
        except StoreUnavailable:
            pass  # readiness and every store call say so; check again later
        except Exception:  # a bug here must not end the checks, nor go unseen
            log.exception("checking the store for changes failed")
        await asyncio.sleep(cache_module.CHANGE_CHECK_SECONDS)


def _start_warm_up(cache: StoreCache) -> None:
    threading.Thread(target=_warm_up, args=(cache,), name="graphapp-warm-up", daemon=True).start()


def _warm_up(cache: StoreCache) -> None:
    try:
        cache.warm_up()
    except StoreUnavailable:
        pass  # built on first use once the store is back
    except Exception:  # a bug here must not go unseen; the requests will meet it too
        log.exception("warming the cache up failed")


def _attach(app: FastAPI, store: GraphStore) -> None:
    app.state.store = store
    app.state.cache = StoreCache(store, KEPT_RESULTS)
