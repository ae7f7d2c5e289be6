"""When was an undated article written? An estimate from its URL and text, with its precision.

A third to a half of real pages carry no publication date. Without one, an undated report can neither
support a merge ("published the next day: same news") nor block one ("written months later"). The
estimate, in order of trust:

1. ``published`` from the page metadata (day);
2. a date path in the URL (``/2025/03/14/``, ``/20250314``, ``/2025/03/``): day or month;
3. a full date in the dateline or first lines (``BENGHAZI, 14 March 2025 -``, ``الخميس 13 مارس 2025``): day.

Dates further down the text are not used: measured on unseen pages they are mostly history ("since
2009", "in June 2017") or plans ("by April 2026"), so they would block true merges. Date expressions
are read by ``text.dates.find_dates`` (absolute dates need no publication date).
"""

from __future__ import annotations

import datetime as dt
import re

from alliancemap.model import ArticleDate
from alliancemap.text.dates import find_dates

DATELINE_CHARS = 300  # a date this close to the top is the dateline or the lead's own date
_URL_DAY = re.compile(r"/(20\d\d|19\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|\b)")
_URL_COMPACT = re.compile(r"[/_-](20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/(20\d\d|19\d\d)/(0?[1-9]|1[0-2])/")


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
    if found := from_url(url):
        return ArticleDate(article_id, found[0], found[1], "url")
    lead = text[:DATELINE_CHARS]
    days = [d for d in find_dates(lead) if d.value and d.precision == "day" and d.kind in ("absolute", "hijri")]
    if days:
        return ArticleDate(article_id, days[0].value, "day", "dateline")  # type: ignore[arg-type]
    return None
