"""Clustering: mentions into real-world events, independent of the order reports arrive in.

``cluster_events`` takes a *neighbourhood* — new mentions plus the whole clusters they can join
(``blocking``) — and clusters it from scratch in a content order (publication, article, offsets):

1. the news first: each mention joins the best-scoring cluster at or above the threshold, else starts
   one; the best clusters it was kept apart from are kept as near misses, with the deciding reason;
2. clusters that now belong together (a later report bridges them) are merged, so the result is a
   function of the set of mentions, not of the arrival order; a cluster a new report shows to be two
   events comes out as two, since nothing earlier is kept fixed;
   an article with no date of its own (no publication date, nothing in its URL or dateline) that reports
   news dated by other outlets was written then: the news is clustered once more with that estimate, so
   its other undated mentions neither join events of another year nor miss the events of those days;
3. then the recollections, the same way, knowing which articles report the same news (two of them
   recalling an earlier event of the pair recall one event);
4. consensus, corroboration and each article's own values are recomputed; what happened during a
   visit is linked to it.

An event's id derives from its earliest published member (then article id and offsets), so the same
mentions give the same ids whatever order they arrived in; the id changes only when the members do
(``store.events`` then keeps the old id as an alias that still leads to the event).
Only the part of the neighbourhood new mentions can change is clustered again (``_split``); the rest
comes back as stored.
Pure functions: ``store.events`` persists the clusters.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from alliancemap.merge.blocking import KEY_UNIT, _months, cluster_keys, lookup_months, member_reach
from alliancemap.merge.config import MergeConfig, load_config
from alliancemap.merge.consensus import refresh
from alliancemap.merge.evidence import Assessment, _own_span, assess, assess_cluster, in_lead, unsure_date
from alliancemap.merge.features import (
    Context,
    _article,
    _countries,
    _factions,
    _gap,
    _sort_key,
    _Span,
    _span,
    borrowed_date,
    written,
)
from alliancemap.model import ArticleDate, Event, EventCluster, Member, NearMiss, mention_id

NEAR_MISSES = 3  # near misses kept per mention: the closest clusters it was kept apart from


def new_event_id(first_mention: str) -> str:
    return "ev_" + hashlib.sha1(first_mention.encode("utf-8")).hexdigest()[:16]


def cluster_events(
    mentions: list[Event],
    existing: list[EventCluster] | None = None,
    *,
    duplicates: dict[str, str] | None = None,
    article_dates: dict[str, ArticleDate] | None = None,
    config: MergeConfig | None = None,
    threshold: float | None = None,
    partners: list[EventCluster] | None = None,
) -> list[EventCluster]:
    """Group event mentions (and the members of ``existing`` clusters) into real-world events.

    Args:
        mentions: event mentions (one Source each). A mention already in ``existing`` replaces the
            stored copy (re-extraction).
        existing: clusters of the neighbourhood. Those the new mentions can join (their type, parties and
            window, as ``_Reach``), or that share an article with them, are re-clustered with them; the
            others are kept as they are and only inform the rest: links to visits, which articles report
            the same news, when undated articles were written.
        duplicates: ``article_id -> canonical article_id`` from near-duplicate grouping.
        article_dates: estimated dates of articles without a publication date (``dating.estimate``).
        config: the scoring config (default ``scoring.yaml``).
        threshold: minimum score for a mention to join a cluster (default: the config's).
        partners: stored clusters outside the neighbourhood that a re-clustered one may be linked with
            (``during`` a visit and back); they take no other part and come back as stored, links updated,
            so links do not depend on which neighbourhood an event was last clustered in.

    Returns:
        The clusters, ordered by date (undated last) then event_id, with consensus, conflicts,
        corroboration, per-article values, near misses, blocking keys and links recomputed (the kept
        clusters of ``existing`` among them, their links updated).
    """
    cfg = config or load_config()
    ctx = Context(duplicates or {}, article_dates or {}, cfg)
    limit = cfg.threshold if threshold is None else threshold
    touched, kept = _split(mentions, existing or [], ctx)
    pool: dict[str, Event] = {}
    for c in touched:
        for ev in c.events():
            pool[mention_id(ev)] = ev
    for ev in mentions:
        pool[mention_id(ev)] = ev
    misses: dict[str, list[tuple[NearMiss, EventCluster]]] = {}
    news = [e for e in pool.values() if not e.background]
    by_key, absorbed, clusters = _cluster_phase(news, {}, [], misses, ctx, limit)
    own_dates = ctx.article_dates  # the index keeps to these: an estimate from co-reports follows membership
    if anchored := _dated_by_co_reports([*clusters, *kept], ctx):
        ctx.article_dates = {**own_dates, **anchored}
        misses = {}
        by_key, absorbed, clusters = _cluster_phase(news, {}, [], misses, ctx, limit)
    # then the recollections, knowing which articles report the same news
    recollections = [e for e in pool.values() if e.background]
    ctx.co_reported = _co_reported([*clusters, *kept], _leads_told(recollections, clusters, ctx, limit))
    _, absorbed, clusters = _cluster_phase(recollections, by_key, clusters, misses, ctx, limit, absorbed)
    return _finish(clusters, absorbed, misses, ctx, own_dates, [*kept, *(partners or [])],
                   {c.event_id for c in touched})


def _split(mentions: list[Event], existing: list[EventCluster],
           ctx: Context) -> tuple[list[EventCluster], list[EventCluster]]:
    """(touched, kept): the stored clusters new mentions can change, and the others.

    Touched: the clusters a new mention's window reaches in its type and parties (``_Reach``), those
    holding a mention of one of its articles or of an article without a date of its own that they share
    (its estimate from co-reports follows all its news), and, since their members are placed again, the
    clusters those members' windows reach, until nothing is added: the connected part of the
    neighbourhood. A dense pair's months hold many events of other types and days that a new report
    cannot reach: they are not re-clustered.
    """
    if not existing:
        return [], []
    reach = _Reach(ctx, existing)
    groups: dict[tuple[str, tuple[str, ...]], list[EventCluster]] = defaultdict(list)
    holding: dict[str, list[EventCluster]] = defaultdict(list)  # article -> stored clusters with its mentions
    for c in existing:
        first = c.events()[0] if c.events() else c.consensus
        groups[(first.type, tuple(_countries(first)))].append(c)
        for art in {m.article_id for m in c.members}:
            holding[art].append(c)
    new_ids = {mention_id(e) for e in mentions}
    touched: dict[int, EventCluster] = {id(c): c for c in existing if any(m.mention_id in new_ids for m in c.members)}
    todo, seen_articles = list(mentions), set()
    for c in touched.values():
        todo.extend(c.events())
    while todo:
        ev = todo.pop()
        found = reach.candidates(ev, groups[(ev.type, tuple(_countries(ev)))])
        art = _article(ev)
        if art not in seen_articles and (mention_id(ev) in new_ids or written(ev, ctx) is None):
            seen_articles.add(art)
            found = [*found, *holding.get(art, [])]
        for c in found:
            if id(c) not in touched:
                touched[id(c)] = c
                todo.extend(c.events())
    return [c for c in existing if id(c) in touched], [c for c in existing if id(c) not in touched]


class _Reach:
    """The weeks each cluster is found under: the store's blocking (``blocking``), in memory.

    A neighbourhood holds every cluster of a dyad in the weeks its new mentions reach; a mention is
    scored only against the clusters its own window reaches or that hold a near-duplicate copy of its
    article (a syndicated sentence joins whatever the dates), and two clusters are compared only when
    their weeks meet (or one holds a report without any bound in time), as across ingests. So the cost
    of placing a mention depends on how many events its days hold, not on how many were loaded.
    """

    def __init__(self, ctx: Context, clusters: list[EventCluster]) -> None:
        self.ctx = ctx
        self.months: dict[int, set[str]] = {}  # cluster -> weeks (Mondays), or ANY
        self.open: set[int] = set()  # clusters with a member that looks up the whole dyad
        self.later: dict[int, EventCluster] = {}  # stored clusters whose weeks are read when first asked
        self.copies: dict[str, set[int]] = defaultdict(set)  # canonical article -> clusters with a copy of it
        self.canonicals: dict[int, set[str]] = defaultdict(set)  # cluster -> canonical articles of its members
        for c in clusters:
            self.later[id(c)] = c
            for ev in c.events():
                self._copy(c, ev)

    def _copy(self, cluster: EventCluster, ev: Event) -> None:
        canonical = self.ctx.source_of(_article(ev))
        self.copies[canonical].add(id(cluster))
        self.canonicals[id(cluster)].add(canonical)

    def _weeks(self, cluster: EventCluster) -> set[str]:
        if (c := self.later.pop(id(cluster), None)) is not None:
            for ev in c.events():
                self._reach(c, ev)
        return self.months.get(id(cluster), set())

    def _reach(self, cluster: EventCluster, ev: Event) -> None:
        weeks, unbounded = member_reach(ev, self.ctx, KEY_UNIT)
        self.months.setdefault(id(cluster), set()).update(weeks)
        if unbounded:
            self.open.add(id(cluster))

    def add(self, cluster: EventCluster, ev: Event) -> None:
        self._weeks(cluster)
        self._reach(cluster, ev)
        self._copy(cluster, ev)

    def candidates(self, ev: Event, group: list[EventCluster]) -> list[EventCluster]:
        """The clusters of ``group`` (in its order) that the mention's lookup finds."""
        look = lookup_months(ev, self.ctx, KEY_UNIT)
        if look is None:
            return list(group)
        wanted, copies = set(look), self.copies.get(self.ctx.source_of(_article(ev)), set())
        return [c for c in group if id(c) in copies or not self._weeks(c).isdisjoint(wanted)]

    def meet(self, a: EventCluster, b: EventCluster) -> bool:
        wa, wb = self._weeks(a), self._weeks(b)
        return id(a) in self.open or id(b) in self.open or not wa.isdisjoint(wb)

    def absorb(self, keep: EventCluster, gone: EventCluster) -> None:
        self._weeks(keep)
        self.months[id(keep)] = self.months.get(id(keep), set()) | self._weeks(gone)
        self.months.pop(id(gone), None)
        if id(gone) in self.open:
            self.open.add(id(keep))
        for canonical in self.canonicals.pop(id(gone), set()):
            self.copies[canonical].add(id(keep))
            self.canonicals[id(keep)].add(canonical)


def _cluster_phase(mentions: list[Event], by_key: dict[tuple[str, tuple[str, ...]], list[EventCluster]],
                   clusters: list[EventCluster], misses: dict[str, list[tuple[NearMiss, EventCluster]]],
                   ctx: Context, limit: float, absorbed: dict[int, EventCluster] | None = None,
                   ) -> tuple[dict[tuple[str, tuple[str, ...]], list[EventCluster]], dict[int, EventCluster],
                              list[EventCluster]]:
    """Place mentions in content order into the clusters of ``by_key``, then merge what they bridged."""
    by_key = defaultdict(list, by_key)
    absorbed = {} if absorbed is None else absorbed
    reach = _Reach(ctx, clusters)
    for ev in sorted(mentions, key=lambda e: _content_order(e, ctx)):
        _place_mention(ev, by_key[(ev.type, tuple(_countries(ev)))], clusters, misses, ctx, limit, reach)
    return by_key, absorbed, _merge_clusters(by_key, absorbed, ctx, limit, reach)


def _dated_by_co_reports(clusters: list[EventCluster], ctx: Context) -> dict[str, ArticleDate]:
    """When undated articles were written, from the news they share with reports dating it in their own words.

    An article is written on or after the days of the news it tells. Where its mentions joined news of
    different times, the news of its first sentences (the lead: what the article is about) decides, and
    only shared news within the undated window of it counts; the latest of those days is the estimate.
    """
    found: dict[str, list[tuple[int, _Span]]] = defaultdict(list)
    for c in clusters:
        news = [e for e in c.events() if not e.background]
        for art in {_article(e) for e in news if written(e, ctx) is None}:
            own = [s for e in news if _article(e) != art and (s := _own_span(e)) and s.precision == "day"
                   and not unsure_date(e, ctx)]
            if own:
                first = min(e.sources[0].start for e in news if _article(e) == art)
                found[art].append((first, min(own, key=lambda s: s.start)))
    window = ctx.config.days("undated_window")
    out: dict[str, ArticleDate] = {}
    for art, items in found.items():
        lead = min(items, key=lambda x: (x[0], x[1].start))[1]
        last = max(s.end for _, s in items if abs((s.start - lead.start).days) <= window)
        out[art] = ArticleDate(art, last.isoformat(), "day", "co-reported")
    return out


def _leads_told(recollections: list[Event], clusters: list[EventCluster], ctx: Context,
                limit: float) -> dict[int, set[str]]:
    """Cluster -> articles whose lead, flagged as recalled, joins its news.

    A page's lead tells its news: a mention at the top of its article (``in_lead``) counts as a report
    of the news it would join even when a cue ("after receiving them", "بعد أن تسلمها") flagged it as
    recalled. Only news another report dates to the day in its own words: an undated cluster could be the
    very event it recalls."""
    out: dict[int, set[str]] = defaultdict(set)
    for ev in recollections:
        if not in_lead(ev):
            continue
        news = copy.copy(ev)
        news.background = False
        for c in clusters:
            first = c.events()[0] if c.events() else c.consensus
            if first.type != ev.type or _countries(first) != _countries(ev) or not _dated_news(c, ctx):
                continue
            if assess_cluster(news, c, ctx).score >= limit:
                out[id(c)].add(_article(ev))
    return out


def _dated_news(cluster: EventCluster, ctx: Context) -> bool:
    """Some report of the cluster dates it to the day in its own words."""
    return any((span := _own_span(e)) and span.precision == "day" and not unsure_date(e, ctx)
               for e in cluster.events())


def _co_reported(clusters: list[EventCluster], leads: dict[int, set[str]] | None = None,
                 ) -> dict[frozenset[str], list[_Span | None]]:
    """Pairs of articles reporting one news event (its news, or a lead ``_leads_told``), with the dates
    of the events they share."""
    out: dict[frozenset[str], list[_Span | None]] = defaultdict(list)
    for c in clusters:
        arts = sorted({_article(e) for e in c.events() if not e.background} | (leads or {}).get(id(c), set()))
        when = _span(c.consensus.date, c.consensus.date_precision)
        for i, a in enumerate(arts):
            for b in arts[i + 1:]:
                out[frozenset((a, b))].append(when)
    return dict(out)


def _content_order(ev: Event, ctx: Context) -> tuple[object, ...]:
    """Dated news first (by date), then undated reports (by when written), recollections last.

    Reports that pin the event down seed the clusters; vaguer ones then join the best of them. An unsure
    date (a year read from history around a news report, ``unsure_date``) pins nothing: the report waits
    with the undated ones.
    """
    own = None if borrowed_date(ev) or unsure_date(ev, ctx) else _span(ev.date, ev.date_precision)
    ref = written(ev, ctx)
    rank = 0 if own and own.precision == "day" else 1 if own else 2 if ref else 3
    when = own.label if own else _when(ref) if ref else "9999"
    return (ev.background, rank, when, *_sort_key(ev))


def _when(ref: _Span) -> str:
    """A sortable label of when an article was written ("week of 2025-11-18" sorts as its first day)."""
    return ref.start.isoformat() if ref.precision == "week" else ref.label


def _place_mention(ev: Event, group: list[EventCluster], clusters: list[EventCluster],
                   misses: dict[str, list[tuple[NearMiss, EventCluster]]], ctx: Context, limit: float,
                   reach: _Reach) -> None:
    mid = mention_id(ev)
    best: tuple[float, EventCluster, Assessment] | None = None
    apart: list[tuple[Assessment, EventCluster]] = []
    for cluster in reach.candidates(ev, group):
        res = assess_cluster(ev, cluster, ctx)
        if res.blocked or res.score < limit:
            apart.append((res, cluster))
        elif best is None or res.score > best[0]:
            best = (res.score, cluster, res)
    if best is None:
        cluster = EventCluster(new_event_id(mid), [Member(mid, _article(ev), 1.0, ["first report"], ev)],
                               copy.copy(ev))  # refresh replaces every field it votes on
        group.append(cluster)
        clusters.append(cluster)
    else:
        cluster = best[1]
        cluster.members.append(Member(mid, _article(ev), best[0], best[2].reasons, ev))
    reach.add(cluster, ev)
    refresh(cluster, ctx)
    apart.sort(key=lambda x: (x[0].blocked, -x[0].score))
    misses[mid] = [(NearMiss(mid, "", r.score, r.reasons), c) for r, c in apart[:NEAR_MISSES]]


def _merge_clusters(by_key: dict[tuple[str, tuple[str, ...]], list[EventCluster]],
                    absorbed: dict[int, EventCluster], ctx: Context, limit: float, reach: _Reach) -> list[EventCluster]:
    """Merge clusters a later report bridged: consensus against consensus, members pairwise per article."""
    out: list[EventCluster] = []
    for group in by_key.values():
        changed = True
        while changed:
            changed = False
            for i in range(len(group)):
                for j in range(i + 1, len(group)):
                    if reach.meet(group[i], group[j]) and _belong_together(group[i], group[j], ctx, limit):
                        keep, gone = group[i], group.pop(j)
                        reach.absorb(keep, gone)
                        for m in gone.members:
                            m.reasons = [*m.reasons, f"clusters merged: {gone.event_id} into {keep.event_id}"]
                        keep.members.extend(gone.members)
                        gone.members = []
                        absorbed[id(gone)] = keep  # near misses pointing at it now point at the union
                        refresh(keep, ctx)
                        changed = True
                        break
                if changed:
                    break
        out.extend(group)
    return out


def _belong_together(a: EventCluster, b: EventCluster, ctx: Context, limit: float) -> bool:
    res = assess(a.consensus, b.consensus, ctx)
    if res.blocked or res.score < limit:
        return False
    for ea in a.events():
        for eb in b.events():
            if _article(ea) == _article(eb) and assess(ea, eb, ctx).blocked:
                return False
    return True


def _finish(clusters: list[EventCluster], absorbed: dict[int, EventCluster],
            misses: dict[str, list[tuple[NearMiss, EventCluster]]], ctx: Context,
            own_dates: dict[str, ArticleDate], kept: list[EventCluster], renewed: set[str]) -> list[EventCluster]:
    """Ids from the first member, near misses resolved to final ids, consensus, keys and links.

    Blocking keys use only the dates articles give themselves: a cluster must stay findable by the
    reports that could take one of its undated members away."""
    index_ctx = copy.copy(ctx)
    index_ctx.article_dates = own_dates
    for c in clusters:
        c.members.sort(key=lambda m: _content_order(m.event, ctx) if m.event else (True, 9, m.mention_id))
        # the id follows the earliest published report, so it stays put while news arrives in order
        first = min(c.members, key=lambda m: _sort_key(m.event) if m.event else ("9999", m.mention_id))
        c.event_id = new_event_id(first.mention_id)
        c.consensus.event_id = c.event_id
        refresh(c, ctx)
        c.blocks = cluster_keys(c, index_ctx)
    final = {id(c): c.event_id for c in clusters}
    owner = {m.mention_id: c for c in clusters for m in c.members}
    for c in clusters:
        c.near_misses = []
    for mid, items in misses.items():
        home = owner.get(mid)
        if home is None:
            continue
        for miss, other in items:
            while id(other) in absorbed:
                other = absorbed[id(other)]
            target = final.get(id(other))
            if target and target != home.event_id:
                home.near_misses.append(NearMiss(mid, target, miss.score, miss.reasons,
                                                 other.members[0].mention_id if other.members else ""))
    _link(clusters, kept, renewed)
    return sorted([*clusters, *kept], key=lambda c: (c.consensus.date or "9999", c.event_id))


# --------------------------------------------------------------------------------------------------
# Links between clusters
# --------------------------------------------------------------------------------------------------

_DURING_TYPES = ("AGREE", "ARMS_DEAL", "MEET", "COMMITTEE", "TRAINING", "EXERCISE")


def _link(clusters: list[EventCluster], kept: Sequence[EventCluster] = (),
          renewed: AbstractSet[str] = frozenset()) -> None:
    """Link what happened during a visit to the visit: same parties, same days, same place.

    ``clusters`` were clustered anew; ``kept`` come back as stored, so their links among themselves stand
    and only links to events clustered anew (``renewed``: their ids before and after) are redone. Visits
    are indexed by parties and months, and by article, so each event is checked only against the visits
    it could fall within (``_during`` still decides)."""
    for c in clusters:
        c.related = []
    renewed = renewed | {c.event_id for c in clusters}
    for c in kept:
        c.related = [r for r in c.related if r[1] not in renewed]
    every, fresh = _VisitIndex([*clusters, *kept]), _VisitIndex(clusters)
    for group, index in ((clusters, every), (kept, fresh)):
        for c in group:
            if c.consensus.type not in _DURING_TYPES:
                continue
            for v in index.around(c):
                if _during(c, v):
                    c.related.append(("during", v.event_id))
                    v.related.append(("includes", c.event_id))
    for c in [*clusters, *kept]:
        c.related = sorted(set(c.related))


class _VisitIndex:
    """Visits by parties and month, and by parties and article."""

    def __init__(self, clusters: list[EventCluster]) -> None:
        self.by_month: dict[tuple[tuple[str, ...], str], list[EventCluster]] = defaultdict(list)
        self.by_article: dict[tuple[tuple[str, ...], str], list[EventCluster]] = defaultdict(list)
        for v in clusters:
            if v.consensus.type == "VISIT":
                key = tuple(sorted(set(_countries(v.consensus))))
                for month in _reach_months(_span(v.consensus.date, v.consensus.date_precision)):
                    self.by_month[(key, month)].append(v)
                for art in {m.article_id for m in v.members}:
                    self.by_article[(key, art)].append(v)

    def around(self, c: EventCluster) -> list[EventCluster]:
        """The visits ``c`` could have happened during: same parties, and a shared article or month."""
        key = tuple(sorted(set(_countries(c.consensus))))
        found = {id(v): v for art in {m.article_id for m in c.members} for v in self.by_article.get((key, art), [])}
        for month in _reach_months(_span(c.consensus.date, c.consensus.date_precision)):
            found.update((id(v), v) for v in self.by_month.get((key, month), []))
        return list(found.values())


def _reach_months(span: _Span | None) -> list[str]:
    """The months of a dated span widened by a day each side (``_during`` allows one day between them)."""
    if span is None:
        return []
    return _months(span.start - dt.timedelta(days=1), span.end + dt.timedelta(days=1))


def _during(c: EventCluster, visit: EventCluster) -> bool:
    from alliancemap.merge.evidence import _check_places

    a, v = c.consensus, visit.consensus
    if set(_countries(a)) != set(_countries(v)):
        return False
    fa, fv = _factions(a), _factions(v)
    if any(fa[k].isdisjoint(fv[k]) for k in set(fa) & set(fv)):
        return False
    probe = Assessment()
    _check_places(a, v, probe, Context())
    if probe.blocked:
        return False
    sa, sv = _span(a.date, a.date_precision), _span(v.date, v.date_precision)
    if sa and sv:
        return _gap(sa, sv) <= 1
    shared_article = {m.article_id for m in c.members} & {m.article_id for m in visit.members}
    return bool(shared_article) and (sa is None or sv is None)
