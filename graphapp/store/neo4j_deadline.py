"""Analysts' Cypher on Neo4j with a deadline that holds whatever the query does.

Neo4j stops a transaction at its timeout only where it looks for termination: between
rows, in reads, while planning. It does not look inside one expression (Neo4j 5.26 keeps
evaluating ``reduce(…)`` or a list comprehension over a long list after the timeout, and
after ``TERMINATE TRANSACTIONS``), nor while parsing; and a server that stops answering
keeps the client waiting. :func:`run_with_deadline` therefore runs the transaction in a
worker thread and waits at most ``timeout + GRACE_SECONDS``. Then it

1. terminates the transaction on the server: ``TERMINATE TRANSACTIONS`` of the one whose
   metadata carries this run's request id, through a session of its own;
2. closes the worker's connection, so the worker's blocking read returns at once and the
   worker ends;
3. raises :class:`~graphapp.errors.QueryTimeout`.

A transaction Neo4j cannot stop stays listed by ``SHOW TRANSACTIONS`` as terminated
and still running. :func:`stuck_queries` finds analysts' transactions that are still
there :data:`STUCK_AFTER_SECONDS` past their timeout; the store refuses new analysts'
queries while there is one, so a hostile query sent again and again holds one core of
the server, not all of them.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any, Generic, LiteralString, TypeVar

import neo4j

from graphapp.errors import QueryTimeout, StoreUnavailable

__all__ = ["GRACE_SECONDS", "STUCK_AFTER_SECONDS", "run_with_deadline", "stuck_queries"]

#: How long past its timeout the API waits for Neo4j's own answer before it gives up.
GRACE_SECONDS = 0.75
#: How long it then waits for the server to acknowledge the termination.
TERMINATE_WAIT_SECONDS = 0.5
#: Past its timeout, an analyst's transaction still listed this long is stuck.
STUCK_AFTER_SECONDS = 2.0
#: Worker threads are named after this, so tests can see that none is left.
THREAD_PREFIX = "graphapp-cypher-"

_TERMINATE: LiteralString = """
SHOW TRANSACTIONS YIELD transactionId AS id, metaData
WHERE metaData.graphapp_request = $request
TERMINATE TRANSACTIONS id
YIELD transactionId RETURN transactionId
"""
_STUCK: LiteralString = """
SHOW TRANSACTIONS YIELD transactionId, metaData, elapsedTime, status
WHERE metaData.graphapp_timeout_ms IS NOT NULL
  AND elapsedTime.milliseconds > metaData.graphapp_timeout_ms + $stuck_after_ms
RETURN transactionId + ' for ' + toString(elapsedTime.milliseconds / 1000) + ' s' AS stuck
"""

_T = TypeVar("_T")


class _Run(Generic[_T]):
    """What the worker thread hands over: the session it uses, then a value or an error."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.session: neo4j.Session | None = None
        self.begun = False
        self.values: list[_T] = []  #: the one value, once the work returned
        self.error: BaseException | None = None

    def outcome(self) -> _T:
        if self.error is not None:
            raise self.error
        return self.values[0]

    def close_connection(self) -> None:
        """Close the worker's connection from this thread: its blocking read returns.

        The driver offers no public way to abort a call in flight from another thread
        (``Session.cancel()`` is for asyncio only), so this uses the connection the
        session holds; if a driver release moves it, the worker ends when the server
        answers the termination instead.
        """
        with self.lock:
            connection = getattr(self.session, "_connection", None)
        kill = getattr(connection, "kill", None)
        if callable(kill):
            kill()


def run_with_deadline(
    driver: neo4j.Driver,
    database: str,
    work: Callable[[neo4j.Transaction], _T],
    timeout: float,
) -> _T:
    """``work(tx)`` in a READ transaction with ``timeout``; its value, or its error.

    The transaction is rolled back after ``work`` (analysts' queries never commit). Past
    ``timeout + GRACE_SECONDS`` the transaction is terminated on the server, the worker's
    connection closed, and :class:`~graphapp.errors.QueryTimeout` raised (or
    :class:`~graphapp.errors.StoreUnavailable` if the transaction never began).
    """
    request = uuid.uuid4().hex
    run: _Run[_T] = _Run()
    metadata = {"graphapp_request": request, "graphapp_timeout_ms": round(timeout * 1000)}
    worker = threading.Thread(
        target=_work, args=(driver, database, work, timeout, metadata, run), name=THREAD_PREFIX + request, daemon=True
    )
    worker.start()
    worker.join(timeout + GRACE_SECONDS)
    if not worker.is_alive():
        return run.outcome()
    _in_background(_terminate, driver, database, request).join(TERMINATE_WAIT_SECONDS)
    run.close_connection()
    if not run.begun:
        raise StoreUnavailable(
            f"Neo4j did not start the query within {timeout:g} s; it was given up", code="unavailable"
        )
    raise QueryTimeout(
        f"the query ran past its time limit of {timeout:g} s; it was stopped",
        code="timeout",
        params={"seconds": timeout},
    )


def stuck_queries(driver: neo4j.Driver, database: str) -> list[str]:
    """Analysts' transactions still running well past their timeout ("neo4j-transaction-7 for 9 s").

    A server that does not let this user list its transactions (a role without the privilege)
    has none to report.
    """
    try:
        with driver.session(database=database) as session:
            return [r["stuck"] for r in session.run(_STUCK, stuck_after_ms=round(STUCK_AFTER_SECONDS * 1000))]
    except neo4j.exceptions.Forbidden:
        return []


def _work(
    driver: neo4j.Driver,
    database: str,
    work: Callable[[neo4j.Transaction], _T],
    timeout: float,
    metadata: dict[str, Any],
    run: _Run[_T],
) -> None:
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            with run.lock:
                run.session = session
            tx = session.begin_transaction(timeout=timeout, metadata=metadata)
            run.begun = True
            try:
                run.values.append(work(tx))
            finally:
                tx.close()  # rolls back: read only, nothing to commit
    except BaseException as exc:  # handed to the caller's thread, which raises it
        run.error = exc


def _terminate(driver: neo4j.Driver, database: str, request: str) -> None:
    try:
        with driver.session(database=database) as session:
            session.run(_TERMINATE, request=request).consume()
    except Exception:  # the query's own answer matters more; the next check finds what is left
        return


def _in_background(function: Callable[..., None], *args: Any) -> threading.Thread:
    thread = threading.Thread(target=function, args=args, name=THREAD_PREFIX + "terminate", daemon=True)
    thread.start()
    return thread
