"""Loading and compiling the extraction lexicons (triggers, modality cues, domains, weapon systems).

The lexicons are YAML files in ``lexicons/`` written as regular expressions over *folded* text (see
``alliancemap.text.normalize``). They are compiled once: all triggers into one alternation with a named
group per trigger, so a single ``finditer`` over an article both gates (most sentences hold no trigger)
and types every hit.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alliancemap.model import DOMAINS, EVENT_TYPES
from alliancemap.text.matcher import clitic_variants
from alliancemap.text.normalize import fold
from alliancemap.text.words import WordFinder, word_starts

LEXICON_DIR = Path(__file__).parent / "lexicons"

# Optional Arabic proclitics before a stem: و/ف, then ب/ك/ل, then the article (ل + ال is written لل).
AR_CLITICS = r"(?:[وف]?(?:بال|كال|لل|ال|ب|ك|ل)?)"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD_START = r"(?<![\w])"  # what ``bounded`` puts before every unanchored pattern
_TOKEN_AT = re.compile(r"\S*")


class LexiconError(ValueError):
    """A lexicon file is invalid; the message names the file and the entry."""


@dataclass(frozen=True)
class Trigger:
    id: str
    type: str
    lang: str
    requires: tuple[str, ...] = ()
    also: str | None = None
    around: bool = False
    window: int = 80
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)
    weight: float = 0.7
    companions: tuple[str, ...] = ()  # triggers proposed by the same words (a reception is a MEET and a VISIT)
    pattern: str = ""


@dataclass(eq=False)  # compared and hashed by identity: one per process
class Lexicon:
    triggers: dict[str, Trigger]
    trigger_re: re.Pattern[str]  # all triggers in one alternation: the first alternative wins at a position
    gate_words: frozenset[str]  # first words of every trigger: a sentence without one is skipped
    groups: dict[str, Keyed]
    cues: dict[str, dict[str, Keyed]]
    domains: dict[str, Keyed]
    systems: list[tuple[Keyed, str]]
    trigger_res: tuple[tuple[str, re.Pattern[str]], ...] = ()  # each matchable trigger alone, in file order
    by_first_word: dict[str, tuple[int, ...]] = field(default_factory=dict)  # word -> indexes in trigger_res
    gate: WordFinder = field(init=False, repr=False, compare=False)  # where gate words begin in a text
    _tried: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        gate = self.gate_words
        self.gate = WordFinder(lambda word: any(form in gate for form, _ in clitic_variants(word)))
        self._tried = {}

    def trigger_matches(self, text: str, positions: list[int] | None = None) -> list[tuple[re.Match[str], Trigger]]:
        """Every trigger that matches at each position (all word starts when None), in text order.

        One combined alternation would let the first matching trigger hide the others ("صفقة" as a
        signing object and as an arms deal); here each trigger is tried on its own, but only the
        triggers that can begin with the word at the position (in file order).
        """
        if positions is None:
            positions = self.gate.positions(text)
        out: list[tuple[re.Match[str], Trigger]] = []
        for pos in positions:
            for tid, rx in self._candidates(_TOKEN_AT.match(text, pos).group()):  # type: ignore[union-attr]
                m = rx.match(text, pos)
                if m:
                    out.append((m, self.triggers[tid]))
        return out

    def _candidates(self, token: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """The triggers whose first word is the word ``token`` begins with, clitics peeled off as the
        gate peels them (all triggers when none: the gate let a word through that the index lacks)."""
        found = self._tried.get(token)
        if found is None:
            idx: set[int] = set()
            for offset, readings in word_starts(token):
                if offset:
                    break
                for word in readings:
                    for form, _ in clitic_variants(word):
                        idx.update(self.by_first_word.get(form, ()))
            found = tuple(self.trigger_res[i] for i in sorted(idx)) if idx else self.trigger_res
            if len(self._tried) > 50_000:
                self._tried.clear()
            self._tried[token] = found
        return found


def _after_word_start(pattern: str) -> str | None:
    """What ``bounded`` puts after its word-start lookbehind, or None when it leaves ``pattern`` as is."""
    if _ARABIC.search(pattern[:12]) and not pattern.startswith(("\\b", "^", "(?<")):
        return rf"{AR_CLITICS}(?:{pattern})(?![\w])"
    if pattern.startswith(("\\b", "^", "(?<")) or pattern.endswith("$"):
        return None
    return rf"(?:{pattern})(?![\w])"


def bounded(pattern: str) -> str:
    """Wrap a folded pattern in word boundaries; Arabic ones also accept clitic prefixes."""
    rest = _after_word_start(pattern)
    return pattern if rest is None else _WORD_START + rest


def join_bounded(parts: list[tuple[str | None, str]]) -> str:
    """``bounded`` form of each (name, pattern) in one alternation, in a named group when named.

    When ``bounded`` gives every part the word-start lookbehind, it is tested once before the
    alternation instead of once per part: a position inside a word is then rejected after one check
    rather than after trying every part (about 3x faster on sentences). The lookbehind is zero-width
    and depends on the position only, so matches, spans, groups and ``lastgroup`` stay the same.
    """
    rests = [_after_word_start(p) for _, p in parts]
    hoist = bool(parts) and all(r is not None for r in rests)
    body = []
    for (name, p), rest in zip(parts, rests, strict=True):
        alt = rest if hoist and rest is not None else bounded(p)
        body.append(f"(?P<{name}>{alt})" if name else alt)
    alternation = "|".join(body)
    return f"{_WORD_START}(?:{alternation})" if hoist else alternation


_OWN_WORD_START = ("\\b", "(?<![\\w])", "(?<!\\w)")  # patterns that begin at a word start themselves
_KEY_LEN = 4  # a match's first word is known by this many characters (a prefix, for "استخبار\\w*")
_WORD_HEAD = re.compile(r"[\w\-']*")
_TOKEN_PREFIXES: dict[str, frozenset[str]] = {}


class Keyed:
    """A compiled word-list pattern with the prefixes of the words its matches can begin with.

    A regex search over a 170-character sentence costs 10-20 µs in Python even when nothing
    matches; testing the pattern's first-word prefixes against the sentence's (``word_prefixes``)
    costs well under one. ``keys`` is None when a part of the pattern does not begin with a known
    word; the regex then always runs.
    """

    __slots__ = ("keys", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str], keys: frozenset[str] | None) -> None:
        self.regex, self.keys, self.pattern = regex, keys, regex.pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize,
               words: frozenset[str] | None = None) -> re.Match[str] | None:
        """``regex.search``, skipped when ``words`` (the text's ``word_prefixes``) rules a match out."""
        if words is not None and self.keys is not None and self.keys.isdisjoint(words):
            return None
        return self.regex.search(text, pos, endpos)


def pattern_keys(parts: list[str]) -> frozenset[str] | None:
    """The first-word prefixes of the bounded alternation of ``parts``, or None if one is open."""
    keys: set[str] = set()
    for part in parts:
        if _after_word_start(part) is None and not part.startswith(_OWN_WORD_START):
            return None  # another lookbehind or an anchor of its own: a match may begin inside a word
        try:
            strings = expand_prefixes(part)
        except LexiconError:
            return None
        heads = [_WORD_HEAD.match(string).group() for string in strings]  # type: ignore[union-attr]
        if not all(heads):
            return None
        for head in heads:
            if head.startswith("ال") and len(head) >= 4:  # every text word "الـ…" also has its form without
                keys.add(head[2:][:_KEY_LEN])  # the article; but "الغاء", "التقى" begin with the root's ال,
                if head[2:] in heads:  # unless the pattern itself makes the article optional
                    continue
            keys.add(head[:_KEY_LEN])
    return frozenset(keys)


def keyed(parts: list[str], where: str = "pattern") -> Keyed:
    """The bounded alternation of ``parts``, compiled with its keys."""
    return Keyed(_compile(join_bounded([(None, p) for p in parts]), where), pattern_keys(parts))


def _prefixes(token: str) -> frozenset[str]:
    out = set()
    for _, readings in word_starts(token):
        for word in readings:
            for form, _ in clitic_variants(word):
                out.update(form[:n] for n in range(1, _KEY_LEN + 1))
    return frozenset(out)


def word_prefixes(text: str) -> frozenset[str]:
    """Prefixes (up to ``_KEY_LEN`` characters) of every clitic form of every word of a folded text."""
    cache = _TOKEN_PREFIXES
    if len(cache) > 200_000:
        cache.clear()
    tokens = text.split()
    for tok in set(tokens).difference(cache):
        cache[tok] = _prefixes(tok)
    return frozenset().union(*map(cache.__getitem__, tokens))


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise LexiconError(f"{where}: invalid pattern: {exc}") from exc


# What ``fold`` does to Arabic letters, for patterns written with their ordinary spelling ("طائرات",
# "مؤتمر"): the text they are searched in is folded, so an unfolded letter would never match.
AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ئ": "ي", "ؤ": "و",
                          "\u0640": None, **{chr(c): None for c in range(0x064B, 0x0653)}})


def _fold_strings(data: Any) -> Any:
    """Every string of a loaded lexicon with its Arabic letters folded (keys and Latin text unchanged)."""
    if isinstance(data, str):
        return data.translate(AR_FOLD)
    if isinstance(data, list):
        return [_fold_strings(x) for x in data]
    if isinstance(data, dict):
        return {k: _fold_strings(v) for k, v in data.items()}
    return data


def _load_yaml(name: str) -> Any:
    path = LEXICON_DIR / name
    try:
        return _fold_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


def _alternation(patterns: list[str], where: str) -> Keyed:
    return keyed(patterns, where)


def _model_names(sysdata: dict[str, list[str]]) -> list[str]:
    """The aliases of systems.yaml that are weapon words wherever they stand: those with a model number or
    of several words ("arrow 3", "hq-9", "wing loong"), and a bare Latin name in the plural, a fleet of the
    model ("the first Typhoons arrived", "Rafales"); a bare word alone may be weather or a name (typhoon, patriot)."""
    out = []
    for a in (fold(a) for aliases in sysdata.values() for a in aliases):
        if any(c.isdigit() for c in a) or len(a.split()) > 1:
            out.append(re.escape(a))
        elif a.isascii():
            out.append(re.escape(a if a.endswith("s") else a + "s"))
    return out


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and compile every lexicon file once per process."""
    data = _load_yaml("triggers.yaml")
    sysdata = _load_yaml("systems.yaml")
    pats = dict(data["groups"], weapon=[*data["groups"]["weapon"], *_model_names(sysdata)])
    groups = {name: _alternation(p, f"triggers.yaml groups.{name}") for name, p in pats.items()}
    groups["committee_act_ar"] = _alternation([data["committee_acts_ar"]], "triggers.yaml committee_acts_ar")
    triggers: dict[str, Trigger] = {}
    gate: set[str] = set()
    parts: list[tuple[str | None, str]] = []
    by_first: dict[str, list[int]] = {}
    for i, raw in enumerate(data["triggers"]):
        where = f"triggers.yaml trigger #{i + 1} ({raw.get('id')})"
        if raw.get("type") not in EVENT_TYPES:
            raise LexiconError(f"{where}: unknown type {raw.get('type')!r}")
        req = raw.get("requires") or ()
        req = (req,) if isinstance(req, str) else tuple(req)
        for g in req:
            if g not in groups:
                raise LexiconError(f"{where}: unknown group {g!r}")
        trig = Trigger(
            id=raw["id"], type=raw["type"], lang=raw["lang"], requires=req, also=raw.get("also"),
            around=bool(raw.get("around")), window=int(raw.get("window", 80)),
            attrs=dict(raw.get("attrs") or {}), weight=float(raw.get("weight", 0.7)),
            companions=tuple(raw.get("companions") or ()), pattern=raw["pattern"],
        )
        _compile(raw["pattern"], where)
        triggers[trig.id] = trig
        if raw.get("companion_only"):
            continue
        try:
            heads = first_words(raw["pattern"])
        except LexiconError as exc:
            raise LexiconError(f"{where}: {exc}") from exc
        gate |= heads
        for head in heads:
            by_first.setdefault(head, []).append(len(parts))
        parts.append((trig.id, raw["pattern"]))
    trigger_re = _compile(join_bounded(parts), "triggers.yaml")
    trigger_res = tuple((tid, _compile(bounded(p), f"triggers.yaml {tid}")) for tid, p in parts)
    for trig in triggers.values():
        for c in trig.companions:
            if c not in triggers:
                raise LexiconError(f"triggers.yaml trigger {trig.id}: unknown companion {c!r}")

    mod = _load_yaml("modality.yaml")
    cues = {
        kind: {pos: _alternation(pats, f"modality.yaml {kind}.{pos}") for pos, pats in spec.items()}
        for kind, spec in mod.items()
    }
    dom = _load_yaml("domains.yaml")
    for name in dom:
        if name not in DOMAINS:
            raise LexiconError(f"domains.yaml: unknown domain {name!r} (see model.DOMAINS)")
    domains = {name: _alternation(pats, f"domains.yaml {name}") for name, pats in dom.items()}
    systems = [(_alternation([re.escape(fold(a)) for a in aliases], f"systems.yaml {name}"), name)
               for name, aliases in sysdata.items()]
    return Lexicon(triggers, trigger_re, frozenset(gate), groups, cues, domains, systems, trigger_res,
                   {w: tuple(ix) for w, ix in by_first.items()})


_STOP = "\x00"  # marks where a pattern stops being a finite set of strings


def expand_prefixes(pattern: str, limit: int = 20000) -> set[str]:
    """The strings a (mostly literal) pattern matches, each cut where the pattern stops being finite.

    Used to derive the gate: the set of first words of every trigger, looked up token by token.
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as p  # type: ignore[attr-defined]

    def seq(items: Any) -> list[str]:
        outs = [""]
        for op, av in items:
            if any(o.endswith(_STOP) for o in outs) and all(o.endswith(_STOP) for o in outs):
                break
            nxt = one(op, av)
            outs = [o if o.endswith(_STOP) else o + n for o in outs for n in nxt]
            if len(outs) > limit:
                raise LexiconError(f"pattern too open to derive a gate: {pattern!r}")
        return outs

    def one(op: Any, av: Any) -> list[str]:
        if op is c.LITERAL:
            return [chr(av)]
        if op is c.SUBPATTERN:
            return seq(av[-1])
        if op is c.BRANCH:
            return [s for branch in av[1] for s in seq(branch)]
        if op is c.IN and all(o is c.LITERAL for o, _ in av):
            return [chr(v) for _, v in av]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 1:
            return ([""] if av[0] == 0 else []) + seq(av[2])
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return [""]
        return [_STOP]

    return set(seq(p.parse(pattern)))


def first_words(pattern: str) -> set[str]:
    """First whole words of the strings ``pattern`` matches (a trigger must begin with a finite word)."""
    words = set()
    for s in expand_prefixes(pattern):
        head = s.split(" ", 1)[0]
        if _STOP in head or not head:
            raise LexiconError(f"a trigger must start with a finite word: {pattern!r}")
        words.add(head)
    return words
