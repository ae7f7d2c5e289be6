"""The store's summary tables (``store/summary.py``) answer as the consensus records do.

The API reads events from ``event_summary`` and the graph from ``graph_ties``/``graph_nodes`` (or their
aggregation over the filtered events); these tests rebuild the same answers from the consensus records
alone and compare: on the examples store, after a second ingest that re-merges events, and on a store
made before the tables existed (it upgrades on open and is served from the consensus until synced).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.api import data, views
from alliancemap.graph import alliance_graph
from alliancemap.store import search, summary
from alliancemap.store.events import export_rows
from alliancemap.text.normalize import fold

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NO_FILTER = {"country": None, "faction": None, "party": [], "type": None, "domain": None, "date_from": None,
             "date_to": None, "min_sources": 1, "q": None}
FILTERS = [{}, {"date_from": "2025-08"}, {"date_from": "2025-05", "date_to": "2025-07"},
           {"type": "visit", "min_sources": 2}, {"country": "LBY:east"}, {"party": ["PAK", "LBY"]},
           {"domain": "training"}, {"q": "Haftar"}, {"q": "رئيس الأركان"},
           # type and period alone: read from the period tables
           {"type": "meet"}, {"type": "agree", "date_from": "2025"}, {"date_to": "2024-11"},
           {"type": "visit", "date_from": "2024-06", "date_to": "2025-09-17"}, {"type": "no_such_type"},
           # whole years from the per-year cells, partial years at either end from the rows
           {"type": "visit", "date_from": "2024", "date_to": "2025"}, {"type": "meet", "date_to": "2025"},
           {"type": "visit", "date_from": "2023-11", "date_to": "2026-02"},
           {"type": "agree", "date_from": "2025-03-02", "date_to": "2025-04"},
           {"type": "visit", "date_from": "2026", "date_to": "2024"}]


def _from_consensus(conn: sqlite3.Connection, filters: dict) -> list[dict]:
    """The filtered events built from their consensus records, ignoring every summary table."""
    where, args = data.event_filters(conn, {**NO_FILTER, **filters})
    rows = conn.execute("SELECT e.* FROM events e WHERE " + " AND ".join(where)
                        + " ORDER BY e.date IS NULL, e.date, e.event_id", args).fetchall()
    return export_rows(conn, rows)


def _canonical(graph) -> str:
    d = graph.to_dict()
    ties = sorted(({**t, "types": sorted(t["types"].items()), "domains": sorted(t["domains"].items())}
                   for t in d["ties"]), key=lambda t: (t["a"], t["b"]))
    return json.dumps({"nodes": d["nodes"], "ties": ties}, sort_keys=True)


def _assert_same_as_consensus(db: str) -> None:
    conn = data.connect_readonly(db)
    try:
        assert summary.is_synced(conn) and summary.has_period_tables(conn)
        every = _from_consensus(conn, {})
        assert every, "the examples make events"
        assert data.exported(conn, [e["event_id"] for e in every]) == every
        for filters in FILTERS:
            events = _from_consensus(conn, filters)
            fast = views.alliance_graph_of(conn, {**NO_FILTER, **filters})
            assert _canonical(fast) == _canonical(alliance_graph(events)), filters
        _assert_months_and_search_match(conn, every)
        _assert_years_match_a_rebuild(conn)
    finally:
        conn.close()


def _assert_months_and_search_match(conn: sqlite3.Connection, every: list[dict]) -> None:
    """party_months counts each party's dated events as the consensus records do (a bare state with its
    factions), and search_events maps the matching documents to the events (and dates) the mentions
    give."""
    keys = {summary.label(p["country"], p.get("faction")) for e in every for p in e["parties"]}
    keys |= {k.partition(":")[0] for k in keys}
    assert any(":" in k for k in keys), "the examples have factions"
    for key in keys:
        dated = [e for e in every if e["date"] and any(
            summary.label(p["country"], p.get("faction")) == key or (":" not in key and p["country"] == key)
            for p in e["parties"])]
        want = sorted(Counter(e["date"][:7] for e in dated).items())
        assert summary.party_months(conn, key) == want, key
    indexed = conn.execute("SELECT count(*) FROM search_state").fetchone()[0]  # built by serve, not ingest
    hits = 0
    for words in ("Haftar", "رئيس الأركان", "training", "باكستان"):
        expr = search.match_expression(words, fold)
        found = [{tuple(r) for r in conn.execute(sql, (expr,))} for sql in (search.matching_event_ids_sql(),
                                                                            search.matching_event_ids_by_mentions_sql())]
        assert found[0] == found[1], words
        hits += len(found[0])
    assert hits or not indexed, "the examples match these words"


def _year_rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in summary.YEAR_TABLES}


def _assert_years_match_a_rebuild(conn: sqlite3.Connection) -> None:
    """The per-year cells, as the syncs left them (tie by tie), equal the cells rebuilt in one pass from
    every row of the period tables."""
    stored = _year_rows(conn)
    assert stored["period_years"] and not stored["period_dirty"]
    mem = sqlite3.connect(":memory:")
    conn.backup(mem)
    for table in summary.YEAR_TABLES:
        mem.execute(f"DELETE FROM {table}")
    summary._store_years(mem, "1", "1", [])
    assert _year_rows(mem) == stored
    mem.close()


def _copy(db: str, path: Path) -> Path:
    """A copy of a store, WAL included (a file copy could miss what is not checkpointed yet)."""
    src, dst = sqlite3.connect(db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def _ingest(db: Path, *paths: str) -> None:
    from alliancemap.cli import main

    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), *paths])
    assert result.exit_code == 0, result.output


def test_summaries_and_graph_tables_match_the_consensus(desk_store):
    _assert_same_as_consensus(desk_store)


def test_tables_follow_a_second_ingest_that_re_merges_events(tmp_path):
    """Later articles join, split and re-date events saved by an earlier run: only the changed ties are
    recomputed, and the result is still the graph of every event; the search index, brought up to date
    as ``serve`` does, maps its matches to the re-merged events."""
    from alliancemap.cli_serve import prepare_store

    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"})
    db = tmp_path / "two.db"
    _ingest(db, *files[1::2])
    prepare_store(str(db))
    _assert_same_as_consensus(str(db))
    conn = sqlite3.connect(db)
    before = conn.execute("SELECT count(*) FROM graph_ties").fetchone()[0]
    conn.close()
    _ingest(db, *files[0::2])
    _assert_search_skips_merged_away_events(str(db))
    prepare_store(str(db))
    _assert_same_as_consensus(str(db))
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM graph_ties").fetchone()[0] > before
        assert conn.execute("SELECT count(*) FROM graph_dirty").fetchone()[0] == 0
    finally:
        conn.close()


def _assert_search_skips_merged_away_events(db: str) -> None:
    """Before the index is synced again, the merge has already re-mapped the events it saved or deleted:
    search_events names no event merged away, each at its current date, and searches find events."""
    conn = data.connect_readonly(db)
    try:
        dates = dict(conn.execute("SELECT event_id, date FROM events").fetchall())
        rows = conn.execute("SELECT event_id, date FROM search_events").fetchall()
        assert rows and all(r[0] in dates and r[1] == (dates[r[0]] or "") for r in rows)  # '' is undated
        assert any(r[1] == "" for r in rows), "undated events are mapped too"
        assert conn.execute("SELECT count(*) FROM search_state WHERE kind = 'event'"
                            " AND ref NOT IN (SELECT event_id FROM events)").fetchone()[0], \
            "the second ingest replaced events the index still holds"
        hits = sum(len(conn.execute(search.matching_event_ids_sql(), (search.match_expression(w, fold),)).fetchall())
                   for w in ("Haftar", "training", "باكستان", "وزير"))
        assert hits, "the words match indexed documents"
    finally:
        conn.close()


def test_a_store_made_before_the_tables_upgrades_on_open(tmp_path, desk_store):
    from alliancemap.cli_serve import prepare_store
    from alliancemap.store.db import open_store

    db = _copy(desk_store, tmp_path / "old.db")
    conn = sqlite3.connect(db)
    for table in ("event_summary", "event_labels", "event_sides", "event_sources", "graph_ties", "graph_nodes",
                  "graph_dirty", "summary_pending", "party_months", *summary.PERIOD_TABLES, *summary.YEAR_TABLES):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _migrations WHERE name LIKE 'summary_%'")
    conn.commit()
    conn.close()
    open_store(str(db)).close()  # the migration queues every event
    conn = data.connect_readonly(str(db))
    try:
        assert not summary.is_synced(conn)
        n = conn.execute("SELECT count(*) FROM summary_pending").fetchone()[0]
        assert n == conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        every = _from_consensus(conn, {})
        assert data.exported(conn, [e["event_id"] for e in every]) == every  # read from the consensus
        graph = views.alliance_graph_of(conn, NO_FILTER)
        assert _canonical(graph) == _canonical(alliance_graph(every))
    finally:
        conn.close()
    prepare_store(str(db))  # `serve` fills the tables once
    _assert_same_as_consensus(str(db))


@pytest.mark.parametrize(("bound", "kept", "dropped"), [
    (("2025", None), ["2025", "2025-03", "2025-12-31"], ["2024-12-31"]),
    (("2025-03", "2025-03"), ["2025-03", "2025-03-01", "2025-03-31"], ["2025-02-28", "2025-04", "2025"]),
    ((None, "2025"), ["2025", "2025-12-31", "2024-01"], ["2026-01-01"]),
])
def test_date_bounds_keep_the_bound_precision(bound, kept, dropped):
    """The date range written for the index keeps the old meaning: a bound compares on its own precision."""
    from alliancemap.store.events import event_filter

    where, args = event_filter(date_from=bound[0], date_to=bound[1])
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (event_id TEXT, date TEXT)")
    conn.executemany("INSERT INTO events VALUES (?, ?)", [(d, d) for d in kept + dropped])
    got = {r[0] for r in conn.execute("SELECT e.event_id FROM events e WHERE " + " AND ".join(where), args)}
    assert got == set(kept)


@pytest.mark.parametrize("filters", FILTERS[1:])
def test_one_read_of_a_narrow_selection_pages_as_the_index_does(desk_store, filters):
    """The first page, total and months from one read equal those of the paged queries and the count."""
    conn = data.connect_readonly(desk_store)
    try:
        f = {**NO_FILTER, **filters}
        sel = data.select_all(conn, f)
        assert sel is not None
        if sel:  # one event over the cap: the callers page on the index instead
            assert data.select_all(conn, f, cap=len(sel) - 1) is None
        items, nxt, total = data.first_page(conn, f, 3)
        paged, paged_next = data.list_events(conn, f, 3)
        assert (items, nxt, total) == (paged, paged_next, data.count_events(conn, f))
        assert views._months(conn, f, sel) == views._months(conn, f, None)
    finally:
        conn.close()


def test_the_graph_read_without_event_ids_counts_the_same(desk_store):
    conn = data.connect_readonly(desk_store)
    try:
        full = views.alliance_graph_of(conn, NO_FILTER).to_dict()
        light = views.alliance_graph_of(conn, NO_FILTER, with_ids=False).to_dict()
    finally:
        conn.close()
    assert [t.pop("event_ids") for t in light["ties"]] == [[] for _ in full["ties"]]
    for t in full["ties"]:
        assert len(t.pop("event_ids")) == t["n_events"]
    assert light == full


def test_undated_events_close_a_selection_as_they_close_the_pages(tmp_path, desk_store):
    db = str(_copy(desk_store, tmp_path / "undated.db"))
    conn = sqlite3.connect(db)
    event_id, type_ = conn.execute("SELECT event_id, type FROM events ORDER BY date LIMIT 1").fetchone()
    conn.execute("UPDATE events SET date = NULL WHERE event_id = ?", (event_id,))
    conn.commit()
    conn.close()
    conn = data.connect_readonly(db)
    try:
        f = {**NO_FILTER, "type": type_}
        sel = data.select_all(conn, f)
        assert sel[-1] == (event_id, None) and all(d for _, d in sel[:-1])
        items, _, total = data.first_page(conn, f, 500)
        assert [e["event_id"] for e in items] == [e["event_id"] for e in data.list_events(conn, f, 500)[0]]
        assert total == len(sel) == data.count_events(conn, f)
    finally:
        conn.close()


def test_an_event_re_dated_by_the_merge_moves_in_the_period_tables(tmp_path, desk_store):
    """The merge re-saves an event without its date (and queues it, as ``save_clusters`` does): a graph
    filtered by its type keeps it, one filtered by a period drops it, both as the consensus records say."""
    db = str(_copy(desk_store, tmp_path / "redated.db"))
    conn = sqlite3.connect(db)
    event_id, type_, date = conn.execute(
        "SELECT e.event_id, e.type, e.date FROM events e JOIN event_sides s ON s.event_id = e.event_id"
        " ORDER BY e.date DESC LIMIT 1").fetchone()
    conn.execute("UPDATE events SET date = NULL, date_precision = NULL, consensus_json = json_set(consensus_json,"
                 " '$.event.date', NULL, '$.event.date_precision', NULL) WHERE event_id = ?", (event_id,))
    summary.queue(conn, [event_id])
    summary.sync(conn)
    conn.commit()
    conn.close()
    conn = data.connect_readonly(db)
    try:
        assert conn.execute("SELECT count(*) FROM period_sides WHERE event_id = ? AND date = ''",
                            (event_id,)).fetchone()[0] > 0
        for filters in ({"type": type_.lower()}, {"type": type_.lower(), "date_from": date[:4]},
                        {"date_to": date}):
            fast = views.alliance_graph_of(conn, {**NO_FILTER, **filters})
            assert _canonical(fast) == _canonical(alliance_graph(_from_consensus(conn, filters))), filters
        undated = views.alliance_graph_of(conn, {**NO_FILTER, "type": type_}).to_dict()
        assert any(event_id in t["event_ids"] for t in undated["ties"])
    finally:
        conn.close()


MONTH_CELLS = {"period_months", "period_month_shared", "period_label_months"}


@pytest.mark.parametrize(("period", "partial"), [(("2024", "2025"), None), (("2024-06", "2025"), "months"),
                                                 (("2023-06-15", "2025-02"), "rows")])
def test_the_period_graph_reads_whole_years_from_the_cells(desk_store, period, partial):
    """A type's graph over whole years reads only the per-year cells, their domain counts in the same
    statement as their events; a partial year bounded by a month sums the month cells; one bounded by a
    day reads the period tables' rows of its dates. Each cell read seeks the type (and the months) in a
    primary key; each row read seeks the type and its dates in an index (a tie comes before the date in
    the rows' keys: without it a month bound walked every row of the type)."""
    conn = data.connect_readonly(desk_store)
    statements: list[str] = []
    try:
        conn.set_trace_callback(statements.append)
        summary.period_aggregates(conn, "visit", *period, with_ids=False)
        conn.set_trace_callback(None)
        reads = [sql for sql in statements if "sqlite_master" not in sql and "period_dirty" not in sql]
        tables = {t for sql in reads for t in (*summary.PERIOD_TABLES, *summary.YEAR_TABLES)
                  if re.search(rf"\b{t}\b", sql)}
        want = {"period_years", "period_year_shared", "period_label_years"}
        want |= MONTH_CELLS if partial == "months" else set(summary.PERIOD_TABLES) if partial == "rows" else set()
        if partial == "rows":  # the upper bound "2025-02" is a month: its partial year comes from month cells
            want |= MONTH_CELLS
        assert tables == want, reads
        assert sum(" period_years " in sql for sql in reads) == 1, reads  # one pass over the cells
        assert not any("period_year_domains" in sql for sql in reads)
        for sql in reads:
            plan = " | ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
            if any(f" {t} " in sql for t in summary.PERIOD_TABLES):
                assert "(type=? AND date>? AND date<?)" in plan, (sql, plan)
            elif any(t in sql for t in MONTH_CELLS):
                assert "USING PRIMARY KEY (type=? AND month>? AND month<?)" in plan, (sql, plan)
            else:
                assert "USING PRIMARY KEY (type=?" in plan, (sql, plan)
    finally:
        conn.close()


@pytest.mark.parametrize("precision", ["year", "month"])
def test_a_year_or_month_precision_date_is_counted_as_the_bounds_say(tmp_path, desk_store, precision):
    """An event dated only "2025" lies inside the year 2025 but before the month bound "2025-01": whole-year
    cells and partial-year rows must agree with the consensus records on both."""
    db = str(_copy(desk_store, tmp_path / "coarse.db"))
    conn = sqlite3.connect(db)
    event_id, type_, date = conn.execute(
        "SELECT e.event_id, e.type, e.date FROM events e JOIN event_sides s ON s.event_id = e.event_id"
        " WHERE e.date IS NOT NULL ORDER BY e.date DESC LIMIT 1").fetchone()
    coarse = date[:4] if precision == "year" else date[:7]
    conn.execute("UPDATE events SET date = ?, date_precision = ?, consensus_json = json_set(consensus_json,"
                 " '$.event.date', ?, '$.event.date_precision', ?) WHERE event_id = ?",
                 (coarse, precision, coarse, precision, event_id))
    summary.queue(conn, [event_id])
    summary.sync(conn)
    conn.commit()
    conn.close()
    conn = data.connect_readonly(db)
    year = int(date[:4])
    try:
        _assert_years_match_a_rebuild(conn)
        for lo, hi in [(str(year), None), (f"{year}-01", None), (None, f"{year}-01"), (str(year - 1), f"{year}-06"),
                       (f"{year - 1}-03", str(year)), (None, str(year - 1))]:
            filters = {"type": type_.lower(), "date_from": lo, "date_to": hi}
            fast = views.alliance_graph_of(conn, {**NO_FILTER, **filters})
            assert _canonical(fast) == _canonical(alliance_graph(_from_consensus(conn, filters))), filters
    finally:
        conn.close()


def _synthetic_period_store(path: Path, seed: int) -> sqlite3.Connection:
    """A store whose period tables hold generated rows: ties with events in several years, undated and
    year- or month-precision dates, and articles that report events of one tie in different years."""
    import random

    from alliancemap.store.db import open_store

    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    rng = random.Random(seed)
    dates = ["", "2023", "2023-05", "2023-12-30", "2024", "2024-01", "2024-01-15", "2024-07-04", "2025-02",
             "2025-11-09", "2022-03-03"]
    for n in range(400):
        type_, (a, b), date = rng.choice(["VISIT", "MEET"]), rng.choice([("EGY", "LBY:east"), ("PAK", "TUR"),
                                                                          ("LBY:east", "TUR")]), rng.choice(dates)
        event_id = f"ev{n}"
        conn.execute("INSERT INTO period_sides VALUES (?,?,?,?,?)", (type_, a, b, date, event_id))
        for label in (a, b):
            conn.execute("INSERT INTO period_labels VALUES (?,?,?,?)", (type_, label, date, event_id))
        for domain in rng.sample(["training", "drones", "intelligence"], rng.randint(0, 2)):
            conn.execute("INSERT INTO period_domains VALUES (?,?,?,?,?,?)", (type_, a, b, domain, date, event_id))
        for article in {f"art{rng.randint(0, 150)}" for _ in range(rng.randint(1, 3))}:  # shared across events
            conn.execute("INSERT INTO period_sources VALUES (?,?,?,?,?,?,?)",
                         (type_, a, b, rng.choice(["", "one.example", "two.example"]), article, date, event_id))
        summary._mark_years(conn, event_id)
    conn.execute("DELETE FROM summary_pending")
    return conn


@pytest.mark.parametrize("seed", [1, 2])
def test_the_year_cells_count_sources_exactly_over_any_period(tmp_path, seed):
    """Whatever the period (whole years, partial ones, open ends, undated events in or out), a tie's
    events, dates, domains, outlets and distinct source articles from the cells equal those counted on
    the rows; an article that reports the tie in two years counts once."""
    conn = _synthetic_period_store(tmp_path / "p.db", seed)
    summary._refresh_years(conn)
    shared = conn.execute("SELECT count(*) FROM period_year_shared").fetchone()[0]
    assert shared, "the generator makes articles that span years"
    periods = [(None, None), ("2023", "2024"), ("2023-06", "2024"), ("2023", "2024-01"), ("2022-03-03", None),
               (None, "2024-01-14"), ("2024", "2024"), ("2023-12", "2025-02"), ("2025", "2023"), ("2024-01", None)]
    for type_ in ("visit", "meet"):
        for lo, hi in periods:
            ties, nodes = summary.period_aggregates(conn, type_, lo, hi, with_ids=False)
            where, args = summary_filter(type_, lo, hi)
            want = {}
            for a, b, n, first, last in conn.execute(
                    f"SELECT a, b, count(*), min(nullif(date, '')), max(nullif(date, '')) FROM period_sides e"
                    f" WHERE {where} GROUP BY a, b", args):
                want[(a, b)] = (n, first, last)
            got = {k: (t["n_events"], t["first_date"], t["last_date"]) for k, t in ties.items()}
            assert got == want, (type_, lo, hi)
            for (a, b), t in ties.items():
                sources = conn.execute(f"SELECT count(DISTINCT article_id), group_concat(DISTINCT outlet)"
                                       f" FROM period_sources e WHERE {where} AND a = ? AND b = ?",
                                       [*args, a, b]).fetchone()
                assert t["n_sources"] == sources[0], (type_, lo, hi, a, b)
                assert t["outlets"] == sorted(set((sources[1] or "").split(",")) - {""})
                domains = dict(conn.execute(f"SELECT domain, count(*) FROM period_domains e WHERE {where}"
                                            " AND a = ? AND b = ? GROUP BY domain", [*args, a, b]).fetchall())
                assert t["domains"] == domains
            labels = dict(conn.execute(f"SELECT label, count(*) FROM period_labels e WHERE {where} GROUP BY label",
                                       args).fetchall())
            assert nodes == labels, (type_, lo, hi)
    # Changing one event re-counts its tie in every year: the article it shared is no longer shared.
    before = _year_rows(conn)
    conn.execute("DELETE FROM period_sources WHERE event_id = 'ev0'")
    summary._mark_years(conn, "ev0")
    summary._refresh_years(conn)
    assert _year_rows(conn) != before
    conn.commit()  # a backup waits for the source's open transaction
    _assert_years_match_a_rebuild(conn)
    conn.close()


def summary_filter(type_: str, lo: str | None, hi: str | None) -> tuple[str, list]:
    """The rows of a type and period, as ``events.event_filter`` selects events (undated out of a period)."""
    from alliancemap.store.events import event_filter

    where, args = event_filter(type_=type_, date_from=lo, date_to=hi)
    return " AND ".join([*where, "e.date != ''"] if lo or hi else where), args


def test_a_store_with_a_domain_table_packs_its_counts_into_the_cells(tmp_path, desk_store):
    """A store whose cells kept their domain counts in a table of their own (``summary_005``) moves them
    into the cells when opened, and answers every period graph as before, without a rebuild."""
    from alliancemap.store.db import open_store

    db = _copy(desk_store, tmp_path / "domains.db")
    conn = sqlite3.connect(db)
    packed = sorted(tuple(r) for r in conn.execute("SELECT * FROM period_years"))
    assert any(r[-1] for r in packed), "the examples' cells have domains"
    conn.executescript("""
        CREATE TABLE period_year_domains (
            type TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, domain TEXT NOT NULL, year TEXT NOT NULL,
            n_events INTEGER NOT NULL, PRIMARY KEY (type, a, b, domain, year)
        ) WITHOUT ROWID;
    """)
    for t, a, b, year, domains in conn.execute("SELECT type, a, b, year, domains FROM period_years").fetchall():
        counts = Counter(domains.split("\x1f") if domains else [])
        conn.executemany("INSERT INTO period_year_domains VALUES (?,?,?,?,?,?)",
                         [(t, a, b, d, year, n) for d, n in counts.items() if d])
    conn.execute("ALTER TABLE period_years DROP COLUMN domains")
    conn.execute("DELETE FROM _migrations WHERE name = 'summary_006_packed_domains'")
    conn.commit()
    conn.close()
    open_store(str(db)).close()
    conn = data.connect_readonly(str(db))
    try:
        assert sorted(tuple(r) for r in conn.execute("SELECT * FROM period_years")) == packed
        assert not data.table_exists(conn, "period_year_domains")
    finally:
        conn.close()
    _assert_same_as_consensus(str(db))
