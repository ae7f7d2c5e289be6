#!/usr/bin/env python3
"""CPU per article of each stage of one ``ingest`` (issue 11): where the user's path spends its time.

Runs ``pipeline.ingest`` in this process on INPUT into a fresh store, with a timer around each stage's
function (the timers add about a microsecond a call), and prints milliseconds of CPU per stored article.
Nested stages are listed under the stage that calls them; "other" is what no timer covers (reading,
transactions, the run's start-up: KB cache, lexicon compilation).

    python benchmarks/corpus.py --n 1000 --format jsonl --out /tmp/c1k.jsonl
    nice python benchmarks/ingest_stages.py /tmp/c1k.jsonl
    PYTHONPATH=OLD/src nice python benchmarks/ingest_stages.py /tmp/c1k.jsonl     # the same for older code
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

TIMES: dict[str, float] = defaultdict(float)

# (label, module, attribute or "Class.method", parent label or ""): what is timed, and where it nests
STAGES = [
    ("clean", "alliancemap.pipeline", "clean", ""),
    ("gates + extraction", "alliancemap.gates", "extract_gated", ""),
    ("extract_article (the reference)", "alliancemap.extract", "extract_article", "gates + extraction"),
    ("link", "alliancemap.resolve.link", "link_extraction", ""),
    ("MinHash + duplicate index", "alliancemap.merge.duplicates", "DuplicateIndex.add", ""),
    ("store: article", "alliancemap.store.db", "Store.add_article", ""),
    ("store: actors and links", "alliancemap.store.actors", "save_link_result", ""),
    ("store: mentions and claims", "alliancemap.store.extraction", "replace_extraction", ""),
    ("store: event mentions", "alliancemap.store.events", "replace_mentions", ""),
    ("store: duplicate signature", "alliancemap.store.events", "save_duplicate", ""),
    ("merge", "alliancemap.pipeline", "merge_all", ""),
    ("save clusters", "alliancemap.store.events", "save_clusters", "merge"),
    ("summary upkeep ([8]: sync + forget)", "alliancemap.store.summary", "sync", "save clusters"),
    ("summary forget", "alliancemap.store.summary", "forget", "save clusters"),
]


def _timed(label: str, fn: Any) -> Any:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[label] += time.process_time() - start

    return wrapper


def _install() -> list[tuple[str, str]]:
    """Wrap every stage that exists in this version of the code; (label, parent) of those wrapped."""
    import importlib

    done = []
    for label, module, attr, parent in STAGES:
        try:
            owner: Any = importlib.import_module(module)
            *path, name = attr.split(".")
            for part in path:
                owner = getattr(owner, part)
            setattr(owner, name, _timed(label, getattr(owner, name)))
        except (ImportError, AttributeError):
            continue
        done.append((label, parent))
    return done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="+", help="files or folders, as for alliancemap ingest")
    args = ap.parse_args()
    stages = _install()
    from alliancemap.pipeline import ingest
    from alliancemap.store.db import open_store

    with tempfile.TemporaryDirectory(prefix="stages-") as tmp:
        start = time.process_time()
        store = open_store(str(Path(tmp) / "s.db"))
        report = ingest(store, args.input, max_bytes=10**10)
        total = time.process_time() - start
        store.conn.close()
    n = max(len(report.new_articles), 1)
    print(f"{len(report.new_articles)} articles, {total:.1f} s CPU in all: {1000 * total / n:.2f} ms per article")
    print("| stage | ms per article |\n|---|---|")
    covered = 0.0
    for label, parent in stages:
        ms = 1000 * TIMES[label] / n
        covered += 0 if parent else ms
        print(f"| {'  ' * bool(parent)}{'↳ ' if parent else ''}{label} | {ms:.2f} |")
    print(f"| other (reading, transactions, start-up) | {1000 * total / n - covered:.2f} |")


if __name__ == "__main__":
    main()
