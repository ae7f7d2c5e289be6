"""Finding where the words of a small set begin in a long text, without a regex pass over it.

A regular expression tried at every position of a 5,000-character article costs 15-60 µs per
pattern in Python, even when it matches nowhere. Most words an extractor keys on (the first word of
a trigger, a verb of saying) are rare, so it is cheaper to split the text once, test each distinct
token once (the verdict is cached per token), and then try the expensive pattern only where a
wanted word begins.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, compress

_WORD = re.compile(r"[\w\-']+")  # a word with its hyphens and apostrophes ("high-level", "pakistan's")
_LETTERS = re.compile(r"\w+")  # the same word cut at them ("signed" in "pre-signed")
_WORD_STARTS = re.compile(r"(?<!\w)\w")


def word_starts(token: str) -> Iterator[tuple[int, set[str]]]:
    """(offset, readings) for each word beginning in a white-space token.

    A word is read with its hyphens and apostrophes ("high-level") and without ("signed" in
    "pre-signed"); both readings begin at the same offset.
    """
    for m in _WORD_STARTS.finditer(token):
        o = m.start()
        yield o, {_WORD.match(token, o).group(), _LETTERS.match(token, o).group()}  # type: ignore[union-attr]


_FINDERS: weakref.WeakSet[WordFinder] = weakref.WeakSet()
# Tokens that every live finder knows to hold none of its words: an article's tokens are filtered
# by this set once, then each finder looks at the few left. Tests are pure, so a token stays boring
# until a new finder (which may want it) appears.
_BORING: set[str] = set()


class WordFinder:
    """Positions where a word accepted by ``test`` begins.

    Args:
        test: whether a word (either reading of ``word_starts``) is wanted.
        cache_max: tokens remembered before the cache is emptied (a crawl has an open vocabulary).
    """

    def __init__(self, test: Callable[[str], bool], cache_max: int = 200_000) -> None:
        self._test = test
        self._wanted: dict[str, tuple[int, ...]] = {}  # tokens holding a wanted word -> its offsets
        self._unwanted: set[str] = set()  # tokens known to hold none (a set difference drops them)
        self._cache_max = cache_max
        _FINDERS.add(self)
        _BORING.clear()

    def offsets(self, token: str) -> tuple[int, ...]:
        """Offsets inside a white-space token where a wanted word begins."""
        found = self._wanted.get(token)
        if found is not None or token in self._unwanted:
            return found or ()
        if len(self._unwanted) >= self._cache_max:
            self._unwanted.clear()
            _BORING.clear()
        found = tuple(o for o, readings in word_starts(token) if any(map(self._test, readings)))
        if found:
            self._wanted[token] = found
        else:
            self._unwanted.add(token)
            if all(token in finder._unwanted for finder in _FINDERS):
                _BORING.add(token)
        return found

    def wanted(self, tokens: Tokens) -> dict[str, tuple[int, ...]]:
        """The tokens of a text that hold a wanted word, with the offsets where those words begin."""
        return {tok: offsets for tok in tokens.candidates() - self._unwanted if (offsets := self.offsets(tok))}

    def positions(self, text: str, tokens: Tokens | None = None) -> list[int]:
        """Sorted positions in ``text`` where a wanted word begins.

        Args:
            text: normalized text (``alliancemap.text.normalize``), whose only white space is the
                plain space.
            tokens: ``Tokens(text)`` when the caller has it already.
        """
        tokens = tokens or Tokens(text)
        return tokens.positions(self.wanted(tokens))


class Tokens:
    """The tokens of a normalized text (split at its plain spaces), with their positions on demand.

    Every finder of an article shares one: the text is split once, each finder drops the tokens it
    knows to be unwanted with a set difference, and positions are summed up only if one is wanted.
    """

    def __init__(self, text: str) -> None:
        self.parts = text.split(" ")
        self.distinct = set(self.parts)
        self.distinct.discard("")
        self._ends: list[int] | None = None
        self._candidates: set[str] | None = None

    def candidates(self) -> set[str]:
        """The distinct tokens not known to be unwanted by every word finder."""
        if self._candidates is None:
            self._candidates = self.distinct - _BORING
        return self._candidates

    def positions(self, wanted: dict[str, tuple[int, ...]]) -> list[int]:
        """Sorted positions where the given offsets of the given tokens fall in the text."""
        if not wanted:
            return []
        if self._ends is None:
            self._ends = list(accumulate(map(len, self.parts)))  # token i starts at ends[i-1] + i
        ends, parts = self._ends, self.parts
        hits = compress(range(len(parts)), map(wanted.__contains__, parts))  # C-level filter
        return [(ends[i - 1] + i if i else 0) + o for i in hits for o in wanted[parts[i]]]


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int],
               end: int | None = None) -> Iterable[re.Match[str]]:
    """``pattern.match`` at each start in order, skipping starts inside a previous match.

    Equal to ``pattern.finditer(text)`` when every match must begin at one of ``starts``.
    """
    last = 0
    for pos in starts:
        if pos < last:
            continue
        m = pattern.match(text, pos) if end is None else pattern.match(text, pos, end)
        if m:
            last = m.end()
            yield m
