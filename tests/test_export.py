"""Exporters: JSONL round trip, flat CSV, PLOVER records and the registry."""

from __future__ import annotations

import csv
import io
import json

import pytest

from alliancemap.export import (
    CSV_FIELDS,
    EXPORTERS,
    get_exporter,
    plover_record,
    register_exporter,
    write_csv,
    write_jsonl,
    write_plover_jsonl,
)


def visit_event() -> dict:
    """A Libyan (east) chief of staff received in Ankara, reported by two outlets."""
    return {
        "event_id": "ev-7f3a", "type": "VISIT", "cameo": "042", "plover": "CONSULT",
        "parties": [{"actor_id": "lby-lna", "name": "القيادة العامة", "country": "LBY", "faction": "east"},
                    {"actor_id": "tur", "name": "Türkiye", "country": "TUR", "faction": None}],
        "people": [{"actor_id": "p1", "name": "صدام حفتر", "name_ar": "صدام حفتر", "name_en": "Saddam Haftar",
                    "role": "رئيس أركان القوات البرية"},
                   {"actor_id": None, "name": "Yaşar Güler", "name_ar": None, "name_en": "Yaşar Güler",
                    "role": "Minister of National Defence"}],
        "date": "2025-11-20", "date_precision": "day",
        "location": {"name": "Ankara", "country": "TUR"},
        "domains": ["training", "defense_industry"],
        "attributes": {"host": "TUR"}, "status": "implemented",
        "sources": [
            {"article_id": "a1", "url": "https://news-one.test/ar/1", "outlet": "news-one.test",
             "published": "2025-11-20", "sentence": "وصل رئيس الأركان إلى أنقرة، في زيارة رسمية", "start": 12, "end": 52},
            {"article_id": "a2", "url": "https://wire-two.test/en/2", "outlet": "wire-two.test",
             "published": "2025-11-21", "sentence": "He arrived in Ankara, on an official visit", "start": 0, "end": 42},
        ],
        "confidence": 0.85,
    }


def arms_event() -> dict:
    return {
        "event_id": "ev-91bc", "type": "ARMS_DEAL", "cameo": "062", "plover": "COOPERATE",
        "parties": [{"country": "MAR", "faction": None}, {"country": "ISR", "faction": None}],
        "people": [], "date": "2024-07", "date_precision": "month", "location": None,
        "domains": ["arms_procurement", "technology_transfer"],
        "attributes": {"supplier": "ISR", "delivery": True, "value_usd": 1000000000,
                       "systems": ["Ofek 13"]},
        "status": "implemented",
        "sources": [{"article_id": "b1", "url": "https://defense-site.test/x", "outlet": "defense-site.test",
                     "published": "2024-07-15", "sentence": "…", "start": 5, "end": 9}],
        "confidence": 0.6,
    }


def test_jsonl_round_trip_keeps_arabic_unescaped() -> None:
    buf = io.StringIO()
    assert write_jsonl([visit_event(), arms_event()], buf) == 2
    text = buf.getvalue()
    assert "صدام حفتر" in text and "\\u" not in text
    assert [json.loads(line) for line in text.splitlines()] == [visit_event(), arms_event()]


def test_csv_parses_back_with_one_row_per_event() -> None:
    buf = io.StringIO(newline="")
    assert write_csv([visit_event(), arms_event()], buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert len(rows) == 2 and tuple(rows[0]) == CSV_FIELDS
    v, a = rows
    assert (v["party1_country"], v["party1_faction"], v["party2_country"], v["party2_faction"]) == (
        "LBY", "east", "TUR", "")
    assert v["people"] == "صدام حفتر; Yaşar Güler"
    assert json.loads(v["parties"])[0]["name"] == "القيادة العامة"
    assert (v["location"], v["location_country"], v["domains"]) == ("Ankara", "TUR", "training; defense_industry")
    assert (v["n_sources"], v["n_outlets"], v["first_url"]) == ("2", "2", "https://news-one.test/ar/1")
    assert v["urls"].split("; ") == ["https://news-one.test/ar/1", "https://wire-two.test/en/2"]
    assert (a["value_usd"], a["systems"], a["date_precision"], a["location"]) == ("1000000000", "Ofek 13", "month", "")


def test_plover_required_fields_and_codes() -> None:
    rec = plover_record(visit_event())
    for key in ("id", "date", "actor", "event"):
        assert rec[key]
    assert rec["text"] == ""
    assert rec["event"] == ["CONSULT"] and rec["mode"] == ["visit"]
    assert [e["code"] for e in rec["actor"]] == ["LBY"] and [e["code"] for e in rec["recipient"]] == ["TUR"]
    assert rec["actor"][0]["faction"] == "east" and rec["actor"][0]["identifier_id"] == "lby-lna"
    assert rec["context"] == ["military", "technology"]
    assert (rec["quad_code"], rec["event_scale"]) == (1, 4.0)
    assert rec["text_info"] == {"sequence": None, "start": 12, "end": 52, "text_story": "a1"}
    assert rec["cite_info"]["url"] == "https://news-one.test/ar/1"
    assert rec["cite_info"]["publication"] == "news-one.test"
    assert rec["people"][0]["office"] == "رئيس أركان القوات البرية"
    assert (rec["alliancemap_type"], rec["cameo"], rec["confidence"]) == ("VISIT", "042", 0.85)
    assert rec["event_loc"]["city"] == "Ankara" and rec["event_loc"]["country_code"] == "TUR"


def test_plover_delivery_puts_supplier_first_and_requires_recipient() -> None:
    rec = plover_record(arms_event())
    assert [e["code"] for e in rec["actor"]] == ["ISR"] and [e["code"] for e in rec["recipient"]] == ["MAR"]
    assert (rec["quad_code"], rec["event_scale"], rec["mode"]) == (2, 9.5, [])
    assert rec["context"] == ["military", "technology"]
    assert rec["event_loc"] is None
    assert (rec["date"], rec["date_precision"]) == ("2024-07-01", "month")
    exercise = dict(arms_event(), type="EXERCISE", plover="COOPERATE", attributes={})
    rec = plover_record(exercise)
    assert len(rec["actor"]) == 1 and len(rec["recipient"]) == 1  # COOPERATE needs a recipient


def test_plover_signed_agreement_keeps_all_parties_as_actors() -> None:
    agree = dict(visit_event(), type="AGREE", cameo="057", plover="SUPPORT", status="signed",
                 attributes={"instrument": "mou"})
    rec = plover_record(agree)
    assert rec["event"] == ["SUPPORT"] and rec["recipient"] == [] and len(rec["actor"]) == 2
    assert rec["context"][0] == "diplomatic"


def test_plover_jsonl_lines() -> None:
    buf = io.StringIO()
    assert write_plover_jsonl([visit_event(), arms_event()], buf) == 2
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [r["id"] for r in lines] == ["ev-7f3a", "ev-91bc"]
    assert "صدام" in buf.getvalue()


def test_registry() -> None:
    assert set(EXPORTERS) >= {"jsonl", "csv", "plover"}
    assert get_exporter("csv") is write_csv
    with pytest.raises(ValueError, match="jsonl"):
        get_exporter("xlsx")
    with pytest.raises(ValueError, match="already"):
        register_exporter("jsonl", write_jsonl)


def test_empty_input_writes_header_only() -> None:
    buf = io.StringIO()
    assert write_csv([], buf) == 0
    assert buf.getvalue().strip() == ",".join(CSV_FIELDS)
