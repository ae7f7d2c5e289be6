"""``ingest --workers N``: clean and extract in N processes, link and store in one writer.

Cleaning and extraction are pure functions of one document, so they run in worker processes; the
results come back in input order (a bounded window of pending documents, so memory does not grow with
the corpus) and the main process links and stores them exactly as a one-process run would: the same
articles in the same order give the same actors, mentions and events.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator

from alliancemap.model import Article, Extraction, RawDocument, Rejection

Prepared = tuple[RawDocument | Rejection, Article | Rejection, Extraction | None, list[int] | None]
"""(document, clean article or rejection, extraction or None, the article's MinHash signature or None)."""


def _prepare(item: RawDocument | Rejection, extract: bool, seconds: float | None = None,
             sign: bool = False) -> Prepared:
    """Clean one document and, when asked, extract it and (``sign``) sign it for the duplicate index (runs
    in a worker), under the document's time budget; a failure becomes the document's rejection, as in a
    one-process run."""
    from alliancemap.budget import seconds_from_env, within_budget
    from alliancemap.clean import clean

    def work() -> tuple[Article | Rejection, Extraction | None, list[int] | None]:
        result = item if isinstance(item, Rejection) else clean(item)
        if not extract or not isinstance(result, Article):
            return result, None, None
        from alliancemap.gates import extract_gated
        from alliancemap.merge.duplicates import minhash
        from alliancemap.resolve.startup import cached_kb

        return result, extract_gated(result, cached_kb()), minhash(result.text).tolist() if sign else None

    done = within_budget(getattr(item, "origin", "?"), seconds_from_env() if seconds is None else seconds, work)
    return (item, done, None, None) if isinstance(done, Rejection) else (item, *done)


def _warm() -> None:
    """Load the KB and compile the extraction lexicons once per worker, before its first document."""
    texts = {"en": "The defence ministers of Egypt and Jordan met in Amman on 3 March 2025 to discuss joint"
                   " military exercises, the ministry said.",
             "ar": "التقى وزير الدفاع المصري نظيره الأردني في عمان يوم 3 مارس 2025 لبحث التدريبات العسكرية"
                   " المشتركة، بحسب الوزارة."}
    for lang, text in texts.items():
        _prepare(RawDocument("<warm-up>", "record", text, "", lang=lang), True)


def prepared(items: Iterable[RawDocument | Rejection], workers: int, extract: bool = True,
             window: int = 64, seconds: float | None = None, sign: bool = False) -> Iterator[Prepared]:
    """(document, clean article or rejection, extraction or None, signature or None) for every item, in
    input order.

    With ``sign``, the article's MinHash signature (for the writer's duplicate index) is made here too,
    in the worker, and travels with the article to the writer (``ingest --workers``, or the Parquet of
    ``alliancemap run`` that ``load`` reads).
    """
    if workers <= 1:
        for item in items:
            yield _prepare(item, extract, seconds, sign)
        return
    with worker_pool(workers) as pool:
        pending: deque[tuple[RawDocument | Rejection, cf.Future[_Outcome]]] = deque()
        for item in items:
            pending.append((item, pool.submit(_outcome, item, extract, seconds, sign)))
            if len(pending) >= window * workers:
                yield _joined(pending.popleft())
        while pending:
            yield _joined(pending.popleft())


_Outcome = tuple[Article | Rejection, Extraction | None, list[int] | None]


def _outcome(item: RawDocument | Rejection, extract: bool, seconds: float | None, sign: bool) -> _Outcome:
    """What a worker sends back: not the document, which the writer still holds."""
    return _prepare(item, extract, seconds, sign)[1:]


def _joined(entry: tuple[RawDocument | Rejection, cf.Future[_Outcome]]) -> Prepared:
    item, future = entry
    return (item, *future.result())


WARM_MODULE = "alliancemap.scale.warm"
"""Imported once by the fork server of ``worker_pool``: it loads the KB and compiles the lexicons."""


def worker_pool(workers: int) -> cf.ProcessPoolExecutor:
    """Worker processes forked from a warm fork server: the KB and the compiled lexicons are loaded once
    (about 0.8 s of CPU) and shared by every worker, instead of once per spawned worker. The server
    forks no threads (a progress bar runs in this process); where there is no fork server, workers are
    spawned and warm themselves. Each worker takes this process's environment as it is now."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([WARM_MODULE])  # read when the server starts (once per process)
        return cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_adopt, initargs=(dict(os.environ),))
    ctx = multiprocessing.get_context("spawn")
    return cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm)


def _adopt(environ: dict[str, str]) -> None:
    """Take the writer's environment (the fork server's is that of its start: a variable set since, such
    as ALLIANCEMAP_NO_GATES, must still apply)."""
    os.environ.clear()
    os.environ.update(environ)
