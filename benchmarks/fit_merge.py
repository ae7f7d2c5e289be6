"""Fit the merge's scoring (``src/alliancemap/merge/scoring.yaml``) on annotated sets.

Usage::

    python benchmarks/fit_merge.py /work/shared/eval/dev /work/shared/eval/dev2 [--grid small|full|classes]

Each set is ingested once into a temporary store (extraction is the slow part); then, for every
setting of the grid, the stored mentions are clustered again with that config, exported inside a
transaction that is rolled back, and scored with ``alliancemap.evaluate`` (the reference scorer's
rule). It prints merge precision, recall and F1 per set and setting, the current config first, so
the choice written in ``scoring.yaml`` is visible and repeatable. The gold sets are read at run time
from the given paths; nothing of them is copied.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

from alliancemap.evaluate import score
from alliancemap.merge import MergeConfig, cluster_events, load_config
from alliancemap.pipeline import _article_dates, ingest
from alliancemap.store import events as store_events
from alliancemap.store.db import open_store

GRIDS = {
    "small": {"threshold": [0.5, 0.55, 0.6, 0.65], "undated_no_reference": [0.1, 0.15],
              "recollections_co_reported": [0.0, 0.1, 0.15, 0.2], "places_weak": [-0.1, -0.05],
              "named_date_agrees": [0.05, 0.15]},
    "full": {"threshold": [0.5, 0.55, 0.6, 0.65, 0.7], "undated_no_reference": [0.0, 0.05, 0.1, 0.15],
             "same_parties": [0.2, 0.25, 0.3], "shared_person": [0.1, 0.15], "same_place": [0.15, 0.2]},
    # the weights of the error classes met on held-out news (named systems, leaders and delegations,
    # recollections naming the instrument otherwise and written soon after the signing)
    "classes": {"systems_differ": [0.0, -0.15, -0.25], "leader_vs_delegation": [0.0, -0.15, -0.3],
                "undated_background_recent": [0.05, 0.1], "instruments_recalled": [-0.05, 0.0]},
    # arms delivered against the signing of the deal (heldout5: the Copenhagen contract, the Río Cuarto jets)
    "steps": {"delivery_vs_signing": [0.0, -0.1, -0.2, -0.3], "threshold": [0.55]},
    # the kinds of weapons two deals buy (heldout6: a tank framework and a warship contract), with the
    # steps of one deal (heldout6: an undated contract against the delivery of its first ship)
    "kinds": {"categories_differ": [0.0, -0.3, -0.4], "delivery_vs_signing": [-0.2, -0.3, -0.35]},
}


def _prepare(set_dir: Path, tmp: Path):
    store = open_store(str(tmp / (set_dir.name + ".db")))
    ingest(store, [str(set_dir / "articles")])
    mentions = store_events.load_mentions(store.conn)
    arts = {e.sources[0].article_id for e in mentions if e.sources}
    return store, mentions, _article_dates(store, arts), store_events.load_duplicates(store.conn)


def _merge_figures(prepared, set_dir: Path, cfg: MergeConfig) -> dict:
    store, mentions, dates, dups = prepared
    clusters = cluster_events(mentions, duplicates=dups, article_dates=dates, config=cfg)
    conn = store.conn
    conn.execute("SAVEPOINT fit")
    try:
        removed = [r[0] for r in conn.execute("SELECT event_id FROM events")]
        store_events.save_clusters(conn, clusters, removed=removed)
        exported = store_events.exported_events(conn)
    finally:
        conn.execute("ROLLBACK TO fit")
        conn.execute("RELEASE fit")
    result = score(set_dir, exported)
    return {"merge": result["merge"], "key_f1": result["key"]["f1"]}


def _settings(grid: dict[str, list[float]]):
    names = list(grid)
    for values in itertools.product(*(grid[n] for n in names)):
        yield dict(zip(names, values, strict=True))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", type=Path, help="gold set folders (articles/, gold/)")
    ap.add_argument("--grid", choices=sorted(GRIDS), default="small")
    args = ap.parse_args(argv)
    base = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        prepared = {s: _prepare(s, Path(tmp)) for s in args.sets}
        header = ["setting"] + [f"{s.name} {k}" for s in args.sets for k in ("P", "R", "F1")] + ["mean F1"]
        print("\t".join(header))
        rows = [("scoring.yaml", {})] + [(None, st) for st in _settings(GRIDS[args.grid])]
        best = None
        for label, setting in rows:
            cfg = base.with_changes(**setting) if setting else base
            figures = [_merge_figures(prepared[s], s, cfg)["merge"] for s in args.sets]
            mean = sum(f["f1"] for f in figures) / len(figures)
            name = label or " ".join(f"{k}={v}" for k, v in setting.items())
            print("\t".join([name] + [f"{f[k]:.3f}" for f in figures for k in ("precision", "recall", "f1")]
                            + [f"{mean:.3f}"]), flush=True)
            if best is None or mean > best[0]:
                best = (mean, name)
        for store, *_ in prepared.values():
            store.close()
    print(f"best mean merge F1 {best[0]:.3f}: {best[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
