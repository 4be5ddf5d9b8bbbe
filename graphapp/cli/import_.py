"""``graphapp import``: spreadsheets in, reported per cell, written all or nothing; ``--undo`` takes one back."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graphapp.config import load_settings
from graphapp.curation.service import accept, propose, undo_last
from graphapp.curation.workspace import Workspace
from graphapp.errors import GraphappError
from graphapp.records.proposal import Proposal
from graphapp.sheets import MAX_BYTES, Resolver, parse_mapping
from graphapp.store import opened

__all__ = ["import_"]


@click.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="HEADER=FIELD",
    help="Read the column HEADER as FIELD (name, owner, municipalities, counties, partners, co_funders, fund, "
    "grant, total_budget, start, end, period, description, programme_area, esf_region, phase, status, "
    "case_number; Kumu: type, from, to, role, amount, kind), or drop it (skip, personal). Repeatable.",
)
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows and skip those with problems.")
@click.option("--dry-run", is_flag=True, help="Read, resolve and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
@click.option("--undo", is_flag=True, help="Take back the last accepted import (from here or the curator's page).")
def import_(
    files: tuple[Path, ...], columns: tuple[str, ...], skip_invalid: bool, dry_run: bool, as_json: bool, undo: bool
) -> None:
    """Import project lists (.xlsx, .csv; one row per project) or Kumu Elements and Connections sheets.

    Names are resolved through the reference tables; every problem is reported by file, sheet, row and
    column, and nothing is written unless all rows are valid (or --skip-invalid). On the embedded store the
    import is kept as record files in data/imports/; on Neo4j it is merged in one transaction.
    """
    settings = load_settings()
    workspace = Workspace(settings.curation_path, settings.data_dir)
    if undo:
        with opened(settings) as store:
            receipt, _ = undo_last(store, settings.data_dir, workspace)
        where = f" and deleted {receipt.folder}" if receipt.folder else ""
        click.echo(f"Undid the import {receipt.batch}: took back {len(receipt.nodes)} nodes{where}.")
        return
    if not files:
        raise click.UsageError("give one or more files to import (or --undo)")
    try:
        mapping = parse_mapping(columns)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--column") from None
    proposals = propose([(path.name, _read(path)) for path in files], Resolver.load(settings.reference_dir), mapping)
    if as_json:
        click.echo(json.dumps([p.model_dump(mode="json") for p in proposals], ensure_ascii=False, indent=2))
    problems = sum(len(p.problems) for p in proposals)
    for proposal in proposals:
        _report(proposal, err=as_json)
    if problems and not skip_invalid:
        click.echo(
            f"Nothing was written: {problems} problem(s). Fix them, map unknown columns with --column, "
            "or pass --skip-invalid to import the valid rows only.",
            err=True,
        )
        raise click.exceptions.Exit(1)
    if dry_run:
        click.echo("Dry run: nothing was written.", err=True)
        return
    with opened(settings) as store:
        for proposal in proposals:
            if not proposal.nodes:
                click.echo(f"{proposal.source}: nothing to write (no valid row)", err=True)
                continue
            receipt = accept(store, settings.data_dir, workspace, proposal, skip_invalid=True)
            if receipt.unchanged:
                click.echo(f"{proposal.source}: imported before ({receipt.folder or store.name}); nothing changed.")
            elif receipt.folder:
                click.echo(
                    f"{proposal.source}: wrote {len(receipt.files)} record file(s) to "
                    f"{settings.data_dir / receipt.folder} ({len(receipt.nodes)} new nodes, "
                    f"{receipt.relationships} relationships); the embedded store loads them at start."
                )
            else:
                click.echo(
                    f"{proposal.source}: merged {len(receipt.projects)} project(s), {len(receipt.nodes)} new nodes "
                    f"and {receipt.relationships} relationships into {store.name}."
                )


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise GraphappError(f"{path}: larger than the {MAX_BYTES // 1_048_576} MB limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise click.BadParameter(f"{path}: no such file", param_hint="FILES") from None
    except OSError as exc:
        raise click.BadParameter(f"{path}: cannot read: {exc.strerror or exc}", param_hint="FILES") from None


def _report(proposal: Proposal, err: bool) -> None:
    projects = sum(1 for n in proposal.nodes.values() if n.label == "Project")
    unresolved = sum(1 for n in proposal.nodes.values() if not n.resolved)
    click.echo(
        f"{proposal.source}: {projects} project(s), {len(proposal.relationships)} relationship(s), "
        f"{unresolved} unresolved name(s), {proposal.personal_data_dropped} personal-data cell(s) dropped, "
        f"{len(proposal.invalid_rows)} invalid row(s)",
        err=err,
    )
    for warning in proposal.warnings:
        click.echo(f"  warning: {warning}", err=True)
    for problem in proposal.problems:
        click.echo(f"  {problem}", err=True)
