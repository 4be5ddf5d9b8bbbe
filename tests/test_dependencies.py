"""The lint step's dependency check (deptry, configured in pyproject.toml) names undeclared imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _deptry(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    deptry = Path(sys.executable).with_name("deptry")
    return subprocess.run(
        [str(deptry), *args, "--no-ansi"], cwd=project, capture_output=True, text=True, timeout=120, check=False
    )


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_test_importing_an_undeclared_package_fails_naming_it(tmp_path: Path) -> None:
    project = _project(tmp_path, {"tests/test_new.py": "import undeclared_package_xyz\nimport pytest\n"})
    result = _deptry(project, "tests", "--ignore", "DEP002,DEP004")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "tests/test_new.py:1:8: DEP001 'undeclared_package_xyz' imported but missing" in output


def test_runtime_code_may_not_import_a_dev_dependency(tmp_path: Path) -> None:
    project = _project(tmp_path, {"graphapp/new.py": "import networkx\nimport pytest\n"})
    result = _deptry(project, "graphapp")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "DEP004 'pytest' imported but declared as a dev dependency" in output
    assert "networkx" not in output


def test_the_project_itself_passes() -> None:
    for args in (["graphapp"], ["tests", "benchmarks", "--ignore", "DEP002,DEP004"]):
        result = _deptry(ROOT, *args)
        assert result.returncode == 0, result.stdout + result.stderr
