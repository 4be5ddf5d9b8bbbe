"""One document's text in, one :class:`~graphapp.extract.draft.Draft` out.

Order matters: personal data goes first, so nothing after it can see a name;
then the project-bank header (when there is one), bullet lists, running text,
and last the decisions that need the whole document (ESF programme, county board).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from graphapp.extract.actors import classify_phrase
from graphapp.extract.amounts import find_period
from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import Draft, DraftNode
from graphapp.extract.esf_page import EsfPage, parse_esf_page
from graphapp.extract.freetext import add_actor, read_free_text
from graphapp.extract.gazetteer import Gazetteer
from graphapp.extract.listitems import read_bullets, read_co_funders, read_municipality_list
from graphapp.extract.organisations import read_organisations
from graphapp.extract.privacy import scrub
from graphapp.extract.projects import project_names, read_related_projects
from graphapp.extract.resolve import resolve_county_board, resolve_esf
from graphapp.textnorm import fold, slugify

__all__ = ["extract_text"]

_BOILERPLATE = re.compile(
    r"^(publicerad|logotyp|stäng|meny|sök|hem|in english|\d{4}-\d{2}-\d{2}$|\d{1,2} \w+ \d{4}$)", re.IGNORECASE
)
_FUNDING = re.compile(r"finansier|medel från|stöd från|beviljat|beviljade|delfinansier", re.IGNORECASE)


def _keep_words(gaz: Gazetteer) -> frozenset[str]:
    cached = getattr(gaz, "_keep_words", None)
    if cached is None:
        cached = frozenset(w for forms in gaz._index.values() for form in forms for w in form.words)
        gaz._keep_words = cached  # type: ignore[attr-defined]
    return cached


def extract_text(text: str, file: str, gaz: Gazetteer, fmt: str = "text/plain", original: str | None = None) -> Draft:
    """The draft records one document proposes. ``text`` is the decoded document; ``original``
    (default ``text``) is what the document id hashes: ``document:<sha1>``."""
    document_id = "document:" + hashlib.sha1((original or text).encode("utf-8")).hexdigest()
    scrubbed = scrub(text, _keep_words(gaz))
    page = parse_esf_page(scrubbed.text)
    title = page.title if page else _title(scrubbed.text)
    name = page.title if page else _project_name(scrubbed.text, title, _keep_words(gaz))
    project = DraftNode(f"project:{slugify(name) or 'untitled'}", "project", name, {})
    draft = Draft(file, document_id, title, fmt, project)
    ctx = DocumentContext.build(page.body if page else scrubbed.text, gaz, draft)
    if page:
        _read_esf(ctx, page)
    else:
        _read_period(ctx)
    read_bullets(ctx, ctx.text)
    read_free_text(ctx, owner_known=page is not None)
    inside = read_related_projects(ctx, _keep_words(gaz))
    read_organisations(ctx, inside)
    _fund_mentions(ctx)
    _owners_do_not_participate(ctx)
    start = project.properties.get("start")
    resolve_esf(ctx, int(start[:4]) if start else None, page.programme_area if page else None)
    resolve_county_board(ctx)
    project.properties.pop("_owner", None)
    if warning := scrubbed.warning():
        draft.warn(warning)
    if not draft.relationships:
        draft.warn("no actor found: the document names no municipality, agency, fund or organisation in a role")
    return draft


def _title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 3 and not _BOILERPLATE.match(line) and not line.startswith("["):
            return line[:200]
    return "Untitled document"


def _project_name(text: str, title: str, keep: frozenset[str]) -> str:
    names: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for _, name, _inside in project_names(text, keep):
        key = fold(name)
        names[key] += 2 if key in fold(title) else 1
        spelled.setdefault(key, name)
    return spelled[names.most_common(1)[0][0]] if names else title


def _read_esf(ctx: DocumentContext, page: EsfPage) -> None:
    props = ctx.draft.project.properties
    if page.period:
        props.update(
            start=page.period.start.isoformat() if page.period.start else None,
            end=page.period.end.isoformat() if page.period.end else None,
        )
    for key in ("phase", "programme_area", "esf_region", "grant_sek", "total_budget_sek"):
        if getattr(page, key) is not None:
            props[key] = getattr(page, key)
    for warning in page.warnings:
        ctx.draft.warn(warning)
    if page.grant_sek is not None:
        ctx.relate("FUNDS", "fund:esf", ctx.project_id, "Beviljat ESF-stöd", 0.95, amount_sek=page.grant_sek)
    if page.owner:
        actor = classify_phrase(page.owner, ctx.gaz.find(page.owner), ctx.gaz, slugify(ctx.draft.project.name))
        if actor:
            ctx.relate(
                "OWNS",
                add_actor(ctx, actor, f"Projektägare: {page.owner}"),
                ctx.project_id,
                f"Projektägare: {page.owner}",
                0.95,
            )
    else:
        ctx.draft.warn("Projektägare: missing (saknas); no owner proposed")
    read_co_funders(ctx, page.co_funders)
    read_municipality_list(ctx, page.municipalities)


def _read_period(ctx: DocumentContext) -> None:
    period = find_period(ctx.text)
    if period and period.start and period.end:
        ctx.draft.project.properties.update(start=period.start.isoformat(), end=period.end.isoformat())
    elif period and period.years:
        ctx.draft.warn(f"period given in years only ({period.years[0]}-{period.years[1]}); dates left empty")


def _fund_mentions(ctx: DocumentContext) -> None:
    for mention in ctx.mentions:
        if mention.entity.kind != "fund" or mention.start in ctx.consumed:
            continue
        sentence = ctx.sentence_of(mention.start)
        if _FUNDING.search(sentence.text) or re.search(r"\bfrån\s*$", ctx.text[sentence.start : mention.start]):
            ctx.relate("FUNDS", mention.entity.id, ctx.project_id, sentence.text, 0.75)


def _owners_do_not_participate(ctx: DocumentContext) -> None:
    """The owner takes part by owning: a second, participant edge to the same project says nothing more."""
    owners = {(rel.start, rel.end) for rel in ctx.draft.relationships.values() if rel.type == "OWNS"}
    for key in [key for key in ctx.draft.relationships if key[1] == "PARTICIPATES_IN" and (key[0], key[2]) in owners]:
        del ctx.draft.relationships[key]
