"""Full-text search over event evidence and article titles and text (SQLite FTS5).

The index holds *normalized* text (hamza/alef forms, ى/ي, ة/ه, tatweel and diacritics folded), so a
query typed either way finds either spelling. SQLite triggers cannot call the Python normalizer, so the
index is kept in sync incrementally instead: ``sync_index`` (re)indexes the articles and events that are
new or changed since the last run and drops those that are gone. The normalizer is passed in by the
caller because ``store`` imports only ``model``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

Fold = Callable[[str], str]

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
    except BaseException:
        conn.execute("ROLLBACK TO alliancemap_search")
        conn.execute("RELEASE alliancemap_search")
        raise
    conn.execute("RELEASE alliancemap_search")
    return {"indexed": len(fresh), "removed": len(set(stale) - set(fresh))}


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


def matching_event_ids_sql(article_events: str = "event_sources") -> str:
    """SQL (one ``?``, the MATCH expression) selecting ids of events that match: through their evidence
    sentences or through any source article's title or text (an unmapped article yields NULL, which no
    ``IN`` matches).

    The index is scanned once and each matching article mapped to its events through one index:
    ``event_sources (article_id)`` of ``store.summary`` (``article_events="event_sources"``), or the
    mentions and members for a store whose summaries are not synced (``"mentions"``).
    """
    if article_events == "event_sources":
        join, event = " LEFT JOIN event_sources src ON ss.kind = 'article' AND src.article_id = ss.ref", "src.event_id"
    else:
        join = (" LEFT JOIN event_mentions em ON ss.kind = 'article' AND em.article_id = ss.ref"
                " LEFT JOIN event_members m ON m.mention_id = em.mention_id")
        event = "m.event_id"
    return (f"SELECT CASE ss.kind WHEN 'event' THEN ss.ref ELSE {event} END"
            f" FROM search_fts JOIN search_state ss ON ss.fts_rowid = search_fts.rowid{join}"
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
