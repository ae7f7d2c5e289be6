"""Cheap gates: pages that cannot hold an event are stored and counted, not extracted; nothing else changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from alliancemap.clean import clean
from alliancemap.cli import main
from alliancemap.extract import extract_article
from alliancemap.gates import extract_gated, gate
from alliancemap.model import Article, RawDocument
from alliancemap.sources import iter_documents
from alliancemap.store.db import open_store
from alliancemap.text.lang import _langdetect, detect_lang, english_share

ROOT = Path(__file__).resolve().parents[1]

WEATHER_EN = ("Heavy rain is expected across the northern valleys on Thursday, according to the weather "
              "office, with temperatures falling to eight degrees overnight. Farmers were advised to cover young "
              "crops, and the ferry between the two islands may run late if the wind rises.\n\n"
              "By Sunday the skies should clear, and the coastal towns can look forward to a mild and "
              "sunny week with light winds from the sea.")
WEATHER_AR = ("توقعت هيئة الأرصاد أن تهطل أمطار غزيرة على المرتفعات الشمالية يوم الخميس، مع انخفاض درجات "
              "الحرارة ليلا إلى ثماني درجات. ونصحت المزارعين بتغطية المحاصيل الصغيرة، وقد تتأخر العبّارة بين "
              "الجزيرتين إذا اشتدت الرياح.\n\nوبحلول الأحد يُنتظر أن تصفو السماء، وأن تنعم المدن الساحلية بأسبوع "
              "معتدل ومشمس ورياح خفيفة من جهة البحر.")
MARKET_FR = ("Le marché couvert de la vieille ville rouvre ses portes samedi après trois mois de travaux. "
             "Les commerçants ont retrouvé leurs étals rénovés et la mairie promet des horaires élargis "
             "pendant l'été.\n\nLes habitants pourront de nouveau y acheter fruits, poissons et épices "
             "dès huit heures du matin.")
ROW_EN = ("The foreign ministry in Bamako denied that its ambassador had been summoned over the border "
          "dispute, and accused its neighbour of spreading false reports.\n\n"
          "Relations between the two capitals have been tense since the spring.")
ROW_AR = ("نفت وزارة الخارجية في باماكو أن يكون سفيرها قد استُدعي بسبب الخلاف الحدودي، واتهمت جارتها بنشر "
          "أخبار كاذبة.\n\nوتشهد العلاقات بين العاصمتين توترا منذ الربيع.")
VISIT_EN = ("Algeria's army chief of staff arrived in Rome on Monday for talks with his Italian counterpart "
            "on maritime security in the Mediterranean, the defence ministry said.\n\n"
            "The two sides signed a plan for joint naval training next spring.")
VISIT_AR = ("وصل رئيس أركان الجيش الجزائري إلى روما يوم الاثنين في زيارة رسمية يبحث خلالها مع نظيره الإيطالي "
            "الأمن البحري في المتوسط.\n\nووقع الجانبان خطة لتدريب بحري مشترك في الربيع المقبل.")


def _article(text: str, lang: str | None = None) -> Article:
    art = clean(RawDocument(origin="own.json", kind="record", content=text, raw_sha256="0" * 64, lang=lang,
                            title=text.split(".")[0][:60], published="2025-03-04"))
    assert isinstance(art, Article)
    return art


@pytest.mark.parametrize(("text", "expected"), [
    (WEATHER_EN, "keyword"), (WEATHER_AR, "keyword"), (MARKET_FR, "language"), (VISIT_EN, None), (VISIT_AR, None),
])
def test_gate_stops_only_pages_that_cannot_hold_an_event(text: str, expected: str | None) -> None:
    article = _article(text)
    assert gate(article) == expected
    gated = extract_gated(article)
    assert gated.gate == expected
    if expected is None:
        full = extract_article(article)
        assert gated == full and full.events
    else:
        assert not gated.events and not gated.mentions and not gated.claims


@pytest.mark.parametrize("text", [ROW_EN, ROW_AR])
def test_a_statement_without_an_event_is_extracted(text: str) -> None:
    """A diplomatic row holds no alliance event, but its denial is a claim an analyst reads."""
    article = _article(text)
    assert gate(article) is None
    claims = extract_gated(article).claims
    assert claims and any(c.negated for c in claims)


def test_gated_examples_have_no_events_and_the_rest_are_extracted_unchanged() -> None:
    """On every bundled example the gate stops nothing that extraction would have turned into an event."""
    arts = [a for d in iter_documents([str(ROOT / "examples")]) if isinstance(a := clean(d), Article)]
    assert len(arts) >= 10
    for art in arts:
        full = extract_article(art)
        if gate(art) is not None:
            assert not full.events and not full.claims, art.origin
        else:
            assert extract_gated(art) == full


def test_switch_turns_the_gates_off(monkeypatch: pytest.MonkeyPatch) -> None:
    article = _article(WEATHER_EN)
    monkeypatch.setenv("ALLIANCEMAP_NO_GATES", "1")
    assert extract_gated(article).gate is None


def test_ingest_stores_gated_pages_and_counts_them(tmp_path: Path) -> None:
    feed = tmp_path / "mixed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for i, text in enumerate((WEATHER_EN, WEATHER_AR, MARKET_FR, VISIT_EN)):
            fh.write(json.dumps({"url": f"https://news.example/{i}", "title": f"Story {i}", "text": text,
                                 "published": "2025-03-04"}, ensure_ascii=False) + "\n")
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), str(feed)])
    assert result.exit_code == 0, result.output
    assert "4 new" in result.output and "gate: keyword 2, language 1" in result.output
    store = open_store(str(db))
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4  # kept, searchable
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    store.close()


@pytest.mark.parametrize(("text", "lang"), [
    (WEATHER_EN, "en"), (VISIT_EN, "en"), (MARKET_FR, "other"),
    ("Il mercato coperto della città vecchia riapre sabato dopo tre mesi di lavori; i commercianti hanno "
     "ritrovato i loro banchi rinnovati e il comune promette orari più lunghi durante l'estate, con frutta, "
     "pesce e spezie in vendita dalle otto del mattino fino a sera, tutti i giorni tranne il lunedì.", "other"),
    ("Eski şehirdeki kapalı çarşı üç aylık çalışmanın ardından cumartesi günü yeniden açılıyor; esnaf "
     "yenilenen tezgahlarına kavuştu ve belediye yaz boyunca daha uzun çalışma saatleri sözü veriyor, "
     "meyve, balık ve baharat sabah sekizden itibaren satılacak, pazartesi hariç her gün açık.", "other"),
])
def test_function_word_detector_agrees_with_langdetect(text: str, lang: str) -> None:
    share, _ = english_share(text)
    assert (share >= 0.22) == (lang == "en")
    assert detect_lang(text) == _langdetect(text) == lang
