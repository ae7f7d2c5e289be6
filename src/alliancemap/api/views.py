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
from alliancemap.store import actors as store_actors
from alliancemap.store.extraction import list_claims

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

def _tie_rows(conn: sqlite3.Connection, filters: dict[str, Any]) -> list[sqlite3.Row]:
    where, args = data.event_filters(filters)
    sql = (
        "SELECT a.country AS ac, a.faction AS af, b.country AS bc, b.faction AS bf, e.event_id, e.type, e.date,"
        " e.n_sources, (SELECT group_concat(domain) FROM event_domains d WHERE d.event_id = e.event_id) AS domains"
        " FROM events e JOIN event_parties a ON a.event_id = e.event_id"
        " JOIN event_parties b ON b.event_id = e.event_id"
        " AND (a.country || ':' || coalesce(a.faction, '')) < (b.country || ':' || coalesce(b.faction, ''))"
        " WHERE " + " AND ".join(where))
    return conn.execute(sql, args).fetchall()


def build_graph(conn: sqlite3.Connection, filters: dict[str, Any]) -> dict[str, Any]:
    """Parties as nodes, ties weighted by events and by corroborating sources."""
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    seen: set[tuple[str, str, str]] = set()
    for r in _tie_rows(conn, filters):
        a, b = side_key(r["ac"], r["af"]), side_key(r["bc"], r["bf"])
        if a == b or (a, b, r["event_id"]) in seen:
            continue
        seen.add((a, b, r["event_id"]))
        t = ties.setdefault((a, b), {"source": a, "target": b, "events": 0, "sources": 0, "types": Counter(),
                                     "domains": Counter(), "first": None, "last": None})
        t["events"] += 1
        t["sources"] += r["n_sources"]
        t["types"][r["type"]] += 1
        for d in (r["domains"] or "").split(","):
            if d:
                t["domains"][d] += 1
        if r["date"]:
            t["first"] = min(t["first"] or r["date"], r["date"])
            t["last"] = max(t["last"] or r["date"], r["date"])
    nodes: dict[str, dict[str, Any]] = {}
    for t in ties.values():
        for key in (t["source"], t["target"]):
            n = nodes.setdefault(key, {"id": key, "country": key.split(":")[0],
                                       "faction": key.partition(":")[2] or None, "names": side_names(key),
                                       "degree": 0, "events": 0, "sources": 0})
            n["degree"] += 1
            n["events"] += t["events"]
            n["sources"] += t["sources"]
        t["types"] = dict(t["types"].most_common())
        t["domains"] = dict(t["domains"].most_common())
    edges = sorted(ties.values(), key=lambda t: (-t["sources"], -t["events"], t["source"], t["target"]))
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["sources"], n["id"])), "edges": edges}


class GraphCache:
    """Graphs by (store state, filters); a handful kept, dropped when the store file changes."""

    def __init__(self, size: int = 32) -> None:
        self._items: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

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

    def get(self, conn: sqlite3.Connection, db_path: str, filters: dict[str, Any]) -> dict[str, Any]:
        key = (self._state(db_path), tuple(sorted((k, str(v)) for k, v in filters.items())))
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        graph = build_graph(conn, filters)
        with self._lock:
            self._items[key] = graph
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return graph


# -- party and dyad -------------------------------------------------------------------------------

def _months(conn: sqlite3.Connection, filters: dict[str, Any]) -> list[dict[str, Any]]:
    where, args = data.event_filters(filters)
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


def party(conn: sqlite3.Connection, cache: GraphCache, db_path: str, side: str,
          filters: dict[str, Any]) -> dict[str, Any]:
    """A side's partners (ties of the graph), its events, events per month and claims in the sources."""
    country, _, faction = side.partition(":")
    key = side_key(country, faction or None)
    graph = cache.get(conn, db_path, {**filters, "party": []})
    partners = []
    for t in graph["edges"]:
        ends = (t["source"], t["target"])
        mine = [e for e in ends if e == key or (not faction and e.split(":")[0] == key)]
        if mine:
            other = ends[1] if ends[0] in mine else ends[0]
            partners.append({**t, "partner": other, "partner_names": side_names(other)})
    scoped = {**filters, "party": [*filters.get("party", []), key]}
    events, nxt = data.list_events(conn, scoped, 500)
    events.sort(key=lambda e: (e["date"] is None, "" if e["date"] is None else _desc(e["date"])))  # newest first
    return {"party": key, "names": side_names(key), "partners": partners, "events": events,
            "more_events": nxt is not None, "months": _months(conn, scoped),
            "claims": data.claims_for_articles(conn, _source_articles(events), limit=100)}


def _desc(date: str) -> str:
    """A sort key that orders ISO dates newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def dyad(conn: sqlite3.Connection, a: str, b: str, filters: dict[str, Any]) -> dict[str, Any]:
    """Events of two sides (either order), oldest first, with the claims made in their sources."""
    ka, kb = (side_key(s.partition(":")[0], s.partition(":")[2] or None) for s in (a, b))
    scoped = {**filters, "party": [ka, kb]}
    events, nxt = data.list_events(conn, scoped, 500)
    return {"a": {"key": ka, "names": side_names(ka)}, "b": {"key": kb, "names": side_names(kb)},
            "events": events, "more_events": nxt is not None, "months": _months(conn, scoped),
            "claims": data.claims_for_articles(conn, _source_articles(events), limit=200)}


# -- actors and claims ----------------------------------------------------------------------------

def actors(conn: sqlite3.Connection, q: str, kind: str | None, country: str | None,
           limit: int) -> list[dict[str, Any]]:
    if not data.table_exists(conn, "actors"):
        return []
    return store_actors.search_actors(conn, q, kind=kind, country=country, limit=limit)


def actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    if not data.table_exists(conn, "actors"):
        return None
    return store_actors.get_actor(conn, actor_id)


def claims(conn: sqlite3.Connection, speaker: str | None, article_id: str | None,
           limit: int) -> list[dict[str, Any]]:
    return [vars(c) for c in list_claims(conn, speaker=speaker, article_id=article_id, limit=limit)]
