"""``alliancemap run`` (local and Dask engines) then ``load`` store exactly what ``ingest`` stores.

The Dask tests use a local cluster of threads (``processes=False``) so CI stays light; the engine code
is the one that drives a real cluster through a scheduler address.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.scale import RunError, load, run
from alliancemap.scale.runner import read_manifest
from alliancemap.store.db import open_store
from alliancemap.store.events import exported_events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402 - the benchmark's generator, written for this project


def _state(db: Path) -> dict[str, list]:
    """Everything a user reads back: events, actors, claims, mentions, the ingest log."""
    store = open_store(str(db))
    q = store.conn.execute
    state = {
        "events": sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in exported_events(store.conn)),
        "actors": sorted(tuple(r) for r in q("SELECT id, kind, name_en, name_ar, country FROM actors")),
        "articles": sorted(tuple(r) for r in q("SELECT article_id, title, lang, published FROM articles")),
        "log": sorted(tuple(r) for r in q("SELECT origin, status, article_id, reason FROM ingest_log")),
    }
    store.close()
    return state


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled examples, generated news, one page in French, and two bad documents."""
    folder = tmp_path_factory.mktemp("inputs")
    with (folder / "generated.jsonl").open("w", encoding="utf-8") as fh:
        for rec in corpus.articles(24, seed=5, chars=1200):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"url": "https://exemple.fr/meteo", "title": "La météo de la semaine",
                             "text": "Le temps restera doux sur la côte cette semaine, avec des averses "
                                     "passagères mardi et un ciel dégagé pendant le week-end. Les températures "
                                     "dépasseront vingt degrés l'après-midi."}, ensure_ascii=False) + "\n")
        fh.write("{not json\n")
    (folder / "blank.txt").write_text("   \n")
    return [str(ROOT / "examples"), str(folder)]


@pytest.fixture(scope="module")
def ingested(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), *inputs])
    assert result.exit_code == 1, result.output  # the bad documents are reported
    return _state(db)


def test_dask_run_then_load_gives_the_events_of_ingest(inputs, ingested, tmp_path: Path) -> None:
    out = tmp_path / "run"
    report = run(inputs, out, engine="dask", workers=2, partition_size=7, processes=False)
    assert report.complete and report.partitions == report.computed >= 5
    store = open_store(str(tmp_path / "dask.db"), create=True)
    loaded = load(store, out)
    store.close()
    state = _state(tmp_path / "dask.db")
    assert len(state["events"]) > 20
    assert state == ingested
    assert loaded.counts["rejected"] == report.counts["rejected"] == 2
    assert {r.reason for r in loaded.rejected} == {r.reason for r in report.rejected}


def test_cli_run_restart_and_load(inputs, ingested, tmp_path: Path) -> None:
    out, runner = tmp_path / "run", CliRunner()
    first = runner.invoke(main, ["run", "-q", "--out", str(out), "--partition-size", "9", "--workers", "2",
                                 *inputs])  # the local engine's process pool
    assert first.exit_code == 1, first.output  # rejections are reported, not lost
    assert "not json" in first.output.lower() or "malformed" in first.output
    manifest = read_manifest(out)
    assert manifest["complete"] and manifest["counts"]["rejected"] == 2
    assert manifest["counts"]["gated_language"] >= 1  # the French page
    # an interrupted run: one partition lost its marker, another left a temporary file behind
    (out / "_done" / "part-00001.json").unlink()
    (out / "events" / ".part-00002.parquet.tmp").write_bytes(b"half a file")
    again = run(inputs, out, partition_size=9)
    assert (again.computed, again.skipped) == (1, again.partitions - 1)
    result = runner.invoke(main, ["load", "-q", str(out), "--db", str(tmp_path / "cli.db")])
    assert result.exit_code == 1 and "rejected" in result.output, result.output
    assert _state(tmp_path / "cli.db") == ingested


def test_partitions_read_as_datasets(inputs, tmp_path: Path) -> None:
    out = tmp_path / "run"
    report = run(inputs, out, engine="local", workers=1, partition_size=6)
    tables = {t: pq.read_table(out / t) for t in ("articles", "rejections", "mentions", "claims", "events")}
    assert tables["articles"].num_rows == report.counts["articles"]
    assert tables["rejections"].num_rows == 2
    events = tables["events"].to_pylist()
    assert events and all(e["article_id"] and e["event_id"] and e["type"] for e in events)
    assert json.loads(events[0]["parties"])[0]["country"]
    gates = [g for g in tables["articles"].column("gate").to_pylist() if g]
    assert set(gates) <= {"language", "keyword"} and len(gates) == sum(
        v for k, v in report.counts.items() if k.startswith("gated_"))


def test_changed_input_recomputes_its_partition(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    recs = list(corpus.articles(6, seed=9, chars=600))
    for i, rec in enumerate(recs):
        (folder / f"{i}.json").write_text(json.dumps(rec, ensure_ascii=False))
    out = tmp_path / "run"
    assert run([str(folder)], out, partition_size=2).computed == 3
    recs[5]["text"] += "\n\nA late paragraph about the harbour's new ferry timetable."
    (folder / "5.json").write_text(json.dumps(recs[5], ensure_ascii=False))
    again = run([str(folder)], out, partition_size=2)
    assert (again.computed, again.skipped) == (1, 2)


def test_refusals_say_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(next(corpus.articles(1, seed=1, chars=500))))
    out = tmp_path / "run"
    with pytest.raises(RunError, match="holds no run"):
        read_manifest(out)
    run([str(folder)], out, partition_size=4)
    with pytest.raises(RunError, match="other inputs"):
        run([str(folder), str(folder / "a.json")], out)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(RunError, match="not finished"):
        read_manifest(out)
    result = CliRunner().invoke(main, ["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "holds no run" in result.output
    assert not (tmp_path / "x.db").exists()


def test_run_reads_standard_input_as_ingest_does(tmp_path: Path) -> None:
    lines = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in corpus.articles(12, seed=11, chars=900))
    lines += "{not json\n"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--db", str(tmp_path / "in.db"), "-"], input=lines).exit_code == 1
    out = tmp_path / "run"
    first = runner.invoke(main, ["run", "-q", "--out", str(out), "--partition-size", "5", "-"], input=lines)
    assert first.exit_code == 1, first.output  # the bad line is reported
    assert (out / "stdin.jsonl").read_text(encoding="utf-8") == lines
    again = run(["-"], out, partition_size=5, stdin=io.StringIO(lines))
    assert (again.computed, again.skipped) == (0, 3)  # the same input: every partition was done
    assert runner.invoke(main, ["load", "-q", str(out), "--db", str(tmp_path / "run.db")]).exit_code == 1
    state = _state(tmp_path / "run.db")
    assert any(origin.startswith("<stdin>") for origin, *_ in state["log"])
    assert state == _state(tmp_path / "in.db")


def test_load_takes_the_signatures_the_run_wrote(inputs, ingested, tmp_path: Path, monkeypatch) -> None:
    from alliancemap.merge import duplicates

    out = tmp_path / "run"
    run(inputs, out, partition_size=8)
    rows = pq.read_table(out / "articles").to_pylist()
    assert rows and all(r["minhash"] for r in rows)
    for row in rows[:5]:
        assert np.frombuffer(row["minhash"], dtype="<u4").tolist() == duplicates.minhash(
            row["text"]).tolist()

    def no_signing(*_a, **_k):
        raise AssertionError("load signed an article the run had signed")

    monkeypatch.setattr(duplicates, "minhash", no_signing)
    store = open_store(str(tmp_path / "load.db"), create=True)
    load(store, out)
    store.close()
    assert _state(tmp_path / "load.db") == ingested
