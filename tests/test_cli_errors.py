"""Every CLI failure is one readable line, never a traceback, with the exit status the README promises:
1 for rejected input or a failed lookup, 2 for a usage error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.store.db import open_store


def run(*args: str, env: dict[str, str] | None = None):
    # catch_exceptions=False: an uncaught exception (a traceback for the user) fails the test itself
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def error_line(output: str) -> str:
    """The single 'Error: …' line of a failure; fails when there is none, several, or a traceback."""
    assert "Traceback" not in output
    errors = [ln for ln in output.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 1, output
    return errors[0]


@pytest.fixture
def missing_folder_db(tmp_path: Path) -> str:
    return str(tmp_path / "no" / "such" / "folder" / "store.db")


@pytest.mark.parametrize("argv", [
    ["stats"], ["articles"], ["events"], ["export", "events"], ["show", "abc"], ["claims"],
    ["timeline", "LBY", "PAK"], ["actors", "Haftar"], ["actor", "person:saddam-haftar"],
])
def test_store_in_a_missing_folder_is_one_line_exit_1(argv: list[str], missing_folder_db: str) -> None:
    res = run(*argv, "--db", missing_folder_db)
    assert res.exit_code == 1
    line = error_line(res.output)
    assert "does not exist" in line
    assert not Path(missing_folder_db).parent.exists()  # nothing was created on the way


def test_env_var_store_in_a_missing_folder_is_reported_the_same(missing_folder_db: str) -> None:
    res = run("stats", env={"ALLIANCEMAP_DB": missing_folder_db})
    assert res.exit_code == 1
    assert missing_folder_db in error_line(res.output)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are notes, not a database\n", encoding="utf-8")
    res = run("stats", "--db", str(bogus))
    assert res.exit_code == 1
    assert "not a database" in error_line(res.output)
    assert bogus.read_text(encoding="utf-8").startswith("these are notes")


def test_db_naming_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    res = run("stats", "--db", str(tmp_path))
    assert res.exit_code == 2
    assert "--db" in error_line(res.output)


def test_unknown_article_id_is_a_lookup_failure(db_path: str) -> None:
    open_store(db_path).close()  # read commands no longer create a store
    res = run("show", "0123456789abcdef", "--db", db_path)
    assert res.exit_code == 1
    assert "no article '0123456789abcdef'" in error_line(res.output)


@pytest.mark.parametrize("argv", [
    ["actor", "person:nobody-at-all"],
    ["actors", "merge", "person:nobody-at-all", "person:nobody-else"],
    ["actors", "split", "987"],
    ["actors", "review", "--accept", "987"],
])
def test_unknown_actor_merge_or_link_is_a_lookup_failure(argv: list[str], db_path: str) -> None:
    res = run(*argv, "--db", db_path)
    assert res.exit_code == 1
    error_line(res.output)


def test_unknown_export_format_is_a_usage_error_naming_the_formats(db_path: str) -> None:
    res = run("export", "events", "--db", db_path, "--format", "xml")
    assert res.exit_code == 2
    line = error_line(res.output)
    assert "'xml'" in line and "jsonl" in line and "csv" in line and "plover" in line


def test_export_into_a_missing_folder_is_a_usage_error(db_path: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "events.csv"
    res = run("export", "events", "--db", db_path, "--format", "csv", "--output", str(target))
    assert res.exit_code == 2
    assert "--output" in error_line(res.output)
    assert not target.parent.exists()


def test_export_to_a_file_works_and_reports_the_count(db_path: str, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    open_store(db_path).close()
    res = run("export", "events", "--db", db_path, "--format", "csv", "--output", str(target))
    assert res.exit_code == 0, res.output
    assert target.read_text(encoding="utf-8").startswith("event_id,type,")


def test_a_folder_of_broken_files_rejects_each_on_its_own_line(db_path: str, tmp_path: Path) -> None:
    bad = tmp_path / "broken"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 40)
    (bad / "cut.json").write_text('{"title": "t", "text": ', encoding="utf-8")
    (bad / "cut.jsonl").write_text('{"title": "t"\n', encoding="utf-8")
    res = run("ingest", "--db", db_path, "-q", str(bad))
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert "0 new" in res.output and "4 rejected" in res.output
    rejected = [ln for ln in res.output.splitlines() if ln.strip().startswith("rejected ")]
    assert len(rejected) == 4
    for name in ("empty.txt", "binary.html", "cut.json", "cut.jsonl"):
        assert sum(name + ":" in ln for ln in rejected) == 1
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == 0


@pytest.mark.parametrize("argv", [
    ["no-such-command"],
    ["events", "--no-such-option"],
    ["events", "--type", "PARADE"],
    ["timeline", "LBY"],
    ["ingest", "definitely/not/here"],
    ["eval", "definitely/not/here"],
])
def test_usage_errors_exit_2_with_one_error_line(argv: list[str], db_path: str) -> None:
    res = run(*argv) if argv[0] in ("no-such-command", "eval") else run(*argv, "--db", db_path)
    assert res.exit_code == 2
    error_line(res.output)
