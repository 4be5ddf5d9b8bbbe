"""What one document says, prepared once: its fields, body, sentences and mentions, and the
findings the rules add to it.

The rules of :mod:`graphapp.extract.rules` each take a :class:`DocumentContext` and add typed
findings (relationships with a :class:`~graphapp.extract.findings.Reading`) through
:meth:`DocumentContext.relate`; what a later rule needs from an earlier one it reads from those
findings or from the typed :attr:`DocumentContext.owner`, never from a side channel.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from graphapp.extract.draft import Draft, DraftNode, DraftRelationship
from graphapp.extract.fields import ProjectFields
from graphapp.extract.findings import CONFIDENCE, Reading
from graphapp.extract.gazetteer import Gazetteer, Mention
from graphapp.extract.project_names import is_main, project_names
from graphapp.extract.resolver import Actor, Resolver, entity_actor
from graphapp.extract.roles import Role, roles_in
from graphapp.extract.tokens import SENTENCE_BREAK
from graphapp.model import RelType
from graphapp.textnorm import slugify

__all__ = ["PLACE_WORDS", "DocumentContext", "Sentence"]

_WORD = re.compile(r"[\w\u00c0-\u00ff-]+")
#: Words before a name that make it a place (``i Mora``, ``från Vara``).
PLACE_WORDS = frozenset({"i", "från", "till", "mellan", "kring", "utanför", "inom", "via", "och"})
_BULLET = re.compile(r"^[ \t]*[•*·][ \t]*(?P<item>\S.*)$", re.MULTILINE)
_ACTOR_KINDS = frozenset({"municipality", "agency", "organization"})


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class DocumentContext:
    text: str  # the body: the document without its labelled fields and personal data
    gaz: Gazetteer
    draft: Draft
    fields: ProjectFields
    resolver: Resolver
    mentions: list[Mention] = field(default_factory=list)
    #: The described project's owner, once a rule has found it.
    owner: str | None = None
    #: Organisations the text names that no sentence gives a part (the last rule decides what to do with them).
    unplaced: list[str] = field(default_factory=list)
    _bounds: list[tuple[int, int]] = field(default_factory=list)
    _made: dict[int, Sentence] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _starts_of_sentences: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, gaz: Gazetteer, draft: Draft, fields: ProjectFields | None = None) -> DocumentContext:
        ctx = cls(text, gaz, draft, fields or ProjectFields(body=text), Resolver(gaz), gaz.find(text))
        ctx._bounds = _sentences(text)
        ctx._starts_of_sentences = [start for start, _ in ctx._bounds]
        ctx._starts = [m.start for m in ctx.mentions]
        return ctx

    @cached_property
    def lower(self) -> str:
        """The text lower-cased, offset for offset (patterns that ignore case run on it, much faster)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    @property
    def project_id(self) -> str:
        return self.draft.project.id

    @property
    def scope(self) -> str:
        """The slug that names the described project's unresolved departments."""
        return self.project_id.removeprefix("project:")

    @cached_property
    def bullet_items(self) -> list[tuple[int, int, str]]:
        """``(start, end, item)`` of the body's bullet items that hold more than one name."""
        out = []
        for match in _BULLET.finditer(self.text):
            item = match.group("item")
            if "," in item or " och " in item or "(" in item:
                out.append((match.start(), match.end(), item))
        return out

    @cached_property
    def other_project_sentences(self) -> dict[int, str]:
        """Start of each sentence set inside another project (``I projektet X samverkar …``) -> its id."""
        main = self.draft.project.name
        inside: dict[int, str] = {}
        for match, name, inside_it in project_names(self.text, self.gaz.keep_words):
            if not inside_it or is_main(self.text, match.start("name"), main) or not name[:1].isupper():
                continue
            sentence = self.sentence_of(match.start())
            if not re.search(rf"\b{re.escape(main)}", sentence.text, re.IGNORECASE):
                inside[sentence.start] = f"project:{slugify(name)}"
        return inside

    @cached_property
    def actor_sentences(self) -> list[tuple[Sentence, list[Mention], dict[int, Role]]]:
        """Each sentence that names actors, with its actor mentions and the part it gives each."""
        out: list[tuple[Sentence, list[Mention], dict[int, Role]]] = []
        seen: set[int] = set()
        for mention in self.mentions:
            if mention.entity.kind not in _ACTOR_KINDS or mention.start in seen:
                continue
            sentence = self.sentence_of(mention.start)
            actors = [m for m in self.mentions_in(sentence.start, sentence.end) if m.entity.kind in _ACTOR_KINDS]
            seen.update(m.start for m in actors)
            out.append((sentence, actors, roles_in(sentence.text, sentence.start, actors)))
        return out

    def in_bullet_item(self, offset: int) -> bool:
        return any(start <= offset < end for start, end, _ in self.bullet_items)

    def sentence_of(self, offset: int) -> Sentence:
        """The sentence around ``offset`` (made on first use: most sentences are never asked for)."""
        index = max(0, bisect_right(self._starts_of_sentences, offset) - 1)
        sentence = self._made.get(index)
        if sentence is None:
            start, end = self._bounds[index]
            sentence = self._made[index] = Sentence(start, end, self.text[start:end])
        return sentence

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        first = bisect_left(self._starts, start)
        return [m for m in self.mentions[first : bisect_left(self._starts, end)] if m.end <= end]

    def is_place(self, mention: Mention) -> bool:
        """An ambiguous bare name (``Mora``) counts only after a place word, beside other places or in a list."""
        if not mention.ambiguous:
            return True
        words_before = _WORD.findall(self.text[max(0, mention.start - 30) : mention.start])
        before = (
            words_before[-1]
            if words_before and not self.text[: mention.start].rstrip().endswith((".", "!", "?", ":"))
            else ""
        )
        next_word = _WORD.match(self.text, mention.end + 1) if self.text[mention.end : mention.end + 1] == " " else None
        after = next_word.group() if next_word else ""
        if after[:1].isupper() and not after.isupper():
            return False  # Mora Nilsson: a person
        line_start = self.text.rfind("\n", 0, mention.start) + 1
        if self.text[line_start : mention.start].strip(" •*-·") == "" and self.text[mention.end :].startswith("\n"):
            return not self.text[mention.start : mention.end].isupper()  # an item of its own, not a heading
        return before in PLACE_WORDS or (
            any(
                abs(other.start - mention.start) < 40 and not other.ambiguous and other.entity.kind == "municipality"
                for other in self.mentions
            )
            and before in {"", ","} | PLACE_WORDS
        )

    def relate(
        self,
        rel_type: RelType,
        start: str,
        end: str,
        evidence: str,
        reading: Reading,
        *,
        role: str | None = None,
        amount_sek: int | None = None,
        confidence: float | None = None,
    ) -> None:
        """Add one finding: a relationship read from ``evidence`` the way ``reading`` names (a
        :attr:`Reading.MENTIONED` one waits for the curator's decision)."""
        props: dict[str, object] = {}
        if role is not None:
            props["role"] = role
        if amount_sek is not None:
            props["amount_sek"] = amount_sek
        sure = CONFIDENCE[reading] if confidence is None else confidence
        mentioned = reading is Reading.MENTIONED
        self.draft.relate(DraftRelationship(rel_type, start, end, props, _short(evidence), sure, mentioned))

    def add_actor(self, actor: Actor, evidence: str) -> str:
        """Put ``actor`` (and its parent link) into the draft; its id."""
        node = self.draft.add_node(actor.node)
        parent = self.gaz.entities.get(actor.part_of or "")
        if parent is not None:
            self.draft.add_node(entity_actor(parent).node)
        if actor.part_of:
            self.relate(RelType.PART_OF, node.id, actor.part_of, evidence, Reading.PART_OF)
        if not actor.resolved:
            self.draft.warn(
                f"unresolved: {node.name!r} does not say which municipality it belongs to; kept as "
                f"{node.id} with resolved: false"
            )
        return node.id

    def add(self, node: DraftNode) -> DraftNode:
        return self.draft.add_node(node)

    def related(self, start: str, rel_type: RelType | None = None, end: str | None = None) -> bool:
        """Whether a finding already ties ``start`` (to ``end``, with ``rel_type``)."""
        return any(
            rel.start == start and (rel_type is None or rel.type == rel_type) and (end is None or rel.end == end)
            for rel in self.draft.relationships.values()
        )


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_BREAK.finditer(text):
        end = match.start() + (1 if text[match.start()] in ".!?" else 0)
        if end > start:
            out.append((start, end))
        start = match.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def _short(evidence: str, limit: int = 240) -> str:
    evidence = " ".join(evidence.split())
    return evidence if len(evidence) <= limit else evidence[: limit - 1] + "…"
