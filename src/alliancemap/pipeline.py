"""The whole flow for a batch of inputs: sources → clean → extract → resolve → store → merge.

Each article is written in one transaction together with its extraction, so an interrupted run leaves
every stored article complete. Bad input never raises here: any failure on one document (a reader, a
stage, its time budget) becomes a Rejection, is logged with its reason, and the batch goes on.

A run holds the store's writer lock from start to finish, so runs started side by side execute one after
another. Every article transaction also raises the ``merge_pending`` flag, which only a completed merge
clears: a run killed between its last article and its merge leaves the flag up, and the next run (with
or without new articles) merges those mentions. Runs a dead process left "running" become "interrupted".

The writer merges as it goes: whenever ``merge_every`` mentions are queued it runs the incremental merge
on them, so the queue (and the closing merge) never holds a large part of a big corpus. The incremental
merge is meant to give the same events whatever the batches; it does on the examples and dev sets, and on
a generated 10,000-article corpus differs in about 0.2% of events (chains of meetings dated loosely).
"""

from __future__ import annotations

import itertools
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from alliancemap.budget import seconds_from_env, within_budget
from alliancemap.clean import clean
from alliancemap.model import Article, DuplicateMatch, Extraction, RawDocument, Rejection
from alliancemap.sources import iter_documents
from alliancemap.store.db import Store

ProgressFn = Callable[[str, str], None]  # (origin, status) after each document

MERGE_PENDING = "merge_pending"
KB_SEEDED = "kb_seeded"  # the code-and-data key of the KB whose actors were last copied into the store
MERGE_EVERY = 2000
"""Queued mentions at which an ingest merges before reading on (``ALLIANCEMAP_MERGE_EVERY`` overrides;
0 merges only at the end)."""
PAUSE_BEFORE_MERGE = "ALLIANCEMAP_PAUSE_BEFORE_MERGE"
"""Test hook: a file path; the run creates it after its last article and waits 60 s before merging,
so a test can kill the process exactly in that window."""


@dataclass
class IngestReport:
    """What one ingest run did: counts, rejections with reasons, the articles stored."""

    run_id: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejection] = field(default_factory=list)
    new_articles: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, article_id)
    events: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # (origin, decoding note) of stored articles
    interrupted_runs: int = 0  # earlier runs found unfinished (their process died)
    recovered_merge: bool = False  # mentions an interrupted run left unmerged were merged by this run


def ingest(store: Store, paths: Iterable[str], *, max_bytes: int = 5_000_000, extract: bool = True,
           progress: ProgressFn | None = None, stdin=None, seconds: float | None = None, workers: int = 1,
           documents: Iterable[RawDocument | Rejection] = (), merge_every: int | None = None) -> IngestReport:
    """Read, clean and store every document under ``paths``; extract and merge the new articles.

    Args:
        store: an open store.
        paths: files, folders (walked recursively) or "-" for JSON Lines on standard input.
        max_bytes: the largest record read (reason ``too_large``): a JSON Lines line, a JSON array item,
            a whole text or HTML file.
        extract: run extraction, actor linking and merging on the new articles.
        progress: called after each document.
        seconds: time budget of one document (``ALLIANCEMAP_DOC_SECONDS``, default 120 s); a document
            over it is rejected as ``too_slow``.
        workers: processes that clean and extract (``parallel.prepared``); this one links and stores.
        documents: more documents after those of ``paths`` (entries of fetched feeds).
        merge_every: queued mentions that make the writer merge before reading on (``MERGE_EVERY``).

    Returns:
        An ``IngestReport``.
    """
    paths = list(paths)
    seconds = seconds_from_env() if seconds is None else seconds
    docs = itertools.chain(iter_documents(paths, max_bytes=max_bytes, stdin=stdin), documents)
    return store_prepared(store, paths, _prepared(docs, workers, extract, seconds), extract=extract,
                          progress=progress, seconds=seconds, merge_every=merge_every)


Prepared = tuple[Any, tuple[Article | Rejection, Extraction | None, list[int] | None] | None]
"""(document, None to prepare in this process, or (clean article or rejection, extraction, its MinHash
signature or None) prepared elsewhere)"""


def store_prepared(store: Store, paths: list[str], items: Iterable[Prepared], *, extract: bool = True,
                   progress: ProgressFn | None = None, seconds: float | None = None,
                   merge_every: int | None = None) -> IngestReport:
    """Link and store documents in order, merging as they go: the one writer behind ``ingest`` and ``load``.

    ``items`` is consumed inside the store's writer lock, after the run is started, so a lazy iterator
    (a reader, worker processes, Parquet partitions of ``alliancemap run``) gives one and the same run.
    ``merge_every``: queued mentions that trigger a merge before the next article (``merge_every_from_env``).
    """
    seconds = seconds_from_env() if seconds is None else seconds
    merge_every = merge_every_from_env() if merge_every is None else merge_every
    with store.writer_lock():
        report = IngestReport(interrupted_runs=store.mark_interrupted_runs())
        report.run_id = store.start_run(paths)
        linker = _Linker(store) if extract else None
        with store.batched() as tick:  # one commit per batch of articles, each article still whole
            for item, done in items:
                status = _ingest_one(store, item, report, linker, seconds, done)
                full = linker is not None and status == "new" and _queue_full(store, merge_every)
                tick(commit=full)  # a merge starts from committed articles; a kill during it loses none
                if full:  # the flag stays up, and the graph's aggregates wait: the closing merge does both
                    merge_all(store, aggregates=False)
                if progress:
                    progress(getattr(item, "origin", "?"), status)
        if extract and (store.get_state(MERGE_PENDING) or _queued(store)):
            report.recovered_merge = not report.new_articles
            _pause_hook()
            report.events = _merge(store)
        store.finish_run(report.run_id, report.counts)
    return report


def merge_every_from_env() -> int:
    """``ALLIANCEMAP_MERGE_EVERY`` (tests, tuning), else ``MERGE_EVERY``."""
    try:
        return int(os.environ.get("ALLIANCEMAP_MERGE_EVERY", MERGE_EVERY))
    except ValueError:
        return MERGE_EVERY


def _queue_full(store: Store, merge_every: int) -> bool:
    from alliancemap.store.events import count_pending

    return merge_every > 0 and count_pending(store.conn) >= merge_every


def _prepared(docs: Iterable[RawDocument | Rejection], workers: int, extract: bool, seconds: float):
    """(document, None) to prepare here, or (document, (result, extraction, signature)) prepared by worker
    processes."""
    if workers <= 1:
        return ((item, None) for item in docs)
    from alliancemap.parallel import prepared

    done = prepared(docs, workers, extract, seconds=seconds, sign=True)
    return ((item, (result, ext, sig)) for item, result, ext, sig in done)


def _pause_hook() -> None:
    marker = os.environ.get(PAUSE_BEFORE_MERGE)
    if marker:
        with open(marker, "w") as f:
            f.write(str(os.getpid()))
        time.sleep(60)


def _queued(store: Store) -> bool:
    from alliancemap.store import events

    return events.has_pending(store.conn)


def _merge(store: Store) -> int:
    """Merge, then lower the flag; a crash in between only makes the next run merge again (idempotent)."""
    n = merge_all(store)
    with store.transaction() as conn:
        store.set_state(conn, MERGE_PENDING, None)
    return n


def _reject(store: Store, report: IngestReport, rejection: Rejection) -> str:
    report.counts["rejected"] += 1
    report.rejected.append(rejection)
    with store.transaction() as conn:
        store.log(conn, report.run_id, rejection.origin, "rejected", reason=rejection.reason, detail=rejection.detail)
    return "rejected"


def _prepare(store: Store, item: RawDocument | Rejection, linker: _Linker | None,
             seconds: float) -> tuple[Article | Rejection, Extraction | None]:
    """Clean (and extract, for a new article) one document under its time budget; never raises."""
    def work() -> tuple[Article | Rejection, Extraction | None]:
        result = clean(item) if isinstance(item, RawDocument) else item
        if isinstance(result, Article) and linker is not None and not store.has_article(result.article_id):
            return result, linker.extract(result)
        return result, None

    done = within_budget(getattr(item, "origin", "?"), seconds, work)
    return (done, None) if isinstance(done, Rejection) else done


def _ingest_one(store: Store, item, report: IngestReport, linker: _Linker | None, seconds: float,
                done: tuple[Article | Rejection, Extraction | None, list[int] | None] | None = None) -> str:
    result, ext, signature = done if done is not None else (*_prepare(store, item, linker, seconds), None)
    if isinstance(result, Rejection):
        return _reject(store, report, result)
    article: Article = result
    note = getattr(item, "decoding", None)
    try:
        with store.transaction() as conn:
            if store.has_article(article.article_id):
                store.add_article_source(conn, article)
                store.log(conn, report.run_id, article.origin, "duplicate", article.article_id)
                status = "duplicate"
            else:
                store.add_article(conn, article)
                if linker is not None:
                    ext = linker.save(conn, article, ext if ext is not None else linker.extract(article), signature)
                    if ext.gate:
                        report.counts[f"gated_{ext.gate}"] += 1
                    store.set_state(conn, MERGE_PENDING, "1")
                store.log(conn, report.run_id, article.origin, "new", article.article_id,
                          detail=f"decoding: {note}" if note else None)
                status = "new"
    except Exception as exc:  # noqa: BLE001 - a failed write is rolled back whole; the batch goes on
        if linker is not None:
            linker.reload()
        return _reject(store, report, Rejection(article.origin, "internal_error",
                                                f"could not be stored: {type(exc).__name__}: {exc}"))
    report.counts[status] += 1
    if status == "duplicate":
        report.duplicates.append((article.origin, article.article_id))
    else:
        report.new_articles.append(article.article_id)
        if note:
            report.notes.append((article.origin, note))
    return status


class _Linker:
    """Extraction + actor linking for one run; the actor registry is loaded once and kept current."""

    def __init__(self, store: Store) -> None:
        from alliancemap.resolve.startup import cached_kb

        self.store = store
        self.kb = cached_kb()
        self.reload()

    def reload(self) -> None:
        """(Re)load what the run keeps in memory from the store (after a write was rolled back)."""
        from alliancemap.merge.duplicates import SIGNATURE_SCHEME, band_keys
        from alliancemap.resolve.link import registry_from_rows
        from alliancemap.resolve.startup import code_and_data_key, kb_registry
        from alliancemap.store import actors
        from alliancemap.store.events import band_missing

        _, base, seed = kb_registry()  # the KB's registry seeds the store and starts the run's registry
        if self.store.get_state(KB_SEEDED) != code_and_data_key():  # seeding is idempotent: once per KB
            with self.store.transaction() as conn:
                actors.seed_actors(conn, seed)
                self.store.set_state(conn, KB_SEEDED, code_and_data_key())
        self.registry = registry_from_rows(*actors.load_actor_rows(self.store.conn), base=base)
        with self.store.transaction() as conn:  # a store signed before the band index: band it once
            band_missing(conn, band_keys, 128, SIGNATURE_SCHEME)

    def extract(self, article: Article) -> Extraction:
        """The pure, costly part: extraction (run under the document's time budget, before any write)."""
        from alliancemap.gates import extract_gated

        return extract_gated(article, self.kb)

    def save(self, conn, article: Article, ext: Extraction, signature: list[int] | None = None) -> Extraction:
        """Link the extraction's actors and write it, inside the article's transaction; ``signature``: the
        article's MinHash when a worker made it (else it is made here)."""
        from alliancemap.resolve.link import link_extraction
        from alliancemap.store import actors, events
        from alliancemap.store.extraction import replace_extraction

        result = link_extraction(ext, article, self.registry)
        ext = result.extraction
        actors.save_link_result(conn, result.writes())
        result.commit()
        replace_extraction(conn, article.article_id, ext)
        events.replace_mentions(conn, article.article_id, [e for e in ext.events if e.status != "planned"])
        events.save_duplicate(conn, *self._duplicate(conn, article, signature))
        return ext

    @staticmethod
    def _duplicate(conn, article: Article, signature: list[int] | None) -> tuple[DuplicateMatch, list[int]]:
        """The article's near-duplicate match and LSH band keys, from the stored articles sharing a band
        (an article checked before keeps its match)."""
        from alliancemap.merge.duplicates import SIGNATURE_SCHEME, band_keys, match_stored, minhash
        from alliancemap.store import events

        known = events.stored_duplicate(conn, article.article_id)
        if known is not None:
            return known, []
        sig = minhash(article.text).tolist() if signature is None else list(signature)
        keys = band_keys(sig)
        found = events.duplicate_candidates(conn, keys, len(sig), SIGNATURE_SCHEME)
        return match_stored(article.article_id, sig, found), keys

    def extract_and_save(self, conn, article: Article) -> Extraction:
        return self.save(conn, article, self.extract(article))


def merge_all(store: Store, aggregates: bool = True) -> int:
    """Merge the queued mentions into events, touching only the clusters they can join. Returns the event count.

    Batches of queued mentions: their articles' dates are estimated once (undated pages), the blocking
    index gives the clusters of their dyad and months, and that neighbourhood is re-clustered and saved.
    The summaries of [8] are brought up to date once, after the last batch, and with ``aggregates`` the
    graph's ties and year cells too (``summary.sync``; a mid-run merge leaves them to the closing one).
    """
    from alliancemap.merge import Context, cluster_events, lookup_keys
    from alliancemap.store import events, summary

    conn = store.conn
    while pending := events.load_pending(conn, limit=MERGE_BATCH):
        ctx = Context(article_dates=_article_dates(store, {e.sources[0].article_id for e in pending if e.sources}))
        ids = events.member_events(conn, [e.event_id for e in pending])
        for ev in pending:
            ids |= events.candidate_events(conn, *lookup_keys(ev, ctx))
        existing = events.load_clusters(conn, ids)
        # a re-clustered event's links are redone: the stored events it can be linked with must be at hand
        partner_ids = _link_partners(conn, existing, set(ctx.article_dates)) - ids
        partners = events.load_clusters(conn, partner_ids) if partner_ids else []
        ids |= partner_ids
        arts = {m.article_id for c in existing for m in c.members} | set(ctx.article_dates)
        dates = _article_dates(store, arts)
        links = {id(c): list(c.related) for c in [*existing, *partners]}
        clusters = cluster_events(pending, existing, duplicates=events.load_duplicates(conn, arts),
                                  article_dates=dates, partners=partners)
        # a stored cluster the new mentions could not join comes back as it was, its links maybe updated
        same = {c.event_id for c in clusters if links.get(id(c)) == c.related}
        with store.transaction() as c:
            events.save_clusters(c, [x for x in clusters if x.event_id not in same], removed=ids - same,
                                 sync=False)
            events.clear_pending(c, [e.event_id for e in pending])
    with store.transaction() as c:
        summary.sync(c, aggregates=aggregates)
    return events.count_events(conn)


MERGE_BATCH = 500  # queued mentions merged together: bounds the memory of one step


def _link_partners(conn, clusters: list, articles: set[str]) -> set[str]:
    """Stored events that a cluster of the neighbourhood, or a queued mention of ``articles``, can be
    linked with (``during`` a visit and back): same dyad within a day of its dates, or a shared article.

    Without them, a cluster clustered again would lose a link to a partner outside the neighbourhood
    (and the partner keep its half), so links would depend on how the queue was cut into batches."""
    from alliancemap.merge.blocking import link_keys
    from alliancemap.store import events

    out = events.article_events(conn, articles | {m.article_id for c in clusters for m in c.members})
    for c in clusters:
        keys = link_keys(c)
        if keys is not None:
            out |= events.candidate_events(conn, *keys)
    return out


def _article_dates(store: Store, article_ids: set[str]) -> dict:
    """Stored date estimates of these articles, estimating (and storing) the missing ones."""
    from alliancemap.merge import estimate
    from alliancemap.store import events

    known = events.load_article_dates(store.conn, article_ids)
    missing = article_ids - set(known)
    if missing:
        fresh = {aid: estimate(aid, text, url=url, published=pub)
                 for aid, text, url, pub in events.article_texts(store.conn, missing)}
        with store.transaction() as c:
            events.save_article_dates(c, fresh)
        known.update(fresh)
    return {aid: d for aid, d in known.items() if d is not None}


def reextract(store: Store, progress: ProgressFn | None = None) -> int:
    """Run extraction, linking and merging again over every stored article (after a lexicon change)."""
    merge_every = merge_every_from_env()
    with store.writer_lock():
        linker = _Linker(store)
        n = 0
        for article in store.iter_articles():
            with store.transaction() as conn:
                linker.extract_and_save(conn, article)
                store.set_state(conn, MERGE_PENDING, "1")
            if _queue_full(store, merge_every):
                merge_all(store, aggregates=False)
            n += 1
            if progress:
                progress(article.article_id, "extracted")
        _merge(store)
    return n
