"""The OpenAPI document: every operation lists the ``application/problem+json``
errors it may answer, so clients (and the schemathesis fuzz) know the shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field

from graphapp.api.limits import MAX_BODY_BYTES

__all__ = ["Problem", "install"]


class Problem(BaseModel):
    """An error, RFC 9457."""

    type: str = Field(examples=["about:blank"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["no node with id 'municipality:9999'"])
    instance: str = Field(examples=["/api/nodes/municipality:9999"])
    errors: list[Any] | None = Field(
        default=None, description="The fields or records at fault, when there are several."
    )


_COMMON = {
    "400": "The request makes no sense (a filter, a parameter, a query)",
    "404": "An id or a route that does not exist",
    "422": "The parameters or the body failed validation",
    "503": "The store cannot be reached; retry after Retry-After seconds",
}
_TOO_LARGE = f"The request body is larger than {MAX_BODY_BYTES} bytes; refused before it is read"
_THROTTLED = "Too many wrong keys from this client: retry after Retry-After seconds"
_NOT_WRITTEN = "The server's disk refused the write (full, or a file-size limit); nothing was changed"
_CURATING = {
    "401": "Neither a valid X-API-Key nor a curator's session",
    "403": "Curation is off (no GRAPHAPP_API_KEY of 16 characters or more), or a session's request lacks its CSRF "
    "token or comes from another site",
    "429": _THROTTLED,
}
_WRITING = {
    **_CURATING,
    "409": "The write cannot be kept (embedded store on several workers, or data folder "
    "not writable), the draft was accepted already, or nothing is on record to undo",
    "507": _NOT_WRITTEN,
}
_EXTRA = {
    "/api/curation/drafts": {
        **_WRITING,
        "413": "The upload is larger than GRAPHAPP_UPLOAD_MAX_MB",
        "415": "Not a kind of file the page takes, or content that does not fit its suffix",
    },
    "/api/curation/drafts/{draft_id}": _CURATING,
    "/api/curation/drafts/{draft_id}/edits": _WRITING,
    "/api/curation/drafts/{draft_id}/accept": _WRITING,
    "/api/curation/undo": _WRITING,
    "/api/cypher": {"501": "Cypher needs Neo4j: the embedded store does not run it"},
    "/api/queries/{name}": {"501": "Cypher needs Neo4j: the embedded store does not run it"},
    "/api/records": {
        "401": "No or a wrong X-API-Key",
        "403": "Imports are off (no GRAPHAPP_API_KEY of 16 characters or more)",
        "409": "The import cannot be kept: the embedded store is served by several workers, or its data folder "
        "cannot be written",
        "429": _THROTTLED,
        "507": _NOT_WRITTEN,
    },
}


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_problems(
                get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented hook for a custom schema


def _with_problems(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            body = {"413": _TOO_LARGE} if "requestBody" in operation else {}
            for status, description in {**_COMMON, **body, **_EXTRA.get(path, {})}.items():
                content = {"application/problem+json": {"schema": ref}}
                response: dict[str, Any] = {"description": description, "content": content}
                if status in ("429", "503"):
                    response["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds"}}
                responses[status] = response
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema
