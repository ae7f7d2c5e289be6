"""API latency on a store of generated events: p50 and p95 per main query, in-process (ASGI test client).

The store is written through the store's own functions, as an ingest would leave it: articles
(``Store.add_article``), one event mention per article (``events.replace_mentions``), and events of 1-4
articles each (``events.save_clusters``, which also keeps the per-event summaries and the graph tables).
Article text is drawn from a vocabulary of real English and Arabic news words (``benchmarks/words``)
with Zipf weights by rank, so full-text search meets common and rare words as in real news. Then the
search index is built as ``serve`` does, and each query is timed over many requests with different
parameters. The graph's first call is timed apart (then it is cached per store state): on a server whose
startup ran (it builds the unfiltered graph, as ``serve`` does before accepting requests), and cold, on
an app whose startup did not run (what any filtered graph, or the graph after an ingest, costs), and
"uncached" on one running server (startup ran) whose graph cache is emptied before each request: the
first call of a filter as ``serve`` meets it, with the garbage collector in the state serving leaves it
(a new app per request also times collecting the apps the benchmark made before).
The reference is ``/healthz`` (the framework and a connection, no query) timed in the same run.
Each request's wall time and its process CPU time are recorded: the test client runs the app in a
thread of this process, so the CPU time is the request's cost on one core, whatever else the machine
is running (wall time on a shared machine includes the wait for a core).

    nice python benchmarks/bench_api.py [--events 100000] [--requests 200] [--db /tmp/bench_api.db]
        [--reuse] [--only "graph"]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from alliancemap.model import Article, Event, EventCluster, Member, Party, Person, Source
from alliancemap.store import events as store_events
from alliancemap.store.db import open_store

SIDES = ["PAK", "SAU", "TUR", "QAT", "EGY", "LBY:east", "LBY:west", "IRQ", "AZE", "MAR", "USA", "SOM:FGS",
         "JOR", "ARE", "DZA", "MLI", "TCD", "NER", "SDN", "RUS", "CHN", "FRA", "ITA", "GBR", "IRN", "OMN"]
TYPES = ["VISIT", "MEET", "AGREE", "ARMS_DEAL", "EXERCISE", "TRAINING", "COMMITTEE"]
DOMAINS = ["training", "counterterrorism", "defense_industry", "maritime_security", "intelligence", "drones",
           "air_defense", "border_security", "joint_exercises", "logistics"]
PEOPLE = ["Khalifa Haftar", "Asim Munir", "Yasar Guler", "Khalid bin Salman", "Abdulhamid Dbeibah",
          "Saddam Haftar", "Hakan Fidan", "Ishaq Dar", "Lloyd Austin", "Sergei Shoigu"]
OUTLETS = [f"outlet{i}.example" for i in range(40)]
WORDS_DIR = Path(__file__).resolve().parent / "words"
BATCH = 5000


def _vocabulary(lang: str) -> tuple[list[str], list[float]]:
    """Words of one language and cumulative Zipf-Mandelbrot weights by rank (1 / (rank + 2.7))."""
    lines = (WORDS_DIR / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    words = list(dict.fromkeys(w.strip() for w in lines if w.strip() and not w.startswith("#")))
    return words, list(itertools.accumulate(1.0 / (r + 2.7) for r in range(len(words))))


VOCAB = {lang: _vocabulary(lang) for lang in ("en", "ar")}
SEARCH_WORDS = [w for lang in ("en", "ar") for w in VOCAB[lang][0][40:]]
"""Search terms: the vocabulary past its 40 most common (function) words, as analysts type them."""


def _words(rng: random.Random, lang: str, n: int) -> str:
    words, cum = VOCAB[lang]
    return " ".join(rng.choices(words, cum_weights=cum, k=n))


def _party(side: str) -> Party:
    country, _, faction = side.partition(":")
    return Party(country=country, faction=faction or None, actor_id=f"state:{country}", name=country)


def _article(rng: random.Random, aid: str, date: str, ty: str, a: str, b: str) -> tuple[Article, Source]:
    lang = rng.choice(["ar", "en"])
    sentence = _words(rng, lang, rng.randint(14, 28)) + f" {a} {b}."
    paras = [_words(rng, lang, rng.randint(40, 90)), sentence, _words(rng, lang, rng.randint(40, 90))]
    text = "\n\n".join(paras)
    start = text.index(sentence)
    outlet = rng.choice(OUTLETS)
    spans, pos = [], 0
    for para in paras:
        spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    art = Article(article_id=aid, text=text, url=f"https://{outlet}/{aid}", outlet=outlet,
                  title=f"{ty} {a} {b} " + _words(rng, lang, 6), published=date, lang=lang,
                  paragraphs=spans, sentences=spans, raw_sha256=aid, origin="bench")
    return art, Source(aid, sentence, start, start + len(sentence), art.url, outlet, date)


def generate(path: str, n_events: int, seed: int = 7) -> None:
    """Fill a fresh store with ``n_events`` events, each backed by 1-4 generated articles."""
    rng = random.Random(seed)
    store = open_store(path)
    store.conn.execute("PRAGMA synchronous=OFF")
    art_no = 0
    for first in range(0, n_events, BATCH):
        clusters = []
        with store.transaction() as conn:
            for i in range(first, min(n_events, first + BATCH)):
                a, b = rng.sample(SIDES, 2)
                ty = rng.choice(TYPES)
                date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                doms = rng.sample(DOMAINS, rng.randint(0, 3))
                people = [Person(name=n, actor_id=f"person:{n.lower().replace(' ', '_')}")
                          for n in rng.sample(PEOPLE, rng.choice([0, 0, 1, 2]))]
                members, sources = [], []
                for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
                    art_no += 1
                    art, src = _article(rng, f"a{art_no:09d}", date, ty, a, b)
                    store.add_article(conn, art)
                    mention = Event(type=ty, parties=[_party(a), _party(b)], sources=[src], cameo="040",
                                    plover="CONSULT", people=people, date=date, date_precision="day",
                                    domains=doms, confidence=0.7)
                    (mid,) = store_events.replace_mentions(conn, art.article_id, [mention])
                    members.append(Member(mid, art.article_id, 1.0, ["same dyad", "same month"], mention))
                    sources.append(src)
                consensus = Event(type=ty, parties=[_party(a), _party(b)], sources=sources,
                                  event_id=f"ev_{i:08d}", cameo="040", plover="CONSULT", people=people, date=date,
                                  date_precision="day", domains=doms, confidence=0.7)
                clusters.append(EventCluster(
                    event_id=consensus.event_id, members=members, consensus=consensus, n_sources=len(sources),
                    n_outlets=len({s.outlet for s in sources}), confidence=0.7,
                    domain_counts={d: len(sources) for d in doms}, blocks=[f"{a}|{b}|{date[:7]}"]))
            store_events.save_clusters(conn, clusters)
            store_events.clear_pending(conn, [m.mention_id for c in clusters for m in c.members])
        print(f"  {min(n_events, first + BATCH):,} events, {art_no:,} articles", file=sys.stderr, flush=True)
    store.conn.execute("ANALYZE")
    store.close()


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="timed requests per query kind")
    ap.add_argument("--db", default=None, help="store to create (default: a temporary file)")
    ap.add_argument("--reuse", action="store_true", help="time the store at --db as it is, if it exists")
    ap.add_argument("--only", default="", help="time only the queries whose name contains this text")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from alliancemap.api import create_app
    from alliancemap.api.views import GraphCache
    from alliancemap.cli_serve import prepare_store

    db = args.db or str(Path(tempfile.mkdtemp(prefix="bench-api-")) / "bench.db")
    t0 = time.perf_counter()
    if not (args.reuse and Path(db).is_file()):
        Path(db).unlink(missing_ok=True)
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

    def year() -> str:
        return str(rng.randint(2016, 2024))

    def month() -> str:  # a bound as the page's date fields suggest it ("e.g. 2024-06"): partial years
        return f"{year()}-{rng.randint(1, 12):02d}"

    # name -> (request maker, whether each request goes to a new server: "" no, "started" after its
    # startup ran, "cold" without its startup: the graph's first call; "uncached": the running server,
    # its graph cache emptied)
    queries = {
        "healthz (reference)": (lambda: ("/healthz", {}), ""),
        "events page": (lambda: ("/api/events", {"limit": 50}), ""),
        "filtered events": (lambda: ("/api/events", {"country": rng.choice(SIDES), "type": rng.choice(TYPES),
                                                     "from": year(), "min_sources": 2, "limit": 50}), ""),
        "search q": (lambda: ("/api/events", {"q": rng.choice(SEARCH_WORDS) + " " + rng.choice(SIDES[:6])[:3],
                                              "limit": 50}), ""),
        "one event": (lambda: (f"/api/events/{rng.choice(first_ids)}", {}), ""),
        "party": (lambda: (f"/api/parties/{rng.choice(SIDES)}", {}), ""),
        "dyad timeline": (lambda: ("/api/dyads/{}/{}".format(*pair()), {}), ""),
        "graph (cached)": (lambda: ("/api/graph", {}), ""),
        "graph, first call after start": (lambda: ("/api/graph", {}), "started"),
        "graph, first call, cold": (lambda: ("/api/graph", {}), "cold"),
        "graph, period and type, first call, cold": (lambda: ("/api/graph", {"from": year(), "to": year(),
                                                                        "type": rng.choice(TYPES)}), "cold"),
        "graph, period and type, first call, uncached": (lambda: ("/api/graph", {
            "from": year(), "to": year(), "type": rng.choice(TYPES)}), "uncached"),
        "graph, period and type as the map asks it (outlets=0), first call, uncached": (lambda: ("/api/graph", {
            "from": year(), "to": year(), "type": rng.choice(TYPES), "outlets": 0}), "uncached"),
        "graph, period of months (e.g. 2019-04 to 2022-09) and type, first call, uncached": (lambda: ("/api/graph", {
            "from": month(), "to": month(), "type": rng.choice(TYPES)}), "uncached"),
    }
    running = TestClient(create_app(db))
    running.__enter__()  # startup, as under ``serve``
    print("\n| query | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | requests |\n|---|---|---|---|---|---|---|")
    worst = worst_cpu = 0.0
    for name, (make, fresh) in queries.items():
        if args.only not in name and not name.startswith("healthz"):
            continue
        path, params = make()
        client.get(path, params=params)  # warm-up
        times: list[float] = []
        cpus: list[float] = []
        for _ in range(args.requests if fresh in ("", "uncached") else max(10, args.requests // 10)):
            path, params = make()
            target = running if fresh == "uncached" else TestClient(create_app(db)) if fresh else client
            if fresh == "uncached":
                running.app.state.cache = GraphCache()
            if fresh == "started":
                target.__enter__()  # runs the app's startup, as uvicorn does before serving
            start, cpu = time.perf_counter(), time.process_time()
            res = target.get(path, params=params)
            times.append((time.perf_counter() - start) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            if fresh == "started":
                target.__exit__(None, None, None)
            if res.status_code != 200:
                print(f"{name}: {path} {params} -> {res.status_code} {res.text[:200]}", file=sys.stderr)
                return 1
        p95, cpu95 = _pct(times, 0.95), _pct(cpus, 0.95)
        if not name.startswith("healthz"):
            worst, worst_cpu = max(worst, p95), max(worst_cpu, cpu95)
        print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {max(times):.1f} |"
              f" {statistics.median(cpus):.1f} | {cpu95:.1f} | {len(times)} |", flush=True)
    running.__exit__(None, None, None)
    print(f"\nworst p95: {worst:.1f} ms wall, {worst_cpu:.1f} ms CPU (target < 50 ms on one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
