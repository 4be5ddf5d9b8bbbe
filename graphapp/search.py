"""Name search: one ranking for every store.

The index is built from :meth:`GraphStore.all_nodes` (id, kind, name and, for
municipalities, ``official_name``), so the embedded store and Neo4j rank the same
nodes the same way. Matching is case- and diacritics-insensitive (``vaxjo`` finds
Växjö) and word-based: every word of the query must match a word of the name,

- exactly (score 1.0), or
- as a prefix (``arbetsf`` → Arbetsförmedlingen; score 0.9 - a little per missing letter), or
- fuzzily, by character trigrams, for words of letters only (``vaxsjo`` → Växjö; score 0.75 times the similarity).

A node's score is the mean over the query's words, plus a bonus when the whole
name equals or starts with the query and a small one for the share of the name's
words the query covers (``Trelleborg`` before ``… i Trelleborg``). Results are ordered by score (descending),
then name and id. Cost: building is O(total name length); a query looks up its
words in a sorted vocabulary (prefix) and a trigram index (fuzzy), then scores
only the nodes that hold every word.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from graphapp.model import Label, Node
from graphapp.textnorm import fold

__all__ = ["MAX_QUERY_LENGTH", "SearchHit", "SearchIndex"]

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"[a-z0-9]+")
_MIN_FUZZY = 0.45  #: trigram similarity a fuzzy word match needs
_MAX_WORDS = 8
_MEMO_SIZE = 4096  #: remembered answers per index; all are forgotten when it is full
_WHOLE_NAME_BONUS, _NAME_PREFIX_BONUS = 0.1, 0.05  #: the query is the whole (folded) name; it starts it
_COVERAGE_BONUS = 0.05  #: for a name with no more words than the query, less the more words it has
_MAX_BONUS = _WHOLE_NAME_BONUS + _COVERAGE_BONUS


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    kind: str
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    label: Label
    name: str
    folded: tuple[str, ...]  #: folded names (name, official name), words joined by one space
    words: int  #: words in the shortest name, for the coverage bonus


class SearchIndex:
    """An in-memory index over node names.

    >>> index = SearchIndex([Node("municipality:0780", Label.MUNICIPALITY, "Växjö", {"official_name": "Växjö kommun"})])
    >>> [hit.id for hit in index.search("vaxjo")]
    ['municipality:0780']
    >>> [hit.id for hit in index.search("VÄXJ")], [hit.id for hit in index.search("vaxsjo")]
    (['municipality:0780'], ['municipality:0780'])
    """

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._entries: list[_Entry] = []
        postings: dict[str, set[int]] = defaultdict(set)
        for node in nodes:
            names = [node.name]
            official = node.properties.get("official_name")
            if isinstance(official, str) and official and official != node.name:
                names.append(official)
            folded = tuple(" ".join(_WORD.findall(fold(n))) for n in names)
            index = len(self._entries)
            words = min(len(_WORD.findall(text)) for text in folded) or 1
            self._entries.append(_Entry(node.id, node.label, node.name, folded, words))
            for text in folded:
                for word in _WORD.findall(text):
                    postings[word].add(index)
        self._postings = {word: frozenset(ids) for word, ids in postings.items()}
        self._names = sorted((text, i) for i, entry in enumerate(self._entries) for text in entry.folded)
        self._vocabulary = sorted(self._postings)
        trigrams: dict[str, set[str]] = defaultdict(set)
        for word in self._vocabulary:
            for gram in _trigrams(word):
                trigrams[gram].add(word)
        self._trigrams = {gram: tuple(sorted(words)) for gram, words in trigrams.items()}
        self._gram_counts = {word: len(_trigrams(word)) for word in self._vocabulary}
        self._memo: dict[tuple[str, frozenset[Label] | None, int], list[SearchHit]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, kinds: frozenset[Label] | None = None, limit: int = 20) -> list[SearchHit]:
        """The best ``limit`` nodes for ``query``, of the given kinds (all if None).

        Answers are remembered (at most ``_MEMO_SIZE``): the index never changes, and a
        search box asks the same prefixes again and again.
        """
        key = (query, kinds, limit)
        hits = self._memo.get(key)
        if hits is None:
            hits = self._search(query, kinds, limit)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = hits
        return list(hits)

    def _search(self, query: str, kinds: frozenset[Label] | None, limit: int) -> list[SearchHit]:
        folded_query = " ".join(_WORD.findall(fold(query)))
        words = list(dict.fromkeys(folded_query.split()))[:_MAX_WORDS]
        if not words or limit < 1:
            return []
        candidates = self._word_scores(words[0])
        for word in words[1:]:
            if not candidates:
                return []
            scores = self._word_scores(word)
            if len(scores) < len(candidates):
                candidates, scores = scores, candidates
            candidates = {i: s + scores[i] for i, s in candidates.items() if i in scores}
        entries = self._entries
        count = len(words)
        exact, prefixed = self._whole_name_matches(folded_query)
        # Rank candidates from the best word score down. The bonuses add at most
        # _MAX_BONUS, so once `limit` are ranked, a lower score that cannot reach the
        # worst of the best `limit` even with every bonus ends the ranking early: a
        # common word (a year, "projekt") matches thousands of names.
        by_total: dict[float, list[int]] = defaultdict(list)
        for index, total in candidates.items():
            by_total[total].append(index)
        ranked: list[tuple[int, str, str, int]] = []
        for total in sorted(by_total, reverse=True):
            if len(ranked) >= limit and _rank(total / count + _MAX_BONUS) > heapq.nsmallest(limit, ranked)[-1][0]:
                break
            for index in by_total[total]:
                entry = entries[index]
                if kinds is not None and entry.label not in kinds:
                    continue
                bonus = _WHOLE_NAME_BONUS if index in exact else _NAME_PREFIX_BONUS if index in prefixed else 0.0
                coverage = _COVERAGE_BONUS * min(1.0, count / entry.words)
                ranked.append((_rank(total / count + bonus + coverage), entry.folded[0], entry.id, index))
        best = heapq.nsmallest(limit, ranked)
        return [
            SearchHit(entries[i].id, entries[i].label.kind, entries[i].name, -negative / 10_000)
            for negative, _, _, i in best
        ]

    def _whole_name_matches(self, query: str) -> tuple[set[int], set[int]]:
        """Nodes whose whole (folded) name equals the query, and those it starts."""
        names = self._names
        exact: set[int] = set()
        prefixed: set[int] = set()
        for at in range(bisect.bisect_left(names, (query, -1)), len(names)):
            name, index = names[at]
            if not name.startswith(query):
                break
            (exact if name == query else prefixed).add(index)
        return exact, prefixed - exact

    def _word_scores(self, word: str) -> dict[int, float]:
        """Best score of ``word`` for each node holding a matching word."""
        best: dict[str, float] = {}
        if word in self._postings:
            best[word] = 1.0
        vocabulary = self._vocabulary
        for at in range(bisect.bisect_left(vocabulary, word), len(vocabulary)):
            candidate = vocabulary[at]
            if not candidate.startswith(word):
                break
            if candidate != word:
                best[candidate] = max(0.6, 0.9 - 0.02 * (len(candidate) - len(word)))
        if len(word) >= 3 and not any(ch.isdigit() for ch in word):  # no fuzzy years or codes
            for candidate, similarity in self._fuzzy(word).items():
                best.setdefault(candidate, round(0.75 * similarity, 6))
        scores: dict[int, float] = {}
        for candidate, score in sorted(best.items(), key=itemgetter(1)):  # the best score of a node is set last
            scores.update(dict.fromkeys(self._postings[candidate], score))
        return scores

    def _fuzzy(self, word: str) -> dict[str, float]:
        grams = _trigrams(word)
        shared: dict[str, int] = defaultdict(int)
        for gram in grams:
            for candidate in self._trigrams.get(gram, ()):
                shared[candidate] += 1
        out = {}
        for candidate, common in shared.items():
            similarity = 2 * common / (len(grams) + self._gram_counts[candidate])
            if similarity >= _MIN_FUZZY:
                out[candidate] = similarity
        return out


def _rank(score: float) -> int:
    """A score as a sort key: negated, at 4 decimals, so that ties fall back to name, then id."""
    return -int(score * 10_000 + 0.5)


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
