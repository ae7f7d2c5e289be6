"""Sentence, paragraph and clause spans: exact offsets, Arabic and English rules."""

from __future__ import annotations

import pytest

from alliancemap.text.sentences import split_clauses, split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and e > s
    assert spans == sorted(spans)
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. Both sides signed a deal!", ["The talks ended.", "Both sides signed a deal!"]),
        ("Did they sign? Yes.", ["Did they sign?", "Yes."]),
        ("The U.S. Army and Gen. Ahmed met at 9 a.m. in Riyadh. Talks followed.",
         ["The U.S. Army and Gen. Ahmed met at 9 a.m. in Riyadh.", "Talks followed."]),
        ("Lt. Col. Omar Ali and Mr. Khan and Dr. Noor attended. Nothing else.",
         ["Lt. Col. Omar Ali and Mr. Khan and Dr. Noor attended.", "Nothing else."]),
        ("A. Khan signed for Pakistan. B. Omar signed for Libya.",
         ["A. Khan signed for Pakistan.", "B. Omar signed for Libya."]),
        ("Growth was 4.6 percent. It was signed on 17.09.2025 in Riyadh.",
         ["Growth was 4.6 percent.", "It was signed on 17.09.2025 in Riyadh."]),
        ("Resolution No. 5 was adopted. He said no. Then he left.",
         ["Resolution No. 5 was adopted.", "He said no.", "Then he left."]),
        ('He said: "We signed. It is historic." Then he left.',
         ['He said: "We signed. It is historic."', "Then he left."]),
        ("He said: “We signed. It is historic.” Then he left.",
         ["He said: “We signed. It is historic.”", "Then he left."]),
        ("First line without stop\nSecond line.", ["First line without stop", "Second line."]),
        ("  Padded sentence.   Next one.  ", ["Padded sentence.", "Next one."]),
        ("Visit example.com for details. Then read on.", ["Visit example.com for details.", "Then read on."]),
        ("", []),
    ],
)
def test_english_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقع الجانبان الاتفاقية. وأكد الوزير أهميتها.", ["وقع الجانبان الاتفاقية.", "وأكد الوزير أهميتها."]),
        ("هل انتهت المفاوضات؟ لا، ما زالت مستمرة.", ["هل انتهت المفاوضات؟", "لا، ما زالت مستمرة."]),
        ("وصل الوفد، واستقبله الوزير، ثم بدأت المباحثات.", ["وصل الوفد، واستقبله الوزير، ثم بدأت المباحثات."]),
        ("تشمل الاتفاقية التدريب؛ وتبادل الخبرات.", ["تشمل الاتفاقية التدريب؛ وتبادل الخبرات."]),
        ("وقال إن “التعاون مستمر. والعلاقات قوية” بين البلدين. وغادر بعدها.",
         ["وقال إن “التعاون مستمر. والعلاقات قوية” بين البلدين.", "وغادر بعدها."]),
        ("وأضاف: «نحن شركاء. وسنبقى كذلك». ثم انتهى اللقاء.",
         ["وأضاف: «نحن شركاء. وسنبقى كذلك».", "ثم انتهى اللقاء."]),
        ("وأوضح د. محمد أن الزيارة ناجحة. وأشاد بها.", ["وأوضح د. محمد أن الزيارة ناجحة.", "وأشاد بها."]),
        ("بلغت النسبة 56.1 بالمئة. وتم التوقيع في 17.09.2025 بالرياض.",
         ["بلغت النسبة 56.1 بالمئة.", "وتم التوقيع في 17.09.2025 بالرياض."]),
        ("العنوان\n\nالفقرة الأولى. الفقرة الثانية!", ["العنوان", "الفقرة الأولى.", "الفقرة الثانية!"]),
    ],
)
def test_arabic_sentences(text, expected):
    assert sentences(text) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "قال: “بدأنا التدريب. " + "وسيستمر البرنامج طويلا " * 30 + "حتى النهاية. وانتهى الاجتماع."
    got = sentences(text)
    assert got[0] == "قال: “بدأنا التدريب."
    assert got[-1] == "وانتهى الاجتماع."


def test_offsets_are_exact_in_a_longer_text():
    text = "  First.\n\n  Second one here.  Third?\n"
    spans = split_sentences(text)
    assert spans == [(2, 8), (12, 28), (30, 36)]


def test_paragraphs():
    text = "\nTitle line\n\n  First paragraph.  \nSecond paragraph.\n\n\n"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Title line", "First paragraph.", "Second paragraph."]
    assert spans[0] == (1, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تشمل الاتفاقية التدريب؛ وتبادل الخبرات.", ["تشمل الاتفاقية التدريب؛", "وتبادل الخبرات."]),
        ("Training; exchange of expertise. Next.", ["Training;", "exchange of expertise.", "Next."]),
        ("قال: «تدريب؛ وتأهيل» ثم غادر.", ["قال: «تدريب؛ وتأهيل» ثم غادر."]),
        ("وصل الوفد، واستقبله الوزير.", ["وصل الوفد، واستقبله الوزير."]),
    ],
)
def test_clauses(text, expected):
    spans = split_clauses(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == expected


def test_clauses_offsets_are_absolute():
    text = "Intro sentence. Alpha; beta."
    start = text.index("Alpha")
    spans = split_clauses(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["Alpha;", "beta."]
    assert spans[0][0] == start
