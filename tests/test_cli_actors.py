"""The actor commands against a real store built from code."""

import json

import pytest
from click.testing import CliRunner

from alliancemap.cli_actors import actor, actors
from alliancemap.model import Article, Extraction, Mention
from alliancemap.resolve.link import link_extraction, registry_from_rows
from alliancemap.store import actors as sa
from alliancemap.store.db import open_store

TEXT = ("Pakistan's Chief of Army Staff Field Marshal Asim Munir met Lt. Gen. Saddam Haftar and "
        "Field Marshal Khalifa Haftar in Benghazi. Haftar praised the training programme.")


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "am.db")
    store = open_store(path)
    mentions = []
    for written, role, nth in (("Asim Munir", "Pakistan's Chief of Army Staff Field Marshal", 0),
                               ("Saddam Haftar", "Lt. Gen.", 0), ("Khalifa Haftar", "Field Marshal", 0),
                               ("Haftar", None, 2)):
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(written, start + 1)
        mentions.append(Mention("a1", "person", written, start, start + len(written), role=role,
                                country="PAK" if "Munir" in written else None))
    result = link_extraction(Extraction("a1", mentions=mentions), Article("a1", TEXT, published="2025-12-18"),
                             registry_from_rows(*sa.load_actor_rows(store.conn)))
    sa.save_link_result(store.conn, result.writes())
    result.commit()
    store.close()
    return path


def _run(cmd, args, db):
    return CliRunner().invoke(cmd, [*args, "--db", db])


def test_search_jsonl_one_actor_a_line(db: str) -> None:
    res = _run(actors, ["Haftar", "--format", "jsonl"], db)
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert {r["id"] for r in rows} == {"person:saddam-haftar", "person:khalifa-haftar"}
    assert set(rows[0]) == {"id", "kind", "names", "aliases", "country", "faction", "roles"}


def test_search_filters_and_table(db: str) -> None:
    res = _run(actors, ["--country", "PAK"], db)
    assert res.exit_code == 0 and "asim-munir" in res.output and "haftar" not in res.output
    res = _run(actors, ["عاصم منير", "--format", "jsonl"], db)
    assert json.loads(res.output.splitlines()[0])["id"] == "person:asim-munir"


def test_actor_shows_roles_and_fails_on_unknown(db: str) -> None:
    res = _run(actor, ["person:asim-munir", "--format", "json"], db)
    rec = json.loads(res.output)
    assert rec["roles"][0]["first_seen"] == "2025-12-18"
    assert "Field Marshal" in rec["roles"][0]["role"]
    bad = _run(actor, ["person:nobody"], db)
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "unknown actor id" in bad.output


def test_review_accept_then_empty(db: str) -> None:
    res = _run(actors, ["review", "--format", "jsonl"], db)
    queue = [json.loads(line) for line in res.output.splitlines()]
    assert [q["text"] for q in queue] == ["Haftar"]
    res = _run(actors, ["review", "--reject", str(queue[0]["link_id"])], db)
    assert res.exit_code == 0 and "rejected 1" in res.output
    assert _run(actors, ["review", "--format", "jsonl"], db).output == ""


def test_merge_and_split_commands(db: str) -> None:
    res = _run(actors, ["merge", "person:saddam-haftar", "person:khalifa-haftar"], db)
    assert res.exit_code == 0, res.output
    ids = {json.loads(x)["id"] for x in _run(actors, ["Haftar", "--format", "jsonl"], db).output.splitlines()}
    assert ids == {"person:khalifa-haftar"}
    assert _run(actors, ["split", "person:saddam-haftar"], db).exit_code == 0
    ids = {json.loads(x)["id"] for x in _run(actors, ["Haftar", "--format", "jsonl"], db).output.splitlines()}
    assert ids == {"person:saddam-haftar", "person:khalifa-haftar"}
    assert _run(actors, ["merge", "person:nobody", "person:khalifa-haftar"], db).exit_code == 1


def test_check_links_on_a_given_file(tmp_path) -> None:
    f = tmp_path / "pairs.tsv"
    f.write_text("a\tb\tsame\tnote\nSaddam Haftar\tصدام حفتر\t1\tcross\nKhalifa Haftar\tSaddam Haftar\t0\tneg\n",
                 encoding="utf-8")
    res = CliRunner().invoke(actors, ["check-links", str(f)])
    assert res.exit_code == 0
    assert "precision 1.000  recall 1.000" in res.output


def test_every_command_has_help_with_an_example() -> None:
    for cmd in (actor, actors, *actors.commands.values()):
        assert "Example:" in (cmd.help or ""), cmd.name
