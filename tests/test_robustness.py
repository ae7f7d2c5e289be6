"""Nothing lost: a hostile corpus in one batch, decoding, bounds, markup, LIKE, kill -9 and concurrent runs."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from alliancemap.clean import clean
from alliancemap.cli import main
from alliancemap.model import RawDocument, Rejection
from alliancemap.pipeline import ingest
from alliancemap.sources import decode, iter_documents
from alliancemap.store.db import like_escape, open_store
from alliancemap.store.events import exported_events

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
EXAMPLES = HERE.parent / "examples"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
AR = "وصل وزير الدفاع المصري إلى الرياض يوم الثلاثاء في زيارة رسمية لبحث التعاون العسكري والتدريب المشترك."
SMALL_SET = [str(EXAMPLES / n) for n in ("en_hornobserver_2024-02-09_turkiye_somalia.txt",
                                          "ar_nilegate_2025-08-29_bright_star.html", "outlets_feed.jsonl")]


def canonical(events: list[dict]) -> list[tuple]:
    """Events compared without their ids: type, parties, date, the articles they come from."""
    return sorted(
        (e["type"], tuple(sorted((p["country"], p.get("faction") or "") for p in e["parties"])), e.get("date") or "",
         tuple(sorted({s["article_id"] for s in e["sources"]})))
        for e in events
    )


def store_events(db: str) -> list[tuple]:
    store = open_store(db)
    try:
        return canonical(exported_events(store.conn))
    finally:
        store.close()


# -- one batch of hostile files beside good ones ------------------------------------------------------
def test_hostile_corpus_in_one_batch_with_good_files(tmp_path):
    loop_a, loop_b = tmp_path / "loop_a.txt", tmp_path / "loop_b.txt"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    db = str(tmp_path / "h.db")
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", db, "--max-bytes", "250000", str(loop_a),
                                       str(HOSTILE), *SMALL_SET])
    assert result.exit_code == 1, result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status, finished_at IS NOT NULL FROM ingest_runs").fetchall() == [("finished", 1)]
    log = conn.execute("SELECT origin, status, reason FROM ingest_log").fetchall()
    assert (str(loop_a), "rejected", "unreadable") in log
    for good in SMALL_SET:  # every good file named beside the hostile ones is stored
        assert any(o.startswith(good) and s == "new" for o, s, _ in log), good
    for name, outcome in EXPECTED.items():
        path = str(HOSTILE / name)
        got = Counter(r if s == "rejected" else "stored" for o, s, r in log
                      if o == path or o.startswith((path + ":", path + "[")))
        assert got == Counter(outcome.split()), (name, got)
    assert "RecursionError" not in result.output and "Traceback" not in result.output


def test_markup_in_stored_text_is_printed_as_data(tmp_path):
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    runner.invoke(main, ["ingest", "-q", "--db", db, str(HOSTILE / "markup_title.json")])
    listed = runner.invoke(main, ["articles", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert "[/b]" in listed.output and "[link=http://evil.example]" in listed.output
    article_id = open_store(db).article_rows()[0]["article_id"]
    shown = runner.invoke(main, ["show", article_id[:8], "--db", db])
    assert shown.exit_code == 0 and "[/b]" in shown.output and "[/x]" in shown.output
    for cmd in (["claims"], ["events"], ["timeline", "EGY", "JOR"], ["actors"]):
        res = runner.invoke(main, [*cmd, "--db", db])
        assert res.exit_code == 0 and "MarkupError" not in res.output, (cmd, res.output)


def test_like_wildcards_in_user_text_match_literally(tmp_path):
    from alliancemap.store.extraction import list_claims

    assert like_escape("50%_a\\b") == "50\\%\\_a\\\\b"
    store = open_store(str(tmp_path / "l.db"))
    ingest(store, [str(EXAMPLES)])
    assert list_claims(store.conn)  # the examples quote people
    assert list_claims(store.conn, speaker="%") == []
    assert list_claims(store.conn, speaker="_") == []
    assert list_claims(store.conn, article_id="%") == []
    assert store.get_article("____") is None


# -- decoding --------------------------------------------------------------------------------------------
def test_utf8_cut_mid_character_is_kept_with_a_note():
    found = decode((AR + "\n").encode() + AR.encode()[:-2])
    assert found.encoding == "utf-8" and found.replaced == 1 and "1 invalid" in found.note
    assert found.text.startswith(AR)


def test_utf8_mixed_with_cp1256_reads_each_line_right():
    found = decode((AR + "\n").encode() + AR.encode("cp1256"))
    assert found.text == AR + "\n" + AR and "cp1256" in found.note


def test_random_high_bytes_are_rejected_as_not_language():
    data = bytes(random.Random(1).randint(0x80, 0xFF) for _ in range(20_000))
    found = decode(data)
    result = clean(RawDocument("r.txt", "text", found.text if found else "", "x"))
    assert isinstance(result, Rejection) and result.reason == "not_language"


@pytest.mark.parametrize("text", [AR, "Egypt and Jordan agreed to hold a joint naval exercise."])
def test_utf16_without_bom_and_wrong_meta_charset_are_read(text, write_file):
    assert decode(text.encode("utf-16-le")).text == text
    assert decode(text.encode("utf-16-be")).text == text
    page = f"<html><head><meta charset=iso-8859-1></head><body><p>{text}</p></body></html>".encode()
    assert text in decode(page, "latin-1").text


def test_legacy_cp1256_file_is_still_read():
    assert decode(AR.encode("cp1256")).text == AR


# -- bounds ----------------------------------------------------------------------------------------------
def test_sentence_split_does_linear_work(monkeypatch):
    """The abbreviation check walks back over one word, never the whole paragraph (it was quadratic)."""
    from alliancemap.text import sentences

    class Counting(frozenset):
        steps = 0

        def __contains__(self, item):
            Counting.steps += 1
            return super().__contains__(item)

    monkeypatch.setattr(sentences, "_WORD_STOPS", Counting(sentences._WORD_STOPS))
    for n in (20_000, 80_000):
        Counting.steps = 0
        text = ("Dr. Khan met Gen. Asim in Riyadh on Monday. " * (n // 44 + 1))[:n]
        sentences.split_sentences(text)
        assert Counting.steps <= n, (n, Counting.steps)


def test_time_budget_rejects_instead_of_hanging(tmp_path):
    store = open_store(str(tmp_path / "t.db"))
    report = ingest(store, SMALL_SET[:1], seconds=1e-9)
    assert [r.reason for r in report.rejected] == ["too_slow"]
    assert store.conn.execute("SELECT status FROM ingest_runs").fetchone()[0] == "finished"


def test_huge_jsonl_file_is_read_line_by_line(tmp_path):
    """--max-bytes bounds a line, not the file: a JSONL file 20 times the limit is read whole."""
    line = json.dumps({"text": "Egypt and Jordan agreed to hold a joint naval exercise in the Red Sea."}) + "\n"
    path = tmp_path / "big.jsonl"
    path.write_text(line * 2000, encoding="utf-8")
    docs = list(iter_documents([str(path)], max_bytes=len(line) * 100))
    assert len(docs) == 2000 and all(isinstance(d, RawDocument) for d in docs)


def test_json_array_is_streamed_item_by_item(tmp_path):
    items = [{"text": f"Report number {i} on the joint exercise."} for i in range(300)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    docs = list(iter_documents([str(path)], max_bytes=200))
    assert [d.content for d in docs] == [i["text"] for i in items]


# -- crashes and concurrent runs ---------------------------------------------------------------------------
def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "alliancemap", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> list[tuple]:
    """The events of one uninterrupted run over SMALL_SET."""
    db = str(tmp_path_factory.mktemp("ref") / "ref.db")
    ingest(open_store(db), SMALL_SET)
    events = store_events(db)
    assert events
    return events


def test_kill_9_between_last_article_and_merge_is_repaired_by_the_next_run(tmp_path, reference):
    db, marker = str(tmp_path / "k.db"), tmp_path / "paused"
    proc = _cli("ingest", "-q", "--db", db, *SMALL_SET, env={"ALLIANCEMAP_PAUSE_BEFORE_MERGE": str(marker)})
    deadline = time.monotonic() + 240
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert store_events(db) == []  # every article stored, nothing merged yet
    report = ingest(open_store(db), SMALL_SET)  # the re-run brings no new article, and still merges
    assert report.new_articles == [] and report.interrupted_runs == 1 and report.recovered_merge
    assert store_events(db) == reference
    statuses = [r[0] for r in sqlite3.connect(db).execute("SELECT status FROM ingest_runs ORDER BY run_id")]
    assert statuses == ["interrupted", "finished"]


def test_kill_9_at_random_times_then_rerun_gives_the_uninterrupted_events(tmp_path, reference):
    rnd = random.Random(os.environ.get("ALLIANCEMAP_KILL_SEED", "9"))
    for i in range(2):
        db = str(tmp_path / f"r{i}.db")
        proc = _cli("ingest", "-q", "--db", db, *SMALL_SET)
        time.sleep(rnd.uniform(1.0, 12.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ingest(open_store(db), SMALL_SET)
        assert store_events(db) == reference, i


def _reader_loop(db: str, stop: Path) -> subprocess.Popen:
    code = ("import subprocess,sys,pathlib\n"
            "n=bad=0\n"
            f"while not pathlib.Path({str(stop)!r}).exists():\n"
            f"    r=subprocess.run([sys.executable,'-m','alliancemap','events','--db',{db!r},'--format','jsonl'],"
            "capture_output=True)\n"
            "    n+=1; bad+=r.returncode!=0\n"
            "    if r.returncode: print(r.stderr.decode()[-500:])\n"
            "print('READS',n,bad)\n")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_three_ingests_at_once_on_a_new_and_an_existing_store(tmp_path, reference):
    db = str(tmp_path / "c.db")
    stop = tmp_path / "stop"
    for round_ in ("new store", "existing store"):
        reader = _reader_loop(db, stop) if round_ == "existing store" else None
        runs = [_cli("ingest", "-q", "--db", db, *SMALL_SET) for _ in range(3)]
        for run in runs:
            _, err = run.communicate(timeout=300)
            assert run.returncode == 0, (round_, err)
            assert b"already exists" not in err
        assert store_events(db) == reference, round_
        if reader is not None:
            stop.touch()
            out, _ = reader.communicate(timeout=120)
            reads, bad = (int(x) for x in out.decode().split("READS")[-1].split())
            assert reads >= 1 and bad == 0, out
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(set(
        r[0] for r in conn.execute("SELECT name FROM _migrations")))
    assert {r[0] for r in conn.execute("SELECT status FROM ingest_runs")} == {"finished"}


def test_an_expired_budget_leaves_no_state_behind(write_file):
    from alliancemap import budget

    path = write_file("a.txt", "Egypt and Jordan agreed to hold a joint naval exercise in the Red Sea.")
    for _ in range(50):  # an alarm firing at any point of the budget's own bookkeeping
        try:
            with budget.time_budget(1e-7):
                time.sleep(0.001)
        except budget.DocumentTimeout:
            pass
    assert budget._deadline == []
    assert isinstance(next(iter_documents([str(path)])), RawDocument)
