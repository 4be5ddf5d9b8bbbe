"""One document's text in, one :class:`~graphapp.extract.draft.Draft` out.

Personal data goes first, so nothing after it can see a name; then the labelled fields of the
page (when it has them), the project's name, and the rules of :data:`graphapp.extract.rules.RULES`
in their order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from graphapp.extract.amounts import find_period
from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import Draft, DraftNode
from graphapp.extract.fields import ProjectFields, parse_fields
from graphapp.extract.gazetteer import Gazetteer
from graphapp.extract.privacy import scrub
from graphapp.extract.project_names import project_names
from graphapp.extract.rules import RULES
from graphapp.textnorm import fold, slugify

__all__ = ["extract_text"]

_BOILERPLATE = re.compile(
    r"^(publicerad|publiceringsdatum|senast uppdaterad|logotyp|stäng|meny|sök|hem|in english|source:|"
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}[:.]\d{2})?$|\d{1,2} \w+ \d{4}$)|\b(?:foto|bild|fotograf):",
    re.IGNORECASE,
)
_CONTENTS = re.compile(r"\s*(?:\.{3,}|…|\s\d{1,2}\.\s+[A-ZÅÄÖ])")
_PAGE_NUMBER = re.compile(r"^\d+\s*(?:\(\d+\))?\s+")


def extract_text(
    text: str,
    file: str,
    gaz: Gazetteer,
    fmt: str = "text/plain",
    original: str | None = None,
    url: str | None = None,
) -> Draft:
    """The draft records one document proposes. ``text`` is the decoded document; ``original``
    (default ``text``) is what the document id hashes: ``document:<sha1>``; ``url`` its address."""
    document_id = "document:" + hashlib.sha1((original or text).encode("utf-8")).hexdigest()
    scrubbed = scrub(text, gaz.keep_words)
    fields = parse_fields(scrubbed.text)
    title = _title(scrubbed.text, fields)
    name = fields.name or (fields.title if fields.labelled and fields.title else None)
    name = name or _project_name(fields.body or scrubbed.text, title, gaz.keep_words)
    project = DraftNode(f"project:{slugify(name) or 'untitled'}", "project", name, {})
    draft = Draft(file, document_id, title, fmt, project, url)
    ctx = DocumentContext.build(fields.body or scrubbed.text, gaz, draft, fields)
    if fields.period is None:
        _read_period(ctx)
    for rule in RULES:
        rule(ctx)
    if warning := scrubbed.warning():
        draft.warn(warning)
    if not draft.relationships:
        draft.warn("no actor found: the document names no municipality, agency, fund or organisation in a role")
    return draft


def _title(text: str, fields: ProjectFields) -> str:
    if fields.title:
        return fields.title[:200]
    for line in text.splitlines():
        line = _PAGE_NUMBER.sub("", line.strip().lstrip("#").strip())
        if len(line) > 3 and not _BOILERPLATE.search(line) and not line.startswith("["):
            line = _CONTENTS.split(line, maxsplit=1)[0].strip()  # a flattened table of contents after the title
            return " ".join(line.split()[:14])[:200]
    return "Untitled document"


def _project_name(text: str, title: str, keep: frozenset[str]) -> str:
    names: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for _, name, _inside in project_names(text, keep):
        key = fold(name)
        names[key] += 2 if key in fold(title) else 1
        spelled.setdefault(key, name)
    return spelled[names.most_common(1)[0][0]] if names else title


def _read_period(ctx: DocumentContext) -> None:
    period = find_period(ctx.text)
    if period and period.start and period.end:
        ctx.draft.project.properties.update(start=period.start.isoformat(), end=period.end.isoformat())
    elif period and period.years:  # known to the year only: kept so (graphapp.dates), never an invented day
        ctx.draft.project.properties.update(start=str(period.years[0]), end=str(period.years[1]))
        ctx.draft.warn(f"period given in years only ({period.years[0]}-{period.years[1]}): start and end are years")
