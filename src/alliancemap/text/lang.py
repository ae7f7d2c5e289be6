"""Language identification for the two languages alliancemap reads.

Arabic is recognised by its script, which is cheap and never wrong for our purposes. Latin text is
told apart by its function words first: English prose is a third "the", "of", "and", "said"…, other
Latin languages almost none of them, so a clear share decides at once (most pages, at a fraction of
a millisecond). Only texts in between are handed to langdetect (seeded, so a run is reproducible) to
tell English from the other Latin languages (French, Turkish, Italian pages also turn up in crawls).
"""

from __future__ import annotations

import functools
import re

_MIN_LETTERS = 12  # below this a guess is noise ("Home", "2 MIN READ")
_ARABIC_RATIO = 0.3  # English pages quote Arabic names; Arabic pages quote Latin acronyms
_SAMPLE = 3000  # langdetect needs a few sentences, not a whole page
_EN_WORDS = frozenset(
    ["the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by", "at", "said", "from", "his", "her", "its", "has", "have", "had", "be", "been", "are", "were", "will", "would", "which", "this", "their", "they", "he", "she", "it", "not", "but", "an", "after", "also", "who"]
)
_EN_CLEAR = 0.22  # share of English function words above which a text is English without langdetect
_EN_NONE = 0.04  # below this (in a text of _EN_MIN_WORDS or more) it is not English
_EN_MIN_WORDS = 40
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


_ARABIC_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufeff]+")
"""Runs of characters of the Arabic blocks (Arabic, its supplement, extended-A, presentation forms)."""


@functools.lru_cache(maxsize=1)
def _detector_factory() -> None:
    """Load langdetect profiles once and fix the seed: its sampling is random by default."""
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def english_share(sample: str) -> tuple[float, int]:
    """(share of English function words among the Latin words of ``sample``, number of those words)."""
    words = _LATIN_WORD.findall(sample.lower())
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in _EN_WORDS) / len(words), len(words)


def _latin_lang(sample: str) -> str:
    share, n = english_share(sample)
    if share >= _EN_CLEAR:
        return "en"
    if share < _EN_NONE and n >= _EN_MIN_WORDS:
        return "other"
    return _langdetect(sample)


def _langdetect(sample: str) -> str:
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _detector_factory()
    try:
        guesses = detect_langs(sample)
    except LangDetectException:
        return "other"
    best = guesses[0] if guesses else None
    if best is not None and best.lang == "en" and best.prob >= 0.5:
        return "en"
    return "other"


def letter_counts(sample: str) -> tuple[int, int]:
    """(letters, letters of the Arabic blocks) in ``sample``, in C-level passes (a Python test per character
    cost about half a millisecond a page)."""
    return sum(map(str.isalpha, sample)), sum(map(str.isalpha, "".join(_ARABIC_CHARS.findall(sample))))


def detect_lang(text: str) -> str:
    """Return "ar", "en" or "other" for ``text``.

    Args:
        text: any text; only the first few thousand characters are looked at.

    Returns:
        "ar" when Arabic script makes up a fair share of the letters, "en" when the Latin text's function words (or, when
        they leave it open, langdetect) say English, otherwise (or when too short to tell) "other".
    """
    sample = text[:_SAMPLE]
    letters, arabic = letter_counts(sample)
    if letters < _MIN_LETTERS:
        return "other"
    if arabic / letters >= _ARABIC_RATIO:
        return "ar"
    return _latin_lang(sample)
