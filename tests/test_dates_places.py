"""Where an event's date and place come from: the sentence, the same event told earlier, the lead or the
dateline, and what is not a date or a venue (a reporting verb's weekday, a capital that acts, a paper's
name). Every text is written for this file, in Arabic and English, several phrasings per class."""

from __future__ import annotations

import pytest

from alliancemap.extract import extract_article
from alliancemap.model import Article, Event
from alliancemap.text.dates import find_dates
from alliancemap.text.normalize import content_hash
from alliancemap.text.sentences import split_paragraphs, split_sentences


def _events(text: str, published: str | None = "2025-03-13", title: str | None = None) -> list[Event]:
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
    art = Article(article_id=content_hash(text), text=text, published=published, lang=lang, title=title,
                  url="https://example.test/a", outlet="example.test",
                  sentences=split_sentences(text), paragraphs=split_paragraphs(text))
    return [e for e in extract_article(art).events if e.status != "planned"]


def _one(text: str, etype: str, published: str | None = "2025-03-13", title: str | None = None) -> Event:
    found = [e for e in _events(text, published, title) if e.type == etype]
    assert len(found) == 1, [(e.type, e.date, e.location) for e in _events(text, published, title)]
    return found[0]


# --- "today" written beside a weekday: the weekday when the page lags the text, else the page's day ---

@pytest.mark.parametrize(("text", "published", "value"), [
    ("استقبله الرئيس اليوم الأربعاء بمقر الرئاسة", "2025-03-13", "2025-03-12"),  # page a day late
    ("استقبله الرئيس اليوم /الأربعاء/ بمقر الرئاسة", "2025-03-13", "2025-03-12"),
    ("وصل الوفد اليوم (الثلاثاء) إلى العاصمة", "2025-03-11", "2025-03-11"),  # the page's own day
    ("تسلم الجيش، اليوم الأربعاء، طائرتين", "2025-03-11", "2025-03-11"),  # a weekday after the page: its day
    ("The minister arrived today, Wednesday, in the capital.", "2025-03-13", "2025-03-12"),
    ("The minister arrived today (Friday) in the capital.", "2025-03-11", "2025-03-11"),
])
def test_today_beside_a_weekday(text: str, published: str, value: str) -> None:
    values = [m.value for m in find_dates(text, published=published) if m.value]
    assert values == [value]


# --- the date carries within the same event, not to other events of the article ---

CARRY = [
    # the lead dates a visit; the talks and the signing of that visit carry its date
    ("وصل وزير الدفاع التركي إلى مقديشو أمس في زيارة رسمية إلى الصومال.\n\n"
     "وبحث الوزير التركي مع نظيره الصومالي سبل تعزيز التعاون العسكري بين البلدين.\n\n"
     "ووقع الجانبان التركي والصومالي مذكرة تفاهم للتعاون في مجال التدريب العسكري.",
     {"VISIT": "2025-03-12", "MEET": "2025-03-12", "AGREE": "2025-03-12"}),
    ("Turkey's defence minister arrived in Mogadishu on Wednesday for an official visit to Somalia.\n\n"
     "The Turkish minister held talks with his Somali counterpart on military cooperation.\n\n"
     "Turkey and Somalia also signed a memorandum of understanding on military training.",
     {"VISIT": "2025-03-12", "MEET": "2025-03-12", "AGREE": "2025-03-12"}),
]


@pytest.mark.parametrize(("text", "dates"), CARRY)
def test_date_carries_within_the_same_event(text: str, dates: dict[str, str]) -> None:
    got = {e.type: e.date for e in _events(text)}
    assert got == dates
    assert {e.attributes.get("date_from") for e in _events(text)} == {"sentence", "carried"}


@pytest.mark.parametrize("text", [
    "وصل وزير الدفاع التركي إلى مقديشو أمس في زيارة رسمية إلى الصومال.\n\n"
    "وفي سياق آخر، وقعت مصر والسودان مذكرة تفاهم للتعاون في مجال التدريب العسكري.",
    "Turkey's defence minister arrived in Mogadishu on Wednesday for an official visit to Somalia.\n\n"
    "Separately, Egypt and Sudan signed a memorandum of understanding on military training.",
])
def test_date_does_not_carry_to_another_dyad(text: str) -> None:
    agree = _one(text, "AGREE")
    assert agree.date is None


@pytest.mark.parametrize(("text", "date"), [
    # the lead reports the drill with a reporting weekday; the body dates the drill itself
    ("China and Egypt held their first joint naval drill, state media reported on Sunday.\n\n"
     "The Chinese and Egyptian navies began the joint exercise off Alexandria on Friday.", "2025-03-07"),
    ("أجرت الصين ومصر أول مناورة بحرية مشتركة بينهما، بحسب ما أفادت وسائل إعلام رسمية يوم الأحد.\n\n"
     "وبدأت القوات البحرية الصينية والمصرية المناورة المشتركة قبالة الإسكندرية يوم الجمعة.", "2025-03-07"),
])
def test_a_later_sentence_dates_the_lead_event(text: str, date: str) -> None:
    assert _one(text, "EXERCISE", published="2025-03-09").date == date


# --- places: the venue, not a capital that acts, a paper's name, or the office when the text says where ---

@pytest.mark.parametrize(("text", "etype", "place"), [
    ("RIYADH: Washington has approved a sale of 40 fighter jets to Saudi Arabia, officials from both "
     "governments announced on Tuesday.", "ARMS_DEAL", "Riyadh"),
    ("الرياض - وافقت الولايات المتحدة على بيع السعودية 40 طائرة مقاتلة في صفقة قالت واشنطن إنها الأكبر.",
     "ARMS_DEAL", "Riyadh"),
    ("القاهرة - أعلنت أنقرة أنها وقعت مع مصر اتفاقية للتعاون العسكري.", "AGREE", "Cairo"),
    ("CAIRO, March 12 – Ankara signed a military cooperation agreement with Egypt on Wednesday, the ministry said.",
     "AGREE", "Cairo"),
])
def test_a_capital_used_as_the_actor_is_not_the_place(text: str, etype: str, place: str) -> None:
    ev = _one(text, etype)
    assert ev.location and ev.location["name"] == place
    assert ev.attributes.get("location_from") == "dateline"


@pytest.mark.parametrize("text", [
    "انطلقت أمس مناورة بحرية مشتركة بين الهند والسعودية هي الأولى بين البلدين، بحسب صحيفة الرياض بوست.",
    "نقلت صحيفة الرياض بوست أن مناورة بحرية مشتركة بين الهند والسعودية انطلقت أمس.",
    "India and Saudi Arabia began their first joint naval exercise on Monday, the Riyadh Post reported.",
])
def test_a_newspapers_name_is_not_the_place(text: str) -> None:
    assert _one(text, "EXERCISE").location is None


@pytest.mark.parametrize(("text", "title"), [
    ("مسقط - العمانية\n\nعقدت أمس جلسة مباحثات رسمية بين وزير الدفاع العماني ونظيره البريطاني.", "مباحثات عمانية بريطانية"),
    ("مسقط - الرؤية\n\nوقع الوزير العماني ونظيره البريطاني أمس مذكرة تفاهم للتعاون العسكري.", None),
    ("Muscat:\n\nOman and Britain signed a memorandum of understanding on military training on Tuesday.", None),
])
def test_a_dateline_on_its_own_line(text: str, title: str | None) -> None:
    ev = _events(text, title=title)[0]
    assert ev.location == {"name": "Muscat", "country": "OMN"}
    assert ev.attributes.get("location_from") == "dateline"


@pytest.mark.parametrize("text", [
    "استقبل المشير الليبي أمس قائد القوات الأمريكية في أفريقيا بمقر القيادة العامة بالرجمة في بنغازي.",
    "The Libyan commander received the head of US Africa Command at the Al-Rajma headquarters in Benghazi "
    "on Tuesday.",
])
def test_a_site_inside_a_city_gives_the_city(text: str) -> None:
    ev = _events(text)[0]
    assert ev.location and ev.location["name"] == "Benghazi"
    assert ev.attributes.get("location_from") == "sentence"


@pytest.mark.parametrize("text", [
    "أنقرة (وكالات) - وصل رئيس الأركان الصومالي إلى إسطنبول أمس في زيارة رسمية إلى تركيا.\n\n"
    "ووقع الجانبان التركي والصومالي مذكرة تفاهم للتعاون العسكري.",
    "ANKARA (Agencies) – Somalia's army chief arrived in Istanbul on Wednesday for an official visit to Turkey.\n\n"
    "Turkey and Somalia signed a memorandum of understanding on military cooperation.",
])
def test_the_text_place_beats_the_dateline(text: str) -> None:
    agree = _one(text, "AGREE")
    assert agree.location and agree.location["name"] == "Istanbul"
    assert agree.attributes.get("location_from") == "carried"


# --- a month or a year that belongs to another event of the sentence is not this event's date ---

@pytest.mark.parametrize("text", [
    "بحث وزير الدفاع التركي مع نظيره الصومالي أمس في أنقرة تنفيذ الاتفاقية التي وقعها البلدان عام 2020.",
    "Turkey's defence minister held talks with his Somali counterpart in Ankara on Wednesday on the agreement "
    "the two countries signed in 2020.",
    "ناقش وزير الدفاع التركي مع نظيره الصومالي في أنقرة الاستعدادات للمناورات المشتركة المقررة في أبريل 2026.",
])
def test_a_year_of_another_event_is_not_the_date(text: str) -> None:
    meet = _one(text, "MEET")
    assert meet.date_precision in (None, "day")
    assert meet.date != "2020"


@pytest.mark.parametrize("text", [
    "ووقعت أنقرة ومقديشو أمس اتفاقية للتعاون العسكري بين تركيا والصومال.",
    "Ankara and Mogadishu signed a military cooperation agreement between Turkey and Somalia on Wednesday.",
])
def test_two_capitals_joined_are_the_sides_not_the_place(text: str) -> None:
    assert _one(text, "AGREE").location is None


@pytest.mark.parametrize("raw", [
    "مباحثات عمانية بريطانية في مسقط\n\nمسقط - العمانية\n\nوقع وزير الدفاع العماني ونظيره البريطاني أمس مذكرة تفاهم.",
    "Oman and Britain sign training pact\n\nMuscat:\n\nOman and Britain signed a memorandum of understanding on "
    "Tuesday.",
])
def test_clean_keeps_a_dateline_line(raw: str) -> None:
    from alliancemap.clean import clean
    from alliancemap.model import RawDocument

    art = clean(RawDocument(origin="t", kind="text", content=raw, raw_sha256="0",
                            url="https://example.test/b"))
    assert any(line.startswith(("مسقط", "Muscat")) for line in art.text.split("\n"))


def test_each_source_records_where_its_date_and_place_came_from() -> None:
    from alliancemap.merge.consensus import source_values

    text = ("وصل وزير الدفاع التركي إلى مقديشو أمس في زيارة رسمية إلى الصومال.\n\n"
            "ووقع الجانبان التركي والصومالي مذكرة تفاهم للتعاون في مجال التدريب العسكري.")
    agree = _one(text, "AGREE")
    own = source_values([agree])[agree.sources[0].article_id]
    assert (own["date_from"], own["location_from"]) == ("carried", "carried")
    assert own["location"] == {"name": "Mogadishu", "country": "SOM"}


@pytest.mark.parametrize("text", [
    "أنقرة 12 مارس/ وقعت تركيا والصومال مذكرة تفاهم للتعاون العسكري.",
    "أنقرة (الأناضول) – وقعت تركيا والصومال أمس مذكرة تفاهم للتعاون العسكري.",
    "ANKARA, March 12 (Reuters) - Turkey and Somalia signed a memorandum of understanding on military cooperation.",
])
def test_the_dateline_city_is_the_datelines(text: str) -> None:
    ev = _one(text, "AGREE")
    assert ev.location == {"name": "Ankara", "country": "TUR"}
    assert ev.attributes.get("location_from") == "dateline"


@pytest.mark.parametrize(("text", "date"), [
    ("The Egyptian and Greek navies, which have held the joint exercise since 2015, began this year's drill "
     "off Alexandria on Monday.", "2025-03-10"),
    ("انطلقت أمس المناورات البحرية المشتركة بين مصر واليونان التي تجرى منذ عام 2015 قبالة الإسكندرية.",
     "2025-03-12"),
    ("Egypt and Greece began their joint naval exercise, held every year since 2015, off Alexandria.", None),
    ("بدأت مصر واليونان المناورات البحرية المشتركة التي تجرى سنويا منذ 2015 قبالة الإسكندرية.", None),
])
def test_a_since_year_is_not_the_current_events_date(text: str, date: str | None) -> None:
    assert _one(text, "EXERCISE").date == date


# A day or month named without a year on a page without a publication date: kept for the merge


def _named_partials(text: str, published: str | None) -> list[tuple[str | None, str | None]]:
    return [(e.date, e.attributes.get("date_partial")) for e in _events(text, published)]


@pytest.mark.parametrize(("text", "partial"), [
    ("استقبل الرئيس البيلاروسي ألكسندر لوكاشينكو المشير خليفة حفتر، يوم 21 أكتوبر في العاصمة مينسك.", "--10-21"),
    ("وصل وزير الدفاع التركي إلى طرابلس في 3 مارس في زيارة رسمية تستغرق يومين.", "--03-03"),
    ("The Libyan commander arrived in Minsk on 21 October for talks with Lukashenko.", "--10-21"),
])
def test_a_day_named_without_a_year_on_an_undated_page_is_kept_as_partial(text, partial):
    found = _named_partials(text, None)
    assert found and all(date is None and part == partial for date, part in found)


@pytest.mark.parametrize("text", [
    "استقبل الرئيس البيلاروسي ألكسندر لوكاشينكو المشير خليفة حفتر الشهر الماضي في العاصمة مينسك.",
    "The Libyan commander arrived in Minsk last month for talks with Lukashenko.",
])
def test_a_relative_month_gives_no_partial(text):
    assert all(part is None for _, part in _named_partials(text, None))


def test_a_published_page_dates_the_day_in_full():
    found = _named_partials("The Libyan commander arrived in Minsk on 21 October for talks with Lukashenko.",
                            "2025-10-22")
    assert found and all(date == "2025-10-21" and part is None for date, part in found)
