"""Event ids users keep, and a merge that touches only what new reports can join.

Stable ids: an event's id follows its earliest published report, so it changes when an earlier report
arrives or two events turn out to be one. The old id must still lead to the event (store, CLI, API).

Dense pairs: a month of one pair holds many events of several types; a new report is placed against
the clusters its type, parties and days reach, the other clusters come back untouched, and the result
is the same whether the reports arrive together or one article at a time.
"""

from __future__ import annotations

import json
import random
import warnings

from click.testing import CliRunner

from alliancemap.cli import main
from alliancemap.merge import cluster_events
from alliancemap.model import Article, ArticleDate, Party
from alliancemap.pipeline import merge_all
from alliancemap.store.db import open_store
from alliancemap.store.events import (
    current_event_id,
    event_detail,
    exported_events,
    load_clusters,
    replace_mentions,
)

try:
    from tests.test_merge_order import GULER, MUNIR, SADDAM_AR, SADDAM_EN, mention
except ImportError:
    from test_merge_order import GULER, MUNIR, SADDAM_AR, SADDAM_EN, mention


def _add(store, aid: str, published: str | None, events, lang: str = "en") -> None:
    with store.transaction() as conn:
        store.add_article(conn, Article(aid, "text", url=f"https://{aid}.example/p", outlet=f"{aid}.example",
                                        published=published, lang=lang))
        replace_mentions(conn, aid, events)
    merge_all(store)


def _visit_id(store) -> str:
    (row,) = [r for r in exported_events(store.conn, type="VISIT")]
    return row["event_id"]


def test_an_earlier_report_changes_the_id_and_the_old_id_still_leads_to_the_event(tmp_path):
    store = open_store(str(tmp_path / "ids.db"))
    # the later article arrives first: the event takes its id from it
    _add(store, "en-later", "2025-07-16", [mention("en-later", "VISIT", "PAK", date="2025-07-14",
                                                   place="Rawalpindi", people=(SADDAM_EN, MUNIR))])
    first_id = _visit_id(store)
    _add(store, "ar-earlier", "2025-07-14", [mention("ar-earlier", "VISIT", "PAK", date="2025-07-14",
                                                     place="Rawalpindi", people=(SADDAM_AR,))], lang="ar")
    now_id = _visit_id(store)
    assert now_id != first_id, "the earliest published report gives the id"
    assert current_event_id(store.conn, first_id) == now_id
    assert current_event_id(store.conn, now_id) == now_id
    assert current_event_id(store.conn, "ev_never_was") is None
    detail = event_detail(store.conn, first_id)
    assert detail["event"]["event_id"] == now_id and detail["resolved_from"] == first_id
    assert {m["article_id"] for m in detail["members"]} == {"en-later", "ar-earlier"}
    assert event_detail(store.conn, now_id)["resolved_from"] is None
    assert event_detail(store.conn, now_id)["former_ids"] == [first_id]
    store.close()

    runner = CliRunner()
    out = runner.invoke(main, ["event", first_id, "--db", str(tmp_path / "ids.db"), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["event"]["event_id"] == now_id
    assert f"{first_id} is now {now_id}" in out.stderr


def test_reextracting_an_article_keeps_its_events_reachable(tmp_path):
    store = open_store(str(tmp_path / "re.db"))
    first = mention("pk-1", "VISIT", "PAK", date="2025-07-14", place="Rawalpindi", people=(SADDAM_EN,))
    _add(store, "pk-1", "2025-07-15", [first])
    _add(store, "pk-2", "2025-07-16", [mention("pk-2", "VISIT", "PAK", date="2025-07-14", people=(SADDAM_AR,))])
    old = _visit_id(store)
    # the first outlet's page is extracted again and now reads the commander's visit with its host named
    changed = mention("pk-1", "VISIT", "PAK", date="2025-07-14", place="Rawalpindi", people=(SADDAM_EN, MUNIR))
    with store.transaction() as conn:
        replace_mentions(conn, "pk-1", [changed])
    merge_all(store)
    now = _visit_id(store)
    assert current_event_id(store.conn, old) == now
    assert event_detail(store.conn, old)["event"]["event_id"] == now
    store.close()


def test_api_gives_the_current_event_for_an_old_id(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from alliancemap.api import create_app

    path = tmp_path / "api.db"
    store = open_store(str(path))
    _add(store, "en-later", "2025-07-16", [mention("en-later", "VISIT", "PAK", date="2025-07-14", people=(MUNIR,))])
    old = _visit_id(store)
    _add(store, "en-first", "2025-07-14", [mention("en-first", "VISIT", "PAK", date="2025-07-14", people=(MUNIR,))])
    now = _visit_id(store)
    store.close()
    got = TestClient(create_app(str(path))).get(f"/api/events/{old}")
    assert got.status_code == 200, got.text
    assert got.json()["event_id"] == now and got.json()["resolved_from"] == old


# ---------------------------------------------------------------------------------------- dense pairs


def _dense_month() -> list[tuple[str, str, list]]:
    """One pair (eastern Libya, Turkey), one month, many reports: visits, meetings, deals, drills, on
    different days and in different places, several outlets per event, Arabic and English."""
    rng = random.Random(3)
    events = [("VISIT", 3, "Ankara", (SADDAM_EN,)), ("MEET", 3, "Ankara", (SADDAM_EN, GULER)),
              ("AGREE", 4, "Ankara", ()), ("VISIT", 11, "Benghazi", (GULER,)), ("MEET", 11, "Benghazi", (GULER,)),
              ("EXERCISE", 17, "Tobruk", ()), ("MEET", 24, "Istanbul", (SADDAM_EN,)),
              ("TRAINING", 27, "Konya", ())]
    articles = []
    n = 0
    for type_, day, place, people in events:
        for k in range(rng.choice((2, 3, 4))):
            aid = f"{'ar' if k % 2 else 'en'}-d{n}"
            n += 1
            when = f"2025-10-{day + rng.choice((0, 0, 1)):02d}"
            pub = f"2025-10-{day + 1 + k:02d}"
            country = {"Ankara": "TUR", "Istanbul": "TUR", "Konya": "TUR"}.get(place, "LBY")
            ev = mention(aid, type_, "TUR", date=when, people=people)
            ev.location = {"name": place, "country": country}
            articles.append((aid, pub, [ev]))
    return articles


def _store_partition(store) -> list[list[str]]:
    return sorted(sorted(m.article_id for m in c.members) for c in load_clusters(store.conn))


def _all_at_once(path, articles):
    """A store where the articles were stored first and merged together."""
    store = open_store(str(path))
    for aid, pub, evs in articles:
        with store.transaction() as conn:
            store.add_article(conn, Article(aid, "text", url=f"https://{aid}.example/p", published=pub))
            replace_mentions(conn, aid, evs)
    merge_all(store)
    return store


def test_dense_month_one_article_at_a_time_equals_all_at_once(tmp_path):
    articles = _dense_month()
    together = _all_at_once(tmp_path / "together.db", articles)
    expected = _store_partition(together)
    assert len(expected) >= 8  # the month's events stay apart
    for seed in (1, 2):
        order = list(articles)
        random.Random(seed).shuffle(order)
        one_by_one = open_store(str(tmp_path / f"one{seed}.db"))
        seen: dict[str, set[str]] = {}  # every id an event had -> the articles it held then
        for aid, pub, evs in order:
            _add(one_by_one, aid, pub, evs)
            for c in load_clusters(one_by_one.conn):
                seen[c.event_id] = {m.article_id for m in c.members}
        assert _store_partition(one_by_one) == expected
        for old, arts in seen.items():  # a bookmarked id leads to the event now holding its reports
            now = current_event_id(one_by_one.conn, old)
            held = {m["article_id"] for m in event_detail(one_by_one.conn, now)["members"]}
            assert held & arts
        assert sorted(c.event_id for c in load_clusters(one_by_one.conn)) == \
            sorted(c.event_id for c in load_clusters(together.conn))
        one_by_one.close()
    together.close()


def test_a_new_report_leaves_the_events_it_cannot_join_as_they_are():
    articles = _dense_month()
    existing = cluster_events([ev for _, _, evs in articles for ev in evs])
    late = mention("en-new", "EXERCISE", "TUR", date="2025-10-17", place="Tobruk")
    late.parties = [Party("LBY", "east"), Party("TUR")]
    out = cluster_events([late], existing)
    same_objects = [c for c in out if any(c is e for e in existing)]
    kept_types = {c.consensus.type for c in same_objects}
    assert "EXERCISE" not in kept_types, "the drill the new report joins is clustered again"
    assert {"VISIT", "AGREE", "TRAINING"} <= kept_types, "events of other types are not re-clustered"
    drill = next(c for c in out if c.consensus.type == "EXERCISE")
    assert "en-new" in {m.article_id for m in drill.members}
    assert len(out) == len(existing)


def _undated_chain() -> list[tuple[str, str | None, list]]:
    """An undated page (no date anywhere) reports a deal and a meeting; a later dated report of the deal
    dates the page, which moves its meeting off this summer's talks onto last year's, that a third
    article recalls."""
    talks = mention("en-july", "MEET", "TUR", date="2025-07-03", people=(GULER,))
    recalled = mention("en-july", "MEET", "TUR", date="2024-09", start=900, background=True)
    deal = mention("ar-page", "AGREE", "TUR")
    meeting = mention("ar-page", "MEET", "TUR", start=700, people=(GULER,))
    dated_deal = mention("ar-deal", "AGREE", "TUR", date="2024-09-13", start=600)
    return [("en-july", "2025-07-04", [talks, recalled]), ("ar-page", None, [deal, meeting]),
            ("ar-deal", None, [dated_deal])]


def test_a_report_that_dates_an_undated_page_moves_its_other_news_as_if_all_came_at_once(tmp_path):
    articles = _undated_chain()
    together = _all_at_once(tmp_path / "together.db", articles)
    expected = _store_partition(together)
    one_by_one = open_store(str(tmp_path / "one.db"))
    for aid, pub, evs in articles:
        _add(one_by_one, aid, pub, evs)
    assert _store_partition(one_by_one) == expected
    together.close()
    one_by_one.close()


def _recalled_visit() -> tuple[list, list, dict]:
    """A page dated by its URL (12 October) tells talks in Benghazi on 1 October and recalls, undated, the
    Turkish minister's visit before them; an undated page arriving later tells that visit (27 September)."""
    talks = mention("ar-oct", "VISIT", "TUR", date="2025-10-01", place="Benghazi", start=200,
                    sentence="وصل وفد عسكري تركي إلى بنغازي في الأول من أكتوبر لاستكمال المباحثات.")
    recalled = mention("ar-oct", "VISIT", "TUR", people=(GULER,), start=100, background=True,
                       sentence="وكان وزير الدفاع التركي يشار غولر قد زار بنغازي في وقت سابق.")
    visit = mention("en-sep", "VISIT", "TUR", date="2025-09-27", people=(SADDAM_EN,), start=0,
                    sentence="Turkey's defence minister met Saddam Haftar on September 27.")
    arrival = mention("en-sep", "VISIT", "TUR", date="2025-09-27", place="Benghazi", start=300,
                      sentence="The minister arrived in Benghazi on September 27 for a one-day visit.")
    return [talks, recalled], [visit, arrival], {"ar-oct": ArticleDate("ar-oct", "2025-10-12", "day", "url")}


def _partition(clusters) -> list[list[str]]:
    return sorted(sorted(m.mention_id for m in c.members) for c in clusters)


def test_a_new_report_reaches_what_the_members_it_moves_can_join():
    """The new page reaches the 1 October talks only; re-placing them brings in the clusters their article's
    other reports sit in (``_split``'s closure), so the recollection joins the visit it recalls, as when the
    pages arrive together."""
    stored, new, dates = _recalled_visit()
    together = cluster_events([*stored, *new], article_dates=dates)
    home = next(c for c in together if any(m.event.background for m in c.members))
    assert {m.article_id for m in home.members} == {"ar-oct", "en-sep"}, "the recollection joins the visit"
    existing = cluster_events(stored, article_dates=dates)
    assert _partition(cluster_events(new, existing, article_dates=dates)) == _partition(together)


# ---------------------------------------------------------------------------------------------- aliases


def _dangling_alias_rows(store) -> int:
    return store.conn.execute("SELECT count(*) FROM event_aliases WHERE mention_id NOT IN"
                              " (SELECT mention_id FROM event_mentions)").fetchone()[0]


def test_an_id_retired_twice_leads_straight_to_the_event_now():
    """old -> mid -> new: each earlier report changes the id; every old id leads to the current event
    through the mentions it held, so there is no chain to follow or collapse."""
    store = open_store(":memory:")
    ids = []
    for aid, pub in (("pk-c", "2025-07-18"), ("pk-b", "2025-07-16"), ("pk-a", "2025-07-14")):
        _add(store, aid, pub, [mention(aid, "VISIT", "PAK", date="2025-07-14", place="Rawalpindi",
                                       people=(SADDAM_EN,))])
        ids.append(_visit_id(store))
    old, mid, now = ids
    assert len(set(ids)) == 3
    assert current_event_id(store.conn, old) == current_event_id(store.conn, mid) == now
    assert event_detail(store.conn, now)["former_ids"] == sorted([old, mid])


def test_alias_rows_of_mentions_an_article_no_longer_has_are_pruned():
    store = open_store(":memory:")
    _add(store, "pk-late", "2025-07-16", [mention("pk-late", "VISIT", "PAK", date="2025-07-14", people=(MUNIR,))])
    _add(store, "pk-mid", "2025-07-15", [mention("pk-mid", "VISIT", "PAK", date="2025-07-14", people=(MUNIR,))])
    first = _visit_id(store)
    _add(store, "pk-early", "2025-07-14", [mention("pk-early", "VISIT", "PAK", date="2025-07-14",
                                                   place="Rawalpindi", people=(MUNIR,))])
    retired = _visit_id(store)
    assert retired != first
    # the middle outlet's page is extracted again: its report of the visit now reads as the commander's talks
    with store.transaction() as conn:
        replace_mentions(conn, "pk-mid", [mention("pk-mid", "MEET", "PAK", date="2025-07-14", people=(MUNIR,))])
    merge_all(store)
    assert _dangling_alias_rows(store) == 0, "a row whose mention is gone can lead nowhere"
    assert current_event_id(store.conn, first) == _visit_id(store), "the old id still leads through pk-late"


def test_an_old_id_none_of_whose_mentions_is_left_is_forgotten():
    store = open_store(":memory:")
    _add(store, "only", "2025-07-16", [mention("only", "VISIT", "PAK", date="2025-07-14", people=(MUNIR,))])
    gone = _visit_id(store)
    with store.transaction() as conn:
        replace_mentions(conn, "only", [mention("only", "MEET", "PAK", date="2025-07-14", people=(MUNIR,))])
    merge_all(store)
    assert current_event_id(store.conn, gone) is None
    assert store.conn.execute("SELECT count(*) FROM event_aliases WHERE old_id = ?", (gone,)).fetchone()[0] == 0
