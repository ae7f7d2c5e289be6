#!/usr/bin/env python3
"""The user's path against extraction alone, on a generated corpus (issue 11).

For each size it generates a corpus (``benchmarks/corpus.py``), then in the same run:

1. reference: reads and cleans the records once (untimed), then times ``extract_article`` alone on the
   same articles (CPU seconds of this process);
2. ingest: runs ``alliancemap ingest --db NEW FILE`` as a child process and takes its CPU seconds
   (user + system) and peak RSS from ``os.wait4`` on that child alone;
3. queries: times ``alliancemap events``, ``timeline`` and ``actors`` on the new store (wall clock,
   process start-up included).

It prints one table: articles per CPU-second for both, their ratio (target ≥ 0.7), peak RSS, store size
against the text it holds, and the query latencies.

    nice python benchmarks/bench_ingest.py --sizes 300 1000
    nice python benchmarks/bench_ingest.py --sizes 1000 --workers 2     # also --workers 2 (wall clock)
    nice python benchmarks/bench_ingest.py --sizes 300 --html 300        # also HTML pages in a WARC
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BIN = Path(sys.executable).parent / "alliancemap"


def run(cmd: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS KiB) of one command, from ``wait4`` on that child alone."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def reference(path: Path) -> tuple[int, float, int]:
    """(articles, CPU s of extract_article alone, characters) on the records of ``path``."""
    from alliancemap.clean import clean
    from alliancemap.extract import extract_article
    from alliancemap.model import Article
    from alliancemap.resolve.kb import load_kb
    from alliancemap.sources import iter_documents

    arts = [a for a in (clean(d) for d in iter_documents([str(path)], max_bytes=10**10)) if isinstance(a, Article)]
    kb = load_kb()
    extract_article(arts[0], kb)  # lexicons loaded before timing
    start = time.process_time()
    for a in arts:
        extract_article(a, kb)
    return len(arts), time.process_time() - start, sum(len(a.text) for a in arts)


def html_pages(n: int, tmp: str) -> dict:
    """WARC of ``n`` generated pages: ingest CPU against ``trafilatura.extract`` alone on the same pages;
    also per page once the start-up is left out (an ingest of the first page alone, subtracted)."""
    import corpus
    import trafilatura

    recs = list(corpus.articles(n, seed=11))
    pages = [corpus.to_html(r) for r in recs]
    start = time.process_time()
    for page, rec in zip(pages, recs, strict=True):
        trafilatura.extract(page, url=rec["url"])
    ref = time.process_time() - start
    warc, one = Path(tmp) / f"p{n}.warc.gz", Path(tmp) / "p1.warc.gz"
    corpus.write_warc(iter(recs), warc)
    corpus.write_warc(iter(recs[:1]), one)
    wall, cpu, rss = run([str(BIN), "ingest", "--db", str(Path(tmp) / f"p{n}.db"), str(warc)])
    start_up = run([str(BIN), "ingest", "--db", str(Path(tmp) / "p1.db"), str(one)])[1]  # and one page
    per_page = (cpu - start_up) / max(n - 1, 1)  # the start-up (imports, lexicons, KB) left out
    return {"pages": n, "trafilatura_cpu_s": round(ref, 1), "ingest_cpu_s": round(cpu, 1),
            "ingest_over_trafilatura": round(cpu / ref, 2), "warc_records_per_s_wall": round(n / wall, 1),
            "ingest_ms_per_page_after_start_up": round(1000 * per_page, 1),
            "trafilatura_ms_per_page": round(1000 * ref / n, 1), "per_page_over_trafilatura": round(per_page * n / ref, 2)}


def _warm_cache() -> None:
    """One small ingest first, untimed: the first run on a machine builds the KB cache (about 4 s, once
    per code and data version, see ``resolve/startup.py``); every later run reads it."""
    import corpus

    with tempfile.TemporaryDirectory(prefix="bench-warm-") as tmp:
        src = Path(tmp) / "one.jsonl"
        src.write_text(json.dumps(next(corpus.articles(1)), ensure_ascii=False) + "\n", encoding="utf-8")
        run([str(BIN), "ingest", "-q", "--db", str(Path(tmp) / "one.db"), str(src)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    ap.add_argument("--workers", type=int, default=0, help="also time ingest --workers N (wall clock)")
    ap.add_argument("--html", type=int, default=0, help="also N HTML pages in a WARC against trafilatura")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import corpus

    _warm_cache()
    rows = []
    first = 0.0  # CPU s per article at the first size: growth is measured against it
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        for n in args.sizes:
            src = Path(tmp) / f"c{n}.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for rec in corpus.articles(n):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            arts, ref_cpu, chars = reference(src)
            db = Path(tmp) / f"s{n}.db"
            wall, cpu, rss = run([str(BIN), "ingest", "--max-bytes", str(10**10), "--db", str(db), str(src)])
            first = first or cpu / arts
            row = {"articles": arts, "extract_per_cpu_s": round(arts / ref_cpu, 1),
                   "ingest_per_cpu_s": round(arts / cpu, 1), "ratio": round(ref_cpu / cpu, 2),
                   "cpu_per_article_vs_first": round(cpu / arts / first, 2),
                   "ingest_wall_s": round(wall, 1), "peak_rss_mib": round(rss / 1024),
                   "store_mb": round(db.stat().st_size / 1e6, 1), "text_mb": round(chars * 2 / 1e6, 1)}
            for name, cmd in (("events", ["events"]), ("timeline", ["timeline", "PAK", "EGY"]),
                              ("actors", ["actors", "Qureshi"])):
                row[f"{name}_s"] = round(run([str(BIN), *cmd, "--db", str(db)])[0], 2)
            if args.workers:
                db2 = Path(tmp) / f"w{n}.db"
                w2, _, _ = run([str(BIN), "ingest", "--max-bytes", str(10**10), "--workers", str(args.workers),
                                  "--db", str(db2), str(src)])
                row[f"workers{args.workers}_speedup_wall"] = round(wall / w2, 2)
            rows.append(row)
            if not args.json:  # a long run shows each size as soon as it is measured
                print(json.dumps(row), file=sys.stderr, flush=True)
            os.remove(db)
        html = html_pages(args.html, tmp) if args.html else None
    if args.json:
        print(json.dumps({"jsonl": rows, "html": html}, indent=1))
        return
    for table in (rows, [html] if html else []):
        if table:
            keys = list(table[0])
            print(" | ".join(keys))
            for r in table:
                print(" | ".join(str(r.get(k, "")) for k in keys))
            print()


if __name__ == "__main__":
    main()
