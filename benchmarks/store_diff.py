#!/usr/bin/env python3
"""Compare what two stores hold, table by table, without time stamps and run ids.

A speed change must not change results: ingest the same inputs with the old and the new code into two
stores, then

    python benchmarks/store_diff.py OLD.db NEW.db          # exit 0 when identical, 1 with the first differences

Every table's rows are compared as sorted lists (the order rows were written in is not compared);
columns holding clock times (``*_at``) and ids of runs are left out, as are the search index's internal
tables, which are rebuilt from the others.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

SKIP_TABLES = {"_migrations", "ingest_runs", "sqlite_sequence", "search_state", "store_state"}
SKIP_COLUMNS = {"run_id", "link_id"}


def digest(path: str) -> dict[str, list[str]]:
    """{table: sorted rows as text} of the store at ``path``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, list[str]] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        if table in SKIP_TABLES or table.startswith("search_fts"):
            continue
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in SKIP_COLUMNS and not r[1].endswith("_at")]
        names = ", ".join(f'"{c}"' for c in cols)
        out[table] = sorted(repr(tuple(r)) for r in conn.execute(f'SELECT {names} FROM "{table}"'))
    conn.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--show", type=int, default=5, help="differing rows shown per table")
    args = ap.parse_args()
    old, new = digest(args.old), digest(args.new)
    differ = 0
    for table in sorted(set(old) | set(new)):
        a, b = old.get(table, []), new.get(table, [])
        if a == b:
            continue
        differ += 1
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        print(f"{table}: {len(a)} rows against {len(b)}")
        for row in only_a[:args.show]:
            print(f"  - {row[:300]}")
        for row in only_b[:args.show]:
            print(f"  + {row[:300]}")
    rows = sum(len(v) for v in new.values())
    print(f"{len(new)} tables, {rows} rows: " + (f"{differ} tables differ" if differ else "identical"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
