"""The README's promises run as tests: the quick start, the compose file, the test command."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_block_after(marker: str) -> str:
    match = re.search(re.escape(marker) + r".*?```sh\n(.*?)```", README, re.S)
    assert match, f"no code block after {marker!r} in README.md"
    return match.group(1).strip()


def test_quick_start_runs_the_main_job_on_the_embedded_default() -> None:
    command = _code_block_after("Run the main job on the embedded default")
    assert command.endswith("graphapp stats")
    exe = shutil.which("graphapp")
    assert exe, "the graphapp console command is not installed"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    done = subprocess.run([exe, "stats"], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Store: memory" in done.stdout and "Municipality  290" in done.stdout


def test_readme_test_command_is_what_ci_runs() -> None:
    assert _code_block_after("Run the tests exactly as CI does") == "bash .ci/run"
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_docker_compose_file_is_valid() -> None:
    exe = shutil.which("docker-compose")
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true and docker-compose is not installed (.ci/run installs it)")
        pytest.skip("docker-compose not installed (apt-get install docker-compose)")
    env = {**os.environ, "NEO4J_PASSWORD": "compose-check"}
    done = subprocess.run(
        [exe, "config", "-q"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    missing = subprocess.run(
        [exe, "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"},
    )
    assert missing.returncode != 0 and "NEO4J_PASSWORD" in missing.stderr
