"""Blocking: which stored clusters a mention can possibly join, as index keys ``(dyad, week)``.

Two reports of one event share their party countries (the dyad) and fall within a few days of each
other, or within the undated window when one is undated. A cluster is indexed under every month its
date (or, undated, when its reports were written) can reach; a mention looks up the months its own
window reaches. So an ingest compares a new mention only with the clusters of its dyad in those
months, whatever the size of the store. The months are weeks (``DYAD|2025-07-14``, the week's Monday):
a pair in the news every day has many events a month, and a report can only join those of its own days. A report with no time at all (no date, no publication date,
nothing in its text) and an undated recollection look up the whole dyad; clusters without any time
are indexed under ``ANY`` and found by every lookup of their dyad.
"""

from __future__ import annotations

import datetime as dt

from alliancemap.merge.evidence import unsure_date
from alliancemap.merge.features import Context, _countries, _Span, _span, borrowed_date, written
from alliancemap.model import Event, EventCluster

ANY = "ANY"  # month key of a cluster without any time: every lookup of its dyad includes it


def dyad(ev: Event) -> str:
    """``LBY+PAK``: the sorted party countries."""
    return "+".join(dict.fromkeys(_countries(ev)))


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _weeks(start: dt.date, end: dt.date) -> list[str]:
    """The Mondays of the weeks from ``start`` to ``end``: finer buckets for a neighbourhood in memory."""
    day = start - dt.timedelta(days=start.weekday())
    out = []
    while day <= end:
        out.append(day.isoformat())
        day += dt.timedelta(days=7)
    return out


_BUCKETS = {"month": _months, "week": _weeks}
KEY_UNIT = "week"  # of the store's keys (``events_004_week_keys`` turned a store's month keys into weeks)


def _window(ev: Event, ctx: Context) -> tuple[dt.date, dt.date] | None:
    """The days an event this mention reports can fall on, None when unbounded."""
    cfg = ctx.config
    tol, slack = dt.timedelta(days=cfg.days("day_tolerance")), dt.timedelta(days=cfg.days("estimate_slack"))
    own = _span(ev.date, ev.date_precision)
    unsure = unsure_date(ev, ctx)
    if own and not borrowed_date(ev) and not unsure:
        return own.start - tol, own.end + tol
    ref: _Span | None = written(ev, ctx)
    if own and not unsure:  # a date borrowed from the lead blocks only outside the undated window
        ref = own
    if ref is None or ev.background:
        return None
    back = dt.timedelta(days=cfg.days("undated_window")) + tol + slack
    lo, hi = ref.start - back, ref.end + tol + slack
    if own:  # an unsure date: its own days, or as undated when it was written
        lo, hi = min(lo, own.start - tol), max(hi, own.end + tol)
    return lo, hi


def lookup_months(ev: Event, ctx: Context, by: str = "month") -> list[str] | None:
    """The months (or weeks) a new mention looks up in its dyad; None means every month of the dyad."""
    win = _window(ev, ctx)
    return None if win is None else [*_BUCKETS[by](*win), ANY]


def lookup_keys(ev: Event, ctx: Context) -> tuple[str, list[str] | None]:
    """(dyad, weeks) to look up for a new mention; weeks None means the whole dyad."""
    return dyad(ev), lookup_months(ev, ctx, KEY_UNIT)


def member_months(ev: Event, ctx: Context, by: str = "month") -> list[str]:
    """The months (or weeks) a member makes its cluster found under: its window, else when it happened or
    was written."""
    return member_reach(ev, ctx, by)[0]


def member_reach(ev: Event, ctx: Context, by: str = "month") -> tuple[list[str], bool]:
    """(``member_months``, whether the member itself looks up every month of its dyad)."""
    win = _window(ev, ctx)
    if win is None:
        ref = _span(ev.date, ev.date_precision) or written(ev, ctx)
        return (_BUCKETS[by](ref.start, ref.end) if ref else [ANY]), True
    return _BUCKETS[by](*win), False


def cluster_keys(cluster: EventCluster, ctx: Context) -> list[str]:
    """Every ``DYAD|WEEK`` a cluster is found under: the union of its members' windows."""
    d = dyad(cluster.consensus)
    months: set[str] = set()
    for ev in cluster.events():
        months.update(member_months(ev, ctx, KEY_UNIT))
    return sorted(f"{d}|{m}" for m in months or {ANY})


def link_keys(cluster: EventCluster) -> tuple[str, list[str]] | None:
    """(dyad, weeks) under which the stored clusters a cluster can be linked with (``during`` a visit,
    ``includes``) are found: the weeks of its dated span widened by a day, as ``cluster._during`` allows;
    None when it is undated (its links need a shared article)."""
    span = _span(cluster.consensus.date, cluster.consensus.date_precision)
    if span is None:
        return None
    return dyad(cluster.consensus), _weeks(span.start - dt.timedelta(days=1), span.end + dt.timedelta(days=1))
