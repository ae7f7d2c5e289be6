"""Our scorer against hand-computed figures and against the reference scorer on the dev set."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from alliancemap.evaluate import format_report, pair_score, prf, score

FIXTURE_SET = Path(__file__).parent / "fixtures" / "evalset"
EVAL_DIR = Path("/work/shared/eval")
DEV = EVAL_DIR / "dev"
REFERENCE = EVAL_DIR / "score.py"

U1 = "https://example-news.test/2025/03/jordan-egypt-border"
U2 = "https://another-wire.test/ar/2025-03-03/mou"
U3 = "https://sports-daily.test/match-report"


def party(country: str, faction: str | None = None) -> dict:
    return {"actor_id": None, "name": country, "country": country, "faction": faction}


def sysev(eid: str, typ: str, parties: list[dict], urls: list[str], **kw) -> dict:
    ev = {"event_id": eid, "type": typ, "parties": parties, "date": None, "date_precision": None,
          "location": None, "domains": [], "people": [],
          "sources": [{"url": u, "article_id": "x", "sentence": "", "start": 0, "end": 0} for u in urls]}
    ev.update(kw)
    return ev


def fixture_events() -> list[dict]:
    """System output for the tiny set; the expected figures below are worked out by hand."""
    day = {"date": "2025-03-03", "date_precision": "day"}
    return [
        sysev("m1", "MEET", [party("JOR"), party("EGY")], [U1], date="2025-03-03", date_precision="month",
              location={"name": "Amman", "country": "JOR"}, domains=["border_security", "training"]),
        sysev("a1", "AGREE", [party("EGY"), party("JOR")], [U1, U2], location={"name": "amman"},
              domains=["border_security"], **day),
        sysev("v1", "VISIT", [party("EGY"), party("JOR")], [U1]),  # optional gold event: neutral
        sysev("x1", "EXERCISE", [party("TUR"), party("LBY", "east")], [U2], domains=["training"]),
        sysev("d1", "ARMS_DEAL", [party("QAT"), party("TUR")], [U2]),  # spurious
        sysev("f1", "MEET", [party("DZA"), party("FRA")], [U3]),  # on the distractor
        sysev("m2", "MEET", [party("EGY"), party("JOR")], [U2], location="Amman", **day),  # split from m1
    ]


def test_fixture_set_hand_computed() -> None:
    r = score(FIXTURE_SET, fixture_events())
    assert (r["articles"], r["system_events"]) == (3, 7)
    # key: 001 hits MEET, AGREE (VISIT optional: neutral); 002 hits AGREE, MEET and EXERCISE standing in
    # for TRAINING, ARMS_DEAL is spurious; 003 (distractor) has one spurious key.
    assert r["key"] == {"tp": 5, "fp": 2, "fn": 0, "precision": 0.714, "recall": 1.0, "f1": 0.833}
    assert r["event"] == {"tp": 5, "fp": 2, "fn": 0, "precision": 0.714, "recall": 1.0, "f1": 0.833}
    assert r["distractor_fp"] == 1
    # dates: m1 has month precision, so 3 of 4; places: x1 has none, so 4 of 5; faction east vs west.
    assert (r["date_acc"], r["date_n"]) == (0.75, 4)
    assert (r["location_acc"], r["location_n"]) == (0.8, 5)
    assert (r["faction_acc"], r["faction_n"]) == (0.0, 1)
    assert r["domain_f1"] == 0.727  # tp 4, fp 1, fn 2
    # merge: the MoU is one system event in both articles (tp); the meeting was split (fn).
    assert r["merge"] == {"pairs_tp": 1, "pairs_fp": 0, "pairs_fn": 1, "precision": 1.0, "recall": 0.5,
                          "f1": 0.667}
    assert r["per_type"] == {"AGREE": {"tp": 2}, "ARMS_DEAL": {"fp": 1}, "EXERCISE": {"tp": 1},
                             "MEET": {"tp": 2, "fp": 1}}


def test_fixture_set_details_and_input_untouched() -> None:
    events = fixture_events()
    events[0].pop("event_id")
    before = json.dumps(events, sort_keys=True)
    r = score(FIXTURE_SET, events, details=True)
    assert json.dumps(events, sort_keys=True) == before
    spurious = {d["id"]: d["spurious"] for d in r["details"]}
    assert spurious == {"002": ["ARMS_DEAL:QAT-TUR"], "003": ["MEET:DZA-FRA"]}


def test_empty_output_scores_zero_not_error() -> None:
    r = score(FIXTURE_SET, [])
    assert r["key"] == {"tp": 0, "fp": 0, "fn": 5, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert r["date_acc"] is None and r["merge"]["f1"] == 0.0


def test_pairing_prefers_date_then_place_then_people() -> None:
    gold = {"date": "2025-03-03", "location": "Amman", "people": ["Ayman Safadi"]}
    by_date = {"date": "2025-03-03T10:00", "location": None}
    by_place_and_name = {"location": {"name": " AMMAN "}, "people": [{"name": "ayman al-safadi"}]}
    assert pair_score(gold, by_date) == 2
    assert pair_score(gold, by_place_and_name) == 2  # place 1 + "ayman" 0.5 + "safadi" 0.5
    assert pair_score(gold, {}) == 0


def test_prf_rounds_after_computing_f1() -> None:
    assert prf(2, 1, 1) == (0.667, 0.667, 0.667)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_format_report_prints_every_section() -> None:
    buf = io.StringIO()
    format_report(score(FIXTURE_SET, fixture_events(), details=True), Console(file=buf, width=120))
    out = buf.getvalue()
    for needle in ("key", "merge (pairs)", "EXERCISE", "faction accuracy", "0.833", "ARMS_DEAL:QAT-TUR"):
        assert needle in out


# --- identical figures to the reference scorer on the dev set -------------------------------------------

def _dev_gold() -> list[tuple[dict, dict]]:
    out = []
    for gp in sorted((DEV / "gold").glob("*.json")):
        art = json.loads((DEV / "articles" / gp.name).read_text(encoding="utf-8"))
        out.append((art, json.loads(gp.read_text(encoding="utf-8"))))
    return out


def _from_gold(art: dict, g: dict, i: int, eid: str | None = None) -> dict:
    factions = g.get("factions") or {}
    return sysev(eid or g.get("ref") or f"{art['id']}-{i}", g["type"],
                 [party(c, factions.get(c)) for c in g["parties"]], [art["url"]], date=g.get("date"),
                 date_precision="day" if g.get("date") else None,
                 location={"name": g["location"], "country": None} if g.get("location") else None,
                 domains=list(g.get("domains") or []), people=[{"name": p} for p in g.get("people") or []])


def _variant(name: str) -> list[dict]:
    rng = random.Random(name)
    pairs = _dev_gold()
    gold = [(a, g, i) for a, gd in pairs for i, g in enumerate(gd["events"])]
    if name == "empty":
        return []
    if name == "perfect":
        return [_from_gold(a, g, i) for a, g, i in gold]
    if name == "partial":
        return [_from_gold(a, g, i) for a, g, i in gold if rng.random() < 0.5]
    if name == "wrong_factions":
        out = [_from_gold(a, g, i) for a, g, i in gold]
        for ev in out:
            for p in ev["parties"]:
                p["faction"] = {"east": "west", "west": None}.get(p["faction"], "east" if rng.random() < .3 else None)
        return out
    if name == "merged":  # over-merge: one event per type and country set
        return [_from_gold(a, g, i, eid=f"{g['type']}-{'-'.join(sorted(g['parties']))}") for a, g, i in gold]
    if name == "split":  # never merged across articles
        return [_from_gold(a, g, i, eid=f"{a['id']}-{i}") for a, g, i in gold]
    if name == "distractors":
        out = [_from_gold(a, g, i) for a, g, i in gold]
        for a, gd in pairs:
            if not gd.get("relevant", True):
                out += [sysev(f"{a['id']}-fp{k}", t, [party("USA"), party(c)], [a["url"]])
                        for k, (t, c) in enumerate([("MEET", "SOM"), ("MEET", "SOM"), ("VISIT", "QAT")])]
        return out
    return _noisy(rng, pairs, gold)


def _noisy(rng: random.Random, pairs: list, gold: list) -> list[dict]:
    """Every kind of mistake at random: types, parties, dates, places, ids, sources, duplicates."""
    urls = [a["url"] for a, _ in pairs]
    out = []
    for a, g, i in gold:
        if rng.random() < 0.2:
            continue
        ev = _from_gold(a, g, i, eid=rng.choice([g.get("ref"), f"{a['id']}-{i}", "shared"]))
        roll = rng.random()
        if roll < 0.15:
            ev["type"] = rng.choice(["MEET", "VISIT", "AGREE", "COMMITTEE", "TRAINING", "EXERCISE"])
        elif roll < 0.25:
            ev["parties"].append(party(rng.choice(["USA", "QAT", "LBY"]), rng.choice([None, "east", "west"])))
        elif roll < 0.35:
            ev["date"] = rng.choice([None, "2025-01-01", (g.get("date") or "2024-05-05")[:7]])
            ev["date_precision"] = rng.choice(["day", "month", None])
        elif roll < 0.45:
            ev["location"] = rng.choice([None, "tripoli", {"name": "Ankara"}, {"name": None}])
        elif roll < 0.5:
            ev.pop("event_id")
        elif roll < 0.55:
            ev.pop("date_precision")
        if rng.random() < 0.2:
            ev["sources"].append({"url": rng.choice(urls)})
        if rng.random() < 0.15:
            ev["domains"] = rng.sample(["training", "intelligence", "drones", "counterterrorism"], 2)
        out.append(ev)
        if rng.random() < 0.1:
            out.append(json.loads(json.dumps(ev)))
    for _ in range(8):
        out.append(sysev(f"noise{rng.random():.6f}", rng.choice(["MEET", "VISIT", "ARMS_DEAL"]),
                         [party("EGY"), party(rng.choice(["USA", "TUR", "SAU"]))], [rng.choice(urls)]))
    rng.shuffle(out)
    return out


VARIANTS = ["perfect", "empty", "partial", "wrong_factions", "merged", "split", "distractors",
            "noisy-1", "noisy-2", "noisy-3", "noisy-4"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer /work/shared/eval is absent")
@pytest.mark.parametrize("variant", VARIANTS)
def test_same_figures_as_reference_scorer(variant: str, tmp_path: Path) -> None:
    events = _variant(variant)
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(REFERENCE), str(DEV), str(path), "--json"],
                          capture_output=True, text=True, check=True)
    expected = json.loads(proc.stdout)
    assert score(DEV, events) == expected
    if variant == "perfect":
        assert expected["key"]["f1"] == 1.0  # the generator really reproduces the gold


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer /work/shared/eval is absent")
def test_variants_are_not_all_alike() -> None:
    """Guards the comparison above: the synthetic files must exercise different figures."""
    f1s = {v: score(DEV, _variant(v))["key"]["f1"] for v in ("perfect", "empty", "partial", "noisy-1")}
    assert len(set(f1s.values())) == 4
    assert score(DEV, _variant("merged"))["merge"]["pairs_fp"] > 0
    assert score(DEV, _variant("split"))["merge"]["pairs_tp"] == 0
    assert score(DEV, _variant("distractors"))["distractor_fp"] > 0
    assert score(DEV, _variant("wrong_factions"))["faction_acc"] < 1.0
