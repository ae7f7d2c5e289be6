"""The desk on the command line over the bundled examples: graph, partners and the fixed CLI views."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.cli import main
from tests.desk_data import EXAMPLES, copy_examples_db, examples_db
from tests.desk_data import run_cli as run


@pytest.fixture(scope="module")
def db() -> str:
    return examples_db()


def _timeline_ids(db: str, a: str, b: str) -> list[str]:
    res = run("timeline", a, b, "--db", db, "--format", "json")
    assert res.exit_code == 0, res.output
    return [r["event_id"] for r in json.loads(res.output)]


def test_timeline_either_order_either_case(db: str) -> None:
    ids = _timeline_ids(db, "LBY:east", "PAK")
    assert len(ids) >= 2
    assert _timeline_ids(db, "PAK", "LBY:east") == ids
    assert _timeline_ids(db, "pak", "lby:EAST") == ids
    assert _timeline_ids(db, "state:PAK", "LBY:east") == ids


def test_actor_state_shows_its_events_and_partners(db: str) -> None:
    res = run("actor", "state:PAK", "--db", db, "--format", "json")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output)
    n_events = sum(1 for ln in run("events", "--country", "PAK", "--db", db, "--format", "jsonl").output.splitlines()
                   if ln.strip())
    assert len(rec["events"]) == n_events >= 10
    partners = {t["partner"] for t in rec["ties"]}
    assert {"SAU", "LBY:east"} <= partners
    table = run("actor", "state:PAK", "--db", db).output
    assert "partners of PAK" in table and "LBY:east" in table
    faction = json.loads(run("actor", "faction:LBY-east", "--db", db, "--format", "json").output)
    assert [t["partner"] for t in faction["ties"]] == ["PAK"]


def test_events_table_has_ids_and_every_person_and_domain(db: str) -> None:
    rows = [json.loads(ln) for ln in run("events", "--db", db, "--format", "jsonl").output.splitlines()]
    table = run("events", "--db", db).output
    flat = " ".join(table.split())
    busiest = max(rows, key=lambda r: len(r["people"]) + len(r["domains"]))
    assert len(busiest["people"]) > 2 and busiest["event_id"] in table
    for p in busiest["people"]:
        name = p.get("name_en") or p.get("name")
        # a long name may wrap inside its cell: every word of it is still printed
        assert all(word in flat for word in name.split()), name
    for r in rows:
        for d in r["domains"]:
            assert d.split("_")[0] in flat


def test_actors_says_when_it_stops_at_the_limit(db: str) -> None:
    res = CliRunner().invoke(main, ["actors", "--db", db], catch_exceptions=False)
    total = sqlite3.connect(db).execute("SELECT count(*) FROM actors WHERE merged_into IS NULL").fetchone()[0]
    assert f"showing 50 of {total}, use --limit" in res.output
    res = run("actors", "--db", db, "--limit", str(total + 5), "--format", "jsonl")
    assert "showing" not in res.output and len(res.output.splitlines()) == total


@pytest.mark.parametrize("argv", [["--country", "XXX"], ["--country", "Libya"], ["--from", "2025-13"],
                                  ["--to", "2025-02-30"]])
def test_bad_country_or_date_is_a_usage_error(db: str, argv: list[str]) -> None:
    res = run("events", "--db", db, *argv)
    assert res.exit_code == 2
    assert argv[1] in res.output


def test_read_commands_refuse_a_missing_store_and_create_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for argv in (["events"], ["graph"], ["partners", "PAK"], ["actors"], ["claims"], ["export", "events"]):
        res = run(*argv, "--db", str(typo))
        assert res.exit_code == 1, argv
        assert str(typo) in res.output and "ingest" in res.output
    assert not typo.exists()


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("INSERT INTO notes VALUES ('keep me')")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    for argv in (["events"], ["ingest", str(EXAMPLES / "en_hornobserver_2024-02-09_turkiye_somalia.txt")]):
        res = run(*argv, "--db", str(foreign))
        assert res.exit_code == 1
        assert "another program" in res.output and "notes" in res.output
    assert foreign.read_bytes() == before


def test_claims_by_the_linked_person_in_either_script(db: str) -> None:
    con = sqlite3.connect(db)
    actor_id, written = con.execute(
        "SELECT speaker_actor_id, speaker FROM claims c JOIN actors a ON a.id = c.speaker_actor_id"
        " WHERE a.name_en IS NOT NULL AND instr(c.speaker, a.name_en) = 0 LIMIT 1").fetchone()
    surname = con.execute("SELECT name_en FROM actors WHERE id = ?", (actor_id,)).fetchone()[0].split()[-1]
    assert surname not in written  # written in Arabic: only the link can find it
    res = run("claims", "--speaker", surname, "--db", db, "--format", "jsonl")
    found = [json.loads(ln) for ln in res.output.splitlines()]
    assert found and all(c["speaker_actor_id"] == actor_id for c in found)
    assert run("claims", "--speaker", "%", "--db", db, "--format", "jsonl").output == ""


def test_graph_and_partners_commands(db: str) -> None:
    res = run("graph", "--db", db, "--format", "json")
    data = json.loads(res.output)
    pairs = {(t["a"], t["b"]) for t in data["ties"]}
    assert ("LBY:east", "PAK") in pairs and ("PAK", "SAU") in pairs
    table = run("graph", "--db", db, "--limit", "3").output
    assert "strongest 3 of" in table
    only_agree = json.loads(run("graph", "--db", db, "--type", "AGREE", "--format", "json").output)
    assert all(set(t["types"]) == {"AGREE"} for t in only_agree["ties"])
    rows = json.loads(run("partners", "lby:east", "--db", db, "--format", "json").output)
    assert rows[0]["partner"] == "PAK" and rows[0]["first_date"] and rows[0]["outlets"]
    text = run("partners", "LBY:east", "--db", db).output
    for col in ("partner", "types", "domains", "first", "last", "events", "sources", "outlets"):
        assert col in text
    assert run("partners", "Libya", "--db", db).exit_code == 2


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alliancemap", *args], capture_output=True, text=True, **kw)


def test_piping_into_head_exits_zero_quietly(db: str) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "alliancemap", "articles", "--db", db, "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(200)  # like `head -c 200`: read a little, then hang up
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, stderr
    assert stderr == ""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    db = copy_examples_db(tmp_path)
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "alliancemap", "events", "--db", db], stdout=full,
                             stderr=subprocess.PIPE, text=True)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "No space left on device" in res.stderr
    res = _cli("export", "events", "--db", db, "--format", "csv", "--output", "/dev/full")
    assert res.returncode == 1 and "Traceback" not in res.stderr and "/dev/full" in res.stderr
