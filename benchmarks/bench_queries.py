"""Query latency of the real CLI on a given store: each command run as a subprocess, as a user runs it.

Times ``events``, ``timeline``, ``actors``, ``graph`` and ``partners`` (and ``events --format jsonl``,
which streams every event) with their output sent to /dev/null, start-up included: wall time and the
child's CPU time (user + system), p50 and p95 over ``--runs`` runs. The references are measured in the
same run and interleaved with the commands: ``python -c pass`` (the interpreter alone) and
``alliancemap --version`` (the interpreter, click and the CLI's imports). The ratio column is the
command's wall p50 over the ``--version`` reference's, so a loaded machine moves both.

The timeline and partners commands use the store's busiest tie (most events) and its first party.
The package is byte-compiled first (``compileall``), as pip does when it installs it: an editable
install run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on every start.

    nice python benchmarks/bench_queries.py --db /tmp/query9_100k.db [--runs 7] [--only timeline --only actors]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).with_name("alliancemap")


def _busiest_tie(db: str) -> tuple[str, str]:
    """The pair of parties with the most events (the heaviest timeline), from the graph table."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT a, b FROM graph_ties ORDER BY n_events DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        row = None
    conn.close()
    return (row[0], row[1]) if row else ("PAK", "SAU")


def commands(db: str) -> dict[str, list[str]]:
    """Name -> argv of every timed command (references first)."""
    a, b = _busiest_tie(db)
    cli = [str(BIN)]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "alliancemap --version": [*cli, "--version"],
        "events": [*cli, "events", "--db", db],
        f"events --country {a}": [*cli, "events", "--db", db, "--country", a],
        "events --format jsonl (all)": [*cli, "events", "--db", db, "--format", "jsonl"],
        f"timeline {a} {b}": [*cli, "timeline", a, b, "--db", db],
        "actors": [*cli, "actors", "--db", db],
        "graph": [*cli, "graph", "--db", db],
        f"partners {a}": [*cli, "partners", a, "--db", db],
    }


def time_once(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run with output to /dev/null; exits on a failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _p95(xs: list[float]) -> float:
    return sorted(xs)[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store to query (only read)")
    ap.add_argument("--runs", type=int, default=7, help="runs per command (after one warm-up run)")
    ap.add_argument("--only", action="append", help="only commands whose name contains this (repeatable; "
                                                    "the references are always run)")
    args = ap.parse_args()
    if not Path(args.db).is_file():
        sys.exit(f"no store at {args.db}: build one with benchmarks/bench_api.py --db {args.db}")
    import compileall

    import alliancemap

    compileall.compile_dir(str(Path(alliancemap.__file__).parent), quiet=1)
    cmds = commands(args.db)
    names = [n for n in cmds if n in ("python -c pass", "alliancemap --version") or not args.only
             or any(o in n for o in args.only)]
    for name in names:  # warm-up: page cache, KB cache, .pyc files
        time_once(cmds[name])
    walls: dict[str, list[float]] = {n: [] for n in names}
    cpus: dict[str, list[float]] = {n: [] for n in names}
    for i in range(args.runs):  # interleaved, so a burst of load falls on every command alike
        for name in names:
            wall, cpu = time_once(cmds[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
        print(f"run {i + 1}/{args.runs} done", file=sys.stderr)
    ref = statistics.median(walls["alliancemap --version"])
    print(f"store {args.db} ({os.path.getsize(args.db) / 1e6:.0f} MB), {args.runs} runs, "
          f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    print("| command | wall p50 s | wall p95 s | CPU p50 s | CPU p95 s | wall / --version |")
    print("|---|---|---|---|---|---|")
    for name in names:
        w, c = walls[name], cpus[name]
        print(f"| `{name}` | {statistics.median(w):.3f} | {_p95(w):.3f} | {statistics.median(c):.3f} "
              f"| {_p95(c):.3f} | {statistics.median(w) / ref:.2f} |")


if __name__ == "__main__":
    main()
