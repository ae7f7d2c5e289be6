"""Read-only data access for the API: a connection opened ``mode=ro`` and the few reads the store
modules do not offer in page-sized form (events by keyset page, one event, articles).

Every value from the request reaches SQLite as a bound parameter; only fixed SQL fragments are joined.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson

from alliancemap.store import search
from alliancemap.store.events import event_detail, event_filter
from alliancemap.store.queries import exported_by_id as exported  # the summaries, else the records
from alliancemap.text.normalize import fold


class CursorError(ValueError):
    """The ``cursor`` parameter is not one this server handed out."""


def connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection (SQLite refuses every write, whatever the code asks)."""
    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    return conn


def to_json(body: Any) -> bytes:
    """A response body as compact UTF-8 JSON. orjson, not ``json``: a large answer (the graph of a period:
    325 ties with their outlets, about 200 KB) costs a fifth of a millisecond instead of five."""
    return orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


# -- cursors ---------------------------------------------------------------------------------------

def encode_cursor(date: str | None, event_id: str) -> str:
    raw = json.dumps([date, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise CursorError("cursor is not valid; use the next_cursor of a previous page") from exc
    if not isinstance(event_id, str) or not (date is None or isinstance(date, str)):
        raise CursorError("cursor is not valid; use the next_cursor of a previous page")
    return date, event_id


# -- events ----------------------------------------------------------------------------------------

def _side(side: str) -> tuple[str, str | None]:
    code, _, fac = side.partition(":")
    return code, fac or None


def _match_sql(conn: sqlite3.Connection) -> str:
    """The search's ``(event_id, date)`` per matching document: through ``search_events``, or through the
    mentions on a store opened read-only before that table existed."""
    if table_exists(conn, "search_events"):
        return search.matching_event_ids_sql()
    return search.matching_event_ids_by_mentions_sql()


def event_filters(conn: sqlite3.Connection, f: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """WHERE clauses and arguments for the CLI's filters (``store.events.event_filter``) plus ``party``
    (repeatable: all must take part) and ``q`` (full-text)."""
    sides = ([f["country"]] if f.get("country") else []) + list(f.get("party") or [])
    where, args = event_filter([_side(s) for s in sides], f.get("faction"), f.get("type"), f.get("domain"),
                               f.get("date_from"), f.get("date_to"), f.get("min_sources") or 1)
    if f.get("q"):
        expr = search.match_expression(f["q"], fold)
        if expr is None:
            where.append("0")
        else:
            where.append(f"e.event_id IN (SELECT event_id FROM ({_match_sql(conn)}))")
            args.append(expr)
    return where, args


def list_events(conn: sqlite3.Connection, filters: dict[str, Any], limit: int,
                cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """One page of exported events in (date, event_id) order, undated last; and the next cursor.

    Dated and undated events are read by two queries so that each walks the date index in order
    instead of sorting the whole table.
    """
    where, args = event_filters(conn, filters)
    after_date, after_id = decode_cursor(cursor) if cursor else (None, None)
    rows: list[sqlite3.Row] = []
    if not (cursor and after_date is None):
        w, a = [*where, "e.date IS NOT NULL"], list(args)
        if cursor:
            w.append("(e.date > ? OR (e.date = ? AND e.event_id > ?))")
            a += [after_date, after_date, after_id]
        rows = conn.execute(f"SELECT {_KEY_COLS} FROM events e WHERE " + " AND ".join(w)
                            + " ORDER BY e.date, e.event_id LIMIT ?", [*a, limit + 1]).fetchall()
    if len(rows) <= limit:
        w, a = [*where, "e.date IS NULL"], list(args)
        if cursor and after_date is None:
            w.append("e.event_id > ?")
            a.append(after_id)
        rows += conn.execute(f"SELECT {_KEY_COLS} FROM events e WHERE " + " AND ".join(w)
                             + " ORDER BY e.event_id LIMIT ?", [*a, limit + 1 - len(rows)]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    events = exported(conn, [r["event_id"] for r in rows])
    nxt = encode_cursor(rows[-1]["date"], rows[-1]["event_id"]) if more and rows else None
    return events, nxt


_KEY_COLS = "e.event_id, e.date"
"""What the listing queries read: the page is chosen on the index, the events come from the summaries."""


SELECT_CAP = 10_000
"""Narrow filters are read whole (at most this many events) so one query serves a page, its total and
the months chart; wider ones are paged on the date index and counted apart."""

Selection = list[tuple[str, str | None]]


def narrowing(filters: dict[str, Any]) -> bool:
    """Whether any filter is set (an unfiltered listing is paged on the index, never read whole)."""
    return any(v for k, v in filters.items() if k != "min_sources") or int(filters.get("min_sources") or 1) > 1


def _search_only(filters: dict[str, Any]) -> bool:
    """Whether a search is the only filter (its matches then need no other table)."""
    return bool(filters.get("q")) and not narrowing({**filters, "q": None})


def select_all(conn: sqlite3.Connection, filters: dict[str, Any], cap: int = SELECT_CAP) -> Selection | None:
    """Every matching ``(event_id, date)`` in store order (date, undated last, id), or None when more
    than ``cap`` events match."""
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row costs more than the query on thousands of rows
    # One statement, so a search's match set is computed once; SQLite sorts NULL dates first, they
    # are moved last here. A search alone is answered from its matches' (event_id, date) rows.
    if _search_only(filters):
        expr = search.match_expression(filters["q"], fold)
        sql = f"SELECT DISTINCT event_id, date FROM ({_match_sql(conn)}) ORDER BY date, event_id LIMIT ?"
        rows = cur.execute(sql, [expr, cap + 1]).fetchall() if expr else []
    else:
        where, args = event_filters(conn, filters)
        rows = cur.execute("SELECT e.event_id, e.date FROM events e WHERE " + " AND ".join(where)
                           + " ORDER BY e.date, e.event_id LIMIT ?", [*args, cap + 1]).fetchall()
    if len(rows) > cap:
        return None
    return [r for r in rows if r[1] is not None] + [r for r in rows if r[1] is None]


def first_page(conn: sqlite3.Connection, filters: dict[str, Any],
               limit: int) -> tuple[list[dict[str, Any]], str | None, int]:
    """The first page, its next cursor and the total: from one read of a narrow selection, or from the
    paged listing and a count; a search alone, from one statement that sorts and counts its matches in
    SQLite and hands back only the page."""
    if _search_only(filters):
        return _search_page(conn, filters["q"], limit)
    sel = select_all(conn, filters) if narrowing(filters) else None
    if sel is None:
        items, nxt = list_events(conn, filters, limit)
        return items, nxt, count_events(conn, filters)
    page = sel[:limit]
    nxt = encode_cursor(page[-1][1], page[-1][0]) if len(sel) > limit else None
    return exported(conn, [i for i, _ in page]), nxt, len(sel)


def _search_page(conn: sqlite3.Connection, q: str, limit: int) -> tuple[list[dict[str, Any]], str | None, int]:
    """The first page of a search's matching events in store order (date, undated last, id), its next
    cursor and the number of matching events: the matches never leave SQLite, however many there are."""
    expr = search.match_expression(q, fold)
    if expr is None:
        return [], None, 0
    cur = conn.cursor()
    cur.row_factory = None
    rows = cur.execute(f"SELECT event_id, d, count(*) OVER () FROM (SELECT DISTINCT event_id, date AS d FROM"
                       f" ({_match_sql(conn)})) ORDER BY d IS NULL, d, event_id LIMIT ?", [expr, limit + 1]).fetchall()
    page = rows[:limit]
    nxt = encode_cursor(page[-1][1], page[-1][0]) if len(rows) > limit else None
    return exported(conn, [r[0] for r in page]), nxt, rows[0][2] if rows else 0


def latest_events(conn: sqlite3.Connection, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` events that pass the filters, newest first (undated last).

    The date index is walked backwards until the page is full (events of one day by id, descending):
    left to itself SQLite reads every event of a party by id and sorts them (thousands on a large store).
    """
    where, args = event_filters(conn, filters)
    walk = " INDEXED BY listing_events_date" if table_exists(conn, "listing_events_date") else ""
    rows = conn.execute(f"SELECT {_KEY_COLS} FROM events e{walk} WHERE "
                        + " AND ".join([*where, "e.date IS NOT NULL"])
                        + " ORDER BY e.date DESC, e.event_id DESC LIMIT ?", [*args, limit]).fetchall()
    if len(rows) < limit:
        rows += conn.execute(f"SELECT {_KEY_COLS} FROM events e WHERE " + " AND ".join([*where, "e.date IS NULL"])
                             + " ORDER BY e.event_id LIMIT ?", [*args, limit - len(rows)]).fetchall()
    return exported(conn, [r["event_id"] for r in rows])


def count_events(conn: sqlite3.Connection, filters: dict[str, Any]) -> int:
    where, args = event_filters(conn, filters)
    return conn.execute("SELECT count(*) FROM events e WHERE " + " AND ".join(where), args).fetchone()[0]


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One exported event; each source carries its article's title and language for the event page,
    and the event the merge's explanation (``store.events.event_detail``): ``members``, each mention
    with the evidence that made it join, and ``near_misses``, the events it was kept apart from. An earlier
    id of the event (the merge changed it as reports arrived) gives the event under its current id, with
    ``resolved_from`` set to the id asked for; ``former_ids`` lists every earlier id."""
    detail = event_detail(conn, event_id)
    if detail is None:
        return None
    event = {**detail["event"], "members": detail["members"], "near_misses": detail["near_misses"],
             "resolved_from": detail["resolved_from"], "former_ids": detail["former_ids"]}
    for src in event["sources"]:
        art = conn.execute("SELECT title, lang FROM articles WHERE article_id = ?", (src["article_id"],)).fetchone()
        src["title"], src["lang"] = (art["title"], art["lang"]) if art else (None, None)
    return event


# -- articles --------------------------------------------------------------------------------------

_ARTICLE_COLS = "article_id, url, outlet, title, published, lang, length(text) AS chars"


def list_articles(conn: sqlite3.Connection, limit: int, offset: int, q: str | None) -> list[dict[str, Any]]:
    if q:
        ids = search.search_articles(conn, q, fold, limit=offset + limit)[offset:]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r["article_id"]: dict(r) for r in conn.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles WHERE article_id IN ({marks})", ids)}
        return [rows[i] for i in ids if i in rows]
    return [dict(r) for r in conn.execute(
        f"SELECT {_ARTICLE_COLS} FROM articles ORDER BY published DESC, article_id LIMIT ? OFFSET ?",
        (limit, offset))]


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_ARTICLE_COLS}, text FROM articles WHERE article_id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["events"] = [dict(r) for r in conn.execute(
        "SELECT DISTINCT e.event_id, e.type, e.date FROM events e JOIN event_members m ON m.event_id = e.event_id"
        " JOIN event_mentions em ON em.mention_id = m.mention_id WHERE em.article_id = ?"
        " ORDER BY e.date IS NULL, e.date", (article_id,))] if table_exists(conn, "event_mentions") else []
    return out


def claims_for_articles(conn: sqlite3.Connection, article_ids: list[str], limit: int = 200) -> list[dict[str, Any]]:
    """Attributed statements made in these articles (who said what about the relationship)."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(
        f"SELECT c.claim_id, c.article_id, c.speaker, c.speaker_role, c.speaker_actor_id, c.text, c.start,"
        f' c."end", c.negated, a.outlet, a.published, a.url, a.lang FROM claims c JOIN articles a ON a.article_id = c.article_id'
        f" WHERE c.article_id IN ({marks}) ORDER BY a.published, c.start LIMIT ?", [*article_ids, limit])
    return [{**dict(r), "negated": bool(r["negated"])} for r in rows]
