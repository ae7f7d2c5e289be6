"""Dyad timelines: what two sides (states or factions) did together, in date order.

Works on exported events (``store.events.exported_events``), so the CLI, the API and a JSON Lines file
all give the same timeline.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from alliancemap.store.queries import parse_party, party_matches

_UNDATED = "9999-99-99"


def parse_side(side: str) -> tuple[str, str | None]:
    """``"LBY:east"`` -> ``("LBY", "east")``; ``"pak"`` / ``"state:PAK"`` -> ``("PAK", None)``."""
    return parse_party(side)


def _matches(party: dict[str, Any], side: tuple[str, str | None]) -> bool:
    return party_matches(party, side)  # any case: LBY:East is LBY:east


def involves(event: dict[str, Any], a: str, b: str) -> bool:
    """True when two different parties of the event stand for side ``a`` and side ``b``."""
    sa, sb = parse_side(a), parse_side(b)
    parties = event.get("parties") or []
    for i, pa in enumerate(parties):
        if not _matches(pa, sa):
            continue
        if any(j != i and _matches(pb, sb) for j, pb in enumerate(parties)):
            return True
    return False


def first_reported(event: dict[str, Any]) -> str | None:
    """The earliest publication date among the event's sources."""
    dates = sorted((s.get("published") or "")[:10] for s in event.get("sources") or [] if s.get("published"))
    return dates[0] if dates else None


def dyad_timeline(events: list[dict[str, Any]], a: str, b: str) -> list[dict[str, Any]]:
    """Events between side ``a`` and side ``b``, dated first by date, undated last by first report.

    Args:
        events: exported events.
        a: "LBY", "LBY:east" or "PAK".
        b: the other side, same forms.

    Returns:
        Copies of the matching events, each with ``first_reported`` added.
    """
    rows = [dict(ev, first_reported=first_reported(ev)) for ev in events if involves(ev, a, b)]
    _place_during(rows)

    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        date = r.get("date") or r.get("during_date")
        return (date is None, date or _UNDATED, r.get("during_date") is not None,
                r["first_reported"] or _UNDATED, r.get("event_id") or "")
    return sorted(rows, key=key)


def newest(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The last ``n`` dated entries of a timeline (``dyad_timeline``'s order kept), then undated ones
    while there is room: a page of a long timeline shows its most recent events."""
    dated = [r for r in rows if r.get("date") or r.get("during_date")]
    if len(dated) >= n:
        return dated[len(dated) - n:]
    return dated + [r for r in rows if not (r.get("date") or r.get("during_date"))][:n - len(dated)]


def _place_during(rows: list[dict[str, Any]]) -> None:
    """An undated event that merge linked to a dated visit of the timeline is shown with that visit.

    Its own date stays empty (the reports do not give one); ``during`` and ``during_date`` only place it.
    """
    dated = {r.get("event_id"): r for r in rows if r.get("date")}
    for row in rows:
        if row.get("date"):
            continue
        for link in row.get("related") or []:
            visit = dated.get(link.get("event_id")) if link.get("relation") == "during" else None
            if visit is not None:
                row["during"], row["during_date"] = visit["event_id"], visit["date"]
                row["during_type"] = visit.get("type")
                break


def _date_cell(row: dict[str, Any]) -> str:
    date = row.get("date")
    if not date and row.get("during_date"):
        return f"undated, during the {row.get('during_type') or 'visit'} of {row['during_date']}"
    if not date:
        seen = row.get("first_reported")
        return f"undated (reported {seen})" if seen else "undated"
    width = {"year": 4, "month": 7}.get(row.get("date_precision") or "day", 10)
    return date[:width]


def _people_cell(row: dict[str, Any]) -> str:
    names = [p.get("name_en") or p.get("name") or p.get("name_ar") or "" for p in row.get("people") or []]
    return ", ".join(n for n in names if n)


def _sources_cell(row: dict[str, Any]) -> str:
    reports = len(row.get("sources") or [])
    n = row.get("n_sources", reports)
    outlets = row.get("n_outlets")
    cell = f"{n} ({outlets} outlets)" if outlets is not None else str(n)
    # syndicated copies count once as sources, but every report is still cited
    return cell + (f", {reports} reports" if reports > n else "")


def render_timeline(rows: list[dict[str, Any]], console: Console) -> None:
    """Print a timeline as a table: date, type, place, people, domains, sources, conflicts (marked !)."""
    table = Table(show_lines=False)
    for name in ("Date", "Type", "Place", "People", "Domains", "Sources", "!"):
        table.add_column(name, overflow="fold")
    for row in rows:
        loc = row.get("location") or {}
        conflicts = sorted((row.get("conflicts") or {}).keys())
        table.add_row(
            _date_cell(row), row.get("type") or "", loc.get("name") or "", _people_cell(row),
            ", ".join(row.get("domains") or []), _sources_cell(row),
            "! " + ", ".join(conflicts) if conflicts else "",
        )
    console.print(table)
