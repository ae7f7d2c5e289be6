"""The actor store: registry round trip, review queue, merge then split restores the state."""

import sqlite3

import pytest

from alliancemap.model import Article, Extraction, Mention
from alliancemap.resolve.link import (
    ActorRegistry,
    actor_query,
    kb_writes,
    link_extraction,
    registry_from_rows,
)
from alliancemap.store import actors as sa
from tests.conftest import kb_entry


@pytest.fixture()
def conn() -> sqlite3.Connection:
    c = sqlite3.connect(":memory:", isolation_level=None)
    c.row_factory = sqlite3.Row
    for _name, sql in sa.MIGRATIONS:
        for stmt in sql.split(";"):
            if stmt.strip():
                c.execute(stmt)
    return c


TEXT = ("استقبل المشير خليفة حفتر في بنغازي رئيس الأركان الباكستاني الفريق ساحر شمشاد ميرزا، "
        "بحضور الفريق صدام حفتر. وقال حفتر إن الزيارة مهمة.")


def _m(written: str, occurrence: int = 0, role: str | None = None) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(written, start + 1)
    return Mention("art-1", "person", written, start, start + len(written), role=role)


def _ingest(conn: sqlite3.Connection) -> None:
    ext = Extraction("art-1", mentions=[
        _m("خليفة حفتر", role="المشير"), _m("ساحر شمشاد ميرزا", role="رئيس الأركان الباكستاني الفريق"),
        _m("صدام حفتر", role="الفريق"), _m("حفتر", occurrence=2),
    ])
    result = link_extraction(ext, Article("art-1", TEXT, published="2025-06-02"), registry_from_rows(*sa.load_actor_rows(conn)))
    sa.save_link_result(conn, result.writes())
    result.commit()


def _state(conn: sqlite3.Connection) -> list[list[tuple]]:
    return [sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}"))
            for t in ("actors", "actor_aliases", "actor_roles", "actor_links")]


def test_registry_round_trip(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    reg = registry_from_rows(*sa.load_actor_rows(conn))
    assert {"person:khalifa-haftar", "person:saddam-haftar", "person:sahir-shamshad-mirza"} <= reg.ids()
    # what the store learnt links the next article, across scripts
    assert reg.candidates("Sahir Shamshad Mirza", "person")[0].actor_id == "person:sahir-shamshad-mirza"
    rec = sa.actor_record(conn, "person:saddam-haftar")
    assert rec["names"] == {"en": "Saddam Haftar", "ar": "صدام حفتر"}
    assert rec["roles"][0]["role"] == "الفريق" and rec["roles"][0]["first_seen"] == "2025-06-02"


def test_reingest_counts_an_alias_once_per_article(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    before = _state(conn)
    _ingest(conn)
    assert _state(conn)[1] == before[1]


def test_doubtful_link_in_review_queue_then_accepted(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    queue = sa.review_queue(conn)
    assert [q["text"] for q in queue] == ["حفتر"]
    assert queue[0]["actor_id"] == "person:saddam-haftar"  # nearest preceding full mention
    assert "حفتر" not in sa.actor_record(conn, "person:saddam-haftar")["aliases"]
    sa.review_link(conn, queue[0]["link_id"], accept=True)
    assert sa.review_queue(conn) == []
    assert "حفتر" in sa.actor_record(conn, "person:saddam-haftar")["aliases"]


def test_merge_then_split_restores_the_state(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    conn.execute("INSERT INTO actors (id, kind, name_en, created_at) VALUES ('person:k-haftar', 'person',"
                 " 'K. Haftar', '2025')")
    conn.execute("INSERT INTO actor_aliases (actor_id, alias, norm, phon, script) VALUES"
                 " ('person:k-haftar', 'Khalifa Hifter', 'khalifa hifter', 'kalifa haftar', 'latin')")
    before = _state(conn)
    merge_id = sa.merge_actors(conn, "person:k-haftar", "person:khalifa-haftar")
    rec = sa.actor_record(conn, "person:k-haftar")  # follows the merge
    assert rec["id"] == "person:khalifa-haftar" and "Khalifa Hifter" in rec["aliases"]
    assert all(r["id"] != "person:k-haftar" for r in sa.search_actors(conn, actor_query("Hifter")))
    assert registry_from_rows(*sa.load_actor_rows(conn)).resolve("person:k-haftar") == "person:khalifa-haftar"
    assert sa.split_actor(conn, merge_id) == merge_id
    after = _state(conn)
    assert after[1:] == before[1:]
    assert [r[:-1] for r in after[0]] == [r[:-1] for r in before[0]]
    with pytest.raises(sa.ActorStoreError):
        sa.split_actor(conn, merge_id)


def test_merge_refuses_unknown_or_same(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    with pytest.raises(sa.ActorStoreError, match="unknown actor"):
        sa.merge_actors(conn, "person:nobody", "person:saddam-haftar")
    with pytest.raises(sa.ActorStoreError, match="itself"):
        sa.merge_actors(conn, "person:saddam-haftar", "person:saddam-haftar")


def test_search_in_either_script_and_fuzzy(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    assert sa.search_actors(conn, actor_query("Saddam Haftar"))[0]["id"] == "person:saddam-haftar"
    assert sa.search_actors(conn, actor_query("Sadam Hafter"))[0]["id"] == "person:saddam-haftar"
    assert sa.search_actors(conn, actor_query("صدام حفتر"))[0]["id"] == "person:saddam-haftar"
    assert {r["id"] for r in sa.search_actors(conn, actor_query("Haftar"))} >= {"person:saddam-haftar",
                                                                   "person:khalifa-haftar"}
    assert sa.search_actors(conn, actor_query("Erdogan")) == []


def test_get_actor_reads_events_when_tables_exist(conn: sqlite3.Connection) -> None:
    _ingest(conn)
    assert sa.get_actor(conn, "person:saddam-haftar")["events"] == []
    conn.execute("CREATE TABLE events (event_id TEXT, type TEXT, date TEXT)")
    conn.execute("CREATE TABLE event_people (event_id TEXT, actor_id TEXT)")
    conn.execute("CREATE TABLE event_parties (event_id TEXT, country TEXT, faction TEXT, actor_id TEXT)")
    conn.execute("INSERT INTO events VALUES ('e1', 'VISIT', '2025-06-01')")
    conn.execute("INSERT INTO event_people VALUES ('e1', 'person:saddam-haftar')")
    conn.execute("INSERT INTO event_parties VALUES ('e1', 'LBY', 'east', NULL), ('e1', 'PAK', NULL, NULL)")
    rec = sa.get_actor(conn, "person:saddam-haftar")
    assert [e["type"] for e in rec["events"]] == ["VISIT"]
    assert {p["country"] for p in rec["partners"]} == {"LBY", "PAK"}
    assert sa.get_actor(conn, "person:nobody") is None


_Entry = kb_entry


class _FakeKB:
    """Just enough of the KB interface: its (alias, entry) pairs."""

    def aliases(self) -> list[tuple[str, _Entry]]:
        pak = _Entry("state:PAK", "state", "Pakistan", "باكستان", "PAK", sector="GOV")
        munir = _Entry("person:asim-munir", "person", "Asim Munir", "عاصم منير", "PAK", sector="MIL")
        demonym = _Entry("state:PAK", "state", "Pakistan", "باكستان", "PAK", demonym=True)
        return [("Pakistan", pak), ("باكستان", pak), ("الباكستاني", demonym), ("Syed Asim Munir", munir)]


def test_seed_from_kb_is_idempotent(conn: sqlite3.Connection) -> None:
    assert sa.seed_actors(conn, kb_writes(ActorRegistry.from_kb(_FakeKB()))) == 2
    sa.seed_actors(conn, kb_writes(ActorRegistry.from_kb(_FakeKB())))
    assert conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 2
    reg = registry_from_rows(*sa.load_actor_rows(conn))
    assert reg.exact("عاصم منير") == {"person:asim-munir"}
    assert reg.exact("الباكستاني") == set()  # demonyms are not names of the state actor
    assert sa.actor_record(conn, "person:asim-munir")["sector"] == "MIL"
