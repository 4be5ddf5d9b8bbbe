"""The ``graphapp extract`` command: documents in, draft records out (JSON, YAML files, or a diff)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graphapp.errors import GraphappError
from graphapp.extract.diff import diff_records, find_curated
from graphapp.extract.draft import Draft
from graphapp.extract.evaluate import evaluate_corpus
from graphapp.extract.gazetteer import load_gazetteer
from graphapp.extract.pipeline import extract_text
from graphapp.extract.readers import read_document
from graphapp.extract.record_file import draft_record, group_by_project, record_yaml
from graphapp.paths import default_data_dir
from graphapp.records.loader import parse_record_file
from graphapp.records.reference import reference_graph

__all__ = ["extract"]


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write one draft record file per project into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per file.")
@click.option("--diff", "as_diff", is_flag=True, help="Compare each draft with the curated record of its project.")
@click.option(
    "--evaluate",
    "corpus",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Score extraction on a corpus folder (docs/ and gold/): precision, recall and F1 per kind.",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Reference tables and curated records (default: data/).",
)
def extract(
    files: tuple[Path, ...],
    out_dir: Path | None,
    as_json: bool,
    as_diff: bool,
    corpus: Path | None,
    data_dir: Path | None,
) -> None:
    """Read project documents (.txt, .md, .html, .pdf, .docx) and propose the nodes and relationships
    they describe; or, with --evaluate DIR, score the extraction on a corpus with gold annotations."""
    data = data_dir or default_data_dir()
    gazetteer = load_gazetteer(data / "reference")
    if corpus is not None:
        evaluation = evaluate_corpus(corpus, gazetteer)
        if as_json:
            click.echo(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2))
        else:
            click.echo("\n".join(evaluation.lines()))
        return
    if not files:
        raise click.UsageError("give one or more FILES, or --evaluate DIR")
    drafts: list[Draft] = []
    results: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            source = read_document(path)
            draft = extract_text(source.text, str(path), gazetteer, source.format, source.original, source.url)
        except GraphappError as exc:
            failed += 1
            click.echo(f"error: {exc.detail}", err=True)
            results.append({"file": str(path), "nodes": [], "relationships": [], "warnings": [], "error": exc.detail})
            continue
        drafts.append(draft)
        results.append(draft.to_json())
    groups = group_by_project(drafts)
    reference_ids = set(reference_graph(data / "reference").nodes)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif not as_diff:
        _summary(drafts)
    if out_dir:
        _write(groups, reference_ids, out_dir)
    if as_diff:
        _diff(groups, reference_ids, data / "projects")
    if failed:
        raise click.exceptions.Exit(1)


def _summary(drafts: list[Draft]) -> None:
    for draft in drafts:
        data = draft.to_json()
        click.echo(
            f"{draft.file}: {draft.project.id} — {len(data['nodes'])} nodes, {len(data['relationships'])} relationships"
        )
        for warning in draft.warnings:
            click.echo(f"  warning: {warning}")


def _write(groups: dict[str, list[Draft]], reference_ids: set[str], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for project_id, drafts in groups.items():
        text = record_yaml(draft_record(drafts, reference_ids), [w for d in drafts for w in d.warnings])
        target = out_dir / f"{project_id.removeprefix('project:')}.yaml"
        try:
            parse_record_file(text, str(target))
        except GraphappError as exc:
            click.echo(f"error: draft for {project_id} does not validate, not written: {exc.detail}", err=True)
            continue
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target} ({len(drafts)} document(s))", err=True)


def _diff(groups: dict[str, list[Draft]], reference_ids: set[str], projects_dir: Path) -> None:
    for project_id, drafts in groups.items():
        record = draft_record(drafts, reference_ids)
        found = find_curated(record, projects_dir)
        if found is None:
            click.echo(f"{project_id}: no curated record yet; everything is new")
            continue
        path, curated = found
        lines = diff_records(record, curated)
        click.echo(f"{project_id} vs {path.name}: {len(lines)} difference(s)")
        for line in lines:
            click.echo(f"  {line}")
