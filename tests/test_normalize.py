"""Normalization keeps a faithful map back to the original text."""

from hypothesis import given
from hypothesis import strategies as st

from alliancemap.text.normalize import (
    _TABLE,
    _WHITE_SPACE,
    _fold_chars,
    _lower_one,
    content_hash,
    fold,
    normalize,
)

ARABIC_AND_MARKS = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىةؤئـ ًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩،؛؟ \n\tabcXYZ-")),
    max_size=80,
)


@given(ARABIC_AND_MARKS)
def test_every_normalized_char_maps_to_an_original_char_that_folds_to_it(text: str) -> None:
    n = normalize(text)
    for i, ch in enumerate(n.text):
        o = n.original_index(i)
        assert fold(text[o]) == ch.strip() or (ch == " " and text[o].isspace())


@given(ARABIC_AND_MARKS, st.integers(0, 80), st.integers(0, 80))
def test_spans_round_trip_to_the_surface_text(text: str, a: int, b: int) -> None:
    n = normalize(text)
    a, b = sorted((min(a, len(n.text)), min(b, len(n.text))))
    s, e = n.original_span(a, b)
    assert 0 <= s <= e <= len(text)
    assert normalize(text[s:e]).text == n.text[a:b]


@given(ARABIC_AND_MARKS, st.integers(0, 80), st.integers(0, 80))
def test_a_slice_of_the_normalized_text_is_the_normalized_slice(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    n = normalize(text)
    assert n.slice(a, b) == normalize(text[a:b])
    assert n.text[n.normalized_index(a):n.normalized_index(b)] == normalize(text[a:b]).text


def test_the_fast_fold_equals_lower_casing_then_the_table_on_every_bmp_character() -> None:
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    for ch in chars:
        assert _fold_chars(ch) == _lower_one(ch).translate(_TABLE), hex(ord(ch))
    # and on a whole string, where one replacement must not feed the next
    text = "".join(chars[0x20:0x700]) + "".join(reversed(chars[0x20:0x700]))
    assert _fold_chars(text) == "".join(map(_lower_one, text)).translate(_TABLE)


def test_every_kind_of_white_space_becomes_the_plain_space() -> None:
    spaces = "".join(chr(c) for c in range(0x10000) if chr(c).isspace() and c != 0x20)
    assert spaces == _WHITE_SPACE
    assert normalize(f"a{spaces}b").text == "a" + " " * len(spaces) + "b"


def test_arabic_orthographic_variants_fold_together() -> None:
    assert fold("إسلام آباد") == fold("اسلام اباد")
    assert fold("الليبيّة") == fold("الليبيه")
    assert fold("مصطفى") == fold("مصطفي")
    assert fold("الـمـشـيـر") == "المشير"
    assert fold("١٨ ديسمبر ٢٠٢٥") == "18 ديسمبر 2025"
    assert fold("Türkiye") == "turkiye"


def test_diacritics_are_dropped_but_offsets_point_at_the_original() -> None:
    text = "وقّع الفريقُ صدام حفتر"
    n = normalize(text)
    start = n.text.index("صدام")
    s, e = n.original_span(start, start + len("صدام حفتر"))
    assert text[s:e] == "صدام حفتر"


def test_content_hash_ignores_layout_and_orthography() -> None:
    a = "وقّعت ليبيا   وباكستان\nاتفاقيةً للتعاون."
    b = "وقعت ليبيا وباكستان اتفاقية للتعاون."
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("وقعت ليبيا وتركيا اتفاقية للتعاون.")
