"""The README's promises run as tests: the quick start, the compose file, the test command."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
import yaml

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_block_after(marker: str) -> str:
    match = re.search(re.escape(marker) + r".*?```sh\n(.*?)```", README, re.S)
    assert match, f"no code block after {marker!r} in README.md"
    return match.group(1).strip()


def test_quick_start_serves_the_seed_network_on_the_embedded_default() -> None:
    command = _code_block_after("Run the main job on the embedded default")
    assert command.endswith("graphapp serve")
    exe = shutil.which("graphapp")
    assert exe, "the graphapp console command is not installed"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_"))}
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(
        [exe, "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        try:
            _wait_until_ready(base, server)
            with urllib.request.urlopen(f"{base}/", timeout=10) as page:
                assert "graphapp" in page.read().decode("utf-8")
            with urllib.request.urlopen(f"{base}/api/search?q=connecting", timeout=10) as found:
                assert "project:connecting-people" in [r["id"] for r in json.load(found)["results"]]
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health/ready", timeout=2) as answer:
                assert json.load(answer)["store"] == "memory"
            return
        except OSError:
            assert server.poll() is None, "graphapp serve exited"
            assert time.monotonic() < deadline, "graphapp serve did not answer within 60 s"
            time.sleep(0.3)


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


def test_docker_compose_limits_each_transactions_memory() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    environment = compose["services"]["neo4j"]["environment"]
    assert environment["NEO4J_db_memory_transaction_max"] == "${NEO4J_TRANSACTION_MAX:-256m}"
    assert environment["NEO4J_dbms_memory_transaction_total_max"] == "${NEO4J_TRANSACTION_TOTAL_MAX:-512m}"


def test_docker_keeps_the_users_data_in_a_volume_and_the_rest_read_only() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    app = compose["services"]["app"]
    assert "graphapp-data:/var/lib/graphapp" in app["volumes"] and "graphapp-data" in compose["volumes"]
    assert app["read_only"] is True and app["tmpfs"] == ["/tmp"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "ENV GRAPHAPP_DATA_DIR=/var/lib/graphapp" in dockerfile and "VOLUME /var/lib/graphapp" in dockerfile
    assert "COPY data ./data" not in dockerfile, "a checkout's imports never go into the image"
