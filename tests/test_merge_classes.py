"""Classes of merge errors met on unseen news, each with reports written for this file (Arabic and English).

- a recollection ("recalled his own trip of 2000", "ويُذكر أن … خلال زيارته") is flagged as background,
  so it never corroborates today's news;
- weak places (a capital standing for its government, a place from a background sentence) are a
  conflict, never a block;
- a year-only date on a report told as news ("since 2009", "the first in 2009") is unsure: it does not
  block an undated report of the same news;
- two reports of the same news that both recall an earlier event of the same pair recall one event,
  but a recollection is never joined to the very news those reports tell.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from alliancemap.extract import extract_article
from alliancemap.merge import cluster_events, score_pair
from alliancemap.model import Article, ArticleDate, Event, Party, Person, Source
from alliancemap.text.normalize import content_hash
from alliancemap.text.sentences import split_paragraphs, split_sentences

# --------------------------------------------------------------------------------------------------
# Recollections are flagged by the extractor
# --------------------------------------------------------------------------------------------------


def _events(text: str, published: str | None = None) -> list[Event]:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
    art = Article(article_id=content_hash(text), text=text, published=published, lang=lang, title=None,
                  url="https://example.test/a", outlet="example.test",
                  sentences=split_sentences(text), paragraphs=split_paragraphs(text))
    return extract_article(art).events


RECOLLECTIONS = [
    ("The Algerian president recalled his visit to Moscow two decades ago, saying ties had grown since.",
     "VISIT"),
    ("Erdogan recalled the state visit he paid to Somalia 14 years ago during the famine.", "VISIT"),
    ("واستذكر الرئيس الجزائري زيارته إلى موسكو قبل عشرين عاما، مؤكدا أن العلاقات تطورت منذ ذلك الحين.",
     "VISIT"),
    ("ويُذكر أن وزير الدفاع التركي أجرى زيارة إلى الصومال ضمن جولة أفريقية شملت كينيا وجيبوتي.", "VISIT"),
    ("يذكر أن قطر وتركيا وقّعتا اتفاقية للتعاون العسكري تسمح بنشر قوات تركية في الدوحة.", "AGREE"),
]


@pytest.mark.parametrize(("text", "etype"), RECOLLECTIONS)
def test_recollection_wording_is_flagged_as_background(text, etype):
    found = [e for e in _events(text, "2025-10-21") if e.type == etype]
    assert found, f"no {etype} in {text!r}"
    assert all(e.background for e in found)


@pytest.mark.parametrize("text", [
    "The Algerian president arrived in Moscow on Tuesday for a three-day official visit.",
    "وصل الرئيس الجزائري إلى موسكو اليوم الثلاثاء في زيارة رسمية تستغرق ثلاثة أيام.",
])
def test_news_of_a_visit_is_not_background(text):
    visits = [e for e in _events(text, "2025-10-21") if e.type == "VISIT"]
    assert visits and not any(e.background for e in visits)

# --------------------------------------------------------------------------------------------------
# Pair evidence on weak places and weak dates
# --------------------------------------------------------------------------------------------------


def mention(article: str, type_: str, parties: tuple[str, str], *, date: str | None = None,
            place: tuple[str, str] | None = None, published: str | None = None, background: bool = False,
            sentence: str = "", start: int = 0) -> Event:
    precision = None if not date else {10: "day", 7: "month", 4: "year"}[len(date)]
    return Event(type=type_, parties=[Party(c) for c in parties],
                 sources=[Source(article, sentence or f"{type_} {start}", start, start + 80,
                                 f"https://{article}.example/x", article, published)],
                 date=date, date_precision=precision,
                 location={"name": place[0], "country": place[1]} if place else None,
                 attributes={"date_from": "sentence"} if date else {}, background=background)


def test_capitals_standing_for_the_two_governments_do_not_block():
    # "وقّعت الرباط ونواكشوط عام 2019 اتفاقية…" recalled in one report; an undated page tells the signing
    recalled = mention("ma-press", "AGREE", ("MAR", "MRT"), date="2019", place=("Rabat", "MAR"),
                       background=True, published="2025-03-02",
                       sentence="ووقّعت الرباط ونواكشوط عام 2019 اتفاقية للتعاون العسكري.")
    undated = mention("mr-site", "AGREE", ("MRT", "MAR"), place=("Nouakchott", "MRT"),
                      sentence="Nouakchott and Rabat signed a military cooperation agreement.")
    score, reasons = score_pair(recalled, undated)
    assert score > 0 and not reasons[-1].endswith(": no"), reasons
    assert any("conflict" in r for r in reasons)


def test_two_cities_of_two_countries_still_block_news_of_the_same_days():
    a = mention("a", "MEET", ("EGY", "GRC"), date="2025-04-02", place=("Alexandria", "EGY"),
                published="2025-04-02")
    b = mention("b", "MEET", ("EGY", "GRC"), date="2025-04-02", place=("Thessaloniki", "GRC"),
                published="2025-04-03")
    score, reasons = score_pair(a, b)
    assert score == 0 and reasons[-1].endswith(": no")


def test_a_place_from_a_background_sentence_does_not_block():
    news = mention("news", "VISIT", ("IDN", "FRA"), date="2025-06-10", place=("Jakarta", "IDN"),
                   published="2025-06-10", sentence="French defence minister arrived in Jakarta on Tuesday.")
    recalled = mention("old", "VISIT", ("FRA", "IDN"), date="2025-06", place=("Surabaya", "IDN"),
                       background=True, published="2025-07-01",
                       sentence="وكان الوزير الفرنسي قد زار إندونيسيا الشهر الماضي وتفقد حوض بناء السفن في سورابايا.")
    score, reasons = score_pair(news, recalled)
    assert not reasons[-1].endswith(": no"), reasons


def test_a_year_only_date_on_news_does_not_block_an_undated_report_of_the_same_days():
    # "انطلقت مناورات … بعد انقطاع منذ 2012": the year is the pause, not the drill
    year_only = mention("ar-drill", "EXERCISE", ("EGY", "GRC"), date="2012",
                        sentence="انطلقت مناورات ميدوزا بين مصر واليونان للمرة الأولى منذ 2012.")
    undated = mention("en-drill", "EXERCISE", ("GRC", "EGY"), published="2025-11-04",
                      sentence="The Medusa drill between Greece and Egypt began off Crete.")
    score, reasons = score_pair(year_only, undated)
    assert score >= 0.55, reasons
    assert any("unsure" in r for r in reasons)


def test_a_day_precise_date_on_news_still_blocks_a_report_written_years_later():
    dated = mention("ar-drill", "EXERCISE", ("EGY", "GRC"), date="2012-05-04")
    undated = mention("en-drill", "EXERCISE", ("GRC", "EGY"), published="2025-11-04")
    score, reasons = score_pair(dated, undated)
    assert score == 0 and reasons[-1].endswith(": no")


def test_a_year_only_date_of_a_recollection_still_blocks_todays_news():
    recalled = mention("old", "AGREE", ("QAT", "TUR"), date="2014", background=True, published="2025-08-01")
    news = mention("new", "AGREE", ("QAT", "TUR"), date="2025-07-30", published="2025-07-30")
    assert score_pair(recalled, news)[0] == 0

# --------------------------------------------------------------------------------------------------
# Recollections in reports of the same news
# --------------------------------------------------------------------------------------------------


def _cluster_of(clusters, article: str, type_: str):
    return next(c for c in clusters for m in c.members
                if m.article_id == article and m.event is not None and m.event.type == type_)


def test_two_reports_of_the_same_news_recall_one_earlier_event():
    # both outlets report this week's air-defence sale and recall the training mission of earlier years
    a_news = mention("kr-wire", "ARMS_DEAL", ("KOR", "ARE"), date="2022-01-16", published="2022-01-17",
                     sentence="Seoul and Abu Dhabi signed a $3.5 billion deal for medium-range air defence.")
    a_old = mention("kr-wire", "TRAINING", ("KOR", "ARE"), background=True, published="2022-01-17", start=300,
                    sentence="South Korean special forces had trained Emirati troops for years.")
    b_news = mention("ar-site", "ARMS_DEAL", ("ARE", "KOR"),
                     sentence="وقّعت الإمارات وكوريا الجنوبية صفقة منظومات دفاع جوي متوسطة المدى.")
    b_old = mention("ar-site", "TRAINING", ("ARE", "KOR"), date="2011", start=300,
                    sentence="منذ 2011 تنتشر وحدة كورية خاصة في الإمارات لتدريب قواتها.")
    dates = {"kr-wire": ArticleDate("kr-wire", "2022-01-17", "day", "published")}
    clusters = cluster_events([a_news, a_old, b_news, b_old], article_dates=dates)
    assert _cluster_of(clusters, "kr-wire", "ARMS_DEAL") is _cluster_of(clusters, "ar-site", "ARMS_DEAL")
    old = _cluster_of(clusters, "kr-wire", "TRAINING")
    assert old is _cluster_of(clusters, "ar-site", "TRAINING")
    assert any("recalled in two reports of the same news" in r for m in old.members for r in m.reasons)


def test_undated_recollections_in_two_reports_of_the_same_news_are_one_event():
    a_news = mention("site-a", "TRAINING", ("RUS", "MLI"),
                     sentence="وصل عشرات المدربين الروس إلى مالي لتدريب القوات المسلحة.")
    a_old = mention("site-a", "VISIT", ("RUS", "MLI"), background=True, start=300,
                    sentence="ويُذكر أن وزير الدفاع الروسي زار باماكو ضمن جولة أفريقية.")
    b_news = mention("site-b", "TRAINING", ("MLI", "RUS"),
                     sentence="Dozens of Russian instructors arrived in Mali to train its army.")
    b_old = mention("site-b", "VISIT", ("MLI", "RUS"), background=True, start=300,
                    sentence="The Russian defence minister had visited Bamako on an African tour.")
    clusters = cluster_events([a_news, a_old, b_news, b_old])
    assert _cluster_of(clusters, "site-a", "VISIT") is _cluster_of(clusters, "site-b", "VISIT")
    # without the shared news, two undated recollections stay apart
    alone = cluster_events([a_old, b_old])
    assert len(alone) == 2


def test_a_recollection_is_not_joined_to_the_news_the_reports_share():
    # Minsk talks reported by three outlets; two also report the visit, one only recalls an old visit
    day = "2025-10-21"
    talks = [mention(a, "MEET", ("BLR", "LBY"), date=day, published=day, start=0) for a in ("x", "y", "z")]
    visits = [mention(a, "VISIT", ("LBY", "BLR"), date=day, published=day, start=200) for a in ("x", "y")]
    recalled = mention("z", "VISIT", ("BLR", "LBY"), background=True, start=400,
                       sentence="Lukashenko recalled his visit to Libya a quarter of a century ago.")
    clusters = cluster_events([*talks, *visits, recalled])
    assert _cluster_of(clusters, "z", "VISIT") is not _cluster_of(clusters, "x", "VISIT")


def test_a_date_after_the_report_was_written_does_not_block_the_news_it_tells():
    # "واستقبل … اليوم الثلاثاء …" read with the April date of a drill planned further down the article
    misread = mention("ly-site", "MEET", ("LBY", "USA"), date="2026-04", published="2025-12-03",
                      sentence="واستقبل قائد الجيش اليوم الثلاثاء قائد أفريكوم في بنغازي.")
    dated = mention("us-wire", "MEET", ("USA", "LBY"), date="2025-12-02", published="2025-12-02",
                    sentence="The AFRICOM commander met the LNA commander in Benghazi on Tuesday.")
    score, reasons = score_pair(misread, dated)
    assert score >= 0.55 and any("after the report was written" in r for r in reasons), reasons
    planned = mention("ly-site", "MEET", ("LBY", "USA"), date="2026-04", published="2025-12-03")
    planned.status = "planned"
    assert score_pair(planned, dated)[0] == 0


@pytest.mark.parametrize(("recalled_on", "news_on", "blocked"), [
    ("2025-02-01", "2025-03-25", True),   # recalled before the news event could have happened
    ("2025-03-01", "2025-03-01", False),  # the same day: no date support, no block (the flag is only a cue)
    ("2025-03-25", "2025-03-01", False),  # recalled weeks after the news
])
def test_undated_recollection_against_undated_news(recalled_on, news_on, blocked):
    recalled = mention("old", "VISIT", ("TUR", "SOM"), background=True, published=recalled_on,
                       sentence="وكان وزير الدفاع التركي قد زار مقديشو.")
    news = mention("new", "VISIT", ("SOM", "TUR"), published=news_on,
                   sentence="Turkey's defence minister arrived in Mogadishu.")
    score, reasons = score_pair(recalled, news)
    assert reasons[-1].endswith(": no") is blocked, reasons
    assert score < 0.55, reasons  # type and parties alone never make a recollection today's news


@pytest.mark.parametrize(("origin", "blocks"), [("dateline", False), ("lead", False), ("sentence", True),
                                                 ("carried", True)])
def test_a_dateline_place_conflicts_where_a_stated_place_blocks(origin, blocks):
    # "IZMIR (wire) - … the drill off Aksaz" against "تجري المناورات قبالة الإسكندرية": two countries
    wire = mention("wire", "EXERCISE", ("TUR", "EGY"), date="2025-09-22", place=("Izmir", "TUR"),
                   published="2025-09-22")
    wire.attributes["location_from"] = origin
    local = mention("local", "EXERCISE", ("EGY", "TUR"), date="2025-09-22", place=("Alexandria", "EGY"),
                    published="2025-09-23")
    local.attributes["location_from"] = "sentence"
    score, reasons = score_pair(wire, local)
    assert reasons[-1].endswith(": no") is blocks, reasons


def test_a_date_carried_from_another_sentence_blocks_only_outside_the_undated_window():
    carried = mention("a", "MEET", ("IRQ", "TUR"), date="2024-08-14", published="2024-08-15")
    carried.attributes["date_from"] = "carried"
    other = mention("b", "MEET", ("TUR", "IRQ"), date="2024-08-01", published="2024-08-01")
    assert score_pair(carried, other)[0] > 0
    far = mention("c", "MEET", ("TUR", "IRQ"), date="2024-03-01", published="2024-03-01")
    assert score_pair(carried, far)[0] == 0


# --------------------------------------------------------------------------------------------------
# Within one article a recollection stays apart from the news (extract.dedupe)
# --------------------------------------------------------------------------------------------------

RECALLED_BEFORE_NEWS = [
    "Lukashenko, who recalled his own trip to Libya a quarter of a century ago, said the two sides had achieved a great "
    "deal then. Libyan commander Khalifa Haftar arrived in Minsk on Tuesday for an official visit to Belarus.",
    "The Belarusian leader recalled his own trip to Libya back in 2000. Libyan commander Khalifa Haftar "
    "arrived in Minsk on Tuesday for an official visit to Belarus.",
    "واستذكر لوكاشينكو زيارته إلى ليبيا قبل 25 عاما، مؤكدا أن الجانبين أنجزا الكثير آنذاك. ووصل المشير خليفة "
    "حفتر إلى مينسك اليوم الثلاثاء في زيارة رسمية إلى بيلاروسيا تستمر يومين.",
    "واستذكر الرئيس البيلاروسي زيارته إلى ليبيا قبل 25 عاما. ووصل المشير خليفة حفتر إلى مينسك اليوم الثلاثاء "
    "في زيارة رسمية إلى بيلاروسيا.",
]


@pytest.mark.parametrize("text", RECALLED_BEFORE_NEWS)
def test_news_is_never_folded_into_a_recollection_told_before_it(text):
    visits = [e for e in _events(text) if e.type == "VISIT"]
    assert sorted(e.background for e in visits) == [False, True]
    recalled = next(e for e in visits if e.background)
    # the old visit does not take the news visit's place (it was to Libya, not Minsk)
    assert not recalled.location or recalled.location.get("name") != "Minsk"


# --------------------------------------------------------------------------------------------------
# An undated page is dated by the news it shares with dated reports
# --------------------------------------------------------------------------------------------------


def _bahrain_pact(extra: list[Event]) -> list[Event]:
    wire = mention("wire", "AGREE", ("USA", "BHR"), date="2023-09-13", published="2023-09-14",
                   sentence="The United States and Bahrain signed a comprehensive security integration pact on Wednesday.")
    page_pact = mention("page", "AGREE", ("BHR", "USA"), place=("Washington", "USA"),
                        sentence="وقّع البلدان، يوم الأربعاء، اتفاقية شاملة في مجالي الأمن والتكامل الدفاعي بين واشنطن والمنامة.")
    page_talks = mention("page", "MEET", ("BHR", "USA"), start=400,
                         sentence="وأشاد الطرفان في اللقاء بتوقيع اتفاقية التكامل الأمني الشاملة.")
    return [wire, page_pact, page_talks, *extra]


def test_an_undated_page_is_not_joined_to_talks_of_the_pair_a_year_later():
    later = mention("later", "MEET", ("USA", "BHR"), date="2024-07-03", published="2024-07-04",
                    sentence="Bahrain's crown prince discussed the security pact with the US defense secretary.")
    clusters = cluster_events(_bahrain_pact([later]))
    assert _cluster_of(clusters, "page", "AGREE") is _cluster_of(clusters, "wire", "AGREE")
    assert _cluster_of(clusters, "page", "MEET") is not _cluster_of(clusters, "later", "MEET")


def test_an_undated_page_still_joins_talks_of_the_days_it_reports():
    same_days = mention("later", "MEET", ("USA", "BHR"), date="2023-09-13", published="2023-09-14",
                        sentence="بحث ولي العهد البحريني مع مستشار الأمن القومي الأمريكي الاتفاقية في واشنطن.")
    clusters = cluster_events(_bahrain_pact([same_days]))
    assert _cluster_of(clusters, "page", "MEET") is _cluster_of(clusters, "later", "MEET")


# --------------------------------------------------------------------------------------------------
# Two reports of the same news: an undated event of the pair is one event whichever calls it background
# --------------------------------------------------------------------------------------------------


def test_an_undated_recollection_joins_the_undated_context_a_co_report_tells_as_news():
    a_news = mention("a", "ARMS_DEAL", ("KOR", "ARE"), date="2022-01-16", published="2022-01-17",
                     sentence="وقّع الرئيس الكوري الجنوبي أمس الأحد اتفاقا لتوريد منظومة دفاع جوي إلى الإمارات.")
    a_old = mention("a", "TRAINING", ("KOR", "ARE"), background=True, published="2022-01-17", start=300,
                    sentence="وعززت الدولتان تعاونهما العسكري حتى أن قوات خاصة كورية سافرت لتدريب القوات الإماراتية.")
    b_news = mention("b", "ARMS_DEAL", ("ARE", "KOR"),
                     sentence="South Korea agreed on Sunday to sell medium-range surface-to-air missiles to the UAE.")
    b_context = mention("b", "TRAINING", ("ARE", "KOR"), start=300,
                        sentence="A South Korean special forces unit has been training Emirati troops on a mission.")
    clusters = cluster_events([a_news, a_old, b_news, b_context])
    assert _cluster_of(clusters, "a", "TRAINING") is _cluster_of(clusters, "b", "TRAINING")
    # without the news the two reports share, they stay apart
    assert len(cluster_events([a_old, b_context])) == 2


# --------------------------------------------------------------------------------------------------
# A day or month named without a year ("يوم 21 أكتوبر" on an undated page) picks among the pair's events
# --------------------------------------------------------------------------------------------------


def _named(mention_: Event, partial: str) -> Event:
    mention_.attributes["date_partial"] = partial
    return mention_


def test_a_day_named_without_a_year_joins_the_visit_of_that_day():
    feb = mention("feb", "VISIT", ("LBY", "BLR"), date="2025-02-17", published="2025-02-17", place=("Minsk", "BLR"))
    octo = mention("oct", "VISIT", ("LBY", "BLR"), date="2025-10-21", published="2025-10-21")
    page = _named(mention("page", "VISIT", ("BLR", "LBY"), place=("Minsk", "BLR"),
                          sentence="استقبل لوكاشينكو في مينسك صدام حفتر يوم 21 أكتوبر."), "--10-21")
    clusters = cluster_events([feb, octo, page])
    assert _cluster_of(clusters, "page", "VISIT") is _cluster_of(clusters, "oct", "VISIT")
    assert _cluster_of(clusters, "page", "VISIT") is not _cluster_of(clusters, "feb", "VISIT")
    score, reasons = score_pair(page, feb)
    assert score == 0.0 and reasons[-1] == "named date --10-21 vs 2025-02-17: no"


def test_a_recollection_naming_its_month_joins_the_visit_of_that_month():
    feb = mention("feb", "VISIT", ("LBY", "BLR"), date="2025-02-17", published="2025-02-17", place=("Minsk", "BLR"))
    sentence = "Sputnik had said Haftar's visit to Belarus in February last aimed to strengthen ties."
    recalled = mention("page", "VISIT", ("BLR", "LBY"), background=True, sentence=sentence)
    assert score_pair(recalled, feb)[0] < 0.55  # its silence on the date says nothing
    score, reasons = score_pair(_named(recalled, "--02"), feb)
    assert score >= 0.55 and "named date --02 fits 2025-02-17" in reasons
    assert score_pair(_named(recalled, "--06"), feb)[0] == 0.0


# --------------------------------------------------------------------------------------------------
# Two deliveries to one buyer: the weapon systems each report names tell them apart
# --------------------------------------------------------------------------------------------------

DELIVERIES = [  # (text, the system the extractor must read)
    ("Armenia has taken delivery of the first Pinaka rocket launchers it ordered from India.", "Pinaka"),
    ("تسلم الجيش الأرميني دفعة أولى من مدافع أتاغس الهندية عيار 155 ملم.", "ATAGS"),
    ("Poland received the first ten K2 tanks from South Korea at the port of Gdynia.", "K2 Black Panther"),
    ("وصلت إلى ميناء غدينيا أول دفعة من مدافع K9 الكورية الجنوبية المخصصة للجيش البولندي.", "K9 Thunder"),
    ("Egypt has received a new batch of Mi-17 transport helicopters from Russia.", "Mi-17"),
    ("تسلمت الجزائر منظومات بانتسير للدفاع الجوي من روسيا.", "Pantsir"),
]


@pytest.mark.parametrize(("text", "system"), DELIVERIES)
def test_a_delivery_names_its_weapon_system(text, system):
    deals = [e for e in _events(text, "2025-05-06") if e.type == "ARMS_DEAL"]
    assert deals and system in deals[0].attributes["systems"]


def _delivery(article: str, systems: list[str]) -> Event:
    ev = mention(article, "ARMS_DEAL", ("ARM", "IND"), published=None)
    ev.attributes["systems"] = systems
    return ev


def test_undated_deliveries_of_different_systems_stay_apart():
    score, reasons = score_pair(_delivery("a", ["Pinaka"]), _delivery("b", ["ATAGS"]))
    assert any("systems differ" in r for r in reasons)
    assert len(cluster_events([_delivery("a", ["Pinaka"]), _delivery("b", ["ATAGS"])])) == 2


def test_undated_deliveries_of_one_system_still_join():
    score, reasons = score_pair(_delivery("a", ["Pinaka"]), _delivery("b", ["Pinaka", "ATAGS"]))
    assert any("shared systems" in r for r in reasons)
    assert len(cluster_events([_delivery("a", ["Pinaka"]), _delivery("b", ["Pinaka"])])) == 1


# --------------------------------------------------------------------------------------------------
# A deal's signing and the delivery of what it bought are two steps, two events
# --------------------------------------------------------------------------------------------------

STEPS = [  # (the signing, on a dated page; the delivery, on an undated page)
    ("Romania's defence minister signed a contract on Wednesday to buy 32 used F-16 fighter jets from "
     "Norway for about $388 million.",
     "The first three F-16 jets bought from Norway landed at the Romanian air base of Fetesti on Monday, "
     "the air force said."),
    ("وقّع وزير الدفاع الروماني يوم الأربعاء عقدا لشراء 32 مقاتلة مستعملة من طراز إف-16 من النرويج "
     "بقيمة 388 مليون دولار.",
     "وصلت إلى رومانيا أول ثلاث مقاتلات من طراز إف-16 اشترتها من النرويج، وفق ما أعلن سلاح الجو الروماني."),
]


def _deal(text: str, published: str | None) -> Event:
    deals = [e for e in _events(text, published) if e.type == "ARMS_DEAL"]
    assert deals, f"no ARMS_DEAL in {text!r}"
    return deals[0]


@pytest.mark.parametrize(("signing", "delivery"), STEPS)
def test_the_delivery_is_not_joined_to_the_signing_of_its_deal(signing, delivery):
    signed, landed = _deal(signing, "2022-11-16"), _deal(delivery, None)
    assert landed.attributes.get("delivery") and not signed.attributes.get("delivery")
    score, reasons = score_pair(signed, landed)
    assert "a delivery vs a signing: two steps of a deal" in reasons
    assert score < 0.55
    assert len(cluster_events([signed, landed])) == 2


@pytest.mark.parametrize(("signing", "delivery"), STEPS)
def test_two_reports_of_one_delivery_still_join(signing, delivery):
    english, arabic = _deal(STEPS[0][1], None), _deal(STEPS[1][1], None)
    assert len(cluster_events([english, arabic])) == 1


# --------------------------------------------------------------------------------------------------
# A page's lead tells its news, even when a cue ("after receiving them") flagged it as recalled
# --------------------------------------------------------------------------------------------------


def test_a_lead_flagged_as_recalled_still_makes_two_reports_of_one_news():
    a_news = mention("a", "ARMS_DEAL", ("NGA", "PAK"), date="2021-05-20", published="2021-05-21", start=40,
                     sentence="Nigeria's air force on Thursday commissioned three JF-17 jets bought from Pakistan.")
    a_old = mention("a", "TRAINING", ("NGA", "PAK"), background=True, published="2021-05-21", start=900,
                    sentence="Nigerian pilots have for years attended flying courses run by the Pakistani air force.")
    b_lead = mention("b", "ARMS_DEAL", ("NGA", "PAK"), background=True, start=10,
                     sentence="أدخلت القوات الجوية النيجيرية ثلاث مقاتلات الخدمة بعد أن تسلمتها من باكستان.")
    b_context = mention("b", "TRAINING", ("NGA", "PAK"), start=400,
                        sentence="وأتم طيارون نيجيريون دورات على المقاتلة في باكستان قبل وصولها.")
    for ev in (a_news, b_lead):
        ev.attributes["systems"] = ["JF-17"]
    clusters = cluster_events([a_news, a_old, b_lead, b_context])
    assert _cluster_of(clusters, "a", "ARMS_DEAL") is _cluster_of(clusters, "b", "ARMS_DEAL")
    training = _cluster_of(clusters, "a", "TRAINING")
    assert training is _cluster_of(clusters, "b", "TRAINING")
    assert any("recalled in two reports of the same news" in r for m in training.members for r in m.reasons)
    # a recollection further down the page is not its news: the two trainings stay apart
    b_later = copy.copy(b_lead)
    b_later.sources = [replace(b_lead.sources[0], start=700, end=780)]
    clusters = cluster_events([a_news, a_old, b_later, b_context])
    assert _cluster_of(clusters, "a", "TRAINING") is not _cluster_of(clusters, "b", "TRAINING")


# --------------------------------------------------------------------------------------------------
# Two deals of one pair: the kinds of weapons they buy tell them apart when no model is named
# --------------------------------------------------------------------------------------------------

KINDS = [  # (a deal for land vehicles, on a dated page; a contract for warships, on an undated page)
    ("ANKARA — Turkey's Otokar and a Chilean state arsenal signed on Tuesday an accord to assemble "
     "armoured vehicles and light tanks for the Chilean Army in Santiago.",
     "وقعت شركة تركية لبناء السفن عقدا مع البحرية التشيلية لبناء فرقاطتين وسفينة دورية في أنقرة."),
    ("وقّعت شركة أوتوكار التركية وترسانة تشيلية حكومية يوم الثلاثاء اتفاقا لتجميع مدرعات ودبابات خفيفة "
     "للجيش التشيلي في أنقرة.",
     "A Turkish shipyard has signed a contract with the Chilean Navy to build two corvettes and an offshore "
     "patrol vessel in Ankara."),
]


def _kind_deal(article: str, sentence: str, date: str | None, published: str | None) -> Event:
    ev = mention(article, "ARMS_DEAL", ("TUR", "CHL"), date=date, place=("Ankara", "TUR"),
                 published=published, sentence=sentence)
    ev.attributes["instrument"] = "contract"
    return ev


@pytest.mark.parametrize(("vehicles", "ships"), KINDS)
def test_deals_for_different_kinds_of_weapons_stay_apart(vehicles, ships):
    land = _kind_deal("a", vehicles, "2025-06-10", "2025-06-11")
    sea = _kind_deal("b", ships, None, None)
    score, reasons = score_pair(land, sea)
    assert "kinds of weapons differ: land vs naval" in reasons
    assert score < 0.55
    assert len(cluster_events([land, sea])) == 2


def test_two_reports_of_one_warship_contract_still_join():
    english = _kind_deal("a", KINDS[1][1], "2025-06-10", "2025-06-11")
    arabic = _kind_deal("b", KINDS[0][1], None, None)
    score, reasons = score_pair(english, arabic)
    assert not any("kinds of weapons differ" in r for r in reasons)
    assert len(cluster_events([english, arabic])) == 1


# --------------------------------------------------------------------------------------------------
# A report that names the leaders by title ("the two presidents", "الرئيسان") is not a delegation's trip
# --------------------------------------------------------------------------------------------------

TITLED_TALKS = [  # (talks naming the host president, undated; talks naming the two leaders by title only)
    ("واستقبل الرئيس الكازاخي قاسم جومارت توكاييف ضيفه في القصر الرئاسي وعقد معه جلسة مباحثات.",
     "The two presidents first met one on one, then their delegations held expanded talks on defence "
     "industry and joint training."),
    ("President Kassym-Jomart Tokayev received his guest at the presidential palace for talks.",
     "وعقد الرئيسان لقاء ثنائيا مغلقا أعقبته جلسة مباحثات موسعة بحضور الوفود المرافقة تناولت التعاون العسكري."),
]


@pytest.mark.parametrize(("named", "titled"), TITLED_TALKS)
def test_talks_of_the_two_presidents_and_their_delegations_join_the_leaders_talks(named, titled):
    host = mention("a", "MEET", ("KAZ", "UZB"), published="2025-03-13", sentence=named)
    host.people = [Person("Kassym-Jomart Tokayev", actor_id="person:kassym-jomart-tokayev",
                          role="President of Kazakhstan", country="KAZ")]
    other = mention("b", "MEET", ("UZB", "KAZ"), published="2025-03-14", sentence=titled)
    score, reasons = score_pair(host, other)
    assert not any("another trip" in r for r in reasons), reasons
    assert score >= 0.55
    assert len(cluster_events([host, other])) == 1


def test_a_delegation_that_names_no_leader_is_still_another_trip():
    host = mention("a", "MEET", ("KAZ", "UZB"), published="2025-03-13", sentence=TITLED_TALKS[1][0])
    host.people = [Person("Kassym-Jomart Tokayev", actor_id="person:kassym-jomart-tokayev",
                          role="President of Kazakhstan", country="KAZ")]
    other = mention("b", "MEET", ("UZB", "KAZ"), published="2025-03-14",
                    sentence="An Uzbek defence delegation, led by a deputy minister, held talks in Astana.")
    score, reasons = score_pair(host, other)
    assert any("another trip" in r for r in reasons), reasons


# --------------------------------------------------------------------------------------------------
# A delivery page that also tells the signing: two steps, and the signing joins the other contract reports
# --------------------------------------------------------------------------------------------------


def _step(article: str, sentence: str, *, date: str | None, published: str | None, start: int,
          delivery: bool) -> Event:
    ev = mention(article, "ARMS_DEAL", ("PAK", "TUR"), date=date, place=("Karachi", "PAK"),
                 published=published, sentence=sentence, start=start)
    ev.attributes["instrument"] = "contract"
    if delivery:
        ev.attributes["delivery"] = True
        ev.status = "implemented"
    return ev


def _delivery_page() -> tuple[Event, Event, Event]:
    delivered = _step("a", "تسلمت البحرية الباكستانية أمس في كراتشي أولى الكورفيتات الأربع التي بنتها تركيا.",
                      date="2025-09-11", published="2025-09-12", start=0, delivery=True)
    signed = _step("a", "وكانت وزارة الدفاع الباكستانية قد وقعت عقد بناء الكورفيتات مع الشركة التركية.",
                   date=None, published="2025-09-12", start=300, delivery=False)
    # an undated page of the signing; the only year in it is read from an older deal ("since 2018")
    contract = _step("b", "Turkey's state shipbuilder has signed a contract with Pakistan's defence ministry "
                          "for four corvettes, the company said on Friday.",
                     date="2018", published=None, start=0, delivery=False)
    return delivered, signed, contract


def test_a_delivery_and_the_signing_told_on_its_page_are_kept_apart():
    delivered, signed, _ = _delivery_page()
    score, reasons = score_pair(signed, delivered)
    assert score == 0 and reasons[-1] == "same article: a delivery vs a signing: two steps of a deal: no"


def test_an_undated_signing_joins_the_signing_told_on_the_delivery_page():
    delivered, signed, contract = _delivery_page()
    clusters = cluster_events([delivered, signed, contract])
    groups = sorted(sorted((e.sources[0].article_id, e.sources[0].start) for e in c.events()) for c in clusters)
    assert groups == [[("a", 0)], [("a", 300), ("b", 0)]]


# --------------------------------------------------------------------------------------------------
# A lead flagged as recalled, with a year read from the history after it, still tells the page's news
# --------------------------------------------------------------------------------------------------


def _mou_pages(lead_start: int) -> list[Event]:
    dated = mention("a", "AGREE", ("JOR", "GRC"), date="2024-11-05", place=("Amman", "JOR"),
                    published="2024-11-06",
                    sentence="وقع الأردن واليونان أمس الثلاثاء في عمّان مذكرة تفاهم للتعاون الدفاعي.")
    dated_meet = mention("a", "MEET", ("JOR", "GRC"), date="2024-11-05", published="2024-11-06", start=200,
                         sentence="وبحث وزيرا الدفاع خلال اللقاء سبل توسيع التعاون بين الجيشين.")
    # page b, written two days after the signing, opens with it as news, dates come from history
    undated_meet = mention("b", "MEET", ("GRC", "JOR"), published="2024-11-07", start=400,
                           sentence="The two defence ministers also discussed joint training of their forces.")
    lead = mention("b", "AGREE", ("GRC", "JOR"), date="2019", background=True, published="2024-11-07",
                   start=lead_start,
                   sentence="Greece and Jordan have signed a defence memorandum of understanding, building on "
                            "a partnership that has grown since 2019.")
    for ev in (dated, lead):
        ev.attributes["instrument"] = "mou"
    return [dated, dated_meet, undated_meet, lead]


def test_a_lead_with_a_year_from_history_joins_the_news_it_tells():
    clusters = cluster_events(_mou_pages(lead_start=0))
    assert _cluster_of(clusters, "a", "AGREE") is _cluster_of(clusters, "b", "AGREE")


def test_a_recollection_further_down_the_page_keeps_its_year():
    clusters = cluster_events(_mou_pages(lead_start=900))
    assert _cluster_of(clusters, "a", "AGREE") is not _cluster_of(clusters, "b", "AGREE")
