"""The HTTP API in-process: filters, search, cursor pages, one event, party, dyad, graph, errors, safety."""

from __future__ import annotations

import json
import sqlite3
import warnings

import pytest

from tests.web_support import build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient



@pytest.fixture(scope="module")
def store(desk_store) -> str:
    return desk_store


@pytest.fixture(scope="module")
def client(store):
    from alliancemap.api import create_app

    return TestClient(create_app(store))


def _all_events(client, **params):
    items, cursor = [], None
    while True:
        page = client.get("/api/events", params={**params, "limit": 4, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def test_cursor_pages_cover_every_event_once_in_store_order(client, store):
    items = _all_events(client)
    ids = [e["event_id"] for e in items]
    conn = sqlite3.connect(store)
    expected = [r[0] for r in conn.execute("SELECT event_id FROM events ORDER BY date IS NULL, date, event_id")]
    assert ids == expected and len(ids) == len(set(ids)) > 10


def test_events_follow_the_design_contract(client):
    ev = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    for key in ("event_id", "type", "cameo", "plover", "parties", "people", "date", "date_precision", "location",
                "domains", "attributes", "sources", "confidence"):
        assert key in ev
    assert {"article_id", "url", "outlet", "published", "sentence", "start", "end"} <= set(ev["sources"][0])


def test_filters_match_the_cli_meaning(client):
    east = client.get("/api/events", params={"country": "LBY:east", "limit": 500}).json()
    assert east["total"] == len(east["items"]) >= 3
    assert all(any(p["country"] == "LBY" and p["faction"] == "east" for p in e["parties"]) for e in east["items"])
    libya = client.get("/api/events", params={"country": "lby", "limit": 500}).json()["total"]
    assert libya > east["total"]  # a bare state includes its factions
    both = client.get("/api/events", params=[("party", "PAK"), ("party", "LBY:east"), ("limit", 500)]).json()
    assert both["total"] == east["total"]
    typed = client.get("/api/events", params={"type": "visit", "from": "2025", "limit": 500}).json()["items"]
    assert typed and all(e["type"] == "VISIT" and e["date"] >= "2025" for e in typed)
    corroborated = client.get("/api/events", params={"min_sources": 3, "limit": 500}).json()["items"]
    assert corroborated and all(len(e["sources"]) >= 3 for e in corroborated)
    dom = client.get("/api/events", params={"domain": "border_security"}).json()["items"]
    assert dom and all("border_security" in e["domains"] for e in dom)


@pytest.mark.parametrize("query", ["أركان القيادة", "اركان القياده", "أَرْكان القيادَة", "إركان القيـادة"])
def test_search_folds_arabic_spelling_variants(client, query):
    """Hamza, ta marbuta and diacritics: every spelling finds the same events."""
    found = client.get("/api/events", params={"q": query}).json()
    baseline = client.get("/api/events", params={"q": "أركان القيادة"}).json()
    assert found["total"] == baseline["total"] > 0


def test_search_matches_evidence_and_article_text_in_both_languages(client):
    haftar = client.get("/api/events", params={"q": "Haftar"}).json()["items"]
    assert haftar and all(any(p["country"] == "LBY" for p in e["parties"]) for e in haftar)
    smuggling = client.get("/api/events", params={"q": "smuggling networks"}).json()["items"]
    assert [p["country"] for p in smuggling[0]["parties"]] and {"JOR", "EGY"} <= {
        p["country"] for p in smuggling[0]["parties"]}
    nothing = client.get("/api/events", params={"q": '"); DROP TABLE events; --'}).json()
    assert nothing["total"] == 0 and client.get("/api/events").json()["total"] > 0


def test_one_event_has_sources_with_evidence_offsets(client, store):
    ev_id = client.get("/api/events", params={"country": "LBY:east", "min_sources": 3}).json()["items"][0]["event_id"]
    ev = client.get(f"/api/events/{ev_id}").json()
    assert len(ev["sources"]) >= 3
    for src in ev["sources"]:
        art = client.get(f"/api/articles/{src['article_id']}").json()
        span = art["text"][src["start"]:src["end"]]
        assert span.strip() and span.strip()[:15] in src["sentence"]
        assert any(e["event_id"] == ev_id for e in art["events"])
    # Why each report joined: one member per source article, with the merge's evidence and score.
    assert {m["article_id"] for m in ev["members"]} >= {s["article_id"] for s in ev["sources"]}
    assert all(m["evidence"] and m["score"] >= 0 for m in ev["members"])
    assert isinstance(ev["near_misses"], list)


def test_one_event_names_the_events_it_was_kept_apart_from(client, store):
    """Near misses stored by the merge reach the API, pointing at events that exist."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in conn.execute("SELECT event_id FROM events WHERE consensus_json LIKE '%other_event_id%'")]
    finally:
        conn.close()
    misses = [n for i in ids for n in client.get(f"/api/events/{i}").json()["near_misses"]]
    assert misses, "the examples hold events the merge kept apart"
    for n in misses[:5]:
        other = client.get(f"/api/events/{n['other_event_id']}")
        assert other.status_code == 200 and other.json()["type"] == n["other_type"] and n["reasons"]


def test_party_dyad_and_graph(client):
    party = client.get("/api/parties/LBY:east").json()
    assert party["partners"][0]["partner"] == "PAK" and party["partners"][0]["outlets"]
    assert party["months"] and party["claims"]
    assert "event_ids" not in party["partners"][0] and party["partners"][0]["n_events"] >= 3
    listed = client.get("/api/parties/LBY:east", params={"event_ids": "true"}).json()["partners"][0]
    assert len(listed["event_ids"]) == listed["n_events"] == party["partners"][0]["n_events"]
    dates = [e["date"] for e in party["events"]]
    assert dates == sorted(dates, key=lambda d: (d is not None, d), reverse=True), "newest first, undated last"
    assert sum(m["events"] for m in party["months"]) == sum(1 for d in dates if d)
    lby = client.get("/api/parties/LBY").json()  # a bare state gathers its factions, in the chart too
    assert sum(m["events"] for m in lby["months"]) >= sum(m["events"] for m in party["months"])
    ab = client.get("/api/dyads/LBY:east/PAK").json()["events"]
    ba = client.get("/api/dyads/pak/LBY:east").json()["events"]
    assert [e["event_id"] for e in ab] == [e["event_id"] for e in ba] and len(ab) >= 3
    graph = client.get("/api/graph").json()
    tie = next(t for t in graph["ties"] if {t["a"], t["b"]} == {"LBY:east", "PAK"})
    assert tie["n_events"] == len(ab) and "event_ids" not in tie
    full = client.get("/api/graph", params={"event_ids": "true"}).json()
    tie = next(t for t in full["ties"] if {t["a"], t["b"]} == {"LBY:east", "PAK"})
    assert sorted(tie["event_ids"]) == sorted(e["event_id"] for e in ab)
    assert any(n["id"] == "LBY:east" and n["names"]["ar"] for n in graph["nodes"])
    later = client.get("/api/graph", params={"from": "2025-08"}).json()
    assert not any({t["a"], t["b"]} == {"LBY:east", "PAK"} for t in later["ties"])


def test_the_graph_without_outlets_keeps_every_other_field(client):
    """``outlets=0`` leaves each tie's outlet list out (the map and the network draw none) and changes
    nothing else: n_outlets, weights, dates and nodes are those of the full answer, filtered or not."""
    for params in ({}, {"type": "visit", "from": "2025"}):
        full = client.get("/api/graph", params=params).json()
        lean = client.get("/api/graph", params={**params, "outlets": "0"}).json()
        assert any(t["outlets"] for t in full["ties"])
        assert all(t["n_outlets"] == len(t["outlets"]) for t in full["ties"])
        assert all("outlets" not in t for t in lean["ties"])
        assert lean == {**full, "ties": [{k: v for k, v in t.items() if k != "outlets"} for t in full["ties"]]}
        again = client.get("/api/graph", params=params).json()  # each kind of answer cached apart
        assert again == full


def test_startup_leaves_its_objects_out_of_full_collections(store):
    """After startup (what ``serve`` runs before the first request) the objects it loaded are frozen: the
    garbage collector's full passes no longer walk them inside a request."""
    import gc

    from alliancemap.api import create_app

    try:
        with TestClient(create_app(store)) as started:
            assert started.get("/api/graph").status_code == 200
            assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_actors_claims_and_exports(client):
    actors = client.get("/api/actors", params={"q": "حفتر"}).json()["items"]
    assert actors and actors[0]["country"] == "LBY"
    one = client.get(f"/api/actors/{actors[0]['id']}").json()
    assert one["names"]["en"]
    state = client.get("/api/actors/state:PAK")
    assert state.status_code in (200, 404)
    assert client.get("/api/claims", params={"limit": 3}).json()["items"]
    csv_text = client.get("/api/export/events.csv", params={"country": "LBY:east"}).text
    lines = [ln for ln in csv_text.splitlines() if ln]
    assert lines[0].startswith("event_id,") and len(lines) - 1 == client.get(
        "/api/events", params={"country": "LBY:east"}).json()["total"]
    jl = client.get("/api/export/events.jsonl").text.splitlines()
    assert len(jl) == client.get("/api/events").json()["total"] and json.loads(jl[0])["event_id"]


@pytest.mark.parametrize("path,status", [
    ("/api/events/ev_missing", 404), ("/api/nothing-here", 404), ("/api/events?limit=100000", 422),
    ("/api/events?from=2025-13-99x", 422), ("/api/events?cursor=garbage!", 422), ("/api/events?cursor=Z2FyYmFnZQ", 400), ("/api/parties/XX", 422),
])
def test_every_error_has_one_shape(client, path, status):
    res = client.get(path)
    assert res.status_code == status
    body = res.json()
    assert set(body) == {"error"} and {"code", "message", "detail"} <= set(body["error"])


def test_read_only_and_safe_headers(client, store):
    res = client.get("/api/events")
    assert "script-src 'self'" in res.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["x-frame-options"] == "DENY"
    assert "access-control-allow-origin" not in client.get("/api/events", headers={"origin": "https://evil.example"}).headers
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/x").status_code == 405
    big = client.post("/api/events", content=b"x" * 200_000)
    assert big.status_code == 413 and big.json()["error"]["code"] == "payload_too_large"
    from alliancemap.api.data import connect_readonly

    conn = connect_readonly(store)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM events")


def test_cors_only_when_configured(store):
    from alliancemap.api import create_app

    c = TestClient(create_app(store, cors_origins=["https://desk.example"]))
    res = c.get("/api/meta", headers={"origin": "https://desk.example"})
    assert res.headers["access-control-allow-origin"] == "https://desk.example"
    assert "access-control-allow-origin" not in c.get("/api/meta", headers={"origin": "https://evil.example"}).headers


def test_search_index_follows_the_store(tmp_path):
    """Re-running the sync after a new article indexes just that article; a removed one leaves the index."""
    from alliancemap.store import search
    from alliancemap.store.db import open_store
    from alliancemap.text.normalize import fold

    db = build_store(tmp_path / "s.db")
    store = open_store(db)
    try:
        assert search.sync_index(store.conn, fold) == {"indexed": 0, "removed": 0}
        assert not search.is_stale(store.conn)
        art = store.conn.execute("SELECT article_id FROM articles WHERE title LIKE '%Jordan%'").fetchone()[0]
        store.conn.execute("UPDATE articles SET extracted_at = '2099-01-01T00:00:00Z' WHERE article_id = ?", (art,))
        assert search.is_stale(store.conn)
        assert search.sync_index(store.conn, fold)["indexed"] == 1
        assert search.search_articles(store.conn, "smuggling", fold) == [art]
        store.conn.execute("PRAGMA foreign_keys=OFF")
        store.conn.execute("DELETE FROM articles WHERE article_id = ?", (art,))
        assert search.sync_index(store.conn, fold)["removed"] == 1
        assert search.search_articles(store.conn, "smuggling", fold) == []
    finally:
        store.close()


def test_serve_refuses_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from alliancemap.cli import main

    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert res.exit_code != 0 and "no store at" in res.output
    assert not (tmp_path / "typo.db").exists()


def test_claims_carry_their_denial_flag(store):
    """The page marks a denial ("نفت … أن تكون …") as such: the API hands it the stored flag."""
    from alliancemap.api import data

    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        stored = {r["claim_id"]: bool(r["negated"]) for r in conn.execute("SELECT claim_id, negated FROM claims")}
        articles = sorted({r[0] for r in conn.execute("SELECT article_id FROM claims")})
        given = {c["claim_id"]: c["negated"] for c in data.claims_for_articles(conn, articles, limit=10_000)}
    finally:
        conn.close()
    assert given == stored
    assert any(given.values()), "the bundled Mali example holds a denial"
