#!/usr/bin/env python3
"""Old against new code of the pure per-article stages, interleaved in one process (issue 11).

On a machine shared with other jobs, CPU time per run moves by ±20% with their load, more than most
speed changes. This benchmark loads ``clean.py`` and ``merge/duplicates.py`` of an older checkout beside
the current ones and times both on the same records in alternation, 50 at a time, keeping the fastest
of five rounds of each chunk: the load hits both alike.

    git archive OLD_COMMIT | tar -x -C /tmp/old
    nice python benchmarks/ab_stages.py /tmp/old/src /tmp/c1k.jsonl
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def _load(name: str, path: Path) -> ModuleType:
    """A module of the older checkout under a name of its own (it imports the current package's others)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def interleaved(old: Callable[[Any], Any], new: Callable[[Any], Any], items: list[Any],
                chunk: int = 50, rounds: int = 5) -> tuple[float, float]:
    """(old, new) CPU seconds over ``items``: per chunk, the fastest of ``rounds`` alternating runs."""
    old(items[0]), new(items[0])  # lazy loading out of the timing
    total_old = total_new = 0.0
    for k in range(0, len(items), chunk):
        part = items[k:k + chunk]
        best_old = best_new = float("inf")
        for _ in range(rounds):
            start = time.process_time()
            for x in part:
                old(x)
            best_old = min(best_old, time.process_time() - start)
            start = time.process_time()
            for x in part:
                new(x)
            best_new = min(best_new, time.process_time() - start)
        total_old, total_new = total_old + best_old, total_new + best_new
    return total_old, total_new


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old_src", type=Path, help="the src folder of the older checkout")
    ap.add_argument("input", help="JSON Lines records (benchmarks/corpus.py)")
    ap.add_argument("--n", type=int, default=600, help="records timed")
    args = ap.parse_args()
    from alliancemap import clean as new_clean
    from alliancemap.merge import duplicates as new_dup
    from alliancemap.sources import iter_documents

    old_clean = _load("old_clean", args.old_src / "alliancemap" / "clean.py")
    old_dup = _load("old_duplicates", args.old_src / "alliancemap" / "merge" / "duplicates.py")
    docs = list(iter_documents([args.input], max_bytes=10**10))[: args.n]
    texts = [a.text for a in map(new_clean.clean, docs) if hasattr(a, "text")]
    print("| stage | old ms per article | new ms per article | new / old |\n|---|---|---|---|")
    for name, pair, items in (("clean", (old_clean.clean, new_clean.clean), docs),
                              ("MinHash", (old_dup.minhash, new_dup.minhash), texts)):
        t_old, t_new = interleaved(*pair, items)
        print(f"| {name} | {1000 * t_old / len(items):.2f} | {1000 * t_new / len(items):.2f} | {t_new / t_old:.2f} |")


if __name__ == "__main__":
    main()
