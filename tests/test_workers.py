"""``ingest --workers 2`` gives exactly the events, actors and rejections of a one-process run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.store.db import open_store
from alliancemap.store.events import exported_events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402 - the benchmark's generator, written for this project


def _state(db: Path) -> tuple[list, list, list]:
    store = open_store(str(db))
    events = sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in exported_events(store.conn))
    actors = sorted(tuple(r) for r in store.conn.execute("SELECT id, kind, name_en, name_ar FROM actors"))
    log = sorted(tuple(r) for r in store.conn.execute(
        "SELECT origin, status, reason FROM ingest_log"))
    store.close()
    return events, actors, log


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    feed = tmp_path / "generated.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for rec in corpus.articles(40, seed=3, chars=1500):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.write("{not json\n")  # one bad line: rejected the same way by both runs
    inputs = [str(ROOT / "examples"), str(feed)]
    runner = CliRunner()
    for name, extra in (("one.db", []), ("two.db", ["--workers", "2"])):
        result = runner.invoke(main, ["ingest", "-q", "--db", str(tmp_path / name), *extra, *inputs])
        assert result.exit_code == 1, result.output  # the bad line is reported
    one, two = _state(tmp_path / "one.db"), _state(tmp_path / "two.db")
    assert len(one[0]) > 20 and one[0] == two[0]
    assert one[1] == two[1] and one[2] == two[2]


def test_the_signature_travels_with_its_article() -> None:
    """Workers hand each article's MinHash to the writer inside the prepared record, in input order."""
    from alliancemap.merge.duplicates import minhash
    from alliancemap.model import Article
    from alliancemap.parallel import prepared
    from alliancemap.sources import iter_documents

    docs = list(iter_documents([str(ROOT / "examples")]))
    done = list(prepared(docs, 2, extract=True, sign=True))
    assert [d[0].origin for d in done] == [d.origin for d in docs]
    articles = [(result, signature) for _doc, result, _ext, signature in done if isinstance(result, Article)]
    assert len(articles) >= 10
    assert all(signature == minhash(result.text).tolist() for result, signature in articles)
    assert all(signature is None for *_rest, signature in prepared(docs[:2], 1, extract=True))
