"""The CLI's query commands on a large store: a page of the newest events with a notice, streamed
jsonl/csv, the timeline's page, the graph from the store's tables, and a start-up without the heavy
imports of other commands (issue 11: each query under 0.3 s at 100,000 events, start-up included)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from alliancemap.graph import alliance_graph
from alliancemap.store.db import open_store
from alliancemap.store.events import exported_events
from tests.desk_data import examples_db
from tests.desk_data import run_cli as run


@pytest.fixture(scope="module")
def db() -> str:
    return examples_db()


@pytest.fixture(scope="module")
def stored(db: str) -> list[dict]:
    """Every event as the store builds it from the consensus records (not from the summaries)."""
    return exported_events(open_store(db, create=False).conn)


def _ids_in_table(output: str, events: list[dict]) -> list[str]:
    """Event ids in the order the table prints them."""
    found = [(output.find(e["event_id"]), e["event_id"]) for e in events if e["event_id"] in output]
    return [i for _, i in sorted(found)]


def _newest_first(events: list[dict]) -> list[str]:
    dated = sorted((e for e in events if e.get("date")), key=lambda e: (e["date"], e["event_id"]), reverse=True)
    return [e["event_id"] for e in dated] + sorted(e["event_id"] for e in events if not e.get("date"))


def test_events_table_is_a_page_of_the_newest_with_a_notice(db: str, stored: list[dict]) -> None:
    assert len(stored) > 5
    res = run("events", "--db", db, "--limit", "5")
    assert res.exit_code == 0
    assert _ids_in_table(res.stdout, stored) == _newest_first(stored)[:5]
    assert f"newest 5 of {len(stored)} events" in res.stdout
    assert res.stderr.strip() == f"showing 5 of {len(stored)}; --limit/--all/--format jsonl for more"


def test_events_all_and_a_filtered_page_that_fits_say_nothing_more(db: str, stored: list[dict]) -> None:
    res = run("events", "--db", db, "--all")
    assert _ids_in_table(res.stdout, stored) == _newest_first(stored)
    assert res.stderr == ""
    pak_libya_east = [e for e in stored if {"PAK", "LBY"} <= {p["country"] for p in e["parties"]}
                      and any(p.get("faction") == "east" for p in e["parties"])]
    res = run("events", "--db", db, "--country", "LBY:east")
    assert pak_libya_east and set(_ids_in_table(res.stdout, stored)) >= {e["event_id"] for e in pak_libya_east}
    assert res.stderr == ""


def test_events_jsonl_streams_every_event_as_export_does(db: str, stored: list[dict]) -> None:
    listed = run("events", "--db", db, "--format", "jsonl").stdout
    assert listed == run("export", "events", "--db", db, "--format", "jsonl").stdout
    assert [json.loads(line) for line in listed.splitlines()] == stored
    first = run("events", "--db", db, "--format", "jsonl", "--limit", "2").stdout.splitlines()
    assert [json.loads(line) for line in first] == stored[:2]


def test_events_csv_has_a_row_per_matching_event(db: str, stored: list[dict]) -> None:
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv", "--type", "VISIT").stdout)))
    visits = [e for e in stored if e["type"] == "VISIT"]
    assert visits and [r["event_id"] for r in rows] == [e["event_id"] for e in visits]


def test_timeline_table_shows_the_newest_and_json_gives_all(db: str) -> None:
    whole = json.loads(run("timeline", "PAK", "LBY:east", "--db", db, "--format", "json").stdout)
    assert len(whole) >= 3
    res = run("timeline", "PAK", "LBY:east", "--db", db, "--limit", "2")
    assert res.stderr.strip() == f"showing the newest 2 of {len(whole)}; --limit/--all/--format json for more"
    page = json.loads(run("timeline", "PAK", "LBY:east", "--db", db, "--format", "json", "--limit", "2").stdout)
    dated = [r for r in whole if r.get("date") or r.get("during_date")]
    assert page == dated[-2:]
    assert run("timeline", "PAK", "LBY:east", "--db", db, "--all").stderr == ""


@pytest.mark.parametrize("filters", [[], ["--type", "VISIT"], ["--from", "2025"], ["--domain", "defense_industry"],
                                     ["--min-sources", "2"], ["--type", "MEET", "--type", "VISIT"]])
def test_graph_from_the_store_tables_is_the_graph_of_every_event(db: str, stored: list[dict],
                                                                 filters: list[str]) -> None:
    got = json.loads(run("graph", "--db", db, "--format", "json", *filters).stdout)
    opts = dict(zip(filters[::2], filters[1::2], strict=True))
    want = alliance_graph(stored, date_from=opts.get("--from"), min_sources=int(opts.get("--min-sources", 1)),
                          types=filters[1::2] if "--type" in filters else None,
                          domains=[opts["--domain"]] if "--domain" in opts else None).to_dict()
    assert got["ties"] and got == want
    partners = json.loads(run("partners", "PAK", "--db", db, "--format", "json", *filters).stdout)
    assert {(r["party"], r["partner"]) for r in partners} == {
        (t["a"], t["b"]) if t["a"] == "PAK" else (t["b"], t["a"]) for t in want["ties"] if "PAK" in (t["a"], t["b"])}


HEAVY = ("fastapi", "starlette", "pycountry", "pyarrow", "pandas", "networkx", "rapidfuzz", "yaml",
         "alliancemap.pipeline", "alliancemap.scale", "alliancemap.resolve.link", "rich.progress")


@pytest.mark.parametrize("command", [["events"], ["timeline", "PAK", "LBY:east"], ["actors"], ["--version"]])
def test_query_start_up_imports_only_what_it_needs(db: str, command: list[str]) -> None:
    code = ("import sys\nfrom alliancemap.cli import main\n"
            f"try:\n    main({[*command, *(['--db', db] if command[0] != '--version' else [])]!r})\n"
            "except SystemExit:\n    pass\n"
            f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in res.stderr, res.stderr[-500:]
