"""Event tables: extracted mentions, merged events, their members, links and near-duplicate articles.

The core store (``store.db``) runs ``MIGRATIONS`` once, in order. Writes are atomic through a
SAVEPOINT, so they work both on their own and inside the caller's transaction. Mention ids are derived
from content (``merge.mention_id``), so re-extracting an unchanged article gives the same ids and the
same clusters.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import Any

from alliancemap.merge import (
    SIGNATURE_SCHEME,
    DuplicateIndex,
    DuplicateMatch,
    EventCluster,
    Member,
    mention_id,
)
from alliancemap.model import Event, event_from_dict

MIGRATIONS: list[tuple[str, str]] = [
    (
        "events_001_init",
        """
        CREATE TABLE event_mentions (
            mention_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL, date TEXT, date_precision TEXT,
            sentence TEXT, start INTEGER, "end" INTEGER,
            event_json TEXT NOT NULL
        );
        CREATE INDEX event_mentions_article ON event_mentions(article_id);
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            type TEXT NOT NULL, date TEXT, date_precision TEXT, status TEXT,
            consensus_json TEXT NOT NULL,
            n_sources INTEGER NOT NULL, n_outlets INTEGER NOT NULL, confidence REAL NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type ON events(type);
        CREATE TABLE event_members (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            mention_id TEXT NOT NULL,
            seq INTEGER NOT NULL, score REAL NOT NULL, reasons_json TEXT NOT NULL,
            PRIMARY KEY (event_id, mention_id)
        );
        CREATE INDEX event_members_mention ON event_members(mention_id);
        CREATE TABLE event_parties (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            country TEXT NOT NULL, faction TEXT, actor_id TEXT, name TEXT
        );
        CREATE INDEX event_parties_country ON event_parties(country, faction);
        CREATE TABLE event_people (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            actor_id TEXT, name TEXT NOT NULL, n_sources INTEGER NOT NULL
        );
        CREATE INDEX event_people_actor ON event_people(actor_id);
        CREATE TABLE event_domains (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            domain TEXT NOT NULL, n_sources INTEGER NOT NULL,
            PRIMARY KEY (event_id, domain)
        );
        CREATE INDEX event_domains_domain ON event_domains(domain);
        CREATE TABLE event_conflicts (
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            field TEXT NOT NULL, values_json TEXT NOT NULL,
            PRIMARY KEY (event_id, field)
        );
        CREATE TABLE event_links (
            a TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            b TEXT NOT NULL, relation TEXT NOT NULL,
            PRIMARY KEY (a, b, relation)
        );
        CREATE TABLE article_duplicates (
            article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
            canonical_id TEXT NOT NULL, jaccard REAL NOT NULL
        );
        CREATE INDEX article_duplicates_canonical ON article_duplicates(canonical_id);
        CREATE TABLE article_minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, num_perm INTEGER NOT NULL, scheme TEXT NOT NULL, signature TEXT NOT NULL
        )
        """,
    ),
]

_EVENT_TABLES = ("event_members", "event_parties", "event_people", "event_domains", "event_conflicts")


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing, nested inside the caller's transaction when there is one."""
    conn.execute("SAVEPOINT alliancemap_events")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK TO alliancemap_events")
        conn.execute("RELEASE alliancemap_events")
        raise
    conn.execute("RELEASE alliancemap_events")


def _rows(conn: sqlite3.Connection, sql: str, args: list[Any] | None = None) -> list[sqlite3.Row]:
    """Rows by column name, whatever row_factory the caller's connection has."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, args or []).fetchall()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------------


def replace_mentions(conn: sqlite3.Connection, article_id: str, events: list[Event]) -> list[str]:
    """Store an article's event mentions, replacing those of an earlier extraction.

    Args:
        conn: store connection.
        article_id: the article the mentions come from.
        events: its extracted events (one Source each).

    Returns:
        The mention ids, in input order. Memberships of the replaced mentions are dropped; the next
        ``cluster_events`` + ``save_clusters`` re-attaches the new ones.
    """
    ids: list[str] = []
    with _atomic(conn):
        old = [r[0] for r in conn.execute(
            "SELECT mention_id FROM event_mentions WHERE article_id = ?", (article_id,))]
        conn.executemany("DELETE FROM event_members WHERE mention_id = ?", [(m,) for m in old])
        conn.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
        for seq, ev in enumerate(events):
            mid = mention_id(replace(ev, event_id=""))
            base, n = mid, 2
            while mid in ids:
                mid, n = f"{base}-{n}", n + 1
            ids.append(mid)
            stored = replace(ev, event_id=mid)
            src = ev.sources[0] if ev.sources else None
            conn.execute(
                "INSERT INTO event_mentions (mention_id, article_id, seq, type, date, date_precision,"
                ' sentence, start, "end", event_json) VALUES (?,?,?,?,?,?,?,?,?,?)',
                (mid, article_id, seq, ev.type, ev.date, ev.date_precision,
                 src.sentence if src else None, src.start if src else None, src.end if src else None,
                 _dumps(asdict(stored))),
            )
    return ids


def load_mentions(conn: sqlite3.Connection) -> list[Event]:
    """Every stored mention, its ``event_id`` set to the mention id, by article and position."""
    rows = conn.execute("SELECT event_json FROM event_mentions ORDER BY article_id, seq").fetchall()
    return [event_from_dict(json.loads(r[0])) for r in rows]


# --------------------------------------------------------------------------------------------------
# Clusters
# --------------------------------------------------------------------------------------------------


def load_clusters(conn: sqlite3.Connection) -> list[EventCluster]:
    """Stored clusters with their members (mention events attached); clusters left empty are skipped."""
    members: dict[str, list[Member]] = {}
    for r in conn.execute(
        "SELECT m.event_id, m.mention_id, m.score, m.reasons_json, em.article_id, em.event_json"
        " FROM event_members m JOIN event_mentions em ON em.mention_id = m.mention_id"
        " ORDER BY m.event_id, m.seq"
    ):
        members.setdefault(r[0], []).append(
            Member(r[1], r[4], r[2], json.loads(r[3]), event_from_dict(json.loads(r[5]))))
    out = []
    for r in _rows(conn, "SELECT * FROM events ORDER BY date IS NULL, date, event_id"):
        if r["event_id"] not in members:
            continue
        data = json.loads(r["consensus_json"])
        out.append(EventCluster(
            event_id=r["event_id"], members=members[r["event_id"]],
            consensus=event_from_dict(data["event"]), conflicts=data.get("conflicts", {}),
            related=[tuple(x) for x in data.get("related", [])], n_sources=r["n_sources"],
            n_outlets=r["n_outlets"], confidence=r["confidence"],
            people_counts=data.get("people_counts", {}), domain_counts=data.get("domain_counts", {}),
        ))
    return out


def save_clusters(conn: sqlite3.Connection, clusters: list[EventCluster]) -> None:
    """Write clusters (replacing rows of the same event ids) and drop events left without members."""
    stamp = _now()
    with _atomic(conn):
        for c in clusters:
            _delete_event(conn, c.event_id)
            _insert_event(conn, c, stamp)
        keep = {c.event_id for c in clusters}
        orphans = [r[0] for r in conn.execute(
            "SELECT e.event_id FROM events e WHERE NOT EXISTS"
            " (SELECT 1 FROM event_members m JOIN event_mentions em ON em.mention_id = m.mention_id"
            "  WHERE m.event_id = e.event_id)").fetchall() if r[0] not in keep]
        for event_id in orphans:
            _delete_event(conn, event_id)
        conn.execute("DELETE FROM event_members WHERE mention_id NOT IN (SELECT mention_id FROM event_mentions)")


def _delete_event(conn: sqlite3.Connection, event_id: str) -> None:
    for table in _EVENT_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
    conn.execute("DELETE FROM event_links WHERE a = ?", (event_id,))
    conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))


def _insert_event(conn: sqlite3.Connection, c: EventCluster, stamp: str) -> None:
    ev = c.consensus
    blob = {"event": asdict(ev), "conflicts": c.conflicts, "related": [list(x) for x in c.related],
            "people_counts": c.people_counts, "domain_counts": c.domain_counts}
    conn.execute(
        "INSERT INTO events (event_id, type, date, date_precision, status, consensus_json, n_sources,"
        " n_outlets, confidence, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (c.event_id, ev.type, ev.date, ev.date_precision, ev.status, _dumps(blob), c.n_sources,
         c.n_outlets, c.confidence, stamp),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO event_members (event_id, mention_id, seq, score, reasons_json)"
        " VALUES (?,?,?,?,?)",
        [(c.event_id, m.mention_id, i, m.score, _dumps(m.reasons)) for i, m in enumerate(c.members)],
    )
    conn.executemany(
        "INSERT INTO event_parties (event_id, country, faction, actor_id, name) VALUES (?,?,?,?,?)",
        [(c.event_id, p.country, p.faction, p.actor_id, p.name) for p in ev.parties],
    )
    conn.executemany(
        "INSERT INTO event_people (event_id, actor_id, name, n_sources) VALUES (?,?,?,?)",
        [(c.event_id, p.actor_id, p.name_en or p.name or p.name_ar or "",
          c.people_counts.get(p.name_en or p.name or p.name_ar or p.actor_id or "?", 1)) for p in ev.people],
    )
    conn.executemany(
        "INSERT INTO event_domains (event_id, domain, n_sources) VALUES (?,?,?)",
        [(c.event_id, d, c.domain_counts.get(d, 1)) for d in ev.domains],
    )
    conn.executemany(
        "INSERT INTO event_conflicts (event_id, field, values_json) VALUES (?,?,?)",
        [(c.event_id, f, _dumps(v)) for f, v in sorted(c.conflicts.items())],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_links (a, b, relation) VALUES (?,?,?)",
        [(c.event_id, other, rel) for rel, other in c.related],
    )


# --------------------------------------------------------------------------------------------------
# Near-duplicate articles
# --------------------------------------------------------------------------------------------------


def save_duplicate(conn: sqlite3.Connection, match: DuplicateMatch, index: DuplicateIndex) -> None:
    """Record an article's canonical copy and its MinHash signature (for rebuilding the index)."""
    with _atomic(conn):
        seq = conn.execute("SELECT coalesce(max(seq), -1) + 1 FROM article_minhash").fetchone()[0]
        conn.execute(
            "INSERT OR IGNORE INTO article_minhash (article_id, seq, num_perm, scheme, signature)"
            " VALUES (?,?,?,?,?)",
            (match.article_id, seq, index.num_perm, SIGNATURE_SCHEME,
             json.dumps(index.signature(match.article_id))),
        )
        conn.execute(
            "INSERT OR REPLACE INTO article_duplicates (article_id, canonical_id, jaccard) VALUES (?,?,?)",
            (match.article_id, match.canonical_id, match.jaccard),
        )


def load_duplicates(conn: sqlite3.Connection) -> dict[str, str]:
    """``article_id -> canonical_id`` for every article checked for near-duplicates."""
    return {r[0]: r[1] for r in conn.execute("SELECT article_id, canonical_id FROM article_duplicates")}


def load_duplicate_index(conn: sqlite3.Connection, *, threshold: float = 0.8,
                         num_perm: int = 128) -> DuplicateIndex:
    """Rebuild the near-duplicate index from stored signatures, in the order they were added.

    Signatures made with another ``num_perm`` or datasketch hashing scheme are skipped (not comparable).
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    for r in conn.execute("SELECT article_id, num_perm, scheme, signature FROM article_minhash ORDER BY seq"):
        if r[1] == num_perm and r[2] == SIGNATURE_SCHEME:
            index.add_signature(r[0], json.loads(r[3]))
    return index


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------


def exported_events(
    conn: sqlite3.Connection,
    *,
    country: str | None = None,
    faction: str | None = None,
    type: str | None = None,  # noqa: A002 - the contract's field name
    domain: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_sources: int = 1,
) -> list[dict[str, Any]]:
    """Events in the DESIGN.md exported-event contract, plus status, n_sources, n_outlets, conflicts, related.

    Args:
        conn: store connection.
        country: "LBY" or "LBY:east": a party of that country (and faction).
        faction: a party with this faction, whatever the country.
        type: event type (VISIT, AGREE, …).
        domain: one cooperation domain.
        date_from: earliest date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive; undated events are left out.
        date_to: latest date, inclusive; undated events are left out.
        min_sources: minimum number of independent supporting articles.

    Returns:
        One dict per event, ordered by date (undated last) and event_id.
    """
    sql, args = _filter_sql(country, faction, type, domain, date_from, date_to, min_sources)
    articles = _article_meta(conn)
    return [_export_row(r, articles) for r in _rows(conn, sql, args)]


def _filter_sql(country: str | None, faction: str | None, type_: str | None, domain: str | None,
                date_from: str | None, date_to: str | None, min_sources: int) -> tuple[str, list[Any]]:
    where, args = ["e.n_sources >= ?"], [min_sources]
    if country:
        code, _, fac = country.partition(":")
        clause = "EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.event_id AND p.country = ?"
        args.append(code.upper())
        if fac:
            clause += " AND p.faction = ?"
            args.append(fac)
        where.append(clause + ")")
    if faction:
        where.append("EXISTS (SELECT 1 FROM event_parties p WHERE p.event_id = e.event_id AND p.faction = ?)")
        args.append(faction)
    if type_:
        where.append("e.type = ?")
        args.append(type_.upper())
    if domain:
        where.append("EXISTS (SELECT 1 FROM event_domains d WHERE d.event_id = e.event_id AND d.domain = ?)")
        args.append(domain)
    if date_from:
        where.append("e.date IS NOT NULL AND substr(e.date, 1, ?) >= ?")
        args += [len(date_from), date_from]
    if date_to:
        where.append("e.date IS NOT NULL AND substr(e.date, 1, ?) <= ?")
        args += [len(date_to), date_to]
    sql = ("SELECT e.* FROM events e WHERE " + " AND ".join(where)
           + " ORDER BY e.date IS NULL, e.date, e.event_id")
    return sql, args


def _article_meta(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """url/outlet/published per article, to fill sources the extractor left blank."""
    try:
        rows = conn.execute("SELECT article_id, url, outlet, published FROM articles").fetchall()
    except sqlite3.OperationalError:
        return {}
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _export_row(row: sqlite3.Row, articles: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
    data = json.loads(row["consensus_json"])
    ev = event_from_dict(data["event"])
    sources = []
    for s in ev.sources:
        url, outlet, published = articles.get(s.article_id, (None, None, None))
        sources.append({"article_id": s.article_id, "url": s.url or url, "outlet": s.outlet or outlet,
                        "published": s.published or published, "sentence": s.sentence,
                        "start": s.start, "end": s.end})
    return {
        "event_id": row["event_id"], "type": ev.type, "cameo": ev.cameo, "plover": ev.plover,
        "parties": [{"actor_id": p.actor_id, "name": p.name, "country": p.country, "faction": p.faction}
                    for p in ev.parties],
        "people": [{"actor_id": p.actor_id, "name": p.name, "name_ar": p.name_ar, "name_en": p.name_en,
                    "role": p.role} for p in ev.people],
        "date": ev.date, "date_precision": ev.date_precision, "location": ev.location,
        "domains": list(ev.domains), "attributes": dict(ev.attributes), "sources": sources,
        "confidence": row["confidence"], "status": ev.status, "n_sources": row["n_sources"],
        "n_outlets": row["n_outlets"], "conflicts": data.get("conflicts", {}),
        "related": [{"relation": rel, "event_id": other} for rel, other in data.get("related", [])],
    }
