"""Near-duplicate articles: MinHash over word 3-shingles of the folded body text, with LSH banding.

A syndicated wire story and its copies are one independent source: grouping them keeps a copy from
counting as corroboration. The index is incremental; its signatures are stored (``store.events``) so it
is rebuilt without the texts.

The signatures are datasketch's (version 2, scheme "affine32": SHA-1 of each shingle, the MurmurHash3
finalizer, affine permutations mod 2^32 seeded with 1) and the LSH bands are those datasketch's
``MinHashLSH`` chooses, so stores written before keep their signatures and groups. They are computed
here with numpy in one pass per article: datasketch builds its permutations anew for every MinHash
(about 1 ms each) and its import pulls in scipy (about 0.8 s of every start-up); the tests compare both
bit for bit.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from alliancemap.model import DuplicateMatch
from alliancemap.text.normalize import normalize

if TYPE_CHECKING:
    import numpy as np

SHINGLE_SIZE = 3
BODY_LINE_WORDS = 12  # shorter lines are headlines or page furniture, not story paragraphs
_WORD = re.compile(r"\w+", re.UNICODE)
SIGNATURE_SCHEME = "affine32"
"""datasketch 2's default hashing scheme; stored signatures of another scheme are not comparable."""
_SEED = 1  # datasketch's default seed
_MAX_HASH = (1 << 32) - 1  # an empty signature holds this value everywhere
_DIGEST = type(hashlib.sha1()).digest  # the unbound method: a C call per digest in ``map``
_SHA1_WORDS = 5  # a SHA-1 digest is five 4-byte words
_LSH_PARAMS = {(0.8, 128): (9, 13)}  # (threshold, num_perm) → (bands, rows): MinHashLSH's optimum


def body_text(text: str) -> str:
    """The paragraphs of a page: lines of ``BODY_LINE_WORDS`` words or more, when they hold half its words.

    Syndicated copies share the story but not the site furniture left by cleaning (menus, share lines,
    bylines, related headlines, comment prompts: all short lines), which would otherwise pull their
    similarity under the threshold. Short texts and texts without line structure are kept whole.
    """
    counted = [(line, len(_WORD.findall(line))) for line in text.splitlines()]
    lines = [line for line, n in counted if n >= BODY_LINE_WORDS]
    kept = sum(n for _, n in counted if n >= BODY_LINE_WORDS)
    total = sum(n for _, n in counted)  # line breaks are not word characters: the text's word count
    return "\n".join(lines) if lines and kept * 2 >= total else text


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(body_text(text)).text)  # ``fold`` would also collapse spaces: no word holds one


def shingles(text: str, n: int = SHINGLE_SIZE) -> set[str]:
    """Word n-shingles of the folded body text (punctuation dropped, so rewrapping does not matter)."""
    words = _words(text)
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[i:] for i in range(n)), strict=False)))  # one C-level pass


def _shingle_bytes(words: list[str], n: int = SHINGLE_SIZE) -> list[bytes]:
    """The UTF-8 bytes of the distinct word n-shingles (``shingles``), encoded in one call and split at
    line breaks, which no word holds. Repeats are dropped first: pages repeat lines, and each hash costs."""
    if len(words) < n:
        return [" ".join(words).encode("utf-8")] if words else []
    distinct = set(map(" ".join, zip(*(words[i:] for i in range(n)), strict=False)))
    return "\n".join(distinct).encode("utf-8").split(b"\n")


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations ``h → a·h + b mod 2^32`` (a odd), from its seeded generator."""
    import numpy as np

    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (datasketch pre-mixes every input hash with it)."""
    import numpy as np

    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash(text: str, num_perm: int = 128) -> np.ndarray:
    """The MinHash signature of ``text``: ``num_perm`` unsigned 32-bit values (fixed seed: identical
    across runs and machines, and equal to datasketch's ``MinHash`` of the same shingles)."""
    import numpy as np

    grams = _shingle_bytes(_words(text))
    if not grams:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint32)
    digests = b"".join(map(_DIGEST, map(hashlib.sha1, grams)))  # ~1 µs a shingle, most of it OpenSSL's set-up
    first4 = np.frombuffer(digests, dtype="<u4")[:: _SHA1_WORDS]  # the first 4 bytes of each 20-byte digest
    hv = _fmix32(first4.astype(np.uint32)).reshape(-1, 1)
    a, b = _permutations(num_perm)
    return (hv * a + b).min(axis=0)


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives and negatives equally, as ``MinHashLSH`` does."""
    known = _LSH_PARAMS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch.lsh import _optimal_param  # rare settings only: it imports scipy

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


class DuplicateIndex:
    """An incremental near-duplicate index: add articles one by one, or rebuild from signatures.

    The first article added to a group is its canonical copy, so adding in the order of the stored
    signatures (see ``index_from_signatures``) rebuilds the same groups.
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        bands, rows = _lsh_params(threshold, num_perm)
        self._ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in self._ranges]
        self._sigs: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self.canonical: dict[str, str] = {}
        self.jaccard: dict[str, float] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sigs

    def __len__(self) -> int:
        return len(self._sigs)

    def signature(self, article_id: str) -> list[int]:
        """The stored signature (hash values) of an added article."""
        return self._sigs[article_id].tolist()

    def query(self, text: str) -> list[tuple[str, float]]:
        """Added articles similar to ``text`` at or above the threshold, best first."""
        return self._query_sig(minhash(text, self.num_perm))

    def add(self, article_id: str, text: str) -> DuplicateMatch:
        """Add an article by its text; returns its canonical article (itself when new)."""
        return self.add_signature(article_id, minhash(text, self.num_perm))

    def add_signature(self, article_id: str, hashvalues: Iterable[int]) -> DuplicateMatch:
        """Add an article by a signature (stored, or computed by ``minhash`` in another process)."""
        import numpy as np

        if article_id in self._sigs:
            return self._match(article_id)
        sig = np.asarray(hashvalues, dtype=np.uint32)
        if len(sig) != self.num_perm:
            raise ValueError(f"a signature of {len(sig)} values for an index of {self.num_perm}")
        hits = [(self.canonical[key], self._order[self.canonical[key]], key, jac) for key, jac in self._query_sig(sig)]
        canonical, jac = _pick(article_id, hits)
        self._order[article_id] = len(self._order)
        self._sigs[article_id] = sig
        self.canonical[article_id] = canonical
        self.jaccard[article_id] = round(jac, 4)
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            bucket.setdefault(key, []).append(article_id)
        return self._match(article_id)

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        return [sig[start:end].tobytes() for start, end in self._ranges]

    def _match(self, article_id: str) -> DuplicateMatch:
        return DuplicateMatch(article_id, self.canonical[article_id], self.jaccard[article_id],
                              self.signature(article_id), self.num_perm, SIGNATURE_SCHEME)

    def _query_sig(self, sig: np.ndarray) -> list[tuple[str, float]]:
        if not self._sigs or _empty(sig):
            return []
        keys: set[str] = set()
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            keys.update(bucket.get(key, ()))
        out = []
        for key in keys:
            other = self._sigs[key]
            jac = int((sig == other).sum()) / self.num_perm
            if jac >= self.threshold and not _empty(other):
                out.append((key, jac))
        return sorted(out, key=lambda h: (-h[1], self._order[h[0]]))


def _empty(sig: np.ndarray) -> bool:
    return bool((sig == _MAX_HASH).all())


def _pick(article_id: str, hits: Iterable[tuple[str, int, str, float]]) -> tuple[str, float]:
    """(canonical id, Jaccard) of a new article from its ``(canonical, canonical's order, article, jaccard)``
    hits: the earliest-added group wins when a rewrite resembles two groups; no hit: its own group."""
    best = min(hits, key=lambda h: (h[1], -h[3], h[2]), default=None)
    return (article_id, 1.0) if best is None else (best[0], best[3])


def band_keys(hashvalues: Iterable[int], *, threshold: float = 0.8, num_perm: int = 128) -> list[int]:
    """One signed 64-bit key per LSH band of a signature (the band's number is hashed in), for an indexed
    lookup in the store; an empty signature (no words) has none, as it never matches."""
    import numpy as np

    sig = np.asarray(hashvalues, dtype=np.uint32)
    if _empty(sig):
        return []
    bands, rows = _lsh_params(threshold, num_perm)
    return [int.from_bytes(hashlib.blake2b(sig[i * rows:(i + 1) * rows].tobytes(), digest_size=8,
                                           person=i.to_bytes(2, "little")).digest(), "little", signed=True)
            for i in range(bands)]


def match_stored(article_id: str, hashvalues: Iterable[int], candidates: Iterable[tuple[str, int, str, list[int]]],
                 *, threshold: float = 0.8, num_perm: int = 128) -> DuplicateMatch:
    """Where a new article lands among stored ones that share an LSH band with it (``band_keys``).

    ``candidates``: ``(canonical id, canonical's stored order, article id, signature)`` rows. The same
    choice as ``DuplicateIndex.add_signature``, without holding every signature and bucket in memory
    (which grows with the corpus): the store's band index hands over only the few that can match.
    """
    import numpy as np

    sig = np.asarray(hashvalues, dtype=np.uint32)
    hits = []
    for canonical, order, other_id, other in candidates:
        other_sig = np.asarray(other, dtype=np.uint32)
        jac = int((sig == other_sig).sum()) / num_perm
        if jac >= threshold and not _empty(other_sig) and not _empty(sig):
            hits.append((canonical, order, other_id, jac))
    canonical, jac = _pick(article_id, hits)
    return DuplicateMatch(article_id, canonical, round(jac, 4), sig.tolist(), num_perm, SIGNATURE_SCHEME)


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

    Signatures made with another ``num_perm`` or hashing scheme are skipped (not comparable).
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    for article_id, n, scheme, signature in rows:
        if n == num_perm and scheme == SIGNATURE_SCHEME:
            index.add_signature(article_id, signature)
    return index
