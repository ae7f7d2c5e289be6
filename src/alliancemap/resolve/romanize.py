"""Rule-based Arabic→Latin romanization of names, and Latin comparison keys.

The same person is written "صدام حفتر", "Saddam Haftar" and "Sadam Hafter". Linking across scripts
needs one space where these come close, so this module offers three views of a name:

* ``romanize``: a readable Latin form. Frequent name parts come from ``data/romanize_names.tsv``
  (محمد → Muhammad, حفتر → Haftar); other words are spelled letter by letter with simple vowel rules.
* ``phonetic_key``: Latin folded to a small alphabet (kh→k, sh→s, q→k, j→g, o/u→u, e→a, doubled
  letters once, al-/el- dropped, Abdul/Abd al- joined), keeping vowel classes so Mahmoud ≠ Muhammad.
* ``skeleton``: the phonetic key without vowels, for candidate lookup (index key).

    >>> phonetic_key("صدام حفتر") == phonetic_key("Sadam Hafter")
    True
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from alliancemap.text.normalize import fold

DATA = Path(__file__).parent / "data" / "romanize_names.tsv"

_AR = re.compile(r"[\u0600-\u06ff]")

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "", "پ": "p", "چ": "ch", "ژ": "zh",
}
_LONG = {"ا": "a", "و": "u", "ي": "i"}
_DROP_TOKENS = {"al", "el", "ul", "bin", "ibn", "ben", "bint", "b", "syed", "sayyid", "sayed"}
_ABD = {"abd", "abdul", "abdel", "abdal", "abdu", "abdol"}
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
             ("zh", "z"), ("tz", "s"), ("ts", "s"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ai"), ("ey", "ai"))
_LETTERS = str.maketrans({"q": "k", "c": "k", "j": "g", "p": "b", "v": "w", "x": "k", "e": "a", "o": "u",
                          "ı": "i"})
_VOWELS = set("aiu")


class RomanizeDataError(ValueError):
    """romanize_names.tsv is malformed; the message names the file and line."""


@functools.lru_cache(maxsize=1)
def name_table() -> dict[str, str]:
    """Normalized Arabic name part (or short phrase) → Latin spelling, read once and validated."""
    table: dict[str, str] = {}
    lines = DATA.read_text(encoding="utf-8").splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("arabic\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
            raise RomanizeDataError(f"{DATA}:{lineno}: expected 'arabic<TAB>latin', got {line!r}")
        key = " ".join(fold(cols[0]).split())
        if not _AR.search(key):
            raise RomanizeDataError(f"{DATA}:{lineno}: first column is not Arabic: {cols[0]!r}")
        if key in table and table[key] != cols[1].strip():
            raise RomanizeDataError(f"{DATA}:{lineno}: {cols[0]!r} already maps to {table[key]!r}")
        table[key] = cols[1].strip()
    return table


@functools.lru_cache(maxsize=1)
def _max_phrase() -> int:
    return max(len(k.split()) for k in name_table())


def _spell(word: str, article: bool = True) -> str:
    """Letter-by-letter romanization of one normalized Arabic word with simple vowel rules."""
    prefix = ""
    if article and word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "ا":
            out.append("a")
        elif ch in "وي":
            glide = i == 0 or prev == "ا" or nxt == "ا"
            out.append(("w" if ch == "و" else "y") if glide else _LONG[ch])
        elif ch == "ع":
            out.append("a" if i == 0 else "'")
        elif ch == "ه" and i == n - 1 and i > 0:
            out.append("a")
        else:
            out.append(_CONSONANTS.get(ch, ch))
            # short vowels are not written: supply "a" inside consonant clusters at the edges
            if nxt and nxt not in "اويع" and ch not in "اوي" and (i == 0 or i == n - 2):
                out.append("a")
    latin = "".join(out).replace("''", "'")
    return prefix + latin[:1].upper() + latin[1:] if latin else prefix


@functools.lru_cache(maxsize=200_000)  # names recur across articles: compute each once
def romanize(text: str) -> str:
    """Latin spelling of an Arabic name; Latin text is returned unchanged.

    Name parts from the table win; never adds a part that is not written (one output token group per
    input token, multi-word table phrases only when all their words are written).
    """
    if not _AR.search(text):
        return text
    written = text.split()
    toks = [fold(w) for w in written]
    table = name_table()
    out: list[str] = []
    i = 0
    while i < len(toks):
        for n in range(min(_max_phrase(), len(toks) - i), 0, -1):
            phrase = " ".join(toks[i:i + n])
            if phrase in table:
                out.append(table[phrase])
                i += n
                break
            if n == 1:
                out.append(_romanize_word(toks[i], written[i].startswith(("ال", "ٱل"))))
                i += 1
    return " ".join(out)


def _romanize_word(word: str, article: bool) -> str:
    table = name_table()
    if not _AR.search(word):
        return word
    if not article and word.startswith("ال"):  # إلقاي: a hamzated alef, not the article
        return _spell(word, article=False)
    if word.startswith("ال") and word[2:] in table:
        return "al-" + table[word[2:]]
    for clitic in ("و", "ف", "ب", "ل"):  # glued conjunction before a known name
        if word.startswith(clitic) and word[1:] in table:
            return table[word[1:]]
    if word.startswith("عبد") and len(word) > 4:  # عبدالكريم written as one word
        rest = word[3:]
        rest = rest[2:] if rest.startswith("ال") else rest
        return "Abdul" + (table.get(rest) or _spell(rest)).lower()
    return _spell(word)


def _latin_tokens(text: str) -> list[str]:
    """Lowercase Latin tokens with al-/el- articles and joining particles removed, Abd+X joined."""
    text = romanize(text) if _AR.search(text) else text
    text = fold(text).replace("ı", "i")
    text = re.sub(r"[’'`ʿʾ]", "", text)
    raw = re.split(r"[\s\-.,]+", text)
    toks: list[str] = []
    skip_article = False
    for i, tok in enumerate(raw):
        if not tok:
            continue
        if tok in _ABD and i + 1 < len(raw):
            toks.append("abdl")
            skip_article = True
            continue
        if tok in _DROP_TOKENS:
            continue
        m = re.match(r"^(abdul|abdel|abdal|abdol)(.+)$", tok)
        if m:
            tok = "abdl" + m.group(2)
        if skip_article and toks and toks[-1] == "abdl":
            toks[-1] = "abdl" + tok
            skip_article = False
            continue
        toks.append(tok)
    return toks


def _phon_token(tok: str) -> str:
    for a, b in _DIGRAPHS:
        tok = tok.replace(a, b)
    tok = tok.translate(_LETTERS)
    chars = []
    for i, ch in enumerate(tok):
        if ch in "yw" and i > 0:
            prev_v = tok[i - 1] in _VOWELS
            next_v = i + 1 < len(tok) and tok[i + 1] in _VOWELS
            if not (prev_v and next_v):
                ch = "i" if ch == "y" else "u"
        chars.append(ch)
    out = re.sub(r"(.)\1+", r"\1", "".join(chars))
    out = re.sub(r"(?<=[aiu])h$", "", out)
    out = re.sub(r"(?<=[aiu])[aiu]", "", out)  # a vowel run counts once: "ai" (Hussain) = "a"
    return out


@functools.lru_cache(maxsize=200_000)  # names recur across articles: compute each once
def phonetic_key(text: str) -> str:
    """Folded Latin form of a name in either script, vowel classes kept (a, i, u)."""
    return " ".join(filter(None, (_phon_token(t) for t in _latin_tokens(text))))


@functools.lru_cache(maxsize=200_000)  # names recur across articles: compute each once
def skeleton(text: str) -> str:
    """Consonant skeleton of a name in either script; a leading vowel is kept as "a"."""
    out = []
    for tok in phonetic_key(text).split():
        head = "a" if tok[0] in _VOWELS else tok[0]
        rest = re.sub(r"[aiu]", "", tok[1:])
        out.append(re.sub(r"(.)\1+", r"\1", head + rest))
    return " ".join(out)


def slug(text: str) -> str:
    """ASCII slug of a name (for actor ids): "Saddam Haftar" → "saddam-haftar"."""
    latin = fold(romanize(text)).replace("ı", "i")
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "unnamed"
