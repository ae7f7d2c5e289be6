"""Merge through the store, as ingest runs it: order independence, background reports, blocking, dates.

Eight outlets report three events (Arabic and English, spellings vary, some undated, one dated only by
its URL): the eastern Libyan ground-forces commander's visit to Pakistan on 14 July 2025, the MoU
signed during it, and his meeting with the Turkish defence minister in Ankara in late September. A
December article recalls the July visit as background.
"""

from __future__ import annotations

import random

import pytest

from alliancemap.merge import estimate, lookup_keys
from alliancemap.merge.features import Context
from alliancemap.model import Article, Event, Party, Person, Source
from alliancemap.pipeline import merge_all
from alliancemap.store.db import open_store
from alliancemap.store.events import (
    candidate_events,
    event_detail,
    exported_events,
    load_clusters,
    replace_mentions,
)

SADDAM_AR = Person("صدام حفتر", actor_id="Q_saddam", name_ar="صدام حفتر", country="LBY")
SADDAM_EN = Person("Saddam Haftar", actor_id="Q_saddam", name_en="Saddam Haftar", country="LBY")
SADDAM_ALT = Person("Saddam Hafter", name_en="Saddam Hafter")  # an outlet's own spelling, unresolved
MUNIR = Person("Asim Munir", actor_id="Q_munir", name_en="Asim Munir", country="PAK")
GULER = Person("يشار غولر", actor_id="Q_guler", name_ar="يشار غولر", country="TUR")


def mention(article: str, type_: str, other: str, *, date: str | None = None, place: str | None = None,
            people: tuple[Person, ...] = (), start: int = 0, background: bool = False,
            sentence: str = "") -> Event:
    country = {"Rawalpindi": "PAK", "Islamabad": "PAK", "Ankara": "TUR", "Benghazi": "LBY"}.get(place or "")
    precision = None if not date else {10: "day", 7: "month", 4: "year"}[len(date)]
    return Event(type=type_, parties=[Party("LBY", "east"), Party(other)],
                 sources=[Source(article, sentence or f"{type_} sentence {start}", start, start + 90)],
                 people=list(people), date=date, date_precision=precision,
                 location={"name": place, "country": country} if place else None,
                 domains=["training"] if type_ == "AGREE" else [], background=background,
                 attributes={"instrument": "mou"} if type_ == "AGREE" else {})


# (article id, url, published, text, mentions)
ARTICLES = [
    ("ar-wasat", "https://alwasat.example.ly/news/1", "2025-07-15", "نص", [
        mention("ar-wasat", "VISIT", "PAK", date="2025-07-14", place="Rawalpindi", people=(SADDAM_AR, MUNIR)),
        mention("ar-wasat", "AGREE", "PAK", date="2025-07-14", place="Rawalpindi", start=400),
        mention("ar-wasat", "MEET", "PAK", date="2025-07-14", place="Rawalpindi", people=(SADDAM_AR, MUNIR),
                start=800)]),
    ("en-dawn", "https://dawn.example.pk/2025/07/14/libya-army-chief", None, "Libyan commander at GHQ.", [
        mention("en-dawn", "VISIT", "PAK", place="Islamabad", people=(SADDAM_EN,)),
        mention("en-dawn", "MEET", "PAK", place="Rawalpindi", people=(SADDAM_EN, MUNIR), start=300)]),
    ("en-wire", "https://wire.example.com/a/77", "2025-07-16", "Libya, Pakistan sign MoU.", [
        mention("en-wire", "AGREE", "PAK", date="2025-07-13", people=(SADDAM_ALT,)),
        mention("en-wire", "VISIT", "PAK", date="2025-07-13", people=(SADDAM_ALT,), start=200)]),
    ("ar-undated", "https://afrigate.example.ly/p?id=5", None,
     "بنغازي، 15 يوليو 2025 - قال مصدر إن الفريق صدام حفتر أنهى زيارته إلى باكستان.", [
         mention("ar-undated", "VISIT", "PAK", people=(SADDAM_AR,))]),
    ("ar-ankara", "https://aa.example.tr/ar/1", "2025-09-25", "نص", [
        mention("ar-ankara", "MEET", "TUR", date="2025-09-24", place="Ankara", people=(SADDAM_AR, GULER))]),
    ("en-ankara", "https://libyaobserver.example/ankara", "2025-09-26", "Haftar in Ankara.", [
        mention("en-ankara", "MEET", "TUR", date="2025-09-24", people=(SADDAM_EN,)),
        mention("en-ankara", "MEET", "TUR", date="2025-09-24", place="Ankara", people=(SADDAM_EN,), start=500)]),
    ("en-late", "https://herald.example.pk/dec", "2025-12-02", "A retrospective.", [
        mention("en-late", "VISIT", "PAK", date="2025-12-01", place="Islamabad", people=(SADDAM_EN,)),
        mention("en-late", "VISIT", "PAK", date="2025-07", people=(SADDAM_EN, MUNIR), start=600,
                background=True)]),
    ("ar-copy", "https://mirror.example.net/x", "2025-07-17", "نص", [
        mention("ar-copy", "VISIT", "PAK", date="2025-07-14", place="Rawalpindi", people=(SADDAM_AR,))]),
]


def _ingest(tmp_path, order: list[int], name: str, articles=ARTICLES):
    store = open_store(str(tmp_path / f"{name}.db"))
    for i in order:
        aid, url, published, text, events = articles[i]
        with store.transaction() as conn:
            store.add_article(conn, Article(aid, text, url=url, outlet=url.split("/")[2], published=published,
                                            lang="ar" if aid.startswith("ar") else "en"))
            replace_mentions(conn, aid, events)
        merge_all(store)  # one article per ingest: the hardest case for order independence
    return store


def _partition(store) -> list[list[tuple[str, int, str]]]:
    out = []
    for c in load_clusters(store.conn):
        out.append(sorted((m.article_id, m.event.sources[0].start, m.event.type) for m in c.members))
    return sorted(out)


@pytest.fixture
def stores(tmp_path):
    orders = [list(range(len(ARTICLES)))]
    rng = random.Random(7)
    for _ in range(2):
        order = list(range(len(ARTICLES)))
        rng.shuffle(order)
        orders.append(order)
    made = [_ingest(tmp_path, order, f"s{i}") for i, order in enumerate(orders)]
    yield made
    for s in made:
        s.close()


def test_three_orders_give_identical_clusters_and_ids(stores):
    parts = [_partition(s) for s in stores]
    assert parts[0] == parts[1] == parts[2]
    ids = [sorted(c.event_id for c in load_clusters(s.conn)) for s in stores]
    assert ids[0] == ids[1] == ids[2]
    assert any(len(p) >= 4 for p in parts[0])  # the July visit did gather its outlets


def test_july_visit_gathers_outlets_and_spellings(stores):
    rows = exported_events(stores[0].conn, type="VISIT")
    july = next(r for r in rows if (r["date"] or "").startswith("2025-07"))
    arts = {s["article_id"] for s in july["sources"]}
    assert {"ar-wasat", "en-dawn", "en-wire", "ar-undated", "ar-copy"} <= arts
    assert july["date"] == "2025-07-14"


def test_background_recollection_joins_the_earlier_event_and_is_not_fresh_corroboration(stores):
    rows = exported_events(stores[0].conn, type="VISIT")
    july = next(r for r in rows if (r["date"] or "").startswith("2025-07"))
    december = next(r for r in rows if r["date"] == "2025-12-01")
    assert "en-late" in {s["article_id"] for s in july["sources"]}
    assert [s["article_id"] for s in december["sources"]] == ["en-late"]
    news = {s["article_id"] for s in july["sources"] if not s["background"]}
    assert july["n_sources"] == len(news) and "en-late" not in news


def test_sources_keep_their_own_values_beside_the_consensus(stores):
    rows = exported_events(stores[0].conn, type="VISIT")
    july = next(r for r in rows if (r["date"] or "").startswith("2025-07"))
    by_art = {s["article_id"]: s for s in july["sources"]}
    assert by_art["en-wire"]["date"] == "2025-07-13" and july["date"] == "2025-07-14"
    assert by_art["en-dawn"]["location"] == {"name": "Islamabad", "country": "PAK"}
    assert "date" not in by_art["en-dawn"]  # the article itself gives no date: the event's date stands
    assert [p["name"] for p in by_art["en-wire"]["people"]] == ["Saddam Hafter"]


def test_within_one_article_meeting_and_visit_stay_apart_and_mentions_of_one_meeting_join(stores):
    rows = exported_events(stores[0].conn)
    ankara = [r for r in rows if r["type"] == "MEET" and r["date"] == "2025-09-24"]
    assert len(ankara) == 1 and {s["article_id"] for s in ankara[0]["sources"]} == {"ar-ankara", "en-ankara"}
    visit = next(r for r in rows if r["type"] == "VISIT" and r["date"] == "2025-07-14")
    meet = next(r for r in rows if r["type"] == "MEET" and r["date"] == "2025-07-14")
    assert visit["event_id"] != meet["event_id"]
    assert {"relation": "during", "event_id": visit["event_id"]} in meet["related"]


def test_event_detail_explains_members_and_near_misses(stores):
    store = stores[0]
    # a visit by the western Libyan government to Pakistan the next day: found by blocking, kept apart
    west = mention("en-west", "VISIT", "PAK", date="2025-12-02", people=(MUNIR,))
    west.parties = [Party("LBY", "west"), Party("PAK")]
    with store.transaction() as conn:
        store.add_article(conn, Article("en-west", "Tripoli delegation in Islamabad.", url="https://tw.example/1",
                                        outlet="tw.example", published="2025-12-03", lang="en"))
        replace_mentions(conn, "en-west", [west])
    merge_all(store)
    conn = store.conn
    rows = exported_events(conn, type="VISIT")
    december = next(r for r in rows if r["date"] == "2025-12-01")
    detail = event_detail(conn, december["event_id"])
    assert detail is not None and detail["event"]["event_id"] == december["event_id"]
    assert detail["members"][0]["evidence"] == ["first report"]
    other = next(r for r in rows if r["date"] == "2025-12-02")
    misses = event_detail(conn, other["event_id"])["near_misses"]
    assert misses, "the western delegation's visit was compared with the eastern commander's"
    assert misses[0]["other_event_id"] == december["event_id"]
    assert misses[0]["other_type"] == "VISIT" and misses[0]["reasons"][-1].endswith(": no")
    assert event_detail(conn, "ev_missing") is None


def test_blocking_finds_only_the_dyad_and_months_a_mention_can_reach(stores):
    conn = stores[0].conn
    probe = mention("probe", "VISIT", "TUR", date="2025-07-14")
    assert candidate_events(conn, *lookup_keys(probe, Context())) == set()
    probe = mention("probe", "VISIT", "PAK", date="2025-12-02")
    found = candidate_events(conn, *lookup_keys(probe, Context()))
    dates = {r["event_id"]: r["date"] for r in exported_events(conn)}
    assert found and all(dates[e] == "2025-12-01" for e in found)


@pytest.mark.parametrize(("url", "text", "expected"), [
    ("https://x.example/politics/2025/03/14/talks", "", ("2025-03-14", "day", "url")),
    ("https://x.example/news-20250314-talks.html", "", ("2025-03-14", "day", "url")),
    ("https://x.example/2024/11/talks", "", ("2024-11", "month", "url")),
    (None, "BENGHAZI, 14 March 2025 (Staff) - The commander received the delegation.", ("2025-03-14", "day",
                                                                                      "dateline")),
    (None, "طرابلس - الخميس 13 مارس 2025: استقبل رئيس الأركان الوفد الزائر.", ("2025-03-13", "day", "dateline")),
])
def test_article_date_estimate(url, text, expected):
    est = estimate("a", text, url=url)
    assert est is not None and (est.date, est.precision, est.basis) == expected


def test_history_further_down_is_not_taken_for_the_article_date():
    text = ("The two armies held talks on Tuesday. " * 10) + "Relations go back to 2009, when a first accord was signed."
    assert estimate("a", text) is None
    assert estimate("a", text, published="2025-09-23T08:00:00Z").date == "2025-09-23"


def test_a_later_report_can_move_a_member_to_the_event_it_fits_better(tmp_path):
    """An undated report first joins the only visit of its pair; a second visit it matches takes it over."""
    guest = Person("Ahmed Salem", actor_id="Q_salem", name_en="Ahmed Salem", country="LBY")
    arts = [
        ("july", "https://a.example/j", "2025-07-15", [mention("july", "VISIT", "PAK", date="2025-07-14",
                                                               people=(SADDAM_EN,))]),
        ("vague", "https://b.example/v", None, [mention("vague", "VISIT", "PAK", place="Lahore", people=(guest,))]),
        ("sept", "https://c.example/s", "2025-09-03", [mention("sept", "VISIT", "PAK", date="2025-09-02",
                                                               place="Lahore", people=(guest,))]),
    ]
    store = open_store(str(tmp_path / "split.db"))

    def home_of(article: str) -> set[str]:
        cluster = next(c for c in load_clusters(store.conn) if article in {m.article_id for m in c.members})
        return {m.article_id for m in cluster.members}

    for i, (aid, url, published, events) in enumerate(arts):
        with store.transaction() as conn:
            store.add_article(conn, Article(aid, "text", url=url, published=published, lang="en"))
            replace_mentions(conn, aid, events)
        merge_all(store)
        if i == 1:
            assert home_of("vague") == {"july", "vague"}  # nothing else to join yet
    assert home_of("vague") == {"sept", "vague"} and home_of("july") == {"july"}
    store.close()


def _co_report(article: str, type_: str, *, date: str | None = None, background: bool = False,
               start: int = 0) -> Event:
    return Event(type=type_, parties=[Party("KOR"), Party("ARE")],
                 sources=[Source(article, f"{type_} sentence {start}", start, start + 90)],
                 date=date, date_precision={10: "day", 4: "year"}[len(date)] if date else None,
                 attributes={"date_from": "sentence"} if date else {}, background=background)


# Three outlets report a January air-defence sale; two of them also recall the years-long training mission
CO_REPORTS = [
    ("kr-wire", "https://wire.example.kr/1", "2022-01-17", "Seoul, Abu Dhabi sign air-defence deal.", [
        _co_report("kr-wire", "ARMS_DEAL", date="2022-01-16"),
        _co_report("kr-wire", "TRAINING", background=True, start=400)]),
    ("ar-site", "https://site.example.ae/p?id=9", None, "الإمارات وكوريا توقعان صفقة دفاع جوي.", [
        _co_report("ar-site", "ARMS_DEAL"),
        _co_report("ar-site", "TRAINING", date="2011", start=400)]),
    ("en-daily", "https://daily.example.com/x", "2022-01-18", "UAE buys Korean missiles.", [
        _co_report("en-daily", "ARMS_DEAL", date="2022-01-16")]),
]


def test_recollections_of_co_reports_are_one_event_in_any_order(tmp_path):
    parts = []
    for i, order in enumerate(([0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0])):
        store = _ingest(tmp_path, order, f"co{i}", CO_REPORTS)
        parts.append((_partition(store), sorted(c.event_id for c in load_clusters(store.conn))))
        store.close()
    assert all(p == parts[0] for p in parts)
    clusters = parts[0][0]
    assert [("ar-site", 400, "TRAINING"), ("kr-wire", 400, "TRAINING")] in clusters
