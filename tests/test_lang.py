"""Language identification: script first, langdetect for Latin text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancemap.text.lang import detect_lang, letter_counts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وقع البلدان اتفاقية للتعاون الدفاعي تشمل التدريب وتبادل الخبرات العسكرية.", "ar"),
        ("قال وزير الدفاع إن صفقة F-16 مع شركة Lockheed Martin ستكتمل العام المقبل.", "ar"),
        ("The two defence ministers signed a memorandum of understanding on military training.", "en"),
        ("Prime Minister Shehbaz Sharif met Crown Prince Mohammed bin Salman (محمد بن سلمان) in Riyadh "
         "and discussed the new defence pact.", "en"),
        ("Les deux ministres de la défense ont signé un accord de coopération militaire à Alger.", "other"),
        ("İki ülkenin savunma bakanları askeri işbirliği anlaşması imzaladı ve ortak tatbikat planladı.", "other"),
        ("Home", "other"),
        ("", "other"),
        ("12345 67890 !!!", "other"),
    ],
)
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang


def test_detection_is_deterministic():
    text = "Officials said the talks covered border security and joint patrols along the coast."
    assert {detect_lang(text) for _ in range(5)} == {"en"}


def _counted_one_by_one(sample: str) -> tuple[int, int]:
    letters = [c for c in sample if c.isalpha()]
    arabic = [c for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"
              or "\u08a0" <= c <= "\u08ff" or "\ufb50" <= c <= "\ufeff"]
    return len(letters), len(arabic)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("وزيرالدفاعَُّـ،؟٣۴ﻻﷲ\u08a0\u0750\u077fA bé1_Жİ\n\u200f\ufeff")), max_size=80))
def test_letter_counts_equal_a_count_character_by_character(sample: str) -> None:
    assert letter_counts(sample) == _counted_one_by_one(sample)
