"""The API's write endpoints in-process: refused without the operator's token, and with it a merge, its
split, a review decision and an ingest by POST change what the read endpoints answer at once."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "a-long-operator-token-7f3c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Two articles of our own: a Libyan meeting with a bare family name (a doubtful link) and a new dyad.
RECORDS = [
    {"url": "https://example.org/ar/libya-mauritania", "title": "لقاء عسكري في بنغازي", "published": "2025-10-02",
     "language": "ar",
     "text": "التقى المشير خليفة حفتر في بنغازي يوم الأربعاء وفدا عسكريا من موريتانيا، وحضر اللقاء الفريق صدام"
             " حفتر رئيس أركان القوات البرية. وقال حفتر إن البلدين اتفقا على تبادل الخبرات في تدريب الضباط."},
    {"url": "https://example.org/en/mauritania-senegal", "title": "Defence accord", "published": "2025-10-05",
     "language": "en",
     "text": "Mauritania and Senegal signed a defence cooperation agreement in Nouakchott on Sunday, covering"
             " joint border patrols and the training of officers, the Mauritanian defence ministry said."},
]
POSTS = [("/api/actors/merge", {"source": "person:abbas-araghchi", "target": "person:abdel-fattah-sisi"}),
         ("/api/actors/split", {"ref": "person:abbas-araghchi"}),
         ("/api/review", {"accept": [1], "reject": []}),
         ("/api/ingest", RECORDS)]


@pytest.fixture()
def store(desk_store, tmp_path: Path) -> str:
    """A copy of the shared store: these tests write."""
    path = str(tmp_path / "copy.db")
    src, dst = sqlite3.connect(desk_store), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def _client(store: str, token: str | None) -> TestClient:
    from alliancemap.api import create_app

    return TestClient(create_app(store, write_token=token))


def _counts(store: str) -> tuple[int, ...]:
    conn = sqlite3.connect(store)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "events", "actor_merges"))
    finally:
        conn.close()


@pytest.mark.parametrize(("path", "body"), POSTS)
def test_every_write_is_refused_when_no_token_is_configured(store, path, body):
    before = _counts(store)
    resp = _client(store, None).post(path, json=body, headers=AUTH)
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "writes_disabled"
    assert resp.headers["content-security-policy"].startswith("default-src 'self'")
    assert _counts(store) == before


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"}])
@pytest.mark.parametrize(("path", "body"), POSTS)
def test_a_missing_or_wrong_token_gets_401(store, path, body, headers):
    before = _counts(store)
    resp = _client(store, TOKEN).post(path, json=body, headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "unauthorized"
    assert resp.headers["www-authenticate"] == "Bearer"
    assert _counts(store) == before


def test_merge_shows_at_once_and_split_undoes_it(store):
    client = _client(store, TOKEN)
    source, target = "person:abbas-araghchi", "person:abdel-fattah-sisi"
    assert client.get(f"/api/actors/{source}").json()["id"] == source
    merged = client.post("/api/actors/merge", json={"source": source, "target": target}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    shown = client.get(f"/api/actors/{source}").json()
    assert shown["id"] == target and "Abbas Araghchi" in shown["aliases"]
    undone = client.post("/api/actors/split", json={"ref": str(merged.json()["merge_id"])}, headers=AUTH)
    assert undone.json() == {"undone": merged.json()["merge_id"]}
    assert client.get(f"/api/actors/{source}").json()["id"] == source
    again = client.post("/api/actors/split", json={"ref": source}, headers=AUTH)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_merge_of_an_unknown_actor_is_refused_without_a_change(store):
    before = _counts(store)
    resp = _client(store, TOKEN).post("/api/actors/merge", headers=AUTH,
                                      json={"source": "person:nobody-at-all", "target": "person:abdel-fattah-sisi"})
    assert resp.status_code == 409 and "nobody-at-all" in resp.json()["error"]["message"]
    assert _counts(store) == before


def test_ingest_by_post_adds_events_the_reads_show_at_once(store):
    client = _client(store, TOKEN)
    graph = client.get("/api/graph").json()  # built and cached before the write
    assert "MRT" not in {n["id"] for n in graph["nodes"]}
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS).encode()
    resp = client.post("/api/ingest", content=body, headers={**AUTH, "content-type": "application/x-ndjson"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["counts"]["new"] == 2 and len(resp.json()["new_articles"]) == 2
    events = client.get("/api/events", params={"country": "MRT"}).json()
    assert events["total"] >= 2
    assert {e["sources"][0]["url"] for e in events["items"]} == {r["url"] for r in RECORDS}
    assert "MRT" in {n["id"] for n in client.get("/api/graph").json()["nodes"]}
    found = client.get("/api/events", params={"q": "Nouakchott"}).json()["items"]  # the search index follows
    assert [e["sources"][0]["url"] for e in found] == [RECORDS[1]["url"]]
    again = client.post("/api/ingest", json=RECORDS, headers=AUTH)  # a JSON array this time: duplicates
    assert again.json()["counts"].get("new", 0) == 0 and len(again.json()["duplicates"]) == 2


def test_ingest_reports_bad_records_and_refuses_an_oversized_body(store):
    client = _client(store, TOKEN)
    resp = client.post("/api/ingest", content=b'{"url": "https://example.org/x", "text": \n[1, 2', headers=AUTH)
    assert resp.status_code == 200 and {r["reason"] for r in resp.json()["rejected"]} == {"malformed"}
    big = json.dumps([{**RECORDS[1], "text": RECORDS[1]["text"] * 400}]).encode()
    assert client.post("/api/ingest", content=big, headers=AUTH).status_code == 413
    chunked = client.post("/api/ingest", content=iter([big[:40_000], big[40_000:]]), headers=AUTH)
    assert chunked.status_code == 413 and chunked.json()["error"]["code"] == "payload_too_large"


def test_review_accept_adds_the_alias(store):
    client = _client(store, TOKEN)
    client.post("/api/ingest", json=RECORDS, headers=AUTH)
    conn = sqlite3.connect(store)
    link_id, actor_id = conn.execute("SELECT link_id, actor_id FROM actor_links WHERE doubtful = 1 AND reviewed = 0"
                                     " AND text = 'حفتر'").fetchone()
    conn.close()
    assert "حفتر" not in client.get(f"/api/actors/{actor_id}").json()["aliases"]
    resp = client.post("/api/review", json={"accept": [link_id]}, headers=AUTH)
    assert resp.json() == {"accepted": 1, "rejected": 0}
    assert "حفتر" in client.get(f"/api/actors/{actor_id}").json()["aliases"]
    unknown = client.post("/api/review", json={"reject": [999_999]}, headers=AUTH)
    assert unknown.status_code == 409


def test_the_schema_lists_the_write_routes_and_cors_stays_get_only(store):
    from alliancemap.api import create_app

    paths = _client(store, None).get("/openapi.json").json()["paths"]
    for path, _ in POSTS:
        assert set(paths[path]) == {"post"}
        assert {"401", "403"} <= set(paths[path]["post"]["responses"])
    cors = TestClient(create_app(store, cors_origins=["https://desk.example.org"], write_token=TOKEN))
    pre = cors.options("/api/actors/merge", headers={"Origin": "https://desk.example.org",
                                                     "Access-Control-Request-Method": "POST"})
    assert "POST" not in pre.headers.get("access-control-allow-methods", "")


def test_a_write_empties_the_graph_cache_even_when_the_file_times_do_not_move(store, monkeypatch):
    """On a coarse clock the store's modification time may not change within a write: the cache must not
    rely on it for writes that go through the API."""
    from alliancemap.api import views

    monkeypatch.setattr(views.GraphCache, "_state", staticmethod(lambda db_path: (0,)))
    client = _client(store, TOKEN)
    assert "MRT" not in {n["id"] for n in client.get("/api/graph").json()["nodes"]}
    assert client.post("/api/ingest", json=RECORDS, headers=AUTH).status_code == 200
    assert "MRT" in {n["id"] for n in client.get("/api/graph").json()["nodes"]}


def test_serve_takes_the_token_from_the_environment_only(store, monkeypatch):
    """The token never appears on the command line (``ps`` shows it to every user of the machine)."""
    import uvicorn
    from click.testing import CliRunner

    from alliancemap.cli import main

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    monkeypatch.setenv("ALLIANCEMAP_WRITE_TOKEN", TOKEN)
    res = CliRunner().invoke(main, ["serve", "--db", store])
    assert res.exit_code == 0, res.output
    assert served[0].state.write_token == TOKEN and "writes need the token" in res.output
    monkeypatch.delenv("ALLIANCEMAP_WRITE_TOKEN")
    assert CliRunner().invoke(main, ["serve", "--db", store]).exit_code == 0
    assert served[1].state.write_token is None
    assert "--write-token" not in CliRunner().invoke(main, ["serve", "--help"]).output
