"""``alliancemap load``: a run's partitions, in input order, through the one writer of ``ingest``.

The partitions hold each document's clean article (or rejection) and extraction exactly as a worker of
``ingest --workers`` would hand them over, so storing them with ``pipeline.store_prepared`` links the
same actors, stores the same articles and mentions in the same order, and runs the same merge: the
events after ``load`` are those of a local ``ingest`` of the same inputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from alliancemap.pipeline import IngestReport, Prepared, ProgressFn, store_prepared
from alliancemap.scale import codec
from alliancemap.scale.runner import read_manifest
from alliancemap.store.db import Store


class Loaded(NamedTuple):
    """What the writer needs of the original document: its name and any decoding note."""

    origin: str
    decoding: str | None


def load(store: Store, out: str | Path, *, progress: ProgressFn | None = None) -> IngestReport:
    """Store every document of the finished run in ``out``, then merge; returns the ingest report.

    Raises:
        RunError: ``out`` holds no run, or an unfinished one.
    """
    manifest = read_manifest(out)
    return store_prepared(store, manifest["inputs"], documents(Path(out), manifest["partitions"]),
                          progress=progress)


def documents(out: Path, partitions: int) -> Iterator[Prepared]:
    """(document, (article or rejection, extraction, signature)) of every partition, in input order
    (streaming)."""
    for part in range(partitions):
        rows = []
        for table in ("articles", "rejections"):
            rows += [(row["seq"], table, row) for row in codec.read_rows(str(out / table / f"part-{part:05d}.parquet"))]
        for _seq, table, row in sorted(rows, key=lambda r: r[0]):
            if table == "rejections":
                rejection = codec.rejection_from_row(row)
                yield rejection, (rejection, None, None)
            else:
                article, ext, signature = codec.article_from_row(row)
                yield Loaded(article.origin, row["decoding"]), (article, ext, signature)
