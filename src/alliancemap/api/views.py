"""What each page of the desk needs, assembled from the store: party, dyad, graph, actors, claims, meta.

The graph is computed once per store state (file modification times) and filter set, then served from
memory: a store of 100,000 events takes a while to aggregate, and it only changes on ingest.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import Counter, OrderedDict
from functools import lru_cache
from typing import Any

from alliancemap.api import data
from alliancemap.graph import AllianceGraph, alliance_graph, graph_from_aggregates
from alliancemap.graph import partners as graph_partners
from alliancemap.store import actors as store_actors
from alliancemap.store import summary
from alliancemap.store.extraction import list_claims

PAGE = 100
"""Events shown on a party or dyad page; the events view pages through the rest."""

FACTION_NAMES = {"east": ("east", "الشرق"), "west": ("west", "الغرب")}


@lru_cache(maxsize=1)
def country_names() -> dict[str, dict[str, Any]]:
    """alpha-3 -> ISO numeric (the world-atlas ids) and English and Arabic names (CLDR via babel)."""
    import pycountry
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    out = {}
    for c in pycountry.countries:
        out[c.alpha_3] = {"numeric": c.numeric, "en": en.get(c.alpha_2, c.name), "ar": ar.get(c.alpha_2, c.name)}
    return out


def side_key(country: str | None, faction: str | None) -> str:
    return f"{(country or '').upper()}:{faction}" if faction else (country or "").upper()


def side_names(key: str) -> dict[str, str]:
    country, _, faction = key.partition(":")
    base = country_names().get(country, {"en": country, "ar": country})
    if not faction:
        return {"en": base["en"], "ar": base["ar"]}
    en, ar = FACTION_NAMES.get(faction, (faction, faction))
    return {"en": f"{base['en']} ({en})", "ar": f"{base['ar']} ({ar})"}


def meta(conn: sqlite3.Connection) -> dict[str, Any]:
    q = conn.execute
    types = [r[0] for r in q("SELECT DISTINCT type FROM events ORDER BY type")]
    domains = [r[0] for r in q("SELECT DISTINCT domain FROM event_domains ORDER BY domain")]
    sides = sorted({side_key(c, f) for c, f in q("SELECT DISTINCT country, faction FROM event_parties")})
    span = q("SELECT min(date), max(date) FROM events WHERE date IS NOT NULL").fetchone()
    return {
        "counts": {"events": q("SELECT count(*) FROM events").fetchone()[0],
                   "articles": q("SELECT count(*) FROM articles").fetchone()[0]},
        "types": types, "domains": domains, "dates": {"first": span[0], "last": span[1]},
        "parties": [{"key": s, "names": side_names(s)} for s in sides],
        "countries": country_names(),
        "search": data.table_exists(conn, "search_fts"),
    }


# -- graph ----------------------------------------------------------------------------------------

def filtered_events(conn: sqlite3.Connection, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Every exported event that passes the filters (SQL does the filtering, search included)."""
    where, args = data.event_filters(conn, filters)
    rows = conn.execute("SELECT e.event_id FROM events e WHERE " + " AND ".join(where)
                        + " ORDER BY e.date IS NULL, e.date, e.event_id", args).fetchall()
    return data.exported(conn, [r[0] for r in rows])


def _filters_only(filters: dict[str, Any], names: set[str]) -> bool:
    """Whether the filters set nothing but these (``min_sources`` 1 sets nothing)."""
    return (not any(v for k, v in filters.items() if k not in names | {"min_sources"})
            and int(filters.get("min_sources") or 1) <= 1)


_PERIOD_FILTERS = {"type", "date_from", "date_to"}
"""What the period tables are keyed by: a graph filtered by a type, and a period or none, is read from them."""


def alliance_graph_of(conn: sqlite3.Connection, filters: dict[str, Any], with_ids: bool = True) -> AllianceGraph:
    """The graph of the filtered events: the store's graph tables when unfiltered (ties list their
    event ids only ``with_ids``), the period tables when filtered by a type and a period only, the
    aggregation over the filtered events otherwise; from every event only on a store not yet summarized."""
    if not summary.is_synced(conn):
        return alliance_graph(filtered_events(conn, filters))
    if _filters_only(filters, set()):
        return graph_from_aggregates(*summary.stored_graph(conn, with_ids))
    if filters.get("type") and _filters_only(filters, _PERIOD_FILTERS) and summary.has_period_tables(conn):
        return graph_from_aggregates(*summary.period_aggregates(conn, filters.get("type"), filters.get("date_from"),
                                                                 filters.get("date_to"), with_ids))
    where, args = data.event_filters(conn, filters)
    return graph_from_aggregates(summary.tie_aggregates(conn, where, args), summary.node_counts(conn, where, args))


def build_graph(conn: sqlite3.Connection, filters: dict[str, Any],
                with_ids: bool = False, outlets: bool = True) -> tuple[AllianceGraph, bytes]:
    """The alliance graph of the filtered events, and its JSON (``to_dict`` plus names per node).

    Each tie's ``event_ids`` are in the JSON only when asked for: on a large store they are most of
    its size and time (100,000 ids), and a tie's events are one dyad request away. Its ``outlets``
    can be left out (``n_outlets`` stays): they are most of what remains (325 ties of a period with
    about 33 outlets each), and the map and the network draw none of them.
    """
    graph = alliance_graph_of(conn, filters, with_ids)
    out = graph.to_dict()
    for node in out["nodes"]:
        node["names"] = side_names(node["id"])
    for tie in out["ties"]:
        if not with_ids:
            del tie["event_ids"]
        if not outlets:
            del tie["outlets"]
    return graph, data.to_json(out)


class GraphCache:
    """Graphs by (store state, filters); a handful kept, dropped when the store file changes.

    The JSON is kept too: on a large store, serializing the graph costs more than looking it up.
    """

    def __init__(self, size: int = 32) -> None:
        self._items: OrderedDict[tuple[Any, ...], tuple[AllianceGraph, bytes]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._generation = 0

    def clear(self) -> None:
        """Forget every graph: a write through the API must not wait for the file's times to show it (they
        may not change within one clock tick), and a graph still being built from the old state is
        stored under the old generation, where no lookup finds it."""
        with self._lock:
            self._items.clear()
            self._generation += 1

    @staticmethod
    def _state(db_path: str) -> tuple[float, ...]:
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(db_path + suffix)
                out += [st.st_mtime_ns, st.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def get(self, conn: sqlite3.Connection, db_path: str, filters: dict[str, Any],
            with_ids: bool = False, outlets: bool = True) -> tuple[AllianceGraph, bytes]:
        key = (self._generation, self._state(db_path), tuple(sorted((k, str(v)) for k, v in filters.items())), with_ids, outlets)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        built = build_graph(conn, filters, with_ids, outlets)
        with self._lock:
            self._items[key] = built
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return built


# -- party and dyad -------------------------------------------------------------------------------

def _months(conn: sqlite3.Connection, filters: dict[str, Any], sel: data.Selection | None) -> list[dict[str, Any]]:
    """Events per month: counted from the selection already read, or in SQL when it was too wide."""
    if sel is not None:
        counts = Counter(d[:7] for _, d in sel if d)
        return [{"month": m, "events": n} for m, n in sorted(counts.items())]
    where, args = data.event_filters(conn, filters)
    rows = conn.execute("SELECT substr(e.date, 1, 7) AS month, count(*) AS n FROM events e WHERE e.date IS NOT NULL"
                        " AND " + " AND ".join(where) + " GROUP BY month ORDER BY month", args)
    return [{"month": r["month"], "events": r["n"]} for r in rows]


def _source_articles(events: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for ev in events:
        for s in ev["sources"]:
            if s["article_id"] not in out:
                out.append(s["article_id"])
    return out


def _label(key: str) -> str:
    """A side key as the store spells its labels (factions lower-case)."""
    country, _, faction = key.partition(":")
    return summary.label(country, faction.lower() or None)


def party(conn: sqlite3.Connection, cache: GraphCache, db_path: str, side: str,
          filters: dict[str, Any], event_ids: bool = False) -> dict[str, Any]:
    """A side's partners (ties of the graph), its events, events per month and claims in the sources.

    Each partner lists its tie's event ids only when asked, as ``/api/graph`` does: a state's ties hold
    thousands on a large store, and the page links each partner to its dyad timeline instead.
    """
    country, _, faction = side.partition(":")
    key = side_key(country, faction or None)
    graph, _ = cache.get(conn, db_path, {**filters, "party": []}, with_ids=event_ids)
    partners = [dict(row, partner_names=side_names(row["partner"])) for row in graph_partners(graph, key)]
    if not event_ids:
        for row in partners:
            del row["event_ids"]
    scoped = {**filters, "party": [*filters.get("party", []), key]}
    # newest first: the latest news matters most (a side's thousands of events are not read whole)
    events = data.latest_events(conn, scoped, PAGE + 1)
    stored = summary.party_months(conn, _label(key)) if _filters_only(filters, set()) else None
    months = [{"month": m, "events": n} for m, n in stored] if stored is not None else _months(conn, scoped, None)
    return {"party": key, "names": side_names(key), "partners": partners, "events": events[:PAGE],
            "more_events": len(events) > PAGE, "months": months,
            "claims": data.claims_for_articles(conn, _source_articles(events), limit=100)}


def dyad(conn: sqlite3.Connection, a: str, b: str, filters: dict[str, Any]) -> dict[str, Any]:
    """Events of two sides (either order), oldest first, with the claims made in their sources."""
    ka, kb = (side_key(s.partition(":")[0], s.partition(":")[2] or None) for s in (a, b))
    scoped = {**filters, "party": [ka, kb]}
    sel = data.select_all(conn, scoped)
    if sel is None:
        events, nxt = data.list_events(conn, scoped, PAGE)
    else:
        events, nxt = data.exported(conn, [i for i, _ in sel[:PAGE]]), (True if len(sel) > PAGE else None)
    return {"a": {"key": ka, "names": side_names(ka)}, "b": {"key": kb, "names": side_names(kb)},
            "events": events, "more_events": nxt is not None, "months": _months(conn, scoped, sel),
            "claims": data.claims_for_articles(conn, _source_articles(events), limit=200)}


# -- actors and claims ----------------------------------------------------------------------------

def actors(conn: sqlite3.Connection, q: str, kind: str | None, country: str | None,
           limit: int) -> list[dict[str, Any]]:
    if not data.table_exists(conn, "actors"):
        return []
    from alliancemap.resolve.link import actor_query

    return store_actors.search_actors(conn, actor_query(q) if q else None, kind=kind, country=country,
                                      limit=limit)


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    if not data.table_exists(conn, "actors"):
        return None
    return store_actors.get_actor(conn, actor_id)


def claims(conn: sqlite3.Connection, speaker: str | None, article_id: str | None,
           limit: int) -> list[dict[str, Any]]:
    return [vars(c) for c in list_claims(conn, speaker=speaker, article_id=article_id, limit=limit)]
