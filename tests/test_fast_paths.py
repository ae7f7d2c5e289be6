"""Each shortcut of the extraction hot path gives what its plain definition gives, on real text.

The shortcuts (a word index instead of a regex pass, keyed lexicon patterns, a trigger tried only at
gate words, claims anchored at verbs of saying) are what make a 5,000-character article cost about
a millisecond; these tests hold them to the slow, obvious version on every bundled example.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliancemap.clean import clean
from alliancemap.extract import _by_sentence, gate_positions
from alliancemap.extract import claims as claims_module
from alliancemap.extract.lexicon import Keyed, keyed, load_lexicon, word_prefixes
from alliancemap.model import Article
from alliancemap.resolve.kb import load_kb
from alliancemap.sources import iter_documents
from alliancemap.text import matcher as matcher_module
from alliancemap.text.normalize import normalize
from alliancemap.text.words import Tokens, WordFinder, matches_at

from .conftest import EXAMPLES


@cache
def _articles() -> tuple[Article, ...]:
    docs = iter_documents([str(EXAMPLES)])
    return tuple(a for a in map(clean, docs) if isinstance(a, Article) and a.sentences)


def _sentences() -> list[str]:
    return [normalize(a.text[s:e]).text for a in _articles() for s, e in a.sentences]


def _keyed_patterns() -> list[tuple[str, Keyed]]:
    lex = load_lexicon()
    out = [(f"group {k}", p) for k, p in lex.groups.items()]
    out += [(f"cue {k}.{pos}", p) for k, spec in lex.cues.items() for pos, p in spec.items()]
    out += [(f"domain {k}", p) for k, p in lex.domains.items()]
    out += [(f"system {name}", p) for p, name in lex.systems]
    return out


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


def test_the_examples_are_there() -> None:
    assert len(_articles()) >= 15


@pytest.mark.parametrize(("name", "pattern"), _keyed_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_keyed_pattern_finds_what_its_regex_finds(name: str, pattern: Keyed) -> None:
    for text in _sentences():
        words = word_prefixes(text)
        assert _span(pattern.search(text, words=words)) == _span(pattern.regex.search(text)), (name, text)
        half = len(text) // 2  # a window, as the modality cues search the clause before a trigger
        assert _span(pattern.search(text, half, len(text), words)) == _span(pattern.regex.search(text, half, len(text)))


def test_most_lexicon_patterns_have_keys() -> None:
    patterns = _keyed_patterns()
    assert sum(p.keys is not None for _, p in patterns) >= 0.8 * len(patterns)


def test_keys_of_arabic_words_ignore_clitics_and_the_article() -> None:
    committee = keyed(["(?:ال)?لجن(?:ه|ة)"])
    assert committee.keys == frozenset({"لجنه", "لجنة"})
    assert committee.search("وللجنه العسكريه", words=word_prefixes("وللجنه العسكريه"))
    assert committee.search("بحث الطرفان الملفات", words=word_prefixes("بحث الطرفان الملفات")) is None
    assert keyed([r"(?<=x)abc"]).keys is None  # may begin inside a word: always searched
    cancelled = keyed(["الغاء|الغت"])  # the root's own ال: "قرار الإلغاء" must not be ruled out
    assert cancelled.search("قرار الالغاء يشمل", words=word_prefixes("قرار الالغاء يشمل"))


def test_trigger_matches_at_gate_words_equal_a_full_scan() -> None:
    lex = load_lexicon()
    for article in _articles():
        norm = normalize(article.text)
        gate = _by_sentence(norm, article.sentences, gate_positions(lex, norm, Tokens(norm.text)))
        for i, (s, e) in enumerate(article.sentences):
            sentence = norm.slice(s, e)
            full = [(m.span(), m.lastgroup) for m in lex.trigger_re.finditer(sentence.text)]
            offset = norm.normalized_index(s)
            fast = [(m.span(), m.lastgroup) for m in
                    matches_at(lex.trigger_re, sentence.text, [p - offset for p in gate.get(i, [])])]
            assert fast == full, sentence.text


WORDS = st.lists(st.sampled_from(["زيارة", "وزار", "لقاء", "talks", "pre-signed", "visit's", "مطر", "rain", "(met",
                                  "x", "high-level", "\n"]), max_size=12)
WANTED = {"زيار", "زار", "talks", "signed", "visit's", "met", "high-level"}


@given(WORDS)
def test_word_finder_positions_equal_a_regex_scan(words: list[str]) -> None:
    text = normalize(" ".join(words)).text
    expected = []
    for m in re.finditer(r"(?<!\w)\w", text):  # every word start, read with and without hyphens
        readings = {re.match(r"[\w\-']+", text[m.start():]).group(), re.match(r"\w+", text[m.start():]).group()}
        if readings & WANTED:
            expected.append(m.start())
    assert WordFinder(WANTED.__contains__).positions(text) == expected


def test_claims_anchored_at_verbs_equal_a_full_scan() -> None:
    for article in _articles():
        for s, e in article.paragraphs:
            para = article.text[s:e]
            verbs = [m.start() for m in re.finditer(r"\b(?:said|says|told|stated|added|noted|stressed|warned)\b", para)]
            fast = [m.span() for m in claims_module._said_after(para, verbs)]
            assert fast == [m.span() for m in claims_module._EN_SAID_AFTER.finditer(para)], para


def test_a_preposition_before_a_name_starting_with_lam_is_peeled() -> None:
    kb = load_kb()
    hits = kb.find("نقلت الطائرات المساعدات للبنان وللجنة الصليب الأحمر")
    assert [h.value.id for h in hits if h.value.kind == "state"] == ["state:LBN"]
    assert [h.text for h in hits if h.value.id == "state:LBN"] == ["لبنان"]


def test_phrase_matcher_tokens_from_cached_words_equal_a_regex_pass() -> None:
    for text in _sentences():
        assert matcher_module._tokens(text) == matcher_module._TOKEN.findall(text)


@given(st.text(alphabet=st.sampled_from(list("ab-'.,()« »\"ال و\n\t")), max_size=40))
def test_phrase_matcher_tokens_on_any_normalized_text(raw: str) -> None:
    text = normalize(raw).text
    assert matcher_module._tokens(text) == matcher_module._TOKEN.findall(text)
