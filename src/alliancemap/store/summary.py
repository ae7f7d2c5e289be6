"""Per-event summaries and the alliance graph kept as tables, maintained whenever events are saved.

Why: a page of events, a search or the graph of 100,000 events must not decode every event's consensus
record on each request. ``events.save_clusters`` queues the events it writes (``queue``) and ``sync``
turns the queue into rows; ``events._delete_event`` calls ``forget``. The tables:

- ``event_summary``: the exported event (DESIGN.md contract) as JSON, ready to send;
- ``event_labels`` / ``event_sides``: each party label of an event (``PAK``, ``LBY:east``) and each pair
  of labels (a tie's events); ``event_sources``: the articles and outlets behind an event;
- ``graph_ties`` / ``graph_nodes``: the unfiltered alliance graph as aggregates, recomputed only for the
  pairs and labels that ``graph_dirty`` marks as changed; ``party_months``: dated events per month of
  each party as a page names it (a label, and a bare state for all its factions), recomputed with the
  nodes. A filtered graph is aggregated by the same SQL
  (``tie_aggregates``) over the events that pass the filter;
- ``period_sides`` / ``period_labels`` / ``period_domains`` / ``period_sources``: the rows above again,
  each with its event's type and date, keyed by type first: a graph filtered by a type and a period
  (``period_aggregates``) streams over one key range instead of joining every matching event.

A store made before these tables queues every event in its migration; until ``sync`` has run (the next
merge, or ``serve``), ``is_synced`` is false and readers fall back to the consensus records.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from alliancemap.store import search

MIGRATIONS: list[tuple[str, str]] = [
    (
        "summary_001_tables",
        """
        CREATE TABLE event_summary (event_id TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE event_labels (
            label TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (label, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_labels_event ON event_labels(event_id);
        CREATE TABLE event_sides (
            a TEXT NOT NULL, b TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (a, b, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX event_sides_event ON event_sides(event_id);
        CREATE TABLE event_sources (
            event_id TEXT NOT NULL, article_id TEXT NOT NULL, outlet TEXT, PRIMARY KEY (event_id, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE graph_ties (
            a TEXT NOT NULL, b TEXT NOT NULL, n_events INTEGER NOT NULL, n_sources INTEGER NOT NULL,
            first_date TEXT, last_date TEXT, types TEXT NOT NULL, domains TEXT NOT NULL,
            outlets TEXT NOT NULL,
            event_ids TEXT NOT NULL, -- comma-separated (ids hold no comma): split is far cheaper than JSON
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE TABLE graph_nodes (label TEXT PRIMARY KEY, n_events INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE graph_dirty (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
        CREATE TABLE summary_pending (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO summary_pending (event_id) SELECT event_id FROM events
        """,  # an existing store queues its events: the next sync (merge or serve) fills the tables
    ),
    (
        "summary_002_covering_indexes",
        # The listing and search queries read only these columns: covering indexes keep them off the
        # events rows, whose consensus JSON sits before n_sources (reading it walks the overflow pages).
        """
        CREATE INDEX IF NOT EXISTS listing_events_date ON events(date, event_id, type, n_sources);
        CREATE INDEX IF NOT EXISTS listing_events_id ON events(event_id, date, type, n_sources);
        CREATE INDEX IF NOT EXISTS listing_parties_side ON event_parties(country, faction, event_id);
        CREATE INDEX IF NOT EXISTS listing_parties_event ON event_parties(event_id, country, faction);
        CREATE INDEX IF NOT EXISTS listing_domains ON event_domains(domain, event_id);
        CREATE INDEX IF NOT EXISTS listing_mentions_article ON event_mentions(article_id, mention_id);
        CREATE INDEX IF NOT EXISTS listing_members_mention ON event_members(mention_id, event_id)
        """,
    ),
    (
        "summary_003_party_months",
        # A party page's chart reads party_months. Its rows are recomputed for the labels graph_dirty
        # marks, so every label is marked here: the next sync (merge or serve) fills the table.
        """
        CREATE TABLE party_months (
            party TEXT NOT NULL, month TEXT NOT NULL, n_events INTEGER NOT NULL, PRIMARY KEY (party, month)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO graph_dirty (a, b) SELECT DISTINCT label, '' FROM event_labels
        """,
    ),
    (
        "summary_004_period_tables",
        # A graph filtered by a type (and a period) reads these: each row carries its event's type first
        # and its date (undated: ''), so a type's rows are one key range already in the order of the
        # graph's GROUP BYs (tie, then domain or outlet): no temporary sort. Filled from the summary rows.
        """
        CREATE TABLE period_sides (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, date TEXT NOT NULL, event_id TEXT NOT NULL,
            PRIMARY KEY (type, a, b, date, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX period_sides_event ON period_sides(event_id);
        CREATE TABLE period_labels (
            type TEXT NOT NULL, label TEXT NOT NULL, date TEXT NOT NULL, event_id TEXT NOT NULL,
            PRIMARY KEY (type, label, date, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX period_labels_event ON period_labels(event_id);
        CREATE TABLE period_domains (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, domain TEXT NOT NULL, date TEXT NOT NULL,
            event_id TEXT NOT NULL, PRIMARY KEY (type, a, b, domain, date, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX period_domains_event ON period_domains(event_id);
        CREATE TABLE period_sources (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, outlet TEXT NOT NULL, -- '': none
            article_id TEXT NOT NULL, date TEXT NOT NULL, event_id TEXT NOT NULL,
            PRIMARY KEY (type, a, b, outlet, article_id, date, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX period_sources_event ON period_sources(event_id);
        INSERT INTO period_sides SELECT e.type, s.a, s.b, coalesce(e.date, ''), s.event_id
            FROM event_sides s JOIN events e ON e.event_id = s.event_id;
        INSERT INTO period_labels SELECT e.type, l.label, coalesce(e.date, ''), l.event_id
            FROM event_labels l JOIN events e ON e.event_id = l.event_id;
        INSERT INTO period_domains SELECT e.type, s.a, s.b, d.domain, coalesce(e.date, ''), s.event_id
            FROM event_sides s JOIN events e ON e.event_id = s.event_id JOIN event_domains d ON d.event_id = s.event_id;
        INSERT INTO period_sources SELECT e.type, s.a, s.b, coalesce(src.outlet, ''), src.article_id,
            coalesce(e.date, ''), s.event_id FROM event_sides s JOIN events e ON e.event_id = s.event_id
            JOIN event_sources src ON src.event_id = s.event_id
        """,
    ),
]

PERIOD_TABLES = ("period_sides", "period_labels", "period_domains", "period_sources")

_NODE = ""
"""``graph_dirty.b`` of a changed node (a label) rather than a tie (a pair of labels)."""

BATCH = 500


def has_tables(conn: sqlite3.Connection) -> bool:
    """Whether this store has the summary tables (a connection that ran only some migrations has not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'summary_pending'").fetchone() is not None


def is_synced(conn: sqlite3.Connection) -> bool:
    """Whether every saved event has its summary rows (readers may then trust the tables)."""
    return has_tables(conn) and conn.execute("SELECT 1 FROM summary_pending LIMIT 1").fetchone() is None


def label(country: str, faction: str | None) -> str:
    """A party's graph label: ``PAK``, ``LBY:east`` (the spelling of ``queries.party_label``)."""
    return country.upper() + (f":{faction}" if faction else "")


# -- writing ---------------------------------------------------------------------------------------

def queue(conn: sqlite3.Connection, event_ids: Iterable[str]) -> None:
    """Mark events as saved or changed; ``sync`` (re)builds their rows."""
    if has_tables(conn):
        conn.executemany("INSERT OR IGNORE INTO summary_pending (event_id) VALUES (?)", [(i,) for i in event_ids])


def forget(conn: sqlite3.Connection, event_id: str) -> None:
    """Drop an event's summary rows, marking its ties and labels for the graph to recompute."""
    search.forget_event(conn, event_id)
    if not has_tables(conn):
        return
    _drop(conn, event_id)


def _drop(conn: sqlite3.Connection, event_id: str) -> None:
    conn.execute("INSERT OR IGNORE INTO graph_dirty (a, b) SELECT a, b FROM event_sides WHERE event_id = ?",
                 (event_id,))
    conn.execute("INSERT OR IGNORE INTO graph_dirty (a, b) SELECT label, ? FROM event_labels WHERE event_id = ?",
                 (_NODE, event_id))
    for table in ("event_summary", "event_labels", "event_sides", "event_sources"):
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
    if _exists(conn, "period_sides"):
        for table in PERIOD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))


def _write_period(conn: sqlite3.Connection, event_id: str, type_: str, date: str | None) -> None:
    """The event's rows of the period tables, copied from its summary rows just written."""
    if not _exists(conn, "period_sides"):
        return
    key = [type_, date or "", event_id]
    conn.execute("INSERT INTO period_sides SELECT ?1, a, b, ?2, event_id FROM event_sides WHERE event_id = ?3", key)
    conn.execute("INSERT INTO period_labels SELECT ?1, label, ?2, event_id FROM event_labels WHERE event_id = ?3",
                 key)
    conn.execute("INSERT INTO period_domains SELECT ?1, s.a, s.b, d.domain, ?2, s.event_id FROM event_sides s"
                 " JOIN event_domains d ON d.event_id = s.event_id WHERE s.event_id = ?3", key)
    conn.execute("INSERT INTO period_sources SELECT ?1, s.a, s.b, coalesce(src.outlet, ''), src.article_id, ?2,"
                 " s.event_id FROM event_sides s JOIN event_sources src ON src.event_id = s.event_id"
                 " WHERE s.event_id = ?3", key)


def _write(conn: sqlite3.Connection, ev: dict[str, Any]) -> None:
    event_id = ev["event_id"]
    labels = sorted({label(p["country"], p.get("faction")) for p in ev.get("parties") or [] if p.get("country")})
    pairs = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]]
    conn.execute("INSERT INTO event_summary (event_id, body) VALUES (?, ?)",
                 (event_id, json.dumps(ev, ensure_ascii=False, separators=(",", ":"))))
    conn.executemany("INSERT INTO event_labels (label, event_id) VALUES (?, ?)", [(x, event_id) for x in labels])
    conn.executemany("INSERT INTO event_sides (a, b, event_id) VALUES (?, ?, ?)", [(a, b, event_id) for a, b in pairs])
    sources: dict[str, str | None] = {}
    for s in ev.get("sources") or []:
        if s.get("article_id"):
            sources.setdefault(s["article_id"], s.get("outlet"))
    conn.executemany("INSERT INTO event_sources (event_id, article_id, outlet) VALUES (?, ?, ?)",
                     [(event_id, a, o) for a, o in sources.items()])
    conn.executemany("INSERT OR IGNORE INTO graph_dirty (a, b) VALUES (?, ?)",
                     [*pairs, *((x, _NODE) for x in labels)])


def sync(conn: sqlite3.Connection, progress: Any = None) -> int:
    """Build the rows of every queued event, then recompute the changed part of the graph.

    Run inside the caller's transaction (the merge's, or ``serve``'s one write). Returns how many events
    were summarized; ``progress(done, total)`` is called after each batch when given.
    """
    if not has_tables(conn):
        return 0
    from alliancemap.store.events import export_rows  # events calls this module when it saves

    ids = [r[0] for r in conn.execute("SELECT event_id FROM summary_pending ORDER BY event_id")]
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        marks = ",".join("?" * len(chunk))
        rows = cur.execute(f"SELECT * FROM events WHERE event_id IN ({marks})", chunk).fetchall()
        for event_id in chunk:
            _drop(conn, event_id)
        for ev in export_rows(conn, rows):
            _write(conn, ev)
        for row in rows:
            _write_period(conn, row["event_id"], row["type"], row["date"])
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    conn.execute("DELETE FROM summary_pending")
    _refresh_graph(conn)
    search.remap_events(conn, ids)
    return len(ids)


def _refresh_graph(conn: sqlite3.Connection) -> None:
    """Recompute the ties and nodes marked dirty, from the summary rows."""
    dirty = conn.execute("SELECT a, b FROM graph_dirty").fetchall()
    pairs = [(a, b) for a, b in dirty if b != _NODE]
    labels = [a for a, b in dirty if b == _NODE]
    ties = tie_aggregates(conn, ["1"], [], pairs=pairs) if pairs else {}
    nodes = node_counts(conn, ["1"], [], labels=labels) if labels else {}
    conn.executemany("DELETE FROM graph_ties WHERE a = ? AND b = ?", pairs)
    conn.executemany("DELETE FROM graph_nodes WHERE label = ?", [(x,) for x in labels])
    conn.executemany(
        "INSERT INTO graph_ties (a, b, n_events, n_sources, first_date, last_date, types, domains, outlets,"
        " event_ids) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(a, b, t["n_events"], t["n_sources"], t["first_date"], t["last_date"], _dumps(t["types"]),
          _dumps(t["domains"]), _dumps(t["outlets"]), ",".join(t["event_ids"])) for (a, b), t in ties.items()])
    conn.executemany("INSERT INTO graph_nodes (label, n_events) VALUES (?, ?)", list(nodes.items()))
    _refresh_months(conn, labels)
    conn.execute("DELETE FROM graph_dirty")


def _party_scope(party: str) -> tuple[str, list[str]]:
    """WHERE text over ``event_labels l`` and its arguments for the events of a party: the label itself,
    and for a bare state every label of its factions too ('LBY:' < 'LBY:east' < 'LBY;')."""
    if ":" in party:
        return "l.label = ?", [party]
    return "(l.label = ? OR (l.label > ? AND l.label < ?))", [party, party + ":", party + ";"]


def _refresh_months(conn: sqlite3.Connection, labels: list[str]) -> None:
    """Recompute ``party_months`` for these labels and their bare states."""
    if not _exists(conn, "party_months"):
        return
    parties = sorted(set(labels) | {x.partition(":")[0] for x in labels})
    for party in parties:
        cond, args = _party_scope(party)
        conn.execute("DELETE FROM party_months WHERE party = ?", (party,))
        conn.execute(
            "INSERT INTO party_months (party, month, n_events) SELECT ?, substr(e.date, 1, 7),"
            " count(DISTINCT e.event_id) FROM event_labels l JOIN events e ON e.event_id = l.event_id"
            f" WHERE {cond} AND e.date IS NOT NULL GROUP BY substr(e.date, 1, 7)", [party, *args])


def _exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def party_months(conn: sqlite3.Connection, party: str) -> list[tuple[str, int]] | None:
    """(month, dated events) of a party label (``PAK``, ``LBY:east``; a bare state counts its factions'
    events too), oldest first; None when the table cannot answer (missing, or the graph not synced)."""
    if not (is_synced(conn) and _exists(conn, "party_months")):
        return None
    if conn.execute("SELECT 1 FROM graph_dirty LIMIT 1").fetchone() is not None:
        return None
    return [(m, n) for m, n in conn.execute(
        "SELECT month, n_events FROM party_months WHERE party = ? ORDER BY month", (party,))]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- reading ---------------------------------------------------------------------------------------

def bodies(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, str]:
    """event_id -> exported-event JSON, for those of ``event_ids`` that have a summary."""
    out: dict[str, str] = {}
    for start in range(0, len(event_ids), BATCH):
        chunk = event_ids[start:start + BATCH]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT event_id, body FROM event_summary WHERE event_id IN ({marks})", chunk))
    return out


def stored_graph(conn: sqlite3.Connection, with_ids: bool = True) -> tuple[dict[tuple[str, str], dict[str, Any]],
                                                                             dict[str, int]]:
    """The unfiltered graph's ties and node counts from the tables; pairs still marked dirty (events
    deleted since the last sync) are aggregated on the fly. ``with_ids=False`` leaves each tie's event
    ids unread (``event_ids`` None): on a large store they are most of what the tables hold."""
    dirty = conn.execute("SELECT a, b FROM graph_dirty").fetchall()
    dirty_pairs = {(a, b) for a, b in dirty if b != _NODE}
    dirty_labels = {a for a, b in dirty if b == _NODE}
    ties = {}
    ids_column = "event_ids" if with_ids else "NULL"
    for r in conn.execute("SELECT a, b, n_events, n_sources, first_date, last_date, types, domains, outlets,"
                          f" {ids_column} FROM graph_ties"):
        if (r[0], r[1]) in dirty_pairs:
            continue
        ties[(r[0], r[1])] = {"n_events": r[2], "n_sources": r[3], "first_date": r[4], "last_date": r[5],
                              "types": json.loads(r[6]), "domains": json.loads(r[7]),
                              "outlets": json.loads(r[8]),
                              "event_ids": None if not with_ids else r[9].split(",") if r[9] else []}
    if dirty_pairs:
        ties.update(tie_aggregates(conn, ["1"], [], pairs=sorted(dirty_pairs)))
    nodes = {r[0]: r[1] for r in conn.execute("SELECT label, n_events FROM graph_nodes") if r[0] not in dirty_labels}
    if dirty_labels:
        nodes.update(node_counts(conn, ["1"], [], labels=sorted(dirty_labels)))
    return {k: v for k, v in ties.items() if v["n_events"]}, {k: v for k, v in nodes.items() if v}


def _scope(where: list[str], pairs: list[tuple[str, str]] | None) -> list[tuple[str, list[Any]]]:
    """(WHERE text, extra args) per query: one per pair when pairs are given (each reads its index range)."""
    cond = " AND ".join(where)
    if pairs is None:
        return [(cond, [])]
    return [(cond + " AND s.a = ? AND s.b = ?", [a, b]) for a, b in pairs]


def tie_aggregates(conn: sqlite3.Connection, where: list[str], args: list[Any],
                   pairs: list[tuple[str, str]] | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """Ties over the events that pass ``where`` (clauses over ``events e``, as ``events.event_filter``
    writes them): per pair of labels, events, types, domains, first and last date, distinct source
    articles and outlets. ``pairs`` restricts the result to these ties (the graph's incremental update).
    """
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    for cond, extra in _scope(where, pairs):
        base = f"FROM event_sides s JOIN events e ON e.event_id = s.event_id WHERE {cond}"
        a = [*args, *extra]
        for x, y, event_id, date, type_ in conn.execute(
                f"SELECT s.a, s.b, e.event_id, e.date, e.type {base}"
                " ORDER BY s.a, s.b, e.date IS NULL, e.date, e.event_id", a):
            t = ties.get((x, y))
            if t is None:
                t = ties[(x, y)] = {"n_events": 0, "n_sources": 0, "first_date": None, "last_date": None,
                                    "types": Counter(), "domains": Counter(), "outlets": [], "event_ids": []}
            t["n_events"] += 1
            t["event_ids"].append(event_id)
            t["types"][type_ or "?"] += 1
            if date:
                t["first_date"] = min(t["first_date"] or date, date)
                t["last_date"] = max(t["last_date"] or date, date)
        for x, y, domain, n in conn.execute(
                f"SELECT s.a, s.b, d.domain, count(*) {base.replace(' WHERE ', ' JOIN event_domains d ON d.event_id = s.event_id WHERE ', 1)}"
                " GROUP BY s.a, s.b, d.domain", a):
            ties[(x, y)]["domains"][domain] = n
        src = base.replace(" WHERE ", " JOIN event_sources src ON src.event_id = s.event_id WHERE ", 1)
        for x, y, n in conn.execute(f"SELECT s.a, s.b, count(DISTINCT src.article_id) {src} GROUP BY s.a, s.b", a):
            ties[(x, y)]["n_sources"] = n
        for x, y, outlet in conn.execute(f"SELECT DISTINCT s.a, s.b, src.outlet {src} AND src.outlet IS NOT NULL"
                                         " ORDER BY s.a, s.b, src.outlet", a):
            ties[(x, y)]["outlets"].append(outlet)
    for t in ties.values():
        t["types"] = dict(t["types"].most_common())
        t["domains"] = dict(t["domains"].most_common())
    return ties


def node_counts(conn: sqlite3.Connection, where: list[str], args: list[Any],
                labels: list[str] | None = None) -> dict[str, int]:
    """Events per party label among those that pass ``where`` (all labels, or those given)."""
    base = "SELECT l.label, count(*) FROM event_labels l JOIN events e ON e.event_id = l.event_id WHERE "
    cond = " AND ".join(where)
    if labels is None:
        return dict(conn.execute(base + cond + " GROUP BY l.label", args).fetchall())
    out = {}
    for x in labels:
        out.update(conn.execute(base + cond + " AND l.label = ? GROUP BY l.label", [*args, x]).fetchall())
        out.setdefault(x, 0)
    return out


def has_period_tables(conn: sqlite3.Connection) -> bool:
    """Whether ``period_aggregates`` can answer (the tables exist and every event is summarized)."""
    return is_synced(conn) and _exists(conn, "period_sides")


def period_aggregates(conn: sqlite3.Connection, type_: str, date_from: str | None, date_to: str | None,
                      with_ids: bool = True) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[str, int]]:
    """Ties and node counts (as ``tie_aggregates`` and ``node_counts``) over the events of a type, in a
    period when given (``events.event_filter``'s clauses), read from the period tables: each aggregate
    streams over the type's key range in its GROUP BY order. Undated events are stored as '', which a
    period bound must leave out."""
    from alliancemap.store.events import event_filter  # events calls this module when it saves

    where, args = event_filter(type_=type_, date_from=date_from, date_to=date_to)
    if date_from or date_to:
        where.append("e.date != ''")
    cond = " AND ".join(where)
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    for x, y, stored_type, n, first, last in conn.execute(
            "SELECT a, b, type, count(*), min(nullif(date, '')), max(nullif(date, ''))"
            f" FROM period_sides e WHERE {cond} GROUP BY a, b", args):
        ties[(x, y)] = {"n_events": n, "n_sources": 0, "first_date": first, "last_date": last,
                        "types": {stored_type or "?": n}, "domains": Counter(), "outlets": [],
                        "event_ids": [] if with_ids else None}
    if with_ids:
        for x, y, event_id in conn.execute(f"SELECT a, b, event_id FROM period_sides e WHERE {cond}"
                                           " ORDER BY a, b, date = '', date, event_id", args):
            ties[(x, y)]["event_ids"].append(event_id)
    for x, y, domain, n in conn.execute(
            f"SELECT a, b, domain, count(*) FROM period_domains e WHERE {cond} GROUP BY a, b, domain", args):
        ties[(x, y)]["domains"][domain] = n
    for x, y, n in conn.execute(
            f"SELECT a, b, count(DISTINCT article_id) FROM period_sources e WHERE {cond} GROUP BY a, b", args):
        ties[(x, y)]["n_sources"] = n
    for x, y, outlet in conn.execute(
            f"SELECT a, b, outlet FROM period_sources e WHERE {cond} AND outlet != '' GROUP BY a, b, outlet", args):
        ties[(x, y)]["outlets"].append(outlet)
    for t in ties.values():
        t["domains"] = dict(t["domains"].most_common())
    nodes = dict(conn.execute(f"SELECT label, count(*) FROM period_labels e WHERE {cond} GROUP BY label", args))
    return ties, nodes
