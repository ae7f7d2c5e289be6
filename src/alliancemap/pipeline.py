"""The whole flow for a batch of inputs: sources → clean → extract → resolve → store → merge.

Each article is written in one transaction together with its extraction, so an interrupted run leaves
every stored article complete. Bad input never raises here: it becomes a Rejection, is logged with
its reason, and the batch goes on.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from alliancemap.clean import clean
from alliancemap.model import Article, Extraction, RawDocument, Rejection
from alliancemap.sources import iter_documents
from alliancemap.store.db import Store

ProgressFn = Callable[[str, str], None]  # (origin, status) after each document


@dataclass
class IngestReport:
    """What one ingest run did: counts, rejections with reasons, the articles stored."""

    run_id: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejection] = field(default_factory=list)
    new_articles: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, article_id)
    events: int = 0


def ingest(store: Store, paths: Iterable[str], *, max_bytes: int = 5_000_000, extract: bool = True,
           progress: ProgressFn | None = None, stdin=None, workers: int = 1,
           documents: Iterable[RawDocument | Rejection] = ()) -> IngestReport:
    """Read, clean and store every document under ``paths``; extract and merge the new articles.

    Args:
        store: an open store.
        paths: files, folders (walked recursively) or "-" for JSON Lines on standard input.
        max_bytes: larger files are rejected (reason ``too_large``).
        extract: run extraction, actor linking and merging on the new articles.
        progress: called after each document.
        workers: processes that clean and extract (``parallel.prepared``); this one links and stores.
        documents: more documents after those of ``paths`` (entries of fetched feeds).

    Returns:
        An ``IngestReport``.
    """
    paths = list(paths)
    report = IngestReport(run_id=store.start_run(paths))
    linker = _Linker(store) if extract else None
    from alliancemap.parallel import prepared

    docs = itertools.chain(iter_documents(paths, max_bytes=max_bytes, stdin=stdin), documents)
    for item, result, ext in prepared(docs, workers, extract and workers > 1):
        status = _ingest_one(store, item, report, linker, result, ext)
        if progress:
            progress(getattr(item, "origin", "?"), status)
    if extract and report.new_articles:
        report.events = merge_all(store)
    store.finish_run(report.run_id, report.counts)
    return report


def _ingest_one(store: Store, item, report: IngestReport, linker: _Linker | None,
                result: Article | Rejection | None = None, ext: Extraction | None = None) -> str:
    if result is None:
        result = clean(item) if not isinstance(item, Rejection) else item
    if isinstance(result, Rejection):
        report.counts["rejected"] += 1
        report.rejected.append(result)
        with store.transaction() as conn:
            store.log(conn, report.run_id, result.origin, "rejected", reason=result.reason, detail=result.detail)
        return "rejected"
    article: Article = result
    with store.transaction() as conn:
        if store.has_article(article.article_id):
            store.add_article_source(conn, article)
            store.log(conn, report.run_id, article.origin, "duplicate", article.article_id)
            report.counts["duplicate"] += 1
            report.duplicates.append((article.origin, article.article_id))
            return "duplicate"
        store.add_article(conn, article)
        if linker is not None:
            linker.extract_and_save(conn, article, ext)
        store.log(conn, report.run_id, article.origin, "new", article.article_id)
    report.counts["new"] += 1
    report.new_articles.append(article.article_id)
    return "new"


class _Linker:
    """Extraction + actor linking for one run; the actor registry is loaded once and kept current."""

    def __init__(self, store: Store) -> None:
        from alliancemap.resolve.kb import load_kb
        from alliancemap.resolve.link import ActorRegistry, kb_writes, registry_from_rows
        from alliancemap.store import actors

        self.store = store
        self.kb = load_kb()
        base = ActorRegistry.from_kb(self.kb)  # built once: seeds the store and starts the registry
        with store.transaction() as conn:
            actors.seed_actors(conn, kb_writes(base))
        self.registry = registry_from_rows(*actors.load_actor_rows(store.conn), base=base)
        from alliancemap.store.events import load_duplicate_index

        self.duplicates = load_duplicate_index(store.conn)

    def extract_and_save(self, conn, article: Article, ext: Extraction | None = None) -> Extraction:
        from alliancemap.extract import extract_article
        from alliancemap.resolve.link import link_extraction
        from alliancemap.store import actors, events
        from alliancemap.store.extraction import replace_extraction

        ext = ext if ext is not None else extract_article(article, self.kb)
        result = link_extraction(ext, article, self.registry)
        ext = result.extraction
        actors.save_link_result(conn, result.writes())
        result.commit()
        replace_extraction(conn, article.article_id, ext)
        events.replace_mentions(conn, article.article_id, [e for e in ext.events if e.status != "planned"])
        events.save_duplicate(conn, self.duplicates.add(article.article_id, article.text), self.duplicates)
        return ext


def merge_all(store: Store) -> int:
    """Attach every stored mention to an event (incrementally) and save the clusters. Returns their number."""
    from alliancemap.merge import cluster_events
    from alliancemap.store import events

    conn = store.conn
    clusters = cluster_events(events.load_mentions(conn), events.load_clusters(conn),
                              duplicates=events.load_duplicates(conn))
    with store.transaction() as c:
        events.save_clusters(c, clusters)
    return len(clusters)


def reextract(store: Store, progress: ProgressFn | None = None) -> int:
    """Run extraction, linking and merging again over every stored article (after a lexicon change)."""
    linker = _Linker(store)
    n = 0
    for article in store.iter_articles():
        with store.transaction() as conn:
            linker.extract_and_save(conn, article)
        n += 1
        if progress:
            progress(article.article_id, "extracted")
    merge_all(store)
    return n
