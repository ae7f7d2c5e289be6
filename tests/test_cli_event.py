"""``alliancemap event ID``: table and JSON views of a stored event's explanation, and a clear error."""

from __future__ import annotations

import json

from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.store.events import exported_events

try:
    from tests.test_merge_order import ARTICLES, _ingest
except ImportError:
    from test_merge_order import ARTICLES, _ingest


def test_event_command_json_and_table(tmp_path):
    store = _ingest(tmp_path, list(range(len(ARTICLES))), "cli")
    db = str(tmp_path / "cli.db")
    july = next(r for r in exported_events(store.conn, type="VISIT") if r["date"] == "2025-07-14")
    store.close()
    runner = CliRunner()
    out = runner.invoke(main, ["event", july["event_id"], "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    detail = json.loads(out.output)
    assert detail["event"]["event_id"] == july["event_id"]
    assert {m["article_id"] for m in detail["members"]} >= {"ar-wasat", "en-wire", "ar-undated"}
    assert all(m["evidence"] for m in detail["members"])
    table = runner.invoke(main, ["event", july["event_id"], "--db", db])
    assert table.exit_code == 0 and "why each report joined" in table.output and "en-wire" in table.output
    missing = runner.invoke(main, ["event", "ev_nope", "--db", db])
    assert missing.exit_code == 1 and "no event 'ev_nope'" in missing.output


def test_event_command_on_a_mistyped_db_creates_nothing(tmp_path):
    typo = tmp_path / "alliancemap-typo.db"
    out = CliRunner().invoke(main, ["event", "ev_0000000000000000", "--db", str(typo)])
    assert out.exit_code == 1
    assert "no store at" in out.output
    assert not typo.exists()
