"""Actors a document names when no sentence gives any of them a part: proposed for the curator to decide.

A short news item often says who is involved without the words the other rules read a part from
(``Kyrkan, kommunen och tre idrottsföreningar står bakom …`` in a wording no rule names). Rather
than a draft with nothing to review, every municipality, agency, region, organisation and fund the
text names is then proposed as *mentioned*: a ``PARTICIPATES_IN`` without a role (a fund's ``FUNDS``),
the first sentence that names it as evidence, marked ``mentioned`` so the curator accepts, edits or
rejects it. When some actor does take part, nothing is guessed: the organisations named without a
part are listed in one warning, as before.
"""

from __future__ import annotations

from graphapp.extract.context import DocumentContext
from graphapp.extract.findings import Reading
from graphapp.extract.gazetteer import Mention
from graphapp.extract.resolver import entity_actor
from graphapp.model import ACTOR_PROJECT_TYPES, RelType

__all__ = ["mentioned_actors"]

_KINDS = frozenset({"municipality", "agency", "organization", "fund"})
_BARE = frozenset({"bare", "genitive"})


def mentioned_actors(ctx: DocumentContext) -> None:
    """Propose the actors the text names as mentioned, when none has a part in the described project."""
    if _an_actor_takes_part(ctx):
        if ctx.unplaced:
            ctx.draft.warn(
                "organisations mentioned without a role in the project, left out: " + ", ".join(sorted(ctx.unplaced))
            )
        return
    named: set[str] = set()
    for mention in _first_mentions(ctx):
        named.add(mention.entity.id)
        evidence = ctx.sentence_of(mention.start).text
        if mention.entity.kind == "fund":
            ctx.relate(RelType.FUNDS, mention.entity.id, ctx.project_id, evidence, Reading.MENTIONED)
            continue
        actor_id = ctx.add_actor(entity_actor(mention.entity), evidence)
        ctx.relate(RelType.PARTICIPATES_IN, actor_id, ctx.project_id, evidence, Reading.MENTIONED)
    for name in ctx.unplaced:
        actor = ctx.resolver.actor(name, ctx.scope)
        if actor is None or not actor.resolved or actor.node.id in named:
            continue
        named.add(actor.node.id)
        evidence = ctx.sentence_of(max(0, ctx.text.find(name))).text
        ctx.relate(RelType.PARTICIPATES_IN, ctx.add_actor(actor, evidence), ctx.project_id, evidence, Reading.MENTIONED)


def _first_mentions(ctx: DocumentContext) -> list[Mention]:
    """One mention of each actor named, in order: the first that spells out its name (``Ludvika kommun``)
    rather than a bare place name (a heading's ``i Ludvika``), else the first."""
    chosen: dict[str, Mention] = {}
    for mention in ctx.mentions:
        if not _names_an_actor(ctx, mention):
            continue
        known = chosen.get(mention.entity.id)
        if known is None or (known.form in _BARE and mention.form not in _BARE):
            chosen[mention.entity.id] = mention
    return sorted(chosen.values(), key=lambda m: m.start)


def _an_actor_takes_part(ctx: DocumentContext) -> bool:
    """Whether a reading gave some actor a part, in the described project or another one it names."""
    return any(
        rel.type in ACTOR_PROJECT_TYPES and rel.end.startswith("project:") and not rel.mentioned
        for rel in ctx.draft.relationships.values()
    )


def _names_an_actor(ctx: DocumentContext, mention: Mention) -> bool:
    """Whether the mention names an actor (a place only where the context makes it one)."""
    entity = mention.entity
    if entity.kind not in _KINDS or ctx.related(entity.id, end=ctx.project_id):
        return False
    if entity.kind == "municipality":
        return ctx.is_place(mention)
    return not mention.ambiguous
