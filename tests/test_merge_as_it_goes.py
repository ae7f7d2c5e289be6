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

from alliancemap.model import Article, Event, Party, Source
from alliancemap.pipeline import ingest, merge_all
from alliancemap.store.db import open_store
from alliancemap.store.events import count_pending, exported_events, replace_mentions

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


# -- links do not depend on where the queue was cut ---------------------------------------------------
def _report(article: str, type_: str, date: str, *, carried: bool = False, start: int = 0) -> Event:
    return Event(type=type_, parties=[Party("LBY", "east"), Party("PAK")],
                 sources=[Source(article, f"{type_} reported in {article}", start, start + 80)],
                 date=date, date_precision="day", attributes={"date_from": "carried"} if carried else {})


def _add(store, article: str, published: str, mentions: list[Event]) -> None:
    with store.transaction() as conn:
        store.add_article(conn, Article(article, "Libyan and Pakistani commanders met.", lang="en",
                                        url=f"https://{article}.example/news", outlet=f"{article}.example",
                                        published=published))
        replace_mentions(conn, article, mentions)


def _related(store) -> dict[str, list[tuple[str, str]]]:
    return {e["type"] + "@" + (e.get("date") or ""): sorted((r["relation"], r["event_id"][:3]) for r in e.get("related", []))
            for e in exported_events(store.conn) if e["type"] in {"VISIT", "MEET"}}


def test_a_meeting_clustered_again_keeps_its_link_to_the_visit_it_happened_during(tmp_path):
    """A visit on 14 July, and a meeting reported in a later paragraph that carries the lead's date (so it
    blocks loosely, over weeks): linked "during". A meeting eleven days later reaches the first meeting but
    not the visit; merging it re-clusters the first meeting, which must keep its link to the visit."""
    store = open_store(str(tmp_path / "links.db"))
    _add(store, "visit", "2025-07-14", [_report("visit", "VISIT", "2025-07-14")])
    _add(store, "talks", "2025-07-15", [_report("talks", "MEET", "2025-07-14", carried=True, start=900)])
    merge_all(store)
    before = _related(store)
    assert before["MEET@2025-07-14"] == [("during", "ev_")]
    _add(store, "later", "2025-07-26", [_report("later", "MEET", "2025-07-25")])
    merge_all(store)
    after = _related(store)
    assert after["MEET@2025-07-14"] == before["MEET@2025-07-14"]
    assert after["VISIT@2025-07-14"] == [("includes", "ev_")]


# -- a consensus date is compared as what it is: stated, or borrowed --------------------------------
def _meeting(article: str, date: str, *, carried: bool = False, start: int = 0) -> Event:
    """A meeting of Qatari and Turkish officials; ``carried``: the sentence took its date from the lead."""
    sentence = f"The Qatari and Turkish delegations held talks ({article})."
    return Event(type="MEET", parties=[Party("QAT"), Party("TUR")],
                 sources=[Source(article, sentence, start, start + len(sentence))], date=date,
                 date_precision="day", attributes={"date_from": "carried" if carried else "sentence"})


# (article, published, mention): a meeting on 3 February, another on 23 February that three later
# articles tell in a paragraph dated only by their own leads (25 February, 1 and 2 March)
TALKS = [
    ("doha-early", "2025-02-03", _meeting("doha-early", "2025-02-03")),
    ("ankara-day", "2025-02-23", _meeting("ankara-day", "2025-02-23")),
    ("gulf-brief", "2025-02-25", _meeting("gulf-brief", "2025-02-25", carried=True, start=1200)),
    ("weekly-wrap", "2025-03-01", _meeting("weekly-wrap", "2025-03-01", carried=True, start=450)),
    ("region-digest", "2025-03-02", _meeting("region-digest", "2025-03-02", carried=True, start=3500)),
]


def _members(store) -> list[list[str]]:
    return sorted(sorted(s["article_id"] for s in e["sources"]) for e in exported_events(store.conn))


@pytest.mark.parametrize("cut", [0, 2, 4])
def test_a_stated_date_outvoted_by_borrowed_ones_still_blocks_a_meeting_weeks_earlier(tmp_path, cut):
    """The 23 February meeting is stated by one report and borrowed from their leads by three: its
    consensus date is the stated one, so it stays apart from the meeting of 3 February, 20 days earlier,
    whether the reports are merged at the end (cut 0) or the first two before the rest arrive."""
    store = open_store(str(tmp_path / f"talks{cut}.db"))
    try:
        for i, (article, published, ev) in enumerate(TALKS):
            if cut and i == cut:
                merge_all(store)
            with store.transaction() as conn:
                store.add_article(conn, Article(article, ev.sources[0].sentence, lang="en",
                                                url=f"https://{article}.example/news", outlet=f"{article}.example",
                                                published=published))
                replace_mentions(conn, article, [ev])
        merge_all(store)
        assert _members(store) == [["ankara-day", "gulf-brief", "region-digest", "weekly-wrap"], ["doha-early"]]
    finally:
        store.close()
