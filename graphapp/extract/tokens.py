"""Words of a text with their positions: the unit the gazetteer and the privacy filter match on.

Matching whole words through a dictionary is much faster than one huge regular
expression of every surface form, and it keeps the case of each word, which is
what tells the place *Mark* from the noun *mark*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["INLINE_GAP", "SENTENCE_BREAK", "WORD", "Token", "gap_is_inline", "is_capitalised", "tokenize"]

WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'\u2019][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*\+?")
INLINE_GAP = re.compile(r"[ \t\u00a0,\-\u2013]*")
#: What ends a sentence or a list item.
SENTENCE_BREAK = re.compile(
    r"[.!?]\s+(?=[A-Z\u00c5\u00c4\u00d60-9\"'\u2013-])|\n\s*(?:\n|[\u2022*\u00b7-]\s*|(?=[A-Z\u00c5\u00c4\u00d6]))"
)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Every word of ``text``: letters and digits, inner hyphens kept (``Malung-Sälen``).

    >>> [t.text for t in tokenize("Asyl-, migrations- och integrationsfonden (AMIF)")]
    ['Asyl', 'migrations', 'och', 'integrationsfonden', 'AMIF']
    """
    return [Token(m[0], *m.span()) for m in WORD.finditer(text)]


def gap_is_inline(text: str, start: int, end: int) -> bool:
    """True when only spaces, commas or hyphens lie between two words (no sentence break)."""
    return INLINE_GAP.fullmatch(text, start, end) is not None


def is_capitalised(word: str) -> bool:
    """``Växjö`` yes, ``växjö`` and ``AMO`` no."""
    return word[:1].isupper() and not word[1:2].isupper()
