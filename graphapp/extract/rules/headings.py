"""Headings and tables of contents in capitals that name a project and its owner joined by a dash:
``REPRISEN - PITEÅ KOMMUN``, ``PROJEKT OLIKA LÄNDER - KUNGSÖRS ARBETSMARKNADSENHET``,
``SPRÅKMOBILISERING - SAMORDNINGSFÖRBUNDET SÖDERTÄLJE``, even run together in one flattened line.

The words before the dash (back to the previous item, a number or a punctuation mark) name the
project; the municipality, agency or unit after it owns that project (the described one when the
names agree). Only capitals count: in running text a dash joins too many other things.
"""

from __future__ import annotations

import re

from graphapp.extract.context import DocumentContext
from graphapp.extract.draft import DraftNode
from graphapp.extract.findings import Reading
from graphapp.extract.project_names import same_project
from graphapp.extract.resolver import entity_actor
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["heading_owners"]

_OWNER_KINDS = frozenset({"municipality", "agency", "organization"})
#: A dash between the project and its owner, with a space on at least one side (not ``Malung-Sälen``).
_DASH = re.compile(r"(?:[ \t]+[-\u2013\u2014][ \t]*|[-\u2013\u2014][ \t]+)$")
#: A word of a heading in capitals (``PROJEKT``, ``HÄLSOINFORMATION``, ``2.0``).
_CAPS_WORD = re.compile(r"[A-ZÅÄÖÉÜ][A-ZÅÄÖÉÜ0-9&'-]*$")
_MAX_WORDS = 6


def heading_owners(ctx: DocumentContext) -> None:
    """Owners read from headings in capitals: ``<PROJECT> - <OWNER>``."""
    taken = [(m.start, m.end) for m in ctx.mentions]
    for mention in ctx.mentions:
        if mention.entity.kind not in _OWNER_KINDS or not ctx.text[mention.start : mention.end].isupper():
            continue
        dash = _DASH.search(ctx.text, max(0, mention.start - 4), mention.start)
        name = _heading_name(ctx.text, dash.start(), taken) if dash else None
        if dash is None or name is None:
            continue
        project_id = _project(ctx, name)
        evidence = f"{name} - {ctx.text[mention.start : mention.end]}"
        actor_id = ctx.add_actor(entity_actor(mention.entity), evidence)
        ctx.relate(RelType.OWNS, actor_id, project_id, evidence, Reading.HEADING_OWNER)


def _heading_name(text: str, end: int, taken: list[tuple[int, int]]) -> str | None:
    """The project name in capitals that ends at ``end``: the words back to the previous item, or None."""
    start = max(text.rfind("\n", 0, end) + 1, max((e for s, e in taken if e <= end), default=0))
    words = text[start:end].split(" ")
    kept: list[str] = []
    for word in reversed(words):
        if not word or word.endswith((".", ",", ":", ";", ")")) or not _CAPS_WORD.match(word):
            break
        if word.isdigit() or len(kept) == _MAX_WORDS:
            break
        kept.insert(0, word)
    name = " ".join(kept)
    return name if any(len(w) > 2 and w.isalpha() for w in kept) else None


def _project(ctx: DocumentContext, shouted: str) -> str:
    """The project a heading names: the described one, or another project of the document."""
    name = shouted[:1] + shouted[1:].lower()
    if same_project(name, ctx.draft.project.name):
        return ctx.project_id
    return ctx.add(DraftNode(f"project:{slugify(name)}", "project", name, {})).id
