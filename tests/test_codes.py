"""Event codes: the DESIGN.md table as data, row selection, validation and PLOVER contexts."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancemap.codes import (
    CODES_PATH,
    CodeTableError,
    code_event,
    code_for_case,
    code_row,
    code_table,
    load_code_table,
    parse_when,
    plover_context,
)
from alliancemap.model import DOMAINS, EVENT_TYPES, STATUSES, Event, Party


def event(typ: str, status: str = "announced", **attributes) -> Event:
    return Event(type=typ, parties=[Party("LBY", "east"), Party("PAK")], sources=[], status=status,
                 attributes=attributes)


@pytest.mark.parametrize("typ", EVENT_TYPES)
@pytest.mark.parametrize("status", STATUSES)
def test_every_type_and_status_has_a_code(typ: str, status: str) -> None:
    cameo, plover, mode = code_event(event(typ, status))
    assert cameo.isdigit() and len(cameo) in (3, 4)
    assert plover in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID")
    assert mode is None or plover == "CONSULT"


@pytest.mark.parametrize("typ", EVENT_TYPES)
def test_planned_is_intent_coded_agree(typ: str) -> None:
    cameo, plover, mode = code_event(event(typ, "planned"))
    assert plover == "AGREE" and mode is None
    assert cameo == ("036" if typ in ("VISIT", "MEET") else "0312")


@pytest.mark.parametrize(
    ("typ", "status", "attrs", "expected"),
    [
        ("AGREE", "signed", {"instrument": "mou"}, ("057", "SUPPORT", None)),
        ("AGREE", "announced", {"instrument": "agreement"}, ("057", "SUPPORT", None)),
        ("VISIT", "implemented", {}, ("042", "CONSULT", "visit")),
        ("VISIT", "announced", {"side": "host"}, ("043", "CONSULT", "visit")),
        ("MEET", "announced", {"mode": "phone"}, ("041", "CONSULT", "phone")),
        ("MEET", "announced", {"mode": "third_location"}, ("044", "CONSULT", "third-party")),
        ("MEET", "announced", {"mode": "talks"}, ("046", "CONSULT", None)),
        ("MEET", "announced", {}, ("040", "CONSULT", None)),
        ("ARMS_DEAL", "signed", {"instrument": "contract"}, ("057", "SUPPORT", None)),
        ("ARMS_DEAL", "announced", {"instrument": "contract"}, ("057", "SUPPORT", None)),
        ("ARMS_DEAL", "announced", {}, ("0312", "AGREE", None)),
        ("ARMS_DEAL", "announced", {"delivery": True}, ("062", "COOPERATE", None)),
        ("ARMS_DEAL", "implemented", {"aid": True}, ("072", "AID", None)),
        ("ARMS_DEAL", "planned", {"aid": True}, ("0332", "AGREE", None)),
        ("EXERCISE", "implemented", {}, ("062", "COOPERATE", None)),
        ("TRAINING", "implemented", {"trainer": "TUR"}, ("072", "AID", None)),
        ("TRAINING", "implemented", {}, ("062", "COOPERATE", None)),
        ("COMMITTEE", "signed", {"formed": True}, ("057", "SUPPORT", None)),
        ("COMMITTEE", "announced", {"formed": True}, ("0312", "AGREE", None)),
        ("COMMITTEE", "implemented", {"session": True}, ("046", "CONSULT", None)),
        ("COMMITTEE", "implemented", {"session": True, "mode": "third_location"}, ("046", "CONSULT", "third-party")),
    ],
)
def test_cases_of_the_design_table(typ: str, status: str, attrs: dict, expected: tuple) -> None:
    assert code_event(event(typ, status, **attrs)) == expected


def test_false_attribute_does_not_select_a_row() -> None:
    assert code_event(event("ARMS_DEAL", "announced", delivery=False, aid=False))[0] == "0312"


def test_named_cases_and_scores() -> None:
    assert code_for_case("AGREE", "agree_signed").event_scale == 5
    assert code_for_case("MEET", "phone").event_scale == 1.5
    assert code_for_case("TRAINING", "training_provided").quad_code == 2
    assert {r.case for r in code_table()} >= {
        "visit", "host", "meet_in_person", "meet_talks", "phone", "third_location", "agree_signed",
        "arms_sale_contract", "arms_delivery", "military_aid", "exercise_held", "training_provided",
        "training_joint", "committee_formed_signed", "committee_formed", "committee_session"}
    with pytest.raises(KeyError):
        code_for_case("VISIT", "nonexistent")


def test_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="PROTEST"):
        code_row("PROTEST")


def test_parse_when() -> None:
    assert parse_when("*") == ((),)
    assert parse_when("a&status=Signed,planned|b") == (
        (("a", None), ("status", frozenset({"signed", "planned"}))), (("b", None),))
    with pytest.raises(ValueError):
        parse_when("status=")


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = CODES_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "event_codes.tsv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(text: str) -> int:
    return next(i for i, line in enumerate(CODES_PATH.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("AGREE\tagree_signed", "AGREEMENT\tagree_signed", "unknown event type 'AGREEMENT'"),
        ("\t057\tSign formal agreement\tSUPPORT", "\t57x\tSign formal agreement\tSUPPORT", "CAMEO code"),
        ("\tSUPPORT\t-\t1\t5\t", "\tSUPPORT\tvisit\t1\t5\t", "not a mode of SUPPORT"),
        ("\tCOOPERATE\t-\t2\t9.5", "\tCOOPERATE\t-\t1\t9.5", "quad_code of COOPERATE is 2"),
        ("\tmode=phone\t", "\tmode=\t", "no value"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _broken_copy(tmp_path, old, new)
    with pytest.raises(CodeTableError, match=message) as err:
        load_code_table(path)
    assert f"{path}:{_line_of(old)}:" in str(err.value)


def test_a_type_without_fallback_is_rejected(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "AGREE\tagree_signed\t*", "AGREE\tagree_signed\tstatus=signed")
    with pytest.raises(CodeTableError, match="AGREE must have when"):
        load_code_table(path)


def test_plover_context() -> None:
    assert plover_context(["counterterrorism", "training", "drones", "expertise_exchange"]) == [
        "terrorism", "military"]
    assert plover_context(["cybersecurity", "defense_industry", "investment_other"]) == [
        "cyber", "technology", "economic"]
    assert plover_context([]) == []
    assert all(isinstance(plover_context([d]), list) for d in DOMAINS)
    with pytest.raises(ValueError, match="unknown domain"):
        plover_context(["piracy"])
