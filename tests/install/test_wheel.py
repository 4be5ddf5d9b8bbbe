"""graphapp installed as a user installs it: the wheel, in a fresh environment outside the repository.

The wheel is built from this checkout (``uv build``) and installed with the locked runtime
dependencies into a new virtual environment in a temporary folder; its site-packages is then made
read only, and the commands run in a read-only working folder. Where tests run as root, whom
permissions do not stop, the commands run as ``nobody`` (``setpriv``), so read only means read only.
The installed ``graphapp serve`` must show the seed network, the map and the saved queries from the
package, name the user's data folder at start-up, keep an import there (one through the API, one with
``graphapp import``) and still have both after a restart.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from uv import find_uv_bin

from tests.api.test_records import RECORD
from tests.conftest import ROOT
from tests.sheets.builders import project_list, workbook

API_KEY = "wheel-test-key-0123456789"
NOBODY = 65534

pytestmark = pytest.mark.timeout(900)


@dataclass
class Installed:
    base: Path  #: the temporary folder outside the repository holding everything below
    wheel: Path
    python: Path
    site_packages: Path
    workdir: Path  #: read only: where the commands run
    xdg: Path  #: the platform's data folder of the user running the commands

    @property
    def data_dir(self) -> Path:
        return self.xdg / "graphapp"

    def env(self) -> dict[str, str]:
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHAPP_", "VIRTUAL_ENV"))}
        return {
            **inherited,
            "PATH": f"{self.python.parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(self.base / "home"),
            "XDG_DATA_HOME": str(self.xdg),
            "GRAPHAPP_API_KEY": API_KEY,
        }

    def command(self, *args: str) -> list[str]:
        """``graphapp args…`` of the installed package, as ``nobody`` when tests run as root."""
        user = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []
        return [*user, str(self.python.parent / "graphapp"), *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            cwd=self.workdir,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def _run(*args: str | Path, cwd: Path | None = None) -> None:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.fail("tests run as root need setpriv (util-linux) to run the installed app as another user")
    uv = find_uv_bin()
    base = Path(tempfile.mkdtemp(prefix="graphapp-wheel-"))  # not pytest's tmp: another user must enter it
    assert not base.resolve().is_relative_to(ROOT)
    base.chmod(0o755)
    try:
        _run(uv, "build", "--wheel", "--out-dir", base / "dist", ROOT, cwd=ROOT)
        (wheel,) = (base / "dist").glob("graphapp-*.whl")
        requirements = base / "requirements.txt"
        _run(
            uv, "export", "--locked", "--no-dev", "--no-emit-project", "--no-hashes", "-q", "-o", requirements, cwd=ROOT
        )
        venv = base / "venv"
        _run(uv, "venv", "--python", sys.executable, "--no-project", venv, cwd=base)
        python = venv / "bin" / "python"
        _run(uv, "pip", "install", "--python", python, "-r", requirements, wheel, cwd=base)
        site_packages = next((venv / "lib").glob("python3*/site-packages"))
        for folder in ("home", "xdg"):
            (base / folder).mkdir()
            if os.geteuid() == 0:
                os.chown(base / folder, NOBODY, NOBODY)
        workdir = base / "work"
        workdir.mkdir()
        _read_only(site_packages)
        workdir.chmod(0o555)
        yield Installed(base, wheel, python, site_packages, workdir, base / "xdg")
    finally:
        for path in (base, *base.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(base, ignore_errors=True)


def _read_only(folder: Path) -> None:
    for path in (*folder.rglob("*"), folder):
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _listing(folder: Path) -> set[tuple[str, int]]:
    return {(str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if not p.is_symlink()}


@dataclass
class Server:
    url: str
    log: str


def _serve(installed: Installed) -> Iterator[Server]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    log = installed.base / f"serve-{port}.log"
    with (
        log.open("w") as out,
        subprocess.Popen(
            installed.command("serve", "--port", str(port), "--log-level", "warning"),
            cwd=installed.workdir,
            env=installed.env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        ) as server,
    ):
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/health/ready", timeout=2):
                        break
                except OSError:
                    assert server.poll() is None, "graphapp serve exited: " + log.read_text(encoding="utf-8")
                    assert time.monotonic() < deadline, "graphapp serve did not answer within 90 s"
                    time.sleep(0.3)
            yield Server(url, log.read_text(encoding="utf-8"))
        finally:
            server.terminate()
            server.wait(timeout=30)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as answer:
        body = answer.read()
        return json.loads(body) if answer.headers.get_content_type().endswith("json") else body.decode("utf-8")


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "X-API-Key": API_KEY},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def _search(server: Server, text: str) -> list[str]:
    found = _get(f"{server.url}/api/search?q={urllib.request.quote(text)}")
    return [hit["id"] for hit in found["results"]]


def test_the_wheel_ships_the_seed_network_and_no_ones_data(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    for shipped in (
        "graphapp/_bundled/data/reference/municipalities.csv",
        "graphapp/_bundled/data/projects/connecting-people.yaml",
        "graphapp/_bundled/data/documents/README.md",
        "graphapp/_bundled/cypher/partners-of-municipality.cypher",
        "graphapp/static/map/sweden.geojson",
        "graphapp/templates/page.html",
    ):
        assert shipped in names
    assert not [n for n in names if n.startswith(("graphapp/_bundled/data/imports", "graphapp/_bundled/data/curation"))]


def test_installed_app_serves_the_seeds_and_keeps_imports_in_the_users_folder(installed: Installed) -> None:
    untouched = _listing(installed.site_packages)
    bundled = installed.site_packages / "graphapp" / "_bundled" / "data"
    for server in _serve(installed):
        assert f"your data goes to {installed.data_dir} (imports)" in server.log
        assert f"the seed network is read from {bundled}" in server.log
        overview = _get(f"{server.url}/views/overview.json")
        assert "project:connecting-people" in {n["id"] for n in overview["nodes"]}
        geojson = _get(f"{server.url}/static/map/sweden.geojson")
        assert json.loads(geojson)["features"] if isinstance(geojson, str) else geojson["features"]
        queries = [q["name"] for q in _get(f"{server.url}/api/queries")["queries"]]
        assert "partners-of-municipality" in queries
        assert "partners-of-municipality" in _get(f"{server.url}/cypher")
        assert _post(f"{server.url}/api/records", RECORD)["project"] == "project:test-import"
        assert "project:test-import" in _search(server, "Språkcafé Ljungby")
    assert sorted(p.name for p in (installed.data_dir / "imports").glob("*/*.yaml")) == ["test-import.yaml"]

    sheet = installed.base / "home" / "region.xlsx"
    sheet.write_bytes(workbook({"Projekt": project_list()}))
    sheet.chmod(0o644)
    done = installed.run("import", str(sheet))
    assert done.returncode == 0, done.stdout + done.stderr
    assert str(installed.data_dir / "imports") in done.stdout

    for server in _serve(installed):  # a restart: what was imported is there
        assert "project:test-import" in _search(server, "Språkcafé Ljungby")
        assert "project:sprakbron-kronoberg" in _search(server, "Språkbron Kronoberg")
        assert "project:connecting-people" in _search(server, "Connecting people")
    journal = list((installed.data_dir / "curation").rglob("*"))
    assert journal, "the curator's journal of imports is in the user's folder too"
    assert _listing(installed.site_packages) == untouched, "nothing written into the installed package"
