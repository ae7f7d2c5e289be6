"""store.events: mentions replaced per article, clusters saved and reloaded, the exported-event contract."""

from __future__ import annotations

import sqlite3

import pytest

from alliancemap.merge import DuplicateIndex, cluster_events, index_from_signatures, mention_id
from alliancemap.model import Article
from alliancemap.pipeline import merge_all
from alliancemap.store.db import open_store
from alliancemap.store.events import (
    MIGRATIONS,
    count_pending,
    exported_events,
    load_clusters,
    load_duplicates,
    load_mentions,
    load_signatures,
    replace_mentions,
    save_clusters,
    save_duplicate,
)

try:  # the story of test_merge, whether tests/ is a package or a plain folder
    from tests.test_merge import DUPS, make_story
except ImportError:
    from test_merge import DUPS, make_story

CONTRACT = {"event_id", "type", "cameo", "plover", "parties", "people", "date", "date_precision", "location",
            "domains", "attributes", "sources", "confidence"}
EXTENSIONS = {"status", "n_sources", "n_outlets", "conflicts", "related"}
SOURCE = {"article_id", "url", "outlet", "published", "sentence", "start", "end"}
SOURCE_OWN = {"date", "date_precision", "location", "people", "domains", "background"}  # where given


@pytest.fixture
def store(tmp_path):
    store = open_store(str(tmp_path / "t.db"))
    story = make_story()
    with store.transaction() as c:
        for ev in story.values():
            src = ev.sources[0]
            if not store.has_article(src.article_id):
                store.add_article(c, Article(src.article_id, f"body of {src.article_id}", url=src.url,
                                             outlet=src.outlet, published=src.published, lang="ar"))
    yield store
    store.close()


@pytest.fixture
def conn(store):
    return store.conn


def _by_article(events):
    out = {}
    for ev in events:
        out.setdefault(ev.sources[0].article_id, []).append(ev)
    return out


def _run(conn):
    """The pipeline's merge over the queued mentions (blocking, neighbourhood re-clustering)."""
    conn.executemany("INSERT OR REPLACE INTO article_duplicates (article_id, canonical_id, jaccard) VALUES (?,?,1)",
                     list(DUPS.items()))
    merge_all(_StoreView(conn))
    assert count_pending(conn) == 0
    return load_clusters(conn)


class _StoreView:
    """The two members of Store that merge_all uses, over a fixture connection."""

    def __init__(self, conn):
        self.conn = conn

    def transaction(self):
        import contextlib

        @contextlib.contextmanager
        def tx():
            yield self.conn
            self.conn.commit()
        return tx()


def test_migrations_apply_on_a_plain_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (article_id TEXT PRIMARY KEY, url TEXT, outlet TEXT, published TEXT)")
    for _, sql in MIGRATIONS:
        conn.executescript(sql)
    ids = replace_mentions(conn, "en1", [make_story()["en1"]])
    assert [e.event_id for e in load_mentions(conn)] == ids
    save_clusters(conn, cluster_events(load_mentions(conn)))
    (row,) = exported_events(conn)
    assert row["sources"][0]["article_id"] == "en1" and load_clusters(conn)[0].member_ids == ids


def test_replace_mentions_replaces_and_ids_are_stable(conn):
    story = make_story()
    ids = replace_mentions(conn, "ar1", [story["ar1"], story["agree"]])
    assert ids == [mention_id(story["ar1"]), mention_id(story["agree"])]
    assert replace_mentions(conn, "ar1", [story["ar1"], story["agree"]]) == ids
    assert replace_mentions(conn, "ar1", [story["ar1"]]) == ids[:1]
    stored = load_mentions(conn)
    assert [e.event_id for e in stored] == ids[:1]
    assert stored[0].people[0].name_ar == "صدام حفتر" and stored[0].location["name"] == "Rawalpindi"


def test_save_load_roundtrip_and_rerun_is_idempotent(conn):
    for aid, evs in _by_article(make_story().values()).items():
        replace_mentions(conn, aid, evs)
    first = _run(conn)
    loaded = load_clusters(conn)
    assert [(c.event_id, c.member_ids, c.consensus, c.conflicts, c.related) for c in loaded] == \
           [(c.event_id, c.member_ids, c.consensus, c.conflicts, c.related) for c in first]
    second = _run(conn)
    assert [(c.event_id, c.member_ids) for c in second] == [(c.event_id, c.member_ids) for c in first]
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def test_incremental_articles_attach_to_stored_event(conn):
    story = make_story()
    replace_mentions(conn, "en1", [story["en1"]])
    (visit,) = _run(conn)
    for aid in ("wire", "undated"):
        replace_mentions(conn, aid, [story[aid]])
    clusters = _run(conn)
    assert [c.event_id for c in clusters] == [visit.event_id]
    assert sorted(m.article_id for m in clusters[0].members) == ["en1", "undated", "wire"]


def test_reextraction_drops_old_members_and_empty_events(conn):
    story = make_story()
    replace_mentions(conn, "nov", [story["second"]])
    _run(conn)
    replace_mentions(conn, "nov", [])
    assert _run(conn) == []
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM event_members").fetchone()[0] == 0


def test_exported_events_contract_and_filters(conn):
    for aid, evs in _by_article(make_story().values()).items():
        replace_mentions(conn, aid, evs)
    _run(conn)
    rows = exported_events(conn)
    assert len(rows) == 3
    for row in rows:
        assert set(row) == CONTRACT | EXTENSIONS
        assert all(set(p) == {"actor_id", "name", "country", "faction"} for p in row["parties"])
        assert all(set(p) == {"actor_id", "name", "name_ar", "name_en", "role"} for p in row["people"])
        assert all(SOURCE | {"background"} <= set(s) <= SOURCE | SOURCE_OWN for s in row["sources"])
    visit = next(r for r in rows if r["type"] == "VISIT" and r["date"].startswith("2025-07"))
    assert [s["article_id"] for s in visit["sources"]] == ["en1", "ar1", "wire", "wirecopy", "undated"]
    assert (visit["n_sources"], visit["n_outlets"]) == (4, 4)
    assert visit["conflicts"]["location"][0]["value"] == "Rawalpindi"
    agree = next(r for r in rows if r["type"] == "AGREE")
    assert agree["related"] == [{"relation": "during", "event_id": visit["event_id"]}]
    assert agree["attributes"] == {"instrument": "mou"}

    assert len(exported_events(conn, country="LBY:east")) == 3
    assert exported_events(conn, country="LBY:west") == []
    assert len(exported_events(conn, country="pak", type="visit")) == 2
    assert [r["type"] for r in exported_events(conn, domain="training")] == ["AGREE"]
    assert [r["date"] for r in exported_events(conn, date_from="2025-08")] == ["2025-11-02"]
    assert len(exported_events(conn, date_to="2025-07-14")) == 2
    assert [r["event_id"] for r in exported_events(conn, min_sources=2)] == [visit["event_id"]]
    assert len(exported_events(conn, faction="east")) == 3


def test_duplicate_index_survives_the_store(conn):
    text = ("The Pakistani army chief received the Libyan ground forces commander at General Headquarters "
            "and the two reviewed training, defence industry and counter-terrorism cooperation in detail.")
    index = DuplicateIndex()
    for aid, body in (("en1", text), ("wire", "Benghazi talks on coastal patrols and naval training were held "
                                               "on Sunday between the two navies, officials said."),
                      ("wirecopy", text.replace("in detail.", "in detail"))):
        save_duplicate(conn, index.add(aid, body))
    assert load_duplicates(conn) == {"en1": "en1", "wire": "wire", "wirecopy": "en1"}
    rebuilt = index_from_signatures(load_signatures(conn))
    assert rebuilt.canonical == index.canonical
    assert rebuilt.add("ar1", text).canonical_id == "en1"


def test_iter_articles_walks_in_chunks_in_date_order(tmp_path):
    store = open_store(str(tmp_path / "walk.db"))
    days = ["2025-03-02", None, "2024-11-30", "2025-03-02", "2025-01-15", "2023-07-09", "2025-06-01"]
    with store.transaction() as c:
        for i, day in enumerate(days):
            store.add_article(c, Article(f"a{i}", f"نص المقال رقم {i}", published=day, lang="ar"))
    expected = [r[0] for r in store.conn.execute("SELECT article_id FROM articles ORDER BY published, article_id")]
    walk = store.iter_articles(chunk=3)
    first = next(walk)
    with store.transaction() as c:  # texts are read a chunk at a time: one removed meanwhile is not met
        c.execute("DELETE FROM articles WHERE article_id = ?", (expected[-1],))
    seen = [first.article_id] + [a.article_id for a in walk]
    assert seen == expected[:-1]
    assert first.text.startswith("نص المقال")
    store.close()
