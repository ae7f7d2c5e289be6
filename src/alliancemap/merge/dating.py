"""When was an undated article written? An estimate from its URL and text, with its precision.

A third to a half of real pages carry no publication date. Without one, an undated report can neither
support a merge ("published the next day: same news") nor block one ("written months later"). The
estimate, in order of trust:

1. ``published`` from the page metadata (day);
2. a date path in the URL (``/2025/03/14/``, ``/20250314``): day;
3. a full date in the dateline or first lines (``BENGHAZI, 14 March 2025 -``, ``الخميس 13 مارس 2025``): day;
4. a full date anywhere in the text that a weekday or a relative word ties to the time of writing
   (``anchored``): "اليوم الأحد 11 يناير 2026" (written that day), "on Tuesday … the talks of 4 March
   2025" (a Tuesday: written that week), "أمس الثلاثاء" with a Tuesday date (the next day), "last week,
   on 4 March" (the following week): day or week;
5. a month path in the URL (``/2025/03/``): month. A finer estimate of steps 3–4 wins when it falls
   in that month.

Dates further down the text are used only when so tied: measured on unseen pages, an untied date is
mostly history ("since 2009", "in June 2017") or a plan ("by April 2026"), and would block true merges.
A weekday is named for the days around the time of writing, which is what makes a tied date current.
Date expressions are read by ``text.dates.find_dates`` (absolute dates need no publication date).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from alliancemap.model import ArticleDate
from alliancemap.text.dates import DateMatch, find_dates, load_relative, load_weekdays
from alliancemap.text.normalize import fold

DATELINE_CHARS = 300  # a date this close to the top is the dateline or the lead's own date
WEEK = 7
_URL_DAY = re.compile(r"/(20\d\d|19\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|\b)")
_URL_COMPACT = re.compile(r"[/_-](20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/(20\d\d|19\d\d)/(0?[1-9]|1[0-2])/")
# between a relative word and the date it names: "yesterday, 4 March", "أمس (4 مارس)", "last week, on 4 March"
_WORD = re.compile(r"\w+")
HISTORY_DAYS = 366  # a tied day this long before another full date of the text is history told by its weekday
NEAR_CHARS = 300  # a weekday this close to a full date may name its day; further away it is a coincidence
_ADJACENT = re.compile(r"^[\s,،(\-–—]*(?:on|في|يوم|الموافق)?[\s,،(]*$", re.IGNORECASE)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def from_url(url: str | None) -> tuple[str, str] | None:
    """(value, precision) of a date path in a URL, else None."""
    if not url:
        return None
    for pattern in (_URL_DAY, _URL_COMPACT):
        m = pattern.search(url)
        if m and (day := _valid(int(m[1]), int(m[2]), int(m[3]))):
            return day, "day"
    m = _URL_MONTH.search(url)
    return (f"{int(m[1]):04d}-{int(m[2]):02d}", "month") if m else None


def estimate(article_id: str, text: str, *, url: str | None = None,
             published: str | None = None) -> ArticleDate | None:
    """The article's date with its precision and basis, or None when nothing in it says when."""
    if published and re.match(r"^\d{4}-\d{2}-\d{2}", published):
        return ArticleDate(article_id, published[:10], "day", "published")
    found = from_url(url)
    if found and found[1] == "day":
        return ArticleDate(article_id, found[0], "day", "url")
    month = found[0] if found else None
    matches = find_dates(text)
    days = [d for d in _anchors(matches) if d.start < DATELINE_CHARS]
    if days and _in_month(days[0].value, 1, month):  # type: ignore[arg-type]
        return ArticleDate(article_id, days[0].value, "day", "dateline")  # type: ignore[arg-type]
    tied = anchored(text, matches)
    if tied and _in_month(tied[0].isoformat(), len(tied), month):
        first = tied[0].isoformat()
        return ArticleDate(article_id, first, "day" if len(tied) == 1 else "week", "anchored")
    return ArticleDate(article_id, month, "month", "url") if month else None


def _in_month(day: str, span: int, month: str | None) -> bool:
    """Whether the ``span`` days from ``day`` meet the URL's month (True without one)."""
    if month is None:
        return True
    first = dt.date.fromisoformat(day)
    return any((first + dt.timedelta(days=i)).isoformat().startswith(month) for i in range(span))


def _anchors(matches: Iterable[DateMatch]) -> list[DateMatch]:
    """Full dates to the day (a year, month and day, Gregorian or Hijri) in text order."""
    return [d for d in matches if d.value and d.precision == "day" and d.kind in ("absolute", "hijri")]


def anchored(text: str, matches: list[DateMatch] | None = None) -> list[dt.date]:
    """The days the article may have been written on, from a full date a weekday or relative word ties to
    the time of writing; [] when none is tied. One day, or up to a week of days.

    Each full date is tried, latest first (an article is written after every current day it tells), down
    to a year before the latest (older days named with their weekday are history, "on Tuesday, September
    11, 2001"): the words naming its weekday or sitting just before it each allow some days of writing,
    and the days all of them allow are the estimate. A "today <weekday>" elsewhere then picks the day among them.
    """
    matches = find_dates(text) if matches is None else matches
    anchors = sorted(_anchors(matches), key=lambda d: d.value or "", reverse=True)
    latest = dt.date.fromisoformat(anchors[0].value) if anchors else None  # type: ignore[arg-type]
    for anchor in anchors:
        day = dt.date.fromisoformat(anchor.value)  # type: ignore[arg-type]
        if latest and (latest - day).days > HISTORY_DAYS:
            break  # "on Tuesday, September 11, 2001" in a text that also names days years later: history
        allowed = [s for cue in _cues(text, anchor, matches) if (s := _writing_days(cue, day))]
        if not allowed:
            continue
        common = set.intersection(*allowed) or set.union(*allowed)
        if len(common) > WEEK:
            continue
        return sorted(_today_refined(common, text, matches) or common)
    return []


def _cues(text: str, anchor: DateMatch, matches: list[DateMatch]) -> list[tuple[str, str]]:
    """(kind, text) of the expressions that may tie ``anchor`` to the time of writing: the anchor itself
    when it names a weekday, an unresolved weekday near it, and a relative word just before it."""
    out = [("weekday", anchor.text)]
    for m, phrase in _weekdays(text, matches):
        if m.start < anchor.end + NEAR_CHARS and anchor.start < m.end + NEAR_CHARS:
            out.append(("weekday", phrase))
    for m in matches:
        if m.value is None and m.kind == "relative" and m.end <= anchor.start \
                and _ADJACENT.match(text[m.end:anchor.start]):
            out.append(("relative", m.text))
    return out


def _weekdays(text: str, matches: list[DateMatch]) -> list[tuple[DateMatch, str]]:
    """Unresolved weekdays with a day word just before them ("today, Thursday": read without a
    publication date, ``find_dates`` gives the two apart)."""
    out, prev = [], None
    for m in matches:
        if m.value is None and m.kind == "weekday":
            joined = prev is not None and prev.kind == "relative" and _ADJACENT.match(text[prev.end:m.start])
            out.append((m, text[prev.start:m.end] if joined and prev else m.text))
        prev = m
    return out


def _words(phrase: str) -> list[str]:
    return _WORD.findall(fold(phrase))


def _day_shift(words: list[str]) -> int | None:
    """The offset of a day word among ``words`` ("today" 0, "yesterday" -1, "أول أمس" -2), else None."""
    phrases = load_relative().phrases
    best: tuple[int, int] | None = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            unit, amount = phrases.get(" ".join(words[i:j]), ("", 0))
            if unit == "day" and amount <= 0 and (best is None or j - i > best[0]):
                best = (j - i, amount)
    return None if best is None else best[1]


def _writing_days(cue: tuple[str, str], day: dt.date) -> set[dt.date] | None:
    """The days of writing a cue allows when it names ``day``; None when it does not name that day."""
    kind, phrase = cue
    words = _words(phrase)
    if kind == "relative":
        unit, amount = load_relative().phrases.get(" ".join(words), ("", 1))
        if unit == "day" and amount <= 0:
            return {day - dt.timedelta(days=amount)}
        if unit == "week" and amount in (0, -1):  # this week: from that day to Sunday; last week: the next week
            monday = day - dt.timedelta(days=day.weekday())
            start = day if amount == 0 else monday + dt.timedelta(days=WEEK)
            end = monday + dt.timedelta(days=WEEK - 1 - WEEK * amount)
            return {start + dt.timedelta(days=i) for i in range((end - start).days + 1)}
        return None
    weekdays = load_weekdays()
    if day.weekday() not in {weekdays[w] for w in words if w in weekdays}:
        return None
    shift = _day_shift(words)
    if shift is not None:
        return {day - dt.timedelta(days=shift)}
    modes = {load_relative().before.get(w) or load_relative().after.get(w) for w in words}
    if "future" in modes:
        return None  # "next Tuesday": a plan, written before it
    first = 1 if "past" in modes else 0  # "last Tuesday" is at least a day before the writing
    return {day + dt.timedelta(days=first + i) for i in range(WEEK)}


def _today_refined(days: set[dt.date], text: str, matches: list[DateMatch]) -> set[dt.date]:
    """The ``days`` a "today <weekday>" or "yesterday <weekday>" in the text allows."""
    weekdays = load_weekdays()
    out = set(days)
    for _, phrase in _weekdays(text, matches):
        words = _words(phrase)
        shift, named = _day_shift(words), {weekdays[w] for w in words if w in weekdays}
        if shift is not None and named:
            out = {d for d in out if (d + dt.timedelta(days=shift)).weekday() in named}
    return out
