"""Clitic-aware phrase matching returns original offsets."""

import pytest

from alliancemap.text.matcher import PhraseMatcher, clitic_variants


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    m.add("باكستان", "PAK")
    m.add("الجيش الوطني الليبي", "LNA")
    m.add("بنغازي", "Benghazi")
    m.add("Libyan National Army", "LNA")
    m.add("Pakistan", "PAK")
    return m


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("وصل الوفد إلى باكستان أمس", "باكستان", "PAK"),
        ("العلاقات بين ليبيا وباكستان", "باكستان", "PAK"),
        ("زار قائد الجيش لباكستان", "باكستان", "PAK"),
        ("وقّع ممثل للجيش الوطني الليبي", "لجيش الوطني الليبي", "LNA"),
        ("وبالجيش الوطنيّ الليبيّ", "الجيش الوطنيّ الليبيّ", "LNA"),
        ("في زيارة رسمية لبنغازي", "بنغازي", "Benghazi"),
        ("the Libyan National Army's commander", "Libyan National Army's", "LNA"),
        ("Pakistan's army chief", "Pakistan's", "PAK"),
    ],
)
def test_finds_phrases_with_clitics(matcher: PhraseMatcher, text: str, surface: str, value: str) -> None:
    hits = matcher.find(text)
    assert [(h.text, h.value) for h in hits] == [(surface, value)]
    assert text[hits[0].start:hits[0].end] == hits[0].text


def test_no_match_inside_other_words(matcher: PhraseMatcher) -> None:
    assert matcher.find("الباكستانيون يعملون في ليبيا") == []
    assert matcher.find("Pakistani officials") == []


def test_longest_match_wins() -> None:
    m = PhraseMatcher()
    m.add("الجيش", "army")
    m.add("الجيش الباكستاني", "pak-army")
    assert [h.value for h in m.find("قائد الجيش الباكستاني والجيش")] == ["pak-army", "army"]


def test_clitic_variants_peel_conjunction_preposition_and_article() -> None:
    forms = dict(clitic_variants("وبالقاهرة"))
    assert "القاهرة" in forms and "قاهرة" in forms
    assert dict(clitic_variants("للجيش"))["الجيش"] == 1


def test_possessive_on_last_word_of_a_phrase() -> None:
    m = PhraseMatcher()
    m.add("Libyan National Army", "LNA")
    hits = m.find("the Libyan National Army's spokesman")
    assert [(h.text, h.value) for h in hits] == [("Libyan National Army's", "LNA")]


def test_first_added_wins_between_phrases_with_the_same_tokens() -> None:
    m = PhraseMatcher()
    m.add("Saudi Arabia", "first")
    m.add("SAUDI  ARABIA", "second")  # folds to the same tokens
    assert [h.value for h in m.find("in Saudi Arabia today")] == ["first"]


def test_longer_phrase_from_a_later_clitic_form_wins() -> None:
    m = PhraseMatcher()
    m.add("وزير", "bare")  # matches the token as written
    m.add("زير الدفاع", "peeled")  # only after peeling و: longer, so it wins
    assert [(h.text, h.value) for h in m.find("وزير الدفاع")] == [("زير الدفاع", "peeled")]


def test_phrases_added_after_a_scan_are_found() -> None:
    m = PhraseMatcher()
    m.add("Pakistan", "PAK")
    assert [h.value for h in m.find("Pakistan and Egypt")] == ["PAK"]
    m.add("Egypt", "EGY")
    assert [h.value for h in m.find("Pakistan and Egypt")] == ["PAK", "EGY"]
