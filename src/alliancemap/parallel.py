"""``ingest --workers N``: clean and extract in N processes, link and store in one writer.

Cleaning and extraction are pure functions of one document, so they run in worker processes; the
results come back in input order (a bounded window of pending documents, so memory does not grow with
the corpus) and the main process links and stores them exactly as a one-process run would: the same
articles in the same order give the same actors, mentions and events.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
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
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding threads (progress bar)
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm if extract else None) as pool:
        pending: deque[cf.Future[Prepared]] = deque()
        for item in items:
            pending.append(pool.submit(_prepare, item, extract, seconds, sign))
            if len(pending) >= window * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

