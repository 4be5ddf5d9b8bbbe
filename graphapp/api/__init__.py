"""The HTTP API: ``create_app(settings)`` builds a FastAPI app over one GraphStore."""

from graphapp.api.app import create_app

__all__ = ["create_app"]
