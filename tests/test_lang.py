"""Language identification: script first, langdetect for Latin text."""

from __future__ import annotations

import pytest

from alliancemap.text.lang import detect_lang


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
