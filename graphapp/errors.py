"""The one exception tree of graphapp.

::

    GraphappError                      500  (never raised for a client's mistake)
    ├── InvalidSettings                500  the environment or .env names an unsafe value
    ├── InvalidRecords                 422  a record file or request body failed validation
    ├── InvalidRequest                 400  a parameter makes no sense (bad filter, bad depth)
    │   └── InvalidQuery               400  Cypher that is malformed or not allowed
    ├── NotFound                       404  an id that is not in the graph
    ├── Conflict                       409  a request the server's state refuses (an import into one of several workers)
    ├── ContentTooLarge                413  a request body over the limit (refused before it is read)
    ├── UnsupportedMediaType           415  an upload of a kind graphapp does not read, or not of its suffix
    ├── UnprocessableContent           422  an upload that cannot be read (empty, no file name)
    ├── TooManyAttempts                429  a client that failed to authenticate too often waits (Retry-After)
    ├── CypherNotSupported             501  Cypher asked of the embedded store
    ├── QueryTimeout                   400  a query ran past its time limit
    ├── StoreUnavailable               503  the database cannot be reached; retry later
    └── NotWritten                     507  the server could not write (disk full, file-size limit); nothing changed

Each class carries its HTTP ``status`` and a short ``title``; the API turns any of
them into ``application/problem+json`` and the CLI into a one-line message.
Third-party errors are translated once, at the edge of the store.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "Conflict",
    "ContentTooLarge",
    "CypherNotSupported",
    "GraphappError",
    "InvalidQuery",
    "InvalidRecords",
    "InvalidRequest",
    "InvalidSettings",
    "NotFound",
    "NotWritten",
    "QueryTimeout",
    "StoreUnavailable",
    "TooManyAttempts",
    "UnprocessableContent",
    "UnsupportedMediaType",
]


class GraphappError(Exception):
    """``detail`` says what went wrong in English (the CLI, logs, API clients); ``code`` and ``params``,
    when given, let a page say it in its own language (``problem+json`` carries them)."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, detail: str, *, code: str | None = None, params: Mapping[str, object] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.params = dict(params or {})


class InvalidSettings(GraphappError):
    title = "Invalid settings"


class InvalidRecords(GraphappError):
    status = 422
    title = "Invalid records"

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{len(problems)} problem(s) in the records; nothing was loaded:\n{shown}{more}",
            code="invalid_records",
            params={"count": len(problems)},
        )


class InvalidRequest(GraphappError):
    status = 400
    title = "Invalid request"


class InvalidQuery(InvalidRequest):
    title = "Invalid query"


class NotFound(GraphappError):
    status = 404
    title = "Not found"


class Conflict(GraphappError):
    status = 409
    title = "Conflict"


class ContentTooLarge(GraphappError):
    status = 413
    title = "Content too large"


class UnsupportedMediaType(GraphappError):
    status = 415
    title = "Unsupported media type"


class UnprocessableContent(GraphappError):
    status = 422
    title = "Unprocessable content"


class CypherNotSupported(GraphappError):
    status = 501
    title = "Cypher needs Neo4j"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(
            detail
            or "Cypher runs on Neo4j only; the embedded store does not emulate it. "
            "Set NEO4J_URI (and NEO4J_PASSWORD) to use a Neo4j server."
        )


class QueryTimeout(GraphappError):
    status = 400
    title = "Query timeout"


class StoreUnavailable(GraphappError):
    status = 503
    title = "Store unavailable"
    retry_after_seconds = 5


class NotWritten(GraphappError):
    status = 507
    title = "Not written"


class TooManyAttempts(GraphappError):
    status = 429
    title = "Too many attempts"

    def __init__(self, detail: str, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds
