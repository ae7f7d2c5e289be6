"""Paragraph, sentence and clause spans for Arabic and English news text.

Every function returns ``(start, end)`` character offsets into the text it was given, trimmed of white
space, so ``text[start:end]`` is exactly the paragraph, sentence or clause. Extraction quotes these
spans as evidence, so they must never drift.

Sentences end at ``. ! ? ؟ …`` followed by white space, and at line ends. The Arabic comma ``،`` and
semicolon ``؛`` only separate clauses (Arabic news runs a whole report through them), so they are cut
by ``split_clauses`` alone. A full stop does not end a sentence inside a quotation that closes within
a few hundred characters, after a known abbreviation ("Gen.", "U.S."), an initial ("A. Khan",
"د. محمد"), or when the next word starts in lower case.
"""

from __future__ import annotations

import bisect
import re

# Closed class of English abbreviations that take a full stop mid-sentence. Kept short on purpose:
# "Inc." or "etc." often do end sentences, so they are not here.
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "cdr", "adm", "brig", "sgt",
    "cpl", "pvt", "gov", "sen", "rep", "pres", "st", "jr", "sr", "messrs", "hon", "amb", "rev", "approx",
    "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
))
# These take a stop only before a number ("No. 5", "Vol. 2"); "he said no." ends a sentence.
_NUMBER_ABBREVIATIONS = frozenset(("no", "nos", "vol", "fig", "art"))
_TERMINATORS = ".!?؟…"
_CLAUSE_MARKS = "؛;"
_QUOTE_PAIRS = {"«": "»", "“": "”\u201c", "”": "”\u201c", '"': '"', "„": "“”"}
_OPENERS = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")
_CLOSER_RES = {mark: re.compile("[" + re.escape(closers) + "]") for mark, closers in _QUOTE_PAIRS.items()}
_TERMINATOR_RE = re.compile("[" + re.escape(_TERMINATORS) + "]")
_CLOSERS = "\"'”’»)]}"
_QUOTE_REACH = 400
_WORD_STOPS = frozenset("\"'“”«»([")  # with white space, what ends the word before a full stop


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink [start, end) past white space; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``: a newline (or a blank line) ends a paragraph."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        span = _trim(text, pos, pos + len(line))
        if span:
            spans.append(span)
        pos += len(line)
    return spans


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations that close within reach: (open index, close index) pairs, non-overlapping.

    The scans run in the regex engine (from one opening mark to the next, and to its closing mark):
    this runs on every paragraph of every article.
    """
    regions: list[tuple[int, int]] = []
    i = start
    while i < end:
        opening = _OPENERS.search(text, i, end)
        if opening is None:
            break
        i = opening.start()
        closing = _CLOSER_RES[text[i]].search(text, i + 1, min(end, i + 1 + _QUOTE_REACH))
        if closing is None:
            i += 1
            continue
        regions.append((i, closing.start()))
        i = closing.start() + 1
    return regions


def _is_abbreviation(text: str, dot: int, par_start: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation, an initial or a dotted acronym."""
    begin = dot  # walk back to the word's start: linear in the word, not in the paragraph
    while begin > par_start and text[begin - 1] not in _WORD_STOPS and not text[begin - 1].isspace():
        begin -= 1
    if begin == dot:
        return False
    word = text[begin:dot]
    if "." in word:  # U.S, a.m, U.N: the stop is part of the token
        return True
    if len(word) == 1 and word.isalpha():  # "A. Khan", "د. محمد"
        return True
    word = word.casefold()
    if word in _NUMBER_ABBREVIATIONS:
        rest = text[dot + 1:dot + 3].lstrip()
        return rest[:1].isdigit()
    return word in _ABBREVIATIONS


def _region_at(regions: list[tuple[int, int]], starts: list[int], i: int) -> tuple[int, int] | None:
    """The quote region strictly containing ``i`` (regions are sorted and disjoint), by bisection."""
    k = bisect.bisect_left(starts, i) - 1
    if k >= 0 and regions[k][0] < i < regions[k][1]:
        return regions[k]
    return None


def _next_starts_lower(text: str, pos: int, end: int) -> bool:
    """True when the next word after white space begins with a lower-case letter."""
    while pos < end and (text[pos].isspace() or text[pos] in "\"'“”«»("):
        pos += 1
    return pos < end and text[pos].islower()


def _sentence_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets (exclusive ends) where sentences stop inside one paragraph."""
    regions = _quote_regions(text, start, end)
    starts = [a for a, _ in regions]
    cuts: list[int] = []
    i = start
    while i < end:
        stop = _TERMINATOR_RE.search(text, i, end)  # the next candidate stop, found by the regex engine
        if stop is None:
            break
        i = stop.start()
        ch = text[i]
        j = i
        while j < end and text[j] in _TERMINATORS:
            j += 1
        region = _region_at(regions, starts, i)
        if region is not None:
            # Only a stop right before the closing mark ends the sentence, after the mark.
            if text[j:region[1]].strip():
                i = j
                continue
            j = region[1] + 1
        while j < end and text[j] in _CLOSERS:
            j += 1
        if j < end and not text[j].isspace():
            i = j  # 4.6, 17.09.2025, example.com, "?!" glued to a word
            continue
        if ch == "." and j - i == 1 and region is None and _is_abbreviation(text, i, start):
            i = j
            continue
        if ch == "." and region is None and _next_starts_lower(text, j, end):
            i = j
            continue
        cuts.append(j)
        i = j
    return cuts


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (Arabic or English); ``text[s:e]`` is the trimmed sentence.

    Args:
        text: a clean article body (or any text); newlines always end a sentence.

    Returns:
        Spans in order, covering every non-blank character of ``text`` exactly once.
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in split_paragraphs(text):
        pos = p_start
        for cut in _sentence_cuts(text, p_start, p_end) + [p_end]:
            span = _trim(text, pos, cut)
            if span:
                spans.append(span)
            pos = cut
    return spans


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside ``text[start:end]``: sentences further cut at ``؛`` and ``;``.

    The marks stay with the clause they close; quotations are not cut.
    """
    spans: list[tuple[int, int]] = []
    for s_start, s_end in split_sentences(text[start:end]):
        s_start, s_end = s_start + start, s_end + start
        regions = _quote_regions(text, s_start, s_end)
        pos = s_start
        for i in range(s_start, s_end):
            if text[i] in _CLAUSE_MARKS and not any(a < i < b for a, b in regions):
                span = _trim(text, pos, i + 1)
                if span:
                    spans.append(span)
                pos = i + 1
        span = _trim(text, pos, s_end)
        if span:
            spans.append(span)
    return spans
