"""The command line as a user drives it: ingest, re-ingest, bad input, listing and showing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.clean import classify_line
from alliancemap.cli import main

from .conftest import EVAL_DEV, EXAMPLES, SEEDS


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_ingest_examples_then_again_stores_nothing_new(db_path: str) -> None:
    first = run("ingest", "--db", db_path, "-q", str(EXAMPLES))
    assert first.exit_code == 0, first.output
    n = sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n >= 12
    second = run("ingest", "--db", db_path, "-q", str(EXAMPLES))
    assert second.exit_code == 0
    assert "0 new" in second.output
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == n


def test_same_text_from_another_file_is_a_duplicate(db_path: str, tmp_path: Path) -> None:
    body = "وقعت تركيا والصومال اتفاقية إطارية للتعاون الدفاعي والاقتصادي في أنقرة لمدة عشر سنوات."
    (tmp_path / "a.txt").write_text(f"عنوان الخبر هنا للتجربة\n\n{body}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "عنوان الخبر هنا للتجربة", "text": body}) + "\n",
                                      encoding="utf-8")
    res = run("ingest", "--db", db_path, "-q", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"))
    assert res.exit_code == 0, res.output
    assert "1 new, 1 duplicate" in res.output


def test_broken_files_are_reported_one_by_one_and_nothing_stored_changes(db_path: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Pakistan and Azerbaijan sign JF-17 deal\n\nPakistan and Azerbaijan signed a contract for "
                    "JF-17 Block III fighter jets in Baku on Tuesday, officials said.\n", encoding="utf-8")
    assert run("ingest", "--db", db_path, "-q", str(good)).exit_code == 0
    before = sqlite3.connect(db_path).execute("SELECT article_id, text FROM articles").fetchall()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (bad / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (bad / "huge.txt").write_text("كلمة " * 5000, encoding="utf-8")
    res = run("ingest", "--db", db_path, "-q", "--max-bytes", "20000", str(bad))
    assert res.exit_code == 1
    for name in ("empty.txt", "binary.txt", "broken.json", "huge.txt"):
        assert name in res.output
    assert "Traceback" not in res.output
    after = sqlite3.connect(db_path).execute("SELECT article_id, text FROM articles").fetchall()
    assert after == before


def test_missing_path_is_a_usage_error(db_path: str) -> None:
    res = CliRunner().invoke(main, ["ingest", "--db", db_path, "no/such/folder"])
    assert res.exit_code == 2


def test_stdin_jsonl(db_path: str) -> None:
    line = json.dumps({"url": "https://example.org/a", "title": "Egypt and Saudi Arabia hold naval drill",
                       "maintext": "Egyptian and Saudi naval forces concluded the joint exercise Morgan 2 in the Red Sea "
                                   "on Thursday, the Egyptian military spokesman said.",
                       "date_publish": "2025-03-14 10:00:00"})
    res = run("ingest", "--db", db_path, "-q", "-", input=line + "\n")
    assert res.exit_code == 0, res.output
    listed = run("articles", "--db", db_path, "--format", "jsonl")
    rec = json.loads(listed.output.splitlines()[0])
    assert rec["url"] == "https://example.org/a"
    assert rec["published"] == "2025-03-14"
    assert rec["lang"] == "en"
    assert set(rec) == {"id", "url", "outlet", "title", "published", "lang", "text"}


def test_show_and_stats(db_path: str) -> None:
    run("ingest", "--db", db_path, "-q", str(EXAMPLES))
    rec = json.loads(run("articles", "--db", db_path, "--format", "jsonl").output.splitlines()[0])
    shown = run("show", rec["id"][:8], "--db", db_path)
    assert shown.exit_code == 0
    assert rec["text"][:40] in shown.output
    assert run("show", "ffffffffffff", "--db", db_path).exit_code == 1
    stats = json.loads(run("stats", "--db", db_path, "--format", "json").output)
    assert stats["articles"] >= 12 and "core_001_articles" in stats["schema"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seeds_store_two_articles_with_their_headlines(db_path: str) -> None:
    res = run("ingest", "--db", db_path, "-q", str(SEEDS))
    assert res.exit_code == 0, res.output
    rows = sqlite3.connect(db_path).execute("SELECT title, text FROM articles").fetchall()
    assert len(rows) == 2
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines() if ln.strip()]
        long_lines = [ln for ln in lines if len(ln) > 120 and classify_line(ln) is None]
        title, stored = next((t, text) for t, text in rows if long_lines[0] in text)
        for ln in long_lines:  # every body paragraph survives
            assert ln in stored
        assert title in lines[:4] and len(title) > 20  # the headline, found above the body
        for ln in lines:  # furniture lines are gone
            if classify_line(ln) is not None:
                assert ln not in stored.splitlines()
    again = run("ingest", "--db", db_path, "-q", str(SEEDS))
    assert "0 new, 2 duplicate" in again.output


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="../shared/eval not present")
def test_eval_articles_keep_url_outlet_date_and_language(db_path: str) -> None:
    res = run("ingest", "--db", db_path, "-q", "--no-extract", str(EVAL_DEV / "articles"))
    assert res.exit_code == 0, res.output
    stored = {r[0]: r for r in sqlite3.connect(db_path).execute("SELECT url, outlet, published, lang FROM articles")}
    for path in sorted((EVAL_DEV / "articles").glob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        url, outlet, published, lang = stored[a["url"]]
        assert (outlet, lang) == (a["outlet"], a["lang"])
        if a["date"]:
            assert published == a["date"]
