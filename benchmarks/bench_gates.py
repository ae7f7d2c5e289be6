#!/usr/bin/env python3
"""What the cheap gates save on a general news feed, and that they change no event.

Builds a feed where most pages cannot hold an alliance event, as a general crawl is: ordinary news
made of the filler paragraphs (``benchmarks/filler/``, Arabic and English: prices, weather, sport),
a few pages in French (written here), and one alliance article in ``--every`` (``corpus.py``). It
ingests the feed twice as child processes, with the gates on and off (``ALLIANCEMAP_NO_GATES=1``),
and prints CPU seconds per article for each, their ratio, the gate counts and whether the exported
events are identical.

    nice python benchmarks/bench_gates.py --n 600
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent / "alliancemap"

FRENCH = [
    "Le marché couvert de la vieille ville rouvre ses portes samedi après trois mois de travaux.",
    "Les commerçants ont retrouvé leurs étals rénovés et la mairie promet des horaires élargis cet été.",
    "La saison de pêche a commencé plus tôt que prévu grâce à une mer calme et à des eaux plus chaudes.",
    "Le festival du livre accueillera cette année plus de deux cents éditeurs venus de tout le pays.",
    "Les travaux du nouveau pont devraient se terminer avant la rentrée, selon les services techniques.",
]


def feed(n: int, every: int, seed: int = 4) -> list[dict]:
    import corpus

    rng = random.Random(seed)
    filler = {lang: corpus._filler(lang) for lang in ("en", "ar")}
    alliance = corpus.articles(n // every + 1, seed=seed, chars=3000)
    recs = []
    for i in range(n):
        if i % every == 0:
            rec = next(alliance)
        elif i % 10 == 3:
            rec = {"title": "Chronique locale", "text": "\n\n".join(rng.sample(FRENCH, 4)), "lang": None}
        else:
            lang = "ar" if i % 3 == 0 else "en"
            rec = {"title": f"News {i}", "text": "\n\n".join(rng.sample(filler[lang], 8)), "lang": lang}
        rec.update(url=f"https://news.example/{i}", published="2025-03-04")
        recs.append(rec)
    return recs


def ingest(src: Path, db: Path, gates: bool) -> tuple[float, str]:
    env = {**os.environ, "ALLIANCEMAP_NO_GATES": "" if gates else "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([str(BIN), "ingest", "-q", "--db", str(db), str(src)], capture_output=True, text=True,
                          env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, proc.stderr.strip().splitlines()[-1].split(" → ")[0]


def main() -> None:
    from bench_dask import events  # the exported events of a store, sorted

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--every", type=int, default=10, help="one alliance article in this many")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_gates_") as tmp:
        d = Path(tmp)
        src = d / "feed.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in feed(args.n, args.every)),
                       encoding="utf-8")
        on_cpu, on_line = ingest(src, d / "on.db", True)
        off_cpu, off_line = ingest(src, d / "off.db", False)
        same = events(d / "on.db") == events(d / "off.db")
        n_events = len(events(d / "on.db"))
    print(f"{args.n} pages, one alliance article in {args.every}; CPU seconds of `alliancemap ingest`")
    print()
    print("| gates | CPU s | ms per page | report |")
    print("|---|---|---|---|")
    print(f"| on | {on_cpu:.1f} | {on_cpu / args.n * 1000:.1f} | {on_line} |")
    print(f"| off (`ALLIANCEMAP_NO_GATES=1`) | {off_cpu:.1f} | {off_cpu / args.n * 1000:.1f} | {off_line} |")
    print()
    print(f"CPU with gates / without: {on_cpu / off_cpu:.2f}; events: {n_events}, identical: {same}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
