"""When was an undated article written? An estimate from its URL and text, with its precision.

A third to a half of real pages carry no publication date. Without one, an undated report can neither
support a merge ("published the next day: same news") nor block one ("written months later"). The
estimate, in order of trust:

1. ``published`` from the page metadata (day);
2. a date path in the URL (``/2025/03/14/``, ``/20250314``, ``/2025/03/``): day or month;
3. a full date in the dateline or first lines (``BENGHAZI, 14 March 2025 -``, ``الخميس 13 مارس 2025``): day;
4. the latest full date named anywhere in the text: month (the story is about then, the day unsure);
5. the latest year named in the text: year.

Date expressions are read by ``text.dates.find_dates`` (absolute dates need no publication date).
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
    dates = [d for d in find_dates(text) if d.value and d.kind in ("absolute", "range", "hijri")]
    days = [d for d in dates if d.precision == "day"]
    top = [d for d in days if d.start < DATELINE_CHARS]
    if top:
        return ArticleDate(article_id, top[0].value, "day", "dateline")  # type: ignore[arg-type]
    if days:
        return ArticleDate(article_id, max(d.value for d in days)[:7], "month", "explicit")  # type: ignore[type-var]
    months = [d.value[:7] for d in dates if d.precision == "month" and d.value]
    if months:
        return ArticleDate(article_id, max(months), "month", "explicit")
    years = [d.value[:4] for d in dates if d.value]
    if years:
        return ArticleDate(article_id, max(years), "year", "latest")
    return None
