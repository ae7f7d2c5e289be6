"""API latency on a store of generated events: p50 and p95 per main query, in-process (ASGI test client).

The store is generated (bulk inserts into the real schema, one consensus record per event with its
parties, domains and a source article), then the search index is built as ``serve`` does, then each
query is timed over many requests with different parameters. The first call of each kind is a warm-up
(the graph is computed once per store state and then cached; its cold time is printed too). The
reference is ``/healthz`` (the framework and a connection, no query) timed in the same run.

    nice python benchmarks/bench_api.py [--events 100000] [--requests 200] [--db /tmp/bench_api.db]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from alliancemap.store.db import open_store

SIDES = ["PAK", "SAU", "TUR", "QAT", "EGY", "LBY:east", "LBY:west", "IRQ", "AZE", "MAR", "USA", "SOM:FGS",
         "JOR", "ARE", "DZA", "MLI", "TCD", "NER", "SDN", "RUS", "CHN", "FRA", "ITA", "GBR", "IRN", "OMN"]
TYPES = ["VISIT", "MEET", "AGREE", "ARMS_DEAL", "EXERCISE", "TRAINING", "COMMITTEE"]
DOMAINS = ["training", "counterterrorism", "defense_industry", "maritime_security", "intelligence", "drones",
           "air_defense", "border_security", "joint_exercises", "logistics"]
OUTLETS = [f"outlet{i}.example" for i in range(40)]
WORDS_AR = ["التعاون", "العسكري", "تدريب", "القوات", "البحرية", "الدفاع", "اتفاقية", "مناورات", "الأمن", "الحدود"]
WORDS_EN = ["cooperation", "military", "training", "forces", "naval", "defence", "agreement", "drills", "border"]


def _party(side: str) -> dict:
    country, _, faction = side.partition(":")
    return {"actor_id": f"state:{country}", "name": country, "country": country, "faction": faction or None}


def generate(path: str, n_events: int, seed: int = 7) -> None:
    """Fill a fresh store with ``n_events`` events, each backed by 1-4 generated articles."""
    rng = random.Random(seed)
    store = open_store(path)
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    articles, mentions, events, members, parties, domains = [], [], [], [], [], []
    art_no = 0
    for i in range(n_events):
        a, b = rng.sample(SIDES, 2)
        ty = rng.choice(TYPES)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doms = rng.sample(DOMAINS, rng.randint(0, 3))
        event_id = f"ev_{i:08d}"
        sources = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
            art_no += 1
            aid = f"a{art_no:09d}"
            lang = rng.choice(["ar", "en"])
            words = WORDS_AR if lang == "ar" else WORDS_EN
            sentence = " ".join(rng.choice(words) for _ in range(14)) + f" {a} {b}."
            text = "\n\n".join([" ".join(rng.choice(words) for _ in range(40)), sentence,
                                " ".join(rng.choice(words) for _ in range(60))])
            start = text.index(sentence)
            outlet = rng.choice(OUTLETS)
            articles.append((aid, f"https://{outlet}/{aid}", outlet, f"{ty} {a} {b}", date, lang, text, "[]",
                             "", "bench", 0, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
            mid = f"m{art_no:09d}"
            mentions.append((mid, aid, 0, ty, date, "day", sentence, start, start + len(sentence), "{}"))
            members.append((event_id, mid, 0, 1.0, "[]"))
            sources.append({"article_id": aid, "sentence": sentence, "start": start, "end": start + len(sentence),
                            "url": None, "outlet": None, "published": None})
        ev = {"type": ty, "parties": [_party(a), _party(b)], "sources": sources, "event_id": event_id,
              "cameo": "040", "plover": "CONSULT", "people": [], "date": date, "date_precision": "day",
              "location": None, "domains": doms, "attributes": {}, "status": "announced", "confidence": 0.7,
              "background": False}
        events.append((event_id, ty, date, "day", "announced", json.dumps({"event": ev}), len(sources),
                       len(sources), 0.7, "2026-01-01T00:00:00Z"))
        parties += [(event_id, p["country"], p["faction"], p["actor_id"], p["name"]) for p in ev["parties"]]
        domains += [(event_id, d, len(sources)) for d in doms]
    conn.executemany("INSERT INTO articles (article_id, url, outlet, title, published, lang, text, paragraphs,"
                     " raw_sha256, origin, removed_lines, ingested_at, extracted_at) VALUES"
                     " (?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
    conn.executemany('INSERT INTO event_mentions (mention_id, article_id, seq, type, date, date_precision,'
                     ' sentence, start, "end", event_json) VALUES (?,?,?,?,?,?,?,?,?,?)', mentions)
    conn.executemany("INSERT INTO events (event_id, type, date, date_precision, status, consensus_json, n_sources,"
                     " n_outlets, confidence, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", events)
    conn.executemany("INSERT INTO event_members (event_id, mention_id, seq, score, reasons_json)"
                     " VALUES (?,?,?,?,?)", members)
    conn.executemany("INSERT INTO event_parties (event_id, country, faction, actor_id, name) VALUES (?,?,?,?,?)",
                     parties)
    conn.executemany("INSERT INTO event_domains (event_id, domain, n_sources) VALUES (?,?,?)", domains)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="timed requests per query kind")
    ap.add_argument("--db", default=None, help="store to create (default: a temporary file)")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from alliancemap.api import create_app
    from alliancemap.cli_serve import prepare_store

    db = args.db or str(Path(tempfile.mkdtemp(prefix="bench-api-")) / "bench.db")
    Path(db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    generate(db, args.events)
    t1 = time.perf_counter()
    prepare_store(db)
    t2 = time.perf_counter()
    print(f"store: {args.events:,} events generated in {t1 - t0:.1f} s; search index built in {t2 - t1:.1f} s")
    client = TestClient(create_app(db))
    rng = random.Random(1)
    first_ids = [r["event_id"] for r in client.get("/api/events", params={"limit": 500}).json()["items"]]

    def pair() -> tuple[str, str]:
        a, b = rng.sample(SIDES, 2)
        return a, b

    queries = {
        "healthz (reference)": lambda: ("/healthz", {}),
        "events page": lambda: ("/api/events", {"limit": 50}),
        "filtered events": lambda: ("/api/events", {"country": rng.choice(SIDES), "type": rng.choice(TYPES),
                                                    "from": str(rng.randint(2016, 2024)), "min_sources": 2,
                                                    "limit": 50}),
        "search": lambda: ("/api/events", {"q": rng.choice(WORDS_AR + WORDS_EN) + " " + rng.choice(SIDES[:6])[:3],
                                          "limit": 50}),
        "one event": lambda: (f"/api/events/{rng.choice(first_ids)}", {}),
        "party": lambda: (f"/api/parties/{rng.choice(SIDES)}", {}),
        "dyad timeline": lambda: ("/api/dyads/{}/{}".format(*pair()), {}),
        "graph": lambda: ("/api/graph", {}),
    }
    cold = time.perf_counter()
    client.get("/api/graph")
    cold = time.perf_counter() - cold
    print(f"graph, first call (computed, then cached per store state): {cold * 1000:.0f} ms")
    print("\n| query | p50 ms | p95 ms | max ms | requests |\n|---|---|---|---|---|")
    worst = 0.0
    for name, make in queries.items():
        path, params = make()
        client.get(path, params=params)  # warm-up
        times = []
        for _ in range(args.requests):
            path, params = make()
            start = time.perf_counter()
            res = client.get(path, params=params)
            times.append((time.perf_counter() - start) * 1000)
            if res.status_code != 200:
                print(f"{name}: {path} {params} -> {res.status_code} {res.text[:200]}", file=sys.stderr)
                return 1
        p95 = _pct(times, 0.95)
        if not name.startswith("healthz"):
            worst = max(worst, p95)
        print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {max(times):.1f} | {len(times)} |")
    print(f"\nworst p95: {worst:.1f} ms (target < 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
