"""Event tables: extracted mentions, merged events, their members, blocking keys and explanations.

The core store (``store.db``) runs ``MIGRATIONS`` once, in order. Writes are atomic through a
SAVEPOINT, so they work both on their own and inside the caller's transaction. Mention ids are derived
from content (``model.mention_id``), so re-extracting an unchanged article gives the same ids.

Incremental merge: ``replace_mentions`` queues new mentions in ``event_pending``; the merge takes them
in batches (``load_pending``), finds the clusters they can join through ``event_blocks`` (dyad, week:
``candidate_events``), loads only those (``load_clusters(conn, ids)``) and writes back the re-clustered
neighbourhood (``save_clusters(..., removed=...)``). No step reads every mention or every cluster.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import Any

from alliancemap.model import (
    ArticleDate,
    DuplicateMatch,
    Event,
    EventCluster,
    Member,
    NearMiss,
    event_from_dict,
    mention_id,
)
from alliancemap.store import summary

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
    (
        "events_002_blocks",
        """
        CREATE TABLE event_blocks (
            key TEXT NOT NULL, event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
            PRIMARY KEY (key, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_blocks_event ON event_blocks(event_id);
        CREATE TABLE event_pending (mention_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE article_dates (
            article_id TEXT PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
            date TEXT, precision TEXT, basis TEXT NOT NULL
        );
        INSERT INTO event_pending (mention_id) SELECT mention_id FROM event_mentions
        """,  # a store merged before blocking keeps its events; the next merge re-clusters and indexes them
    ),
    (
        "events_003_aliases",
        """
        CREATE TABLE event_aliases (
            old_id TEXT NOT NULL, mention_id TEXT NOT NULL, seq INTEGER NOT NULL,
            PRIMARY KEY (old_id, mention_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_aliases_mention ON event_aliases(mention_id)
        """,  # an event id that a merge retired -> the mentions it held; they lead to the event now holding them
    ),
    (
        "events_004_week_keys",
        """
        CREATE TEMP TABLE week_keys AS
        WITH RECURSIVE w(event_id, dyad, week, last) AS (
            SELECT event_id, substr(key, 1, instr(key, '|') - 1),
                   date(substr(key, instr(key, '|') + 1) || '-01', '-6 days', 'weekday 1'),
                   date(substr(key, instr(key, '|') + 1) || '-01', '+1 month', '-1 day')
            FROM event_blocks WHERE length(substr(key, instr(key, '|') + 1)) = 7
                                AND substr(key, instr(key, '|') + 1) != 'ANY'
            UNION ALL
            SELECT event_id, dyad, date(week, '+7 days'), last FROM w WHERE date(week, '+7 days') <= last
        )
        SELECT dyad || '|' || week AS key, event_id FROM w;
        DELETE FROM event_blocks WHERE length(substr(key, instr(key, '|') + 1)) = 7
                                   AND substr(key, instr(key, '|') + 1) != 'ANY';
        INSERT OR IGNORE INTO event_blocks (key, event_id) SELECT key, event_id FROM week_keys;
        DROP TABLE week_keys
        """,  # month keys (DYAD|2025-07) become every week they overlap (DYAD|2025-06-30 ...): found as before,
        # and a cluster's keys narrow to its own weeks when a merge next writes it
    ),
    (
        "events_005_redate_undated",
        """
        INSERT OR IGNORE INTO event_pending (mention_id)
            SELECT m.mention_id FROM event_mentions m JOIN article_dates d ON d.article_id = m.article_id
            WHERE d.basis = 'none';
        DELETE FROM article_dates WHERE basis = 'none'
        """,  # pages an older estimator found undated are estimated again (weekday and relative dates since),
        # and their mentions queued so the next merge places them with the new estimate
    ),
    (
        "events_006_minhash_bands",
        """
        CREATE TABLE article_bands (
            key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)
        ) WITHOUT ROWID
        """,  # LSH band key -> article_minhash.seq; a store signed before is banded by ``band_missing``
    ),
]

_EVENT_TABLES = ("event_members", "event_parties", "event_people", "event_domains", "event_conflicts",
                 "event_blocks")


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
    """Store an article's event mentions, replacing those of an earlier extraction, and queue them.

    Args:
        conn: store connection.
        article_id: the article the mentions come from.
        events: its extracted events (one Source each).

    Returns:
        The mention ids, in input order. Clusters that held replaced mentions are dissolved: their other
        members are queued again with the new mentions, so the next merge rebuilds them.
    """
    ids: list[str] = []
    with _atomic(conn):
        old = [r[0] for r in conn.execute(
            "SELECT mention_id FROM event_mentions WHERE article_id = ?", (article_id,))]
        touched = {r[0] for m in old for r in conn.execute(
            "SELECT event_id FROM event_members WHERE mention_id = ?", (m,))}
        for event_id in sorted(touched):
            conn.execute("INSERT OR IGNORE INTO event_pending (mention_id)"
                         " SELECT mention_id FROM event_members WHERE event_id = ?", (event_id,))
            _retire(conn, event_id)
        conn.executemany("DELETE FROM event_pending WHERE mention_id = ?", [(m,) for m in old])
        conn.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM article_dates WHERE article_id = ?", (article_id,))  # estimated again
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
        conn.executemany("INSERT OR IGNORE INTO event_pending (mention_id) VALUES (?)", [(m,) for m in ids])
        prune_aliases(conn, set(old) - set(ids))
    return ids


def load_mentions(conn: sqlite3.Connection) -> list[Event]:
    """Every stored mention, its ``event_id`` set to the mention id, by article and position (tests, tools)."""
    rows = conn.execute("SELECT event_json FROM event_mentions ORDER BY article_id, seq").fetchall()
    return [event_from_dict(json.loads(r[0])) for r in rows]


def load_pending(conn: sqlite3.Connection, limit: int = 500) -> list[Event]:
    """Up to ``limit`` queued mentions not yet merged (stale queue entries are dropped)."""
    rows = conn.execute(
        "SELECT p.mention_id, em.event_json FROM event_pending p"
        " LEFT JOIN event_mentions em ON em.mention_id = p.mention_id ORDER BY p.mention_id LIMIT ?",
        (limit,)).fetchall()
    stale = [(r[0],) for r in rows if r[1] is None]
    if stale:
        with _atomic(conn):
            conn.executemany("DELETE FROM event_pending WHERE mention_id = ?", stale)
    return [event_from_dict(json.loads(r[1])) for r in rows if r[1] is not None]


def clear_pending(conn: sqlite3.Connection, mention_ids: Iterable[str]) -> None:
    """Take merged mentions off the queue."""
    with _atomic(conn):
        conn.executemany("DELETE FROM event_pending WHERE mention_id = ?", [(m,) for m in mention_ids])


def member_events(conn: sqlite3.Connection, mention_ids: Iterable[str]) -> set[str]:
    """The events these mentions are members of now (a queued mention may already belong to one)."""
    out: set[str] = set()
    for mid in set(mention_ids):
        out.update(r[0] for r in conn.execute("SELECT event_id FROM event_members WHERE mention_id = ?", (mid,)))
    return out


def article_events(conn: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    """The events holding a mention of any of these articles."""
    out: set[str] = set()
    for aid in set(article_ids):
        out.update(r[0] for r in conn.execute(
            "SELECT em.event_id FROM event_mentions m JOIN event_members em ON em.mention_id = m.mention_id"
            " WHERE m.article_id = ?", (aid,)))
    return out


def count_pending(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM event_pending").fetchone()[0]


def has_pending(conn: sqlite3.Connection) -> bool:
    """Whether any mention waits for a merge (a migration may queue some in a store left merged)."""
    return conn.execute("SELECT 1 FROM event_pending LIMIT 1").fetchone() is not None


def count_events(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


# --------------------------------------------------------------------------------------------------
# Blocking index and article dates
# --------------------------------------------------------------------------------------------------


def candidate_events(conn: sqlite3.Connection, dyad: str, months: list[str] | None) -> set[str]:
    """Events indexed under ``dyad|week`` for any of ``months`` (weeks; every week of the dyad when None)."""
    if months is None:
        prefix = dyad + "|"
        rows = conn.execute("SELECT event_id FROM event_blocks WHERE key >= ? AND key < ?",
                            (prefix, prefix[:-1] + "}")).fetchall()
        return {r[0] for r in rows}
    out: set[str] = set()
    for month in months:
        out.update(r[0] for r in conn.execute("SELECT event_id FROM event_blocks WHERE key = ?",
                                              (f"{dyad}|{month}",)))
    return out


def load_article_dates(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, ArticleDate | None]:
    """Stored date estimates of these articles (None: estimated, nothing found); missing ids: not yet."""
    out: dict[str, ArticleDate | None] = {}
    for aid in set(article_ids):
        r = conn.execute("SELECT date, precision, basis FROM article_dates WHERE article_id = ?", (aid,)).fetchone()
        if r is not None:
            out[aid] = ArticleDate(aid, r[0], r[1], r[2]) if r[0] else None
    return out


def article_texts(conn: sqlite3.Connection, article_ids: Iterable[str]) -> Iterator[tuple[str, str, str | None,
                                                                                         str | None]]:
    """``(article_id, text, url, published)`` of each article, one at a time."""
    for aid in sorted(set(article_ids)):
        r = conn.execute("SELECT text, url, published FROM articles WHERE article_id = ?", (aid,)).fetchone()
        if r is not None:
            yield aid, r[0], r[1], r[2]


def save_article_dates(conn: sqlite3.Connection, dates: dict[str, ArticleDate | None]) -> None:
    """Record date estimates (None: nothing in the article says when, so it is not estimated again)."""
    with _atomic(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO article_dates (article_id, date, precision, basis) VALUES (?,?,?,?)",
            [(aid, d.date if d else None, d.precision if d else None, d.basis if d else "none")
             for aid, d in dates.items()])


# --------------------------------------------------------------------------------------------------
# Clusters
# --------------------------------------------------------------------------------------------------


def load_clusters(conn: sqlite3.Connection, event_ids: Iterable[str] | None = None) -> list[EventCluster]:
    """Stored clusters (all, or those of ``event_ids``) with their members' mention events attached."""
    if event_ids is None:
        ids = [r[0] for r in conn.execute("SELECT event_id FROM events")]
    else:
        ids = sorted(set(event_ids))
    out = []
    for event_id in ids:
        cluster = _load_cluster(conn, event_id)
        if cluster is not None:
            out.append(cluster)
    return sorted(out, key=lambda c: (c.consensus.date is None, c.consensus.date or "", c.event_id))


def _load_cluster(conn: sqlite3.Connection, event_id: str) -> EventCluster | None:
    rows = _rows(conn, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    members = [Member(r[0], r[1], r[2], json.loads(r[3]), event_from_dict(json.loads(r[4])))
               for r in conn.execute(
                   "SELECT m.mention_id, em.article_id, m.score, m.reasons_json, em.event_json"
                   " FROM event_members m JOIN event_mentions em ON em.mention_id = m.mention_id"
                   " WHERE m.event_id = ? ORDER BY m.seq", (event_id,))]
    if not members:
        return None
    r = rows[0]
    data = json.loads(r["consensus_json"])
    return EventCluster(
        event_id=event_id, members=members,
        consensus=event_from_dict(data["event"]), conflicts=data.get("conflicts", {}),
        related=[tuple(x) for x in data.get("related", [])], n_sources=r["n_sources"],
        n_outlets=r["n_outlets"], confidence=r["confidence"],
        people_counts=data.get("people_counts", {}), domain_counts=data.get("domain_counts", {}),
        source_values=data.get("source_values", {}),
        near_misses=[NearMiss(**n) for n in data.get("near_misses", [])],
        blocks=[k for (k,) in conn.execute("SELECT key FROM event_blocks WHERE event_id = ?", (event_id,))],
    )


def save_clusters(conn: sqlite3.Connection, clusters: list[EventCluster], removed: Iterable[str] = (),
                  sync: bool = True) -> None:
    """Write clusters (replacing rows of the same event ids) and delete the ``removed`` events.

    ``removed``: events of the neighbourhood that the re-clustering dissolved or merged away.
    ``sync=False`` only queues the summaries of the saved events: a caller saving in many steps (the
    merge) syncs once at the end, as the graph's recomputation costs the same for one event or many.
    """
    stamp = _now()
    keep = {c.event_id for c in clusters}
    with _atomic(conn):
        for event_id in sorted(set(removed) - keep):
            _retire(conn, event_id)
        rows = [(c, _rows_of(c)) for c in clusters]
        changed = [(c, r) for c, r in rows if _stored_rows(conn, c.event_id) != r]
        for c, r in changed:  # a re-clustered neighbourhood mostly gives back what is stored: leave that be
            _delete_event(conn, c.event_id)
            _insert_event(conn, c, stamp, r)
        summary.queue(conn, sorted(c.event_id for c, _ in changed))
        if sync:
            summary.sync(conn)  # the exported rows and the graph's tables follow every save


def _retire(conn: sqlite3.Connection, event_id: str) -> None:
    """Delete an event whose id the merge no longer gives, keeping the id as an alias of its mentions.

    Users bookmark and export event ids, and an id follows the event's earliest report: when reports
    join, leave or merge, the id can change. ``current_event_id`` follows an old id to the event that
    now holds most of the mentions it held."""
    conn.execute("DELETE FROM event_aliases WHERE old_id = ?", (event_id,))
    conn.execute("INSERT OR IGNORE INTO event_aliases (old_id, mention_id, seq)"
                 " SELECT ?, mention_id, seq FROM event_members WHERE event_id = ?", (event_id, event_id))
    _delete_event(conn, event_id)


def prune_aliases(conn: sqlite3.Connection, mention_ids: Iterable[str]) -> None:
    """Forget the alias rows of mentions that no longer exist (an article extracted again lost them).

    An old id leads through the mentions it held, so a row whose mention is gone can never lead anywhere,
    and an old id none of whose mentions is left is gone with its last row. There are no chains to
    collapse: an id retired twice (old -> mid -> new) leads from its own mentions straight to the event
    holding them now."""
    conn.executemany("DELETE FROM event_aliases WHERE mention_id = ?", [(m,) for m in sorted(set(mention_ids))])


def current_event_id(conn: sqlite3.Connection, event_id: str) -> str | None:
    """The id an event has now: itself when stored, else the event holding most of the mentions its old id
    held (ties: the one holding its earliest member); None when nothing is left of it."""
    if conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone():
        return event_id
    row = conn.execute(
        "SELECT m.event_id FROM event_aliases a JOIN event_members m ON m.mention_id = a.mention_id"
        " WHERE a.old_id = ? GROUP BY m.event_id ORDER BY count(*) DESC, min(a.seq), m.event_id LIMIT 1",
        (event_id,)).fetchone()
    return row[0] if row else None


def former_ids(conn: sqlite3.Connection, event_id: str) -> list[str]:
    """Retired ids that now lead to this event (``current_event_id``)."""
    olds = {r[0] for r in conn.execute(
        "SELECT DISTINCT a.old_id FROM event_members m JOIN event_aliases a ON a.mention_id = m.mention_id"
        " WHERE m.event_id = ?", (event_id,))}
    return sorted(o for o in olds if o != event_id and current_event_id(conn, o) == event_id)


def _delete_event(conn: sqlite3.Connection, event_id: str) -> None:
    summary.forget(conn, event_id)
    for table in _EVENT_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
    conn.execute("DELETE FROM event_links WHERE a = ?", (event_id,))
    conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))


def _rows_of(c: EventCluster) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[str]]:
    """What the store keeps of a cluster: its events row (without the time stamp), members and keys.

    Every other event table (parties, people, domains, conflicts, links) derives from the consensus blob."""
    ev = c.consensus
    blob = {"event": asdict(ev), "conflicts": c.conflicts, "related": [list(x) for x in c.related],
            "people_counts": c.people_counts, "domain_counts": c.domain_counts,
            "source_values": c.source_values, "near_misses": [asdict(n) for n in c.near_misses]}
    row = (ev.type, ev.date, ev.date_precision, ev.status, _dumps(blob), c.n_sources, c.n_outlets, c.confidence)
    members = [(m.mention_id, i, m.score, _dumps(m.reasons)) for i, m in enumerate(c.members)]
    return row, members, sorted(set(c.blocks))


def _stored_rows(conn: sqlite3.Connection, event_id: str) -> tuple[tuple[Any, ...], list[tuple[Any, ...]],
                                                                      list[str]] | None:
    row = conn.execute("SELECT type, date, date_precision, status, consensus_json, n_sources, n_outlets, confidence"
                       " FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    members = conn.execute("SELECT mention_id, seq, score, reasons_json FROM event_members WHERE event_id = ?"
                           " ORDER BY seq", (event_id,)).fetchall()
    keys = conn.execute("SELECT key FROM event_blocks WHERE event_id = ? ORDER BY key", (event_id,)).fetchall()
    return tuple(row), [tuple(m) for m in members], [k[0] for k in keys]


def _insert_event(conn: sqlite3.Connection, c: EventCluster, stamp: str,
                  rows: tuple[tuple[Any, ...], list[tuple[Any, ...]], list[str]]) -> None:
    ev = c.consensus
    row, members, _ = rows
    conn.execute("DELETE FROM event_aliases WHERE old_id = ?", (c.event_id,))  # the id is current again
    conn.execute(
        "INSERT INTO events (event_id, type, date, date_precision, status, consensus_json, n_sources,"
        " n_outlets, confidence, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (c.event_id, *row, stamp),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO event_members (event_id, mention_id, seq, score, reasons_json)"
        " VALUES (?,?,?,?,?)",
        [(c.event_id, *m) for m in members],
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
    conn.executemany("INSERT OR IGNORE INTO event_blocks (key, event_id) VALUES (?,?)",
                     [(k, c.event_id) for k in c.blocks])


# --------------------------------------------------------------------------------------------------
# Near-duplicate articles
# --------------------------------------------------------------------------------------------------


def save_duplicate(conn: sqlite3.Connection, match: DuplicateMatch, band_keys: Iterable[int] = ()) -> None:
    """Record an article's canonical copy, its MinHash signature and its LSH band keys (what
    ``duplicate_candidates`` looks up)."""
    with _atomic(conn):
        seq = conn.execute("SELECT coalesce(max(seq), -1) + 1 FROM article_minhash").fetchone()[0]
        cur = conn.execute(
            "INSERT OR IGNORE INTO article_minhash (article_id, seq, num_perm, scheme, signature)"
            " VALUES (?,?,?,?,?)",
            (match.article_id, seq, match.num_perm, match.scheme, json.dumps(match.signature)),
        )
        if cur.rowcount:
            conn.executemany("INSERT OR IGNORE INTO article_bands (key, seq) VALUES (?,?)",
                             [(k, seq) for k in band_keys])
        conn.execute(
            "INSERT OR REPLACE INTO article_duplicates (article_id, canonical_id, jaccard) VALUES (?,?,?)",
            (match.article_id, match.canonical_id, match.jaccard),
        )


def stored_duplicate(conn: sqlite3.Connection, article_id: str) -> DuplicateMatch | None:
    """The recorded match of an article already checked (re-extraction does not move it)."""
    r = conn.execute(
        "SELECT d.canonical_id, d.jaccard, m.signature, m.num_perm, m.scheme FROM article_minhash m"
        " JOIN article_duplicates d ON d.article_id = m.article_id WHERE m.article_id = ?", (article_id,)).fetchone()
    return None if r is None else DuplicateMatch(article_id, r[0], r[1], json.loads(r[2]), r[3], r[4])


def duplicate_candidates(conn: sqlite3.Connection, band_keys: list[int], num_perm: int,
                         scheme: str) -> list[tuple[str, int, str, list[int]]]:
    """Stored articles sharing an LSH band with ``band_keys``: ``(canonical id, canonical's seq, article
    id, signature)``, read through the band index, so the cost follows the matches, not the corpus."""
    if not band_keys:
        return []
    marks = ",".join("?" * len(band_keys))
    rows = conn.execute(
        "SELECT d.canonical_id, coalesce(c.seq, m.seq), m.article_id, m.signature FROM article_minhash m"
        " JOIN article_duplicates d ON d.article_id = m.article_id"
        " LEFT JOIN article_minhash c ON c.article_id = d.canonical_id"
        f" WHERE m.seq IN (SELECT DISTINCT seq FROM article_bands WHERE key IN ({marks}))"
        " AND m.num_perm = ? AND m.scheme = ?", [*band_keys, num_perm, scheme]).fetchall()
    return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def band_missing(conn: sqlite3.Connection, keys_of: Callable[[list[int]], list[int]], num_perm: int,
                 scheme: str) -> int:
    """Band the signatures of a store written before ``article_bands`` existed (once: only when the
    table is empty and signatures are not). Returns how many were banded."""
    if conn.execute("SELECT 1 FROM article_bands LIMIT 1").fetchone() is not None:
        return 0
    n = 0
    with _atomic(conn):
        rows = conn.execute("SELECT seq, num_perm, scheme, signature FROM article_minhash ORDER BY seq")
        for seq, n_perm, sch, sig in rows:
            if n_perm == num_perm and sch == scheme:
                conn.executemany("INSERT OR IGNORE INTO article_bands (key, seq) VALUES (?,?)",
                                 [(k, seq) for k in keys_of(json.loads(sig))])
                n += 1
    return n


def load_duplicates(conn: sqlite3.Connection, article_ids: Iterable[str] | None = None) -> dict[str, str]:
    """``article_id -> canonical_id`` for every article checked for near-duplicates (or those given)."""
    if article_ids is None:
        return {r[0]: r[1] for r in conn.execute("SELECT article_id, canonical_id FROM article_duplicates")}
    out: dict[str, str] = {}
    for aid in set(article_ids):
        r = conn.execute("SELECT canonical_id FROM article_duplicates WHERE article_id = ?", (aid,)).fetchone()
        if r is not None:
            out[aid] = r[0]
    return out


def load_signatures(conn: sqlite3.Connection) -> Iterator[tuple[str, int, str, list[int]]]:
    """Stored ``(article_id, num_perm, scheme, signature)`` rows in the order they were added."""
    for r in conn.execute("SELECT article_id, num_perm, scheme, signature FROM article_minhash ORDER BY seq"):
        yield r[0], r[1], r[2], json.loads(r[3])


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


def event_filter(parties: Iterable[tuple[str, str | None]] = (), faction: str | None = None,
                 type_: str | None = None, domain: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, min_sources: int = 1) -> tuple[list[str], list[Any]]:
    """WHERE clauses (over ``events e``) and their arguments for the event filters every view shares
    (CLI, queries, API), so that they always select the same events.

    ``parties`` are (state, faction or None) pairs that must all take part; a bare state matches all its
    factions; factions are stored lower-case. ``IN (subquery)`` rather than a correlated EXISTS, so SQLite
    reads the (country, faction) and domain indexes once. Every event has a source, so ``min_sources`` 1
    adds no clause. Dates compare on the bound's own precision (YYYY, YYYY-MM, YYYY-MM-DD), written
    as a range so the date index applies: ``date >= from`` and ``date < to || '~'`` ('~' sorts after
    every digit and '-', so "2025-03" keeps "2025-03-31" and "2025-03" itself).
    """
    where: list[str] = []
    args: list[Any] = []
    if min_sources > 1:
        where.append("e.n_sources >= ?")
        args.append(min_sources)
    sides = list(parties)
    if sides:  # one subquery joining a row per side: SQLite intersects them on the event_id index
        tables = " JOIN ".join(f"event_parties p{i}" + (f" ON p{i}.event_id = p0.event_id" if i else "")
                               for i in range(len(sides)))
        conds = []
        for i, (code, fac) in enumerate(sides):
            conds.append(f"p{i}.country = ?" + (f" AND p{i}.faction = ?" if fac else ""))
            args += [code.upper(), fac.lower()] if fac else [code.upper()]
        where.append(f"e.event_id IN (SELECT p0.event_id FROM {tables} WHERE {' AND '.join(conds)})")
    if faction:
        where.append("e.event_id IN (SELECT p.event_id FROM event_parties p WHERE p.faction = ?)")
        args.append(faction.lower())
    if type_:
        where.append("e.type = ?")
        args.append(type_.upper())
    if domain:
        where.append("e.event_id IN (SELECT d.event_id FROM event_domains d WHERE d.domain = ?)")
        args.append(domain)
    if date_from:
        where.append("e.date >= ?")
        args.append(date_from)
    if date_to:
        where.append("e.date < ?")
        args.append(date_to + "~")
    return where or ["1"], args


def _filter_sql(country: str | None, faction: str | None, type_: str | None, domain: str | None,
                date_from: str | None, date_to: str | None, min_sources: int) -> tuple[str, list[Any]]:
    parties = []
    if country:
        code, _, fac = country.partition(":")
        parties.append((code, fac or None))
    where, args = event_filter(parties, faction, type_, domain, date_from, date_to, min_sources)
    sql = ("SELECT e.* FROM events e WHERE " + " AND ".join(where)
           + " ORDER BY e.date IS NULL, e.date, e.event_id")
    return sql, args


def _article_meta(conn: sqlite3.Connection, article_ids: Iterable[str] | None = None) -> dict[str, tuple[Any, ...]]:
    """url/outlet/published per article (all, or those given), to fill sources the extractor left blank."""
    sql = "SELECT article_id, url, outlet, published FROM articles"
    try:
        if article_ids is None:
            rows = conn.execute(sql).fetchall()
        else:
            rows = [r for aid in set(article_ids) for r in conn.execute(sql + " WHERE article_id = ?", (aid,))]
    except sqlite3.OperationalError:
        return {}
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def event_detail(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event explained, JSON-ready; None when there is no such event.

    The explanation is the one the merge stored (member reasons, near misses), not recomputed.

    Returns:
        ``{"event": {...}}`` — the exported event (DESIGN.md contract, each source with its own
        ``date``, ``date_precision``, ``location``, ``people``, ``domains``, ``background``), plus
        ``"members"``: one per mention ``{"mention_id", "article_id", "outlet", "url", "sentence",
        "start", "end", "type", "date", "date_precision", "location", "background", "score",
        "evidence": [reason, …]}`` in the order they joined, and ``"near_misses"``: one per candidate
        cluster a member was kept apart from ``{"mention_id", "other_event_id", "other_type",
        "other_date", "score", "reasons": [...]}`` (the last reason says why, ending in ": no" when a
        hard constraint blocked). ``"resolved_from"``: the id asked for when it was an earlier id of this event
        (the merge gave the event another id as its reports changed; ``current_event_id``), else None;
        ``"former_ids"``: every earlier id that leads here.
    """
    requested, event_id = event_id, current_event_id(conn, event_id) or event_id
    rows = _rows(conn, "SELECT e.* FROM events e WHERE e.event_id = ?", [event_id])
    if not rows:
        return None
    cluster = _load_cluster(conn, event_id)
    articles = _article_meta(conn, [m.article_id for m in cluster.members] if cluster else [])
    exported = _export_row(rows[0], articles)
    members = []
    for m in cluster.members if cluster else []:
        ev = m.event
        src = ev.sources[0] if ev and ev.sources else None
        url, outlet, _ = articles.get(m.article_id, (None, None, None))
        members.append({
            "mention_id": m.mention_id, "article_id": m.article_id, "outlet": (src.outlet if src else None) or outlet,
            "url": (src.url if src else None) or url, "sentence": src.sentence if src else None,
            "start": src.start if src else None, "end": src.end if src else None,
            "type": ev.type if ev else None, "date": ev.date if ev else None,
            "date_precision": ev.date_precision if ev else None, "location": ev.location if ev else None,
            "background": ev.background if ev else None, "score": m.score, "evidence": list(m.reasons)})
    misses = []
    for n in cluster.near_misses if cluster else []:
        other_id = n.other_event_id
        if n.other_mention_id:  # the other cluster may have been re-clustered since: follow its member
            row = conn.execute("SELECT event_id FROM event_members WHERE mention_id = ?",
                               (n.other_mention_id,)).fetchone()
            other_id = row[0] if row else other_id
        if other_id == event_id:
            continue  # joined since
        other = conn.execute("SELECT type, date FROM events WHERE event_id = ?", (other_id,)).fetchone()
        misses.append({"mention_id": n.mention_id, "other_event_id": other_id,
                       "other_type": other[0] if other else None, "other_date": other[1] if other else None,
                       "score": n.score, "reasons": list(n.reasons)})
    return {"event": exported, "members": members, "near_misses": misses,
            "resolved_from": requested if requested != event_id else None, "former_ids": former_ids(conn, event_id)}


def export_rows(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Rows of ``events`` in the exported-event contract, reading only the articles their sources cite
    (one page of an API listing does not read the whole articles table)."""
    parsed = [(r, json.loads(r["consensus_json"])) for r in rows]
    ids = {s.get("article_id") for _, d in parsed for s in d["event"].get("sources") or []}
    articles = _article_meta(conn, sorted(i for i in ids if i))
    return [_export_row(r, articles, d) for r, d in parsed]


def _export_row(row: sqlite3.Row, articles: dict[str, tuple[Any, ...]],
                data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = json.loads(row["consensus_json"]) if data is None else data
    ev = event_from_dict(data["event"])
    own = data.get("source_values", {})
    sources = []
    for s in ev.sources:
        url, outlet, published = articles.get(s.article_id, (None, None, None))
        source = {"article_id": s.article_id, "url": s.url or url, "outlet": s.outlet or outlet,
                  "published": s.published or published, "sentence": s.sentence,
                  "start": s.start, "end": s.end}
        # what this article itself says, where it says it (an undated report keeps the event's date)
        source.update({k: v for k, v in own.get(s.article_id, {}).items() if v not in (None, [], "")})
        sources.append(source)
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
