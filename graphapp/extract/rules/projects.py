"""Links to the other projects a document names: ``BUILDS_ON`` (``bygger vidare på``, ``erfarenheterna
från X (ACR)``), ``COLLABORATES_WITH`` (``samverkar``), and the actors of a sentence set inside
another project (``I projektet Värmlandsmodellen samverkar Sunne med …``), who take part in that
project, not the described one. See :mod:`graphapp.extract.project_names`."""

from __future__ import annotations

import re

from graphapp.extract.context import DocumentContext, Sentence
from graphapp.extract.draft import DraftNode
from graphapp.extract.findings import Reading
from graphapp.extract.project_names import BUILDS, COLLABORATES, is_main, project_names, same_project
from graphapp.extract.resolver import entity_actor
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["related_projects"]

_SPELLED = re.compile(r"från\s+(?P<name>[A-ZÅÄÖ][^.()\n]{2,120}?)\s*\((?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9-]{1,9})\)")
_SPELLED_CUE = re.compile(r"(?:erfarenhet|resultat|lärdom|metod)\w*\s+$", re.IGNORECASE)
_ORG_END = re.compile(r"(?:förening|förbund|bank|stiftelse|centrum|center|universitet|högskola|AB)\w*$", re.IGNORECASE)


def related_projects(ctx: DocumentContext) -> None:
    """Link the other projects, and give the actors of a sentence set inside one their part in it."""
    main = ctx.draft.project.name
    for match, name, _inside in project_names(ctx.text, ctx.gaz.keep_words):
        if is_main(ctx.text, match.start("name"), main) or not name[:1].isupper():
            continue
        sentence = ctx.sentence_of(match.start())
        before = ctx.text[sentence.start : match.start()]
        other = ctx.add(DraftNode(f"project:{slugify(name)}", "project", name, {}))
        if ctx.other_project_sentences.get(sentence.start) == other.id:
            _members(ctx, sentence, (match.start("name"), match.start("name") + len(name)), other.id)
        elif BUILDS.search(before):
            ctx.relate(RelType.BUILDS_ON, ctx.project_id, other.id, sentence.text, Reading.PROJECT_LINK)
        elif COLLABORATES.search(sentence.text):
            ctx.relate(RelType.COLLABORATES_WITH, ctx.project_id, other.id, sentence.text, Reading.PROJECT_LINK)
    for match in _SPELLED.finditer(ctx.text):
        if not _SPELLED_CUE.search(ctx.text, max(0, match.start() - 30), match.start()):
            continue
        name = " ".join(match.group("name").split())
        found = ctx.gaz.find(name)
        if (
            same_project(name, main)
            or _ORG_END.search(name)
            or (found and found[0].start == 0 and found[0].end >= len(name) - 1)
        ):
            continue
        other = ctx.add(DraftNode(f"project:{slugify(name)}", "project", f"{name} ({match.group('acr')})", {}))
        evidence = ctx.sentence_of(match.start()).text
        ctx.relate(RelType.BUILDS_ON, ctx.project_id, other.id, evidence, Reading.PROJECT_LINK_SPELLED)


def _members(ctx: DocumentContext, sentence: Sentence, name: tuple[int, int], project_id: str) -> None:
    """Municipalities and agencies of a sentence set inside another project take part in it."""
    for mention in ctx.mentions_in(sentence.start, sentence.end):
        entity = mention.entity
        if name[0] <= mention.start < name[1] or entity.kind not in ("municipality", "agency", "organization"):
            continue
        if not ctx.is_place(mention):
            continue
        actor_id = ctx.add_actor(entity_actor(entity), sentence.text)
        ctx.relate(
            RelType.PARTICIPATES_IN,
            actor_id,
            project_id,
            sentence.text,
            Reading.OTHER_PROJECT_MEMBER,
            role="municipality" if entity.kind == "municipality" else "partner",
        )
