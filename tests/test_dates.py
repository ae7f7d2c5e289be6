"""Date expressions: Arabic and English tables, offsets, relative resolution, Hijri, false dates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancemap.text import dates
from alliancemap.text.dates import DateDataError, DateMatch, find_dates, resolve_relative
from alliancemap.text.normalize import normalize

PUB = "2025-12-18"  # a Thursday


def only(text: str, published: str | None = PUB) -> DateMatch:
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0]


# text, the date expression inside it, value, precision, kind
ABSOLUTE = [
    ("وصل الوفد العسكري في 18 ديسمبر 2025 إلى المدينة", "18 ديسمبر 2025", "2025-12-18", "day", "absolute"),
    ("وقّع الطرفان الاتفاق في 18 كانون الأول/ديسمبر 2025 بحضور الوزير", "18 كانون الأول/ديسمبر 2025",
     "2025-12-18", "day", "absolute"),
    ("عقد الاجتماع في 3 تشرين الثاني (نوفمبر) 2024 في عمّان", "3 تشرين الثاني (نوفمبر) 2024", "2024-11-03", "day",
     "absolute"),
    ("استقبل الوزير نظيره الخميس 18 دجنبر 2025 بالرباط", "الخميس 18 دجنبر 2025", "2025-12-18", "day", "absolute"),
    ("جرت المناورات يوم ١٨ ديسمبر ٢٠٢٥ قرب الحدود", "١٨ ديسمبر ٢٠٢٥", "2025-12-18", "day", "absolute"),
    ("تاريخ الإعلان: 18/12/2025", "18/12/2025", "2025-12-18", "day", "absolute"),
    ("نشر بتاريخ 2025-12-18 على الموقع", "2025-12-18", "2025-12-18", "day", "absolute"),
    ("صدر البيان في 18.12.2025 صباحا", "18.12.2025", "2025-12-18", "day", "absolute"),
    ("The ministers met on December 18, 2025 in Ankara.", "December 18, 2025", "2025-12-18", "day", "absolute"),
    ("The drill ended on 18 December 2025 near the coast.", "18 December 2025", "2025-12-18", "day", "absolute"),
    ("Posted 7th, March 2024 by the desk", "7th, March 2024", "2024-03-07", "day", "absolute"),
    ("the deal signed Sept. 9, 2024 covers drones", "Sept. 9, 2024", "2024-09-09", "day", "absolute"),
    ("تحديث مارس 05, 2024 - 10:30", "مارس 05, 2024", "2024-03-05", "day", "absolute"),
    ("تنطلق الدورة في جانفي 2026 بالجزائر", "جانفي 2026", "2026-01", "month", "absolute"),
    ("وقعت الاتفاقية في أيار 2023 بدمشق", "أيار 2023", "2023-05", "month", "absolute"),
    ("بدأ البرنامج عام 2025 بتمويل مشترك", "عام 2025", "2025", "year", "absolute"),
    ("بحلول نهاية العام 2019 انتهى المشروع", "العام 2019", "2019", "year", "absolute"),
    ("The navy has trained with them since 2019.", "2019", "2019", "year", "absolute"),
    ("وصل الوفد يوم الاثنين 28 أبريل 2025 إلى القاهرة", "يوم الاثنين 28 أبريل 2025", "2025-04-28", "day", "absolute"),
    ("the talks on Friday, Dec. 12, 2025 were brief", "Friday, Dec. 12, 2025", "2025-12-12", "day", "absolute"),
    ("تستمر التدريبات حتى 10/ 9/2025 في القاعدة", "10/ 9/2025", "2025-09-10", "day", "absolute"),
    ("وتجري المناورة من 18 إلى 22 أكتوبر 2025", "18 إلى 22 أكتوبر 2025", "2025-10-18", "day", "range"),
    ("The exercise runs October 18-22, 2025 off Crete.", "October 18-22, 2025", "2025-10-18", "day", "range"),
]


@pytest.mark.parametrize(("text", "expr", "value", "precision", "kind"), ABSOLUTE)
def test_absolute_dates(text: str, expr: str, value: str, precision: str, kind: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision, m.kind) == (expr, value, precision, kind)
    assert text[m.start:m.end] == m.text
    assert m.relative is False


# Year-less day and month: the publication year, unless that puts it more than ~2 months later.
@pytest.mark.parametrize(("text", "published", "value"), [
    ("بنغازي - 18 ديسمبر: وصل رئيس الأركان", "2025-12-18", "2025-12-18"),
    ("الاجتماع المقرر في 5 يناير", "2025-12-18", "2026-01-05"),  # 18 days ahead: still this season
    ("RAWALPINDI, Dec 18 (Reuters) - The army chief", "2025-12-19", "2025-12-18"),
    ("جرت الزيارة في 20 فبراير", "2025-11-30", "2025-02-20"),
    ("وصلت السفينة في 30 نوفمبر", "2026-01-03", "2025-11-30"),
])
def test_day_month_without_year(text: str, published: str, value: str) -> None:
    m = only(text, published)
    assert (m.value, m.precision, m.relative, m.kind) == (value, "day", True, "absolute")


def test_year_less_date_needs_publication() -> None:
    m = only("وصل الوفد في 18 ديسمبر", None)
    assert m.text == "18 ديسمبر" and m.value is None


# Relative expressions against Thursday 2025-12-18.
RELATIVE = [
    ("وقّع الجانبان اليوم اتفاقية تعاون", "اليوم", "2025-12-18", "day", "relative"),
    ("التقى الوزيران أمس في الرياض", "أمس", "2025-12-17", "day", "relative"),
    ("وصل الوفد امس إلى بغداد", "امس", "2025-12-17", "day", "relative"),
    ("اجتمع القادة البارحة بمقر القيادة", "البارحة", "2025-12-17", "day", "relative"),
    ("عاد الوفد أول أمس من أنقرة", "أول أمس", "2025-12-16", "day", "relative"),
    ("The chiefs spoke yesterday by phone.", "yesterday", "2025-12-17", "day", "relative"),
    ("They landed the day before yesterday.", "the day before yesterday", "2025-12-16", "day", "relative"),
    ("وقعت الاتفاقية منذ يومين في الدوحة", "منذ يومين", "2025-12-16", "day", "relative"),
    ("بدأ التمرين قبل ثلاثة أيام", "قبل ثلاثة أيام", "2025-12-15", "day", "relative"),
    ("The frigate docked three days ago.", "three days ago", "2025-12-15", "day", "relative"),
    ("زار الوفد المصنع الشهر الماضي", "الشهر الماضي", "2025-11", "month", "relative"),
    ("The order was placed last month.", "last month", "2025-11", "month", "relative"),
    ("تسلم الجيش الطائرات العام الماضي", "العام الماضي", "2024", "year", "relative"),
    ("Deliveries began last year.", "last year", "2024", "year", "relative"),
    ("تعقد اللجنة اجتماعها غداً في القاهرة", "غداً", "2025-12-19", "day", "relative"),
    ("The minister travels tomorrow.", "tomorrow", "2025-12-19", "day", "relative"),
    ("يبدأ التدريب الشهر المقبل", "الشهر المقبل", "2026-01", "month", "relative"),
    ("The drill is planned for next month.", "next month", "2026-01", "month", "relative"),
    ("وصلت الدفعة الأولى في أغسطس الماضي", "أغسطس الماضي", "2025-08", "month", "relative"),
    ("The contract was signed last May.", "last May", "2025-05", "month", "relative"),
    ("وصلت الشحنة بالأمس إلى الميناء", "الأمس", "2025-12-17", "day", "relative"),
]


@pytest.mark.parametrize(("text", "expr", "value", "precision", "kind"), RELATIVE)
def test_relative_expressions(text: str, expr: str, value: str, precision: str, kind: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision, m.kind, m.relative) == (expr, value, precision, kind, True)


@pytest.mark.parametrize("text", ["عقد الطرفان اجتماعا الأسبوع الماضي", "The talks were held last week."])
def test_week_is_matched_without_value(text: str) -> None:
    m = only(text)
    assert (m.value, m.precision, m.kind) == (None, "week", "relative")


# Weekdays: the most recent such day on or before publication; "last"/الماضي strictly before.
WEEKDAYS = [
    ("استقبل الرئيس الوفد الخميس في القصر", "2025-12-18", "الخميس", "2025-12-18"),
    ("استقبل الرئيس الوفد يوم الخميس في القصر", "2025-12-19", "يوم الخميس", "2025-12-18"),
    ("وقّع الطرفان اليوم الأربعاء مذكرة تفاهم", "2025-12-17", "اليوم الأربعاء", "2025-12-17"),
    ("وصل الوفد أمس الأحد إلى الميناء", "2025-12-15", "أمس الأحد", "2025-12-14"),
    ("تم التوقيع الاثنين الماضي في بغداد", "2025-12-18", "الاثنين الماضي", "2025-12-15"),
    ("تم التوقيع الخميس الماضي في بغداد", "2025-12-18", "الخميس الماضي", "2025-12-11"),
    ("جرت المباحثات السبت في أنقرة", "2025-12-18", "السبت", "2025-12-13"),
    ("وصلت القطع البحرية والجمعة غادرت", "2025-12-18", "الجمعة", "2025-12-12"),
    ("The two sides signed the pact on Wednesday.", "2025-12-18", "Wednesday", "2025-12-17"),
    ("The chief visited the base last Thursday.", "2025-12-18", "last Thursday", "2025-12-11"),
    ("The delegation arrives next Monday.", "2025-12-18", "next Monday", "2025-12-22"),
    ("تصل الفرقاطة الثلاثاء المقبل", "2025-12-18", "الثلاثاء المقبل", "2025-12-23"),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), WEEKDAYS)
def test_weekdays(text: str, published: str, expr: str, value: str) -> None:
    m = only(text, published)
    assert (m.text, m.value, m.kind, m.precision, m.relative) == (expr, value, "weekday", "day", True)


def test_weekday_in_parentheses_takes_the_explicit_date() -> None:
    m = only("قال المتحدث إن الاجتماع عقد الخميس (18 ديسمبر) بحضور الطرفين", "2025-12-20")
    assert (m.text, m.value, m.kind) == ("الخميس (18 ديسمبر)", "2025-12-18", "absolute")


def test_relative_without_publication_date_has_no_value() -> None:
    found = find_dates("وصل الوفد أمس واجتمع الخميس الماضي بالقادة")
    assert [(m.text, m.value) for m in found] == [("أمس", None), ("الخميس الماضي", None)]


def test_datetime_publication_is_accepted() -> None:
    assert only("وصل الوفد أمس", "2025-12-18T07:45:00+02:00").value == "2025-12-17"


# Regional month sets, all to the same month.
@pytest.mark.parametrize(("name", "month"), [
    ("يناير", 1), ("جانفي", 1), ("كانون الثاني", 1), ("فبراير", 2), ("فيفري", 2), ("شباط", 2),
    ("آذار", 3), ("أبريل", 4), ("إبريل", 4), ("أفريل", 4), ("نيسان", 4), ("مايو", 5), ("ماي", 5),
    ("أيار", 5), ("يونيو", 6), ("يونيه", 6), ("جوان", 6), ("حزيران", 6), ("يوليو", 7), ("يوليوز", 7),
    ("جويلية", 7), ("تموز", 7), ("أغسطس", 8), ("غشت", 8), ("أوت", 8), ("آب", 8), ("سبتمبر", 9),
    ("شتنبر", 9), ("أيلول", 9), ("أكتوبر", 10), ("تشرين الأول", 10), ("نوفمبر", 11), ("نونبر", 11),
    ("تشرين الثاني", 11), ("ديسمبر", 12), ("دجنبر", 12), ("كانون الأول", 12),
])
def test_regional_month_names(name: str, month: int) -> None:
    text = f"جرى التوقيع في 7 {name} 2024 بحضور الوفدين"
    m = only(text)
    assert m.value == f"2024-{month:02d}-07"
    assert m.text == f"7 {name} 2024"


def test_month_table_holds_cldr_and_hand_added_names() -> None:
    months = dates.load_months()
    assert months["دجنبر"] == (12, "gregorian")  # CLDR ar_MA
    assert months["كانون الاول"] == (12, "gregorian")  # CLDR Levant, folded
    assert months["sept"] == (9, "gregorian")  # hand-added
    assert months["جمادي الاخره"] == (6, "hijri")


# Hijri dates (Umm al-Qura): known correspondences.
@pytest.mark.parametrize(("text", "expr", "value", "precision"), [
    ("بدأ الصيام في 1 رمضان 1446 هـ", "1 رمضان 1446 هـ", "2025-03-01", "day"),
    ("صدر القرار في 5 جمادى الآخرة 1447هـ", "5 جمادى الآخرة 1447هـ", "2025-11-26", "day"),
    ("صدر القرار في شهر شعبان 1446 هـ", "شعبان 1446 هـ", "2025-02", "month"),
    ("الميزانية للعام المالي 1447هـ", "1447هـ", "2025", "year"),
])
def test_hijri(text: str, expr: str, value: str, precision: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision, m.kind) == (expr, value, precision, "hijri")


def test_hijri_and_gregorian_in_one_sentence_are_both_matched() -> None:
    text = "وقعت المذكرة يوم الأربعاء 5 جمادى الآخرة 1447 هـ الموافق 26 نوفمبر 2025م في جدة"
    found = find_dates(text, published="2025-11-27")
    assert [(m.text, m.value, m.kind) for m in found] == [
        ("يوم الأربعاء 5 جمادى الآخرة 1447 هـ", "2025-11-26", "hijri"),
        ("26 نوفمبر 2025م", "2025-11-26", "absolute"),
    ]


@pytest.mark.parametrize("text", [
    "ارتفعت نسبة الجاهزية إلى 70% خلال التمرين",
    "وقّع البلدان 12 اتفاقية في مجالات مختلفة",
    "تسلمت القوات الجوية مقاتلات JF-17 حديثة",
    "نشر الجيش 2,500 جندي على الحدود",
    "يشارك في التمرين 8000 مقاتل من 14 دولة",
    "بلغت قيمة الصفقة 1500 مليون دولار",
    "أصدر مجلس الأمن القرار 2254 بشأن سوريا",
    "وصلت البعثة إلى بغداد لبحث ملف الحدود",
    "يبث تقرير روسيا اليوم عن المناورات",
    "كشفت صحيفة اليوم السابع تفاصيل الزيارة",
    "Of the recruits, 18 may join the navy.",
    "The plan, version 3.2.1, was adopted.",
    "Score 3-1 after 90 minutes.",
    "The budget reached 2025 million dollars in total.",
    "وصلت إلى الميناء في 2000 مركبة عسكرية",
    "In 2000 boxes the ammunition was shipped.",
])
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, published=PUB) == []


@pytest.mark.parametrize(("text", "value"), [
    ("تبدأ الخطة اعتبارا من 1 يناير المقبل", "2026-01-01"),
    ("وصلت الدفعة في 3 ديسمبر الماضي", "2025-12-03"),
    ("وصلت الدفعة في 20 ديسمبر الماضي", "2024-12-20"),
])
def test_day_month_with_modifier(text: str, value: str) -> None:
    m = only(text)
    assert (m.value, m.precision, m.kind, m.relative) == (value, "day", "absolute", True)


def test_numeric_date_month_first_only_when_day_first_is_impossible() -> None:
    assert only("Filed 12/31/2025 with the court").value == "2025-12-31"
    assert only("Filed 03/04/2025 with the court").value == "2025-04-03"
    assert find_dates("Filed 31/31/2025 with the court", published=PUB) == []


def test_year_needs_a_cue() -> None:
    assert find_dates("ينطلق تمرين النجم الساطع 2025 بمشاركة واسعة", published=PUB) == []
    assert only("ينطلق التمرين في عام 2025 بمشاركة واسعة").value == "2025"


def test_matches_are_sorted_and_disjoint_with_original_offsets() -> None:
    text = (
        "القاهرة - 14 أغسطس 2024: استقبل وزير الدفاع، أمس الثلاثاء، نظيره الليبي، بعد زيارة مماثلة في "
        "مارس 2023، على أن تعقد اللجنة المشتركة دورتها المقبلة في 2 فبراير. وقال المتحدث إن التعاون "
        "بدأ عام 2019 وتعزز منذ يومين بتوقيع بروتوكول."
    )
    found = find_dates(text, published="2024-08-14")
    assert [(m.text, m.value) for m in found] == [
        ("14 أغسطس 2024", "2024-08-14"),
        ("أمس الثلاثاء", "2024-08-13"),
        ("مارس 2023", "2023-03"),
        ("2 فبراير", "2024-02-02"),
        ("عام 2019", "2019"),
        ("منذ يومين", "2024-08-12"),
    ]
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    assert all(text[m.start:m.end] == m.text for m in found)


def test_diacritics_tatweel_and_spacing_keep_offsets() -> None:
    text = "وصـلَ الوفدُ غداً،\nبعدَ لقاءٍ عُقدَ  الخميسَ الماضي في 18   ديسمبر 2025"
    found = find_dates(text, published=PUB)
    assert [(m.text, m.value) for m in found] == [
        ("غداً", "2025-12-19"),
        ("الخميسَ الماضي", "2025-12-11"),
        ("18   ديسمبر 2025", "2025-12-18"),
    ]


def test_precomputed_normalization_gives_the_same_result() -> None:
    text = "وصل الوفد أمس الأحد، ووقع في 7 أيار 2024 اتفاقية، وغادر on Monday."
    assert find_dates(text, published=PUB, norm=normalize(text)) == find_dates(text, published=PUB)


def test_long_article_finds_dates_far_apart() -> None:
    filler = "وتناول اللقاء سبل تطوير العلاقات الثنائية بين البلدين في مختلف المجالات. " * 40
    text = "الرباط - 3 مارس 2025: " + filler + "واختتمت الزيارة أمس."
    found = find_dates(text, published="2025-03-04")
    assert [(m.value, m.kind) for m in found] == [("2025-03-03", "absolute"), ("2025-03-03", "relative")]
    assert text[found[1].start:found[1].end] == "أمس"


def test_resolve_relative() -> None:
    assert resolve_relative("الشهر الماضي", "2025-01-10") == ("2024-12", "month")
    assert resolve_relative("last Friday", "2025-12-18") == ("2025-12-12", "day")
    assert resolve_relative("الأسبوع الماضي", "2025-12-18") is None
    assert resolve_relative("لا تاريخ هنا", "2025-12-18") is None


_ALPHABET = st.sampled_from(list("الخميس أمس ديسمبر 2025 18 / - هـ رمضان 1446 اليوم last Thursday Dec. ،ًٌـ\n"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_always_round_trip(text: str) -> None:
    found = find_dates(text, published=PUB)
    for m in found:
        assert text[m.start:m.end] == m.text and m.start < m.end
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_bad_month_row_names_file_and_line(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "months.tsv"
    bad.write_text("name\tmonth\tcalendar\tsource\nديسمبر\t12\tgregorian\tmanual\nدجنبر\t13\tgregorian\tmanual\n",
                   encoding="utf-8")
    monkeypatch.setattr(dates, "MONTHS_TSV", bad)
    dates.load_months.cache_clear()
    try:
        with pytest.raises(DateDataError, match=r"months.tsv:3: month"):
            dates.load_months()
    finally:
        monkeypatch.undo()
        dates.load_months.cache_clear()


def test_bad_relative_unit_names_key(tmp_path, monkeypatch) -> None:
    bad = tmp_path / "relative.yaml"
    bad.write_text("phrases:\n  أمس: [fortnight, -1]\n", encoding="utf-8")
    monkeypatch.setattr(dates, "RELATIVE_YAML", bad)
    dates.load_relative.cache_clear()
    try:
        with pytest.raises(DateDataError, match=r"phrases\.أمس"):
            dates.load_relative()
    finally:
        monkeypatch.undo()
        dates.load_relative.cache_clear()


def test_regenerated_month_table_matches_the_checked_in_file(tmp_path, monkeypatch) -> None:
    for name in ("months.tsv", "weekdays.tsv"):
        (tmp_path / name).write_text((dates.DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(dates, "MONTHS_TSV", tmp_path / "months.tsv")
    monkeypatch.setattr(dates, "WEEKDAYS_TSV", tmp_path / "weekdays.tsv")
    try:
        dates.regen_months()
        for name in ("months.tsv", "weekdays.tsv"):
            assert (tmp_path / name).read_text(encoding="utf-8") == (dates.DATA_DIR / name).read_text(encoding="utf-8")
    finally:
        monkeypatch.undo()
        dates.load_months.cache_clear()
        dates.load_weekdays.cache_clear()
        dates._patterns.cache_clear()
