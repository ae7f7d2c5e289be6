"""Read-only questions over the store: events by party, dyads, cursor pages, claims by person.

Events come from the stored summaries (``store.summary``, written by ``store.events.export_rows``), so
the CLI, the API and the exports share one event shape (the DESIGN.md exported-event contract). Parties are matched case-insensitively: ``pak``,
``PAK``, ``state:PAK`` and ``LBY:East`` all work. Only reads; SQL is parameterized.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from alliancemap.store import summary
from alliancemap.store.actors import live_actors_where
from alliancemap.store.db import LIKE_ESCAPE, like_escape
from alliancemap.store.events import event_filter, export_rows

Party = tuple[str, str | None]
Cursor = str | tuple[str | None, str]

_UNDATED = "9999-99-99"


def parse_party(party: str) -> Party:
    """``'LBY:east'`` -> ``('LBY', 'east')``; ``'PAK'`` / ``'state:pak'`` -> ``('PAK', None)``.

    Raises:
        ValueError: an empty or malformed party (the code must be three letters).
    """
    text = party.strip()
    if text.lower().startswith(("state:", "faction:")):
        text = text.partition(":")[2]
    code, _, faction = text.partition(":")
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError(f"{party!r} is not a party: expected an ISO alpha-3 country code such as PAK or LBY:east")
    return code, (faction.strip() or None)


def party_label(country: str, faction: str | None) -> str:
    """The one spelling of a party used as a graph node and in tables: ``PAK``, ``LBY:east``."""
    return country.upper() + (f":{faction}" if faction else "")


def party_matches(p: dict[str, Any], party: Party) -> bool:
    """True when an exported-event party stands for ``party`` (a bare state matches all its factions)."""
    code, faction = party
    if (p.get("country") or "").upper() != code:
        return False
    return faction is None or (p.get("faction") or "").lower() == faction.lower()


def sort_key(event: dict[str, Any]) -> tuple[str, str]:
    """The store's order (date, undated last, then event id), as a comparable key for cursors."""
    return (event.get("date") or _UNDATED, event.get("event_id") or "")


def _cursor_key(conn: sqlite3.Connection, after: Cursor) -> tuple[str, str]:
    if isinstance(after, tuple):
        return (after[0] or _UNDATED, after[1])
    row = conn.execute("SELECT date FROM events WHERE event_id = ?", (after,)).fetchone()
    if row is None:
        raise ValueError(f"unknown cursor event id {after!r}")
    return (row[0] or _UNDATED, after)


def _page_ids(conn: sqlite3.Connection, parties: list[Party], faction: str | None, type_: str | None,
              domain: str | None, date_from: str | None, date_to: str | None, min_sources: int,
              after: tuple[str, str] | None, limit: int | None) -> list[tuple[str, str | None]]:
    """(event_id, date) of the matching events in store order: the whole filter and the page in SQL."""
    where, args = event_filter(parties, faction, type_, domain, date_from, date_to, min_sources)
    if after is not None:
        where.append("(coalesce(e.date, ?), e.event_id) > (?, ?)")
        args += [_UNDATED, *after]
    sql = ("SELECT e.event_id, e.date FROM events e WHERE " + " AND ".join(where)
           + " ORDER BY coalesce(e.date, ?), e.event_id")
    args.append(_UNDATED)
    if limit:
        sql += " LIMIT ?"
        args.append(int(limit))
    return [(r[0], r[1]) for r in conn.execute(sql, args)]


def list_events(
    conn: sqlite3.Connection,
    *,
    country: str | None = None,
    faction: str | None = None,
    party: str | None = None,
    type_: str | None = None,
    domain: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_sources: int = 1,
    after: Cursor | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Exported events with every CLI filter and keyset pagination.

    The filter and the page are chosen in SQL; only the page's events are then read, from their
    stored summaries (``exported_by_id``), so a page of a large store stays cheap.

    Args:
        conn: store connection.
        country: a party of this state, optionally with faction ("LBY", "LBY:east"); any case.
        faction: a party with this faction, whatever the state (any case).
        party: same forms as ``country`` plus "state:PAK"; both may be given (events with both).
        type_: event type (any case).
        domain: one cooperation domain.
        date_from / date_to: inclusive bounds, YYYY[-MM[-DD]]; undated events are then left out.
        min_sources: minimum number of independent supporting articles.
        after: cursor: the last event id of the previous page, or its ``(date, event_id)``.
        limit: page size.

    Returns:
        Exported-event dicts in store order (date, undated last, event id).

    Raises:
        ValueError: a malformed party, or a cursor id that is not in the store.
    """
    wanted = [parse_party(x) for x in (country, party) if x]
    key = _cursor_key(conn, after) if after is not None else None
    page = _page_ids(conn, wanted, faction, type_, domain, date_from, date_to, min_sources, key, limit)
    return exported_by_id(conn, [i for i, _ in page])


_CHUNK = 500


def exported_by_id(conn: sqlite3.Connection, event_ids: list[str]) -> list[dict[str, Any]]:
    """These events in the exported-event contract, in this order: read from their stored summaries
    (``store.summary``), built from the consensus records only for events not summarized yet (a store
    not synced since an upgrade). A chunk of ids at a time, so no query grows with the store."""
    summarized = summary.has_tables(conn)
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    out: list[dict[str, Any]] = []
    for start in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[start:start + _CHUNK]
        found = summary.bodies(conn, chunk) if summarized else {}
        missing = [i for i in chunk if i not in found]
        built: dict[str, dict[str, Any]] = {}
        if missing:
            rows = cur.execute(f"SELECT * FROM events WHERE event_id IN ({','.join('?' * len(missing))})",
                               missing).fetchall()
            built = {e["event_id"]: e for e in export_rows(conn, rows)}
        out += [json.loads(found[i]) if i in found else built[i] for i in chunk if i in found or i in built]
    return out


def involves(event: dict[str, Any], a: Party, b: Party) -> bool:
    """True when two different parties of ``event`` stand for ``a`` and ``b`` (either order)."""
    parties = event.get("parties") or []
    for i, pa in enumerate(parties):
        if party_matches(pa, a) and any(j != i and party_matches(pb, b) for j, pb in enumerate(parties)):
            return True
    return False


def dyad_events(conn: sqlite3.Connection, a: str, b: str) -> list[dict[str, Any]]:
    """Events between party ``a`` and party ``b``, either order, any case, factions included.

    SQL selects the events where both take part (on the party index); ``involves`` then drops an event
    where one party row stood for both sides (``LBY`` and ``LBY:east`` against a lone ``LBY:east``)."""
    pa, pb = parse_party(a), parse_party(b)
    return [ev for ev in list_events(conn, country=a, party=b) if involves(ev, pa, pb)]


def party_events(conn: sqlite3.Connection, party: str) -> list[dict[str, Any]]:
    """Events with ``party`` among their sides ('state:PAK', 'PAK', 'LBY:east')."""
    return list_events(conn, party=party)


def person_ids(conn: sqlite3.Connection, name: str) -> list[str]:
    """Ids of people whose canonical name or any alias (any script) contains ``name``, merged ones too."""
    try:
        rows = conn.execute(
            "SELECT DISTINCT a.id FROM actors a LEFT JOIN actor_aliases al ON al.actor_id = a.id"
            f" WHERE a.kind = 'person' AND (a.name_en LIKE ? {LIKE_ESCAPE} OR a.name_ar LIKE ? {LIKE_ESCAPE}"
            f" OR al.alias LIKE ? {LIKE_ESCAPE} OR al.norm LIKE ? {LIKE_ESCAPE})",
            [f"%{like_escape(name)}%"] * 4).fetchall()
    except sqlite3.OperationalError:  # a store without the actors tables
        return []
    ids = [r[0] for r in rows]
    merged = conn.execute(
        f"SELECT id FROM actors WHERE merged_into IN ({','.join('?' * len(ids))})", ids).fetchall() if ids else []
    return sorted(set(ids) | {r[0] for r in merged})


def all_actors(conn: sqlite3.Connection, *, kind: str | None = None) -> list[dict[str, Any]]:
    """Every live (not merged) actor with its aliases, for exports: flat fields plus ``aliases``."""
    sql = ("SELECT id, kind, name_en, name_ar, country, faction, sector, wikidata, role FROM actors"
           " WHERE merged_into IS NULL")
    args: list[Any] = []
    if kind:
        sql += " AND kind = ?"
        args.append(kind)
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in conn.execute("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, count DESC,"
                                        " alias"):
        aliases.setdefault(actor_id, []).append(alias)
    return [dict(r, aliases=aliases.get(r["id"], [])) for r in cur.execute(sql + " ORDER BY id", args)]


def count_actors(conn: sqlite3.Connection, *, kind: str | None = None, country: str | None = None) -> int:
    """How many live actors a listing of this kind/country would hold (to say when a list stops)."""
    where, args = live_actors_where(kind, country)
    return int(conn.execute("SELECT count(*) FROM actors WHERE " + where, args).fetchone()[0])
