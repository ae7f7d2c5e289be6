"""Actor commands: search, show, merge, split, review doubtful links, check the linker.

Thin front end over ``alliancemap.store.actors`` and ``alliancemap.resolve.link``; the lead registers
``actors`` (a group) and ``actor`` (a command) in the main Click group.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Column, Table

from alliancemap.cli_common import data_console, db_option, styled
from alliancemap.store import actors as store_actors
from alliancemap.store.db import StoreError, open_store

PAIRS = Path(__file__).parent / "resolve" / "data" / "name_pairs.tsv"


def _console() -> Console:
    return data_console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)  # tables stay readable in pipes


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(1)


def _open(db_path: str | None) -> Any:
    try:
        return open_store(db_path, create=False)
    except StoreError as exc:
        _fail(str(exc))


def _jsonl(rec: dict[str, Any]) -> str:
    keep = ("id", "kind", "names", "aliases", "country", "faction", "roles")
    return json.dumps({k: rec.get(k) for k in keep}, ensure_ascii=False)


def _roles_text(rec: dict[str, Any]) -> str:
    return "; ".join(r["role"] for r in rec.get("roles", [])[-2:])


def _print_actors(records: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for rec in records:
            click.echo(_jsonl(rec))
        return
    table = Table("kind", "name", "الاسم", "country", "faction", "aliases", "roles")
    table.columns.insert(0, Column("id", no_wrap=True))
    for rec in records:
        table.add_row(rec["id"], rec["kind"], rec["names"]["en"] or "", rec["names"]["ar"] or "",
                      rec["country"] or "", rec["faction"] or "", str(len(rec["aliases"])), _roles_text(rec))
    _console().print(table)


def _search_options(f: Any) -> Any:
    f = click.option("--country", default=None, help="Only actors of this ISO 3166 alpha-3 country.")(f)
    f = click.option("--kind", type=click.Choice(["person", "organization", "faction", "state"]), default=None,
                     help="Only actors of this kind.")(f)
    f = click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default=None,
                     help="Output format [default: table].")(f)
    f = click.option("--limit", type=click.IntRange(1), default=None,
                     help="Show at most this many [default: 50].")(f)
    return db_option(f)


class _ActorsGroup(click.Group):
    """``actors QUERY`` searches; ``actors merge|split|review|check-links`` are subcommands."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands:
            return "search", self.commands["search"], args
        return super().resolve_command(ctx, args)


@click.group(cls=_ActorsGroup, invoke_without_command=True)
@_search_options
@click.pass_context
def actors(ctx: click.Context, db_path: str | None, fmt: str | None, kind: str | None,
           country: str | None, limit: int | None) -> None:
    """Find actors by any name, in Arabic or Latin script (exact, romanized or fuzzy).

    \b
    Example:
        alliancemap actors "صدام حفتر" --format jsonl
    """
    ctx.obj = {"db_path": db_path, "fmt": fmt, "kind": kind, "country": country, "limit": limit}
    if ctx.invoked_subcommand is None:
        ctx.invoke(search, query=(), db_path=None, fmt=None, kind=None, country=None, limit=None)


@actors.command("search", hidden=True)
@click.argument("query", nargs=-1)
@_search_options
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], db_path: str | None, fmt: str | None,
           kind: str | None, country: str | None, limit: int | None) -> None:
    """Search actors (what `actors QUERY` runs).

    \b
    Example:
        alliancemap actors Haftar --kind person
    """
    parent = ctx.obj or {}
    store = _open(db_path or parent.get("db_path"))
    from alliancemap.store.queries import count_actors

    kind, country = kind or parent.get("kind"), country or parent.get("country")
    limit = limit or parent.get("limit") or 50
    text = " ".join(query).strip()
    wanted = None
    if text:  # a listing needs no name keys, so none of the resolver's imports (0.1 s of start-up)
        from alliancemap.resolve.link import actor_query

        wanted = actor_query(text)
    records = store_actors.search_actors(store.conn, wanted, kind=kind, country=country, limit=limit + 1)
    if text:
        total = None if len(records) > limit else len(records)
    else:
        total = count_actors(store.conn, kind=kind, country=country)
    records = records[:limit]
    _print_actors(records, fmt or parent.get("fmt") or "table")
    if total is None or total > len(records):  # say so when the list stops at the limit
        of = f" of {total}" if total is not None else "; more match"
        click.echo(f"showing {len(records)}{of}, use --limit N to see more", err=True)


def _db_of(ctx: click.Context, db_path: str | None) -> str | None:
    return db_path or (ctx.obj or {}).get("db_path")


@actors.command("merge")
@click.argument("source")
@click.argument("target")
@db_option
@click.pass_context
def merge(ctx: click.Context, source: str, target: str, db_path: str | None) -> None:
    """Merge actor SOURCE into TARGET (undo with `actors split`).

    \b
    Example:
        alliancemap actors merge person:sadam-hafter person:saddam-haftar
    """
    store = _open(_db_of(ctx, db_path))
    try:
        merge_id = store_actors.merge_actors(store.conn, source, target)
    except store_actors.ActorStoreError as exc:
        _fail(str(exc))
    click.echo(f"merged {source} into {target} (merge {merge_id}; undo: alliancemap actors split {merge_id})")


@actors.command("split")
@click.argument("ref")
@db_option
@click.pass_context
def split(ctx: click.Context, ref: str, db_path: str | None) -> None:
    """Undo a merge, by merge id or by the id of an actor involved in it (its last merge).

    \b
    Example:
        alliancemap actors split 3
    """
    store = _open(_db_of(ctx, db_path))
    try:
        merge_id = store_actors.split_actor(store.conn, ref)
    except store_actors.ActorStoreError as exc:
        _fail(str(exc))
    click.echo(f"undid merge {merge_id}")


@actors.command("review")
@click.option("--accept", "accept", type=int, multiple=True, help="Accept doubtful link ID (adds its alias).")
@click.option("--reject", "reject", type=int, multiple=True, help="Reject doubtful link ID.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="Output format.")
@db_option
@click.pass_context
def review(ctx: click.Context, accept: tuple[int, ...], reject: tuple[int, ...], fmt: str,
           db_path: str | None) -> None:
    """List doubtful links waiting for review, or accept/reject them.

    \b
    Example:
        alliancemap actors review --accept 12 --reject 13
    """
    store = _open(_db_of(ctx, db_path))
    if accept or reject:
        try:
            for link_id in accept:
                store_actors.review_link(store.conn, link_id, True)
            for link_id in reject:
                store_actors.review_link(store.conn, link_id, False)
        except store_actors.ActorStoreError as exc:
            _fail(str(exc))
        click.echo(f"accepted {len(accept)}, rejected {len(reject)}")
        return
    rows = store_actors.review_queue(store.conn)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table("link", "article", "written", "actor", "score", "reason")
    for r in rows:
        table.add_row(str(r["link_id"]), r["article_id"][:10], r["text"], r["actor_id"], f"{r['score']:.2f}",
                      r["reason"])
    _console().print(table)


@actors.command("check-links")
@click.argument("pairs_tsv", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--kb/--no-kb", "use_kb", default=False, help="Link against the knowledge base too.")
@click.option("--show-errors", is_flag=True, help="List the pairs the linker gets wrong.")
def check_links(pairs_tsv: str | None, use_kb: bool, show_errors: bool) -> None:
    """Precision/recall/F1 of "linked to the same actor" on a pairs file (default: the bundled set).

    \b
    Example:
        alliancemap actors check-links --show-errors
    """
    from alliancemap.resolve.link import ActorRegistry, evaluate_pairs, read_pairs

    try:
        pairs = read_pairs(pairs_tsv or str(PAIRS))
    except ValueError as exc:
        _fail(str(exc))
    registry = ActorRegistry()
    if use_kb:
        from alliancemap.resolve.kb import load_kb

        registry = ActorRegistry.from_kb(load_kb())
    s = evaluate_pairs(pairs, registry)
    click.echo(f"pairs {len(pairs)}  tp {s.tp}  fp {s.fp}  fn {s.fn}  tn {s.tn}")
    click.echo(f"precision {s.precision:.3f}  recall {s.recall:.3f}  f1 {s.f1:.3f}")
    if show_errors:
        for e in s.errors:
            kind = "missed" if e["same"] else "wrong"
            click.echo(f"{kind}\t{e['a']}\t{e['b']}\t{e['score']}\t{e['reason']}\t{e['note']}")


def _add_party_view(conn: Any, rec: dict[str, Any]) -> None:
    """A state or faction takes part in events as a party, not as a person: list those and its partners."""
    from alliancemap.graph import alliance_graph, partners
    from alliancemap.store.queries import party_events, party_label

    party = party_label(rec["country"], rec["faction"] if rec["kind"] == "faction" else None)
    evs = party_events(conn, party)
    rec["party"] = party
    rec["events"] = [{"event_id": e["event_id"], "type": e["type"], "date": e["date"]} for e in evs]
    rec["ties"] = partners(alliance_graph(evs), party)
    rec["partners"] = [{"country": t["partner"].partition(":")[0], "faction": t["partner"].partition(":")[2] or None,
                        "events": t["n_events"]} for t in rec["ties"]]


def _print_partner_table(con: Console, rows: list[dict[str, Any]], title: str) -> None:
    """One row a partner: on what, since when, says who."""
    table = Table(title=title)
    for name in ("partner", "types", "domains", "first", "last", "events", "sources", "outlets"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(r["partner"], ", ".join(f"{k} {v}" for k, v in r["types"].items()),
                      ", ".join(r["domains"]), r["first_date"] or "undated", r["last_date"] or "",
                      str(r["n_events"]), str(r["n_sources"]), ", ".join(r["outlets"]))
    con.print(table)


@click.command("actor")
@click.argument("actor_id")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@db_option
def actor(actor_id: str, fmt: str, db_path: str | None) -> None:
    """Show one actor: names, aliases, roles over time, events and co-partners.

    \b
    Example:
        alliancemap actor person:saddam-haftar
    """
    store = _open(db_path)
    rec = store_actors.get_actor(store.conn, actor_id)
    if rec is not None and rec["kind"] in ("state", "faction"):
        _add_party_view(store.conn, rec)
    if rec is None:
        _fail(f"unknown actor id {actor_id!r} (find it with: alliancemap actors QUERY)")
    if fmt == "json":
        click.echo(json.dumps(rec, ensure_ascii=False, indent=2))
        return
    con = _console()
    con.print(styled((rec["names"]["en"] or "", "bold"), f"  {rec['names']['ar'] or ''}  ({rec['id']}, {rec['kind']})"))
    con.print(f"country {rec['country'] or '-'}  faction {rec['faction'] or '-'}  sector {rec['sector'] or '-'}"
              f"  wikidata {rec['wikidata'] or '-'}")
    con.print("aliases: " + " | ".join(rec["aliases"]))
    roles = Table("role", "first seen", "last seen", "sources")
    for r in rec["roles"]:
        outlets = sorted({s["outlet"] or s["article_id"][:10] for s in r.get("sources", [])})
        roles.add_row(r["role"], r["first_seen"] or "", r["last_seen"] or "",
                      ", ".join(outlets) or str(len(r["articles"])))
    con.print(roles)
    if rec["events"]:
        events = Table("event", "type", "date")
        for e in rec["events"]:
            events.add_row(e["event_id"], e["type"], e["date"] or "")
        con.print(events)
    if rec.get("ties"):
        _print_partner_table(con, rec["ties"], f"partners of {rec['party']}")
    elif rec["partners"]:
        con.print("co-partners: " + ", ".join(f"{p['country']}{'/' + p['faction'] if p['faction'] else ''}"
                                              f" ({p['events']})" for p in rec["partners"]))
