"""CAMEO and PLOVER codes for alliancemap events, read from ``data/event_codes.tsv``.

The table is DESIGN.md "Event codes" as data. The choice of a row is data too: each row has a
``when`` condition on the event's status and attributes, and within a type the first row that holds
wins, so a reviewer can change a coding decision without touching this module. Note the design's
correction: a signed AGREE is CAMEO 057 with PLOVER SUPPORT, not AGREE.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from alliancemap.model import DOMAINS, EVENT_TYPES, Event

DATA_DIR = Path(__file__).parent / "data"
CODES_PATH = DATA_DIR / "event_codes.tsv"
CONTEXTS_PATH = DATA_DIR / "plover_contexts.tsv"

CODE_COLUMNS = (
    "type", "case", "when", "cameo", "cameo_name", "plover", "plover_mode", "quad_code", "event_scale",
    "split", "context", "source",
)
PLOVER_EVENTS = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID")
CONSULT_MODES = ("visit", "phone", "third-party", "multilateral")
# P §Summary of event categories: verbal cooperation 1, material cooperation 2.
QUAD_CODES = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2}
PLOVER_CONTEXTS = (
    "military", "technology", "intelligence", "cyber", "terrorism", "crime", "trafficking", "illegal_drugs",
    "migration", "territory", "economic", "diplomatic", "peacekeeping", "cbrn",
)

# A condition is a tuple of alternatives; an alternative is a tuple of (key, allowed values or None).
Clause = tuple[str, frozenset[str] | None]
Condition = tuple[tuple[Clause, ...], ...]


class CodeTableError(ValueError):
    """A data file of this module is malformed; the message names the file and line."""


@dataclass(frozen=True)
class CodeRow:
    """One row of the event-code table: how one case of one event type is coded."""

    type: str
    case: str
    when: Condition
    cameo: str
    cameo_name: str
    plover: str
    plover_mode: str | None
    quad_code: int
    event_scale: float
    split: str  # none | first | actor:KEY | recipient:KEY
    context: str | None
    source: str
    line: int

    def matches(self, status: str, attributes: Mapping[str, Any]) -> bool:
        """True when one alternative of ``when`` holds for this status and these attributes."""
        return any(all(_clause_holds(c, status, attributes) for c in alt) for alt in self.when)


def _clause_holds(clause: Clause, status: str, attributes: Mapping[str, Any]) -> bool:
    key, allowed = clause
    value = status if key == "status" else attributes.get(key)
    if allowed is None:
        return bool(value)
    return value is not None and str(value).lower() in allowed


def parse_when(text: str) -> Condition:
    """Parse ``a&b=x,y|c`` into alternatives of clauses; ``*`` is the always-true condition."""
    text = text.strip()
    if text == "*":
        return ((),)
    alternatives = []
    for alt in text.split("|"):
        clauses = []
        for raw in alt.split("&"):
            key, eq, values = raw.strip().partition("=")
            if not key or not key.replace("_", "").isalnum():
                raise ValueError(f"bad clause {raw!r} in {text!r}")
            allowed = frozenset(v.strip().lower() for v in values.split(",") if v.strip()) if eq else None
            if eq and not allowed:
                raise ValueError(f"no value after '=' in {raw!r}")
            clauses.append((key, allowed))
        alternatives.append(tuple(clauses))
    return tuple(alternatives)


def _data_lines(path: Path) -> list[tuple[int, list[str]]]:
    """Non-comment, non-blank lines of a TSV with their 1-based line numbers (header first)."""
    out = []
    with path.open(encoding="utf-8", newline="") as fp:
        for lineno, line in enumerate(fp, start=1):
            if line.strip() and not line.startswith("#"):
                out.append((lineno, line.rstrip("\r\n").split("\t")))
    return out


def _row_from_fields(path: Path, lineno: int, rec: dict[str, str]) -> CodeRow:
    where = f"{path}:{lineno}"
    if rec["type"] not in EVENT_TYPES:
        raise CodeTableError(f"{where}: unknown event type {rec['type']!r} (expected one of {EVENT_TYPES})")
    if not rec["case"].isidentifier():
        raise CodeTableError(f"{where}: case {rec['case']!r} must be a short machine name")
    if not (rec["cameo"].isdigit() and len(rec["cameo"]) in (3, 4)):
        raise CodeTableError(f"{where}: CAMEO code {rec['cameo']!r} must be 3 or 4 digits")
    plover = rec["plover"]
    if plover not in PLOVER_EVENTS:
        raise CodeTableError(f"{where}: PLOVER event {plover!r} not in {PLOVER_EVENTS}")
    mode = None if rec["plover_mode"] in ("", "-") else rec["plover_mode"]
    if mode is not None and (plover != "CONSULT" or mode not in CONSULT_MODES):
        raise CodeTableError(f"{where}: mode {mode!r} is not a mode of {plover} (only CONSULT has {CONSULT_MODES})")
    try:
        quad, scale, when = int(rec["quad_code"]), float(rec["event_scale"]), parse_when(rec["when"])
    except ValueError as exc:
        raise CodeTableError(f"{where}: {exc}") from None
    if quad != QUAD_CODES[plover]:
        raise CodeTableError(f"{where}: quad_code of {plover} is {QUAD_CODES[plover]}, not {quad}")
    split = rec["split"]
    kind, _, key = split.partition(":")
    if not (split in ("none", "first") or (kind in ("actor", "recipient") and key)):
        raise CodeTableError(f"{where}: split {split!r} must be none, first, actor:KEY or recipient:KEY")
    context = None if rec["context"] in ("", "-") else rec["context"]
    if context is not None and context not in PLOVER_CONTEXTS:
        raise CodeTableError(f"{where}: unknown PLOVER context {context!r}")
    return CodeRow(
        type=rec["type"], case=rec["case"], when=when, cameo=rec["cameo"], cameo_name=rec["cameo_name"],
        plover=plover, plover_mode=mode, quad_code=quad, event_scale=scale, split=split, context=context,
        source=rec["source"], line=lineno,
    )


def load_code_table(path: Path = CODES_PATH) -> tuple[CodeRow, ...]:
    """Read and validate an event-code table; raise CodeTableError naming file and line."""
    lines = _data_lines(path)
    if not lines or tuple(lines[0][1]) != CODE_COLUMNS:
        raise CodeTableError(f"{path}: header must be the columns {CODE_COLUMNS}")
    rows: list[CodeRow] = []
    seen: set[tuple[str, str]] = set()
    for lineno, fields in lines[1:]:
        if len(fields) != len(CODE_COLUMNS):
            raise CodeTableError(f"{path}:{lineno}: {len(fields)} columns, expected {len(CODE_COLUMNS)}")
        row = _row_from_fields(path, lineno, dict(zip(CODE_COLUMNS, fields, strict=True)))
        if (row.type, row.case) in seen:
            raise CodeTableError(f"{path}:{lineno}: duplicate case {row.type}/{row.case}")
        seen.add((row.type, row.case))
        rows.append(row)
    for etype in EVENT_TYPES:
        own = [r for r in rows if r.type == etype]
        if not own or own[-1].when != ((),):
            raise CodeTableError(f"{path}: the last row of type {etype} must have when '*' (a fallback)")
    return tuple(rows)


@lru_cache(maxsize=1)
def code_table() -> tuple[CodeRow, ...]:
    """The packaged table, loaded once."""
    return load_code_table(CODES_PATH)


def code_row(etype: str, status: str = "announced", attributes: Mapping[str, Any] | None = None) -> CodeRow:
    """The first row of ``etype`` whose condition holds; ValueError for an unknown type.

    Args:
        etype: an alliancemap event type (VISIT, MEET, …).
        status: Event.status (announced, signed, implemented, planned).
        attributes: Event.attributes ("mode", "instrument", "delivery", "aid", "trainer", "formed", …).
    """
    attributes = attributes or {}
    etype = (etype or "").upper()
    for row in code_table():
        if row.type == etype and row.matches(status or "announced", attributes):
            return row
    raise ValueError(f"no event code for type {etype!r}: expected one of {EVENT_TYPES}")


def code_for_case(etype: str, case: str) -> CodeRow:
    """The row for a named case (``code_for_case("MEET", "phone")``); KeyError when absent."""
    for row in code_table():
        if row.type == etype and row.case == case:
            return row
    raise KeyError(f"{etype}/{case}")


def code_event(event: Event) -> tuple[str, str, str | None]:
    """(cameo, plover, plover_mode) for an event, from its type, status and attributes."""
    row = code_row(event.type, event.status, event.attributes)
    return row.cameo, row.plover, row.plover_mode


@lru_cache(maxsize=1)
def _domain_contexts() -> dict[str, tuple[str, ...]]:
    """The domain → PLOVER context table, validated against model.DOMAINS and PLOVER_CONTEXTS."""
    lines = _data_lines(CONTEXTS_PATH)
    if not lines or lines[0][1][:2] != ["domain", "contexts"]:
        raise CodeTableError(f"{CONTEXTS_PATH}: header must start with domain, contexts")
    table: dict[str, tuple[str, ...]] = {}
    for lineno, fields in lines[1:]:
        where = f"{CONTEXTS_PATH}:{lineno}"
        if len(fields) < 2:
            raise CodeTableError(f"{where}: expected at least 2 columns")
        domain, contexts = fields[0], fields[1]
        if domain not in DOMAINS:
            raise CodeTableError(f"{where}: unknown domain {domain!r}")
        if domain in table:
            raise CodeTableError(f"{where}: duplicate domain {domain!r}")
        values = () if contexts == "-" else tuple(c.strip() for c in contexts.split(","))
        bad = [c for c in values if c not in PLOVER_CONTEXTS]
        if bad:
            raise CodeTableError(f"{where}: unknown PLOVER context {bad[0]!r}")
        table[domain] = values
    missing = [d for d in DOMAINS if d not in table]
    if missing:
        raise CodeTableError(f"{CONTEXTS_PATH}: no row for domain(s) {missing}")
    return table


def plover_context(domains: list[str]) -> list[str]:
    """PLOVER context codes for alliancemap domains, deduplicated in first-seen order.

    ``plover_context(["counterterrorism", "training", "drones"]) == ["terrorism", "military"]``.
    An unknown domain is a bug upstream and raises ValueError.
    """
    table = _domain_contexts()
    out: list[str] = []
    for domain in domains:
        if domain not in table:
            raise ValueError(f"unknown domain {domain!r}: expected one of {DOMAINS}")
        out.extend(c for c in table[domain] if c not in out)
    return out
