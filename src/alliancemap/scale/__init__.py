"""Real volume: clean and extract in partitions on an engine (local processes or Dask), store later.

``run`` reads the inputs with the ingest readers, cuts the document stream into partitions, has an
engine clean and extract each partition (pure stages, so any worker of any machine can), and writes
partitioned Parquet with a manifest; a restarted ``run`` skips the partitions already written.
``load`` reads the partitions in input order and stores them through the one writer of ``ingest``
(actor linking, store, merge), so the events after ``load`` are those of a local ``ingest``.
"""

from alliancemap.scale.loader import load
from alliancemap.scale.runner import RunError, RunReport, run

__all__ = ["RunError", "RunReport", "load", "run"]
