"""Near-duplicate articles: MinHash over word 3-shingles of the folded body text (datasketch).

A syndicated wire story and its copies are one independent source: grouping them keeps a copy from
counting as corroboration. The index is incremental; its signatures are stored (``store.events``) so it
is rebuilt without the texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from alliancemap.model import DuplicateMatch
from alliancemap.text.normalize import fold

SHINGLE_SIZE = 3
BODY_LINE_WORDS = 12  # shorter lines are headlines or page furniture, not story paragraphs
_WORD = re.compile(r"\w+", re.UNICODE)

def body_text(text: str) -> str:
    """The paragraphs of a page: lines of ``BODY_LINE_WORDS`` words or more, when they hold half its words.

    Syndicated copies share the story but not the site furniture left by cleaning (menus, share lines,
    bylines, related headlines, comment prompts: all short lines), which would otherwise pull their
    similarity under the threshold. Short texts and texts without line structure are kept whole.
    """
    lines = [line for line in text.splitlines() if len(_WORD.findall(line)) >= BODY_LINE_WORDS]
    kept = sum(len(_WORD.findall(line)) for line in lines)
    return "\n".join(lines) if lines and kept * 2 >= len(_WORD.findall(text)) else text


def shingles(text: str, n: int = SHINGLE_SIZE) -> set[str]:
    """Word n-shingles of the folded body text (punctuation dropped, so rewrapping does not matter)."""
    words = _WORD.findall(fold(body_text(text)))
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def minhash(text: str, num_perm: int = 128) -> MinHash:
    """A MinHash signature of ``text`` (fixed seed: identical across runs and machines)."""
    m = MinHash(num_perm=num_perm)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return m



class DuplicateIndex:
    """An incremental near-duplicate index: add articles one by one, or rebuild from signatures.

    The first article added to a group is its canonical copy, so adding in the order of the stored
    signatures (see ``index_from_signatures``) rebuilds the same groups.
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self.canonical: dict[str, str] = {}
        self.jaccard: dict[str, float] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, article_id: str) -> list[int]:
        """The stored signature (hash values) of an added article."""
        return [int(v) for v in self._sigs[article_id].hashvalues]

    def query(self, text: str) -> list[tuple[str, float]]:
        """Added articles similar to ``text`` at or above the threshold, best first."""
        return self._query_sig(minhash(text, self.num_perm))

    def add(self, article_id: str, text: str) -> DuplicateMatch:
        """Add an article by its text; returns its canonical article (itself when new)."""
        return self.add_signature(article_id, minhash(text, self.num_perm).hashvalues)

    def add_signature(self, article_id: str, hashvalues: Iterable[int]) -> DuplicateMatch:
        """Add an article by a stored signature (rebuilding the index needs no text)."""
        if article_id in self._sigs:
            return self._match(article_id)
        sig = _from_hashvalues(self.num_perm, list(hashvalues))
        hits = self._query_sig(sig)
        if hits:
            # the earliest-added group wins when a rewrite resembles two groups
            best = min(hits, key=lambda h: (self._order[self.canonical[h[0]]], -h[1], h[0]))
            canonical, jac = self.canonical[best[0]], best[1]
        else:
            canonical, jac = article_id, 1.0
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = sig
        self.canonical[article_id] = canonical
        self.jaccard[article_id] = round(jac, 4)
        self._lsh.insert(article_id, sig)
        return self._match(article_id)

    def _match(self, article_id: str) -> DuplicateMatch:
        return DuplicateMatch(article_id, self.canonical[article_id], self.jaccard[article_id],
                              self.signature(article_id), self.num_perm, SIGNATURE_SCHEME)

    def _query_sig(self, sig: MinHash) -> list[tuple[str, float]]:
        if not self._sigs or _empty(sig):
            return []
        out = []
        for key in self._lsh.query(sig):
            jac = sig.jaccard(self._sigs[key])
            if jac >= self.threshold and not _empty(self._sigs[key]):
                out.append((key, jac))
        return sorted(out, key=lambda h: (-h[1], self._order[h[0]]))


SIGNATURE_SCHEME: str = str(getattr(MinHash(num_perm=1), "scheme", None) or "legacy")
"""The hashing scheme of this datasketch version; stored signatures of another scheme are not comparable."""


def _from_hashvalues(num_perm: int, values: list[int]) -> MinHash:
    if SIGNATURE_SCHEME == "legacy":  # datasketch < 2 has no ``scheme`` argument
        return MinHash(num_perm=num_perm, hashvalues=values)
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=SIGNATURE_SCHEME)


def _empty(sig: MinHash) -> bool:
    return bool(sig.is_empty())


def near_duplicate_groups(
    docs: Iterable[tuple[str, str]], *, threshold: float = 0.8, num_perm: int = 128
) -> dict[str, str]:
    """Map each article_id to its canonical article_id (the first of its group in ``docs`` order).

    Args:
        docs: ``(article_id, text)`` pairs, earliest first.
        threshold: estimated Jaccard similarity of word 3-shingles above which two texts are copies.
        num_perm: MinHash permutations.

    Returns:
        ``{article_id: canonical_id}`` for every article (canonical articles map to themselves).
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    return {aid: index.add(aid, text).canonical_id for aid, text in docs}



def index_from_signatures(rows: Iterable[tuple[str, int, str, list[int]]], *, threshold: float = 0.8,
                          num_perm: int = 128) -> DuplicateIndex:
    """Rebuild the index from stored ``(article_id, num_perm, scheme, signature)`` rows, in stored order.

    Signatures made with another ``num_perm`` or datasketch hashing scheme are skipped (not comparable).
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    for article_id, n, scheme, signature in rows:
        if n == num_perm and scheme == SIGNATURE_SCHEME:
            index.add_signature(article_id, signature)
    return index
