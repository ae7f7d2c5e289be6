"""Language identification for the two languages alliancemap reads.

Arabic is recognised by its script, which is cheap and never wrong for our purposes. Latin text is
handed to langdetect (seeded, so a run is reproducible) only to tell English from the other Latin
languages (French, Turkish, Italian pages also turn up in crawls).
"""

from __future__ import annotations

import functools

_MIN_LETTERS = 12  # below this a guess is noise ("Home", "2 MIN READ")
_ARABIC_RATIO = 0.3  # English pages quote Arabic names; Arabic pages quote Latin acronyms
_SAMPLE = 3000  # langdetect needs a few sentences, not a whole page


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFEFF


@functools.lru_cache(maxsize=1)
def _detector_factory() -> None:
    """Load langdetect profiles once and fix the seed: its sampling is random by default."""
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def _latin_lang(sample: str) -> str:
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


def detect_lang(text: str) -> str:
    """Return "ar", "en" or "other" for ``text``.

    Args:
        text: any text; only the first few thousand characters are looked at.

    Returns:
        "ar" when Arabic script makes up a fair share of the letters, "en" when langdetect says
        English for the Latin text, otherwise (or when too short to tell) "other".
    """
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return "other"
    arabic = sum(1 for c in letters if _is_arabic(c))
    if arabic / len(letters) >= _ARABIC_RATIO:
        return "ar"
    return _latin_lang(sample)
