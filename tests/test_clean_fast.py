"""The fast paths of ``clean`` give what the plain ones gave: line classes and the word share.

``clean`` leaves out a furniture pattern on a page that lacks the literals every match of that pattern
holds (``clean._needs``). These tests check that the screen never changes a line's class: on pages of
furniture and story lines in both languages, with case, diacritics and the dotless "ı" that a
case-insensitive "i" also matches, and on a lexicon written to exercise groups, alternations and repeats.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancemap.clean import (
    _WORD,
    MANY_WORDS,
    _make_lines,
    _needs,
    _one_script,
    _word_count,
    classify_line,
    load_boilerplate,
    word_share,
)

FURNITURE = [
    "Your email address will not be published. Required fields are marked *",
    "YOUR EMAIL ADDRESS WILL NOT BE PUBLISHED",
    "Theme lıcense is not validated — open the settings to validate the lıcense",
    "This site is running an unlicensed version of the NewsPress theme",
    "Activate your theme licence to remove this notice",
    "يرجى العلم أن ترخيص القالب غير مفعّل حالياً",
    "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
    "We use cookies to improve your reading experience on this website",
    "هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين تجربتك",
    "نستخدم الكوكيز لتحسين خدماتنا",
    "Copyright © 2025 Sahel Courier. All rights reserved.",
    "كل الحقوق محفوظة © 2025",
    "Subscribe to the newsletter for a daily briefing",
    "اشترك في النشرة البريدية لتصلك آخر الأخبار",
    "Leave a reply",
    "Share on Telegram",
    "Related stories:",
    "Home › World › Middle East",
    "5 min read",
]
STORY = [
    "The defence ministers of Jordan and Oman signed a memorandum on military training in Muscat on Monday.",
    "وقّع وزيرا الدفاع في الأردن وسلطنة عمان مذكرة تفاهم للتدريب العسكري في مسقط يوم الاثنين.",
    "Officials said the licence for the new frigate yard was granted after the talks, and that all rights"
    " to the design stay with the navy.",
    "وأكد المتحدث أن الجانبين سيشاركان في النشرة الدورية للتعاون الأمني، وأن الحقوق محفوظة لكل طرف.",
    "Reporters were told to subscribe to the ministry's newsletter for updates on the joint exercise.",
    "The cookies served at the reception were a gift from the visiting delegation, an aide joked.",
]


@pytest.mark.parametrize("order", ["furniture first", "story first", "mixed"])
def test_screened_page_gives_every_line_its_own_class(order: str) -> None:
    lines = {"furniture first": FURNITURE + STORY, "story first": STORY + FURNITURE,
             "mixed": [x for pair in zip(STORY * 4, FURNITURE, strict=False) for x in pair]}[order]
    made = _make_lines("\n".join(lines), load_boilerplate())
    assert [line.category for line in made] == [classify_line(line) for line in lines]
    assert {line.category for line in made} >= {"comment_form", "licence", "cookies", "copyright", "newsletter"}


@pytest.mark.parametrize("furniture", FURNITURE)
def test_furniture_alone_on_a_story_page_is_found(furniture: str) -> None:
    """One furniture line among story lines: the page's literals are that line's alone."""
    lines = [STORY[0], furniture, *STORY[1:]]
    made = _make_lines("\n".join(lines), load_boilerplate())
    assert made[1].category == classify_line(furniture) is not None
    assert [line.category for line in made] == [classify_line(line) for line in lines]


def test_a_story_page_skips_the_costly_furniture_searches() -> None:
    """The point of the screen: a page without the furniture's literals is not searched for it."""
    from alliancemap.clean import _possible

    lex = load_boilerplate()
    page = "\n".join(STORY[:2])
    searched = {name: patterns for name, _, patterns in _possible(lex, page)}
    full = {name: patterns for name, _, patterns in lex.categories}
    assert len(searched["licence"]) < len(full["licence"]) or searched["licence"] != full["licence"]
    assert all(p.pattern.startswith("(?:^") for p in searched["cookies"])


@pytest.mark.parametrize(("pattern", "needs"), [
    ("your email address", [("your ema",), ("l address",)]),  # "i" also matches "ı": runs stop there
    ("(we|this site) uses? cookies", [("we", "s s"), (" use",), (" cook",), ("es",)]),
    ("(foo|[ab]) bar", [(" bar",)]),  # a branch without a literal: no need from the alternation
    ("x(yz)? done", [("x",), (" done",)]),  # an optional group needs nothing
    ("(?:ab){2,} end", [("ab",), (" end",)]),
    ("نسخه غير (مرخصه|اصليه)", [("نسخه غير ",), ("مرخصه", "اصليه")]),
    (r"\d+ comments", [(" comments",)]),
])
def test_needs_are_what_every_match_holds(pattern: str, needs: list[tuple[str, ...]]) -> None:
    from re import _parser

    assert _needs(_parser.parse(pattern, re.IGNORECASE)) == needs


def test_a_lexicon_of_groups_and_branches_screens_to_the_same_classes(tmp_path) -> None:
    yaml_text = """
categories:
  promo:
    max_len: 300
    patterns:
      - '(limited|special) offer (today|now)'
      - 'x?y?z? only (at|in) the (shop|store)'
      - '(?:buy ){2,}'
  stamp:
    max_len: 100
    patterns:
      - '^filed at \\d+'
      - 'edited:? \\w+$'
date_words: [today]
months: {january: 1}
"""
    path = tmp_path / "lex.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    lex = load_boilerplate(path)
    lines = ["Special offer NOW on every subscription", "buy buy buy", "Valid only in the store this week",
             "filed at 0930", "edited: Nadia", "The navy said the exercise was a special one.",
             "A limited offer was made to the delegation today."]
    for page in (lines, lines[3:], lines[5:], list(reversed(lines))):
        made = _make_lines("\n".join(page), lex)
        assert [line.category for line in made] == [classify_line(line, lexicon=lex) for line in page]
    assert [classify_line(line, lexicon=lex) for line in lines[:5]] == ["promo", "promo", "promo", "stamp", "stamp"]


def _word_share_one_by_one(text: str, sample: int = 100_000) -> float:
    """The word share token by token, as ``clean`` computed it before its scans moved into the regex engine."""
    total = good = 0
    for token in text[:sample].split():
        total += len(token)
        if len(token) <= 40 and _one_script(token):
            good += len(token)
    return good / total if total else 0.0


_PIECES = st.sampled_from(["وزير", "الدفاع", "Ankara", "visit", "2025", "،", "«", "»", "-", "é", "Türkiye", "ı",
                           "Ж", "中", "\u00a0", "\u2009", " ", "\n", "\t", "x" * 41, "ب" * 45, "Aب", "بA", "ب1",
                           "\ufeff", "\u200f", "Ø", "ÙˆØ²ÙŠØ±", "\x00", "@", "[", "`", "{", "\x7f", "\u0750"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_word_share_equals_the_token_by_token_count(text: str) -> None:
    assert word_share(text) == _word_share_one_by_one(text)
    assert word_share(text, sample=17) == _word_share_one_by_one(text, sample=17)


@pytest.mark.parametrize("text", [
    "وصل وزير الدفاع التركي إلى الرباط في زيارة رسمية تستغرق يومين.",
    "Türkiye's defence minister arrived in Rabat on a two-day official visit.",
    "ÙˆØµÙ„ ÙˆØ²ÙŠØ± Ø§Ù„Ø¯Ù\x81Ø§Ø¹ Ø§Ù„ØªØ±ÙƒÙŠ Ø¥Ù„Ù‰ Ø§Ù„Ø±Ø¨Ø§Ø·",  # UTF-8 read as cp1252
    "".join(chr(c) for c in range(0x80, 0x2ff)),
])
def test_word_share_on_prose_and_mojibake(text: str) -> None:
    assert word_share(text) == _word_share_one_by_one(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["وزير", "defence", "a", "ب", "12", "x" * 90, "—", "talks,", "الدفاع."]),
                max_size=400).map(" ".join))
def test_word_count_is_exact_up_to_many(line: str) -> None:
    """Long lines are counted on their start: every count below MANY_WORDS is exact, and "many" stays many."""
    exact = len(_WORD.findall(line))
    assert min(_word_count(line), MANY_WORDS) == min(exact, MANY_WORDS)
    assert _word_count(line) <= exact


_FOLD_PIECES = st.sampled_from(["أ", "إ", "آ", "ٱ", "ى", "ة", "٣", "۴", "ً", "ّ", "ـ", "\u200f", "\ufeff", "İ", "ß", "Ж",
                                "A", "b", " ", "\t", "\n", "\r\n", "\u2028", "\x85", "\x1c", "\u00a0", "وزير", "Defence"])


def _light_fold_by_translate(text: str) -> str:
    """``light_fold`` as it was written before: a translate table over each line."""
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
    table.update(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    if not text.isascii():
        text = re.sub("[\u064b-\u065f\u0670\u0640\u200c-\u200f\u061c\ufeff]", "", text).translate(table)
    return " ".join(text.casefold().split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_FOLD_PIECES, max_size=50).map("".join))
def test_a_page_folded_at_once_gives_each_line_its_own_fold(page: str) -> None:
    from alliancemap.clean import light_fold

    made = _make_lines(page, load_boilerplate())
    stripped = [s for s in (line.strip() for line in page.splitlines()) if s]
    assert [line.text for line in made] == stripped
    assert [line.key for line in made] == [light_fold(s) for s in stripped] == list(map(_light_fold_by_translate, stripped))
