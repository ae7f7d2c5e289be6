"""Every query the ingest path and the events/timeline/actors commands run uses an index on big tables.

The statements are captured as SQLite runs them (``set_trace_callback`` gives them with their values)
while a few example articles are ingested and the query commands run; each is then put through
``EXPLAIN QUERY PLAN``. A full-table ``SCAN`` of a table that grows with the corpus fails the test,
except for the few bulk reads that load a whole table once per run on purpose (listed below).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from alliancemap.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BIG = {"articles", "sentences", "article_sources", "actor_links", "actor_aliases", "actor_roles", "actors",
       "mentions", "events", "event_members", "event_people", "event_parties", "article_minhash", "article_bands", "claims",
       "ingest_log"}
# Whole-table reads done once per command on purpose, never once per article or per event: the actor
# registry, the one-time banding of a store signed before the LSH band index (``events.band_missing``;
# it reads the signatures only while ``article_bands`` is empty), the unfiltered
# event listing, the fuzzy actor search (it scores every alias) and the article metadata of an export.
BULK = (
    re.compile(r"^SELECT actor_id, alias, norm, phon, script, article_id FROM actor_aliases ORDER BY rowid$"),
    re.compile(r"^SELECT \* FROM actors$"),
    re.compile(r"^SELECT seq, num_perm, scheme, signature FROM article_minhash ORDER BY seq$"),
    re.compile(r"^SELECT 1 FROM article_bands LIMIT 1$"),  # one row at most: is the band index built?
    re.compile(r"^SELECT \* FROM events ORDER BY date IS NULL, date, event_id$"),
    re.compile(r"^DELETE FROM event_members WHERE mention_id NOT IN \(SELECT mention_id FROM event_mentions\)$"),
    re.compile(r"^SELECT actor_id, norm, phon FROM actor_aliases$"),
    re.compile(r"^SELECT id, lower\(coalesce\(name_en, ''\)\), '' FROM actors$"),
    re.compile(r"^SELECT article_id, url, outlet, published FROM articles$"),
)




def _scans(db: Path, statements: list[str]) -> dict[str, list[str]]:
    conn = sqlite3.connect(db)
    bad: dict[str, list[str]] = {}
    for sql in dict.fromkeys(s.strip() for s in statements):
        if not re.match(r"(?is)^(SELECT|UPDATE|DELETE|INSERT|WITH)\b", sql) or any(b.match(sql) for b in BULK):
            continue
        try:
            plan = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
        except sqlite3.Error:  # a statement on a temporary table of its own connection
            continue
        for row in plan:
            m = re.match(r"SCAN (\w+)(?! USING)", row[-1])
            if m and m.group(1) in BIG and "USING" not in row[-1]:
                bad.setdefault(sql, []).append(row[-1])
    conn.close()
    return bad


def test_ingest_and_queries_never_scan_a_big_table(traced: tuple[Path, list[str]]) -> None:
    db, statements = traced
    runner = CliRunner()
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html"})[:6]
    result = runner.invoke(main, ["ingest", "--db", str(db), *files])
    assert result.exit_code == 0, result.output
    ingest_count = len(statements)
    for args in (["events"], ["timeline", "LBY", "PAK"], ["actors", "Haftar"]):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code in (0, 1), result.output
    assert ingest_count > 50 and len(statements) > ingest_count  # the trace saw both phases
    assert any("FROM article_bands WHERE key IN" in s for s in statements[:ingest_count])  # near-duplicate check
    bad = _scans(db, statements)
    assert not bad, "\n".join(f"{plan} ← {sql[:200]}" for sql, plan in bad.items())
