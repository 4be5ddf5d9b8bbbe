"""What the tool says to a person, in her language: answers to errors, and the notes and problems of a draft.

* An error is explained at the API's boundary (:func:`explain`): by its ``code``
  (:class:`~graphapp.errors.GraphappError`), the catalogue's ``error.<code>`` with its params (what
  happened, what to do); else by the note its English text is; else by its HTTP status
  (``error.status_<n>``). The English ``detail`` stays beside it, for analysts.
* A note or problem is written in English where it arises (the extractor's warnings, a
  spreadsheet cell's problem), for the command line and the logs; :func:`note_text` words it
  by its template in the ``notes`` catalogue: the English text with ``{}`` where a value goes,
  as written at its source (:func:`graphapp.views.catalogue_keys.notes` finds every such text
  in the source; the catalogue check fails on one without a wording). Values are worded too
  when a template fits them, each item of a comma-separated list alone; text no template fits
  stays as it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from graphapp.views.i18n import DEFAULT_LANG, catalogue, pick_lang, words

__all__ = ["EXPLAINED_STATUSES", "error_text", "explain", "note_text"]

#: The HTTP statuses the catalogue explains (``error.status_<n>``) when an error has no code of its own.
EXPLAINED_STATUSES = (400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 501, 503, 507)


def error_text(code: str | None, params: Mapping[str, object], lang: str, status: int | None = None) -> str | None:
    """The answer to an error of ``code`` (else of HTTP ``status``) in ``lang``, or None if there is none."""
    known = words(lang)
    key = f"error.{code}" if f"error.{code}" in known else f"error.status_{status}"
    if key not in known:
        return None
    try:
        return known(key, **params)
    except (KeyError, IndexError, ValueError):
        return known.get(f"error.status_{status}") or known[key]


def explain(detail: str, code: str | None, params: Mapping[str, object], status: int, lang: str) -> str:
    """An error explained in ``lang``: by its code, else as the note its English ``detail`` is, else by its
    status; the detail itself when none of them has words."""
    worded = note_text(detail, lang)
    return error_text(code, params, lang) or (
        worded if worded != detail else error_text(None, {}, lang, status) or detail
    )


def note_text(text: str, lang: str) -> str:
    """A note or problem written in English, worded in ``lang`` (itself in English, or where no template fits).

    >>> note_text("'snart' is not a date (expected YYYY-MM-DD, YYYY-MM for a month or YYYY for a year)", "sv")
    "'snart' är inget datum (ÅÅÅÅ-MM-DD väntas, ÅÅÅÅ-MM för en månad eller ÅÅÅÅ för ett år)"
    >>> note_text("personal data dropped: 2 e-mail address(es), 1 phone number(s)", "sv")
    'personuppgifter borttagna: 2 e-postadresser, 1 telefonnummer'
    """
    lang = pick_lang(lang)
    if not catalogue(lang, "notes"):
        return text
    return _worded(text, 0, lang)


def _worded(text: str, depth: int, lang: str = DEFAULT_LANG) -> str:
    for pattern, template in _patterns(lang):
        match = pattern.fullmatch(text)
        if match is not None:
            values = [_value(v, depth + 1, lang) for v in match.groups()]
            return template.format(*values)
    where, sep, rest = text.partition(": ")  # "file:sheet:row:column: message", "file: message"
    while sep and depth <= 3:
        worded = _worded(rest, depth + 1, lang)
        if worded != rest:
            return f"{where}{sep}{worded}"
        head, sep, rest = rest.partition(": ")
        where = f"{where}: {head}"
    return text


def _value(value: str, depth: int, lang: str) -> str:
    if depth > 3:
        return value
    worded = _worded(value, depth, lang)
    if worded != value or ", " not in value:
        return worded
    return ", ".join(_worded(part, depth, lang) for part in value.split(", "))


@functools.cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Each template of ``lang``'s notes as a pattern, the most literal text first (so a general one does not
    take a specific)."""
    compiled = []
    for english, worded in catalogue(lang, "notes").items():
        parts = english.split("{}")
        pattern = re.compile("(.+?)".join(re.escape(p) for p in parts), re.DOTALL)
        compiled.append((len(english) - 2 * (len(parts) - 1), pattern, worded))
    return [(pattern, worded) for _, pattern, worded in sorted(compiled, key=lambda c: -c[0])]
