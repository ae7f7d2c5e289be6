"""Merge at scale: time per new mention and peak memory as the store grows from 10 k to 1 M mentions.

Usage::

    nice .venv/bin/python benchmarks/bench_merge.py                    # 10k, 100k, 1M
    nice .venv/bin/python benchmarks/bench_merge.py --sizes 10000 100000 --new 300
    nice .venv/bin/python benchmarks/bench_merge.py --dense                    # 20 pairs x 50 reports a month

For each size a store is generated with bulk inserts: events of 1-4 reports each (mentions made from
templates: many country pairs, days over ten years, English and Arabic person names, a city, one article
per report), already merged (events, members, blocking keys) as an earlier ingest would have left them.
The density of events per (country pair, month) is held constant (about one), so a bigger store has more
pairs, as a bigger corpus has: the claim measured is that merge cost depends on what a mention can join,
not on the store's size.

``--dense`` is the case of a corpus about few relationships: 20 country pairs with about 50 reports a
month each (some 20 events a month of 1-4 reports, of five types, on any day of the month), so one
(pair, month) holds about 50 mentions and a (pair, type) several events a week that a new report must be
told apart from. A bigger store covers more months at the same density. Then ``--new`` new reports are queued through ``store.events.replace_mentions``
(half report stored events, half new ones), and a fresh process runs ``pipeline.merge_all`` — the path
``alliancemap ingest`` takes — and reports its wall time per new mention and its peak resident memory.
The ratio column is against the smallest size measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alliancemap.merge import blocking  # the key scheme the bulk rows follow
from alliancemap.model import Article, Event, Party, Person, Source
from alliancemap.store.db import open_store

TYPES = ("VISIT", "MEET", "AGREE", "EXERCISE", "TRAINING")
FIRST = ("Ahmed", "Omar", "Ivan", "Recep", "Asim", "Saddam", "Mohamed", "John", "Ali", "Hakan", "Sergei", "Yusuf")
LAST = ("Hassan", "Petrov", "Yilmaz", "Munir", "Haftar", "Smith", "Diallo", "Traore", "Rahman", "Guler")
AR_FIRST = ("أحمد", "عمر", "إيفان", "رجب", "عاصم", "صدام", "محمد", "جون", "علي", "هاكان", "سيرغي", "يوسف")
START = dt.date(2015, 1, 1)
DAYS = 3650
MONTHS = 120
EVENTS_PER_BLOCK = 1.0
SENTENCE = "The defence ministers of the two countries held talks on training and joint exercises."


def _countries(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"X{letters[i // 26]}{letters[i % 26]}" for i in range(n)]


DENSE_PAIRS = 20
DENSE_REPORTS_PER_MONTH = 50


def _layout(size: int, dense: bool = False) -> tuple[list[tuple[str, str]], int]:
    """Country pairs and the days they span for ``size`` mentions at a constant density.

    Sparse: about one event per pair and month over ten years. Dense: 20 pairs with about 50 reports a
    month each, over as many months as ``size`` needs."""
    if dense:
        months = max(1, round(size / (DENSE_PAIRS * DENSE_REPORTS_PER_MONTH)))
        return _pairs(DENSE_PAIRS), round(months * 30.44)
    events = size / 2.5
    return _pairs(max(3, round(events / (MONTHS * EVENTS_PER_BLOCK)))), DAYS


def _pairs(pairs: int) -> list[tuple[str, str]]:
    n = 3
    while n * (n - 1) // 2 < pairs:
        n += 1
    cs = _countries(n)
    return [(a, b) for i, a in enumerate(cs) for b in cs[i + 1:]][:pairs]


def _mention(rng: random.Random, mid: str, article: str, type_: str, pair: tuple[str, str], day: dt.date,
             person: int, city: str) -> dict:
    ar = rng.random() < 0.5
    name = (AR_FIRST[person % 12] + " " + LAST[person % 10]) if ar else f"{FIRST[person % 12]} {LAST[person % 10]}"
    return {
        "type": type_, "event_id": mid, "cameo": "", "plover": "",
        "parties": [{"country": pair[0], "faction": None, "actor_id": None, "name": None},
                    {"country": pair[1], "faction": None, "actor_id": None, "name": None}],
        "sources": [{"article_id": article, "sentence": SENTENCE, "start": 0, "end": len(SENTENCE),
                     "url": None, "outlet": None, "published": None}],
        "people": [{"name": name, "actor_id": f"Q{person}", "name_ar": None, "name_en": None, "role": None,
                    "country": pair[0]}],
        "date": day.isoformat(), "date_precision": "day", "location": {"name": city, "country": pair[1]},
        "domains": ["training"], "attributes": {}, "status": "announced", "confidence": 0.5, "background": False,
    }


def _weeks(day: dt.date) -> list[str]:
    """The blocking keys' weeks (their Mondays) of a report dated ``day``: its day, give or take three
    (months, for code from before week keys, so the same script measures it)."""
    lo, hi = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if getattr(blocking, "KEY_UNIT", "month") == "month":
        return sorted({f"{d.year:04d}-{d.month:02d}" for d in (lo, hi)})
    return sorted({(d - dt.timedelta(days=d.weekday())).isoformat() for d in (lo, hi)})


def build(path: Path, size: int, new: int, seed: int = 1, dense: bool = False) -> dict:
    """A merged store of ``size`` mentions plus ``new`` queued ones; returns its figures."""
    rng = random.Random(seed)
    pairs, days = _layout(size, dense)
    store = open_store(str(path))
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")
    stamp = "2025-01-01T00:00:00Z"
    made, ev_n, t0 = 0, 0, time.perf_counter()
    arts, ments, events, members, blocks = [], [], [], [], []
    stored: list[tuple[str, str, tuple[str, str], dt.date, int, str]] = []

    def flush() -> None:
        with store.transaction() as c:
            c.executemany("INSERT INTO articles (article_id, url, outlet, published, lang, text, ingested_at)"
                          " VALUES (?,?,?,?,?,?,?)", arts)
            c.executemany("INSERT INTO event_mentions (mention_id, article_id, seq, type, date, date_precision,"
                          ' sentence, start, "end", event_json) VALUES (?,?,0,?,?,\'day\',?,0,?,?)', ments)
            c.executemany("INSERT INTO events (event_id, type, date, date_precision, status, consensus_json,"
                          " n_sources, n_outlets, confidence, updated_at) VALUES (?,?,?,'day','announced',?,?,?,?,?)",
                          events)
            c.executemany("INSERT INTO event_members (event_id, mention_id, seq, score, reasons_json)"
                          " VALUES (?,?,?,?,'[]')", members)
            c.executemany("INSERT OR IGNORE INTO event_blocks (key, event_id) VALUES (?,?)", blocks)
        for batch in (arts, ments, events, members, blocks):
            batch.clear()

    while made < size:
        pair, type_ = rng.choice(pairs), rng.choice(TYPES)
        day = START + dt.timedelta(days=rng.randrange(days))
        person, city = rng.randrange(10_000), f"City{rng.randrange(500)}"
        event_id = f"ev_{ev_n:016x}"
        ev_n += 1
        k = min(size - made, rng.choice((1, 1, 2, 3, 4)))
        docs = []
        for j in range(k):
            mid, aid = f"m_{made:016x}", f"a{made:015x}"
            made += 1
            doc = _mention(rng, mid, aid, type_, pair, day + dt.timedelta(days=rng.choice((0, 0, 1))), person, city)
            docs.append(doc)
            arts.append((aid, f"https://outlet{made % 97}.example/{aid}", None, day.isoformat(), "en", SENTENCE, stamp))
            ments.append((mid, aid, type_, doc["date"], SENTENCE, SENTENCE and len(SENTENCE), json.dumps(doc)))
            members.append((event_id, mid, j, 1.0))
        cons = dict(docs[0], event_id=event_id, sources=[d["sources"][0] for d in docs])
        blob = {"event": cons, "conflicts": {}, "related": [], "people_counts": {}, "domain_counts": {},
                "source_values": {}, "near_misses": []}
        events.append((event_id, type_, day.isoformat(), json.dumps(blob), k, k, 0.5, stamp))
        dyad = "+".join(sorted(pair))
        blocks.extend((f"{dyad}|{w}", event_id) for w in _weeks(day))
        if len(stored) < 50_000:
            stored.append((event_id, type_, pair, day, person, city))
        if len(ments) >= 20_000:
            flush()
    flush()
    build_s = time.perf_counter() - t0
    _queue_new(store, rng, pairs, stored, new, days)
    store.close()
    return {"mentions": size, "events": ev_n, "pairs": len(pairs), "build_s": round(build_s, 1)}


def _queue_new(store, rng: random.Random, pairs, stored, new: int, days: int) -> None:
    """``new`` reports through the store API: half of stored events (same type, pair, day and person),
    half of new ones."""
    from alliancemap.store.events import replace_mentions

    for i in range(new):
        if i % 2 == 0:
            _, type_, pair, day, person, city = rng.choice(stored)
        else:
            pair, day = rng.choice(pairs), START + dt.timedelta(days=rng.randrange(days))
            type_, person, city = rng.choice(TYPES), rng.randrange(10_000), f"City{rng.randrange(500)}"
        aid = f"new{i:013x}"
        ev = Event(type=type_, parties=[Party(pair[0]), Party(pair[1])],
                   sources=[Source(aid, SENTENCE, 0, len(SENTENCE))],
                   people=[Person(f"{FIRST[person % 12]} {LAST[person % 10]}", actor_id=f"Q{person}")],
                   date=day.isoformat(), date_precision="day", location={"name": city, "country": pair[1]})
        with store.transaction() as conn:
            store.add_article(conn, Article(aid, SENTENCE, url=f"https://new.example/{aid}", published=day.isoformat()))
            replace_mentions(conn, aid, [ev])


def measure(path: str, profile: bool = False) -> None:
    """Child process: run the ingest's merge over the queued mentions; print time and peak memory
    (with ``profile``, cProfile's top functions by cumulative time go to stderr)."""
    from alliancemap.pipeline import merge_all
    from alliancemap.store.events import count_pending

    store = open_store(path)
    queued = count_pending(store.conn)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    if profile:
        import cProfile
        import pstats

        with cProfile.Profile() as prof:
            merge_all(store)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        merge_all(store)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"queued": queued, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": round(peak / 1024, 1),
                      "rss_before_mb": round(base / 1024, 1)}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--new", type=int, default=400, help="new mentions merged at each size")
    ap.add_argument("--dense", action="store_true",
                    help="20 country pairs with about 50 reports a month each, instead of many sparse pairs")
    ap.add_argument("--profile", action="store_true", help="print the merge's cProfile (top 25) per size")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        measure(args.measure, args.profile)
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_merge_") as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"s{size}.db"
            info = build(path, size, args.new, dense=args.dense)
            out = subprocess.run([sys.executable, __file__, "--measure", str(path),
                                  *(["--profile"] if args.profile else [])], check=True,
                                 capture_output=True, text=True, env=dict(os.environ))
            if args.profile:
                print(out.stderr, file=sys.stderr)
            res = json.loads(out.stdout.strip().splitlines()[-1])
            info.update(res, ms_per_mention=round(1000 * res["seconds"] / max(1, res["queued"]), 2),
                        cpu_ms_per_mention=round(1000 * res["cpu_seconds"] / max(1, res["queued"]), 2),
                        db_mb=round(path.stat().st_size / 2**20))
            rows.append(info)
            print(json.dumps(info), file=sys.stderr, flush=True)
            path.unlink()
    ref, cpu_ref = rows[0]["ms_per_mention"], rows[0]["cpu_ms_per_mention"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]};"
          f" {'dense: 20 pairs x 50 reports a month' if args.dense else 'sparse: about one event per pair and month'}")
    print("| stored mentions | events | country pairs | build s | new mentions | merge ms / new mention | ratio "
          "| CPU ms / new mention | CPU ratio | peak RSS MB | store MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['mentions']:,} | {r['events']:,} | {r['pairs']:,} | {r['build_s']} | {r['queued']} | "
              f"{r['ms_per_mention']} | {r['ms_per_mention'] / ref:.2f} | {r['cpu_ms_per_mention']} | "
              f"{r['cpu_ms_per_mention'] / cpu_ref:.2f} | {r['peak_rss_mb']} | {r['db_mb']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
