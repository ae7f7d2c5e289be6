"""Read-only questions over the store: events by party, dyads, cursor pages, claims by person.

Everything goes through ``store.events.exported_events`` so the CLI, the API and the exports share one
event shape (the DESIGN.md exported-event contract). Parties are matched case-insensitively: ``pak``,
``PAK``, ``state:PAK`` and ``LBY:East`` all work. Only reads; SQL is parameterized.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from alliancemap.store.events import exported_events

Party = tuple[str, str | None]
Cursor = str | tuple[str | None, str]

_UNDATED = "9999-99-99"


def _like_escape(text: str) -> str:
    """``text`` safe inside ``LIKE ? ESCAPE '\\'`` (``%`` and ``_`` match themselves)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
        raise ValueError(f"{party!r} is not a party: expected an ISO alpha-3 code such as PAK or LBY:east")
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


def _has_party(event: dict[str, Any], party: Party) -> bool:
    return any(party_matches(p, party) for p in event.get("parties") or [])


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
    rows = exported_events(
        conn, country=wanted[0][0] if wanted else None, type=type_.upper() if type_ else None,
        domain=domain, date_from=date_from, date_to=date_to, min_sources=min_sources)
    rows = [r for r in rows if all(_has_party(r, w) for w in wanted)]
    if faction:
        rows = [r for r in rows if any((p.get("faction") or "").lower() == faction.lower()
                                       for p in r.get("parties") or [])]
    if after is not None:
        key = _cursor_key(conn, after)
        rows = [r for r in rows if sort_key(r) > key]
    return rows[:limit] if limit else rows


def involves(event: dict[str, Any], a: Party, b: Party) -> bool:
    """True when two different parties of ``event`` stand for ``a`` and ``b`` (either order)."""
    parties = event.get("parties") or []
    for i, pa in enumerate(parties):
        if party_matches(pa, a) and any(j != i and party_matches(pb, b) for j, pb in enumerate(parties)):
            return True
    return False


def dyad_events(conn: sqlite3.Connection, a: str, b: str) -> list[dict[str, Any]]:
    """Events between party ``a`` and party ``b``, either order, any case, factions included."""
    pa, pb = parse_party(a), parse_party(b)
    return [ev for ev in list_events(conn, party=a) if involves(ev, pa, pb)]


def party_events(conn: sqlite3.Connection, party: str) -> list[dict[str, Any]]:
    """Events with ``party`` among their sides ('state:PAK', 'PAK', 'LBY:east')."""
    return list_events(conn, party=party)


def person_ids(conn: sqlite3.Connection, name: str) -> list[str]:
    """Ids of people whose canonical name or any alias (any script) contains ``name``, merged ones too."""
    try:
        rows = conn.execute(
            "SELECT DISTINCT a.id FROM actors a LEFT JOIN actor_aliases al ON al.actor_id = a.id"
            " WHERE a.kind = 'person' AND (a.name_en LIKE ? ESCAPE '\\' OR a.name_ar LIKE ? ESCAPE '\\'"
            " OR al.alias LIKE ? ESCAPE '\\' OR al.norm LIKE ? ESCAPE '\\')",
            [f"%{_like_escape(name)}%"] * 4).fetchall()
    except sqlite3.OperationalError:  # a store without the actors tables
        return []
    ids = [r[0] for r in rows]
    merged = conn.execute(
        f"SELECT id FROM actors WHERE merged_into IN ({','.join('?' * len(ids))})", ids).fetchall() if ids else []
    return sorted(set(ids) | {r[0] for r in merged})
