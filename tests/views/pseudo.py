"""What a person reads on a page, and which of it went past the catalogues.

Under the pseudo-locale (``?lang=qps``) every word from a catalogue is marked ``⟦…⟧``. :func:`read_page` collects
what the page shows in real Chromium: every visible text node, the ``title``, ``aria-label``, ``placeholder``
and ``alt`` of visible elements, the options of visible selects, and the document's title, each with where it is.
:class:`Leaks` keeps what is neither marked nor data:

* **data** is what the server sent as data (every string of its JSON answers and of the page's data scripts,
  the catalogue's words left out) and the graph's names, ids and values: a leak can be no such string;
* numbers, dates and times (CLDR's month names and AM/PM of the pseudo-locale's English) and punctuation;
* text in code (``code``, ``pre``, ``textarea``, ``kbd``, ``samp``) is code, not words;
* text inside an element whose ``lang`` is not the page's is content in a stated language (the glossary's
  Swedish terms, the server's own English text kept beside an explained error).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from babel.dates import get_month_names, get_period_names

from graphapp.store import GraphStore

#: The marks of the pseudo-locale (graphapp.views.i18n.pseudo).
OPEN, CLOSE = "\u27e6", "\u27e7"
#: Property keys whose values are codes the pages put into words (a raw one on a page is a leak).
CODED = frozenset(
    {"kind", "status", "role", "label", "type", "start_precision", "end_precision", "published_precision"}
)
#: Keys of the server's JSON whose strings are words for a person (worded in the page's language), not data.
WORDED = frozenset({"message", "detail", "title", "warnings", "strings", "help", "description"})
#: Words that are neither a catalogue's nor data: the product's name.
NAMES = frozenset({"graphapp"})

COLLECT = """
() => {
  const pageLang = document.documentElement.lang;
  const CODE = "code, pre, textarea, kbd, samp, script, style, noscript, template";
  const out = [];
  function where(el) {
    const parts = [];
    for (let e = el; e && e.tagName && parts.length < 4; e = e.parentElement) {
      const cls = e.classList && e.classList.length ? "." + Array.from(e.classList).slice(0, 2).join(".") : "";
      parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : cls));
      if (e.id) { break; }
    }
    return parts.join(" > ");
  }
  function stated(el) { const owner = el.closest("[lang]"); return owner ? owner.getAttribute("lang") : pageLang; }
  function shown(el) {
    return el.checkVisibility({ checkVisibilityCSS: true }) && el.getClientRects().length > 0;
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.nodeValue.trim();
    if (!text || !el || el.closest(CODE) || stated(el) !== pageLang) { continue; }
    if (el.tagName === "OPTION") {
      const select = el.closest("select");
      if (!select || !shown(select)) { continue; }
    } else if (!shown(el)) { continue; }
    out.push({ text: text, where: where(el) });
  }
  document.querySelectorAll("[title], [aria-label], [placeholder], [alt]").forEach(function (el) {
    if (el.closest(CODE) || stated(el) !== pageLang || el.tagName === "LINK") { return; }
    if (!(shown(el) || el.tagName === "svg" || el.closest("[role=listbox]"))) { return; }
    ["title", "aria-label", "placeholder", "alt"].forEach(function (name) {
      const value = (el.getAttribute(name) || "").trim();
      if (value) { out.push({ text: value, where: where(el) + "[" + name + "]" }); }
    });
  });
  out.push({ text: document.title, where: "title" });
  const data = [];
  document.querySelectorAll("script[type='application/json']").forEach(function (script) {
    data.push(script.textContent);
  });
  return { items: out, data: data };
}
"""


@dataclass
class Leaks:
    """The graph's data, the server's data as it is met, and the leaks found, by page."""

    data: set[str] = field(default_factory=set)
    found: dict[str, list[str]] = field(default_factory=dict)
    texts: int = 0
    answers: list[Any] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        """Keep the page's successful JSON answers of the API: their strings are data."""

        def keep(response: Any) -> None:
            if "/api/" in response.url and response.ok and "json" in (response.headers.get("content-type") or ""):
                self.answers.append(response)

        page.on("response", keep)

    def add_graph(self, store: GraphStore) -> None:
        """The names, ids and values of every node and relationship of ``store``."""
        graph = store.to_networkx()
        for node_id, attrs in graph.nodes(data=True):
            self.data.add(node_id)
            self._add_properties(attrs)
        for _, _, attrs in graph.edges(data=True):
            self._add_properties(attrs)

    def _add_properties(self, properties: dict[str, Any]) -> None:
        for key, value in properties.items():
            if key not in CODED:
                self.add_json(value)

    def add_json(self, value: Any, key: str = "") -> None:
        """Every string of a JSON value, but the catalogue's words and a person's messages."""
        if key in WORDED or key in CODED:
            return
        if isinstance(value, str):
            if value.strip() and OPEN not in value:
                self.data.add(value.strip())
        elif isinstance(value, list):
            for item in value:
                self.add_json(item)
        elif isinstance(value, dict):
            for inner, item in value.items():
                self.add_json(item, str(inner))

    def check(self, page: Any, name: str) -> None:
        """Read the page as it is now and keep what leaks, under ``name``."""
        seen = page.evaluate(COLLECT)
        while self.answers:
            try:
                self.add_json(self.answers.pop().json())
            except Exception:
                continue
        for text in seen["data"]:
            try:
                self.add_json(json.loads(text))
            except ValueError:
                continue
        pattern = _data_pattern(frozenset(self.data))
        self.texts += len(seen["items"])
        for item in seen["items"]:
            if _cut_data(item["text"], self.data):
                continue
            rest = leftover(item["text"], pattern)
            if rest:
                self.found.setdefault(name, []).append(f"{item['where']}: {item['text']!r} (unmarked: {rest})")

    def report(self) -> str:
        return "\n".join(f"{page}:\n  " + "\n  ".join(sorted(set(items))) for page, items in self.found.items())


_DATE_WORDS = (
    frozenset(get_month_names("wide", locale="en").values())
    | frozenset(get_month_names("abbreviated", locale="en").values())
    | frozenset(get_period_names(locale="en").values())
)


def leftover(text: str, data: re.Pattern[str]) -> list[str]:
    """The words of ``text`` that are neither marked, nor data, nor a date's."""
    rest = text
    while True:  # innermost marks first: ⟦Ägs av ⟦…⟧⟧
        stripped = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", rest)
        if stripped == rest:
            break
        rest = stripped
    # a message split around data into text nodes of its own ("⟦Owned by", a name, "⟧"): each part is marked
    rest = re.sub(f"^[^{OPEN}]*{CLOSE}|{OPEN}[^{CLOSE}]*$", " ", rest)
    rest = data.sub(" ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return [w for w in words if w not in _DATE_WORDS and w not in NAMES]


def _cut_data(text: str, data: set[str]) -> bool:
    """Whether ``text`` is the start of a data string cut short to fit ("Asyl-, migrations- och in…")."""
    return text.endswith("\u2026") and len(text) > 4 and any(d.startswith(text[:-1].rstrip()) for d in data)


_cache: dict[frozenset[str], re.Pattern[str]] = {}


def _data_pattern(data: frozenset[str]) -> re.Pattern[str]:
    """One pattern of every data string, longest first, each a whole word where it begins or ends with one."""
    if data not in _cache:
        _cache.clear()
        alternatives = "|".join(re.escape(d) for d in sorted(data, key=len, reverse=True))
        _cache[data] = re.compile(f"(?<![\\w])(?:{alternatives})(?![\\w])")
    return _cache[data]
