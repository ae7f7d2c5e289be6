"""Undated pages: when an article was written, from a full date its weekday or relative words tie to the
writing, and how that estimate supports and blocks a merge. Every page here is written for this file.

A page without a publication date, a date path in its URL or a dated dateline may still say when it was
written: "اليوم الأربعاء 19 نوفمبر 2025" further down (written that day), "on Tuesday … the talks of 10
June 2025" (a Tuesday: written that week), "أمس الثلاثاء" with a Tuesday date (the next day), "last
week, on 4 March" (the following week). A date no weekday or relative word ties is history or a plan
and says nothing.
"""

from __future__ import annotations

import pytest

from alliancemap.merge import cluster_events, estimate, score_pair
from alliancemap.model import ArticleDate

try:
    from tests.test_merge_classes import mention
except ImportError:
    from test_merge_classes import mention

# Leads long enough (over 300 characters, no date) that a date further down is not the dateline's.
LEAD_EN = ("Defence officials from the two countries have held several rounds of talks on training, maritime "
           "security and the joint production of small arms, according to people familiar with the "
           "discussions, who said both governments want a framework in place before the end of the fiscal "
           "year and that a working group would meet regularly to review progress.\n\n")
LEAD_AR = ("تواصل الأجهزة العسكرية في البلدين مشاوراتها بشأن التدريب المشترك وأمن الممرات البحرية والتصنيع "
           "الدفاعي، وفق ما أفادت به مصادر مطلعة على سير المحادثات، أشارت إلى أن الحكومتين تسعيان إلى وضع "
           "إطار واضح للتعاون قبل نهاية السنة المالية، وأن فريق عمل مشتركا سيجتمع بصورة دورية لمراجعة ما "
           "تحقق من خطوات على الأرض.\n\n")

# (page body after the lead, URL, expected (date, precision))
TIED = [
    # the full date names its own weekday: written that week
    ("The delegation was received on Tuesday, November 18, 2025, at the ministry's headquarters.",
     None, ("2025-11-18", "week")),
    # "today" before the date: written that day
    ("Speaking to reporters today, Wednesday 19 November 2025, the minister said the talks went well.",
     None, ("2025-11-19", "day")),
    # a weekday near a full date of that weekday
    ("Pakistan's naval chief arrived in Jakarta on Tuesday for a four-day visit. The programme opened "
     "with talks at the navy headquarters on 10 June 2025 and a tour of the Surabaya yard.",
     None, ("2025-06-10", "week")),
    # "yesterday" just before the date: written the next day
    ("The memorandum was signed yesterday, 4 March 2025, at the army's staff college.",
     None, ("2025-03-05", "day")),
    # Arabic: "today" + weekday + date
    ("وقال الوزير في تصريح صحفي اليوم الأربعاء 19 نوفمبر 2025 إن المباحثات تناولت تطوير التدريب المشترك.",
     None, ("2025-11-19", "day")),
    # Arabic: "yesterday" + weekday + date
    ("وكان رئيس الأركان قد استقبل أمس الثلاثاء 4 مارس 2025 وفدا عسكريا رفيع المستوى.",
     None, ("2025-03-05", "day")),
    # Arabic: a weekday near a full date of that weekday
    ("والتقى قائد القوات البحرية نظيره يوم الثلاثاء في العاصمة، بعد مباحثات جرت في 10 يونيو 2025 "
     "بمقر القيادة.", None, ("2025-06-10", "week")),
    # Arabic: "last week" just before the date: written the following week
    ("وكانت اللجنة العسكرية المشتركة قد عقدت اجتماعها الأسبوع الماضي، في 4 مارس 2025، بمقر وزارة الدفاع.",
     None, ("2025-03-10", "week")),
    # a URL month holding the tied date: the finer estimate wins
    ("The delegation was received on Tuesday, November 18, 2025, at the ministry's headquarters.",
     "https://news.example.com/2025/11/kenya-turkey-talks", ("2025-11-18", "week")),
    # "today" elsewhere names the day within the week of the tied date
    ("The talks opened on Tuesday, November 18, 2025. Officials said today, Thursday, that a second "
     "round would follow.", None, ("2025-11-20", "day")),
]

UNTIED = [
    # a weekday that is not the date's: the date is history
    ("The minister arrived in Nairobi on Wednesday. The two sides first signed a cooperation accord on "
     "10 June 2025 in Mombasa.", None),
    # a plan: "next Tuesday" is after the writing
    ("ومن المقرر أن تنطلق المناورات الثلاثاء المقبل 11 مارس 2025 بمشاركة وحدات بحرية من البلدين.", None),
    # history told with its weekday, in a text that names a day years later
    ("The attacks of Tuesday, September 11, 2001 shaped the alliance, officials said before the talks "
     "on 13 March 2025.", None),
    # a date with no weekday or relative word at all
    ("وكان البلدان قد وقعا اتفاقية للتعاون الدفاعي في 13 سبتمبر 2023 بالعاصمة.", None),
]


@pytest.mark.parametrize(("body", "url", "expected"), TIED)
def test_a_full_date_tied_to_the_writing_dates_the_page(body, url, expected):
    lead = LEAD_AR if any("\u0600" <= c <= "\u06ff" for c in body) else LEAD_EN
    est = estimate("page", lead + body, url=url)
    assert est is not None and (est.date, est.precision) == expected, est
    assert est.basis == "anchored"


@pytest.mark.parametrize(("body", "url"), UNTIED)
def test_a_full_date_no_word_ties_to_the_writing_says_nothing(body, url):
    lead = LEAD_AR if any("\u0600" <= c <= "\u06ff" for c in body) else LEAD_EN
    assert estimate("page", lead + body, url=url) is None


def test_a_url_month_the_tied_date_is_not_in_stands():
    body = "The delegation was received on Tuesday, November 18, 2025, at the ministry's headquarters."
    est = estimate("page", LEAD_EN + body, url="https://news.example.com/2025/03/kenya-turkey-talks")
    assert est is not None and (est.date, est.precision, est.basis) == ("2025-03", "month", "url")


def test_the_dateline_and_the_published_date_still_come_first():
    body = "The delegation was received on Tuesday, November 18, 2025, at the ministry's headquarters."
    assert estimate("p", LEAD_EN + body, published="2025-11-19").basis == "published"
    dated = "NAIROBI, 20 November 2025 — " + LEAD_EN + body
    assert (estimate("p", dated).date, estimate("p", dated).basis) == ("2025-11-20", "dateline")
    in_month = estimate("p", dated, url="https://news.example.com/2025/11/talks")
    assert (in_month.date, in_month.precision) == ("2025-11-20", "day"), "a dateline day refines the URL's month"
    other_month = estimate("p", dated, url="https://news.example.com/2025/12/talks")
    assert (other_month.date, other_month.basis) == ("2025-12", "url")


# --------------------------------------------------------------------------------------------------
# The estimate in the merge: it supports the reports of its days and blocks those of other months
# --------------------------------------------------------------------------------------------------

UNDATED_PAGES = [
    ("ar", LEAD_AR + "وقال الوزير في تصريح صحفي اليوم الأربعاء 19 نوفمبر 2025 إن الزيارة ناجحة.",
     "ووصل رئيس أركان الجيش الباكستاني إلى بنغازي في زيارة رسمية."),
    ("en", LEAD_EN + "The delegation was received on Tuesday, November 18, 2025, at the army's headquarters.",
     "Pakistan's army chief arrived in Benghazi on an official visit."),
]


def _visits() -> list:
    march = mention("march", "VISIT", ("LBY", "PAK"), date="2025-03-04", published="2025-03-05",
                    sentence="Pakistan's army chief visited Benghazi on 4 March.")
    november = mention("november", "VISIT", ("PAK", "LBY"), date="2025-11-18", published="2025-11-18",
                       sentence="وصل رئيس أركان الجيش الباكستاني إلى بنغازي اليوم الثلاثاء.")
    return [march, november]


@pytest.mark.parametrize(("lang", "text", "sentence"), UNDATED_PAGES)
def test_an_anchored_undated_page_joins_the_visit_of_its_days_not_an_earlier_one(lang, text, sentence):
    page = mention("page", "VISIT", ("LBY", "PAK"), sentence=sentence)
    dates = {"page": estimate("page", text)}
    assert dates["page"] is not None
    clusters = cluster_events([*_visits(), page], article_dates=dates)
    home = next(c for c in clusters if "page" in {m.article_id for m in c.members})
    assert {m.article_id for m in home.members} == {"page", "november"}, lang


@pytest.mark.parametrize(("lang", "text", "sentence"), UNDATED_PAGES)
def test_an_anchored_undated_page_is_kept_apart_from_a_visit_months_before(lang, text, sentence):
    page = mention("page", "VISIT", ("LBY", "PAK"), sentence=sentence)
    dates = {"page": estimate("page", text)}
    march = _visits()[0]
    score, reasons = score_pair(march, page, _context(dates))
    assert score == 0 and reasons[-1].endswith(": no"), (lang, reasons)
    assert len(cluster_events([march, page], article_dates=dates)) == 2


def test_a_week_estimate_supports_a_report_of_that_week():
    page = mention("page", "VISIT", ("LBY", "PAK"))
    dates = {"page": ArticleDate("page", "2025-11-18", "week", "anchored")}
    november = _visits()[1]
    score, reasons = score_pair(november, page, _context(dates))
    assert score >= 0.55 and any("week of 2025-11-18" in r for r in reasons), reasons


def _context(dates):
    from alliancemap.merge import Context

    return Context(article_dates=dates)


def test_reports_are_placed_by_when_they_were_written_a_week_by_its_first_day():
    from alliancemap.merge import Context
    from alliancemap.merge.cluster import _content_order

    week = mention("week", "VISIT", ("LBY", "PAK"))
    day = mention("day", "VISIT", ("LBY", "PAK"))
    ctx = Context(article_dates={"week": ArticleDate("week", "2025-11-18", "week", "anchored"),
                                 "day": ArticleDate("day", "2025-11-25", "day", "url")})
    assert _content_order(week, ctx) < _content_order(day, ctx)


# --------------------------------------------------------------------------------------------------
# A store written before the estimate: its undated pages are estimated again
# --------------------------------------------------------------------------------------------------

def _dates_row(store, article_id: str) -> tuple | None:
    row = store.conn.execute("SELECT date, precision, basis FROM article_dates WHERE article_id = ?",
                             (article_id,)).fetchone()
    return tuple(row) if row else None


def test_an_older_store_s_undated_pages_are_estimated_again(tmp_path):
    from alliancemap.pipeline import ingest
    from alliancemap.store.db import migrate, open_store

    page = tmp_path / "pages" / "visit.txt"
    page.parent.mkdir()
    page.write_text(LEAD_EN + "The delegation was received on Tuesday, November 18, 2025, at the army's "
                    "headquarters. Pakistan's army chief arrived in Benghazi on an official visit.\n",
                    encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    ingest(store, [str(page.parent)])
    (aid,) = [r[0] for r in store.conn.execute("SELECT article_id FROM articles")]
    assert _dates_row(store, aid) == ("2025-11-18", "week", "anchored")
    # what the estimator before weekday ties left behind: "nothing says when", and a merged store
    with store.transaction() as c:
        c.execute("UPDATE article_dates SET date = NULL, precision = NULL, basis = 'none'")
        c.execute("DELETE FROM _migrations WHERE name = 'events_005_redate_undated'")
    assert migrate(store.conn) == ["events_005_redate_undated"]
    assert _dates_row(store, aid) is None
    assert store.conn.execute("SELECT count(*) FROM event_pending").fetchone()[0] > 0
    ingest(store, [str(page.parent)])  # nothing new to read: the queued mentions are merged all the same
    assert _dates_row(store, aid) == ("2025-11-18", "week", "anchored")
    assert store.conn.execute("SELECT count(*) FROM event_pending").fetchone()[0] == 0
    store.close()


def test_a_page_extracted_again_is_estimated_again(tmp_path):
    from alliancemap.model import Article
    from alliancemap.store.db import open_store
    from alliancemap.store.events import replace_mentions

    store = open_store(str(tmp_path / "s.db"))
    with store.transaction() as c:
        store.add_article(c, Article("a1", "body", lang="en"))
        c.execute("INSERT INTO article_dates (article_id, date, precision, basis) VALUES ('a1', NULL, NULL, 'none')")
        replace_mentions(c, "a1", [])
    assert _dates_row(store, "a1") is None
    store.close()
