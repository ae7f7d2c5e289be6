"""A denial is stored as a denial (``negated``), not as the speaker asserting what they deny."""

from __future__ import annotations

import pytest

from alliancemap.extract.claims import find_claims
from alliancemap.model import Article
from alliancemap.text.normalize import content_hash
from alliancemap.text.sentences import split_paragraphs, split_sentences


def article(text: str, lang: str = "ar") -> Article:
    return Article(article_id=content_hash(text), text=text, published="2025-04-08", lang=lang,
                   url="https://example.test/row", outlet="example.test",
                   sentences=split_sentences(text), paragraphs=split_paragraphs(text))


@pytest.mark.parametrize("text,speaker,said", [
    ("وفي المقابل، نفت وزارة الخارجية في باماكو أن تكون المسيّرة قد اخترقت المجال الجوي الجزائري، وقالت إن الحطام"
     " وُجد داخل الأراضي المالية.", "وزارة الخارجية في باماكو", "تكون المسيّرة قد اخترقت"),
    ("ونفى المتحدث باسم الجيش الليبي أحمد المسماري أن يكون وفد عسكري قد زار أنقرة خلال الأسبوع الماضي.",
     "أحمد المسماري", "يكون وفد عسكري قد زار أنقرة"),
    ("كما أنكرت الحكومة الصومالية أن تكون الاتفاقية البحرية مع تركيا قد منحت أنقرة حق إدارة الموانئ.",
     "الحكومة الصومالية", "تكون الاتفاقية البحرية"),
    ("وتنفي السلطات الانتقالية أنها تلقت أي شحنة أسلحة من موسكو منذ مطلع العام الجاري.",
     "السلطات الانتقالية", "تلقت أي شحنة أسلحة"),
])
def test_arabic_denials_are_negated(text: str, speaker: str, said: str) -> None:
    claims = find_claims(article(text))
    denial = next(c for c in claims if said in c.text)
    assert denial.negated, denial
    assert speaker in denial.speaker or speaker in (denial.speaker_role or "") + " " + denial.speaker
    assert text[denial.start:denial.end] == denial.text


def test_the_same_speaker_asserting_is_not_negated() -> None:
    text = ("نفت الحكومة الانتقالية في مالي أن تكون الطائرة قد دخلت الأجواء الجزائرية. وأكدت الحكومة أن الحطام"
            " عُثر عليه على بعد عشرة كيلومترات داخل التراب المالي.")
    claims = find_claims(article(text))
    by_text = {c.text.split()[0]: c for c in claims}
    assert [c.negated for c in claims] == [True, False], claims
    assert "تكون" in by_text and by_text["تكون"].negated


@pytest.mark.parametrize("text,speaker,said", [
    ("In Bamako, government spokesman Colonel Abdoulaye Maiga denied that the drone had entered Algerian airspace,"
     " saying the wreckage lay inside Malian territory.", "Colonel Abdoulaye Maiga", "the drone had entered"),
    ("General Ahmed Mismari denies that a Libyan delegation travelled to Ankara last week.", "General Ahmed Mismari",
     "a Libyan delegation travelled"),
])
def test_english_denials_are_negated(text: str, speaker: str, said: str) -> None:
    claims = find_claims(article(text, lang="en"))
    denial = next(c for c in claims if said in c.text)
    assert denial.negated and denial.speaker.startswith(speaker.split()[0])
    assert not denial.text.startswith("that ")
    assert text[denial.start:denial.end] == denial.text


def test_english_saying_is_not_negated() -> None:
    text = "Defence analyst Hodan Warsame said the naval agreement gives Ankara a lasting role in Somali waters."
    claims = find_claims(article(text, lang="en"))
    assert claims and not any(c.negated for c in claims)


def test_denial_is_stored_and_listed(tmp_path) -> None:
    from alliancemap.model import Extraction
    from alliancemap.store.db import open_store
    from alliancemap.store.extraction import list_claims, replace_extraction

    text = "نفت وزارة الدفاع التركية أن تكون قواتها قد شاركت في المناورات البحرية قبالة سواحل مصراتة."
    art = article(text)
    store = open_store(str(tmp_path / "s.db"))
    with store.transaction() as conn:
        store.add_article(conn, art)
        replace_extraction(conn, art.article_id, Extraction(article_id=art.article_id, claims=find_claims(art)))
    stored = list_claims(store.conn)
    assert len(stored) == 1 and stored[0].negated
