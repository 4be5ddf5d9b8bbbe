"""Text folding shared by ids, search and the gazetteer."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "slugify", "visible"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics: ``"Växjö"`` -> ``"vaxjo"``.

    >>> fold("Arbetsförmedlingen Älmhult")
    'arbetsformedlingen almhult'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str) -> str:
    """A lower-case ASCII slug for ids: ``"Integration på G!"`` -> ``"integration-pa-g"``.

    >>> slugify("Integration på G!")
    'integration-pa-g'
    """
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def visible(text: str) -> str:
    r"""``text`` without invisible format characters (Unicode category Cf): bidirectional
    embeddings, overrides and isolates, which can make ``a\u202etxt.exe`` read as
    ``aexe.txt``, zero-width spaces and joiners, the byte-order mark, soft hyphens.

    >>> visible("a\u202evsc.txt\u200b")
    'avsc.txt'
    """
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
