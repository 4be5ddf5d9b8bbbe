"""Every setting is documented for operators (docs/operators.md) and refuses unsafe values by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graphapp.config import Settings
from tests.conftest import DATA_DIR, ROOT, USER_DATA_HOME


def env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    return str(choices[0]) if choices else f"GRAPHAPP_{field.upper()}"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_has_a_row_in_the_operators_documentation(field: str) -> None:
    operators = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    assert f"| `{env_name(field)}` |" in operators
    assert Settings.model_fields[field].description


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("NEO4J_URI", "http://localhost:7474", "NEO4J_URI must start with"),
        ("GRAPHAPP_EMBED_ORIGINS", "https://ok.example, javascript:alert(1)", "is not an origin"),
        ("GRAPHAPP_QUERY_TIMEOUT", "0", "greater than 0"),
        ("GRAPHAPP_PORT", "70000", "less than or equal to 65535"),
    ],
)
def test_unsafe_settings_are_refused(monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=message):
        Settings()


@pytest.mark.parametrize("uri", ["bolt://db:7687", "neo4j://cluster:7687", "neo4j+s://x.databases.neo4j.io"])
def test_neo4j_uri_schemes_are_accepted(monkeypatch: pytest.MonkeyPatch, uri: str) -> None:
    monkeypatch.setenv("NEO4J_URI", uri)
    settings = Settings()
    assert settings.neo4j_uri == uri and settings.store_name == "neo4j"


def test_the_default_data_folder_is_the_platforms_and_never_the_users_in_tests() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.data_dir == USER_DATA_HOME / "graphapp"
    assert settings.curation_path == USER_DATA_HOME / "graphapp" / "curation"


def test_the_seed_network_is_the_shipped_one_unless_the_data_folder_brings_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine"
    assert Settings(_env_file=None, data_dir=mine).seed_path == DATA_DIR  # type: ignore[call-arg]
    (mine / "reference").mkdir(parents=True)
    complete = Settings(_env_file=None, data_dir=mine)  # type: ignore[call-arg]
    assert complete.seed_path == mine and complete.reference_dir == mine / "reference"
    monkeypatch.setenv("GRAPHAPP_SEED_DIR", str(tmp_path / "seeds"))
    chosen = Settings(_env_file=None, data_dir=mine)  # type: ignore[call-arg]
    assert chosen.seed_path == tmp_path / "seeds" and chosen.reference_dir == tmp_path / "seeds" / "reference"


def test_the_start_up_line_names_every_folder(tmp_path: Path) -> None:
    line = Settings(_env_file=None, data_dir=tmp_path / "mine", curation_dir=tmp_path / "drafts").folders_line()  # type: ignore[call-arg]
    assert str(tmp_path / "mine") in line and str(tmp_path / "drafts") in line and str(DATA_DIR) in line
