"""Exports of the examples read back by the tools they are for: pyarrow, pandas, networkx."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alliancemap.export import GDELT_FIELDS, write_gdelt_tsv
from tests.desk_data import event, examples_db
from tests.desk_data import run_cli as run


@pytest.fixture(scope="module")
def db() -> str:
    return examples_db()


@pytest.fixture(scope="module")
def events(db: str) -> list[dict]:
    return [json.loads(ln) for ln in run("export", "events", "--db", db).output.splitlines()]


def test_parquet_reads_back_with_pyarrow_and_pandas(db: str, events: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    res = run("export", "events", "--db", db, "--format", "parquet", "--output", str(path))
    assert res.exit_code == 0, res.output
    table = pq.read_table(path)
    assert table.num_rows == len(events)
    assert str(table.schema.field("n_sources").type) == "int64"
    domains_type = table.schema.field("domains").type
    assert pa.types.is_list(domains_type) and pa.types.is_string(domains_type.value_type)
    frame = pd.read_parquet(path).set_index("event_id")
    for ev in events:
        row = frame.loc[ev["event_id"]]
        assert list(row["domains"]) == ev["domains"]
        assert row["type"] == ev["type"] and json.loads(row["sources"]) == ev["sources"]
    assert run("export", "events", "--db", db, "--format", "parquet").exit_code == 2  # binary needs --output


def test_csv_and_jsonl_read_back_with_pandas(db: str, events: list[dict], tmp_path: Path) -> None:
    run("export", "events", "--db", db, "--format", "csv", "--output", str(tmp_path / "e.csv"))
    frame = pd.read_csv(tmp_path / "e.csv", keep_default_na=False)
    assert list(frame["event_id"]) == [e["event_id"] for e in events]
    run("export", "events", "--db", db, "--format", "jsonl", "--output", str(tmp_path / "e.jsonl"))
    lines = pd.read_json(tmp_path / "e.jsonl", lines=True)
    assert len(lines) == len(events) and set(lines.columns) >= {"event_id", "parties", "sources", "cameo"}


def test_gdelt_table_has_cameo_codes_and_source_urls(db: str, events: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    assert run("export", "events", "--db", db, "--format", "gdelt", "--output", str(path)).exit_code == 0
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == GDELT_FIELDS and len(frame) == len(events)
    by_id = frame.set_index("GLOBALEVENTID")
    for ev in events:
        row = by_id.loc[ev["event_id"]]
        assert row["EventCode"] == ev["cameo"] and row["EventRootCode"] == ev["cameo"][:2]
        assert row["SOURCEURL"] == next((s["url"] for s in ev["sources"] if s["url"]), "")
        assert set(row["SourceURLs"].split()) == {s["url"] for s in ev["sources"] if s["url"]}
        if ev["date"]:
            assert row["SQLDATE"].startswith(ev["date"][:7].replace("-", ""))
        assert {row["Actor1CountryCode"], row["Actor2CountryCode"]} <= {p["country"] for p in ev["parties"]}


def test_gdelt_cells_never_break_the_row() -> None:
    ev = event("e\t1", "2025-09", "AGREE", [("SAU", None), ("PAK", None)])
    ev["parties"][0]["name"] = "Saudi\tArabia\nKingdom"
    buf = io.StringIO()
    write_gdelt_tsv([ev], buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and all(len(ln.split("\t")) == len(GDELT_FIELDS) for ln in lines)
    assert lines[1].split("\t")[1] == "20250901"


def test_actors_and_claims_as_jsonl_and_csv(db: str, tmp_path: Path) -> None:
    con = sqlite3.connect(db)
    n_actors = con.execute("SELECT count(*) FROM actors WHERE merged_into IS NULL").fetchone()[0]
    n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    for what, n in (("actors", n_actors), ("claims", n_claims)):
        for fmt in ("jsonl", "csv"):
            path = tmp_path / f"{what}.{fmt}"
            res = run("export", what, "--db", db, "--format", fmt, "--output", str(path))
            assert res.exit_code == 0, res.output
            frame = pd.read_json(path, lines=True) if fmt == "jsonl" else pd.read_csv(path)
            assert len(frame) == n, (what, fmt)
    people = pd.read_csv(tmp_path / "actors.csv", keep_default_na=False).set_index("id")
    assert people.loc["faction:LBY-east", "faction"] == "east"
    with open(tmp_path / "claims.csv", encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    con_text = {r[0]: r[1] for r in con.execute("SELECT claim_id, text FROM claims")}
    assert all(con_text[r["claim_id"]] == r["text"] for r in rows)  # Arabic text and commas survive


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_reads_back_with_networkx(db: str, tmp_path: Path, fmt: str, reader) -> None:
    path = tmp_path / f"alliances.{fmt}"
    res = run("export", "graph", "--db", db, "--format", fmt, "--output", str(path))
    assert res.exit_code == 0, res.output
    g = reader(path)
    data = json.loads(run("graph", "--db", db, "--format", "json").output)
    assert set(g.nodes) == {n["id"] for n in data["nodes"]}
    assert g.number_of_edges() == len(data["ties"])
    tie = next(t for t in data["ties"] if {t["a"], t["b"]} == {"LBY:east", "PAK"})
    edge = g.edges["LBY:east", "PAK"]
    assert int(edge["weight"]) == tie["weight"] and edge["first_date"] == tie["first_date"]
    assert set(edge["event_ids"].split(";")) == set(tie["event_ids"])
    assert g.nodes["LBY:east"]["faction"] == "east"


def test_the_bundled_denial_is_exported_as_a_denial(db: str) -> None:
    claims = [json.loads(ln) for ln in run("export", "claims", "--db", db).output.splitlines()]
    denial = next(c for c in claims if "الطائرة قد دخلت" in c["text"])
    assert denial["negated"] is True
    assert sum(c["negated"] for c in claims) < len(claims) / 2  # most claims are plain statements
