#!/usr/bin/env python3
"""Extraction throughput on one core.

Reads the bundled examples (``alliancemap.sources.iter_documents`` + ``alliancemap.clean.clean``) and
times ``alliancemap.extract.extract_article`` on four pools, printing articles/s per core:

- ``news``: the target case of issue #3 — ~5,000-character articles in which most sentences hold
  no trigger: ordinary news sentences (``filler/``, written for this benchmark) with, every seventh
  sentence, one from the examples that the gate lets through.
- ``no_trigger``: ~5,000-character articles of ordinary news sentences the gate rejects (only the
  lead is matched against the KB and dated).
- ``trigger_dense``: ~5,000-character articles made by joining whole examples of the same language
  (their paragraph and sentence spans shifted). The examples are all alliance news, so most of their
  sentences hold a trigger: the worst case.
- ``examples``: the example articles as they are (short, trigger-dense).

Shared machines are noisy: each pool is timed in ``--rounds`` rounds of ``--n`` calls, and the
median and best round are printed (CPU time of this process, pinned to one core).

    python benchmarks/bench_extract.py            # 5 rounds of 200 calls per pool
    python benchmarks/bench_extract.py --n 500 --rounds 3 --json

Exit status: 0 on success, 2 when a module it needs is missing, 1 on any other crash.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FILLER = Path(__file__).resolve().parent / "filler"


class MissingModule(RuntimeError):
    """A pipeline module the benchmark needs is not importable yet."""


def need(module: str, name: str) -> Any:
    """Import ``module.name`` lazily so a half-built checkout gives a clear message, not a traceback."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise MissingModule(f"the benchmark needs {module}.{name}, which is not available ({exc})") from exc


def pin_one_core() -> str:
    """Run on a single CPU when the OS allows it, so figures are per core."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (single-threaded run)"


def load_examples(folder: Path) -> tuple[list[Any], float]:
    """Clean Articles from the example files and the seconds spent reading and cleaning them."""
    iter_documents = need("alliancemap.sources", "iter_documents")
    clean = need("alliancemap.clean", "clean")
    article_cls = need("alliancemap.model", "Article")
    start = time.perf_counter()
    rejection_cls = need("alliancemap.model", "Rejection")
    docs = [d for d in iter_documents([str(folder)]) if not isinstance(d, rejection_cls)]
    articles = [a for a in map(clean, docs) if isinstance(a, article_cls)]
    return articles, time.perf_counter() - start


def _shift(spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    return [(s + offset, e + offset) for s, e in spans]


def _cut(article: Any, room: int) -> int:
    """End of the last paragraph that fits in ``room`` characters (at least the first paragraph)."""
    ends = [e for _, e in article.paragraphs] or [len(article.text)]
    fitting = [e for e in ends if e <= room]
    return max(fitting) if fitting else ends[0]


def synthetic(articles: list[Any], target: int = 5000) -> list[Any]:
    """~``target``-character articles per language, each joining examples from a different start."""
    out = []
    for lang in sorted({a.lang for a in articles}):
        same = [a for a in articles if a.lang == lang and a.text]
        for first in range(len(same)):
            parts, paragraphs, sentences, pos, i = [], [], [], 0, first
            while pos < target:
                src = same[i % len(same)]
                cut = _cut(src, target - pos) if parts else len(src.text)
                parts.append(src.text[:cut])
                paragraphs += _shift([p for p in src.paragraphs if p[1] <= cut], pos)
                sentences += _shift([s for s in src.sentences if s[1] <= cut], pos)
                pos += cut + 2
                i += 1
            text = "\n\n".join(parts)
            out.append(replace(same[first], article_id=f"synthetic-{lang}-{first}", text=text,
                               paragraphs=paragraphs, sentences=sentences))
    return out


def _sentence_pools(articles: list[Any], lang: str) -> tuple[list[str], list[str]]:
    """(sentences the gate rejects, sentences it lets through) of the examples in ``lang``, in order."""
    gated_sentences = need("alliancemap.extract", "gated_sentences")
    lex = need("alliancemap.extract.lexicon", "load_lexicon")()
    plain, gated = [], []
    for a in articles:
        if a.lang == lang and a.sentences:
            hits = gated_sentences(lex, a.text, a.sentences)
            for i, (s, e) in enumerate(a.sentences):
                if a.text[s:e].strip():
                    (gated if i in hits else plain).append(a.text[s:e].strip())
    return plain, gated


def _assemble(template: Any, article_id: str, sentences: list[str], target: int) -> Any:
    """An article of ``sentences`` (cycled) up to ``target`` characters, five sentences a paragraph."""
    text, spans, paragraphs, par_start, k = "", [], [], 0, 0
    while len(text) < target:
        sentence = sentences[k % len(sentences)]
        sep = "" if not text else ("\n\n" if len(spans) % 5 == 0 else " ")
        if sep == "\n\n":
            paragraphs.append((par_start, len(text)))
            par_start = len(text) + 2
        text += sep
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
        k += 1
    paragraphs.append((par_start, len(text)))
    return replace(template, article_id=article_id, text=text, title=None, paragraphs=paragraphs,
                   sentences=spans)


def filler(lang: str) -> list[str]:
    """Ordinary news sentences in ``lang`` (``filler/<lang>.txt``), some of which the gate lets through."""
    path = FILLER / f"{lang}.txt"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def no_trigger(articles: list[Any], target: int = 5000) -> list[Any]:
    """~``target``-character articles of ordinary news sentences that the gate rejects, one per
    starting sentence and language: the common case on a news feed."""
    gated_sentences = need("alliancemap.extract", "gated_sentences")
    lex = need("alliancemap.extract.lexicon", "load_lexicon")()
    out = []
    for lang in sorted({a.lang for a in articles}):
        plain = [t for t in filler(lang) if not gated_sentences(lex, t, [(0, len(t))])]
        if not plain:
            continue
        template = next(a for a in articles if a.lang == lang)
        for first in range(0, len(plain), 3):
            art = _assemble(template, f"no-trigger-{lang}-{first}", plain[first:] + plain[:first], target)
            if not gated_sentences(lex, art.text, art.sentences):
                out.append(art)
    return out


def news(articles: list[Any], target: int = 5000, every: int = 7) -> list[Any]:
    """~``target``-character articles where most sentences hold no trigger: the target case of #3.

    Ordinary news sentences (``filler/``, in order) with one sentence from the examples that the gate
    lets through in every ``every``: the examples' alliance news spread through a long article.
    Some ordinary sentences pass the gate too ("talks" of a book fair), as they do in real news.
    """
    out = []
    for lang in sorted({a.lang for a in articles}):
        plain, gated = filler(lang), _sentence_pools(articles, lang)[1]
        if not plain or not gated:
            continue
        template = next(a for a in articles if a.lang == lang)
        for first in range(0, len(gated), 3):
            sentences, g, p = [], first, first
            while sum(len(t) + 1 for t in sentences) < target + 500:
                if len(sentences) % every == every - 1:
                    sentences.append(gated[g % len(gated)])
                    g += 1
                else:
                    sentences.append(plain[p % len(plain)])
                    p += 1
            out.append(_assemble(template, f"news-{lang}-{first}", sentences, target))
    return out


def gated_per_article(pool: list[Any]) -> float:
    """Mean number of sentences the trigger gate lets through (what drives the cost)."""
    gated_sentences = need("alliancemap.extract", "gated_sentences")
    lex = need("alliancemap.extract.lexicon", "load_lexicon")()
    return round(sum(len(gated_sentences(lex, a.text, a.sentences)) for a in pool) / len(pool), 1)


def run(pool: list[Any], n: int, rounds: int) -> dict[str, Any]:
    """``rounds`` rounds of n extract_article calls over the pool; rates per round and per-call times."""
    extract_article = need("alliancemap.extract", "extract_article")
    for article in pool:  # warm-up: lexicons and caches load once, outside the timing
        extract_article(article)
    times, rates, chars, events, k = [], [], 0, 0, 0
    for _ in range(rounds):
        cpu0 = time.process_time()
        for _ in range(n):
            article = pool[k % len(pool)]
            k += 1
            t0 = time.perf_counter()
            extraction = extract_article(article)
            times.append(time.perf_counter() - t0)
            chars += len(article.text)
            events += len(getattr(extraction, "events", []) or [])
        cpu = time.process_time() - cpu0
        rates.append(n / cpu if cpu else float("inf"))
    calls, total = n * rounds, sum(times)
    return {
        "calls": calls, "pool": len(pool), "rounds": rounds,
        "articles_per_cpu_s": round(statistics.median(rates), 1),
        "articles_per_cpu_s_best_round": round(max(rates), 1),
        "articles_per_s": round(calls / total, 1) if total else None,
        "chars_per_s": round(chars / total) if total else None,
        "ms_per_article_mean": round(1000 * total / calls, 2),
        "ms_per_article_p50": round(1000 * statistics.median(times), 2),
        "ms_per_article_p95": round(1000 * sorted(times)[int(0.95 * (calls - 1))], 2),
        "mean_chars": round(chars / calls), "events_per_article": round(events / calls, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="extract_article calls per round (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per pool (default 5)")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="folder of example articles")
    parser.add_argument("--chars", type=int, default=5000, help="size of synthetic articles (default 5000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args(argv)
    if args.n < 1 or args.rounds < 1:
        parser.error("--n and --rounds must be at least 1")
    try:
        pinned = pin_one_core()
        examples, clean_seconds = load_examples(args.examples)
        if not examples:
            print(f"bench_extract: no usable article in {args.examples}", file=sys.stderr)
            return 1
        pools = {"news": news(examples, args.chars), "no_trigger": no_trigger(examples, args.chars),
                 "trigger_dense": synthetic(examples, args.chars), "examples": examples}
        result: dict[str, Any] = {"cpu": pinned, "examples": len(examples),
                                  "read_clean_ms_per_doc": round(1000 * clean_seconds / len(examples), 2)}
        cases = {}
        for name, pool in pools.items():
            if pool:
                cases[name] = run(pool, args.n, args.rounds) | {"gated_sentences_per_article": gated_per_article(pool)}
        result["cases"] = cases
    except MissingModule as exc:
        print(f"bench_extract: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
        return 0
    for key, value in result.items():
        if key != "cases":
            print(f"{key:>28}: {value}")
    for name, figures in result["cases"].items():
        print(f"\n{name} ({figures['pool']} articles, mean {figures['mean_chars']} chars, "
              f"{figures['gated_sentences_per_article']} gated sentences per article)")
        print(f"{'articles/s per core (CPU)':>28}: {figures['articles_per_cpu_s']} (median round), "
              f"{figures['articles_per_cpu_s_best_round']} (best round)")
        print(f"{'articles/s (wall clock)':>28}: {figures['articles_per_s']}")
        for key, value in figures.items():
            if key not in ("articles_per_cpu_s", "articles_per_cpu_s_best_round", "articles_per_s", "pool", "mean_chars",
                           "gated_sentences_per_article"):
                print(f"{key:>28}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
