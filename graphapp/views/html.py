"""What every HTML page of the views shares: where templates and static files are, the one Jinja
environment, a page's context, the filter choices, the iframe snippet and standalone files' inlining.

:mod:`graphapp.views.page` (the network views) and :mod:`graphapp.views.timeline_page` (the
timeline) render with these; neither imports the other's page code.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from graphapp.model import Label
from graphapp.records import reference_graph
from graphapp.table_files import MEDIA_TYPES, Table, TableFormat, table_file
from graphapp.views.escaping import inline_code
from graphapp.views.i18n import install_gettext
from graphapp.views.params import ViewParams
from graphapp.views.tables import view_tables
from graphapp.views.urls import Urls

__all__ = [
    "STATIC_DIR",
    "TEMPLATES_DIR",
    "Chrome",
    "PageContext",
    "filter_choices",
    "iframe_snippet",
    "inline_static",
    "standalone_csp",
    "table_downloads",
    "template_environment",
]

PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

Chrome = Literal["explorer", "embed", "standalone"]


@dataclass(frozen=True, slots=True)
class PageContext:
    """Where a page lives: the URL builder, and whether the API is there to ask (not from a file)."""

    urls: Urls
    chrome: Chrome
    lang: str
    reference_dir: Path | None = None
    public_origin: str = ""  #: scheme://host[:port] of the site, for the iframe snippet others copy


@lru_cache(maxsize=1)
def template_environment() -> Environment:
    """The one Jinja environment of every page: the package's templates, autoescape always on, and Jinja's
    i18n extension with the catalogues (``{{ _("key") }}`` in the template's ``lang``)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    install_gettext(env)
    return env


def iframe_snippet(embed_url: str, title: str, width: str = "100%", height: int = 600) -> str:
    """The ``<iframe>`` code for an embed URL; every value is HTML-escaped."""
    return str(
        Markup('<iframe src="{}" title="{}" width="{}" height="{}" style="border:0" loading="lazy"></iframe>').format(
            embed_url, title, width, height
        )
    )


@lru_cache(maxsize=4)
def filter_choices(reference_dir: Path | None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The counties (code, name) and funds (id, "name – programme") a filter form offers."""  # noqa: RUF002 - a real dash
    if reference_dir is None or not reference_dir.is_dir():
        return [], []
    data = reference_graph(reference_dir)
    counties = sorted(
        (
            {"code": str(n.properties.get("code")), "name": n.name}
            for n in data.nodes.values()
            if n.label is Label.COUNTY
        ),
        key=lambda c: c["code"],
    )
    funds = sorted(
        (
            {"id": n.id, "name": f"{n.name} – {n.properties.get('programme', '')}".rstrip(" –")}  # noqa: RUF001 - a real dash
            for n in data.nodes.values()
            if n.label is Label.FUND
        ),
        key=lambda f: f["id"],
    )
    return counties, funds


@lru_cache(maxsize=16)
def inline_static(name: str) -> Markup:
    """A file of ``static/`` (our JS or CSS, or vendored) to inline into one standalone file."""
    return inline_code((STATIC_DIR / name).read_text(encoding="utf-8"))


def standalone_csp(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """The Content-Security-Policy of a standalone file: exactly these inline scripts and styles, by hash."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

    return (
        f"default-src 'none'; script-src {' '.join(map(digest, scripts))}; "
        f"style-src {' '.join(map(digest, styles))}; img-src data:; base-uri 'none'; form-action 'none'"
    )


def table_downloads(
    payload: dict[str, Any], view: str, params: ViewParams, ctx: PageContext
) -> dict[str, dict[str, str]]:
    """The page script's table downloads, by kind (``xlsx``, ``nodes_csv``, ``rels_csv``): the server's URL of
    each, or, in a file that has no server to ask, the file itself written into the page (base64)."""
    if ctx.chrome != "standalone":
        urls = ctx.urls.tables(view, params, ctx.lang)
        return {kind: {"url": url, "extension": url.split("?")[0].rsplit(".", 1)[1]} for kind, url in urls.items()}
    first, second = view_tables(payload, ctx.lang)
    files: dict[str, tuple[TableFormat, list[Table]]] = {
        "xlsx": ("xlsx", [first, second]),
        "nodes_csv": ("csv", [first]),
        "rels_csv": ("csv", [second]),
    }
    return {
        kind: {
            "data": base64.b64encode(table_file(tables, format, ctx.lang)).decode("ascii"),
            "type": MEDIA_TYPES[format],
            "extension": format,
        }
        for kind, (format, tables) in files.items()
    }
