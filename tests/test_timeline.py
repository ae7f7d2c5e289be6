"""timeline: dyad selection by country or faction, ordering, and the rich table."""

from __future__ import annotations

import pytest
from rich.console import Console

from alliancemap.timeline import dyad_timeline, involves, parse_side, render_timeline


def exported(event_id: str, type_: str, parties: list[tuple[str, str | None]], date: str | None,
             published: list[str], *, precision: str = "day", place: str | None = None,
             conflicts: dict | None = None) -> dict:
    """An exported event in the DESIGN.md contract (only the fields a timeline reads are realistic)."""
    return {
        "event_id": event_id, "type": type_, "cameo": "042", "plover": "CONSULT",
        "parties": [{"actor_id": None, "name": None, "country": c, "faction": f} for c, f in parties],
        "people": [{"actor_id": "Q_saddam", "name": "صدام حفتر", "name_ar": "صدام حفتر",
                    "name_en": "Saddam Haftar", "role": None}],
        "date": date, "date_precision": precision if date else None,
        "location": {"name": place, "country": "PAK"} if place else None,
        "domains": ["training", "military_education"], "attributes": {},
        "sources": [{"article_id": f"a{i}", "url": None, "outlet": f"o{i}", "published": p, "sentence": "",
                     "start": 0, "end": 0} for i, p in enumerate(published)],
        "confidence": 0.75, "status": "announced", "n_sources": len(published), "n_outlets": len(published),
        "conflicts": conflicts or {}, "related": [],
    }


EAST, WEST, PAK, TUR = ("LBY", "east"), ("LBY", "west"), ("PAK", None), ("TUR", None)

EVENTS = [
    exported("nov", "VISIT", [EAST, PAK], "2025-11-02", ["2025-11-03"], place="Rawalpindi"),
    exported("undated-late", "TRAINING", [PAK, EAST], None, ["2025-12-01"]),
    exported("jul", "VISIT", [EAST, PAK], "2025-07-14", ["2025-07-14", "2025-07-15"], place="Rawalpindi",
             conflicts={"location": [{"value": "Rawalpindi"}, {"value": "Islamabad"}]}),
    exported("undated-early", "MEET", [EAST, PAK], None, ["2025-06-20"]),
    exported("jul-month", "AGREE", [PAK, EAST], "2025-07", ["2025-07-30"], precision="month"),
    exported("west", "MEET", [WEST, PAK], "2025-09-01", ["2025-09-02"]),
    exported("turkey", "VISIT", [EAST, TUR], "2025-11-20", ["2025-11-20"]),
    exported("libya-internal", "MEET", [EAST, WEST], "2025-10-01", ["2025-10-01"]),
]


def test_parse_side():
    assert parse_side("LBY:east") == ("LBY", "east")
    assert parse_side("pak") == ("PAK", None)
    with pytest.raises(ValueError, match="country code"):
        parse_side(":east")


def test_dyad_by_faction_orders_dated_then_undated_by_first_report():
    rows = dyad_timeline(EVENTS, "LBY:east", "PAK")
    assert [r["event_id"] for r in rows] == ["jul-month", "jul", "nov", "undated-early", "undated-late"]
    assert rows[1]["first_reported"] == "2025-07-14"


def test_country_side_includes_every_faction_and_order_of_sides_does_not_matter():
    ids = [r["event_id"] for r in dyad_timeline(EVENTS, "PAK", "LBY")]
    assert "west" in ids and "turkey" not in ids
    assert ids == [r["event_id"] for r in dyad_timeline(EVENTS, "LBY", "PAK")]


def test_two_factions_of_one_state_need_two_parties():
    assert [r["event_id"] for r in dyad_timeline(EVENTS, "LBY:east", "LBY:west")] == ["libya-internal"]
    assert not involves(EVENTS[0], "LBY:east", "LBY:west")


def test_render_shows_dates_places_sources_and_conflicts():
    console = Console(record=True, width=200)
    render_timeline(dyad_timeline(EVENTS, "LBY:east", "PAK"), console)
    text = console.export_text()
    lines = [line for line in text.splitlines() if "Rawalpindi" in line]
    assert len(lines) == 2
    jul = next(line for line in lines if "2025-07-14" in line)
    assert "Saddam Haftar" in jul and "2 (2 outlets)" in jul and "! location" in jul
    assert "! location" not in next(line for line in lines if "2025-11-02" in line)
    assert "undated (reported 2025-06-20)" in text
    assert "2025-07 " in text  # month precision is shown as a month


def test_undated_event_during_a_dated_visit_is_placed_with_it():
    visit = exported("jul", "VISIT", [EAST, PAK], "2025-07-18", ["2025-07-18"], place="Rawalpindi")
    navy = dict(exported("navy", "MEET", [EAST, PAK], None, ["2025-07-18"]),
                related=[{"relation": "during", "event_id": "jul"}])
    early = exported("early", "MEET", [EAST, PAK], None, ["2025-06-20"])
    later = exported("aug", "VISIT", [EAST, PAK], "2025-08-02", ["2025-08-02"])
    rows = dyad_timeline([navy, later, early, visit], "LBY:east", "PAK")
    assert [r["event_id"] for r in rows] == ["jul", "navy", "aug", "early"]
    assert rows[1]["date"] is None and rows[1]["during_date"] == "2025-07-18"
    console = Console(record=True, width=200)
    render_timeline(rows, console)
    assert "undated, during the VISIT of 2025-07-18" in console.export_text()


def test_syndicated_copies_are_cited_but_counted_once():
    row = dict(exported("pact", "AGREE", [("SAU", None), PAK], "2025-09-17",
                        ["2025-09-17", "2025-09-17", "2025-09-18", "2025-09-18"]), n_sources=3, n_outlets=3)
    console = Console(record=True, width=200)
    render_timeline([row], console)
    assert "3 (3 outlets), 4 reports" in console.export_text()
