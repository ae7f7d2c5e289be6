"""Full-text search over event evidence and article titles and text (SQLite FTS5).

The index holds *normalized* text (hamza/alef forms, ى/ي, ة/ه, tatweel and diacritics folded), so a
query typed either way finds either spelling. SQLite triggers cannot call the Python normalizer, so the
index is kept in sync incrementally instead: ``sync_index`` (re)indexes the articles and events that are
new or changed since the last run and drops those that are gone, and keeps ``search_events`` (each
indexed document's events and their dates) beside it, so a match reaches its events and their order
in one index read; ``store.summary`` keeps those rows current as the merge saves and deletes events.
The normalizer is passed in by the caller because ``store`` imports only ``model``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

Fold = Callable[[str], str]

_MAP_EVENT = ("SELECT ss.fts_rowid, coalesce(e.date, ''), e.event_id FROM search_state ss JOIN events e ON e.event_id = ss.ref"
              " WHERE ss.kind = 'event'")
_MAP_ARTICLE = ("SELECT ss.fts_rowid, coalesce(e.date, ''), e.event_id FROM search_state ss"
                " JOIN event_mentions em ON em.article_id = ss.ref JOIN event_members m ON m.mention_id = em.mention_id"
                " JOIN events e ON e.event_id = m.event_id WHERE ss.kind = 'article'")
_MAP_ALL = f"{_MAP_EVENT} UNION {_MAP_ARTICLE}"
"""``search_events`` rows (the FTS row, the event's date and id) of every indexed document. An undated event
is mapped with the date '' (a WITHOUT ROWID key column cannot hold NULL: ``INSERT OR IGNORE`` would drop
the row silently); ``matching_event_ids_sql`` gives it back as NULL."""

MIGRATIONS: list[tuple[str, str]] = [
    (
        "search_001_fts",
        """
        CREATE VIRTUAL TABLE search_fts USING fts5(
            kind UNINDEXED, ref UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE search_state (
            kind TEXT NOT NULL, ref TEXT NOT NULL, stamp TEXT NOT NULL, fts_rowid INTEGER NOT NULL,
            PRIMARY KEY (kind, ref)
        )
        """,
    ),
    (
        "search_002_rowid_index",
        # A match's kind and ref read from this small index, not from the FTS content rows (the bodies).
        "CREATE INDEX IF NOT EXISTS search_state_rowid ON search_state(fts_rowid, kind, ref)",
    ),
    (
        "search_003_event_map",
        # Each indexed document's events and their dates: an event's own evidence, and the events each
        # article backs. A match then reaches its events and their order in one index read.
        f"""
        CREATE TABLE search_events (
            fts_rowid INTEGER NOT NULL, date TEXT, event_id TEXT NOT NULL, PRIMARY KEY (fts_rowid, date, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX search_events_event ON search_events(event_id);
        INSERT OR IGNORE INTO search_events (fts_rowid, date, event_id) {_MAP_ALL}
        """,
    ),
]

_WORD = re.compile(r"\w+", re.UNICODE)


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return row is not None


def has_index(conn: sqlite3.Connection) -> bool:
    """Whether the store has the search tables (a read-only server cannot create them)."""
    return _exists(conn, "search_fts") and _exists(conn, "search_state")


def _documents(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(kind, ref) -> change stamp for everything that should be indexed."""
    docs: dict[tuple[str, str], str] = {}
    for ref, stamp in conn.execute("SELECT article_id, coalesce(extracted_at, ingested_at) FROM articles"):
        docs[("article", ref)] = stamp or ""
    if _exists(conn, "events"):
        for ref, stamp in conn.execute("SELECT event_id, updated_at FROM events"):
            docs[("event", ref)] = stamp or ""
    return docs


def _body(conn: sqlite3.Connection, kind: str, ref: str, fold: Fold) -> str:
    if kind == "article":
        row = conn.execute("SELECT coalesce(title, ''), text FROM articles WHERE article_id = ?",
                           (ref,)).fetchone()
        return fold(f"{row[0]}\n{row[1]}") if row else ""
    rows = conn.execute(
        "SELECT DISTINCT em.sentence FROM event_members m JOIN event_mentions em"
        " ON em.mention_id = m.mention_id WHERE m.event_id = ?", (ref,)).fetchall()
    return fold("\n".join(r[0] or "" for r in rows))


def sync_index(conn: sqlite3.Connection, fold: Fold) -> dict[str, int]:
    """Bring the index up to date with the store (one transaction). Returns counts added/removed."""
    want = _documents(conn)
    have = {(k, r): (s, rid) for k, r, s, rid in conn.execute(
        "SELECT kind, ref, stamp, fts_rowid FROM search_state")}
    stale = [key for key, (stamp, _) in have.items() if want.get(key) != stamp]
    fresh = [key for key, stamp in want.items() if key not in have or have[key][0] != stamp]
    conn.execute("SAVEPOINT alliancemap_search")
    try:
        for key in stale:
            conn.execute("DELETE FROM search_fts WHERE rowid = ?", (have[key][1],))
            conn.execute("DELETE FROM search_state WHERE kind = ? AND ref = ?", key)
        for kind, ref in fresh:
            cur = conn.execute("INSERT INTO search_fts (kind, ref, body) VALUES (?, ?, ?)",
                               (kind, ref, _body(conn, kind, ref, fold)))
            conn.execute("INSERT INTO search_state (kind, ref, stamp, fts_rowid) VALUES (?, ?, ?, ?)",
                         (kind, ref, want[(kind, ref)], cur.lastrowid))
        if _exists(conn, "search_events"):
            _update_map(conn, [(key, have[key][1]) for key in stale], fresh)
    except BaseException:
        conn.execute("ROLLBACK TO alliancemap_search")
        conn.execute("RELEASE alliancemap_search")
        raise
    conn.execute("RELEASE alliancemap_search")
    return {"indexed": len(fresh), "removed": len(set(stale) - set(fresh))}


def _update_map(conn: sqlite3.Connection, stale: list[tuple[tuple[str, str], int]],
                fresh: list[tuple[str, str]]) -> None:
    """Follow the index's changes in ``search_events``: a re-indexed document's old row goes, a new
    article maps the events it backs, and each new, changed or gone event is mapped anew."""
    for _, rowid in stale:
        conn.execute("DELETE FROM search_events WHERE fts_rowid = ?", (rowid,))
    for kind, ref in fresh:
        if kind == "article":
            conn.execute(_INSERT_MAP + _MAP_ARTICLE + " AND ss.ref = ?", (ref,))
    remap_events(conn, sorted({ref for (kind, ref), _ in stale if kind == "event"}
                              | {ref for kind, ref in fresh if kind == "event"}))


_INSERT_MAP = "INSERT OR IGNORE INTO search_events (fts_rowid, date, event_id) "


def remap_events(conn: sqlite3.Connection, event_ids: list[str]) -> None:
    """Map these events to the indexed documents they have now, at their current date: their own
    evidence document and their articles' (none for an event that is gone). ``store.summary`` calls it
    for the events a merge saves, so a search between a merge and the next ``sync_index`` never names
    an event merged away nor orders one by its old date."""
    if not _exists(conn, "search_events"):
        return
    for event_id in event_ids:
        conn.execute("DELETE FROM search_events WHERE event_id = ?", (event_id,))
        conn.execute(_INSERT_MAP + _MAP_EVENT + " AND ss.ref = ?", (event_id,))
        conn.execute(_INSERT_MAP + _MAP_ARTICLE + " AND m.event_id = ?", (event_id,))


def forget_event(conn: sqlite3.Connection, event_id: str) -> None:
    """Drop a deleted event from ``search_events`` (its documents may stay indexed until the next sync)."""
    if _exists(conn, "search_events"):
        conn.execute("DELETE FROM search_events WHERE event_id = ?", (event_id,))


def is_stale(conn: sqlite3.Connection) -> bool:
    """Whether articles or events changed since the last ``sync_index`` (cheap: counts and stamps)."""
    if not has_index(conn):
        return True
    want = _documents(conn)
    have = dict(((k, r), s) for k, r, s in conn.execute("SELECT kind, ref, stamp FROM search_state"))
    return want != have


def match_expression(query: str, fold: Fold) -> str | None:
    """An FTS5 MATCH expression for a user's words: every word must occur (quoted, so no syntax leaks).

    The last word also matches as a prefix, so "تدر" finds "تدريب" while typing. None when the query
    holds no word at all.
    """
    words = _WORD.findall(fold(query))
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def matching_event_ids_sql() -> str:
    """SQL (one ``?``, the MATCH expression) selecting ``(event_id, date)`` of the events that match,
    through their evidence sentences or through any source article's title or text (a row per matching
    document: an event may come more than once)."""
    return ("SELECT se.event_id, NULLIF(se.date, '') AS date FROM search_fts JOIN search_events se ON se.fts_rowid = search_fts.rowid"
            " WHERE search_fts MATCH ?")


def matching_event_ids_by_mentions_sql() -> str:
    """The same match set read through the mentions rather than ``search_events``: for a store opened
    read-only before that table existed (one ``?``)."""
    return ("SELECT e.event_id, e.date FROM search_fts JOIN search_state ss ON ss.fts_rowid = search_fts.rowid"
            " LEFT JOIN event_mentions em ON ss.kind = 'article' AND em.article_id = ss.ref"
            " LEFT JOIN event_members m ON m.mention_id = em.mention_id"
            " JOIN events e ON e.event_id = CASE ss.kind WHEN 'event' THEN ss.ref ELSE m.event_id END"
            " WHERE search_fts MATCH ?")


def search_articles(conn: sqlite3.Connection, query: str, fold: Fold, limit: int = 50) -> list[str]:
    """Ids of articles whose title or text matches, best first (bm25)."""
    expr = match_expression(query, fold)
    if expr is None:
        return []
    rows = conn.execute(
        "SELECT ref FROM search_fts WHERE search_fts MATCH ? AND kind = 'article' ORDER BY rank LIMIT ?",
        (expr, limit)).fetchall()
    return [r[0] for r in rows]
