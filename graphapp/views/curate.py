"""The curator's page: its words (Swedish and English) and its HTML.

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
from graphapp.views.i18n import LANGS, kind_name, rel_name, role_name, strings, value_name
from graphapp.views.network import STYLES
from graphapp.views.urls import Urls

__all__ = ["curate_strings", "render_curate"]

_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Granska och importera",
        "explorer": "Utforska nätverket",
        "curate": "Granska och importera",
        "language": "English",
        "login_heading": "Logga in för att granska",
        "login_help": "Granskning kräver nyckeln som servern har i GRAPHAPP_API_KEY.",
        "login_key": "Nyckel",
        "login": "Logga in",
        "login_failed": "Fel nyckel.",
        "login_wait": "För många fel nycklar: försök igen om {seconds} s.",
        "login_off": "Granskning är avstängd: servern har ingen GRAPHAPP_API_KEY på minst 16 tecken.",
        "login_insecure": "Inloggningen kräver https (eller localhost): kakan är Secure.",
        "logout": "Logga ut",
        "upload_heading": "Ladda upp",
        "upload_help": "Projektbeskrivningar (pdf, docx, html, txt, md) eller kalkylblad (xlsx, csv), högst {mb} MB.",
        "upload_file": "Fil",
        "upload": "Ladda upp",
        "uploading": "Läser filen …",
        "drafts_heading": "Utkast",
        "drafts_none": "Inga utkast ännu.",
        "undo": "Ångra senaste importen",
        "undo_none": "Ingen import att ångra.",
        "undone": "Importen {batch} är ångrad.",
        "review": "Granska",
        "delete": "Släng",
        "status_open": "öppet",
        "status_accepted": "importerat",
        "network": "Förslagets nätverk",
        "problems": "Problem (blad, rad, kolumn)",
        "where": "Var",
        "problem": "Problem",
        "skip_invalid": "Hoppa över ogiltiga rader",
        "accept_all": "Godta alla",
        "reject_all": "Avvisa alla",
        "write": "Skriv in det godtagna",
        "written": "Skrivet: {projects} projekt, {nodes} nya noder, {rels} relationer.",
        "written_files": "Sparat som postfiler i {folder}.",
        "relationships": "Föreslagna relationer",
        "nodes": "Nya och oklara aktörer",
        "type": "Typ",
        "from": "Från",
        "to": "Till",
        "role": "Roll",
        "no_role": "(ingen roll)",
        "amount": "Belopp (kr)",
        "evidence": "Belägg",
        "confidence": "Säkerhet",
        "decision": "Beslut",
        "accept": "Godta",
        "reject": "Avvisa",
        "accepted": "godtagen",
        "rejected": "avvisad",
        "pending": "ej beslutad",
        "save": "Spara",
        "name": "Namn",
        "kind": "Typ",
        "state": "Läge",
        "in_graph": "finns i grafen",
        "new": "ny",
        "unresolved": "oklar",
        "place_in": "Kommun",
        "place": "Placera",
        "merge_search": "Slå ihop med",
        "merge": "Slå ihop",
        "warnings": "Att känna till",
        "personal_dropped": "{n} personuppgifter togs bort.",
        "open_project": "Öppna {name} i utforskaren",
        "error": "Fel",
        "document": "Dokumentet",
        "document_help": "Klicka på en mening (eller markera text) för att ta den som belägg för det du lägger till.",
        "project": "Projektet",
        "project_name": "Namn",
        "project_start": "Början",
        "project_end": "Slut",
        "precision": "Känt till",
        "precision_day": "dag",
        "precision_month": "månad",
        "precision_year": "år",
        "grant": "Beviljat stöd (kr)",
        "status": "Läge",
        "status_unknown": "okänt",
        "status_planned": "planerat",
        "status_ongoing": "pågående",
        "status_completed": "avslutat",
        "save_project": "Spara projektet",
        "project_saved": "Projektet är sparat.",
        "mentioned": "Nämnda i texten – avgör",  # noqa: RUF001 - a real dash
        "actor": "Aktör",
        "choose_role": "(välj roll)",
        "add_heading": "Lägg till en relation",
        "add_who": "Vem",
        "add_known": "En aktör i grafen",
        "add_new": "En ny organisation",
        "add_search": "Sök aktör",
        "add_chosen": "Vald: {name}",
        "add_none_chosen": "Ingen aktör vald.",
        "org_name": "Namn",
        "org_kind": "Slag",
        "no_municipality": "(ingen kommun)",
        "evidence_help": "Klicka på meningen i dokumentet som säger det, eller skriv varifrån det kommer.",
        "add": "Lägg till",
        "added": "Tillagd: {actor} ({role}).",
        "by_hand": "tillagd för hand",
        "choose": "Välj",
    },
    "en": {
        "title": "Review and import",
        "explorer": "Explore the network",
        "curate": "Review and import",
        "language": "Svenska",
        "login_heading": "Log in to curate",
        "login_help": "Curating needs the key the server has in GRAPHAPP_API_KEY.",
        "login_key": "Key",
        "login": "Log in",
        "login_failed": "Wrong key.",
        "login_wait": "Too many wrong keys: try again in {seconds} s.",
        "login_off": "Curation is off: the server has no GRAPHAPP_API_KEY of at least 16 characters.",
        "login_insecure": "Logging in needs https (or localhost): the cookie is Secure.",
        "logout": "Log out",
        "upload_heading": "Upload",
        "upload_help": "Project descriptions (pdf, docx, html, txt, md) or spreadsheets (xlsx, csv), at most {mb} MB.",
        "upload_file": "File",
        "upload": "Upload",
        "uploading": "Reading the file …",
        "drafts_heading": "Drafts",
        "drafts_none": "No drafts yet.",
        "undo": "Undo the last import",
        "undo_none": "No import to undo.",
        "undone": "The import {batch} is undone.",
        "review": "Review",
        "delete": "Discard",
        "status_open": "open",
        "status_accepted": "imported",
        "network": "The proposal's network",
        "problems": "Problems (sheet, row, column)",
        "where": "Where",
        "problem": "Problem",
        "skip_invalid": "Skip the invalid rows",
        "accept_all": "Accept all",
        "reject_all": "Reject all",
        "write": "Write what is accepted",
        "written": "Written: {projects} projects, {nodes} new nodes, {rels} relationships.",
        "written_files": "Kept as record files in {folder}.",
        "relationships": "Proposed relationships",
        "nodes": "New and unresolved actors",
        "type": "Type",
        "from": "From",
        "to": "To",
        "role": "Role",
        "no_role": "(no role)",
        "amount": "Amount (SEK)",
        "evidence": "Evidence",
        "confidence": "Confidence",
        "decision": "Decision",
        "accept": "Accept",
        "reject": "Reject",
        "accepted": "accepted",
        "rejected": "rejected",
        "pending": "undecided",
        "save": "Save",
        "name": "Name",
        "kind": "Kind",
        "state": "State",
        "in_graph": "in the graph",
        "new": "new",
        "unresolved": "unresolved",
        "place_in": "Municipality",
        "place": "Place",
        "merge_search": "Merge into",
        "merge": "Merge",
        "warnings": "Good to know",
        "personal_dropped": "{n} pieces of personal data were dropped.",
        "open_project": "Open {name} in the explorer",
        "error": "Error",
        "document": "The document",
        "document_help": "Click a sentence (or select text) to take it as the evidence of what you add.",
        "project": "The project",
        "project_name": "Name",
        "project_start": "Start",
        "project_end": "End",
        "precision": "Known to the",
        "precision_day": "day",
        "precision_month": "month",
        "precision_year": "year",
        "grant": "Grant (SEK)",
        "status": "Status",
        "status_unknown": "unknown",
        "status_planned": "planned",
        "status_ongoing": "ongoing",
        "status_completed": "completed",
        "save_project": "Save the project",
        "project_saved": "The project is saved.",
        "mentioned": "Mentioned in the text — decide",
        "actor": "Actor",
        "choose_role": "(choose a role)",
        "add_heading": "Add a relationship",
        "add_who": "Who",
        "add_known": "An actor of the graph",
        "add_new": "A new organisation",
        "add_search": "Search an actor",
        "add_chosen": "Chosen: {name}",
        "add_none_chosen": "No actor chosen.",
        "org_name": "Name",
        "org_kind": "Kind",
        "no_municipality": "(no municipality)",
        "evidence_help": "Click the sentence of the document that says so, or write where it comes from.",
        "add": "Add",
        "added": "Added: {actor} ({role}).",
        "by_hand": "added by hand",
        "choose": "Choose",
    },
}


def curate_strings(lang: str) -> dict[str, str]:
    lang = lang if lang in _WORDS else "sv"
    words = dict(_WORDS[lang])
    for label in Label:
        words[f"kind_{label.kind}"] = kind_name(label.kind, lang)
    return words


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
    t = curate_strings(lang)
    other = next(code for code in LANGS if code != lang)
    config: dict[str, Any] = {
        "lang": lang,
        "strings": t,
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
            t=t,
            urls=urls,
            topbar_t=strings(lang),
            nav=nav_items("curate", urls, lang),
            links={"home": urls.page("overview", None, lang), "other_lang": urls.curate(other)},
            logged_in=logged_in,
            csrf=csrf,
            message=message,
            writing_off=writing_off,
            insecure=insecure,
            upload_help=t["upload_help"].format(mb=f"{upload_max_mb:g}"),
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
