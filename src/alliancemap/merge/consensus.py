"""Consensus: one record per real-world event from its member mentions, voted by independent sources.

Each value (date, place, parties, status, attributes) is the majority of independent sources (an
article after near-duplicate grouping); disagreements are kept as conflicts. Each article's own values
are kept beside the consensus (``EventCluster.source_values``), so the export shows what every outlet
said.

Confidence of a cluster::

    c_i  = min(0.95, max extractor confidence of the mentions from independent source i)
    conf = min(0.99, 1 - prod_i (1 - c_i))

One report at 0.5 gives 0.5, two give 0.75, three 0.875. An article that only recalls the event as
background ("after his visit last July") is no fresh corroboration: it counts only when no article
reports the event as news.
"""

from __future__ import annotations

import copy
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from alliancemap.merge.features import (
    _PRECISION_RANK,
    Context,
    _article,
    _display,
    _gap,
    _person_keys,
    _place_country,
    _place_name,
    _published,
    _sort_key,
    _span,
    borrowed_date,
)
from alliancemap.model import Event, EventCluster, Party, Person, Source

# Per-mention provenance, not facts about the event: never voted on nor reported as conflicts.
PROVENANCE_ATTRIBUTES = frozenset({"trigger", "date_from", "location_from"})
_STATUS_RANK = {"implemented": 4, "signed": 3, "announced": 2, "planned": 1}

@dataclass
class _Vote:
    value: Any
    source: str  # independent source (canonical article)
    article_id: str
    outlet: str | None
    published: str


def _votes(cluster: EventCluster, ctx: Context, get: Any, news_only: bool = False) -> list[_Vote]:
    """One vote per article per distinct value; ``_tally`` counts independent sources, not votes.

    ``news_only``: recollections (background mentions) do not vote when some report tells it as news.
    """
    out: list[_Vote] = []
    seen: set[tuple[str, str]] = set()
    events = cluster.events()
    if news_only:
        events = [e for e in events if not e.background] or events
    for ev in sorted(events, key=_sort_key):
        value = get(ev)
        if value is None or value == "" or value == []:
            continue
        art = _article(ev)
        src = ctx.source_of(art)
        key = (art, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
        if key in seen:
            continue
        seen.add(key)
        pubs = _published(ev)
        out.append(_Vote(value, src, art, ev.sources[0].outlet if ev.sources else None,
                         pubs[0].isoformat() if pubs else "9999-99-99"))
    return out


def _tally(votes: list[_Vote], rank: Any = None) -> tuple[Any, list[dict[str, Any]]]:
    """Majority by independent sources; ties by ``rank`` (higher first), then earliest report."""
    groups: dict[str, list[_Vote]] = {}
    for v in votes:
        groups.setdefault(json.dumps(v.value, sort_keys=True, ensure_ascii=False, default=str), []).append(v)
    def order(item: tuple[str, list[_Vote]]) -> tuple[Any, ...]:
        vs = item[1]
        return (-len({v.source for v in vs}), -(rank(vs[0].value) if rank else 0),
                min(v.published for v in vs), item[0])
    ranked = sorted(groups.items(), key=order)
    if not ranked:
        return None, []
    table = [_conflict_entry(vs) for _, vs in ranked]
    return ranked[0][1][0].value, table


def _conflict_entry(vs: list[_Vote]) -> dict[str, Any]:
    return {"value": vs[0].value, "n_sources": len({v.source for v in vs}),
            "articles": sorted({v.article_id for v in vs}),
            "outlets": sorted({v.outlet for v in vs if v.outlet})}


def refresh(cluster: EventCluster, ctx: Context) -> None:
    """Recompute consensus, conflicts, counts and confidence from the member mentions."""
    events = sorted(cluster.events(), key=_sort_key)
    if not events:
        return
    cons = copy.copy(events[0])  # every list, dict and voted field is replaced below
    cons.event_id = cluster.event_id
    conflicts: dict[str, list[dict[str, Any]]] = {}
    _consensus_date(cluster, ctx, cons, conflicts)
    _consensus_location(cluster, ctx, cons, conflicts)
    cons.parties = _consensus_parties(events, ctx)
    for name in ("cameo", "plover"):
        value, _ = _tally(_votes(cluster, ctx, lambda e, n=name: getattr(e, n) or None))
        setattr(cons, name, value or "")
    status, table = _tally(_votes(cluster, ctx, lambda e: e.status), rank=lambda s: _STATUS_RANK.get(s, 0))
    cons.status = status or cons.status
    if len(table) > 1:
        conflicts["status"] = table
    cons.attributes = _consensus_attributes(cluster, ctx, events, conflicts)
    _date_provenance(cluster, ctx, cons)
    cons.people, cluster.people_counts = _consensus_people(events, ctx)
    cluster.domain_counts = _count_union(events, ctx, lambda e: e.domains)
    cons.domains = sorted(cluster.domain_counts, key=lambda d: (-cluster.domain_counts[d], d))
    cons.sources = _one_source_per_article(events)
    cons.background = all(e.background for e in events)
    cluster.source_values = source_values(events)
    cluster.n_sources, cluster.n_outlets, cluster.confidence = corroboration(events, ctx.duplicates)
    cons.confidence = cluster.confidence
    cluster.consensus = cons
    cluster.conflicts = conflicts


def _consensus_date(cluster: EventCluster, ctx: Context, cons: Event,
                    conflicts: dict[str, list[dict[str, Any]]]) -> None:
    votes = _votes(cluster, ctx, lambda e: [s.label, s.precision] if (s := _span(e.date, e.date_precision)) else None,
                   news_only=True)
    if not votes:
        cons.date, cons.date_precision = None, None
        return
    spans = {v.source + "|" + v.value[0]: _span(v.value[0], v.value[1]) for v in votes}
    def support(label: str, prec: str) -> int:
        mine = _span(label, prec)
        assert mine is not None
        return len({v.source for v in votes if _gap(mine, spans[v.source + "|" + v.value[0]]) == 0})
    finest = max(_PRECISION_RANK[v.value[1]] for v in votes)  # the most specific date the reports give
    ranked = sorted({(v.value[0], v.value[1]) for v in votes if _PRECISION_RANK[v.value[1]] == finest},
                    key=lambda lp: (-support(*lp), -_PRECISION_RANK[lp[1]],
                                    min(v.published for v in votes if v.value[0] == lp[0]), lp[0]))
    label, prec = ranked[0]
    cons.date, cons.date_precision = label, prec
    chosen = _span(label, prec)
    assert chosen is not None
    if any(_gap(chosen, s) > 0 for s in spans.values() if s):
        _, table = _tally([_Vote(v.value[0], v.source, v.article_id, v.outlet, v.published) for v in votes])
        conflicts["date"] = table


def _date_provenance(cluster: EventCluster, ctx: Context, cons: Event) -> None:
    """``date_from`` of the consensus must say whether its date is stated or borrowed, as its reports give it.

    The tally over all members can call "carried" a date one report states in its own sentence (three
    reports borrowing other days from their leads outvote it); compared as borrowed, that consensus joins
    clusters of stated dates weeks apart (it blocks only outside the undated window), and whether it does
    depends on which reports the cluster holds when compared, so on how the ingest was cut (issue 10).
    Only a tally contradicting the chosen date's reports is replaced: by the tally of those reports.
    """
    chosen = _span(cons.date, cons.date_precision)
    if chosen is None:
        return
    backers = [e for e in cluster.events() if not e.background
               and (s := _span(e.date, e.date_precision)) is not None and s.label == chosen.label]
    stated = [e for e in backers if not borrowed_date(e)]
    if not backers or bool(stated) != borrowed_date(cons):
        return
    keep = {id(e) for e in (stated or backers)}
    value, _ = _tally(_votes(cluster, ctx, lambda e: e.attributes.get("date_from") if id(e) in keep else None))
    if value is None:
        cons.attributes.pop("date_from", None)
    else:
        cons.attributes["date_from"] = value


def _consensus_location(cluster: EventCluster, ctx: Context, cons: Event,
                        conflicts: dict[str, list[dict[str, Any]]]) -> None:
    votes = _votes(cluster, ctx, _place_name, news_only=True)
    name, table = _tally(votes)
    if name is None:
        cons.location = None
        return
    country = next((_place_country(e) for e in cluster.events() if _place_name(e) == name), None)
    cons.location = {"name": name, "country": country}
    if len(table) > 1:
        conflicts["location"] = table


def _consensus_parties(events: list[Event], ctx: Context) -> list[Party]:
    """Countries of the first report; faction, actor and name by majority of the reports naming them."""
    out = []
    for country in dict.fromkeys(p.country.upper() for p in events[0].parties if p.country):
        mine = [(ctx.source_of(_article(e)), p) for e in events for p in e.parties
                if p.country and p.country.upper() == country]
        party = Party(country)
        for attr in ("faction", "actor_id", "name"):
            pairs = list(dict.fromkeys((src, getattr(p, attr)) for src, p in mine if getattr(p, attr)))
            counts = Counter(value for _, value in pairs)
            first = {value: i for i, (_, value) in reversed(list(enumerate(pairs)))}
            if counts:
                setattr(party, attr, min(counts, key=lambda v: (-counts[v], first[v])))
        out.append(party)
    return out


def _consensus_attributes(cluster: EventCluster, ctx: Context, events: list[Event],
                          conflicts: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    keys = sorted({k for e in events for k in e.attributes})
    out: dict[str, Any] = {}
    for key in keys:
        value, table = _tally(_votes(cluster, ctx, lambda e, k=key: e.attributes.get(k)))
        if value is None:
            continue
        out[key] = value
        if len(table) > 1 and key not in PROVENANCE_ATTRIBUTES:
            conflicts[f"attributes.{key}"] = table
    return out


def _consensus_people(events: list[Event], ctx: Context) -> tuple[list[Person], dict[str, int]]:
    """People united across reports (by actor id or spelling), most-cited first, fields filled in."""
    merged: list[Person] = []
    sources: list[set[str]] = []
    for ev in events:
        src = ctx.source_of(_article(ev))
        for p in ev.people:
            idx = next((i for i, q in enumerate(merged) if _person_keys(p) & _person_keys(q)), None)
            if idx is None:
                merged.append(copy.copy(p))
                sources.append({src})
                continue
            q = merged[idx]
            for attr in ("actor_id", "name_ar", "name_en", "role", "country"):
                if getattr(q, attr) is None and getattr(p, attr):
                    setattr(q, attr, getattr(p, attr))
            sources[idx].add(src)
    order = sorted(range(len(merged)), key=lambda i: (-len(sources[i]), i))
    people = [merged[i] for i in order]
    counts = {_display(merged[i]): len(sources[i]) for i in order}
    return people, counts


def _count_union(events: list[Event], ctx: Context, get: Any) -> dict[str, int]:
    per: dict[str, set[str]] = defaultdict(set)
    for ev in events:
        for value in get(ev):
            per[value].add(ctx.source_of(_article(ev)))
    return {k: len(v) for k, v in per.items()}


def source_values(events: list[Event]) -> dict[str, dict[str, Any]]:
    """Each article's own date, date_precision, location, people and domains, as extracted from it, with
    where its date and place were read (``date_from``, ``location_from``: sentence, carried, lead, dateline).

    An article with several mentions of the event gives its first dated (placed…) value and the union
    of its people and domains.
    """
    out: dict[str, dict[str, Any]] = {}
    for ev in events:
        mine = out.setdefault(_article(ev), {"date": None, "date_precision": None, "location": None,
                                              "people": [], "domains": [], "background": True})
        if mine["date"] is None and ev.date:
            mine["date"], mine["date_precision"] = ev.date, ev.date_precision
            mine["date_from"] = ev.attributes.get("date_from")
        if mine["location"] is None and ev.location:
            mine["location"] = dict(ev.location)
            mine["location_from"] = ev.attributes.get("location_from")
        for p in ev.people:
            if not any(_person_keys(p) & _person_keys(Person(**q)) for q in mine["people"]):
                mine["people"].append({"actor_id": p.actor_id, "name": p.name, "name_ar": p.name_ar,
                                       "name_en": p.name_en, "role": p.role})
        mine["domains"] = sorted(set(mine["domains"]) | set(ev.domains))
        mine["background"] = mine["background"] and ev.background
    return out


def _one_source_per_article(events: list[Event]) -> list[Source]:
    out: dict[str, Source] = {}
    for ev in events:
        for s in ev.sources:
            out.setdefault(s.article_id, copy.copy(s))
    return sorted(out.values(), key=lambda s: ((s.published or "9999")[:10], s.article_id))


def corroboration(events: list[Event], duplicates: dict[str, str] | None = None) -> tuple[int, int, float]:
    """Independent support for one event: (distinct articles, distinct outlets, confidence).

    Near-duplicate articles count once, and so does the outlet of a syndicated copy. Confidence is
    ``min(0.99, 1 - prod(1 - c_i))`` over independent sources, ``c_i`` being the best extractor
    confidence among that source's mentions, capped at 0.95. Recollections (background mentions) count
    only when no article reports the event as news.
    """
    dups = duplicates or {}
    news = [e for e in events if not e.background]
    events = news or events
    best: dict[str, float] = {}
    outlet_of: dict[str, str] = {}  # a syndicated copy on another site does not add an outlet
    for ev in sorted(events, key=_sort_key):
        for s in ev.sources:
            src = dups.get(s.article_id, s.article_id)
            best[src] = max(best.get(src, 0.0), min(0.95, max(0.0, ev.confidence)))
            outlet_of.setdefault(src, (s.outlet or f"?{src}").lower())
    outlets = set(outlet_of.values())
    miss = math.prod(1.0 - c for c in best.values())
    return len(best), len(outlets), round(min(0.99, 1.0 - miss), 4)

