#!/usr/bin/env python3
"""The partitioned path (``run`` + ``load``, local and Dask) against ``ingest``, on one generated corpus.

In the same run, on the same JSON Lines corpus (``benchmarks/corpus.py``), each as a child process:

1. ``alliancemap ingest`` (the local path, one process): the reference, and ``ingest --workers N``;
2. ``alliancemap run --engine local --workers 1`` then ``alliancemap load``;
3. ``alliancemap run --engine dask --workers N`` (a local cluster of N worker processes) then ``load``.

It prints wall and CPU seconds of each step (CPU of the child and its own children: Dask's worker
processes included), each path's total as a ratio to the reference, and whether the events after
``load`` are identical to those of ``ingest`` (exported events, sorted, compared whole).

    nice python benchmarks/bench_dask.py --n 1000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent / "alliancemap"


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # every waited-for descendant (Dask workers too)
    return ru.ru_utime + ru.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a child process and its own children, start-up included; a failure stops
    the benchmark."""
    start, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: some input rejected, reported
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start, _cpu() - cpu


def events(db: Path) -> list[str]:
    from alliancemap.store.db import open_store
    from alliancemap.store.events import exported_events

    store = open_store(str(db))
    rows = sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in exported_events(store.conn))
    store.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="generated articles")
    ap.add_argument("--chars", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=2, help="Dask workers")
    ap.add_argument("--partition-size", type=int, default=100)
    args = ap.parse_args()

    import corpus

    with tempfile.TemporaryDirectory(prefix="bench_dask_") as tmp:
        d = Path(tmp)
        src = d / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in corpus.articles(args.n, seed=11, chars=args.chars):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        part = ["--partition-size", str(args.partition_size)]
        rows = []
        ref = timed([str(BIN), "ingest", "-q", "--db", str(d / "ingest.db"), str(src)])
        rows.append(("ingest (the local path, 1 process)", ref, (0.0, 0.0)))
        two = timed([str(BIN), "ingest", "-q", "--workers", str(args.workers), "--db", str(d / "two.db"), str(src)])
        rows.append((f"ingest --workers {args.workers}", two, (0.0, 0.0)))
        for name, extra in (("local", ["--workers", "1"]), ("dask", ["--workers", str(args.workers)])):
            out, db = d / f"run_{name}", d / f"{name}.db"
            t_run = timed([str(BIN), "run", "-q", "--engine", name, *extra, *part, "--out", str(out), str(src)])
            t_load = timed([str(BIN), "load", "-q", str(out), "--db", str(db)])
            rows.append((f"run --engine {name} {' '.join(extra)}, then load", t_run, t_load))
        reference = events(d / "ingest.db")
        same = {name: events(d / f"{name}.db") == reference for name in ("two", "local", "dask")}

    print(f"{args.n} generated articles of ~{args.chars} chars, partitions of {args.partition_size};"
          " seconds (wall / CPU of the process and its children)")
    print()
    print("| path | ingest or run: wall / CPU | load: wall / CPU | total wall | total CPU | wall / ingest | CPU / ingest |")
    print("|---|---|---|---|---|---|---|")
    for label, (rw, rc), (lw, lc) in rows:
        print(f"| {label} | {rw:.1f} / {rc:.1f} | {lw:.1f} / {lc:.1f} | {rw + lw:.1f} | {rc + lc:.1f} |"
              f" {(rw + lw) / ref[0]:.2f} | {(rc + lc) / ref[1]:.2f} |")
    print()
    print(f"events after ingest: {len(reference)}; identical: ingest --workers {same['two']},"
          f" local run + load {same['local']}, dask run + load {same['dask']}")
    print(f"load average (1, 5, 15 min) at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    sys.exit(0 if all(same.values()) else 1)


if __name__ == "__main__":
    main()
