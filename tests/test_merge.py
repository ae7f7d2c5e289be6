"""merge: near-duplicate articles, pair scoring, clustering, consensus, conflicts and links.

The story used throughout: the eastern Libyan ground-forces commander visits Pakistan's army chief in
July 2025, reported by Arabic and English outlets (one wire story syndicated by two sites, one report
undated); an MoU is signed during the visit; he visits again in November.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancemap.merge import (
    DuplicateIndex,
    cluster_events,
    corroboration,
    mention_id,
    near_duplicate_groups,
    score_pair,
)
from alliancemap.model import Event, Party, Person, Source

SADDAM = Person("صدام حفتر", actor_id="Q_saddam", name_ar="صدام حفتر", name_en="Saddam Haftar",
                role="رئيس أركان القوات البرية", country="LBY")
MUNIR = Person("Asim Munir", actor_id="Q_munir", name_en="Asim Munir", role="Field Marshal", country="PAK")
DAR = Person("Ishaq Dar", actor_id="Q_dar", name_en="Ishaq Dar", role="Foreign Minister", country="PAK")


def report(article: str, outlet: str, published: str, type_: str = "VISIT", *, date: str | None = None,
           place: str | None = None, people: tuple[Person, ...] = (SADDAM, MUNIR), start: int = 0,
           faction: str | None = "east", background: bool = False, confidence: float = 0.5,
           **attributes: object) -> Event:
    """One event mention as the extractor emits it."""
    country = {"Rawalpindi": "PAK", "Islamabad": "PAK", "Lahore": "PAK", "Benghazi": "LBY"}.get(place or "")
    return Event(
        type=type_,
        parties=[Party("LBY", faction, "Q_lna" if faction == "east" else None), Party("PAK", None, "Q_pak")],
        sources=[Source(article, f"sentence at {start}", start, start + 80, f"https://{outlet}/{article}",
                        outlet, published)],
        people=list(people), date=date, date_precision="day" if date and len(date) == 10 else None,
        location={"name": place, "country": country} if place else None,
        domains=["training"] if type_ != "VISIT" else [], attributes=dict(attributes),
        confidence=confidence, background=background,
    )


def make_story() -> dict[str, Event]:
    """The July visit from five articles, an MoU signed during it, and the November visit."""
    return {
        "ar1": report("ar1", "alwasat.example.ly", "2025-07-15", date="2025-07-14", place="Rawalpindi"),
        "en1": report("en1", "dawn.example.pk", "2025-07-14", date="2025-07-14", place="Rawalpindi"),
        "wire": report("wire", "wire.example.com", "2025-07-15", date="2025-07-13", place="Islamabad"),
        "wirecopy": report("wirecopy", "mirror.example.net", "2025-07-16", date="2025-07-13",
                           place="Islamabad"),
        "undated": report("undated", "afrigate.example.ly", "2025-07-22", people=(SADDAM,)),
        "agree": report("ar1", "alwasat.example.ly", "2025-07-15", "AGREE", date="2025-07-14",
                        place="Rawalpindi", start=300, instrument="mou"),
        "second": report("nov", "dawn.example.pk", "2025-11-03", date="2025-11-02", place="Rawalpindi"),
    }


@pytest.fixture
def story() -> dict[str, Event]:
    return make_story()


DUPS = {"wirecopy": "wire"}


def _visit(clusters, date_prefix: str):
    return next(c for c in clusters if c.consensus.type == "VISIT" and (c.consensus.date or "").startswith(date_prefix))


# ----------------------------------------------------------------------------------------- score_pair


def test_same_visit_two_outlets_scores_high_with_reasons(story):
    score, reasons = score_pair(story["ar1"], story["en1"])
    assert score >= 0.8
    assert "same type VISIT" in reasons
    assert "same parties LBY:east+PAK" in reasons
    assert "same date 2025-07-14" in reasons
    assert "same place Rawalpindi" in reasons
    assert "shared people: Saddam Haftar, Asim Munir" in reasons


def test_rawalpindi_vs_islamabad_is_a_conflict_not_a_blocker(story):
    score, reasons = score_pair(story["ar1"], story["wire"])
    assert score >= 0.6
    assert any("Rawalpindi vs Islamabad" in r and r.endswith("conflict") for r in reasons)
    assert any("1 day apart" in r for r in reasons)


def test_visit_and_meeting_never_merge(story):
    meet = copy.deepcopy(story["en1"])
    meet.type = "MEET"
    score, reasons = score_pair(story["en1"], meet)
    assert score == 0.0 and reasons[-1] == "types differ VISIT vs MEET: no"


def test_far_apart_dates_block(story):
    later = report("x", "dawn.example.pk", "2025-08-24", date="2025-08-23", place="Rawalpindi")
    score, reasons = score_pair(story["en1"], later)
    assert score == 0.0 and reasons[-1] == "dates 40 days apart (2025-07-14, 2025-08-23): no"


def test_factions_must_be_compatible(story):
    west = report("w", "libyaobserver.example", "2025-07-14", date="2025-07-14", place="Rawalpindi",
                  faction="west")
    assert score_pair(story["en1"], west)[0] == 0.0
    unknown = report("u", "libyaobserver.example", "2025-07-14", date="2025-07-14", place="Rawalpindi",
                     faction=None)
    assert score_pair(story["en1"], unknown)[0] >= 0.6


def test_places_in_different_countries_block(story):
    elsewhere = report("b", "x.example", "2025-07-14", date="2025-07-14", place="Benghazi")
    score, reasons = score_pair(story["en1"], elsewhere)
    assert score == 0.0 and "different countries" in reasons[-1]


def test_two_non_capital_cities_of_one_country_block(story):
    lahore = report("l", "x.example", "2025-07-14", date="2025-07-14", place="Lahore")
    assert score_pair(story["wire"], lahore)[0] > 0  # Islamabad is the capital: a conflict, not a blocker
    score, reasons = score_pair(story["ar1"], lahore)
    assert score == 0.0 and reasons[-1] == "different places Rawalpindi vs Lahore: no"


def test_undated_report_joins_only_within_window(story):
    score, reasons = score_pair(story["undated"], story["en1"])
    assert score >= 0.6 and any("one undated, written 2025-07-22, event 2025-07-14" in r for r in reasons)
    stale = report("old", "afrigate.example.ly", "2025-10-01", people=(SADDAM,))
    score, reasons = score_pair(stale, story["en1"])
    assert score == 0.0 and reasons[-1].endswith(": no")


def test_month_precision_contains_day(story):
    month = report("m", "x.example", "2025-07-30", date="2025-07", place="Rawalpindi")
    month.date_precision = "month"
    score, reasons = score_pair(month, story["en1"])
    assert score >= 0.6 and "dates compatible (2025-07 contains 2025-07-14)" in reasons


# ------------------------------------------------------------------------------------- cluster_events


def test_story_clusters(story):
    clusters = cluster_events(list(story.values()), duplicates=DUPS)
    assert len(clusters) == 3
    july = _visit(clusters, "2025-07")
    assert sorted(m.article_id for m in july.members) == ["ar1", "en1", "undated", "wire", "wirecopy"]
    assert july.consensus.date == "2025-07-14" and july.consensus.date_precision == "day"
    assert july.consensus.location == {"name": "Rawalpindi", "country": "PAK"}
    nov = _visit(clusters, "2025-11")
    assert [m.article_id for m in nov.members] == ["nov"]
    agree = next(c for c in clusters if c.consensus.type == "AGREE")
    assert agree.related == [("during", july.event_id)]
    assert ("includes", agree.event_id) in july.related
    assert nov.related == []


def test_conflicts_count_independent_sources(story):
    july = _visit(cluster_events(list(story.values()), duplicates=DUPS), "2025-07")
    loc = july.conflicts["location"]
    assert [(e["value"], e["n_sources"]) for e in loc] == [("Rawalpindi", 2), ("Islamabad", 1)]
    assert loc[1]["articles"] == ["wire", "wirecopy"]
    assert [(e["value"], e["n_sources"]) for e in july.conflicts["date"]] == [("2025-07-14", 2), ("2025-07-13", 1)]


def test_syndicated_copy_counted_once(story):
    mentions = [story[k] for k in ("ar1", "en1", "wire", "wirecopy", "undated")]
    with_dups = _visit(cluster_events(mentions, duplicates=DUPS), "2025-07")
    without = _visit(cluster_events(mentions), "2025-07")
    assert (with_dups.n_sources, with_dups.n_outlets) == (4, 4)
    assert (without.n_sources, without.n_outlets) == (5, 5)
    assert with_dups.confidence < without.confidence
    assert len(with_dups.consensus.sources) == 5  # every supporting article is still cited


def test_people_united_with_counts(story):
    july = _visit(cluster_events(list(story.values()), duplicates=DUPS), "2025-07")
    assert july.people_counts == {"Saddam Haftar": 4, "Asim Munir": 3}
    assert [p.actor_id for p in july.consensus.people] == ["Q_saddam", "Q_munir"]


def test_members_keep_scores_and_reasons(story):
    july = _visit(cluster_events(list(story.values()), duplicates=DUPS), "2025-07")
    first, *rest = july.members
    assert first.reasons == ["first report"] and first.score == 1.0
    for m in rest:
        assert 0.6 <= m.score <= 1.0 and "same type VISIT" in m.reasons


def test_second_mention_in_same_article_is_the_same_event():
    first = report("a", "alwasat.example.ly", "2025-07-15", date="2025-07-14", place="Rawalpindi")
    later = report("a", "alwasat.example.ly", "2025-07-15", people=(SADDAM,), start=900)
    clusters = cluster_events([first, later])
    assert len(clusters) == 1 and len(clusters[0].members) == 2
    assert "same article as an earlier sentence of this event" in clusters[0].members[1].reasons


def test_meetings_with_different_hosts_stay_apart():
    army = report("a", "x.example", "2025-07-14", "MEET", date="2025-07-14", place="Rawalpindi")
    fm = report("a", "x.example", "2025-07-14", "MEET", date="2025-07-14", place="Islamabad",
                people=(SADDAM, DAR), start=400)
    clusters = cluster_events([army, fm])
    assert len(clusters) == 2
    assert score_pair(army, fm)[1][-1] == "different PAK counterparts: Asim Munir vs Ishaq Dar: no"


def _signature(clusters):
    return sorted((c.event_id, tuple(sorted(c.member_ids)), c.consensus.date) for c in clusters)


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(7))))
def test_order_independent(order):
    base = list(make_story().values())
    shuffled = [base[i] for i in order]
    assert _signature(cluster_events(shuffled, duplicates=DUPS)) == _signature(cluster_events(base, duplicates=DUPS))


def test_incremental_attach_and_stable_rerun(story):
    early = cluster_events([story["en1"], story["agree"]])
    ids_before = {c.consensus.type: c.event_id for c in early}
    later = cluster_events([story[k] for k in ("ar1", "wire", "wirecopy", "undated", "second")],
                           existing=early, duplicates=DUPS)
    july = _visit(later, "2025-07")
    assert july.event_id == ids_before["VISIT"]
    assert sorted(m.article_id for m in july.members) == ["ar1", "en1", "undated", "wire", "wirecopy"]
    again = cluster_events(list(story.values()), existing=later, duplicates=DUPS)
    assert _signature(again) == _signature(later)
    assert [c.conflicts for c in again] == [c.conflicts for c in later]


def test_mention_id_is_content_derived(story):
    twin = copy.deepcopy(story["en1"])
    assert mention_id(twin) == mention_id(story["en1"])
    twin.sources[0].start += 1
    assert mention_id(twin) != mention_id(story["en1"])


def test_corroboration_formula(story):
    assert corroboration([story["en1"]]) == (1, 1, 0.5)
    assert corroboration([story["en1"], story["ar1"]])[2] == 0.75
    assert corroboration([story["wire"], story["wirecopy"]], DUPS) == (1, 1, 0.5)


# ------------------------------------------------------------------------------------ near duplicates

WIRE = (
    "Rawalpindi, July 14: The commander of the Libyan National Army's ground forces, Lieutenant General "
    "Saddam Haftar, called on Field Marshal Asim Munir at General Headquarters on Monday. The two sides "
    "reviewed defence cooperation, including training of Libyan officers at Pakistani military academies, "
    "and agreed to set up a joint committee to follow up on the programmes signed during the visit."
)
REWRITE = (
    "RAWALPINDI (July 14): Lieutenant General Saddam Haftar, the commander of the Libyan National Army's "
    "ground forces, called on Field Marshal Asim Munir at General Headquarters on Monday. The two sides "
    "reviewed defence cooperation, including training of Libyan officers at Pakistani military academies, "
    "and agreed to set up a joint committee to follow up on the programmes signed during the visit."
)
OTHER = (
    "Benghazi, November 2: A Pakistani naval delegation arrived in Benghazi for talks with the Libyan "
    "navy command on maritime security, coastal patrols and the maintenance of patrol boats, according "
    "to a statement from the General Command's media office issued late on Sunday evening."
)
ARABIC = "استقبل الفريق أول صدام حفتر وفدا عسكريا باكستانيا في بنغازي لبحث التعاون في مجال التدريب العسكري"


def test_near_duplicate_groups_copies_and_rewrites():
    groups = near_duplicate_groups([("wire", WIRE), ("copy", WIRE + " "), ("rewrite", REWRITE),
                                    ("other", OTHER), ("ar", ARABIC), ("ar_diacritics", ARABIC.replace("صدام", "صدّام"))])
    assert groups == {"wire": "wire", "copy": "wire", "rewrite": "wire", "other": "other", "ar": "ar",
                      "ar_diacritics": "ar"}


def test_duplicate_index_rebuilds_from_signatures():
    index = DuplicateIndex()
    first = [index.add(a, t) for a, t in (("wire", WIRE), ("other", OTHER), ("rewrite", REWRITE))]
    assert [(m.article_id, m.canonical_id) for m in first] == [("wire", "wire"), ("other", "other"),
                                                                ("rewrite", "wire")]
    assert 0.8 <= first[2].jaccard < 1.0
    rebuilt = DuplicateIndex()
    for aid in ("wire", "other", "rewrite"):
        rebuilt.add_signature(aid, index.signature(aid))
    assert rebuilt.canonical == index.canonical
    assert [a for a, _ in rebuilt.query(REWRITE)] == ["rewrite", "wire"]
    assert index.add("empty", "").canonical_id == "empty"


def test_unresolved_meetings_in_one_article_with_different_people_stay_apart():
    """The extractor could not resolve the names, but one article tells two meetings with two hosts."""
    def meet(people: tuple[str, ...], start: int) -> Event:
        ev = report("ank", "alaraby.example", "2025-11-20", "MEET", date="2025-11-20", place="Ankara",
                    people=tuple(Person(n) for n in people), start=start)
        ev.parties[1] = Party("TUR")
        ev.location = {"name": "Ankara", "country": "TUR"}
        return ev

    fidan, guler = meet(("صدام حفتر", "هاكان فيدان"), 100), meet(("صدام حفتر", "يشار غولر"), 600)
    assert len(cluster_events([fidan, guler])) == 2
    again = meet(("صدام حفتر",), 900)  # a later sentence naming only the visitor joins the first meeting
    clusters = cluster_events([fidan, guler, again])
    assert sorted(len(c.members) for c in clusters) == [1, 2]


# ------------------------------------------------------------------------------ cross-outlet agreement


def test_signing_placed_in_each_partys_country_is_one_agreement_when_close_in_time():
    """One outlet writes its dateline (Benghazi), another the other side's city: a conflict, not two."""
    ank = report("a", "x.example", "2025-07-15", "AGREE", date="2025-07-14", place="Rawalpindi", instrument="mou")
    bgz = report("b", "y.example", "2025-07-16", "AGREE", date="2025-07-14", place="Benghazi",
                 people=(SADDAM,), instrument="mou")
    score, reasons = score_pair(ank, bgz)
    assert score >= 0.6
    assert "places in the two parties' countries: Rawalpindi (PAK) vs Benghazi (LBY): conflict" in reasons
    # a visit has a host: the same two cities are two trips
    assert score_pair(report("a", "x.example", "2025-07-15", date="2025-07-14", place="Rawalpindi"),
                      report("b", "y.example", "2025-07-16", date="2025-07-14", place="Benghazi"))[0] == 0.0
    # and two signings months apart stay apart
    later = report("c", "y.example", "2025-10-02", "AGREE", date="2025-10-01", place="Benghazi", instrument="mou")
    assert score_pair(ank, later)[0] == 0.0


def test_later_report_siding_with_either_place_joins_the_agreement():
    first = report("a", "x.example", "2025-07-15", "AGREE", date="2025-07-14", place="Rawalpindi", instrument="mou")
    dateline = report("b", "y.example", "2025-07-20", "AGREE", date="2025-07-14", place="Benghazi",
                      people=(SADDAM,), instrument="mou")
    weeks_later = report("c", "z.example", "2025-09-10", "AGREE", date="2025", place="Benghazi", people=(),
                         instrument="mou")
    weeks_later.date_precision = "year"
    clusters = cluster_events([first, dateline, weeks_later])
    assert len(clusters) == 1
    assert sorted(m.article_id for m in clusters[0].members) == ["a", "b", "c"]
    assert clusters[0].consensus.date == "2025-07-14"  # the undated-to-the-day report takes the dated one's day
    assert any("as another report of this event" in r for r in clusters[0].members[2].reasons)
    assert "location" in clusters[0].conflicts


def test_arms_deal_with_the_same_headline_value_is_one_deal():
    a = report("a", "x.example", "", "ARMS_DEAL", people=(), value_usd=1_000_000_000, instrument="contract")
    b = report("b", "y.example", "", "ARMS_DEAL", people=(), value_usd=1.0e9)
    for ev in (a, b):
        ev.sources[0].published = None
    score, reasons = score_pair(a, b)
    assert score >= 0.6 and "same value $1bn" in reasons
    c = report("c", "z.example", "", "ARMS_DEAL", people=(), value_usd=400_000_000)
    c.sources[0].published = None
    assert score_pair(a, c)[0] < 0.6 and "values differ $1bn vs $400m" in score_pair(a, c)[1]


def test_undated_report_of_the_same_day_news_joins_the_dated_meeting():
    dated = report("a", "x.example", "2025-07-15", "MEET", date="2025-07-14", place="Rawalpindi", people=())
    fresh = report("b", "y.example", "2025-07-15", "MEET", people=())
    score, reasons = score_pair(dated, fresh)
    assert score >= 0.6 and any(r.endswith("same news)") for r in reasons)
    stale = report("c", "y.example", "2025-08-30", "MEET", people=())  # past the undated window
    assert score_pair(dated, stale)[0] == 0.0


def test_syndicated_copy_sentence_joins_even_without_dates():
    a = report("wire", "a.example", "2025-09-17", "MEET", people=())
    b = report("wirecopy", "b.example", "2025-11-17", "MEET", people=())  # the copy was put online later
    for ev in (a, b):
        ev.sources[0].sentence = "The two sides held talks on regional security."
    assert len(cluster_events([a, b])) == 2  # unrelated articles written two months apart
    clusters = cluster_events([a, b], duplicates={"wirecopy": "wire"})
    assert len(clusters) == 1
    assert any("near-duplicate copy" in r for r in clusters[0].members[1].reasons)


def test_provenance_attributes_are_not_conflicts(story):
    a, b = story["ar1"], copy.deepcopy(story["en1"])
    a.attributes["trigger"] = {"id": "ar_visit"}
    b.attributes["trigger"] = {"id": "en_visit"}
    (cluster,) = cluster_events([a, b])
    assert not any(k.startswith("attributes.") for k in cluster.conflicts)


def test_near_duplicates_ignore_page_furniture():
    furniture_a = "Home | News | Opinion | Video\nShare on Facebook | Share on X\nPlease type your comment!"
    furniture_b = "This site uses a trial theme, please activate the licence\nBy Staff - 17 September\nRelated: x"
    body = "\n".join([WIRE, OTHER])
    groups = near_duplicate_groups([("a", furniture_a + "\n" + body), ("b", furniture_b + "\n" + body),
                                    ("c", OTHER)])
    assert groups["b"] == "a" and groups["c"] == "c"


# ------------------------------------------------------------------------------ dates and places that are not the event's


def test_a_date_inherited_from_the_lead_does_not_block():
    """A wire dates every sentence with its own lead date; the sentence itself gave none."""
    dated = report("a", "x.example", "2025-07-15", date="2025-07-14", place="Rawalpindi")
    wire = report("b", "wire.example", "2025-07-25", date="2025-07-24", place="Rawalpindi")
    assert score_pair(dated, wire)[0] == 0.0  # the sentence's own date: ten days apart
    wire.attributes["date_from"] = "lead"
    score, reasons = score_pair(dated, wire)
    assert score >= 0.6 and not any(r.endswith(": no") for r in reasons)


def test_a_capital_standing_for_its_government_is_a_conflict_not_another_visit():
    """"Islamabad agreed …": one outlet's place is a party's capital used as the actor, the same day."""
    a = report("a", "x.example", "2025-07-15", date="2025-07-14", place="Islamabad")
    b = report("b", "y.example", "2025-07-15", date="2025-07-14", place="Benghazi", people=(SADDAM,))
    score, reasons = score_pair(a, b)
    assert score > 0 and any(r.endswith("conflict") for r in reasons)
    # two cities of the two sides, neither a capital: two trips
    assert score_pair(report("c", "x.example", "2025-07-15", date="2025-07-14", place="Lahore"), b)[0] == 0.0
    # and the capital does not excuse reports months apart
    months_apart = report("d", "y.example", "2025-10-02", date="2025-10-01", place="Benghazi")
    assert score_pair(a, months_apart)[0] == 0.0


def test_a_recollection_in_the_same_article_is_never_absorbed_into_the_news():
    news = report("a", "x.example", "2025-07-15", date="2025-07-14", place="Rawalpindi")
    recalled = report("a", "x.example", "2025-07-15", date="2025-07", people=(SADDAM,), start=700, background=True)
    score, reasons = score_pair(news, recalled)
    assert score == 0.0 and reasons[-1].startswith("same article: one report recalls")
    assert len(cluster_events([news, recalled])) == 2
