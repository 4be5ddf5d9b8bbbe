"""All settings of graphapp in one place, read from the environment and ``.env``.

Built by the CLI or ``create_app(settings)``, never at import. Each field's
description is its help text; ``tests/test_config.py`` checks every setting has a
row in the README.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import platformdirs
from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graphapp.errors import InvalidSettings
from graphapp.paths import default_cypher_dir, seed_dir_for, user_data_dir

__all__ = ["MIN_API_KEY_LENGTH", "NEO4J_SCHEMES", "Settings", "load_settings"]

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: A shorter GRAPHAPP_API_KEY (an empty one above all, as ``${GRAPHAPP_API_KEY:-}`` gives) turns writing off.
MIN_API_KEY_LENGTH = 16


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHAPP_", env_file=".env", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "GRAPHAPP_NEO4J_URI"),
        description="Bolt URI of a Neo4j 5 server (bolt://, neo4j://, neo4j+s://). Unset: the embedded store.",
    )
    neo4j_user: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_USER", "GRAPHAPP_NEO4J_USER"),
        description="Neo4j user name.",
    )
    neo4j_password: SecretStr = Field(
        default=SecretStr(""),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "GRAPHAPP_NEO4J_PASSWORD"),
        description="Neo4j password.",
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "GRAPHAPP_NEO4J_DATABASE"),
        description="Neo4j database name; every query names it.",
    )
    neo4j_timeout: float = Field(
        default=5.0,
        gt=0,
        le=120,
        description="Seconds to wait for a Neo4j connection or retry before answering 'unavailable'.",
    )
    data_dir: Path = Field(
        default_factory=user_data_dir,
        description="Your data folder, where graphapp writes: imports/ (spreadsheets, the curator's page, POST "
        "/api/records; loaded at start on the embedded store) and curation/. Default: the platform's user data "
        "folder (~/.local/share/graphapp on Linux), created on the first write. A folder with reference/ tables of "
        "its own is a complete data set (reference/, projects/, documents/, imports/), read instead of the shipped "
        "seed network.",
    )
    seed_dir: Path | None = Field(
        default=None,
        description="Read-only folder of the network graphapp starts from: reference/ tables, projects/ records, "
        "documents/. Unset: the data folder if it holds reference/, else the seed network shipped in the package "
        "(data/ of a checkout).",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Folder where results derived from a Neo4j graph (the whole-network metrics) are kept across "
        "restarts, shared by the app's processes on this machine; never in the database. Unset: graphapp's "
        "folder in the user's cache folder (~/.cache/graphapp on Linux).",
    )
    curation_dir: Path | None = Field(
        default=None,
        description="Folder of the curator's drafts, decisions and journal of imports. Unset: curation/ in the "
        "data folder.",
    )
    upload_max_mb: float = Field(
        default=20.0,
        gt=0,
        le=200,
        description="Largest file, in MB, that the curator's page accepts (documents and spreadsheets).",
    )
    cypher_dir: Path = Field(default_factory=default_cypher_dir, description="Folder of the saved Cypher library.")
    host: str = Field(default="127.0.0.1", description="Address `graphapp serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `graphapp serve` listens on.")
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Worker processes of `graphapp serve`; one per core serves most. Each loads its own embedded "
        "store, so with more than one the embedded store refuses imports (Neo4j does not).",
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="Key that writes require: header X-API-Key of POST /api/records and the curation API, and "
        f"the curator's login on /curate. Unset, empty or shorter than {MIN_API_KEY_LENGTH} characters: imports "
        "and curation are off (the server says so at start).",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins allowed to call the API from a browser."
    )
    embed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed to frame /embed/ pages (CSP frame-ancestors). "
        "Empty: same origin only.",
    )
    query_timeout: float = Field(
        default=10.0, gt=0, le=300, description="Seconds an ad-hoc or saved Cypher query may run."
    )
    query_row_limit: int = Field(default=1000, ge=1, le=100_000, description="Rows a Cypher query may return at most.")
    client_timeout: float = Field(
        default=15.0,
        gt=0,
        le=600,
        description="Seconds a client may take to send a request's headers, and its body beyond one second per "
        "KiB; `graphapp serve` closes the connection of a slower one.",
    )
    _writing_off: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _key_long_enough(self) -> Settings:
        """A key too short to keep guessers out turns writing off, and :attr:`writing_off` says why."""
        key = self.api_key.get_secret_value() if self.api_key is not None else None
        if key is None:
            self._writing_off = "GRAPHAPP_API_KEY is unset"
        elif len(key.strip()) < MIN_API_KEY_LENGTH:
            why = "empty" if not key.strip() else f"shorter than {MIN_API_KEY_LENGTH} characters"
            self._writing_off = f"GRAPHAPP_API_KEY is {why}"
            self.api_key = None
        return self

    @field_validator("cors_origins", "embed_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]
        return value

    @field_validator("cors_origins", "embed_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
                raise ValueError(f"{origin!r} is not an origin like https://example.org")
        return value

    @field_validator("neo4j_uri")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        scheme = urlsplit(value).scheme
        if scheme not in NEO4J_SCHEMES:
            raise ValueError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in NEO4J_SCHEMES)}; got {value!r}"
            )
        return value

    @property
    def writing_off(self) -> str | None:
        """Why imports and curation are off (no usable key), or None when they are on."""
        return self._writing_off

    @property
    def key_refused(self) -> bool:
        """A key was set but is too short to be used (the start warns of it)."""
        return self._writing_off is not None and "unset" not in self._writing_off

    @property
    def curation_path(self) -> Path:
        return self.curation_dir or self.data_dir / "curation"

    @property
    def seed_path(self) -> Path:
        """The folder of the network graphapp starts from (see ``seed_dir``)."""
        return self.seed_dir or seed_dir_for(self.data_dir)

    @property
    def reference_dir(self) -> Path:
        """The reference tables: municipalities, counties, agencies, funds."""
        return self.seed_path / "reference"

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or platformdirs.user_cache_path("graphapp")

    @property
    def store_name(self) -> str:
        return "neo4j" if self.neo4j_uri else "memory"

    def folders_line(self) -> str:
        """The one line that says, at start-up, where the user's data goes and where the seed network is read."""
        return (
            f"your data goes to {self.data_dir} (imports) and {self.curation_path} (the curator's drafts and "
            f"journal); the seed network is read from {self.seed_path}"
        )


def load_settings() -> Settings:
    """Settings from the environment and ``.env``, or :class:`InvalidSettings` naming
    every variable with a bad value."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidSettings(f"invalid settings: {problems}") from None
