"""Compare a draft with the curated record of the same project: what is new, missing or changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["diff_records", "find_curated"]


def find_curated(record: dict[str, Any], projects_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    """The curated record about the same project: same project id, or a shared document id."""
    ids = {d["id"] for d in record["documents"]}
    for path in sorted(projects_dir.glob("*.yaml")):
        try:
            curated = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if not isinstance(curated, dict):
            continue
        same_docs = ids & {d.get("id") for d in curated.get("documents") or []}
        if (curated.get("project") or {}).get("id") == record["project"]["id"] or same_docs:
            return path, curated
    return None


def _rel_index(record: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["start"], r["type"], r["end"]): r for r in record.get("relationships") or []}


def diff_records(draft: dict[str, Any], curated: dict[str, Any]) -> list[str]:
    """Lines ``+ new``, ``- missing``, ``~ changed`` (relationships and project fields)."""
    lines: list[str] = []
    mine, theirs = _rel_index(draft), _rel_index(curated)
    for key in sorted(mine.keys() - theirs.keys()):
        lines.append(f"+ new      {key[1]} {key[0]} -> {key[2]}{_amount(mine[key])}")
    for key in sorted(theirs.keys() - mine.keys()):
        lines.append(f"- missing  {key[1]} {key[0]} -> {key[2]}{_amount(theirs[key])}")
    for key in sorted(mine.keys() & theirs.keys()):
        a, b = mine[key].get("amount_sek"), theirs[key].get("amount_sek")
        if a != b:
            lines.append(f"~ changed  {key[1]} {key[0]} -> {key[2]}: amount_sek {b} -> {a}")
    project, curated_project = draft["project"], curated.get("project") or {}
    for field, value in project.items():
        old = curated_project.get(field)
        if field != "id" and old is not None and str(old) != str(value):
            lines.append(f"~ changed  project.{field}: {old} -> {value}")
        elif old is None:
            lines.append(f"+ new      project.{field}: {value}")
    return lines


def _amount(rel: dict[str, Any]) -> str:
    return f" ({rel['amount_sek']} kr)" if rel.get("amount_sek") is not None else ""
