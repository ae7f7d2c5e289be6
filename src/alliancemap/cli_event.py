"""``alliancemap event ID``: one event explained — consensus, each source's own values, why it joined.

Thin front end over ``store.events.event_detail``: the explanation shown is the one the merge stored
(each member's evidence and score, the near misses), not recomputed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from alliancemap.cli_common import db_option, format_option
from alliancemap.store.db import StoreError, open_store
from alliancemap.store.events import event_detail


def _console() -> Console:
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)


def _place(loc: Any) -> str:
    if isinstance(loc, dict):
        return loc.get("name") or ""
    return str(loc or "")


def _people(people: list[dict[str, Any]] | None) -> str:
    return ", ".join(p.get("name_en") or p.get("name") or p.get("name_ar") or "" for p in people or [])


@click.command("event")
@click.argument("event_id")
@format_option("table", "json")
@db_option
def event(event_id: str, fmt: str, db_path: str | None) -> None:
    """Show one event: consensus values, each source with its own values and evidence, near misses.

    An event id the merge has since changed (its reports changed: an earlier report arrived, or two
    events were found to be one) still works: the event is shown under its current id.

    \b
    Example:
        alliancemap event ev_1a2b3c4d5e6f7a8b --format json
    """
    try:
        store = open_store(db_path, create=False)  # a mistyped --db must not leave an empty store
    except StoreError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(1) from exc
    detail = event_detail(store.conn, event_id)
    if detail is None:
        click.echo(f"Error: no event {event_id!r} in this store (list them with: alliancemap export events)",
                   err=True)
        raise SystemExit(1)
    if detail["resolved_from"]:
        click.echo(f"{event_id} is now {detail['event']['event_id']}", err=True)
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=2))
        return
    _print(detail)


def _print(detail: dict[str, Any]) -> None:
    ev, con = detail["event"], _console()
    parties = "+".join(p["country"] + (f":{p['faction']}" if p.get("faction") else "") for p in ev["parties"])
    con.print(f"[bold]{ev['event_id']}[/bold]  {ev['type']}  {parties}  {ev['date'] or 'undated'}"
              f" ({ev['date_precision'] or '-'})  {_place(ev['location']) or 'place unknown'}", markup=True)
    con.print(f"sources {ev['n_sources']}  outlets {ev['n_outlets']}  confidence {ev['confidence']}"
              f"  status {ev['status']}  people: {_people(ev['people']) or '-'}", markup=False)
    for field, values in sorted(ev["conflicts"].items()):
        con.print(f"conflict on {field}: " + "; ".join(f"{v['value']} ({v['n_sources']})" for v in values),
                  markup=False)
    sources = Table("article", "outlet", "own date", "own place", "own people", "domains", title="sources")
    for s in ev["sources"]:
        sources.add_row(s["article_id"][:12], s.get("outlet") or "", s.get("date") or "-", _place(s.get("location")),
                        _people(s.get("people")), ", ".join(s.get("domains") or []))
    con.print(sources)
    members = Table("mention", "article", "score", "evidence", title="why each report joined")
    for m in detail["members"]:
        members.add_row(m["mention_id"][:14], m["article_id"][:12], f"{m['score']:.2f}", "; ".join(m["evidence"]))
    con.print(members)
    misses = Table("mention", "kept apart from", "score", "why", title="near misses")
    for n in detail["near_misses"]:
        misses.add_row(n["mention_id"][:14], f"{n['other_event_id']} {n['other_type'] or ''} {n['other_date'] or ''}",
                       f"{n['score']:.2f}", "; ".join(n["reasons"][-2:]))
    con.print(misses)
