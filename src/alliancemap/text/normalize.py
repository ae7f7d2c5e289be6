"""Normalization for matching, with a map back to the original offsets.

Arabic is written with optional diacritics, decorative tatweel, several alef/hamza forms and letters
that writers swap freely (ى/ي, ة/ه). Matching has to ignore all that, but every match must still point
at the exact characters of the stored text, so ``normalize`` returns the normalized string together
with, for each normalized character, the index of the original character it came from.

    >>> n = normalize("الفريقُ أوّل")
    >>> n.text
    'الفريق اول'
    >>> n.original_span(7, 10)
    (8, 12)
    >>> n.original_span(0, 6)
    (0, 6)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks and tatweel: dropped.
_DROP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_DROP |= {chr(c) for c in range(0x06D6, 0x06EE)} | {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",  # Persian/Urdu yeh and yeh with hamza
    "ة": "ه", "ۀ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "گ": "ك",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    "“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'", "`": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-",
    "،": ",", "؛": ";", "؟": "?",
}

# What str.isspace accepts besides the plain space (tests/test_normalize.py checks the list is whole).
_WHITE_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000")
_SPACES = {" ", "\t", "\n", "\r", "\u00a0", "\u2009", "\u202f", "\u2002", "\u2003", "\u3000", "\x0b", "\x0c"}


@dataclass(frozen=True)
class Normalized:
    """A normalized string and, per character, the index of the original character it came from."""

    text: str
    cuts: tuple[int, ...]  # normalized positions before which an original character was dropped
    original_length: int

    def original_index(self, pos: int) -> int:
        """Original index of the normalized character at ``pos``."""
        if pos >= len(self.text):
            return self.original_length
        return pos + bisect_right(self.cuts, pos) if self.cuts else pos

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text back to the original text."""
        if end <= start:
            pos = self.original_index(start)
            return pos, pos
        # a span ends after the marks that follow its last letter (shadda, harakat)
        trailing = bisect_right(self.cuts, end) - bisect_left(self.cuts, end) if self.cuts else 0
        return self.original_index(start), self.original_index(end - 1) + 1 + trailing

    @cached_property
    def _dropped(self) -> tuple[int, ...]:
        """Original indexes of the dropped characters."""
        return tuple(cut + i for i, cut in enumerate(self.cuts))

    def normalized_index(self, pos: int) -> int:
        """Position in the normalized text of the original index ``pos`` (or of what follows it)."""
        return pos - bisect_left(self._dropped, pos) if self.cuts else pos

    def slice(self, start: int, end: int) -> Normalized:
        """``normalize(original[start:end])``, cut from this one instead of folding again.

        Folding is character by character, so a sentence's normalized text is a slice of its
        article's: the article is normalized once and its sentences and paragraphs are views.
        """
        if not self.cuts:
            return Normalized(self.text[start:end], (), end - start)
        dropped = self._dropped
        lo, hi = bisect_left(dropped, start), bisect_left(dropped, end)
        cuts = tuple(dropped[j] - start - (j - lo) for j in range(lo, hi))
        return Normalized(self.text[start - lo:end - hi], cuts, end - start)


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch in _SPACES or ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    if "\u0600" <= ch <= "\u06ff":
        return ch
    # Latin with accents (Türkiye, Görgün): strip the marks, fold case; keep one char for one char.
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else ch


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in list(range(0x20, 0x250)) + list(range(0x600, 0x700)) + [0x2002, 0x2003, 0x2009, 0x202F,
                                                                          0x3000, 0x200C, 0x200D, 0x200E,
                                                                          0x200F, 0x061C, 0xFEFF, 0x2010,
                                                                          0x2011, 0x2013, 0x2014, 0x2018,
                                                                          0x2019, 0x201C, 0x201D, 0x201E]:
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded or None
    for ch in _WHITE_SPACE:  # every kind of white space becomes the plain space
        table[ord(ch)] = " "
    return table


_TABLE = _build_table()
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")


def _build_groups() -> tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...]:
    """The table's entries that ``str.lower`` does not already do, grouped by Unicode block.

    ``str.translate`` with a dict costs ~60 ns a character; lower-casing, then replacing only the
    characters of the blocks a text holds (one C-level search per block) is 2-3x faster and gives
    the same string, which ``tests/test_normalize.py`` checks on every BMP character.
    """
    blocks: dict[str, list[tuple[str, str]]] = {}
    for code, folded in sorted(_TABLE.items()):
        ch = chr(code)
        lowered = ch.lower()
        if len(lowered) == 1 and lowered == (folded or ""):
            continue  # lower() does it
        if "\u064b" <= ch <= "\u065f" or ch in _DROP:
            block = "marks"
        elif "\u0600" <= ch <= "\u06ff":
            block = "digits" if ch.isdigit() else "arabic"
        elif "\u00c0" <= ch <= "\u024f":
            block = "latin"
        else:
            block = "punctuation"
        blocks.setdefault(block, []).append((ch, folded or ""))
    return tuple(
        (re.compile("[" + re.escape("".join(ch for ch, _ in pairs)) + "]"), tuple(pairs))
        for pairs in blocks.values()
    )


_GROUPS = _build_groups()


def _lower_one(ch: str) -> str:
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


def _fold_chars(text: str) -> str:
    """Each character lower-cased (where that keeps one character), then folded by ``_TABLE``.

    Equal to ``"".join(map(_lower_one, text)).translate(_TABLE)``, but lower-cases the whole string
    and then replaces only the characters of the blocks the text holds.
    """
    out = text.lower()
    if len(out) != len(text):  # "İ" lower-cases to two characters: keep one for one
        return "".join(map(_lower_one, text)).translate(_TABLE)
    for present, pairs in _GROUPS:
        if present.search(out):
            for ch, folded in pairs:
                if ch in out:
                    out = out.replace(ch, folded)
    return out


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching, keeping a map to the original offsets.

    Every character folds to exactly one character (white space of any kind becomes one space) or
    disappears (diacritics, tatweel, direction marks), so the map is cheap: identity when nothing
    was dropped.

    Args:
        text: original text (Arabic, Latin or mixed).

    Returns:
        A ``Normalized`` whose ``index`` maps each output character to its source character.
    """
    folded = _fold_chars(text)
    if len(folded) == len(text):
        return Normalized(folded, (), len(text))
    cuts = [m.start() - i for i, m in enumerate(_DROP_RE.finditer(text))]
    return Normalized(folded, tuple(cuts), len(text))


def fold(text: str) -> str:
    """Normalized text only, for lexicon entries and lookups."""
    return " ".join(normalize(text).text.split())


def content_hash(text: str) -> str:
    """Identity of an article body: the same text from two files (or two encodings) hashes alike."""
    body = fold(text)  # already one space between words
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
