"""The alliance graph over hand-written events and over the bundled examples."""

from __future__ import annotations

import json
import sqlite3

import networkx as nx
import pytest

from alliancemap.graph import AllianceGraph, Tie, alliance_graph, new_partners, partners, to_networkx
from alliancemap.store.queries import dyad_events, list_events, party_events
from tests.desk_data import event, examples_db

EVENTS = [
    event("e1", "2024-03-02", "VISIT", [("LBY", "east"), ("PAK", None)], domains=("training",),
          outlets=("herald", "gate")),
    event("e2", "2025-07-18", "AGREE", [("PAK", None), ("LBY", "east")], domains=("training", "intelligence"),
          outlets=("herald",)),
    event("e3", "2025-09-17", "AGREE", [("SAU", None), ("PAK", None)], domains=("air_defense",),
          outlets=("window", "sada", "watan")),
    event("e4", None, "MEET", [("TUR", None), ("LBY", "west")], outlets=("ufuq",)),
    event("e5", "2025-02-01", "EXERCISE", [("TUR", None), ("LBY", "west"), ("ITA", None)],
          domains=("maritime_security",), outlets=("ufuq",)),
]


def test_ties_gather_types_domains_dates_sources_and_outlets() -> None:
    g = alliance_graph(EVENTS)
    tie = g.tie("PAK", "LBY:east")
    assert tie is not None and tie is g.tie("LBY:east", "PAK")
    assert dict(tie.types) == {"VISIT": 1, "AGREE": 1}
    assert tie.domains["training"] == 2 and tie.domains["intelligence"] == 1
    assert (tie.first_date, tie.last_date) == ("2024-03-02", "2025-07-18")
    assert tie.n_events == 2 and tie.n_sources == 3 and tie.outlets == {"herald", "gate"}
    assert sorted(tie.event_ids) == ["e1", "e2"]
    # a three-party exercise ties every pair; factions are their own nodes
    assert g.tie("ITA", "LBY:west") is not None and g.tie("TUR", "ITA") is not None
    assert g.nodes["LBY:east"]["kind"] == "faction" and "LBY" not in g.nodes


def test_degree_centrality_and_strongest_first() -> None:
    g = alliance_graph(EVENTS)
    assert g.nodes["PAK"]["degree"] == 2 and g.nodes["PAK"]["strength"] == 6
    assert g.nodes["PAK"]["centrality"] == max(n["centrality"] for n in g.nodes.values())
    top = g.strongest(2)
    # equal weight (3 sources each): more events first
    assert [(t.a, t.b) for t in top] == [("LBY:east", "PAK"), ("PAK", "SAU")]
    assert [t.weight for t in g.strongest()] == sorted((t.weight for t in g.strongest()), reverse=True)


def test_filters_period_type_domain_min_sources() -> None:
    assert set(alliance_graph(EVENTS, date_from="2025").ties) == {
        ("LBY:east", "PAK"), ("PAK", "SAU"), ("ITA", "LBY:west"), ("ITA", "TUR"), ("LBY:west", "TUR")}
    assert alliance_graph(EVENTS, date_from="2025-07", date_to="2025-07").tie("PAK", "SAU") is None
    assert set(alliance_graph(EVENTS, types=["agree"]).ties) == {("LBY:east", "PAK"), ("PAK", "SAU")}
    only_int = alliance_graph(EVENTS, domains=["intelligence"])
    assert list(only_int.ties) == [("LBY:east", "PAK")] and only_int.ties[("LBY:east", "PAK")].n_events == 1
    assert list(alliance_graph(EVENTS, min_sources=3).ties) == [("PAK", "SAU")]


def test_partners_answer_who_what_since_when_says_who() -> None:
    rows = partners(alliance_graph(EVENTS), "lby:east")
    assert [r["partner"] for r in rows] == ["PAK"]
    row = rows[0]
    assert row["first_date"] == "2024-03-02" and row["types"] == {"VISIT": 1, "AGREE": 1}
    assert row["outlets"] == ["gate", "herald"] and row["n_sources"] == 3
    # a bare state gathers its factions
    assert {r["partner"] for r in partners(alliance_graph(EVENTS), "state:LBY")} == {"PAK", "TUR", "ITA"}
    with pytest.raises(ValueError):
        partners(alliance_graph(EVENTS), "Libya east")


def test_new_partners_in_a_period() -> None:
    got = new_partners(EVENTS, "2025-01", "2025-12")
    pairs = {(t["a"], t["b"]) for t in got}
    assert ("LBY:east", "PAK") not in pairs  # partners since 2024
    assert ("PAK", "SAU") in pairs and ("ITA", "TUR") in pairs


def test_to_dict_is_json_and_networkx_roundtrips() -> None:
    g = alliance_graph(EVENTS)
    data = json.loads(json.dumps(g.to_dict()))
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert len(data["ties"]) == len(g.ties)
    nxg = to_networkx(g)
    assert nxg.number_of_edges() == len(g.ties)
    assert nxg.edges["PAK", "SAU"]["weight"] == 3
    assert nx.degree(nxg, "PAK") == g.nodes["PAK"]["degree"]


# -- over the bundled examples -------------------------------------------------------------------


@pytest.fixture(scope="module")
def conn():
    c = sqlite3.connect(f"file:{examples_db()}?mode=ro", uri=True)
    yield c
    c.close()


def test_examples_pakistan_partners(conn) -> None:
    evs = list_events(conn)
    g = alliance_graph(evs)
    pak = {r["partner"]: r for r in partners(g, "PAK")}
    assert {"SAU", "LBY:east"} <= set(pak)
    assert pak["LBY:east"]["n_events"] == len(dyad_events(conn, "pak", "lby:EAST"))
    assert g.nodes["PAK"]["n_events"] == len(party_events(conn, "state:PAK"))


def test_queries_party_dyad_either_order_and_cursor(conn) -> None:
    assert dyad_events(conn, "PAK", "LBY:east") == dyad_events(conn, "LBY:east", "PAK")
    assert dyad_events(conn, "pak", "lby:east")
    assert all(any(p["faction"] == "east" for p in e["parties"]) for e in list_events(conn, party="LBY:East"))
    everything = list_events(conn)
    first = list_events(conn, limit=5)
    second = list_events(conn, after=first[-1]["event_id"], limit=5)
    third = list_events(conn, after=(second[-1]["date"], second[-1]["event_id"]), limit=5)
    assert [e["event_id"] for e in first + second + third] == [e["event_id"] for e in everything[:15]]
    with pytest.raises(ValueError):
        list_events(conn, after="no-such-event")
    with pytest.raises(ValueError):
        list_events(conn, party="Pakistan")


def _reference(evs: list[dict], *, party=None, faction=None, type_=None, domain=None, date_from=None,
               date_to=None, min_sources=1) -> list[str]:
    """The filters written out over every exported event, to check the SQL page path against."""
    out = []
    for e in evs:
        ps = e["parties"]
        if party:
            code, _, fac = party.partition(":")
            if not any(p["country"] == code and (not fac or (p["faction"] or "").lower() == fac.lower()) for p in ps):
                continue
        if faction and not any((p["faction"] or "").lower() == faction.lower() for p in ps):
            continue
        if (type_ and e["type"] != type_) or (domain and domain not in e["domains"]):
            continue
        if (date_from or date_to) and not e["date"]:
            continue
        if date_from and e["date"][:len(date_from)] < date_from:
            continue
        if date_to and e["date"][:len(date_to)] > date_to:
            continue
        if e["n_sources"] >= min_sources:
            out.append(e["event_id"])
    return out


@pytest.mark.parametrize("kw", [
    {}, {"party": "PAK"}, {"party": "LBY:east"}, {"party": "LBY"}, {"faction": "EAST"}, {"type_": "MEET"},
    {"domain": "training"}, {"date_from": "2025"}, {"date_from": "2024-04", "date_to": "2024-11"},
    {"min_sources": 2}, {"party": "TUR", "type_": "AGREE", "date_to": "2024-12-31"},
])
def test_sql_page_path_matches_the_filters_written_out(conn, kw) -> None:
    from alliancemap.store.events import exported_events

    expected = _reference(exported_events(conn), **kw)
    assert [e["event_id"] for e in list_events(conn, **kw)] == expected
    pages, after = [], None
    while True:  # pages of 4 through the whole result, undated tail included
        page = list_events(conn, **kw, after=after, limit=4)
        if not page:
            break
        pages += [e["event_id"] for e in page]
        after = page[-1]["event_id"]
    assert pages == expected


def test_ties_of_equal_weight_rank_by_their_last_date():
    """Strongest first; among equals the most recent, an undated tie before all, and a year-precision
    date before the later-precision dates of the same year it prefixes; then by name."""
    last = {"A": "2024-12-31", "B": "2025", "C": "2025-07", "D": None, "E": "2025-07-18", "F": "2025-07"}
    ties = {(k, "Z"): Tie(k, "Z", last_date=d, _unlisted=1, _unlisted_events=1) for k, d in last.items()}
    ties[("G", "Z")] = Tie("G", "Z", last_date="2020", _unlisted=2, _unlisted_events=1)
    order = [t.a for t in AllianceGraph({}, ties).strongest()]
    assert order == ["G", "D", "B", "C", "F", "E", "A"]
