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
  (``period_aggregates``) streams over one key range instead of joining every matching event;
- ``period_years`` / ``period_year_shared`` / ``period_label_years``: the same per type, tie (or label)
  and year, each cell with its domain counts packed in it, so whole years are summed from a few thousand
  cells in one read; source counts stay exact (each cell's articles that no other year of its tie shares,
  plus the shared ones listed). ``period_months`` / ``period_month_shared`` / ``period_label_months``: the
  same cells per month (keyed by type, then month), summed for a partial year bounded by a month.
  ``period_dirty`` marks the cells whose events changed; ``sync`` recomputes them (a tie's months, then
  its years as their sums).

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
    (
        "summary_005_period_years",
        # A type's graph over whole years sums one row per (tie, year) instead of reading every source
        # row. Independent sources stay exact without listing them: ``n_only`` counts the articles of the
        # tie and type that support events of this year alone (no other year can count them again), and
        # the few articles behind events of several years are listed in ``period_year_shared``, whose
        # distinct ids are added. Every cell is marked here: the next sync (merge or serve) fills them.
        """
        CREATE TABLE period_years (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, year TEXT NOT NULL, -- '': undated
            n_events INTEGER NOT NULL, first_date TEXT, last_date TEXT, n_only INTEGER NOT NULL,
            outlets TEXT NOT NULL, -- distinct outlets joined by U+001F
            PRIMARY KEY (type, a, b, year)
        ) WITHOUT ROWID;
        CREATE TABLE period_year_domains (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, domain TEXT NOT NULL, year TEXT NOT NULL,
            n_events INTEGER NOT NULL, PRIMARY KEY (type, a, b, domain, year)
        ) WITHOUT ROWID;
        CREATE TABLE period_year_shared (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, year TEXT NOT NULL, article_id TEXT NOT NULL,
            PRIMARY KEY (type, a, b, year, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE period_label_years (
            type TEXT NOT NULL, label TEXT NOT NULL, year TEXT NOT NULL, n_events INTEGER NOT NULL,
            PRIMARY KEY (type, label, year)
        ) WITHOUT ROWID;
        CREATE TABLE period_dirty (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, year TEXT NOT NULL, -- b '': a label's row
            PRIMARY KEY (type, a, b, year)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO period_dirty SELECT DISTINCT type, a, b, substr(date, 1, 4) FROM period_sides;
        INSERT OR IGNORE INTO period_dirty SELECT DISTINCT type, label, '', substr(date, 1, 4) FROM period_labels
        """,
    ),
    (
        "summary_006_packed_domains",
        # A period's graph read its domain counts from a table of five times as many rows as the cells
        # (one per domain), a second pass over the type that cost more than the cells themselves: each
        # cell now holds its domains, each written once per event of the cell that has it, joined by
        # U+001F (NULL: none), so a tie's counts over any years are one C-level Counter of a split.
        # (hex(zeroblob(n)) is n '00' pairs: replacing each by the domain repeats it n times.)
        """
        ALTER TABLE period_years ADD COLUMN domains TEXT;
        UPDATE period_years SET domains = (
            SELECT group_concat(rtrim(replace(hex(zeroblob(n_events)), '00', domain || char(31)), char(31)),
                                char(31)) FROM (
                SELECT d.domain, d.n_events FROM period_year_domains d WHERE d.type = period_years.type
                AND d.a = period_years.a AND d.b = period_years.b AND d.year = period_years.year ORDER BY d.domain));
        DROP TABLE period_year_domains
        """,
    ),
    (
        "summary_007_period_dates",
        # A period bounded by a month or a day reads its partial years from the period tables' rows. Their
        # keys put the tie before the date, so such a read walked every row of the type (35 ms for a
        # month-bounded period on 100,000 events, 10 for one that ends before it starts): these indexes
        # give the type's rows in date order, and a read touches only the rows of its dates.
        """
        CREATE INDEX period_sides_date ON period_sides(type, date, a, b);
        CREATE INDEX period_labels_date ON period_labels(type, date, label);
        CREATE INDEX period_domains_date ON period_domains(type, date, a, b, domain);
        CREATE INDEX period_sources_date ON period_sources(type, date, a, b, outlet, article_id)
        """,
    ),
    (
        "summary_008_period_months",
        # The per-year cells again per month, keyed by type then month, so a period bounded by months
        # (the page's date fields suggest "2024-06") sums the cells of its partial years instead of
        # reading their rows; only a day bound still reads rows. ``month`` is a date's first seven
        # characters: '2025-03'; '2025' for a year-precision date; '' undated. ``n_only`` and the shared
        # articles are per month, as the years' are per year. Every cell is marked: the next sync fills them.
        """
        CREATE TABLE period_months (
            type TEXT NOT NULL, month TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
            n_events INTEGER NOT NULL, first_date TEXT, last_date TEXT, n_only INTEGER NOT NULL,
            outlets TEXT NOT NULL, domains TEXT,
            PRIMARY KEY (type, month, a, b)
        ) WITHOUT ROWID;
        CREATE INDEX period_months_tie ON period_months(type, a, b);
        CREATE TABLE period_month_shared (
            type TEXT NOT NULL, month TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, article_id TEXT NOT NULL,
            PRIMARY KEY (type, month, a, b, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX period_month_shared_tie ON period_month_shared(type, a, b);
        CREATE TABLE period_label_months (
            type TEXT NOT NULL, month TEXT NOT NULL, label TEXT NOT NULL, n_events INTEGER NOT NULL,
            PRIMARY KEY (type, month, label)
        ) WITHOUT ROWID;
        CREATE INDEX period_label_months_label ON period_label_months(type, label);
        INSERT OR IGNORE INTO period_dirty SELECT DISTINCT type, a, b, substr(date, 1, 4) FROM period_sides;
        INSERT OR IGNORE INTO period_dirty SELECT DISTINCT type, label, '', substr(date, 1, 4) FROM period_labels
        """,
    ),
]

PERIOD_TABLES = ("period_sides", "period_labels", "period_domains", "period_sources")
YEAR_TABLES = ("period_years", "period_year_shared", "period_label_years", "period_months", "period_month_shared",
               "period_label_months", "period_dirty")

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
        _mark_years(conn, event_id)
        for table in PERIOD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))


def _mark_years(conn: sqlite3.Connection, event_id: str) -> None:
    """Mark the (type, tie, year) and (type, label, year) cells that hold this event's period rows."""
    if not _exists(conn, "period_dirty"):
        return
    conn.execute("INSERT OR IGNORE INTO period_dirty SELECT type, a, b, substr(date, 1, 4) FROM period_sides"
                 " WHERE event_id = ?", (event_id,))
    conn.execute("INSERT OR IGNORE INTO period_dirty SELECT type, label, '', substr(date, 1, 4) FROM period_labels"
                 " WHERE event_id = ?", (event_id,))


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
    _mark_years(conn, event_id)


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


def sync(conn: sqlite3.Connection, progress: Any = None, aggregates: bool = True) -> int:
    """Build the rows of every queued event, then recompute the changed part of the graph.

    Run inside the caller's transaction (the merge's, or ``serve``'s one write). Returns how many events
    were summarized; ``progress(done, total)`` is called after each batch when given. ``aggregates=False``
    leaves the graph's ties, nodes and year cells marked dirty for a later sync (readers aggregate marked
    ties on the fly): a tie is recomputed from all its events, so an ingest that merges as it goes would
    otherwise recompute a busy pair's tie at every merge, a cost growing with the corpus.
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
    if aggregates:
        _refresh_graph(conn)
        _refresh_years(conn)
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


def _years_ready(conn: sqlite3.Connection) -> bool:
    """Whether the per-year cells are there and current (none marked since the last sync)."""
    return (_exists(conn, "period_dirty")
            and conn.execute("SELECT 1 FROM period_dirty LIMIT 1").fetchone() is None)


_SEP = "\x1f"
"""Joins a cell's outlets and article ids (neither holds a control character)."""

YEARS_REBUILD = 5000
"""More marked cells than this: rebuild every cell in one pass (a bulk ingest, an upgraded store)."""


def _new_cell(n: int, first: str | None, last: str | None) -> dict[str, Any]:
    return {"n_events": n, "first_date": first, "last_date": last, "domains": Counter(), "outlets": set(),
            "articles": set()}


def _summed_cell(n: int, first: str | None, last: str | None, only: int, outlets: str | None,
                 domains: str | None) -> dict[str, Any]:
    """A tie's cell from its year or month cells summed in SQL (outlets and packed domains concatenated)."""
    kept = set(outlets.split(_SEP)) if outlets else set()
    kept.discard("")
    return {"n_events": n, "first_date": first, "last_date": last, "n_only": only, "outlets": kept,
            "domains": Counter(domains.split(_SEP)) if domains else Counter(), "articles": set()}


def _year_cells(conn: sqlite3.Connection, cond: str, args: list[Any],
                length: int = 4) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    """(type, a, b, year) -> events, first and last date, domain counts, distinct outlets and source
    articles, over the period-table rows that pass ``cond`` (columns ``type``, ``date``; year '': undated).
    ``length`` 7 keys the cells by month instead (a date's first seven characters)."""
    year = f"substr(date, 1, {length})"
    conn = _plain(conn)  # type: ignore[assignment]
    cells = {(t, x, y, yr): _new_cell(n, first, last) for t, x, y, yr, n, first, last in conn.execute(
        f"SELECT type, a, b, {year}, count(*), min(nullif(date, '')), max(nullif(date, '')) FROM period_sides e"
        f" WHERE {cond} GROUP BY type, a, b, {year}", args)}
    for t, x, y, yr, domain, n in conn.execute(
            f"SELECT type, a, b, {year}, domain, count(*) FROM period_domains e WHERE {cond}"
            f" GROUP BY type, a, b, {year}, domain", args):
        cells[(t, x, y, yr)]["domains"][domain] = n
    for t, x, y, yr, outlet, article in conn.execute(
            f"SELECT type, a, b, {year}, outlet, article_id FROM period_sources e WHERE {cond}", args):
        cell = cells[(t, x, y, yr)]
        cell["articles"].add(article)
        if outlet:
            cell["outlets"].add(outlet)
    return cells


def _store_years(conn: sqlite3.Connection, tie_cond: str, label_cond: str, args: list[Any]) -> None:
    """Write the cells of the period-table rows that pass the conditions, whose old rows are deleted
    (``tie_cond`` must take whole (type, tie) ranges: an article's years, or months, decide its ``n_only``).
    The month cells are read from the rows; the year cells are their sums."""
    if tie_cond:
        months = _year_cells(conn, tie_cond, args, 7)
        years: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for (t, a, b, month), c in months.items():
            _merge_cell(years.setdefault((t, a, b, month[:4]), _new_cell(0, None, None)), c)
        _store_cells(conn, months, "period_months", "period_month_shared", "month")
        _store_cells(conn, years, "period_years", "period_year_shared", "year")
    if label_cond:
        for length, table, unit in ((4, "period_label_years", "year"), (7, "period_label_months", "month")):
            conn.execute(f"INSERT INTO {table} (type, label, {unit}, n_events) SELECT type, label,"
                         f" substr(date, 1, {length}), count(*) FROM period_labels e WHERE {label_cond}"
                         f" GROUP BY type, label, substr(date, 1, {length})", args)


def _store_cells(conn: sqlite3.Connection, cells: dict[tuple[str, str, str, str], dict[str, Any]], table: str,
                 shared_table: str, unit: str) -> None:
    """Write cells of one unit (year or month): each with ``n_only``, its articles that no other cell of
    its tie holds, and the other articles listed in ``shared_table``."""
    seen: dict[tuple[str, str, str, str], int] = Counter()
    for (t, a, b, _), c in cells.items():
        seen.update((t, a, b, art) for art in c["articles"])
    rows, shared = [], []
    for (t, a, b, key), c in cells.items():
        only = sum(1 for art in c["articles"] if seen[(t, a, b, art)] == 1)
        rows.append((t, a, b, key, c["n_events"], c["first_date"], c["last_date"], only,
                     _SEP.join(sorted(c["outlets"])), _pack_domains(c["domains"])))
        shared += [(t, a, b, key, art) for art in c["articles"] if seen[(t, a, b, art)] > 1]
    conn.executemany(f"INSERT INTO {table} (type, a, b, {unit}, n_events, first_date, last_date, n_only, outlets,"
                     " domains) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany(f"INSERT INTO {shared_table} (type, a, b, {unit}, article_id) VALUES (?,?,?,?,?)", shared)


_TIE_TABLES = ("period_years", "period_year_shared", "period_months", "period_month_shared")


def _pack_domains(counts: Counter) -> str | None:
    """A cell's domain counts as ``period_years.domains`` holds them: each domain once per event."""
    return _SEP.join(_SEP.join([d] * n) for d, n in sorted(counts.items()) if n) or None


def _refresh_years(conn: sqlite3.Connection) -> None:
    """Recompute the cells marked in ``period_dirty``: every year of a marked (type, tie), since a change
    in one year can make an article shared or not; a label's year alone; all of them in one pass when
    many are marked."""
    if not _exists(conn, "period_dirty"):
        return
    dirty = conn.execute("SELECT type, a, b, year FROM period_dirty").fetchall()
    if len(dirty) > YEARS_REBUILD:
        for table in (*_TIE_TABLES, "period_label_years", "period_label_months"):
            conn.execute(f"DELETE FROM {table}")
        _store_years(conn, "1", "1", [])
        dirty = []
    for type_, a, year in sorted({(t, a, y) for t, a, b, y in dirty if b == _NODE}):
        conn.execute("DELETE FROM period_label_years WHERE type = ? AND label = ? AND year = ?", (type_, a, year))
        conn.execute("DELETE FROM period_label_months WHERE type = ? AND label = ? AND substr(month, 1, 4) = ?",
                     (type_, a, year))
        _store_years(conn, "", "type = ? AND label = ? AND date >= ? AND date < ? AND substr(date, 1, 4) = ?",
                     [type_, a, year, year + "~", year])  # '' and '~' bound the undated rows alone
    for key in sorted({(t, a, b) for t, a, b, _ in dirty if b != _NODE}):
        for table in _TIE_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE type = ? AND a = ? AND b = ?", key)
        _store_years(conn, "type = ? AND a = ? AND b = ?", "", list(key))
    conn.execute("DELETE FROM period_dirty")


def _split_period(date_from: str | None, date_to: str | None) -> tuple[tuple[str | None, str | None] | None,
                                                                         list[tuple[str | None, str | None]]]:
    """A period as the whole years its cells answer (first, last; None: open) and the partial years at
    its ends read from the rows. A bound of a month or a day leaves its year partial: the cells count a
    year-precision date ("2025") inside the year, as a month bound would not."""
    def year(bound: str) -> int | None:
        return int(bound[:4]) if bound[:4].isdigit() and len(bound) >= 4 else None

    if (date_from and year(date_from) is None) or (date_to and year(date_to) is None):
        return None, [(date_from, date_to)]
    edges: list[tuple[str | None, str | None]] = []
    first = last = None
    if date_from:
        first = date_from if len(date_from) == 4 else f"{year(date_from) + 1:04d}"  # type: ignore[operator]
        if len(date_from) != 4:
            edges.append((date_from, date_from[:4]))
    if date_to:
        last = date_to if len(date_to) == 4 else f"{year(date_to) - 1:04d}"  # type: ignore[operator]
        if len(date_to) != 4:
            edges.append((date_to[:4], date_to))
    if first and last and first > last:
        return None, [(date_from, date_to)]
    return (first, last), edges


def period_aggregates(conn: sqlite3.Connection, type_: str, date_from: str | None, date_to: str | None,
                      with_ids: bool = True) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[str, int]]:
    """Ties and node counts (as ``tie_aggregates`` and ``node_counts``) over the events of a type, in a
    period when given (``events.event_filter``'s meaning). Whole years are summed from the per-year cells
    (``period_years``), the partial years at the ends from the period tables' rows. A tie's independent
    sources are exact: its cells' ``n_only`` plus the distinct shared and partial-year articles."""
    from alliancemap.store.events import event_filter  # events calls this module when it saves

    def raw_cond(lo: str | None, hi: str | None) -> tuple[str, list[Any]]:
        where, args = event_filter(type_=type_, date_from=lo, date_to=hi)
        return " AND ".join([*where, "e.date != ''"] if lo or hi else where), args

    ready = _years_ready(conn)
    years, edges = _split_period(date_from, date_to) if ready else (None, [(date_from, date_to)])
    months = ready and _exists(conn, "period_months")
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    nodes: Counter = Counter()
    cur = _plain(conn)
    if years is not None:
        cond, args = _years_cond(type_, years, bool(date_from or date_to))
        for x, y, *summed in cur.execute(
                "SELECT a, b, sum(n_events), min(first_date), max(last_date), sum(n_only),"
                " group_concat(outlets, char(31)), group_concat(domains, char(31))"
                f" FROM period_years WHERE {cond} GROUP BY a, b", args):
            ties[(x, y)] = _summed_cell(*summed)
        for x, y, article in cur.execute(f"SELECT a, b, article_id FROM period_year_shared WHERE {cond}", args):
            ties[(x, y)]["articles"].add(article)
        nodes.update(dict(cur.execute(f"SELECT label, sum(n_events) FROM period_label_years WHERE {cond}"
                                       " GROUP BY label", args)))
    for lo, hi in edges:
        cond, args = raw_cond(lo, hi)
        if months and all(len(bound) <= 7 for bound in (lo, hi) if bound):
            _fold_months(cur, ties, nodes, cond, args)
            continue
        for (_, x, y, _), c in _year_cells(conn, cond, args).items():
            _fold(ties, x, y, c)
        # "+label": grouping by the bare column lets the planner walk the primary key (label before date)
        # to skip a sort, i.e. every row of the type; the dates' index reads only the period's rows
        nodes.update(dict(conn.execute(f"SELECT label, count(*) FROM period_labels e WHERE {cond} GROUP BY +label",
                                       args)))
    stored_type = type_.upper()
    out = {key: {"n_events": t["n_events"], "n_sources": t.get("n_only", 0) + len(t["articles"]),
                 "first_date": t["first_date"], "last_date": t["last_date"],
                 "types": {stored_type or "?": t["n_events"]}, "domains": dict(t["domains"].most_common()),
                 "outlets": sorted(t["outlets"]), "event_ids": [] if with_ids else None}
           for key, t in ties.items()}
    if with_ids:
        cond, args = raw_cond(date_from, date_to)
        for x, y, event_id in conn.execute(f"SELECT a, b, event_id FROM period_sides e WHERE {cond}"
                                           " ORDER BY a, b, date = '', date, event_id", args):
            out[(x, y)]["event_ids"].append(event_id)
    return out, {k: v for k, v in nodes.items() if v}


def _plain(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor that yields plain tuples: ``sqlite3.Row`` (the API's row factory) costs more than the
    aggregates themselves on thousands of rows."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur


def _years_cond(type_: str, years: tuple[str | None, str | None], dated: bool) -> tuple[str, list[Any]]:
    """WHERE text over the per-year tables for a type's whole years (dated ones only in a period)."""
    where, args = ["type = ?"], [type_.upper()]
    if years[0]:
        where.append("year >= ?")
        args.append(years[0])
    if years[1]:
        where.append("year <= ?")
        args.append(years[1])
    if dated:
        where.append("year != ''")
    return " AND ".join(where), args


def _fold_months(cur: sqlite3.Cursor, ties: dict[tuple[str, str], dict[str, Any]], nodes: Counter, cond: str,
                 args: list[Any]) -> None:
    """Add a partial year bounded by months, summed from the month cells, to the ties and node counts.
    ``cond`` is the rows' condition (``events.event_filter`` over ``type`` and ``date``): a month key is
    its dates' first seven characters, so a bound of a year or a month selects the same dates on the keys
    as on the dates, a year-precision date and the '~' of an upper bound included."""
    cells = "(SELECT type, month AS date, a, b, n_events, first_date, last_date, n_only, outlets, domains" \
            " FROM period_months) e"
    for x, y, *summed in cur.execute(
            "SELECT a, b, sum(n_events), min(first_date), max(last_date), sum(n_only),"
            f" group_concat(outlets, char(31)), group_concat(domains, char(31)) FROM {cells} WHERE {cond}"
            " GROUP BY a, b", args):
        _fold(ties, x, y, _summed_cell(*summed))
    for x, y, article in cur.execute("SELECT a, b, article_id FROM (SELECT type, month AS date, a, b, article_id"
                                     f" FROM period_month_shared) e WHERE {cond}", args):
        ties[(x, y)]["articles"].add(article)
    nodes.update(dict(cur.execute("SELECT label, sum(n_events) FROM (SELECT type, month AS date, label, n_events"
                                  f" FROM period_label_months) e WHERE {cond} GROUP BY label", args)))


def _fold(ties: dict[tuple[str, str], dict[str, Any]], a: str, b: str, cell: dict[str, Any]) -> None:
    """Add a partial year's cell (from the rows, or summed from month cells) to its tie's totals."""
    t = ties.get((a, b))
    if t is None:
        t = ties[(a, b)] = _new_cell(0, None, None)
    _merge_cell(t, cell)


def _merge_cell(t: dict[str, Any], cell: dict[str, Any]) -> None:
    """Add one cell to another: counts summed, dates widened, outlets and articles united."""
    t["n_events"] += cell["n_events"]
    if "n_only" in cell:
        t["n_only"] = t.get("n_only", 0) + cell["n_only"]
    for end, pick in (("first_date", min), ("last_date", max)):
        if cell[end]:
            t[end] = pick(t[end] or cell[end], cell[end])
    t["domains"].update(cell["domains"])
    t["outlets"] |= cell["outlets"]
    t["articles"] |= cell["articles"]
