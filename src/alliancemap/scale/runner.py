"""``alliancemap run``: the document stream cut into partitions, each cleaned and extracted by an engine.

Layout of the output folder (one Parquet file per table and partition, so ``pandas.read_parquet(DIR /
"events")`` or DuckDB read a table whole)::

    DIR/manifest.json                 inputs, partition size, totals, gate counts, rejections
    DIR/articles/part-00000.parquet   clean articles, each with its extraction (JSON) for ``load``
    DIR/rejections/part-00000.parquet documents that could not be read or cleaned, with the reason
    DIR/mentions|claims|events/…      flat views of the extractions
    DIR/_done/part-00000.json         the partition's done marker: written last, after its files

Each file is written under a hidden temporary name and renamed, and the marker comes last, so a
partition is either finished or absent. A restarted run re-reads the inputs, skips every partition
whose marker holds the same documents (a digest of their origins and bytes) and computes the rest.
The driver writes every file: workers only return bytes, so a cluster needs no shared file system.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from alliancemap.model import Article, RawDocument, Rejection
from alliancemap.scale import codec

FORMAT = "alliancemap-run/1"
MANIFEST = "manifest.json"
DONE = "_done"
STDIN = "stdin.jsonl"
"""Where a run keeps its copy of standard input (inside the output folder)."""
ENGINES = ("local", "dask")

Progress = Callable[[str, int, int], None]
"""(event, partitions so far, documents so far): event is "total" (then the second number is the
partition count), "done" or "skipped"."""


class RunError(Exception):
    """A run cannot start or its output cannot be loaded; the message says what to do."""


@dataclass
class RunReport:
    """What ``run`` did, and what the whole output folder holds (``counts`` over every partition)."""

    out: str
    partitions: int = 0
    computed: int = 0  # partitions this run computed
    skipped: int = 0  # partitions an earlier run had finished
    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # articles, rejected, gated_language, gated_keyword
    rejected: list[Rejection] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (partition, error): run again to retry

    @property
    def complete(self) -> bool:
        return not self.failed and self.computed + self.skipped == self.partitions


def run(paths: Iterable[str], out: str | Path, *, engine: str = "local", workers: int = 1,
        scheduler: str | None = None, partition_size: int = 500, max_bytes: int = 5_000_000,
        seconds: float | None = None, progress: Progress | None = None, processes: bool = True,
        stdin: TextIO | BinaryIO | None = None) -> RunReport:
    """Clean and extract every document under ``paths`` in partitions; write Parquet under ``out``.

    Args:
        paths: files or folders, as for ``ingest``; "-" reads JSON Lines from ``stdin`` (default
            ``sys.stdin``), copied first to ``out/stdin.jsonl`` since a run reads its inputs twice.
        out: the output folder; a folder holding a run of other inputs is refused.
        engine: "local" (this process, or ``workers`` processes) or "dask" (a ``distributed`` cluster).
        workers: processes (local) or Dask workers of the local cluster started when no ``scheduler``.
        scheduler: address of a running Dask scheduler ("tcp://host:8786"); implies the dask engine.
        partition_size: documents per partition (the unit of work, of restart and of a Parquet file).
        processes: Dask local cluster with worker processes (False: threads, for light tests).

    Returns:
        A ``RunReport``; ``complete`` is False when a partition failed (run again to retry it).
    """
    paths = [str(p) for p in paths]
    out = Path(out)
    engine = "dask" if scheduler else engine
    if engine not in ENGINES:
        raise RunError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    manifest = _open_manifest(out, paths, partition_size)
    copy = _spool(stdin if stdin is not None else sys.stdin, out / STDIN) if "-" in paths else None
    report = RunReport(out=str(out))
    report.partitions = -(-_count(paths, max_bytes, copy) // partition_size)
    if progress:
        progress("total", report.partitions, 0)
    manifest.update(engine=engine, workers=workers, scheduler=scheduler, partitions=report.partitions)
    with _engine(engine, workers, scheduler, processes) as eng:
        window = 2 * max(workers, eng.width())
        inflight: dict[Any, tuple[int, int, str, int]] = {}
        for part, first, docs in _partitions(paths, max_bytes, partition_size, copy):
            digest = _digest(docs)
            if _finished(out, part, digest):
                report.skipped += 1
                report.documents += len(docs)
                if progress:
                    progress("skipped", report.computed + report.skipped, report.documents)
                continue
            while len(inflight) >= window:
                _collect(eng, inflight, out, report, progress)
            inflight[eng.submit(prepare_partition, docs, part, first, seconds)] = (part, first, digest, len(docs))
        while inflight:
            _collect(eng, inflight, out, report, progress)
    _drop_stale(out, report.partitions)
    _summarize(out, report, manifest)
    return report


# -- the work of one partition (runs on a worker) -----------------------------------------------------
def prepare_partition(docs: list[RawDocument | Rejection], part: int, first_seq: int,
                      seconds: float | None = None) -> dict[str, Any]:
    """Clean and extract one partition's documents; the Parquet bytes of every table, and its summary.

    Pure: the same documents give the same bytes, on any worker. A bad document becomes its rejection
    (``parallel.prepared`` applies the document's time budget), never the partition's failure.
    """
    from alliancemap.parallel import prepared

    results = list(prepared(docs, 1, True, seconds=seconds, sign=True))  # load reads the signatures
    counts: Counter[str] = Counter()
    rejections = []
    for _item, result, ext, _signature in results:
        if isinstance(result, Article):
            counts["articles"] += 1
            if ext is not None and ext.gate:
                counts[f"gated_{ext.gate}"] += 1
        else:
            counts["rejected"] += 1
            rejections.append([result.origin, result.reason, result.detail])
    rows = codec.partition_rows(part, first_seq, results)
    return {"tables": {t: codec.to_parquet(t, r) for t, r in rows.items()}, "counts": dict(counts),
            "rejections": rejections}


# -- reading the inputs ---------------------------------------------------------------------------------
def _documents(paths: list[str], max_bytes: int, stdin_copy: Path | None) -> Iterator[RawDocument | Rejection]:
    """The documents under ``paths``; "-" reads the run's copy of standard input (origins as ``ingest -``)."""
    from alliancemap.sources import iter_documents

    if stdin_copy is None:
        yield from iter_documents(paths, max_bytes=max_bytes)
        return
    with open(stdin_copy, encoding="utf-8") as copy:
        yield from iter_documents(paths, max_bytes=max_bytes, stdin=copy)


def _spool(stream: TextIO | BinaryIO, path: Path) -> Path:
    """Copy standard input to ``path`` (bytes as they came), so the run can read it twice."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    source = getattr(stream, "buffer", stream)
    with open(tmp, "wb") as f:
        while chunk := source.read(1 << 20):
            f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    os.replace(tmp, path)
    return path


def _count(paths: list[str], max_bytes: int, stdin_copy: Path | None) -> int:
    """Documents under ``paths`` (a first, cheap pass: it gives the progress bar its total)."""
    return sum(1 for _ in _documents(paths, max_bytes, stdin_copy))


def _partitions(paths: list[str], max_bytes: int, size: int,
                stdin_copy: Path | None) -> Iterator[tuple[int, int, list]]:
    """(partition number, sequence number of its first document, its documents), streaming."""
    batch: list[RawDocument | Rejection] = []
    part = first = 0
    for doc in _documents(paths, max_bytes, stdin_copy):
        batch.append(doc)
        if len(batch) == size:
            yield part, first, batch
            part, first, batch = part + 1, first + size, []
    if batch:
        yield part, first, batch


def _digest(docs: list[RawDocument | Rejection]) -> str:
    """Which documents a partition holds: their origins and bytes (or rejection reasons)."""
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps([d.origin, getattr(d, "raw_sha256", None) or getattr(d, "reason", "")]).encode())
    return h.hexdigest()[:32]


# -- engines ---------------------------------------------------------------------------------------
class _Inline:
    """One process: each partition is computed when submitted."""

    def width(self) -> int:
        return 1

    def submit(self, fn: Callable, *args: Any) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - reported as the partition's failure, like a worker's
            fut.set_exception(exc)
        return fut

    def wait(self, futures: Iterable[Any]) -> set:
        return set(futures)

    def close(self) -> None:
        pass


class _Processes(_Inline):
    """``workers`` local processes, forked warm from a fork server (``parallel.worker_pool``)."""

    def __init__(self, workers: int) -> None:
        from alliancemap.parallel import worker_pool

        self.workers = workers
        self.pool = worker_pool(workers)

    def width(self) -> int:
        return self.workers

    def submit(self, fn: Callable, *args: Any) -> cf.Future:
        return self.pool.submit(fn, *args)

    def wait(self, futures: Iterable[Any]) -> set:
        return cf.wait(list(futures), return_when=cf.FIRST_COMPLETED).done

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _Dask(_Inline):
    """A ``distributed`` client: of a running scheduler, or of a local cluster of ``workers`` workers."""

    def __init__(self, workers: int, scheduler: str | None, processes: bool) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise RunError("the dask engine needs the 'distributed' package: pip install 'dask[bag]' distributed"
                           ) from exc
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {exc}; is it running?") from exc
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)

    def width(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn: Callable, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def wait(self, futures: Iterable[Any]) -> set:
        from distributed import wait

        return wait(list(futures), return_when="FIRST_COMPLETED").done

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _engine:
    def __init__(self, name: str, workers: int, scheduler: str | None, processes: bool) -> None:
        if name == "dask":
            self.eng: _Inline = _Dask(workers, scheduler, processes)
        else:
            self.eng = _Processes(workers) if workers > 1 else _Inline()

    def __enter__(self) -> _Inline:
        return self.eng

    def __exit__(self, *exc: Any) -> None:
        self.eng.close()


# -- writing -----------------------------------------------------------------------------------------
def _collect(eng: _Inline, inflight: dict, out: Path, report: RunReport, progress: Progress | None) -> None:
    """Write every finished partition (in whatever order they finish) and count it."""
    for fut in eng.wait(inflight):
        part, first, digest, n = inflight.pop(fut)
        try:
            result = fut.result()
        except Exception as exc:  # noqa: BLE001 - one partition's failure is reported; the others go on
            report.failed.append((part, f"{type(exc).__name__}: {exc}"))
            continue
        for table, data in result["tables"].items():
            _write_atomic(out / table / f"part-{part:05d}.parquet", data)
        marker = {"part": part, "first_seq": first, "documents": n, "digest": digest,
                  "counts": result["counts"], "rejections": result["rejections"]}
        _write_atomic(_marker(out, part), json.dumps(marker, ensure_ascii=False).encode())
        report.computed += 1
        report.documents += n
        if progress:
            progress("done", report.computed + report.skipped, report.documents)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # hidden: dataset readers skip it
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _marker(out: Path, part: int) -> Path:
    return out / DONE / f"part-{part:05d}.json"


def _finished(out: Path, part: int, digest: str) -> bool:
    """The partition was written by an earlier run from the same documents."""
    try:
        return json.loads(_marker(out, part).read_text())["digest"] == digest
    except (OSError, ValueError, KeyError):
        return False


def _drop_stale(out: Path, partitions: int) -> None:
    """Partitions past the end (the inputs shrank since an earlier run) are removed: marker first."""
    for marker in sorted((out / DONE).glob("part-*.json")):
        part = int(marker.stem.split("-")[1])
        if part >= partitions:
            marker.unlink()
            for table in codec.TABLES:
                (out / table / f"part-{part:05d}.parquet").unlink(missing_ok=True)


# -- the manifest --------------------------------------------------------------------------------------
def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _open_manifest(out: Path, paths: list[str], partition_size: int) -> dict[str, Any]:
    """The manifest of this output folder, started; an earlier run of other inputs is refused."""
    inputs = [p if p == "-" else str(Path(p).resolve()) for p in paths]
    path = out / MANIFEST
    if path.exists():
        old = read_manifest(out, complete=False)
        if old.get("inputs") != inputs or old.get("partition_size") != partition_size:
            raise RunError(f"{out} holds a run of other inputs or another --partition-size"
                           f" ({len(old.get('inputs', []))} inputs, {old.get('partition_size')} per partition);"
                           " choose a new --out, or delete that folder to start over")
    elif out.exists() and any(out.iterdir()):
        raise RunError(f"{out} is not empty and holds no run manifest; choose a new --out")
    from alliancemap import __version__

    manifest = {"format": FORMAT, "version": __version__, "inputs": inputs, "partition_size": partition_size,
                "tables": list(codec.TABLES), "started_at": _now(), "complete": False}
    _write_atomic(path, json.dumps(manifest, indent=1, ensure_ascii=False).encode())
    return manifest


def _summarize(out: Path, report: RunReport, manifest: dict[str, Any]) -> None:
    """Totals over every partition's marker (this run's and earlier ones') into the report and manifest."""
    reasons: Counter[str] = Counter()
    for part in range(report.partitions):
        try:
            marker = json.loads(_marker(out, part).read_text())
        except OSError:
            continue
        report.counts.update(marker["counts"])
        for origin, reason, detail in marker["rejections"]:
            report.rejected.append(Rejection(origin, reason, detail))
            reasons[reason] += 1
    manifest.update(documents=report.documents, counts=dict(sorted(report.counts.items())),
                    rejections=dict(sorted(reasons.items())), failed=[list(f) for f in report.failed],
                    complete=report.complete, finished_at=_now())
    _write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode())


def read_manifest(out: str | Path, *, complete: bool = True) -> dict[str, Any]:
    """The manifest of a run's output folder; with ``complete``, only a finished run's."""
    path = Path(out) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError as exc:
        raise RunError(f"{out} holds no run ({MANIFEST} missing); write one with `alliancemap run … --out {out}`"
                       ) from exc
    except (OSError, ValueError) as exc:
        raise RunError(f"cannot read {path}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise RunError(f"{path} is not an alliancemap run manifest (format {manifest.get('format')!r})")
    if complete and not manifest.get("complete"):
        raise RunError(f"the run in {out} is not finished; run the same `alliancemap run` command again to"
                       " finish it (finished partitions are kept)")
    return manifest
