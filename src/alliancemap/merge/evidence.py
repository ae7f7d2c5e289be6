"""Pair evidence: how likely two mentions (or a mention and a cluster's consensus) report one event.

Hard constraints block (different type, parties, factions, far-apart dates, places in different
countries); soft evidence adds weights read from ``scoring.yaml`` (same day, place, people, instrument,
value; a leader's trip against one told only of a delegation; an instrument a recollection names
otherwise). Every step leaves a readable reason, so a membership or a near miss can be explained.

Dates that are not the event's own are soft: a date borrowed from the article's lead or another
sentence (``attributes.date_from`` "lead" or "carried") blocks only outside the undated window; a report
without a date is compared through when its article was written (publication date, else
``dating.estimate``), which both supports a merge (written the day after: same news) and blocks it (written months apart).

Weak values never block, they only conflict: a year-only date on a report told as news, or a date after
the report was written (``unsure_date``); a place from a recollection or one the extractor marks as not
the sentence's own (``weak_place``: a dateline, a page tag, a capital standing for its government).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from alliancemap.merge.config import MergeConfig
from alliancemap.merge.features import (
    _PRECISION_RANK,
    _WORD,
    Context,
    _article,
    _categories,
    _counterparts_differ,
    _countries,
    _display,
    _factions,
    _gap,
    _leaders,
    _names_delegation,
    _names_leader_title,
    _person_keys,
    _place_country,
    _place_name,
    _shared_people,
    _Span,
    _span,
    _tells_of_delegation,
    borrowed_date,
    parties_label,
    place_data,
    written,
)
from alliancemap.model import Event, EventCluster
from alliancemap.text.normalize import fold

# Types whose one occurrence happens in one place at one time: two close reports that put it in the two
# parties' own countries disagree on the place (a dateline, the other side's capital), they are not two.
ONE_PLACE_TYPES = frozenset({"AGREE", "ARMS_DEAL", "COMMITTEE"})
# Types whose reports name who travelled or talked: a leader's against a delegation's (``_leader_vs_delegation``)
LEADER_TYPES = frozenset({"VISIT", "MEET"})
# ``location_from`` of a place a sentence of the article states for the event (not a dateline, a lead)
STATED_PLACES = frozenset({"sentence", "carried"})
LEAD_CHARS = 300  # a mention starting this close to the top of its page is its headline or lead


@dataclass
class Assessment:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    blocked: bool = False
    place_disputed: bool = False  # the place blocked or conflicted (another report's place may still agree)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)

    def block(self, reason: str) -> None:
        self.blocked = True
        self.reasons.append(reason)


def _days(n: int) -> str:
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def _slack(cfg: MergeConfig, *written_spans: _Span) -> int:
    """Days of slack around when articles were written: none when each is known to the day or the week
    (a week's estimate spans its seven days), else ``estimate_slack`` (a month from the URL)."""
    exact = all(s.precision in ("day", "week") for s in written_spans)
    return 0 if exact else cfg.days("estimate_slack")


def _own_span(ev: Event) -> _Span | None:
    """The mention's date when the sentence itself gave it (not borrowed from the lead or another sentence)."""
    if borrowed_date(ev):
        return None
    return _span(ev.date, ev.date_precision)


def _check_type_and_parties(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    w = ctx.config.w
    if a.type != b.type:
        out.block(f"types differ {a.type} vs {b.type}: no")
        return
    out.add(w("same_type"), f"same type {a.type}")
    if _countries(a) != _countries(b):
        out.block(f"parties differ {parties_label(a)} vs {parties_label(b)}: no")
        return
    fa, fb = _factions(a), _factions(b)
    for country in sorted(set(fa) & set(fb)):
        if not fa[country] & fb[country]:
            out.block(f"factions differ {country}: {'/'.join(sorted(fa[country]))} vs "
                      f"{'/'.join(sorted(fb[country]))}: no")
            return
    merged = copy.copy(a)
    merged.parties = a.parties + b.parties
    out.add(w("same_parties"), f"same parties {parties_label(merged)}")


def _check_background(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    """One article's recollection of an earlier event is never the same event as its news."""
    if a.sources and b.sources and _article(a) == _article(b) and a.background != b.background:
        out.block("same article: one report recalls an earlier event, the other is news: no")


def unsure_date(ev: Event, ctx: Context) -> str | None:
    """Why a report's own date cannot block a merge, or None. Such a date may support a merge.

    A year-only date on a report told as news is mostly a year read from history around it ("the first
    since 2009", "منذ عام 2011"); a date after the report was written, on a report that is not a plan,
    was read from a plan in the text ("the drill scheduled for April"). A page's lead flagged as recalled
    but told as the news of another report (``_lead_told``) is news here too.
    """
    if (ev.background and not _lead_told(ev, ctx)) or not ev.date or borrowed_date(ev):
        return None
    if ev.date_precision == "year":
        return f"year-only date of a news report ({ev.date})"
    own, ref = _span(ev.date, ev.date_precision), written(ev, ctx)
    margin = ctx.config.days("day_tolerance") + ctx.config.days("estimate_slack")
    if own and ref and ev.status != "planned" and (own.start - ref.end).days > margin:
        return f"date {own.label} after the report was written ({ref.label})"
    return None


def in_lead(ev: Event) -> bool:
    """The mention starts at the top of its page (``LEAD_CHARS``): its headline or lead."""
    return bool(ev.sources) and ev.sources[0].start < LEAD_CHARS


def _lead_told(ev: Event, ctx: Context) -> bool:
    """A mention at the top of its page (``LEAD_CHARS``) whose article reports the news of another one
    (``Context.co_reported``, leads included): the lead tells that news, whatever cue flagged it recalled."""
    if not in_lead(ev):
        return False
    art = _article(ev)
    return any(art in pair for pair in ctx.co_reported)


def _check_dates(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    trial = Assessment()
    _compare_dates(a, b, _own_span(a), _own_span(b), trial, ctx)
    why_a, why_b = unsure_date(a, ctx), unsure_date(b, ctx)
    if trial.blocked and (why_a or why_b):
        trial = Assessment()
        _compare_dates(a, b, None if why_a else _own_span(a), None if why_b else _own_span(b), trial, ctx)
        trial.reasons.insert(0, "; ".join(w for w in (why_a, why_b) if w) + ": unsure")
    if not trial.blocked:
        _named_day_or_month(a, b, trial, ctx)
    out.score += trial.score
    out.reasons.extend(trial.reasons)
    out.blocked = trial.blocked


def _named_day_or_month(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    """A report without a year ("يوم 21 أكتوبر" on an undated page) against the other report's date.

    The named month or day supports a merge when it falls on the other's date (in that year or the one
    either side), and blocks it when the other report states its own date; a borrowed date only conflicts.
    """
    for x, y in ((a, b), (b, a)):
        part = x.attributes.get("date_partial")
        other = _span(y.date, y.date_precision)
        if not part or _own_span(x) or other is None or other.precision == "year":
            continue
        month, day = int(part[2:4]), int(part[5:7]) if len(part) > 4 else None
        gaps = []
        for year in (other.start.year - 1, other.start.year, other.start.year + 1):
            named = _span(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""), "day" if day else "month")
            if named:
                gaps.append(_gap(named, other))
        fits = bool(gaps) and min(gaps) <= (ctx.config.days("day_tolerance") if day else 0)
        if fits:
            out.add(ctx.config.w("named_date_agrees"), f"named date {part} fits {other.label}")
        elif _own_span(y):
            out.block(f"named date {part} vs {other.label}: no")
        else:
            out.add(ctx.config.w("named_date_differs"), f"named date {part} vs {other.label}: conflict")
        return


def _compare_dates(a: Event, b: Event, sa: _Span | None, sb: _Span | None, out: Assessment, ctx: Context) -> None:
    if sa and sb:
        _dated_pair(sa, sb, out, ctx)
        return
    if sa or sb:
        span, other = (sa, b) if sa else (sb, a)
        assert span is not None
        _undated_vs_dated(span, other, out, ctx)
        return
    _both_undated(a, b, out, ctx)


def _dated_pair(sa: _Span, sb: _Span, out: Assessment, ctx: Context) -> None:
    w, tol = ctx.config.w, ctx.config.days("day_tolerance")
    gap = _gap(sa, sb)
    if sa.precision == sb.precision == "day":
        if gap == 0:
            out.add(w("same_day"), f"same date {sa.label}")
        elif gap <= tol:
            out.add(w("day_tolerated"), f"dates {_days(gap)} apart ({sa.label}, {sb.label}): tolerated")
        else:
            out.block(f"dates {gap} days apart ({sa.label}, {sb.label}): no")
        return
    if gap == 0:
        coarse, fine = (sa, sb) if _PRECISION_RANK[sa.precision] <= _PRECISION_RANK[sb.precision] else (sb, sa)
        if coarse.label == fine.label:
            out.add(w("coarse_same"), f"same date {coarse.label}")
        else:
            out.add(w("coarse_contains"), f"dates compatible ({coarse.label} contains {fine.label})")
    elif gap <= tol:
        out.add(w("coarse_tolerated"), f"dates {gap} days apart ({sa.label}, {sb.label}): tolerated")
    else:
        out.block(f"dates {gap} days apart ({sa.label}, {sb.label}): no")


def _undated_vs_dated(span: _Span, undated: Event, out: Assessment, ctx: Context) -> None:
    """An undated report against a dated one, through when the undated report was written."""
    cfg = ctx.config
    w, tol, fresh = cfg.w, cfg.days("day_tolerance"), cfg.days("fresh_days")
    ref = written(undated, ctx)
    if ref is None:
        if undated.background:  # a recollection of some earlier time: its silence on the date says nothing
            out.add(w("undated_background_no_reference"), "one undated recollection, unknown when it was written")
        else:
            out.add(w("undated_no_reference"), "dates compatible (one undated, unknown when it was written)")
        return
    slack = _slack(cfg, ref)
    if undated.background:
        if ref.precision == "day" and span.end >= ref.start - dt.timedelta(days=fresh):
            out.block(f"undated recollection written {ref.label} of an earlier event, not {span.label}: no")
        elif ref.end >= span.start - dt.timedelta(days=tol + slack):
            weight, soon = _recalled_after((ref.start - span.end).days, cfg)
            out.add(weight, f"dates compatible (undated recollection written {ref.label}, {soon}after {span.label})")
        else:
            out.block(f"undated recollection written {ref.label}, before {span.label}: no")
        return
    lo = span.start - dt.timedelta(days=tol + slack)
    hi = span.end + dt.timedelta(days=cfg.days("undated_window") + slack)
    if ref.end < lo or ref.start > hi:
        days = (ref.start - span.end).days if ref.start > hi else (span.start - ref.end).days
        out.block(f"undated report written {ref.label}, {days} days from {span.label}: no")
        return
    after = (ref.start - span.start).days
    if ref.precision == span.precision == "day" and -tol <= (ref.start - span.end).days <= fresh:
        out.add(w("undated_same_news"),
                f"dates compatible (one undated, written {_days(after)} after {span.label}: same news)")
    else:
        out.add(w("undated_in_window"), f"dates compatible (one undated, written {ref.label}, event {span.label})")


def _both_undated(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    cfg = ctx.config
    ra, rb = written(a, ctx), written(b, ctx)
    if not ra or not rb:
        if a.background or b.background:
            out.add(cfg.w("undated_background_no_reference"), "no dates to compare (a recollection)")
        else:
            out.add(cfg.w("undated_no_reference"), "no dates to compare")
        return
    if a.background != b.background:
        _recollection_vs_news(*((ra, rb) if a.background else (rb, ra)), out, ctx)
        return
    days = _gap(ra, rb)
    slack = _slack(cfg, ra, rb)
    if days <= cfg.days("fresh_days") and ra.precision == rb.precision == "day" \
            and not (a.background or b.background):
        out.add(cfg.w("both_undated_same_news"), f"both undated, written {_days(days)} apart: same news")
    elif days <= cfg.days("undated_window") + slack:
        out.add(cfg.w("both_undated_in_window"), f"both undated, written {_days(days)} apart")
    elif a.background or b.background:
        out.add(0.0, f"both undated, written {_days(days)} apart (a recollection)")
    else:
        out.block(f"both undated, written {_days(days)} apart: no")


def weak_place(ev: Event) -> str | None:
    """Why a mention's place cannot block a merge: it comes from a recollection, or the extractor marks
    it as not the sentence's own (a dateline, a page tag, a capital standing for its government)."""
    if ev.background:
        return "from a recollection"
    loc = ev.location if isinstance(ev.location, dict) else {}
    source = loc.get("from") or ev.attributes.get("location_from")
    return f"from the {source}" if source and source not in STATED_PLACES else None


def _recalled_after(days: int, cfg: MergeConfig) -> tuple[float, str]:
    """(weight, wording) of an undated recollection written ``days`` after the event or news it may recall:
    within the undated window it is a recent event, the kind a report recalls ("days after … signed")."""
    if days <= cfg.days("undated_window"):
        return cfg.w("undated_background_recent"), "soon "
    return cfg.w("undated_background_later"), ""


def _recollection_vs_news(rec: _Span, news: _Span, out: Assessment, ctx: Context) -> None:
    """Both undated: a recollection (written ``rec``) recalls an event before it was written; news
    written ``news`` tells an event of the undated window before that. Written the same days, the two
    give no date support (the recollection flag is a cue, so no block); written before the news
    event could have happened, the recollection is of another event.
    """
    cfg = ctx.config
    slack = _slack(cfg, rec, news)
    gap = (rec.start - news.end).days if rec.start > news.end else -(news.start - rec.end).days
    if gap < -(cfg.days("undated_window") + slack):
        out.block(f"undated recollection written {rec.label}, before the news written {news.label}: no")
    elif gap > cfg.days("fresh_days"):
        weight, soon = _recalled_after(gap, cfg)
        out.add(weight, f"undated recollection written {rec.label}, {soon}after the news written {news.label}")
    else:
        out.add(cfg.w("undated_background_no_reference"),
                f"undated recollection written {rec.label}, news written {news.label}: no date support")


def _check_places(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    w = ctx.config.w
    na, nb = _place_name(a), _place_name(b)
    if not na or not nb:
        if na or nb:
            out.add(0.0, "one place unknown")
        return
    if fold(na) == fold(nb):
        out.add(w("same_place"), f"same place {na}")
        return
    ca, cb = _place_country(a), _place_country(b)
    data = place_data()
    weak = weak_place(a) or weak_place(b)
    if weak:
        out.add(w("places_weak"), f"places differ: {na} vs {nb} (a place {weak}): conflict")
        out.place_disputed = True
        return
    if ca and cb and ca != cb:
        parties = set(_countries(a))
        capitals = {data.capitals.get(c) for c in parties}
        if {ca, cb} <= parties and _close_in_time(a, b, ctx) and (
                a.type in ONE_PLACE_TYPES or capitals & {fold(na), fold(nb)}):
            # a dateline or a capital standing for its government ("Ankara agreed …"), not a second event
            out.add(w("places_two_parties"),
                    f"places in the two parties' countries: {na} ({ca}) vs {nb} ({cb}): conflict")
            out.place_disputed = True
            return
        out.block(f"places in different countries: {na} ({ca}) vs {nb} ({cb}): no")
        out.place_disputed = True
        return
    country = ca or cb
    capital = data.capitals.get(country) if country else None
    near = data.nearby.get(fold(na)) is not None and data.nearby.get(fold(na)) == data.nearby.get(fold(nb))
    if near or (capital and capital in (fold(na), fold(nb))):
        out.add(w("places_nearby"), f"places differ: {na} vs {nb} (nearby or capital): conflict")
    elif not country:
        out.add(w("places_unknown_country"), f"places differ: {na} vs {nb} (country unknown): conflict")
    else:
        out.block(f"different places {na} vs {nb}: no")
        out.place_disputed = True


def _close_in_time(a: Event, b: Event, ctx: Context) -> bool:
    """Both reports pin the event to the same few days: by their dates, else by when they were written."""
    tol = ctx.config.days("day_tolerance")
    sa, sb = _span(a.date, a.date_precision), _span(b.date, b.date_precision)
    if sa and sb:
        return sa.precision == sb.precision == "day" and _gap(sa, sb) <= tol
    ra, rb = written(a, ctx), written(b, ctx)
    if sa or sb:
        span, ref = (sa, rb) if sa else (sb, ra)
        assert span is not None
        return span.precision == "day" and ref is not None and ref.precision == "day" \
            and 0 <= (ref.start - span.start).days <= tol
    return bool(ra and rb) and _gap(ra, rb) <= tol


def _same_article_people_differ(a: Event, b: Event) -> str | None:
    """Two meetings told in one article with different participants (each names someone the other does not)."""
    if not (a.sources and b.sources and _article(a) == _article(b) and a.people and b.people):
        return None
    only_a = [p for p in a.people if not any(_person_keys(p) & _person_keys(q) for q in b.people)]
    only_b = [p for p in b.people if not any(_person_keys(p) & _person_keys(q) for q in a.people)]
    if only_a and only_b:
        return (f"same article, different participants: {', '.join(_display(p) for p in only_a)} vs "
                f"{', '.join(_display(p) for p in only_b)}: no")
    return None


def _leader_vs_delegation(a: Event, b: Event) -> str | None:
    """A head of state or government's trip or talks against a report that tells only of a delegation.

    One report names a leader of a party and no delegation (he travels or talks himself); the other names
    a delegation in every sentence and no leader, by name or by title ("the two presidents … then the
    delegations" tells of the leaders): another trip, even to the same capital. A leader who
    receives a delegation, or travels at the head of one, is named with it and does not count."""
    for x, y in ((a, b), (b, a)):
        leaders = _leaders(x)
        if leaders and not _names_delegation(x) and not _leaders(y) and not _names_leader_title(y) \
                and _tells_of_delegation(y):
            return f"{', '.join(_display(p) for p in leaders)} vs a delegation: another trip"
    return None


def _delivery_vs_signing(a: Event, b: Event) -> str | None:
    """A delivery of arms against the signing of a deal: the contract signed in Copenhagen and the first
    jets landing at home a year later name the same aircraft, but are two steps of the deal (two events).
    Told in one article (the delivery, then "the ministry had signed the contract …") they block: the
    same-article floor must not lift the signing into its delivery."""
    if "planned" in (a.status, b.status) or bool(a.attributes.get("delivery")) == bool(b.attributes.get("delivery")):
        return None
    return "a delivery vs a signing: two steps of a deal"


def _kinds_differ(a: Event, b: Event) -> str | None:
    """Each report names the kind of weapons it buys (tanks, warships, jets) and they share none: a
    framework for tanks and a contract for patrol ships between the same two countries are two deals,
    though neither names a model the systems lexicon knows."""
    ka, kb = _categories(a), _categories(b)
    if ka and kb and not ka & kb:
        return f"kinds of weapons differ: {'/'.join(sorted(ka))} vs {'/'.join(sorted(kb))}"
    return None


def _check_details(a: Event, b: Event, out: Assessment, ctx: Context) -> None:
    w = ctx.config.w
    if a.type == "MEET" and (why := _counterparts_differ(a, b) or _same_article_people_differ(a, b)):
        out.block(why)
        return
    if a.type in LEADER_TYPES and (why := _leader_vs_delegation(a, b)):
        out.add(w("leader_vs_delegation"), why)
    if a.type == "ARMS_DEAL" and (why := _delivery_vs_signing(a, b)):
        if a.sources and b.sources and _article(a) == _article(b):  # "delivered today … the contract signed"
            out.block(f"same article: {why}: no")
            return
        out.add(w("delivery_vs_signing"), why)
    shared = _shared_people(a, b)
    if shared:
        weight = min(w("shared_people_max"), w("shared_person") + w("shared_person_extra") * (len(shared) - 1))
        out.add(weight, f"shared people: {', '.join(shared)}")
    ia, ib = a.attributes.get("instrument"), b.attributes.get("instrument")
    if ia and ib:
        if ia == ib:
            out.add(w("same_instrument"), f"same instrument {ia}")
        elif a.background or b.background:  # "the pact" recalled of what its signing called a protocol
            out.add(w("instruments_recalled"), f"instruments named differently {ia} vs {ib} (one recalled)")
        else:
            out.add(w("instruments_differ"), f"instruments differ {ia} vs {ib}")  # an MoU called an agreement
    sys_a = {fold(str(s)) for s in a.attributes.get("systems") or []}
    sys_b = {fold(str(s)) for s in b.attributes.get("systems") or []}
    if sys_a & sys_b:
        out.add(w("shared_systems"), f"shared systems: {', '.join(sorted(sys_a & sys_b))}")
    elif sys_a and sys_b:  # Pinaka launchers and ATAGS howitzers to one buyer: two deliveries
        out.add(w("systems_differ"), f"systems differ: {', '.join(sorted(sys_a))} vs {', '.join(sorted(sys_b))}")
    if a.type == "ARMS_DEAL" and not sys_a & sys_b and (why := _kinds_differ(a, b)):
        out.add(w("categories_differ"), why)
    va, vb = _amount(a.attributes.get("value_usd")), _amount(b.attributes.get("value_usd"))
    if va and vb:
        if abs(va - vb) <= 0.05 * max(va, vb):  # "about $1bn" and "$1 billion" are one headline figure
            out.add(w("same_value"), f"same value {_money(va)}")
        else:
            out.add(w("values_differ"), f"values differ {_money(va)} vs {_money(vb)}")


def _amount(value: Any) -> float | None:
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    return amount if amount > 0 else None


def _money(value: float) -> str:
    for size, unit in ((1e9, "bn"), (1e6, "m")):
        if value >= size:
            return f"${value / size:g}{unit}"
    return f"${value:g}"


_CHECKS = (_check_type_and_parties, _check_background, _check_dates, _check_places, _check_details)


def assess(a: Event, b: Event, ctx: Context) -> Assessment:
    """Score one pair under the hard constraints and soft evidence of ``ctx.config``."""
    out = Assessment()
    for check in _CHECKS:
        check(a, b, out, ctx)
        if out.blocked:
            break
    out.score = 0.0 if out.blocked else round(min(1.0, max(0.0, out.score)), 3)
    return out


def score_pair(a: Event, b: Event, ctx: Context | None = None) -> tuple[float, list[str]]:
    """How likely two mentions report one real-world event.

    Args:
        a: one event mention.
        b: another.
        ctx: near-duplicate groups, article dates and config (defaults: none, none, ``scoring.yaml``).

    Returns:
        ``(score, reasons)``: score in 0..1 (0 when a hard constraint fails; the last reason then ends in
        ": no"), reasons readable by a person ("same type AGREE (+0.20)", "same place Benghazi", …).
    """
    res = assess(a, b, ctx or Context())
    return res.score, res.reasons


def syndicated(ev: Event, cluster: EventCluster, ctx: Context) -> Assessment | None:
    """The same sentence of a near-duplicate (syndicated) copy of a member's article: the same report."""
    art = _article(ev)
    canonical = ctx.source_of(art)
    sentence = _sentence_key(ev)
    if not sentence:
        return None
    for other in cluster.events():
        oart = _article(other)
        if oart != art and ctx.source_of(oart) == canonical and other.type == ev.type \
                and _sentence_key(other) == sentence:
            return Assessment(1.0, [f"same type {ev.type}",
                                    f"same sentence in a near-duplicate copy of article {oart[:12]}"])
    return None


def _sentence_key(ev: Event) -> str:
    return " ".join(_WORD.findall(fold(ev.sources[0].sentence or ""))) if ev.sources else ""


def assess_cluster(ev: Event, cluster: EventCluster, ctx: Context) -> Assessment:
    """Score against the consensus; a mention from an article already in the cluster joins more easily.

    When the consensus place blocks or conflicts, the place of another member is tried: a cluster that already
    records a place conflict accepts a report siding with either of its places. Members from the same
    article are checked pairwise (a recollection and the news, two different hosts stay apart).
    """
    found = syndicated(ev, cluster, ctx)
    if found:
        return found
    res = assess(ev, cluster.consensus, ctx)
    if res.place_disputed:
        for place in dict.fromkeys(_place_name(e) for e in cluster.events()):
            if place is None or place == _place_name(cluster.consensus):
                continue
            probe = copy.copy(cluster.consensus)
            probe.location = next(e.location for e in cluster.events() if _place_name(e) == place)
            alt = assess(ev, probe, ctx)
            if not alt.blocked and alt.score > res.score:
                res = alt
                res.reasons.append(f"place {place} as another report of this event")
    if res.blocked:
        return res
    if ev.background and (why := _recalled_by_co_reports(ev, cluster, ctx)):
        res.add(ctx.config.w("recollections_co_reported"), why)
    art = _article(ev)
    boost = False
    for other in cluster.events():
        if _article(other) != art:
            continue
        pair = assess(ev, other, ctx)
        if pair.blocked:
            return pair
        boost = boost or other.background == ev.background
    if boost:
        floor = ctx.config.w("same_article_floor")
        if res.score < floor:
            res.score = floor
            res.reasons.append("same article as an earlier sentence of this event")
    return res


def _recalled_by_co_reports(ev: Event, cluster: EventCluster, ctx: Context) -> str | None:
    """Two reports of the same news that both recall an earlier event of the pair recall one event (a
    report dated only by a year, or not dated at all, counts as a recollection: "منذ عام 2011", "a unit
    has been training their troops": told as context of the news, not as the news). Only an event earlier than the news they share: a recollection is never the news itself.
    """
    tol = ctx.config.days("day_tolerance")
    when = _span(cluster.consensus.date, cluster.consensus.date_precision)
    art = _article(ev)
    for other in cluster.events():
        shared = ctx.co_reported.get(frozenset((art, _article(other))))
        if not (other.background or unsure_date(other, ctx) or _own_span(other) is None) \
                or shared is None or _article(other) == art:
            continue
        if when is None or any(s is None or (s.start - when.end).days > tol for s in shared):
            return f"recalled in two reports of the same news (article {_article(other)[:12]})"
    return None
