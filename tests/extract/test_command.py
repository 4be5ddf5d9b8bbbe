"""``graphapp extract`` end to end: JSON, draft files, diff, and bad input that never gives a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphapp.cli import cli
from graphapp.records import parse_record_file
from tests.extract.conftest import DOCUMENTS

GOOD = DOCUMENTS / "news_board_inferred.md"


def _bad_files(tmp: Path) -> dict[str, Path]:
    big = tmp / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"Sunne kommun driver projektet X. " * (20 * 1024 * 1024 // 33 + 1))
    files = {
        "empty": tmp / "empty.txt",
        "binary": tmp / "binary.txt",
        "big": big,
        "missing": tmp / "missing.txt",
        "blank html": tmp / "blank.html",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["blank html"].write_text("<html><script>var a = 'Sunne kommun';</script></html>", encoding="utf-8")
    return files


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("empty", "empty"),
        ("binary", "binary"),
        ("big", "MB limit"),
        ("missing", "no such file"),
        ("blank html", "empty"),
    ],
)
def test_bad_input_is_reported_and_the_rest_processed(tmp_path: Path, case: str, message: str) -> None:
    bad = _bad_files(tmp_path)[case]
    out_dir = tmp_path / "drafts"
    result = CliRunner().invoke(cli, ["extract", "--json", "--out", str(out_dir), str(bad), str(GOOD)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert f"{bad}" in result.stderr and message in result.stderr
    objects = json.loads(result.stdout)
    assert [o["file"] for o in objects] == [str(bad), str(GOOD)]
    assert objects[1]["relationships"]
    assert [p.name for p in out_dir.iterdir()] == ["motesplats-norr.yaml"]


def test_drafts_validate_and_merge_documents(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(DOCUMENTS.iterdir())]
    result = CliRunner().invoke(cli, ["extract", "--out", str(tmp_path), *files])
    assert result.exit_code == 0, result.output
    written = sorted(tmp_path.glob("*.yaml"))
    assert len(written) == len(files)
    for path in written:
        record = parse_record_file(path.read_text(encoding="utf-8"), str(path))
        assert record.documents[0].id.startswith("document:")


def test_diff_against_curated(tmp_path: Path) -> None:
    projects = tmp_path / "data" / "projects"
    projects.mkdir(parents=True)
    (tmp_path / "data" / "reference").symlink_to(Path(__file__).resolve().parents[2] / "data" / "reference")
    result = CliRunner().invoke(cli, ["extract", "--out", str(projects), str(GOOD)])
    assert result.exit_code == 0
    curated = projects / "motesplats-norr.yaml"
    curated.write_text(
        curated.read_text(encoding="utf-8").replace("municipality:2582", "municipality:2581"), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["extract", "--diff", "--data-dir", str(tmp_path / "data"), str(GOOD)])
    assert result.exit_code == 0, result.output
    assert "+ new      PARTICIPATES_IN municipality:2582" in result.output
    assert "- missing  PARTICIPATES_IN municipality:2581" in result.output


def test_a_named_actor_is_proposed_for_a_decision_not_written(tmp_path: Path) -> None:
    """A short item that gives no one a part: ``--json`` proposes what it names, marked ``mentioned``; the
    draft file holds no relationship nobody decided on; the curator's proposal carries the mark."""
    from graphapp.curation.documents import proposal_of
    from graphapp.sheets import Resolver as SheetResolver
    from tests.conftest import DATA_DIR

    item = tmp_path / "sprakcafe.txt"
    item.write_text(
        "Språkcafé i Ludvika\n\nSvenska kyrkan bjuder in nyanlända till språkcafé varje tisdag. "
        "Ludvika kommun och Arbetsförmedlingen finns på plats.\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "drafts"
    result = CliRunner().invoke(cli, ["extract", "--json", "--out", str(out_dir), str(item)])
    assert result.exit_code == 0, result.output
    draft = json.loads(result.stdout)[0]
    mentioned = [r for r in draft["relationships"] if r.get("mentioned")]
    assert {r["start"] for r in mentioned} >= {"municipality:2085", "agency:arbetsformedlingen"}
    written = next(out_dir.iterdir())
    record = parse_record_file(written.read_text(encoding="utf-8"), str(written))
    assert not [r for r in record.relationships if r.start in {"municipality:2085", "agency:arbetsformedlingen"}]
    proposal = proposal_of(draft, SheetResolver.load(DATA_DIR / "reference"))
    marked = {r.start for r in proposal.relationships.values() if r.mentioned}
    assert {"municipality:2085", "agency:arbetsformedlingen"} <= marked
    assert all(r.decision == "pending" and r.role is None for r in proposal.relationships.values() if r.mentioned)
