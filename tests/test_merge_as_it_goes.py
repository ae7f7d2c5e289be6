"""An ingest merges as it goes (every ``merge_every`` queued mentions): same events, bounded queue, no loss.

The corpus is the project's examples (several outlets reporting the same pacts, visits and drills in
both languages), so mid-run merges have real clusters to extend, split and re-date.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from pathlib import Path

import pytest

from alliancemap.pipeline import ingest
from alliancemap.store.db import open_store
from alliancemap.store.events import count_pending, exported_events

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
EVERY = 3  # small enough that every few articles trigger a merge on this corpus


def _events(db: str) -> str:
    """The exported events, as the contract writes them (ids included)."""
    store = open_store(db)
    try:
        return json.dumps(exported_events(store.conn), ensure_ascii=False, sort_keys=True)
    finally:
        store.close()


def _run(db: str, files: list[str], every: int) -> int:
    """Ingest ``files``; returns the longest queue seen after any document."""
    store = open_store(db)
    longest = 0

    def watch(_origin: str, _status: str) -> None:
        nonlocal longest
        longest = max(longest, count_pending(store.conn))

    try:
        ingest(store, files, progress=watch, merge_every=every)
    finally:
        store.close()
    return longest


@pytest.fixture(scope="module")
def at_the_end(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("end") / "end.db")
    assert _run(db, FILES, 0) > 20  # without mid-run merges the whole corpus waits in the queue
    events = _events(db)
    assert json.loads(events)
    return events


@pytest.mark.parametrize("seed", [None, 11])
def test_mid_run_merges_give_the_events_of_one_closing_merge(tmp_path, at_the_end, seed):
    files = list(FILES)
    if seed is not None:
        random.Random(seed).shuffle(files)
    db = str(tmp_path / "mid.db")
    longest = _run(db, files, EVERY)
    assert longest < EVERY + 12  # merged before the queue grew past one article's mentions over the mark
    assert _events(db) == at_the_end


def _killed_run(db: str, files: list[str], after: int) -> None:
    """In a forked child: ingest with mid-run merges and die abruptly (no commit, no clean-up) after
    ``after`` documents."""
    seen = 0

    def die(_origin: str, _status: str) -> None:
        nonlocal seen
        seen += 1
        if seen == after:
            os._exit(9)

    ingest(open_store(db), files, progress=die, merge_every=EVERY)
    os._exit(0)


@pytest.mark.parametrize("after", [5, 9])
def test_an_ingest_killed_mid_run_and_rerun_loses_nothing(tmp_path, at_the_end, after):
    db = str(tmp_path / "killed.db")
    child = multiprocessing.get_context("fork").Process(target=_killed_run, args=(db, FILES, after))
    child.start()
    child.join(240)
    assert child.exitcode == 9
    store = open_store(db)
    try:  # the kill came after mid-run merges had saved events
        assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    finally:
        store.close()
    _run(db, FILES, EVERY)
    assert _events(db) == at_the_end
