"""Cleaning: furniture goes, every body paragraph stays verbatim, title and date are found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alliancemap.clean import BoilerplateError, classify_line, clean, load_boilerplate, parse_date
from alliancemap.model import Article, RawDocument, Rejection
from alliancemap.text.normalize import content_hash

SEEDS = Path("/work/shared/seeds")
EVAL_ARTICLES = Path("/work/shared/eval/dev/articles")


def text_doc(path: Path) -> RawDocument:
    return RawDocument(str(path), "text", path.read_text(encoding="utf-8"), "0" * 64)


def body_lines(article: Article) -> list[str]:
    return article.text.split("\n\n")


def test_arabic_dump(inputs_dir):
    source = (inputs_dir / "ar_dump.txt").read_text(encoding="utf-8")
    art = clean(text_doc(inputs_dir / "ar_dump.txt"))
    assert isinstance(art, Article)
    assert art.title == "الجزائر وتونس تتفقان على تدريب مشترك لحرس الحدود"
    assert art.lang == "ar"
    lines = body_lines(art)
    long_lines = [line for line in source.splitlines() if len(line) > 120 and classify_line(line) is None]
    assert long_lines and all(line in lines for line in long_lines)
    assert "تفاصيل الاتفاق" in lines  # a sub-heading between body paragraphs stays
    assert art.title not in art.text and "سياسة" not in lines and "3" not in lines
    for furniture in ("اقرأ", "شارك", "تابعونا", "اترك", "بريدك", "الأعلى", "الحقوق", "ترخيص"):
        assert furniture not in art.text, furniture
    assert art.removed_lines == len([x for x in source.splitlines() if x.strip()]) - len(lines)
    assert art.article_id == content_hash(art.text)


def test_english_dump(inputs_dir):
    art = clean(text_doc(inputs_dir / "en_dump.txt"))
    assert art.title == "Jordan and Egypt hold first joint air defence drill"
    assert art.published == "2025-03-04"  # from the date-only line under the byline
    assert art.lang == "en"
    lines = body_lines(art)
    assert lines[0].startswith("AMMAN — Jordanian and Egyptian")
    assert "Lessons learned" in lines
    for furniture in ("cookies", "Home »", "By Sarah", "Read more", "Share this", "Leave a Reply",
                      "email address", "rights reserved"):
        assert furniture not in art.text, furniture
    assert len(lines) == 4


def test_spans_point_into_body(inputs_dir):
    art = clean(text_doc(inputs_dir / "en_dump.txt"))
    assert [art.text[s:e] for s, e in art.paragraphs] == body_lines(art)
    sentences = [art.text[s:e] for s, e in art.sentences]
    assert "Both sides plan a second round next year!" in sentences
    assert all(s.strip() == s and s for s in sentences)


def test_record_date_prefix_is_stripped_and_used():
    text = (
        " date 2025-01-05 https://news.example.com/story Bahrain and Egypt sign defence accord\n\n"
        "MANAMA - Bahrain and Egypt signed a defence cooperation accord on Sunday in Manama, officials said.\n"
    )
    art = clean(RawDocument("r", "record", text, "x", url="https://www.news.example.com/story"))
    assert art.published == "2025-01-05"
    assert art.title == "Bahrain and Egypt sign defence accord"
    assert art.text.startswith("MANAMA - Bahrain and Egypt signed")
    assert "date 2025" not in art.text and "https://" not in art.text


def test_record_title_given_is_kept_and_its_copies_dropped():
    title = "قائد الجيش يستقبل وفدا عسكريا أردنيا"
    text = f"{title}\n\n{title}\n\nالقسم:\n\nاستقبل قائد الجيش اليوم وفدا عسكريا أردنيا رفيع المستوى وبحث معه سبل تطوير التعاون.\n"
    art = clean(RawDocument("r", "record", text, "x", title=title, published="2024-11-02T10:00:00+02:00"))
    assert art.title == title and title not in art.text
    assert art.published == "2024-11-02"
    assert body_lines(art) == ["استقبل قائد الجيش اليوم وفدا عسكريا أردنيا رفيع المستوى وبحث معه سبل تطوير التعاون."]
    assert art.removed_lines == 3


def test_record_whose_first_line_is_a_lead_keeps_it_and_has_no_title():
    text = "وقعت مصر والسودان، الأحد، اتفاقية للتعاون العسكري في الخرطوم تشمل التدريب والتأهيل وتأمين الحدود المشتركة.\n"
    art = clean(RawDocument("r", "record", text, "x", lang="ar"))
    assert art.title is None
    assert art.text == text.strip()


def test_dateline_survives_at_the_top():
    text = "بغداد- (د ب أ)\n\nصرح مسؤول عراقي بأن المذكرة الأمنية مع الجانب الإيراني دخلت حيز التنفيذ الأسبوع الماضي.\n"
    art = clean(RawDocument("r", "record", text, "x"))
    assert art.text.startswith("بغداد- (د ب أ)")


@pytest.mark.parametrize("head", ["القاهرة - أ ش أ", "جاكرتا/ الأناضول", "Nairobi / KNA"])
def test_dateline_with_an_agency_of_several_letters_or_a_slash_survives(head: str) -> None:
    text = f"{head}\n\nاستقبل الرئيس نظيره الزائر في القصر الرئاسي وبحث معه سبل تعزيز التعاون العسكري بين البلدين.\n"
    art = clean(RawDocument("r", "record", text, "x"))
    assert art.text.startswith(head)


def test_only_furniture_is_no_text():
    text = "Home\nShare this article\nLeave a Reply\n© 2025 Example\n"
    rej = clean(RawDocument("page.txt", "text", text, "x"))
    assert isinstance(rej, Rejection) and rej.reason == "no_text" and rej.origin == "page.txt"


def test_html_kind_is_extracted_first(inputs_dir):
    html = (inputs_dir / "page.html").read_text(encoding="utf-8")
    art = clean(RawDocument("p.html", "html", html, "x"))
    assert art.text.startswith("NAIROBI - Senior security officials")
    assert art.published == "2024-06-12"


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Leave a Reply", "comment_form"),
        ("Please enter your comment!", "comment_form"),
        ("Your email address will not be published. Required fields are marked *", "comment_form"),
        ("اترك تعليقاً", "comment_form"),
        ("أضف تعليقك", "comment_form"),
        ("Mytheme Theme License is not validated, go to the options page to validate the license", "licence"),
        ("This blog uses an unlicensed copy of the Soledad theme. Activate your licence to hide this.", "licence"),
        ("Please register your template license to remove this message", "licence"),
        ("هذا الموقع يستخدم نسخة غير مرخصة من قالب الأخبار", "licence"),
        ("The ministry said the unlicensed copy of the treaty text circulated online was not the final version.",
         None),
        ("Back to top button", "back_to_top"),
        ("زر الذهاب إلى الأعلى", "back_to_top"),
        ("Share on WhatsApp", "share"),
        ("Facebook Twitter WhatsApp Telegram", "share"),
        ("شارك الخبر", "share"),
        ("Follow us on X for the latest updates", "follow"),
        ("تابعونا عبر صفحتنا على فيسبوك", "follow"),
        ("Read also: Navy receives new frigate", "related"),
        ("اقرأ أيضا: وزير الدفاع يزور أنقرة", "related"),
        ("مواضيع ذات صلة", "related"),
        ("© 2024 Gulf Times", "copyright"),
        ("جميع الحقوق محفوظة لموقع الخبر", "copyright"),
        ("This website uses cookies to ensure you get the best experience", "cookies"),
        ("Subscribe to our newsletter", "newsletter"),
        ("Home » Politics » Africa", "navigation"),
        ("الوسوم: ليبيا، تركيا", "navigation"),
        ("3 min read", "reading_time"),
        ("By Ahmed Hassan", "byline"),
        ("كتب- سامي علي:", "byline"),
        ("آخر تحديث: 12/03/2024", "byline"),
        ("Tuesday 27 August 2024", "date"),
        ("الأحد 5 يناير 2025 - 10:30 ص", "date"),
        ("2025-08-16 09:51", "date"),
        ("12", "counter"),
        ("· 1,204", "counter"),
        # article lines that mention the same words must not be furniture
        ("Officials said they would share intelligence on smuggling routes across the border.", None),
        ("شارك عدد من كبار الضباط في الاجتماع التخطيطي الأول للتمرين المشترك بين البلدين.", None),
        ("كتب الرئيس على صفحته في فيسبوك أن الاتفاقية تاريخية وتفتح صفحة جديدة في علاقات البلدين الشقيقين.", None),
        ("Related talks will continue in Cairo next month, the ministry said.", None),
        ("Relatedly, the navy announced a joint patrol.", None),
        ("The agreement was signed on 8 February 2024 in Ankara.", None),
        ("تفاصيل الاتفاق", None),
    ],
)
def test_classify_line(line, category):
    assert classify_line(line) == category


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-08-15 18:20:00", "2024-08-15"),
        ("2025-09-17T10:00:00Z", "2025-09-17"),
        ("24/02/2024", "2024-02-24"),
        ("15-8-2024 | 22:06", "2024-08-15"),
        ("08/15/2024", "2024-08-15"),
        ("April 24, 2024", "2024-04-24"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("14th, December 2024 GMT", "2024-12-14"),
        ("الثلاثاء 27 اغسطس 2024", "2024-08-27"),
        ("١٩ مارس ٢٠٢٣", "2023-03-19"),
        ("5 كانون الأول 2023", "2023-12-05"),
        ("31/02/2024", None),
        ("no date here", None),
        (None, None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_lexicon_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "categories:\n  share:\n    max_len: 50\n    patterns:\n      - '^share('\n"
        "date_words: []\nmonths: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(BoilerplateError, match=r"bad\.yaml:5: .*share"):
        load_boilerplate(bad)


def test_lexicon_missing_key(tmp_path):
    bad = tmp_path / "missing.yaml"
    bad.write_text("categories: {}\n", encoding="utf-8")
    with pytest.raises(BoilerplateError, match="missing.yaml.*date_words"):
        load_boilerplate(bad)


# --- the real seed pages (read at test time, never copied) -------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEED_FILES, reason="/work/shared/seeds not available")


@needs_seeds
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_body_kept_and_furniture_gone(path):
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    art = clean(text_doc(path))
    assert isinstance(art, Article) and art.lang == "ar"
    body = set(body_lines(art))
    long_lines = [line for line in lines if len(line) > 120 and classify_line(line) is None]
    assert len(long_lines) >= 5
    assert all(line in body for line in long_lines)
    furniture = [line for line in lines if classify_line(line)]
    assert {classify_line(line) for line in furniture} >= {"comment_form"}
    assert not body & set(furniture)
    assert art.title and art.title not in body


@needs_seeds
def test_seed_000_title_is_the_repeated_top_line():
    path = SEED_FILES[0]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    repeated = [line for line in lines[:6] if lines.count(line) >= 2]
    assert repeated
    art = clean(text_doc(path))
    assert art.title == repeated[0]
    assert art.removed_lines >= lines.count(repeated[0]) + 1  # the copies and the stray counter


@needs_seeds
def test_seed_001_title_is_first_substantial_line_after_furniture():
    path = SEED_FILES[1]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert classify_line(lines[0]) == "licence"
    expected = next(line for line in lines[1:] if len(line.split()) >= 3)
    art = clean(text_doc(path))
    assert art.title == expected
    assert lines[1] not in body_lines(art)  # the section label above the title


# --- the dev evaluation articles, read as records ------------------------------------------------

EVAL_FILES = sorted(EVAL_ARTICLES.glob("*.json")) if EVAL_ARTICLES.is_dir() else []


@pytest.mark.skipif(not EVAL_FILES, reason="/work/shared/eval not available")
def test_eval_articles_are_all_kept_with_title_date_and_evidence():
    removed = 0
    for path in EVAL_FILES:
        rec = json.loads(path.read_text(encoding="utf-8"))
        raw = RawDocument(str(path), "record", rec["text"], "x", url=rec["url"], title=rec["title"],
                          outlet=rec["outlet"], published=rec["date"], lang=rec["lang"])
        art = clean(raw)
        assert isinstance(art, Article), path
        assert art.title == rec["title"] or rec["title"] is None
        assert art.published == rec["date"] or rec["date"] is None
        assert art.lang == rec["lang"], path
        gold = path.parent.parent / "gold" / path.name
        if gold.exists():
            for event in json.loads(gold.read_text(encoding="utf-8"))["events"]:
                assert event["evidence"] in art.text, (path.name, event["evidence"][:40])
        assert not re.match(r"\s*date \d{4}", art.text)
        removed += art.removed_lines
    assert removed > 0
