"""The language layer: every word a person reads, from Babel message catalogues, in Swedish (the default) and English.

The words live in ``graphapp/locale/<lang>/LC_MESSAGES/<domain>.po`` (read at first use; no compiled
``.mo``), three domains:

* ``messages`` (``sv`` and ``en``): the words of the pages, scripts, embeds, downloads and answers to
  errors. A message id is a **key** (``search_label``, ``kind.project``, ``error.not_a_date``), the same in
  Python (``t = words(lang); t("key", name=...)``), templates (``{{ _("key", name=...) }}``, Jinja's i18n
  extension) and scripts (``t("key", {name: ...})``, kit.js); values fill ``{name}`` places.
* ``notes`` (``sv``): the curator's notes and problems, whose id is the English text as its source writes it
  (``{}`` for a value; :mod:`graphapp.views.messages` words a note by it).
* ``queries`` (``sv``): the saved queries' descriptions and parameter help, whose id is the English of
  the ``cypher/*.cypher`` header.

``qps`` is a pseudo-locale for tests (on with ``GRAPHAPP_PSEUDO_LOCALE``): every message, of every domain,
is the English marked ``⟦…⟧`` with accented letters, so a text on a page that is neither marked nor data
went past the catalogues. Numbers, kronor and dates are formatted by CLDR (:mod:`graphapp.views.formatting`).

The keys no call names literally (``kind.<kind>``, ``rel.<TYPE>``, …) are declared in
:mod:`graphapp.views.catalogue_keys`; ``tests/views/test_catalogues.py`` fails on a key used but missing,
untranslated in a language, or in a catalogue but used nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from graphapp.roles import Role, lookup

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LOCALE_DIR",
    "PSEUDO_LANG",
    "Words",
    "catalogue",
    "cldr_locale",
    "install_gettext",
    "kind_name",
    "pick_lang",
    "prop_name",
    "pseudo",
    "rel_name",
    "role_name",
    "source_text",
    "strings",
    "value_name",
    "words",
]

DEFAULT_LANG = "sv"
LANGS = ("sv", "en")
#: The pseudo-locale: English marked, for the test that finds words that never went through a catalogue.
PSEUDO_LANG = "qps"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: The language of the ids of the domains whose ids are English text (so English needs no catalogue of them).
_SOURCE_LANG = "en"
_MARKS = ("\u27e6", "\u27e7")  # ⟦ ⟧
_ACCENTED = str.maketrans("aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝçñšž")


def pick_lang(value: str | None, *, pseudo: bool = True) -> str:
    """``value`` if it is a language we speak (or, unless ``pseudo`` is false, the pseudo-locale), else
    Swedish. A request may ask for the pseudo-locale where the settings allow it (``GRAPHAPP_PSEUDO_LOCALE``:
    ``graphapp.api.deps.allowed_lang``)."""
    return value if value in LANGS or (pseudo and value == PSEUDO_LANG) else DEFAULT_LANG


#: The CLDR locale of each language: English as written in Europe ("1 June 2016"), as a Swedish reader expects.
_CLDR = {"sv": "sv", "en": "en_GB", PSEUDO_LANG: "en_GB"}


def cldr_locale(lang: str) -> str:
    """The CLDR locale (Babel's ``en_GB``; kit.js gives Intl ``en-GB``) that formats numbers and dates for
    ``lang`` (the pseudo-locale's is English's)."""
    return _CLDR[pick_lang(lang)]


def pseudo(text: str) -> str:
    """``text`` marked as the pseudo-locale shows it: ``⟦`` accented letters ``⟧``, ``{places}`` untouched.

    >>> pseudo("Owned by {name}")
    '⟦Ówñéd bý {name}⟧'
    """
    parts = text.split("{")
    out = [parts[0].translate(_ACCENTED)]
    for part in parts[1:]:
        place, brace, rest = part.partition("}")
        out.append("{" + place + brace + rest.translate(_ACCENTED) if brace else "{" + part.translate(_ACCENTED))
    return _MARKS[0] + "".join(out) + _MARKS[1]


@lru_cache(maxsize=16)
def catalogue(lang: str, domain: str = "messages") -> Mapping[str, str]:
    """The translated messages of ``domain`` in ``lang`` (id -> text); fuzzy and empty ones are left out.

    The ``notes`` and ``queries`` domains have English ids, so English has no catalogue of them: the empty
    mapping (a caller keeps the id). The pseudo-locale marks English: the ``messages`` of ``en``, the ids of
    the others.
    """
    lang = pick_lang(lang)
    if lang == PSEUDO_LANG:
        source = catalogue(_SOURCE_LANG, domain)
        ids = source if domain == "messages" else _ids(domain)
        return {key: pseudo(source.get(key, key)) for key in ids}
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        messages = read_po(file, locale=lang, domain=domain)
    return {
        m.id: m.string
        for m in messages
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def _ids(domain: str) -> Iterator[str]:
    """Every id of ``domain`` that any catalogue has."""
    for lang in LANGS:
        yield from catalogue(lang, domain)


class Words(Mapping[str, str]):
    """The ``messages`` of one language: ``t("key")``, ``t("key", name=value)`` fills ``{name}``; a key
    the catalogue lacks comes back as itself (the catalogue check fails on it first)."""

    def __init__(self, lang: str) -> None:
        self.lang = pick_lang(lang)
        self._texts = catalogue(self.lang)

    def __call__(self, key: str, /, **values: Any) -> str:
        text = self._texts.get(key, key)
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


@lru_cache(maxsize=4)
def words(lang: str) -> Words:
    """The words of ``lang`` (Swedish unless English or the pseudo-locale is asked for)."""
    return Words(lang)


def strings(lang: str) -> dict[str, str]:
    """Every message of ``lang`` as a dict, for a page's script (``kit.js`` ``make(strings, lang)``)."""
    return dict(words(lang))


def install_gettext(env: Environment) -> None:
    """Jinja's i18n extension with the catalogues: ``{{ _("key", name=value) }}`` in the language of the
    template's ``lang`` (every page renders with one)."""
    env.add_extension("jinja2.ext.i18n")

    @pass_context
    def gettext(context: Context, key: str, /, **values: Any) -> str:
        return words(str(context.get("lang", DEFAULT_LANG)))(key, **values)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, n: int, /, **values: Any) -> str:
        return gettext(context, singular if n == 1 else plural, n=n, **values)

    env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]  # added by the extension


def source_text(text: str, lang: str, domain: str) -> str:
    """A text written in English at its source (a saved query's description, a parameter's help: domain
    ``queries``) in ``lang``; as it is where the catalogue has no words for it (an analyst's own query)."""
    return catalogue(lang, domain).get(text, text)


def kind_name(kind: str, lang: str) -> str:
    """A node's kind as a word, e.g. ``municipality`` -> "Kommun"."""
    return words(lang).get(f"kind.{kind}", kind)


def rel_name(rel_type: str, lang: str) -> str:
    """A relationship type as a word, e.g. ``OWNS`` -> "äger"."""
    return words(lang).get(f"rel.{rel_type}", rel_type)


def prop_name(key: str, lang: str) -> str:
    """A property key as a word, e.g. ``grant_sek`` -> "Beviljat stöd"; unknown keys as they are."""
    return words(lang).get(f"prop.{key}", key)


def value_name(value: str, lang: str) -> str:
    """A coded value as a word, e.g. ``county_board`` -> "länsstyrelse", a role's code as the role's word;
    other values as they are."""
    known = words(lang)
    if f"value.{value}" in known:
        return known[f"value.{value}"]
    role = lookup(value)
    return known[f"role.{role.value}"] if role is not None and role.value == value else value


def role_name(role: Role | str, lang: str) -> str:
    """A role of the vocabulary as a word, e.g. ``co_funder`` -> "medfinansiär"; other text as it is."""
    found = lookup(role)
    return words(lang)[f"role.{found.value}"] if found is not None else role
