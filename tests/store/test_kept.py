"""Results kept in files outside the database (graphapp.store.kept): whole files, one claimant."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from graphapp.store.kept import KeptFiles


def test_a_kept_result_is_read_back_by_another_reader_of_the_folder(tmp_path: Path) -> None:
    KeptFiles(tmp_path).keep("metrics", "v1", '{"degree": []}')
    assert KeptFiles(tmp_path).get("metrics") == ("v1", '{"degree": []}')
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]  # no temporary file left


def test_of_many_claimants_one_gets_the_claim(tmp_path: Path) -> None:
    got: list[bool] = []
    barrier = threading.Barrier(8)

    def claim() -> None:
        barrier.wait()
        got.append(KeptFiles(tmp_path).claim("metrics", "v1", 60))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got) == [False] * 7 + [True]


def test_a_claim_ends_with_the_result_and_lapses_with_its_time_or_version(tmp_path: Path) -> None:
    kept = KeptFiles(tmp_path)
    assert kept.claim("metrics", "v1", 60)
    assert not kept.claim("metrics", "v1", 60)  # held
    assert kept.claim("metrics", "v2", 60)  # the graph moved on: the claim on v1 is stale
    assert kept.claim("metrics", "v2", -1) is False  # held until it runs out...
    assert KeptFiles(tmp_path).claim("metrics", "v3", -1)
    assert kept.claim("metrics", "v3", 60)  # ...and a claim past its time is taken over
    kept.keep("metrics", "v3", "done")
    assert not kept.claim("metrics", "v3", 60)  # kept: nothing to compute
    assert not (tmp_path / "metrics.claim").exists()


def test_a_folder_that_cannot_be_written_keeps_nothing_and_lets_everyone_compute(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        folder = Path("/proc/graphapp-cannot-be-written")  # not even root writes here
    else:
        tmp_path.chmod(0o500)
        folder = tmp_path / "kept"
    kept = KeptFiles(folder)
    assert kept.claim("metrics", "v1", 60) and kept.claim("metrics", "v1", 60)
    kept.keep("metrics", "v1", "lost")
    assert kept.get("metrics") is None


@pytest.mark.parametrize("text", ["", "{not json", "[]", '{"version": 1, "value": "x"}'])
def test_a_damaged_file_reads_as_nothing_kept(tmp_path: Path, text: str) -> None:
    (tmp_path / "metrics.json").write_text(text, encoding="utf-8")
    assert KeptFiles(tmp_path).get("metrics") is None
