"""``graphapp serve``: the HTTP API under uvicorn, on the configured store."""

from __future__ import annotations

import os

import click

from graphapp.config import load_settings
from graphapp.records.loader import IMPORTS_FOLDER

__all__ = ["serve"]


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: GRAPHAPP_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: GRAPHAPP_PORT, 8000).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: GRAPHAPP_WORKERS, 1); each opens its own store. With more than one, "
    "the embedded store refuses imports.",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
def serve(host: str | None, port: int | None, workers: int | None, log_level: str) -> None:
    """Serve the JSON API (and pages) on the configured store: the embedded one, or
    Neo4j when NEO4J_URI is set. CORS origins come from GRAPHAPP_CORS_ORIGINS."""
    # Imported here, not at the top: every other command would pay for loading the web stack.
    import uvicorn

    from graphapp.api.app import create_app
    from graphapp.api.timeouts import PROTOCOL, TIMEOUT_VARIABLE

    settings = load_settings()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    click.echo(f"graphapp: serving the {settings.store_name} store on http://{host}:{port} (docs: /docs)", err=True)
    click.echo(f"graphapp: {settings.folders_line()}", err=True)
    earlier = settings.seed_path / IMPORTS_FOLDER
    if settings.seed_path.resolve() != settings.data_dir.resolve() and any(earlier.glob("*/*.yaml")):
        click.echo(
            f"graphapp: {earlier} holds imports of an earlier graphapp, which are not read now: move them to "
            f"{settings.data_dir / IMPORTS_FOLDER} (and the curation/ beside them), or set GRAPHAPP_DATA_DIR="
            f"{settings.seed_path}",
            err=True,
        )
    # A slow client's connection is closed (graphapp.api.timeouts); each worker reads the timeout here.
    os.environ[TIMEOUT_VARIABLE] = str(settings.client_timeout)
    if workers > 1:
        os.environ["GRAPHAPP_WORKERS"] = str(workers)  # the workers' settings come from the environment
        uvicorn.run(
            "graphapp.api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            http=PROTOCOL,
        )
        return
    uvicorn.run(create_app(settings, long_lived=True), host=host, port=port, log_level=log_level, http=PROTOCOL)
