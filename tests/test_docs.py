"""The documentation keeps its promises: the site builds without a warning, every ``graphapp``
command it shows exists with the options it uses, and every URL of the app it names answers."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from fastapi.testclient import TestClient

from graphapp.api.app import create_app
from graphapp.cli.main import cli
from graphapp.config import Settings
from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Where the documentation shows the app: its own address and the placeholders for a user's host.
HOSTS = r"(?:http://127\.0\.0\.1:8000|https://your-host|https://graphapp\.example\.se)"
#: Folders of a machine or a container, named in the docs but not the app's URLs.
NOT_THE_APP = ("/tmp", "/var", "/usr", "/etc", "/data", "/home", "/work", "/proc", "/dev", "/_bundled")
#: Placeholders of the docs' URL templates, and a real value of the seed network for each.
EXAMPLES = {"{id}": "municipality:1766", "{view}": "actor", "{name}": "partners-of-municipality"}


def _texts() -> Iterator[tuple[str, str]]:
    for page in PAGES:
        yield page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")


def _commands() -> list[tuple[str, str]]:
    """Every ``graphapp …`` line of a shell block or inline code, with the page it is on."""
    found: list[tuple[str, str]] = []
    for name, text in _texts():
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            for part in re.split(r"&&|\n|;", block):
                if re.match(r"\s*(?:\w+=\S+\s+)*graphapp\b", part):
                    found.append((name, part.strip()))
        found += [(name, code) for code in re.findall(r"`((?:[A-Z_]+=\S+ )*graphapp [^`]*)`", text)]
    return found


def _paths() -> list[tuple[str, str]]:
    """Every path of the app the docs name: in inline code (``/api/…``, ``GET /api/…``) or a link."""
    found: list[tuple[str, str]] = []
    for name, text in _texts():
        found += [(name, p) for p in re.findall(r"`(?:GET |POST |DELETE )?(/[a-z][^`\s]*)`", text)]
        found += [(name, p) for p in re.findall(HOSTS + r"(/[^\s>`\")]*)", text)]
    return [(name, path) for name, path in found if not path.startswith(NOT_THE_APP)]


def test_the_documentation_site_builds_without_a_warning(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "analysts" / "index.html").is_file()


def test_the_readme_is_short_and_points_to_every_page_of_the_site() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert page.name == "index.md" or f"(docs/{page.name}" in readme, f"README.md does not link {page.name}"


def test_the_docs_show_commands_and_urls() -> None:
    assert len(_commands()) > 20 and len(_paths()) > 60  # the finders find them


@pytest.mark.parametrize(("page", "line"), _commands())
def test_every_command_shown_exists_with_its_options(page: str, line: str) -> None:
    words = [w for w in shlex.split(line.replace("…", "").replace("|", " ")) if "=" not in w or w.startswith("-")]
    words = words[words.index("graphapp") + 1 :]
    assert words, f"{page}: {line!r} names no subcommand"
    command = cli.commands.get(words[0])
    assert isinstance(command, click.Command), f"{page}: {line!r}: no command {words[0]!r}"
    options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    options |= {"--help", "-h"}
    used = {w.split("=")[0].strip("[]") for w in words[1:] if w.lstrip("[").startswith("-")}
    assert used <= options, f"{page}: {line!r}: {sorted(used - options)} not options of graphapp {words[0]}"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(_env_file=None)), follow_redirects=False) as answering:
        yield answering


def _route_paths(routes: Sequence[Any]) -> Iterator[str]:
    for route in routes:
        if hasattr(route, "original_router"):  # FastAPI's included router
            yield from _route_paths(route.original_router.routes)
        elif hasattr(route, "path"):
            yield route.path


@pytest.mark.parametrize(("page", "path"), _paths())
def test_every_url_shown_answers(client: TestClient, page: str, path: str) -> None:
    path = path.rstrip(".,:;")
    if path.endswith(("/", "/…")):  # a family of URLs: the app has one under it
        prefix = path.rstrip("…")
        routes = list(_route_paths(client.app.router.routes))  # type: ignore[attr-defined]
        under = [r for r in routes if r.startswith(prefix) or ("{" in r and prefix.startswith(r.split("{")[0]))]
        assert under, f"{page}: nothing under {path}"
        return
    for placeholder, value in EXAMPLES.items():
        path = path.replace(placeholder, value)
    if "…" in path or "{" in path or "=&" in path or path.endswith("="):  # a template of parameters
        path = re.split(r"[?…{]", path)[0].rstrip("/") or "/"
    answer = client.get(path)
    assert answer.status_code != 404, f"{page}: {path} is not a page or endpoint of the app"
