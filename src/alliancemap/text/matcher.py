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
from typing import Any

from alliancemap.text.normalize import Normalized, fold, normalize

_TOKEN = re.compile(r"[\w\-']+|[^\w\s]", re.UNICODE)
_AR_LETTER = re.compile(r"[\u0621-\u064a]")


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
        return ((token, 0),)
    seen = {token}
    frontier = [(token, 0, False)]
    stems: list[tuple[str, int, bool]] = [(token, 0, False)]
    for prefixes in (("و", "ف"), ("ب", "ك", "ل")):
        nxt = []
        for tok, cut, _ in frontier:
            for p in prefixes:
                if tok.startswith(p) and len(tok) - len(p) >= 2:
                    rest, synthetic = tok[len(p):], False
                    if p == "ل" and rest.startswith("ل") and len(rest) >= 3:
                        rest, synthetic = "ا" + rest, True  # للجيش = ل + الجيش
                    if rest not in seen:
                        seen.add(rest)
                        nxt.append((rest, cut + len(p), synthetic))
        frontier = frontier + nxt
        stems.extend(nxt)
    out = [(tok, cut) for tok, cut, _ in stems]
    for tok, cut, synthetic in stems:
        if tok.startswith("ال") and len(tok) >= 4 and tok[2:] not in seen:
            seen.add(tok[2:])
            out.append((tok[2:], cut + (1 if synthetic else 2)))
    return tuple(out)


def _rest_matches(toks: list[str], cand: tuple[str, ...]) -> bool:
    """Tokens after the first match exactly; the last may carry an English possessive."""
    if tuple(toks) == cand:
        return True
    return bool(cand) and tuple(toks[:-1]) == cand[:-1] and toks[-1].endswith("'s") and toks[-1][:-2] == cand[-1]


class PhraseMatcher:
    """A lexicon of phrases (any script) mapped to values, matched longest-first over text."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any, str]]] = {}
        self._max_len = 1

    def add(self, phrase: str, value: Any) -> None:
        """Register ``phrase`` (normalized on the way in) with ``value``."""
        norm = fold(phrase)
        toks = tuple(norm[s:e] for s, e in tokenize(norm))
        if not toks:
            return
        self._by_first.setdefault(toks[0], []).append((toks, value, norm))
        self._max_len = max(self._max_len, len(toks))

    def add_many(self, items: Iterable[tuple[str, Any]]) -> None:
        for phrase, value in items:
            self.add(phrase, value)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, text: str, norm: Normalized | None = None) -> list[Hit]:
        """All non-overlapping matches in ``text``, longest first at each position."""
        norm = norm or normalize(text)
        return list(self._scan(text, norm))

    def _scan(self, text: str, norm: Normalized) -> Iterator[Hit]:
        s = norm.text
        spans = tokenize(s)
        toks = [s[a:b] for a, b in spans]
        i = 0
        while i < len(toks):
            best = None
            for form, cut in clitic_variants(toks[i]):
                for cand, value, phrase in self._by_first.get(form, ()):
                    n = len(cand)
                    if i + n > len(toks) or not _rest_matches(toks[i + 1:i + n], cand[1:]):
                        continue
                    if best is None or n > best[0]:
                        best = (n, cut, value, phrase)
            if best is None:
                i += 1
                continue
            n, cut, value, phrase = best
            nstart = spans[i][0] + cut
            nend = spans[i + n - 1][1]
            start, end = norm.original_span(nstart, nend)
            yield Hit(start, end, text[start:end], value, phrase)
            i += n
