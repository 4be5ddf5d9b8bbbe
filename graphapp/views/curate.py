"""The curator's page: its HTML (words from the catalogue's ``curate.*``).

The page is one template (``graphapp/templates/curate.html``, autoescape on); its
script (``graphapp/static/curate.js``) gets its configuration, the CSRF token
included, through :func:`~graphapp.views.escaping.script_json` only, and builds every
row of the review from the curation API's JSON with ``textContent``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphapp.model import Label, RelType
from graphapp.records import reference_graph
from graphapp.records.schema import OrganizationKind
from graphapp.roles import ROLES, roles_of
from graphapp.views.chrome import nav_items
from graphapp.views.escaping import script_json
from graphapp.views.html import template_environment
from graphapp.views.i18n import LANGS, cldr_locale, rel_name, role_name, strings, value_name
from graphapp.views.network import STYLES
from graphapp.views.urls import Urls

__all__ = ["render_curate"]


def render_curate(
    *,
    lang: str,
    urls: Urls,
    logged_in: bool,
    csrf: str | None,
    reference_dir: Path,
    upload_max_mb: float,
    message: str | None = None,
    writing_off: bool = False,
    insecure: bool = False,
) -> str:
    other = next(code for code in LANGS if code != lang)
    config: dict[str, Any] = {
        "lang": lang,
        "locale": cldr_locale(lang),
        "strings": strings(lang),
        "relNames": {rel: rel_name(rel, lang) for rel in _REL_TYPES},
        "roles": [{"code": r.value, "type": r.rel_type.value, "label": role_name(r, lang)} for r in ROLES],
        "api": "/api/curation",
        "search": "/api/search",
        "projectUrl": urls.page("project", None, lang),
        "csrf": csrf,
        "styles": STYLES,
        "municipalities": _municipalities(reference_dir) if logged_in else [],
    }
    return (
        template_environment()
        .get_template("curate.html")
        .render(
            lang=lang,
            other_lang=other,
            urls=urls,
            nav=nav_items("curate", urls, lang),
            links={"home": urls.page("overview", None, lang), "other_lang": urls.curate(other)},
            logged_in=logged_in,
            csrf=csrf,
            message=message,
            writing_off=writing_off,
            insecure=insecure,
            upload_max_mb=f"{upload_max_mb:g}",
            accept=".pdf,.docx,.html,.htm,.txt,.md,.xlsx,.csv",
            config_json=script_json(config),
            municipalities=config["municipalities"],
            org_kinds=[(kind.value, value_name(kind.value, lang)) for kind in OrganizationKind],
            role_groups=_role_groups(lang),
        )
    )


def _role_groups(lang: str) -> list[dict[str, Any]]:
    """The roles an actor or a fund can have in a project, grouped by their relationship's type."""
    return [
        {
            "label": rel_name(rel_type, lang),
            "roles": [{"code": r.value, "label": role_name(r, lang)} for r in roles_of(rel_type)],
        }
        for rel_type in (RelType.OWNS, RelType.CO_FUNDS, RelType.PARTICIPATES_IN, RelType.FUNDS)
    ]


_REL_TYPES = ("OWNS", "PARTICIPATES_IN", "FUNDS", "CO_FUNDS", "COLLABORATES_WITH", "BUILDS_ON", "PART_OF")


def _municipalities(reference_dir: Path) -> list[dict[str, str]]:
    nodes = reference_graph(reference_dir).nodes.values()
    return sorted(
        ({"id": n.id, "name": n.name} for n in nodes if n.label is Label.MUNICIPALITY), key=lambda m: m["name"]
    )
