"""Clitic-aware, normalization-aware phrase matching for lexicons and gazetteers.

Arabic attaches conjunctions, prepositions and the article to the word (وباكستان، للجيش، بالقاهرة), so
a lexicon entry "باكستان" must match "وباكستان". Instead of one giant regular expression, text is split
into tokens of the normalized string; the first token of a candidate phrase is tried with its clitic
prefixes peeled off, the following tokens must match exactly. Lookup is a dict probe per token, so the
cost is linear in the text and independent of the lexicon size.

    >>> m = PhraseMatcher()
    >>> m.add("باكستان", "PAK")
    >>> [(h.start, h.end, h.value) for h in m.find("وصل إلى إسلام آباد من باكستان")]
    [(24, 31, 'PAK')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from alliancemap.text.normalize import Normalized, fold, normalize

_TOKEN = re.compile(r"[\w\-']+|[^\w\s]", re.UNICODE)
_AR_LETTER = re.compile(r"[\u0621-\u064a]")
# English compounds that name where equipment comes from ("Chinese-made drones")
_ORIGIN_SUFFIX = re.compile(r"-(?:made|built|designed|produced|manufactured|supplied|developed|origin)$")


@dataclass(frozen=True)
class Hit:
    """A lexicon match: offsets in the original text (clitic prefix excluded) and the entry's value."""

    start: int
    end: int
    text: str
    value: Any
    phrase: str  # the normalized lexicon phrase that matched


def tokenize(norm: str) -> list[tuple[int, int]]:
    """Token spans of a normalized string."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(norm)]


@functools.lru_cache(maxsize=65536)
def clitic_variants(token: str) -> tuple[tuple[str, int], ...]:
    """Forms of a token with Arabic proclitics removed, each with the number of characters removed.

    و/ف (and, so), then ب/ك/ل (with, like, for), then the article ال; ل + ال is written لل.
    English possessive 's is dropped too.
    """
    if token.endswith("'s") and len(token) > 3:
        return ((token, 0), (token[:-2], 0))
    if not _AR_LETTER.match(token):
        origin = _ORIGIN_SUFFIX.search(token)
        if origin and origin.start() >= 2:  # "chinese-made", "italian-built": the maker's demonym
            return ((token, 0), (token[:origin.start()], 0))
        return ((token, 0),)
    seen = {token}
    frontier = [(token, 0, False)]
    stems: list[tuple[str, int, bool]] = [(token, 0, False)]
    for prefixes in (("و", "ف"), ("ب", "ك", "ل")):
        nxt = []
        for tok, cut, _ in frontier:
            for p in prefixes:
                if tok.startswith(p) and len(tok) - len(p) >= 2:
                    rest = tok[len(p):]
                    forms = [(rest, False)]
                    if p == "ل" and rest.startswith("ل") and len(rest) >= 3:
                        # للجيش = ل + الجيش; but للجنة = ل + اللجنة and للبنان = ل + لبنان keep the stem
                        forms.insert(0, ("ا" + rest, True))
                    for form, synthetic in forms:
                        if form not in seen:
                            seen.add(form)
                            nxt.append((form, cut + len(p), synthetic))
        frontier = frontier + nxt
        stems.extend(nxt)
    out = [(tok, cut) for tok, cut, _ in stems]
    for tok, cut, synthetic in stems:
        if tok.startswith("ال") and len(tok) >= 4 and tok[2:] not in seen:
            seen.add(tok[2:])
            out.append((tok[2:], cut + (1 if synthetic else 2)))
    return tuple(out)


# Per first form: (n, {tokens after the first: (insertion rank, value, phrase)}), longest n first.
_Tables = tuple[tuple[int, dict[tuple[str, ...], tuple[int, Any, str]]], ...]
_Forms = tuple[tuple[int, frozenset[str], _Tables], ...]
_TOKEN_CACHE_MAX = 200_000


class PhraseMatcher:
    """A lexicon of phrases (any script) mapped to values, matched longest-first over text.

    ``_by_first`` keeps every entry in insertion order (the reference table); scanning uses an index
    derived from it on first use: per first form, one dict per phrase length keyed by the remaining
    tokens, so a position costs one dict probe per length instead of one comparison per phrase
    sharing the first word ("the", "وزير" start hundreds). The clitic forms of each text token that
    start some phrase are cached per token, so a token that starts nothing costs one dict probe.
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any, str]]] = {}
        self._max_len = 1
        self._index: dict[str, tuple[frozenset[str], _Tables]] | None = None
        self._token_forms: dict[str, _Forms] = {}
        self._non_starters: set[str] = set()  # tokens none of whose clitic forms starts a phrase

    def add(self, phrase: str, value: Any) -> None:
        """Register ``phrase`` (normalized on the way in) with ``value``."""
        norm = fold(phrase)
        toks = tuple(norm[s:e] for s, e in tokenize(norm))
        if not toks:
            return
        self._by_first.setdefault(toks[0], []).append((toks, value, norm))
        self._max_len = max(self._max_len, len(toks))
        self._index = None
        self._token_forms = {}
        self._non_starters = set()

    def add_many(self, items: Iterable[tuple[str, Any]]) -> None:
        for phrase, value in items:
            self.add(phrase, value)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, text: str, norm: Normalized | None = None) -> list[Hit]:
        """All non-overlapping matches in ``text``, longest first at each position."""
        norm = norm or normalize(text)
        return list(self._scan(text, norm))

    def _build_index(self) -> dict[str, tuple[frozenset[str], _Tables]]:
        """Per first form: the second tokens of its longer phrases, and its length tables.

        Of two phrases with the same tokens the first added wins. "the" starts hundreds of phrases;
        the set of second tokens rules most of them out with one probe.
        """
        index: dict[str, tuple[frozenset[str], _Tables]] = {}
        for first, rows in self._by_first.items():
            by_len: dict[int, dict[tuple[str, ...], tuple[int, Any, str]]] = {}
            for rank, (cand, value, phrase) in enumerate(rows):
                by_len.setdefault(len(cand), {}).setdefault(cand[1:], (rank, value, phrase))
            seconds = frozenset(cand[1] for cand, _, _ in rows if len(cand) > 1)
            index[first] = (seconds, tuple(sorted(by_len.items(), reverse=True)))
        return index

    def _forms(self, token: str) -> _Forms:
        """(clitic cut, second tokens, tables) for each clitic form of ``token`` that starts a phrase."""
        if self._index is None:
            self._index = self._build_index()
        index = self._index
        out = tuple((cut, *index[form]) for form, cut in clitic_variants(token) if form in index)
        if len(self._token_forms) >= _TOKEN_CACHE_MAX:
            self._token_forms.clear()
        self._token_forms[token] = out
        return out

    def _scan(self, text: str, norm: Normalized) -> Iterator[Hit]:
        s = norm.text
        toks = _tokens(s)
        # tokens that start no phrase are dropped with one set difference; most tokens are such
        candidates = set(toks) - self._non_starters
        if not candidates:
            return
        forms_of = {}
        for tok in candidates:
            forms = self._token_forms.get(tok)
            forms_of[tok] = self._forms(tok) if forms is None else forms
        starters = {tok for tok, forms in forms_of.items() if forms}
        self._non_starters.update(candidates - starters)
        if len(self._non_starters) >= _TOKEN_CACHE_MAX:
            self._non_starters.clear()
        starts: list[int] = []  # offsets of toks[0..], filled as far as a hit needs them
        ntok, free = len(toks), 0
        for i in [i for i, tok in enumerate(toks) if tok in starters]:
            if i < free:
                continue
            best: tuple[int, int, Any, str] | None = None
            nxt = toks[i + 1] if i + 1 < ntok else ""
            for cut, seconds, tables in forms_of[toks[i]]:
                longer = nxt in seconds or nxt.endswith("'s") and nxt[:-2] in seconds
                for n, table in tables:  # longest first: the first length that matches is this form's best
                    if best is not None and n <= best[0]:
                        break
                    if i + n > ntok or n > 1 and not longer:
                        continue
                    row = _lookup(table, toks, i, n)
                    if row is not None:
                        best = (n, cut, row[1], row[2])
                        break
            if best is None:
                continue
            n, cut, value, phrase = best
            _locate(s, toks, starts, i + n)
            start, end = norm.original_span(starts[i] + cut, starts[i + n - 1] + len(toks[i + n - 1]))
            yield Hit(start, end, text[start:end], value, phrase)
            free = i + n


_PIECES: dict[str, tuple[str, ...]] = {}


def _tokens(s: str) -> list[str]:
    """``_TOKEN.findall(s)`` for normalized text, from the tokens of each space-separated word (cached).

    A token never spans white space and normalized text has no white space but the plain space, so
    the words' tokens in order are the text's; most words repeat, so this skips the regex pass.
    """
    words = s.split(" ")
    cache = _PIECES
    if len(cache) > _TOKEN_CACHE_MAX:
        cache.clear()
    for word in set(words).difference(cache):
        cache[word] = tuple(_TOKEN.findall(word))
    return list(chain.from_iterable(map(cache.__getitem__, words)))


def _locate(s: str, toks: list[str], starts: list[int], upto: int) -> None:
    """Extend ``starts`` with the offsets of ``toks`` in ``s`` up to index ``upto``.

    The tokens cover every non-space character of ``s`` in order, so each is the next occurrence
    after the previous one: a few ``str.find`` calls instead of a second regex pass.
    """
    pos = starts[-1] + len(toks[len(starts) - 1]) if starts else 0
    for tok in toks[len(starts):upto]:
        pos = s.find(tok, pos)
        starts.append(pos)
        pos += len(tok)


def _lookup(table: dict[tuple[str, ...], tuple[int, Any, str]], toks: list[str], i: int,
            n: int) -> tuple[int, Any, str] | None:
    """The earliest-added phrase of length ``n`` whose later tokens are toks[i+1:i+n]; the last of
    them may carry an English possessive ("the Libyan National Army's")."""
    if n == 1:
        return table.get(())
    rest = tuple(toks[i + 1:i + n])
    row = table.get(rest)
    last = rest[-1]
    if last.endswith("'s"):
        alt = table.get((*rest[:-1], last[:-2]))
        if alt is not None and (row is None or alt[0] < row[0]):
            row = alt
    return row
