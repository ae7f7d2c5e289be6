"""Actors in the store: names, aliases, roles over time, links from mentions, merges and their undo.

A merge is never destructive: it moves alias, role and link rows from A to B and records exactly which
rows moved (``actor_merges.moved``), so ``split_actor`` can put them back. Doubtful links wait in the
review queue; accepting one adds its alias, rejecting one leaves the actor unchanged.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alliancemap.model import ActorQuery, ActorRow, ActorWrites, AliasRow

MIGRATIONS: list[tuple[str, str]] = [
    (
        "actors_001_init",
        """
        CREATE TABLE actors (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, name_en TEXT, name_ar TEXT, country TEXT,
            faction TEXT, sector TEXT, wikidata TEXT, role TEXT, origin TEXT NOT NULL DEFAULT 'article',
            merged_into TEXT, created_at TEXT NOT NULL
        );
        CREATE INDEX actors_country ON actors(country);
        CREATE TABLE actor_aliases (
            actor_id TEXT NOT NULL, alias TEXT NOT NULL, norm TEXT NOT NULL, phon TEXT NOT NULL,
            script TEXT NOT NULL, article_id TEXT, count INTEGER NOT NULL DEFAULT 1,
            UNIQUE (actor_id, norm)
        );
        CREATE INDEX actor_aliases_norm ON actor_aliases(norm);
        CREATE INDEX actor_aliases_phon ON actor_aliases(phon);
        CREATE TABLE actor_roles (
            actor_id TEXT NOT NULL, role TEXT NOT NULL, role_norm TEXT NOT NULL, seen_date TEXT,
            article_id TEXT NOT NULL, start INTEGER, "end" INTEGER,
            UNIQUE (actor_id, role_norm, article_id, start)
        );
        CREATE INDEX actor_roles_actor ON actor_roles(actor_id);
        CREATE TABLE actor_links (
            link_id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL, target TEXT NOT NULL,
            text TEXT NOT NULL, alias TEXT, start INTEGER, "end" INTEGER, actor_id TEXT NOT NULL,
            score REAL NOT NULL, reason TEXT NOT NULL, doubtful INTEGER NOT NULL DEFAULT 0,
            reviewed INTEGER NOT NULL DEFAULT 0, verdict TEXT,
            UNIQUE (article_id, target, start, text)
        );
        CREATE INDEX actor_links_actor ON actor_links(actor_id);
        CREATE TABLE actor_merges (
            merge_id INTEGER PRIMARY KEY AUTOINCREMENT, source_id TEXT NOT NULL, target_id TEXT NOT NULL,
            merged_at TEXT NOT NULL, moved TEXT NOT NULL, undone_at TEXT
        )
        """,
    ),
    (
        "actors_002_hot_indexes",
        """
        CREATE INDEX actor_links_article ON actor_links(article_id, alias, actor_id);
        ALTER TABLE actors ADD COLUMN name_en_romanized INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE actor_links ADD COLUMN norm TEXT;
        ALTER TABLE actor_links ADD COLUMN phon TEXT;
        ALTER TABLE actor_links ADD COLUMN script TEXT
        """,
    ),
]

_MOVABLE = ("actor_aliases", "actor_roles", "actor_links")
_EVENT_TABLES = ("event_people", "event_parties")


class ActorStoreError(ValueError):
    """Misuse of the actor store: unknown id, merging an actor into itself, nothing to split."""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@contextmanager
def _tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A transaction of our own unless the caller already holds one."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _insert_actor(conn: sqlite3.Connection, a: ActorRow) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO actors (id, kind, name_en, name_ar, country, faction, sector, wikidata, role,"
        " origin, created_at, name_en_romanized) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (a.id, a.kind, a.name_en, a.name_ar, a.country, a.faction, a.sector, a.wikidata, a.role, a.origin, _now(),
         int(a.name_en_romanized)),
    )


def _add_alias(conn: sqlite3.Connection, a: AliasRow) -> None:
    conn.execute(
        "INSERT INTO actor_aliases (actor_id, alias, norm, phon, script, article_id) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT (actor_id, norm) DO UPDATE SET count = count + 1",
        (a.actor_id, a.alias, a.norm, a.phon, a.script, a.article_id),
    )


def seed_actors(conn: sqlite3.Connection, writes: ActorWrites) -> int:
    """Copy the KB's actors and aliases (``resolve.link.kb_writes``) into the store.

    Idempotent: existing rows are kept. Returns the number of actors known from the KB.
    """
    with _tx(conn):
        for actor in writes.actors:
            _insert_actor(conn, actor)
        conn.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, norm, phon, script) VALUES (?,?,?,?,?)",
            [(a.actor_id, a.alias, a.norm, a.phon, a.script) for a in writes.aliases])
    return len(writes.actors)


def load_actor_rows(conn: sqlite3.Connection) -> tuple[list[ActorRow], list[AliasRow]]:
    """Every stored actor (merged ones with their target) and every alias, in insertion order."""
    aliases = [AliasRow(r[0], r[1], r[2], r[3], r[4], r[5]) for r in conn.execute(
        "SELECT actor_id, alias, norm, phon, script, article_id FROM actor_aliases ORDER BY rowid")]
    actors = [ActorRow(r["id"], r["kind"], r["name_en"], r["name_ar"], r["country"], r["faction"], r["sector"],
                       r["wikidata"], r["role"], r["origin"], r["merged_into"], bool(r["name_en_romanized"]))
              for r in conn.execute("SELECT * FROM actors")]
    return actors, aliases


def save_link_result(conn: sqlite3.Connection, writes: ActorWrites) -> None:
    """Write new actors, aliases, roles and links of one article in one transaction (re-runs are safe).

    ``writes`` comes from ``LinkResult.writes()``; the caller then calls ``LinkResult.commit()`` so the
    registry the article was linked against learns the same for the next article of a batch.
    """
    with _tx(conn):
        for actor in writes.actors:
            _insert_actor(conn, actor)
        for obs in writes.aliases:
            exists = conn.execute("SELECT 1 FROM actor_links WHERE article_id=? AND alias=? AND actor_id=?",
                                  (obs.article_id, obs.alias, obs.actor_id)).fetchone()
            if exists is None:  # count each article once per alias
                _add_alias(conn, obs)
            _fill_other_script(conn, obs.actor_id, obs.alias, obs.script)
        conn.executemany(
            'INSERT OR IGNORE INTO actor_roles (actor_id, role, role_norm, seen_date, article_id, start, "end")'
            " VALUES (?,?,?,?,?,?,?)",
            [(r.actor_id, r.role, r.role_norm, r.seen_date, r.article_id, r.start, r.end) for r in writes.roles])
        conn.executemany(
            'INSERT OR REPLACE INTO actor_links (article_id, target, text, alias, start, "end", actor_id,'
            " score, reason, doubtful, norm, phon, script) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(lk.article_id, lk.target, lk.text, lk.alias, lk.start, lk.end, lk.actor_id, lk.score, lk.reason,
              int(lk.doubtful), lk.norm, lk.phon, lk.script) for lk in writes.links])


def _fill_other_script(conn: sqlite3.Connection, actor_id: str, alias: str, script: str) -> None:
    """An actor first met in one script gets its name in the other as soon as an article writes it:
    a written Latin spelling replaces the machine romanization, an Arabic one fills the empty name."""
    row = conn.execute("SELECT name_en, name_ar, kind, name_en_romanized FROM actors"
                       " WHERE id = ? AND origin = 'article'", (actor_id,)).fetchone()
    if row is None or (row["kind"] == "person" and len(alias.split()) < 2):
        return
    if script == "ar" and not row["name_ar"]:
        conn.execute("UPDATE actors SET name_ar = ? WHERE id = ?", (alias, actor_id))
    elif script == "latin" and row["name_ar"] and row["name_en_romanized"]:
        conn.execute("UPDATE actors SET name_en = ?, name_en_romanized = 0 WHERE id = ?", (alias, actor_id))


def _live_id(conn: sqlite3.Connection, actor_id: str) -> str:
    """Follow merges to the actor that now holds ``actor_id``'s rows."""
    seen = set()
    while actor_id not in seen:
        seen.add(actor_id)
        row = conn.execute("SELECT merged_into FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None or not row[0]:
            return actor_id
        actor_id = row[0]
    return actor_id


def actor_record(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any]:
    """id, kind, names, aliases, country, faction, sector, wikidata and roles of one actor.

    Raises:
        ActorStoreError: no actor has this id.
    """
    actor_id = _live_id(conn, actor_id)
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        raise ActorStoreError(f"unknown actor id {actor_id!r} (try `alliancemap actors QUERY` to find it)")
    aliases = conn.execute(
        "SELECT alias, script, count FROM actor_aliases WHERE actor_id = ? ORDER BY count DESC, alias", (actor_id,)
    ).fetchall()
    roles = conn.execute(
        "SELECT role, min(seen_date) AS first_seen, max(seen_date) AS last_seen, count(*) AS n,"
        " group_concat(DISTINCT article_id) AS articles FROM actor_roles WHERE actor_id = ?"
        " GROUP BY role_norm ORDER BY first_seen, role", (actor_id,)
    ).fetchall()
    roles_out = [{"role": r["role"], "first_seen": r["first_seen"], "last_seen": r["last_seen"],
                  "count": r["n"], "articles": (r["articles"] or "").split(",")} for r in roles]
    if _table_exists(conn, "articles"):  # where each role was written: outlet, url, date
        for r in roles_out:
            marks = ",".join("?" * len(r["articles"]))
            r["sources"] = [dict(s) for s in conn.execute(
                f"SELECT article_id, outlet, url, published FROM articles WHERE article_id IN ({marks})"
                " ORDER BY published", r["articles"])]
    return {
        "id": row["id"], "kind": row["kind"],
        "names": {"en": row["name_en"], "ar": row["name_ar"]},
        "aliases": [a["alias"] for a in aliases],
        "country": row["country"], "faction": row["faction"], "sector": row["sector"],
        "wikidata": row["wikidata"],
        "roles": roles_out,
    }


def get_actor(conn: sqlite3.Connection, actor_id: str) -> dict[str, Any] | None:
    """``actor_record`` plus the events the actor took part in and its co-partners; None if unknown."""
    try:
        rec = actor_record(conn, actor_id)
    except ActorStoreError:
        return None
    rec["events"], rec["partners"] = [], []
    if _table_exists(conn, "events") and _table_exists(conn, "event_people"):
        rec["events"] = [dict(r) for r in conn.execute(
            "SELECT DISTINCT e.event_id, e.type, e.date FROM events e JOIN event_people p"
            " ON p.event_id = e.event_id WHERE p.actor_id = ? ORDER BY e.date IS NULL, e.date", (rec["id"],))]
    if rec["events"] and _table_exists(conn, "event_parties"):
        ids = [e["event_id"] for e in rec["events"]]
        marks = ",".join("?" * len(ids))
        rec["partners"] = [dict(r) for r in conn.execute(
            f"SELECT country, faction, count(DISTINCT event_id) AS events FROM event_parties"
            f" WHERE event_id IN ({marks}) AND (country IS NOT ? OR ? IS NULL)"
            f" GROUP BY country, faction ORDER BY events DESC, country", (*ids, rec["country"], rec["country"]))]
    return rec


def live_actors_where(kind: str | None = None, country: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause of an actor listing (live actors of this kind/country), shared by the listing
    and its count so that "showing N of M" counts exactly what the list would show."""
    where, args = ["merged_into IS NULL"], []
    if kind:
        where.append("kind = ?")
        args.append(kind)
    if country:
        where.append("country = ?")
        args.append(country.upper())
    return " AND ".join(where), args


def search_actors(conn: sqlite3.Connection, query: ActorQuery | None = None, kind: str | None = None,
                  country: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actors whose any name or alias matches ``query`` (``resolve.link.actor_query``) in either script:
    exact, contained, romanized or fuzzy; best first. No query lists actors (filtered by kind/country)."""
    where, args = live_actors_where(kind, country)
    ids = [r[0] for r in conn.execute("SELECT id FROM actors WHERE " + where + " ORDER BY id", args)]
    if query is None or not query.text.strip():
        return [actor_record(conn, i) for i in ids[:limit]]
    qn, qp = query.norm, query.phon
    scores: dict[str, float] = {}
    allowed = set(ids)
    rows = conn.execute("SELECT actor_id, norm, phon FROM actor_aliases").fetchall()
    rows += conn.execute("SELECT id, lower(coalesce(name_en, '')), '' FROM actors").fetchall()
    for actor_id, norm, phon in rows:
        if actor_id not in allowed:
            continue
        s = _match_score(qn, qp, norm, phon)
        if s > scores.get(actor_id, 0):
            scores[actor_id] = s
    best = sorted((i for i, s in scores.items() if s >= 0.7), key=lambda i: (-scores[i], i))
    return [dict(actor_record(conn, i), score=round(scores[i], 3)) for i in best[:limit]]


def _match_score(qn: str, qp: str, norm: str, phon: str) -> float:
    if not norm:
        return 0.0
    if qn == norm:
        return 1.0
    if qp and qp == phon:
        return 0.95
    if qn in norm.split() or (qp and phon and qp in phon.split()):
        return 0.85
    from rapidfuzz import fuzz  # only an actor search scores names: other commands start without it

    return max(fuzz.ratio(qn, norm), fuzz.ratio(qp, phon) if phon else 0) / 100


def merge_actors(conn: sqlite3.Connection, source: str, target: str) -> int:
    """Merge actor ``source`` into ``target``: its aliases, roles, links and event rows move; the move is
    logged so ``split_actor`` can undo it. Returns the merge id."""
    source, target = _live_id(conn, source), _live_id(conn, target)
    for a in (source, target):
        if conn.execute("SELECT 1 FROM actors WHERE id = ?", (a,)).fetchone() is None:
            raise ActorStoreError(f"unknown actor id {a!r}")
    if source == target:
        raise ActorStoreError(f"cannot merge {source!r} into itself")
    moved: dict[str, list[int]] = {}
    with _tx(conn):
        for table in (*_MOVABLE, *(t for t in _EVENT_TABLES if _table_exists(conn, t))):
            rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE actor_id = ?", (source,))]
            if table == "actor_aliases":  # an alias both already have stays with the target
                dup = [r[0] for r in conn.execute(
                    "SELECT s.rowid FROM actor_aliases s JOIN actor_aliases t ON t.norm = s.norm"
                    " AND t.actor_id = ? WHERE s.actor_id = ?", (target, source))]
                rowids = [r for r in rowids if r not in dup]
            if table == "actor_roles":
                conn.execute(f"UPDATE OR IGNORE {table} SET actor_id = ? WHERE rowid IN ({','.join('?' * len(rowids))})",
                             (target, *rowids))
            else:
                conn.executemany(f"UPDATE {table} SET actor_id = ? WHERE rowid = ?", [(target, r) for r in rowids])
            moved[table] = rowids
        conn.execute("UPDATE actors SET merged_into = ? WHERE id = ?", (target, source))
        cur = conn.execute("INSERT INTO actor_merges (source_id, target_id, merged_at, moved) VALUES (?,?,?,?)",
                           (source, target, _now(), json.dumps(moved)))
        return int(cur.lastrowid or 0)


def split_actor(conn: sqlite3.Connection, ref: int | str) -> int:
    """Undo a merge, given its merge id or the id of the actor that was merged away (its last merge).

    Returns the merge id undone.
    """
    if isinstance(ref, int) or str(ref).isdigit():
        row = conn.execute("SELECT * FROM actor_merges WHERE merge_id = ? AND undone_at IS NULL",
                           (int(ref),)).fetchone()
    else:
        row = conn.execute("SELECT * FROM actor_merges WHERE (source_id = ? OR target_id = ?) AND undone_at IS NULL"
                           " ORDER BY merge_id DESC LIMIT 1", (ref, ref)).fetchone()
    if row is None:
        raise ActorStoreError(f"no merge to undo for {ref!r}")
    later = conn.execute("SELECT merge_id FROM actor_merges WHERE target_id = ? AND merge_id > ? AND undone_at IS NULL",
                         (row["source_id"], row["merge_id"])).fetchone()
    if later is not None:
        raise ActorStoreError(f"undo merge {later[0]} first: it merged into {row['source_id']!r} later")
    with _tx(conn):
        for table, rowids in json.loads(row["moved"]).items():
            if _table_exists(conn, table):
                conn.executemany(f"UPDATE {table} SET actor_id = ? WHERE rowid = ? AND actor_id = ?",
                                 [(row["source_id"], r, row["target_id"]) for r in rowids])
        conn.execute("UPDATE actors SET merged_into = NULL WHERE id = ?", (row["source_id"],))
        conn.execute("UPDATE actor_merges SET undone_at = ? WHERE merge_id = ?", (_now(), row["merge_id"]))
    return int(row["merge_id"])


def review_queue(conn: sqlite3.Connection, limit: int = 200) -> list[dict[str, Any]]:
    """Doubtful links not yet reviewed, lowest score first."""
    rows = conn.execute(
        'SELECT link_id, article_id, target, text, alias, start, "end", actor_id, score, reason FROM actor_links'
        " WHERE doubtful = 1 AND reviewed = 0 ORDER BY score, link_id LIMIT ?", (limit,)
    ).fetchall()
    return [dict(r) for r in rows]


def review_link(conn: sqlite3.Connection, link_id: int, accept: bool) -> dict[str, Any]:
    """Accept (the alias joins the actor) or reject (the actor is left as it was) one doubtful link."""
    row = conn.execute("SELECT * FROM actor_links WHERE link_id = ?", (link_id,)).fetchone()
    if row is None:
        raise ActorStoreError(f"unknown link id {link_id}")
    with _tx(conn):
        conn.execute("UPDATE actor_links SET reviewed = 1, verdict = ?, doubtful = ? WHERE link_id = ?",
                     ("accepted" if accept else "rejected", 0 if accept else 1, link_id))
        if accept and row["alias"]:
            _add_alias(conn, AliasRow(_live_id(conn, row["actor_id"]), row["alias"], row["norm"] or row["alias"],
                                      row["phon"] or "", row["script"] or "latin", row["article_id"]))
    return dict(row)
