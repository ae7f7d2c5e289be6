"""``alliancemap run`` and ``alliancemap load``: the partitioned path (local processes or Dask)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from alliancemap.cli import _open, _progress, document_ticker, err, print_ingest_report, print_rejections
from alliancemap.cli_common import db_option, styled
from alliancemap.scale.runner import ENGINES, RunError


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the Parquet partitions and manifest.json (a restarted run continues it).")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: this machine's processes; dask: a Dask cluster (local, or --scheduler).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Processes (local) or workers of the local Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask).")
@click.option("--partition-size", type=click.IntRange(1), default=500, show_default=True,
              help="Documents per partition: the unit of work, of restart and of one Parquet file.")
@click.option("--max-bytes", type=click.IntRange(1), default=5_000_000, show_default=True,
              help="Reject a record larger than this (as for ingest).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(paths: tuple[str, ...], out_dir: str, engine: str, workers: int, scheduler: str | None,
        partition_size: int, max_bytes: int, quiet: bool) -> None:
    """Clean and extract news pages in partitions (on local processes or a Dask cluster) and write them
    as Parquet under --out; store them with `alliancemap load`.

    Reads what ingest reads (folders, JSON Lines, JSON arrays, HTML, WARC/ARC, RSS/Atom files; - for JSON
    Lines on standard input, kept as stdin.jsonl in --out since a run reads its inputs twice). Pages
    that cannot hold an event or a claim (not Arabic or English, or no trigger and no statement) are
    kept but not extracted, and counted. Run the same command again after an interruption: finished partitions are skipped.

    \b
    Example:
        alliancemap run crawl/*.warc.gz --engine dask --workers 4 --out run1/
        alliancemap run news.jsonl --scheduler tcp://10.0.0.5:8786 --out /shared/run1
        alliancemap run - --workers 2 --out run2/ < news.jsonl
        alliancemap load run1/ --db news.db
    """
    from alliancemap.scale import run as run_partitions

    for p in paths:
        if p != "-" and not Path(p).exists():
            raise click.UsageError(f"no such file or folder: {p}")
    with _progress(quiet) as bar:
        task = bar.add_task("run", total=None, rate="")
        start = time.monotonic()

        def tick(event: str, parts: int, docs: int) -> None:
            if event == "total":
                bar.update(task, total=parts, description="partitions")
                return
            elapsed = max(time.monotonic() - start, 1e-9)
            bar.update(task, completed=parts, rate=f"{docs / elapsed:.1f} docs/s",
                       description="partitions" + (" (skipped, done before)" if event == "skipped" else ""))

        try:
            report = run_partitions(paths, out_dir, engine=engine, workers=workers, scheduler=scheduler,
                                    partition_size=partition_size, max_bytes=max_bytes, progress=tick,
                                    stdin=sys.stdin if "-" in paths else None)
        except RunError as exc:
            raise click.ClickException(str(exc)) from exc
    c = report.counts
    gated = ", ".join(f"{k.removeprefix('gated_')} {v}" for k, v in sorted(c.items()) if k.startswith("gated_"))
    err.print(styled((f"{report.partitions} partitions", "bold"),
                     f" ({report.computed} computed, {report.skipped} done before): {report.documents} documents,"
                     f" {c['articles']} articles, {c['rejected']} rejected"
                     + (f", not extracted (gate: {gated})" if gated else "") + f" → {report.out}"))
    print_rejections(report.rejected)
    for part, error in report.failed:
        err.print(styled(("  failed ", "red"), f"partition {part}: {error}"))
    if report.failed:
        err.print("run the same command again to retry the failed partitions (finished ones are kept)")
    elif report.complete:
        err.print(f"next: alliancemap load {report.out}")
    sys.exit(1 if report.rejected or report.failed else 0)


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(out_dir: str, db_path: str | None, quiet: bool) -> None:
    """Store the partitions a finished `alliancemap run` wrote (link actors, store, merge events).

    The events are those a local `alliancemap ingest` of the same inputs gives.

    \b
    Example:
        alliancemap load run1/ --db news.db
    """
    from alliancemap.scale import load as load_partitions
    from alliancemap.scale.runner import read_manifest

    try:
        total = read_manifest(out_dir).get("documents")
    except RunError as exc:
        raise click.ClickException(str(exc)) from exc
    store = _open(db_path, create=True)
    store.on_wait = lambda: err.print("waiting for another ingest on this store to finish…")
    with _progress(quiet) as bar:
        report = load_partitions(store, out_dir, progress=document_ticker(bar, "load", total))
    sys.exit(print_ingest_report(store, report))
