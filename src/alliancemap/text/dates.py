"""Date expressions in Arabic and English news text, with original offsets and ISO values.

Events are dated from what the article says ("الخميس 18 دجنبر 2025", "أمس", "5 جمادى الآخرة 1447 هـ",
"on Thursday") read against the publication date. Matching runs on folded text (``normalize``), so
hamza forms, ة/ه, Arabic-Indic digits and tatweel do not matter, and every match is mapped back to the
exact characters of the input.

Normalizing a whole article costs about as much as the rest of extraction, so a cheap gate (one
compiled regular expression over the raw text that tolerates the same variations) finds the cues first;
only a window around each cue is normalized and parsed. An article without any cue costs one regex scan.

Month and weekday names come from CLDR (through babel) plus hand-added regional spellings, in
``data/months.tsv`` and ``data/weekdays.tsv``; rebuild the CLDR rows with
``python -m alliancemap.text.dates --regen-months``. Relative words live in ``data/relative.yaml``.

    >>> [(m.text, m.value) for m in find_dates("وصل الوفد أمس الأربعاء", published="2025-12-18")]
    [('أمس الأربعاء', '2025-12-17')]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from alliancemap.text.normalize import Normalized, fold, normalize

DATA_DIR = Path(__file__).parent / "data"
MONTHS_TSV = DATA_DIR / "months.tsv"
WEEKDAYS_TSV = DATA_DIR / "weekdays.tsv"
RELATIVE_YAML = DATA_DIR / "relative.yaml"

# Locales whose CLDR month names are written to months.tsv: every Arabic regional set plus English.
CLDR_LOCALES = (
    "ar", "ar_001", "ar_AE", "ar_BH", "ar_DJ", "ar_DZ", "ar_EG", "ar_EH", "ar_ER", "ar_IL", "ar_IQ",
    "ar_JO", "ar_KM", "ar_KW", "ar_LB", "ar_LY", "ar_MA", "ar_MR", "ar_OM", "ar_PS", "ar_QA", "ar_SA",
    "ar_SD", "ar_SO", "ar_SS", "ar_SY", "ar_TD", "ar_TN", "ar_YE", "en",
)
UNITS = ("day", "week", "month", "year")
MODES = ("past", "future", "plain", "today")
TODAY_LAG = 3  # days a page may be dated after the day its text calls "today"
FUTURE_WINDOW = timedelta(days=62)  # a year-less date later than this after publication is last year's
WINDOW = 48  # characters kept on each side of a cue; longer than any date expression's reach
_DROPPED = re.compile(r"[\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200c-\u200f\u061c\ufeff]")


@dataclass(frozen=True)
class DateMatch:
    """One date expression: original offsets, ISO value and how it was read.

    ``value`` is "YYYY-MM-DD", "YYYY-MM" or "YYYY" to match ``precision``; it is None when the
    expression needs a publication date that was not given, or names a week. ``relative`` is True
    when the value depends on the publication date (weekdays, "أمس", "18 ديسمبر" without a year).
    ``kind`` is "absolute", "relative", "weekday", "hijri" or "range" (value = first day).
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str  # "day" | "month" | "year" ("week" only with value None)
    relative: bool
    kind: str  # "absolute" | "relative" | "weekday" | "hijri" | "range"


class DateDataError(ValueError):
    """A data file of this module is malformed; the message names the file and line or key."""


# --------------------------------------------------------------------------------------------------
# Data files


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV file with a header naming exactly ``columns``; comments (#) and blanks skipped."""
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise DateDataError(f"{path}:{lineno}: header must be {'/'.join(columns)}, got {cells}")
            continue
        if len(cells) != len(columns):
            raise DateDataError(f"{path}:{lineno}: expected {len(columns)} tab-separated fields, got {len(cells)}")
        rows.append((lineno, dict(zip(columns, cells, strict=True))))
    return rows


def _int_field(path: Path, lineno: int, raw: str, low: int, high: int, what: str) -> int:
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise DateDataError(f"{path}:{lineno}: {what} must be an integer in {low}..{high}, got {raw!r}")
    return int(raw)


def _check_unique(table: dict[str, Any], key: str, val: Any, where: str) -> None:
    if key in table and table[key] != val:
        raise DateDataError(f"{where}: {key!r} already maps to {table[key]!r}, not {val!r}")
    table[key] = val


@lru_cache(maxsize=1)
def load_months() -> dict[str, tuple[int, str]]:
    """Folded month name -> (month number, "gregorian" | "hijri"), from months.tsv."""
    table: dict[str, tuple[int, str]] = {}
    for lineno, row in _read_tsv(MONTHS_TSV, ("name", "month", "calendar", "source")):
        month = _int_field(MONTHS_TSV, lineno, row["month"], 1, 12, "month")
        if row["calendar"] not in ("gregorian", "hijri"):
            raise DateDataError(f"{MONTHS_TSV}:{lineno}: calendar must be gregorian or hijri")
        name = fold(row["name"])
        if not name:
            raise DateDataError(f"{MONTHS_TSV}:{lineno}: empty month name")
        _check_unique(table, name, (month, row["calendar"]), f"{MONTHS_TSV}:{lineno}")
    return table


@lru_cache(maxsize=1)
def load_weekdays() -> dict[str, int]:
    """Folded weekday name -> weekday number (Monday = 0), from weekdays.tsv."""
    table: dict[str, int] = {}
    for lineno, row in _read_tsv(WEEKDAYS_TSV, ("name", "weekday", "source")):
        day = _int_field(WEEKDAYS_TSV, lineno, row["weekday"], 0, 6, "weekday")
        _check_unique(table, fold(row["name"]), day, f"{WEEKDAYS_TSV}:{lineno}")
    return table


@dataclass(frozen=True)
class RelativeData:
    """relative.yaml, folded and validated."""

    phrases: dict[str, tuple[str, int]]
    ago_before: tuple[str, ...]
    ago_after: tuple[str, ...]
    ago_units: dict[str, tuple[str, int | None]]
    numbers: dict[str, int]
    before: dict[str, str]
    after: dict[str, str]
    blockers: tuple[str, ...]


def _section(doc: dict[str, Any], key: str, kind: type) -> Any:
    val = doc.get(key)
    if not isinstance(val, kind):
        raise DateDataError(f"{RELATIVE_YAML}: key {key!r} must be a {kind.__name__}")
    return val


def _unit_pair(key: str, val: Any, amount_optional: bool) -> tuple[str, int | None]:
    ok = isinstance(val, list) and len(val) == 2 and val[0] in UNITS
    ok = ok and (isinstance(val[1], int) or (amount_optional and val[1] is None))
    if not ok:
        raise DateDataError(f"{RELATIVE_YAML}: {key!r} must be [unit, amount] with unit in {UNITS}, got {val!r}")
    return val[0], val[1]


def _modes(section: dict[str, Any], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for word, mode in section.items():
        if mode not in MODES:
            raise DateDataError(f"{RELATIVE_YAML}: {where}.{word}: mode must be one of {MODES}, got {mode!r}")
        out[fold(str(word))] = mode
    return out


@lru_cache(maxsize=1)
def load_relative() -> RelativeData:
    """Relative phrases, counted-span words, modifiers and blockers from relative.yaml."""
    doc = yaml.safe_load(RELATIVE_YAML.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        raise DateDataError(f"{RELATIVE_YAML}: top level must be a mapping")
    phrases = {fold(str(k)): _unit_pair(f"phrases.{k}", v, False) for k, v in _section(doc, "phrases", dict).items()}
    ago = _section(doc, "ago", dict)
    units = {fold(str(k)): _unit_pair(f"ago.units.{k}", v, True) for k, v in _section(ago, "units", dict).items()}
    numbers = {}
    for k, v in _section(ago, "numbers", dict).items():
        if not isinstance(v, int) or isinstance(v, bool):
            raise DateDataError(f"{RELATIVE_YAML}: ago.numbers.{k} must be an integer")
        numbers[fold(str(k))] = v
    mods = _section(doc, "modifiers", dict)
    return RelativeData(
        phrases=phrases,
        ago_before=tuple(fold(str(w)) for w in _section(ago, "before", list)),
        ago_after=tuple(fold(str(w)) for w in _section(ago, "after", list)),
        ago_units=units,
        numbers=numbers,
        before=_modes(_section(mods, "before", dict), "modifiers.before"),
        after=_modes(_section(mods, "after", dict), "modifiers.after"),
        blockers=tuple(fold(str(w)) for w in _section(doc, "blockers", list)),
    )


# --------------------------------------------------------------------------------------------------
# Regular expressions built from the data


def _lit(ch: str) -> str:
    """A literal char of a lexicon entry; a space matches any run of white space (normalize keeps them)."""
    return r"\s+" if ch == " " else re.escape(ch)


def _trie(words: Iterable[str], char: Callable[[str], str] = _lit) -> str:
    """A prefix-factored alternation of ``words`` (greedy: longer words win), rendering each char with ``char``."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=1)
def _raw_variants() -> dict[str, str]:
    """For each folded character, a regex class of the raw characters that fold to it."""
    groups: dict[str, set[str]] = {}
    for cp in [*range(0x20, 0x7F), *range(0xC0, 0x250), *range(0x600, 0x700), *range(0x6F0, 0x6FA)]:
        ch = chr(cp)
        folded = normalize(ch).text
        if len(folded) == 1:
            groups.setdefault(folded, set()).add(ch)
    out = {}
    for f, chars in groups.items():
        chars.add(f)
        out[f] = "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
    return out


def _tolerant_char(ch: str) -> str:
    """One folded char as a raw-text class, followed by any marks normalization would drop."""
    if ch == " ":
        return r"\s+"
    cls = _raw_variants().get(ch, re.escape(ch))
    return cls + r"[\u064b-\u065f\u0670\u0640]*" if "\u0600" <= ch <= "\u06ff" else cls


@dataclass(frozen=True)
class _Gate:
    digits: re.Pattern[str]
    arabic: tuple[re.Pattern[str], ...]  # matched against " " + text
    latin_first: frozenset[str]  # a word every Latin cue contains (its last), lower-case
    latin: re.Pattern[str]

    def cues(self, text: str) -> list[tuple[int, int]]:
        """Spans of every cue in ``text``; cheap when there are none."""
        spans = [m.span() for m in self.digits.finditer(text)]
        if _ARABIC_CHAR.search(text):
            spaced = " " + text
            spans += [(m.start(), m.end() - 1) for rx in self.arabic for m in rx.finditer(spaced)]
        if not self.latin_first.isdisjoint(_LATIN_WORD.findall(text.lower())):
            spans += [m.span() for m in self.latin.finditer(text)]
        return sorted(spans)


_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ARABIC_CHAR = re.compile("[\u0621-\u064a]")


@dataclass(frozen=True)
class _Patterns:
    gate: _Gate
    # (precheck, rules): a family of rules runs on a window only if its precheck finds something there
    families: tuple[tuple[re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str]], ...]], ...]
    blockers: re.Pattern[str] | None


_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_Y = r"(?P<y>(?:19|20)\d\d)(?!\d)(?:\s?م(?!\w))?"
_HY = r"(?P<y>1[34]\d\d)(?!\d)"
_CLITIC = r"(?:(?<!\w)[وفبل](?=\S)|(?<!\w))"
_STRONG_YEAR = r"(?:[وفبل]?(?:ال)?(?:عام|سنه)|the year|year)"
_WEAK_YEAR = (
    r"(?:in|since|by|during|until|till|from|before|after|through|early|late|mid|around|"
    r"منذ|في|حتي|خلال|قبل|بعد|مطلع|اوائل|اواخر|نهايه|بدايه|منتصف|اواسط|بحلول)"
)


_AR = "\u0621-\u064a"  # Arabic letters (marks excluded)


def _month_x(greg: str) -> str:
    """A month name, optionally doubled as Levantine/Egyptian pairs are written: "كانون الاول/ديسمبر"."""
    dot = r"(?:(?<=[a-z])\.(?=\s?\d))?"
    return (
        rf"(?P<mon>{greg})(?!\w){dot}"
        rf"(?:\s?[/(\-]\s?(?P<mon2>{greg})(?!\w)\)?)?{dot}"
    )


def _spaces(pattern: str) -> str:
    """Rules are written with single spaces in mind; normalized text keeps runs of white space."""
    return re.sub(r"\\s(?![?*+])", r"\\s+", pattern).replace(r"\s?", r"\s*")


def _rule_sources() -> dict[str, str]:
    """Every rule as a regular expression over normalized text; the date itself is the group ``x``."""
    months = load_months()
    greg = _trie(n for n, (_, cal) in months.items() if cal == "gregorian")
    hijri = _trie(n for n, (_, cal) in months.items() if cal == "hijri")
    weekdays = _trie(load_weekdays())
    rel = load_relative()
    mon = _month_x(greg)
    year_tail = rf"(?:\s?,?\s?(?:من\s)?(?:عام\s|العام\s|سنه\s)?{_Y})"
    before = _trie(rel.before)
    after = _trie(rel.after)
    numbers = _trie(rel.numbers)
    units = _trie(rel.ago_units)
    return {
        "iso": r"(?<![\d/.\-])(?P<x>(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d))(?!\d)",
        "dmy": (
            r"(?<![\d/.\-:,])(?P<x>(?P<d>[0-3]?\d)\s?(?P<sep>[-/.])\s?(?P<m>[0-3]?\d)\s?(?P=sep)\s?"
            r"(?P<y>(?:19|20)\d\d))(?!\d)"
        ),
        "day_mon": (
            rf"(?<![\d.,/:\-])(?P<x>{_D}(?:\s?,)?\s?(?:من\s|of\s|the\s)?(?:شهر\s)?{mon}"
            rf"(?:{year_tail}|\s(?P<post>{after})(?!\w))?)"
        ),
        "mon_day": rf"{_CLITIC}(?P<x>{mon}\s?(?:the\s)?{_D}{year_tail}?)",
        "mon_year": rf"{_CLITIC}(?P<x>{mon}\s?,?\s?(?:من\s)?(?:عام\s|العام\s|سنه\s)?{_Y})",
        "range_dm": (
            rf"(?<![\d.,/:\-])(?P<x>{_D}\s?(?:-|الي|حتي|و|to|and|until|till)\s?"
            rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)\s?(?:من\s|of\s)?(?:شهر\s)?{mon}{year_tail}?)"
        ),
        "range_md": (
            rf"{_CLITIC}(?P<x>{mon}\s?{_D}\s?(?:-|to|and|until)\s?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
            rf"{year_tail}?)"
        ),
        "year_strong": rf"(?<!\w)(?P<x>{_STRONG_YEAR}\s?{_Y})",
        "year_weak": rf"(?<!\w){_WEAK_YEAR}\s?-?\s?(?P<x>{_Y})(?!\s?[%٪\d])",
        "hijri_date": (
            rf"(?<![\d.,/:\-])(?P<x>(?:{_D}\s?(?:من\s)?)?{_CLITIC}(?P<hmon>{hijri})(?!\w)\s?,?\s?"
            rf"(?:(?:من\s)?(?:عام|سنه)\s)?{_HY}(?:\s?(?:ه|هجريه|هجري|للهجره)(?!\w))?)"
        ),
        "hijri_year": (
            rf"(?<!\w)(?P<x>(?:[وفبل]?(?:ال)?(?:عام|سنه)\s)?{_HY}\s?(?:ه|هجريه|هجري|للهجره)(?!\w))"
        ),
        "weekday": (
            rf"(?<!\w)(?:[وف](?=\S))?(?P<x>(?:(?P<pre>{before})\s)?(?P<wd>{weekdays})(?!\w)"
            rf"(?:\s(?P<post>{after})(?!\w))?)"
        ),
        "relative": rf"(?<!\w)(?:[وفبل](?=\S))?(?P<x>{_trie(rel.phrases)})(?!\w)",
        "ago_before": (
            rf"(?<!\w)(?P<x>{_trie(rel.ago_before)}\s(?:(?P<n>\d{{1,2}}|{numbers})\s)?(?P<unit>{units}))(?!\w)"
        ),
        "ago_after": rf"(?<!\w)(?P<x>(?P<n>\d{{1,2}}|{numbers})\s(?P<unit>{units})\s{_trie(rel.ago_after)})(?!\w)",
        "mon_after": rf"{_CLITIC}(?P<x>{mon}\s(?P<post>{after}))(?!\w)",
        "mon_before": rf"(?<!\w)(?P<x>(?P<pre>{before})\s{mon})(?!\s?\d)",
    }


def _build_gate() -> _Gate:
    """The cue finder over raw text.

    It only has to be a superset of the rules: every rule's match holds one of these cues. Counted
    units ("days") are left to their cue ("ago"). Each regex starts with one literal or one small
    class, which the engine scans for quickly: digits; the character before an Arabic word (with up to
    two proclitics); Latin cues run only when one of their words is among the text's tokens.
    """
    rel = load_relative()
    cue_words = {*load_months(), *load_weekdays(), *rel.phrases, *rel.ago_after}
    cue_words |= {u for u in rel.ago_units if not u.isascii()}
    latin = sorted(w for w in cue_words if w.isascii())
    arabic = _trie(sorted(w for w in cue_words if not w.isascii()), _tolerant_char)
    digit = "[0-9\u0660-\u0669\u06f0-\u06f9]"
    return _Gate(
        digits=re.compile(rf"{digit}(?:{digit}{{3}}|{digit}?\s*[/.\-]\s*{digit}{{1,2}}\s*[/.\-])"),
        arabic=tuple(
            re.compile(rf"{lead}[وف]?[بلك]?{arabic}(?![{_AR}])")
            for lead in (" ", "[\t\n\r\f\v\u00a0\u200f(\\[«\"“'،,.:;/\\-–—]")
        ),
        latin_first=frozenset(w.split()[-1] for w in latin),  # "yesterday" rather than "the"
        latin=re.compile(rf"\b{_trie(latin, _tolerant_char)}\b"),
    )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compile the gate, the rule families and the blockers once from the data files."""
    rules = _rule_sources()
    greg = _trie(n for n, (_, cal) in load_months().items() if cal == "gregorian")
    prechecks = {
        ("day_mon", "mon_day", "mon_year", "range_dm", "range_md", "mon_after", "mon_before"): rf"(?<!\w){greg}",
        ("hijri_date", "hijri_year"): r"1[34]\d\d",
        ("iso", "dmy"): r"\d\s*[-/.]\s*\d",
        ("year_strong", "year_weak"): r"(?:19|20)\d\d",
        ("weekday",): _trie(load_weekdays()),
        ("relative", "ago_before", "ago_after"): None,
    }
    if {n for names in prechecks for n in names} != set(rules):
        raise RuntimeError("every date rule must belong to exactly one family")
    families = tuple(
        (re.compile(check) if check else None, tuple((n, re.compile(_spaces(rules[n]))) for n in names))
        for names, check in prechecks.items()
    )
    blockers = load_relative().blockers
    return _Patterns(_build_gate(), families, re.compile(_trie(blockers)) if blockers else None)


# --------------------------------------------------------------------------------------------------
# Values


def _parse_published(published: str | None) -> date | None:
    """The publication day from "YYYY-MM-DD" or an ISO datetime; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _day_value(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _year_less(m: int, d: int, pub: date | None, mode: str = "plain") -> str | None:
    """A day and month with no year: the latest year that puts it at most ~2 months after publication
    (18 December read on 2 January is last year's; 5 January read on 18 December is next year's).
    "1 يناير المقبل" (future) takes the first such day after publication, "الماضي" the last before."""
    if pub is None:
        return None
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            cand = date(year, m, d)
        except ValueError:
            continue
        ok = {"future": cand > pub and cand - pub <= timedelta(days=366), "past": cand < pub}
        if ok.get(mode, cand - pub <= FUTURE_WINDOW):
            return cand.isoformat()
    return None


def _weekday_value(wd: int, mode: str, pub: date | None) -> str | None:
    """The weekday ``wd`` nearest publication: on/before it (plain), strictly before (past) or after.

    "today" + weekday: that weekday when the page is dated at most ``TODAY_LAG`` days after it (an
    aggregator's copy), else the page's own day (the guideline: the dateline wins a contradiction)."""
    if pub is None:
        return None
    if mode == "future":
        delta = (wd - pub.weekday()) % 7 or 7
        return (pub + timedelta(days=delta)).isoformat()
    back = (pub.weekday() - wd) % 7
    if mode == "past" and back == 0:
        back = 7
    if mode == "today" and back > TODAY_LAG:
        back = 0  # "اليوم الأربعاء" on a Tuesday page: the text contradicts its page; the page's day stands
    return (pub - timedelta(days=back)).isoformat()


def _shift(unit: str, amount: int, pub: date | None) -> tuple[str | None, str]:
    """Publication date moved by ``amount`` units, as (value, precision)."""
    if unit == "week" or pub is None:
        return None, unit
    if unit == "day":
        return (pub + timedelta(days=amount)).isoformat(), "day"
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, amount)
        return f"{y:04d}-{m:02d}", "month"
    return f"{pub.year + amount:04d}", "year"


def _hijri(y: int, m: int, d: int | None) -> tuple[str, str] | None:
    """Gregorian (value, precision) of a Hijri date (Umm al-Qura). A month or a year without a day is
    dated by its middle day (15th of the month, 1 Rajab of the year), whose Gregorian month/year holds
    most of it."""
    from hijridate import Hijri

    try:
        if d is not None:
            return Hijri(y, m, d).to_gregorian().isoformat(), "day"
        if m:
            g = Hijri(y, m, 15).to_gregorian()
            return f"{g.year:04d}-{g.month:02d}", "month"
        return f"{Hijri(y, 7, 1).to_gregorian().year:04d}", "year"
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass
class _Cand:
    start: int  # normalized offsets within the window
    end: int
    value: str | None
    precision: str
    relative: bool
    kind: str


@dataclass(frozen=True)
class _Ctx:
    s: str  # normalized window text
    pub: date | None
    is_upper: Callable[[int], bool]  # is the original character at a normalized offset upper-case


def _key(span: str) -> str:
    """A matched span as its lexicon key (runs of white space as one space)."""
    return " ".join(span.split())


def _month_of(m: re.Match[str], ctx: _Ctx) -> int | None:
    """Month number of the ``mon`` group; Latin names must be capitalized ("may" is a verb)."""
    name = _key(m.group("mon"))
    if name.isascii() and not ctx.is_upper(m.start("mon")):
        return None
    return load_months()[name][0]


def _absolute(m: re.Match[str], ctx: _Ctx, kind: str = "absolute") -> _Cand | None:
    mon = _month_of(m, ctx)
    if mon is None:
        return None
    d = int(m.group("d"))
    if m.group("y"):
        value, rel = _day_value(int(m.group("y")), mon, d), False
        if value is None:
            return None
    else:
        if _day_value(2024, mon, d) is None:  # 2024 is a leap year: only impossible days fail
            return None
        post = m.groupdict().get("post")
        value, rel = _year_less(mon, d, ctx.pub, load_relative().after[post] if post else "plain"), True
    return _Cand(m.start("x"), m.end("x"), value, "day", rel, kind)


def _rule_numeric(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if mo > 12 and d <= 12:  # month-first (US) order, only when day-first is impossible
        d, mo = mo, d
    value = _day_value(y, mo, d)
    return _Cand(m.start("x"), m.end("x"), value, "day", False, "absolute") if value else None


def _rule_mon_day(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if not m.group("y") and not m.group("mon").isascii():
        return None  # "يونيو 30 ..." without a year is more often a count than a date
    return _absolute(m, ctx)


def _rule_range(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    if int(m.group("d2")) <= int(m.group("d")):
        return None
    if m.start("mon") == m.start("x") and not m.group("y") and not m.group("mon").isascii():
        return None  # month-first without a year: as in _rule_mon_day
    return _absolute(m, ctx, "range")


def _rule_mon_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    mon = _month_of(m, ctx)
    if mon is None:
        return None
    return _Cand(m.start("x"), m.end("x"), f"{m.group('y')}-{mon:02d}", "month", False, "absolute")


def _rule_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    return _Cand(m.start("x"), m.end("x"), m.group("y"), "year", False, "absolute")


def _rule_weak_year(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    """"in 2024" is a year, "in 2000 vehicles" a count: round numbers before a word are counts."""
    if m.group("y").endswith("00") and re.match(r"\s*\w", ctx.s[m.end("x"):]):
        return None
    return _rule_year(m, ctx)


def _rule_hijri(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    month = load_months()[_key(m.group("hmon"))][0] if "hmon" in m.groupdict() else 0
    d = m.groupdict().get("d")
    res = _hijri(int(m.group("y")), month, int(d) if d else None)
    if res is None:
        return None
    return _Cand(m.start("x"), m.end("x"), res[0], res[1], False, "hijri")


def _mode(m: re.Match[str]) -> str:
    rel = load_relative()
    gd = m.groupdict()
    if gd.get("post"):
        return rel.after[gd["post"]]
    if gd.get("pre"):
        return rel.before[gd["pre"]]
    return "plain"


def _rule_weekday(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    value = _weekday_value(load_weekdays()[m.group("wd")], _mode(m), ctx.pub)
    return _Cand(m.start("x"), m.end("x"), value, "day", True, "weekday")


def _rule_relative(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    unit, amount = load_relative().phrases[_key(m.group("x"))]
    value, precision = _shift(unit, amount, ctx.pub)
    return _Cand(m.start("x"), m.end("x"), value, precision, True, "relative")


def _rule_ago(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    rel = load_relative()
    unit, implied = rel.ago_units[m.group("unit")]
    n = m.group("n")
    amount = (int(n) if n.isdigit() else rel.numbers[n]) if n else implied
    if amount is None:
        return None  # "منذ أيام": a few days, not a date
    value, precision = _shift(unit, -amount, ctx.pub)
    return _Cand(m.start("x"), m.end("x"), value, precision, True, "relative")


def _rule_mon_relative(m: re.Match[str], ctx: _Ctx) -> _Cand | None:
    mon = _month_of(m, ctx)
    if mon is None:
        return None
    mode, value = _mode(m), None
    if ctx.pub is not None:
        y = ctx.pub.year
        if mode == "future":
            y += 0 if mon > ctx.pub.month else 1
        else:
            y -= 0 if mon < ctx.pub.month or (mode == "plain" and mon == ctx.pub.month) else 1
        value = f"{y:04d}-{mon:02d}"
    return _Cand(m.start("x"), m.end("x"), value, "month", True, "relative")


# Rule name -> (handler, priority: lower wins between equally long overlapping candidates)
_HANDLERS: dict[str, tuple[Callable[[re.Match[str], _Ctx], _Cand | None], int]] = {
    "iso": (_rule_numeric, 0),
    "dmy": (_rule_numeric, 0),
    "range_dm": (_rule_range, 0),
    "range_md": (_rule_range, 0),
    "day_mon": (_absolute, 1),
    "mon_day": (_rule_mon_day, 1),
    "hijri_date": (_rule_hijri, 1),
    "hijri_year": (_rule_hijri, 2),
    "mon_year": (_rule_mon_year, 2),
    "mon_after": (_rule_mon_relative, 2),
    "mon_before": (_rule_mon_relative, 2),
    "year_strong": (_rule_year, 3),
    "year_weak": (_rule_weak_year, 3),
    "weekday": (_rule_weekday, 4),
    "ago_before": (_rule_ago, 4),
    "ago_after": (_rule_ago, 4),
    "relative": (_rule_relative, 5),
}

_MERGE_GAPS = {"", " ", ",", ", ", " ,", "(", " (", ", (", ",(", "- ", " - "}


def _scan(ctx: _Ctx) -> list[_Cand]:
    """All rules over one normalized window; longest candidates win, weekdays absorb the date after them."""
    pats = _patterns()
    blocked = [b.span() for b in pats.blockers.finditer(ctx.s)] if pats.blockers else []
    found: list[tuple[int, int, _Cand]] = []
    for check, rules in pats.families:
        if check is not None and not check.search(ctx.s):
            continue
        for name, rx in rules:
            handler, prio = _HANDLERS[name]
            for m in rx.finditer(ctx.s):
                cand = handler(m, ctx)
                if cand is None or any(a <= cand.start and cand.end <= b for a, b in blocked):
                    continue
                found.append((-(cand.end - cand.start), prio, cand))
    chosen: list[_Cand] = []
    for _, _, cand in sorted(found, key=lambda t: (t[0], t[1], t[2].start)):
        if all(cand.end <= c.start or c.end <= cand.start for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return _merge_weekdays(chosen, ctx.s, ctx.pub)


_TODAY_GAPS = _MERGE_GAPS | {"/", " /", "/ ", " / "}


def _is_today(cand: _Cand, pub: date | None) -> bool:
    return cand.kind == "relative" and pub is not None and cand.value == pub.isoformat()


def _merge_weekdays(cands: list[_Cand], s: str, pub: date | None = None) -> list[_Cand]:
    """"الخميس 18 ديسمبر 2025" and "Thursday (Dec. 18)" are one date: the explicit part gives the value;
    "today, Wednesday," / "اليوم /الأربعاء/" are one date read as "today" + weekday."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and _is_today(prev, pub) and cand.kind == "weekday" and cand.value and pub \
                and re.sub(r"\s+", " ", s[prev.end:cand.start]) in _TODAY_GAPS:
            back = (pub - date.fromisoformat(cand.value)).days
            value = cand.value if back <= TODAY_LAG else prev.value
            out[-1] = _Cand(prev.start, cand.end, value, "day", True, "weekday")
        elif (
            prev is not None and prev.kind == "weekday" and cand.kind in ("absolute", "range", "hijri")
            and re.sub(r"\s+", " ", s[prev.end:cand.start]) in _MERGE_GAPS
        ):
            end = cand.end
            if "(" in s[prev.end:cand.start]:
                close = re.match(r"\s*\)", s[end:])
                end += close.end() if close else 0
            out[-1] = _Cand(prev.start, end, cand.value, cand.precision, cand.relative, cand.kind)
        else:
            out.append(cand)
    return out


def _windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` around gate cues, widened to white space and merged."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for cs, ce in _patterns().gate.cues(text):
        a, b = max(0, cs - WINDOW), min(n, ce + WINDOW)
        while a > 0 and not text[a - 1].isspace() and cs - a < 2 * WINDOW:
            a -= 1
        while b < n and not text[b].isspace() and b - ce < 2 * WINDOW:
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def _to_match(text: str, offset: int, norm: Normalized, cand: _Cand) -> DateMatch:
    start, end = norm.original_span(cand.start, cand.end)
    start, end = start + offset, end + offset
    while end < len(text) and _DROPPED.match(text, end):  # "غداً", "هـ": keep the marks after the match
        end += 1
    return DateMatch(start, end, text[start:end], cand.value, cand.precision, cand.relative, cand.kind)


def _find_in(text: str, offset: int, norm: Normalized, pub: date | None) -> list[DateMatch]:
    def is_upper(pos: int) -> bool:
        return text[offset + norm.original_span(pos, pos + 1)[0]].isupper()

    ctx = _Ctx(norm.text, pub, is_upper)
    return [_to_match(text, offset, norm, c) for c in _scan(ctx)]


def find_dates(
    text: str, *, published: str | None = None, lang: str | None = None, norm: Normalized | None = None,
) -> list[DateMatch]:
    """Every date expression in ``text``, sorted by start and non-overlapping.

    Args:
        text: original article text; offsets of the result refer to it.
        published: publication date (YYYY-MM-DD or ISO datetime) that relative expressions and
            year-less dates are read against; without it they are returned with value None.
        lang: "ar" or "en", accepted for the extraction interface. Both languages' rules always run,
            because Arabic pages quote English posts and the reverse.
        norm: ``normalize(text)`` if the caller already has it (skips the windowing).

    Returns:
        ``DateMatch`` records with original offsets (``text[m.start:m.end] == m.text``).
    """
    del lang
    pub = _parse_published(published)
    if norm is not None:
        return _find_in(text, 0, norm, pub)
    out: list[DateMatch] = []
    for a, b in _windows(text):
        out.extend(_find_in(text, a, normalize(text[a:b]), pub))
    return out


def resolve_relative(expr: str, published: str) -> tuple[str, str] | None:
    """(value, precision) of the first resolvable date in ``expr`` read on ``published``, else None.

    >>> resolve_relative("الشهر الماضي", "2025-01-10")
    ('2024-12', 'month')
    """
    for m in find_dates(expr, published=published):
        if m.value is not None:
            return m.value, m.precision
    return None


# --------------------------------------------------------------------------------------------------
# Data generation


def _manual_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a data file that were added by hand (source other than cldr:…), kept on regeneration."""
    if not path.exists():
        return []
    return [row for _, row in _read_tsv(path, columns) if not row["source"].startswith("cldr")]


def _cldr_months() -> dict[str, tuple[int, set[str]]]:
    from babel.dates import get_month_names

    found: dict[str, tuple[int, set[str]]] = {}
    for loc in CLDR_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, loc).items():
                    name = " ".join(name.split())
                    if re.fullmatch(r"M\d+", name):  # CLDR placeholder, not a name
                        continue
                    found.setdefault(name, (num, set()))[1].add(loc)
    return found


def _cldr_weekdays() -> dict[str, tuple[int, set[str]]]:
    from babel.dates import get_day_names

    found: dict[str, tuple[int, set[str]]] = {}
    for loc in CLDR_LOCALES:
        widths = ("wide", "abbreviated") if loc != "en" else ("wide",)  # "Sat", "Wed" are words
        for width in widths:
            for num, name in get_day_names(width, "format", loc).items():
                found.setdefault(" ".join(name.split()), (num, set()))[1].add(loc)
    return found


def _source(locales: set[str]) -> str:
    arabic = sorted(loc for loc in locales if loc.startswith("ar"))
    tag = "ar*" if len(arabic) > 10 else ",".join(arabic)
    return "cldr:" + ",".join(t for t in (tag, "en" if "en" in locales else "") if t)


def regen_months() -> tuple[int, int]:
    """Rewrite the CLDR rows of months.tsv and weekdays.tsv, keeping the hand-added rows.

    Returns:
        Number of rows written to (months.tsv, weekdays.tsv).
    """
    written = []
    for path, columns, cldr, extra in (
        (MONTHS_TSV, ("name", "month", "calendar", "source"), _cldr_months(), "gregorian"),
        (WEEKDAYS_TSV, ("name", "weekday", "source"), _cldr_weekdays(), None),
    ):
        manual = _manual_rows(path, columns)
        lines = ["# Generated by `python -m alliancemap.text.dates --regen-months` from CLDR (babel);",
                 "# rows whose source is not cldr:… are hand-added and kept on regeneration.",
                 "\t".join(columns)]
        for name, (num, locs) in sorted(cldr.items(), key=lambda kv: (kv[1][0], kv[0])):
            cells = [name, str(num)] + ([extra] if extra else []) + [_source(locs)]
            lines.append("\t".join(cells))
        lines += ["\t".join(row[c] for c in columns) for row in manual]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(len(cldr) + len(manual))
    load_months.cache_clear()
    load_weekdays.cache_clear()
    _patterns.cache_clear()
    return written[0], written[1]


def main(argv: list[str] | None = None) -> int:
    """``--regen-months`` rebuilds the name tables; FILE... prints the dates found (for review)."""
    ap = argparse.ArgumentParser(prog="python -m alliancemap.text.dates", description=main.__doc__)
    ap.add_argument("--regen-months", action="store_true", help="rewrite months.tsv/weekdays.tsv from CLDR")
    ap.add_argument("--published", help="publication date YYYY-MM-DD for relative expressions")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    if args.regen_months:
        n_months, n_days = regen_months()
        print(f"wrote {n_months} month names to {MONTHS_TSV} and {n_days} weekday names to {WEEKDAYS_TSV}")
    for path in args.files:
        for m in find_dates(path.read_text(encoding="utf-8"), published=args.published):
            print(f"{path}\t{m.start}\t{m.end}\t{m.kind}\t{m.precision}\t{m.value}\t{m.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
