"""The compiled lexicon alternations and the trigger gate behave like their plain definitions."""

import re

from alliancemap.extract import gated_sentences
from alliancemap.extract.lexicon import bounded, join_bounded, load_lexicon
from alliancemap.text.normalize import normalize

SAMPLES = [
    "وقع الجانبان اتفاقية تعاون وبالتوقيع على مذكرة تفاهم",
    "the two sides signed an agreement; signing ceremonies and co-signed letters",
    "زيارته الى انقرة والزيارة المرتقبة",
    "visited, visits-visit visiting",
]


def _plain(parts: list[tuple[str | None, str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{n}>{bounded(p)})" if n else bounded(p) for n, p in parts))


def _matches(rx: re.Pattern[str]) -> list[list[tuple[tuple[int, int], str | None]]]:
    return [[(m.span(), m.lastgroup) for m in rx.finditer(normalize(t).text)] for t in SAMPLES]


def test_hoisted_alternation_matches_like_the_plain_one() -> None:
    parts = [("sign", "وقع|وقعت|التوقيع|توقيع"), ("en_sign", "sign(?:ed|ing)?"), ("visit", "زيار(?:ه|ته)"),
             ("en_visit", "visit(?:ed|s|ing)?")]
    hoisted = re.compile(join_bounded(parts))
    assert hoisted.pattern.startswith(r"(?<![\w])(?:")
    assert _matches(hoisted) == _matches(_plain(parts))
    assert [m.lastgroup for m in hoisted.finditer("co-signed")] == ["en_sign"]


def test_anchored_pattern_is_not_hoisted() -> None:
    parts = [(None, r"\bsign"), (None, "visit")]  # a pattern that brings its own boundary stays as written
    joined = join_bounded(parts)
    assert joined == "|".join(bounded(p) for _, p in parts)
    assert _matches(re.compile(joined)) == _matches(_plain(parts))


def test_gate_marks_sentences_holding_a_trigger_word() -> None:
    lex = load_lexicon()
    text = "Officials met in Ankara. Rain fell on the coast. The ministers signed a pact."
    sentences = [(0, 24), (25, 48), (49, len(text))]
    assert gated_sentences(lex, text, sentences) == {0, 2}
    assert gated_sentences(lex, text, sentences, normalize(text)) == {0, 2}
    assert gated_sentences(lex, "Rain fell on the coast.", [(0, 23)]) == set()
