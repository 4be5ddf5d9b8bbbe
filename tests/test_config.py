"""Every setting is documented in the README and refuses unsafe values by name."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graphapp.config import Settings
from tests.conftest import ROOT


def env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    return str(choices[0]) if choices else f"GRAPHAPP_{field.upper()}"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_has_a_readme_row(field: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{env_name(field)}` |" in readme
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
