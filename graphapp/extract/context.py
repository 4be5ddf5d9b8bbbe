"""What one document says, prepared once: sentences, mentions, and the cues read from them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from graphapp.extract.draft import Draft, DraftNode, DraftRelationship
from graphapp.extract.gazetteer import Gazetteer, Mention
from graphapp.extract.tokens import SENTENCE_BREAK

__all__ = ["CUES", "FUNDING_CUES", "OWNER_CUES", "PLACE_WORDS", "DocumentContext", "Sentence"]

#: A sentence that ties an actor to the work (not a place merely mentioned).
CUES = re.compile(
    r"samverk|samarb|tillsammans med|partner|deltar|deltog|delta\b|medverk|finansi|bjöd|bjuder|"
    r"arrangera|projekt|driver|drivit|bedriv|ansvar|beviljat|beviljade|stöd från|medel från|"
    r"dialog|insats|samråd|parter",
    re.IGNORECASE,
)
OWNER_CUES = re.compile(
    r"\b(drivit|driver|bedriver|bedrivit|projektägare|beviljades|arbetat fram|tagit fram|startade|"
    r"startat|äger|står bakom|ansvarar för)\b",
    re.IGNORECASE,
)
FUNDING_CUES = re.compile(
    r"finansier|finansiering|medel från|stöd från|bidrag från|delfinansier|beviljat|beviljade|"
    r"kommer från|från\s*$",
    re.IGNORECASE,
)
#: Words before a name that make it a place (``i Mora``, ``från Vara``).
_WORD = re.compile(r"[\w\u00c0-\u00ff-]+")
PLACE_WORDS = frozenset({"i", "från", "till", "mellan", "kring", "utanför", "inom", "via", "och"})


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class DocumentContext:
    text: str
    gaz: Gazetteer
    draft: Draft
    mentions: list[Mention] = field(default_factory=list)
    _bounds: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each sentence
    _made: dict[int, Sentence] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # mention starts already used (as units, in lists)
    _starts: list[int] = field(default_factory=list)
    _cues: dict[int, bool] = field(default_factory=dict)
    _lower: str | None = None
    _starts_of_sentences: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, gaz: Gazetteer, draft: Draft) -> DocumentContext:
        ctx = cls(text, gaz, draft, gaz.find(text))
        ctx._bounds = _sentences(text)
        ctx._starts_of_sentences = [start for start, _ in ctx._bounds]
        return ctx

    @property
    def lower(self) -> str:
        """The text lower-cased, offset for offset (patterns that ignore case run on it, much faster)."""
        if self._lower is None:
            lowered = self.text.lower()
            self._lower = (
                lowered
                if len(lowered) == len(self.text)
                else "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
            )
        return self._lower

    @property
    def project_id(self) -> str:
        return self.draft.project.id

    def has_cue(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` ties its actors to the work (cached per sentence)."""
        known = self._cues.get(sentence.start)
        if known is None:
            known = self._cues[sentence.start] = CUES.search(sentence.text) is not None
        return known

    def sentence_of(self, offset: int) -> Sentence:
        """The sentence around ``offset`` (made on first use: most sentences are never asked for)."""
        index = max(0, bisect_right(self._starts_of_sentences, offset) - 1)
        sentence = self._made.get(index)
        if sentence is None:
            start, end = self._bounds[index]
            sentence = self._made[index] = Sentence(start, end, self.text[start:end])
        return sentence

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
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
            return True  # a list item of its own
        return before in PLACE_WORDS or (
            any(
                abs(other.start - mention.start) < 40 and not other.ambiguous and other.entity.kind == "municipality"
                for other in self.mentions
            )
            and before in {"", ","} | PLACE_WORDS
        )

    def relate(
        self, rel_type: str, start: str, end: str, evidence: str, confidence: float, **properties: object
    ) -> None:
        props = {k: v for k, v in properties.items() if v is not None}
        self.draft.relate(DraftRelationship(rel_type, start, end, props, _short(evidence), confidence))

    def add(self, node: DraftNode) -> DraftNode:
        return self.draft.add_node(node)


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
