"""The plan Neo4j reports for ``EXPLAIN`` and ``PROFILE`` as :class:`~graphapp.store.protocol.PlanStep` trees.

The driver hands a plan over as nested dicts (``operatorType``, ``identifiers``, ``args``,
``children``, and for a profile ``rows`` and ``dbHits``); this turns them into the store's neutral
type, operator names without their ``@neo4j`` suffix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphapp.store.protocol import PlanStep

__all__ = ["plan_step"]

#: Arguments that become fields of the step, not entries of ``arguments``.
_FIELDS = frozenset({"Details", "EstimatedRows", "Rows", "DbHits", "Memory", "Id"})


def plan_step(raw: Mapping[str, Any]) -> PlanStep:
    """The step of a plan dict and, recursively, of its children.

    >>> step = plan_step({"operatorType": "ProduceResults@neo4j", "identifiers": ["m"],
    ...     "args": {"Details": "m", "EstimatedRows": 290.0, "Rows": 290, "DbHits": 0, "runtime": "SLOTTED"},
    ...     "children": [{"operatorType": "NodeByLabelScan@neo4j", "args": {"Details": "m:Municipality"}}]})
    >>> step.operator, step.rows, step.arguments, step.children[0].details, step.children[0].rows
    ('ProduceResults', 290, {'runtime': 'SLOTTED'}, 'm:Municipality', None)
    """
    args = dict(raw.get("args") or raw.get("arguments") or {})
    return PlanStep(
        operator=str(raw.get("operatorType", "")).split("@")[0],
        details=str(args.get("Details", "")),
        identifiers=[str(name) for name in raw.get("identifiers") or []],
        estimated_rows=_number(args.get("EstimatedRows")),
        rows=_count(raw.get("rows", args.get("Rows"))),
        db_hits=_count(raw.get("dbHits", args.get("DbHits"))),
        memory_bytes=_count(args.get("Memory")),
        arguments={key: _plain(value) for key, value in sorted(args.items()) if key not in _FIELDS},
        children=[plan_step(child) for child in raw.get("children") or []],
    )


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _count(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _plain(value: Any) -> str | int | float | bool:
    return value if isinstance(value, str | int | float | bool) else str(value)
